import { readFileSync } from 'node:fs';
import type { VFile } from 'vfile';

/**
 * Astro hands our plugins a note's body without its frontmatter and trimmed (content-entry-type.js:
 * `content.trim()`), so positions count from the first non-blank line after the frontmatter. Errors
 * should point at the line a contributor sees in their editor: add the frontmatter's length and the
 * blank lines after it back. Only called on the error path.
 */
export function lineInFile(file: VFile, bodyLine: number): number {
  try {
    if (!file.path) return bodyLine;
    const text = readFileSync(file.path, 'utf8');
    if (file.value && text === String(file.value)) return bodyLine;
    const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
    if (!match) return bodyLine;
    const blank = /^\s*/.exec(text.slice(match[0].length))![0];
    return bodyLine + match[0].split('\n').length - 1 + blank.split('\n').length - 1;
  } catch {
    return bodyLine;
  }
}
