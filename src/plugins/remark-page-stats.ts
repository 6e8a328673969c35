import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { setPageData } from './page-data.ts';

/**
 * Counts the prose words (for reading time) and code blocks of a note.
 *
 * In:  a note with 1,150 words of prose and two ```ts fences
 * Out: file.data.astro.frontmatter = { …, words: 1150, codeBlocks: 2 }
 */
export default function remarkPageStats() {
  return (tree: Root, file: VFile) => {
    let words = 0;
    let codeBlocks = 0;
    visit(tree, (node) => {
      if (node.type === 'code') {
        if (node.lang !== 'mermaid') codeBlocks++;
        return SKIP;
      }
      if (node.type === 'text' || node.type === 'inlineCode') words += countWords(node.value);
      return undefined;
    });
    setPageData(file, { words, codeBlocks });
  };
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
