/**
 * Named regions in model sources. A region is the lines between `// #region name` and
 * `// #endregion` (the convention VS Code folds); regions may nest, and marker lines of any region
 * are dropped from what a note shows. Pure: used by the remark plugin and by its tests.
 */
const START = /^\s*\/\/\s*#region\s+([\w-]+)\s*$/;
const END = /^\s*\/\/\s*#endregion\b.*$/;

/** Names of all regions in a source file, in order of appearance. */
export function regionNames(source: string): string[] {
  return source.split('\n').flatMap((line) => START.exec(line)?.[1] ?? []);
}

/** The code of one region (or the whole file when name is undefined), markers removed, dedented. */
export function extractRegion(source: string, name: string | undefined): string | undefined {
  const lines = source.split('\n');
  let inside = name === undefined;
  let depth = 0;
  let found = name === undefined;
  const out: string[] = [];
  for (const line of lines) {
    const start = START.exec(line);
    if (start) {
      if (inside) depth++;
      else if (start[1] === name) {
        inside = true;
        found = true;
        depth = 0;
      }
      continue;
    }
    if (END.test(line)) {
      if (inside && name !== undefined) {
        if (depth === 0) inside = false;
        else depth--;
      }
      continue;
    }
    if (inside) out.push(line);
  }
  return found ? dedent(trimBlankLines(out)).join('\n') : undefined;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^ */.exec(l)![0].length)));
}
