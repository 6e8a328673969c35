import { readFileSync } from 'node:fs';
import type { VFile } from 'vfile';

/**
 * Astro hands our plugins a note's body without its frontmatter, so positions count from the end of
 * the frontmatter. Errors should point at the line a contributor sees in their editor: add the
 * frontmatter's length back. Only called on the error path.
 */
export function lineInFile(file: VFile, bodyLine: number): number {
  try {
    if (!file.path) return bodyLine;
    const text = readFileSync(file.path, 'utf8');
    if (file.value && text === String(file.value)) return bodyLine;
    const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
    return match ? bodyLine + match[0].split('\n').length - 1 : bodyLine;
  } catch {
    return bodyLine;
  }
}
