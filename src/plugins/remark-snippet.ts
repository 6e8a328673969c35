import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { extractRegion, regionNames } from './snippet-regions.ts';
import { lineInFile } from './source-line.ts';

export interface RemarkSnippetOptions {
  /** Folder the `snippet="…"` paths are relative to. */
  root?: string;
}

/**
 * Embeds tested model code into a note, so the page shows exactly the code the tests run.
 *
 * In:  ```ts snippet="quorums/register.ts#read-path" {3}
 *      ```
 * Out: the same fence holding the lines of region `read-path` of snippets/quorums/register.ts
 *      (region markers removed, dedented), titled with the file's path and, for a runnable model,
 *      carrying the command that runs it (`run="npm run snippet -- quorums"`) for the code frame.
 *
 * A missing file or region stops the build, naming the note, its line and the regions the file has.
 */
export default function remarkSnippet(options: RemarkSnippetOptions = {}) {
  const root = resolve(options.root ?? 'snippets');
  return (tree: Root, file: VFile) => {
    visit(tree, 'code', (node) => {
      const spec = /(?:^|\s)snippet="([^"]*)"/.exec(node.meta ?? '')?.[1];
      if (spec !== undefined) embed(node, spec, root, file);
    });
  };
}

function embed(node: Code, spec: string, root: string, file: VFile): void {
  const where = `${file.path}:${lineInFile(file, node.position?.start.line ?? 0)}`;
  const fail = (message: string): never => file.fail(`${where}: ${message}`, node);
  const [path = '', region] = spec.split('#');
  const absolute = resolve(root, path);
  if (!path || !absolute.startsWith(root + sep)) fail(`snippet="${spec}" must name a file inside snippets/, like snippet="quorums/register.ts#read-path".`);
  if (node.value.trim() !== '') fail(`a snippet fence must be empty: its code comes from snippets/${path}. Delete the lines inside the fence.`);
  if (!existsSync(absolute)) fail(`snippet file snippets/${path} does not exist. ${siblingsHint(absolute, root)}`);
  const source = readFileSync(absolute, 'utf8');
  const code = extractRegion(source, region);
  if (code === undefined) {
    const names = regionNames(source);
    fail(
      `snippets/${path} has no region "${region}". ` +
        (names.length ? `Its regions: ${names.join(', ')}.` : 'It has no regions: mark one with // #region name … // #endregion.'),
    );
  }
  node.value = code!;
  node.lang ??= path.split('.').pop() ?? 'text';
  const model = relative(root, absolute).split(sep)[0]!;
  const runnable = existsSync(join(root, model, 'demo.ts'));
  const meta = (node.meta ?? '').replace(/(?:^|\s)snippet="[^"]*"/, '').trim();
  node.meta = [meta, `title="snippets/${path}"`, runnable ? `run="npm run snippet -- ${model}"` : ''].filter(Boolean).join(' ');
}

function siblingsHint(absolute: string, root: string): string {
  const dir = absolute.slice(0, absolute.lastIndexOf(sep));
  if (!existsSync(dir)) return `There is no folder ${relative(process.cwd(), dir)}.`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  return `Files in ${relative(process.cwd(), dir) || relative(process.cwd(), root)}: ${files.join(', ') || '(none)'}.`;
}
