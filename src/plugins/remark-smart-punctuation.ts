import type { Root, Text, InlineCode } from 'mdast';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';

/**
 * Curly quotes, em dashes and ellipses in prose: what Astro's default `smartypants` step does
 * (remark-smartypants, both built on retext-smartypants), with the same output, at a fraction of the
 * cost. remark-plugins.ts turns Astro's step off and runs this one in its place.
 *
 * Quotes are decided over a whole block at once, so a quote that opens before a link or bold text
 * and closes after it pairs up: the text of every paragraph, heading and table cell is joined (inline
 * code stands in as letters, and a space starts each block), converted once, and cut back into the
 * nodes it came from. Dashes and ellipses change the length of the text, so they are done afterwards,
 * node by node. That second pass parses each text node as natural language, and it was most of the
 * cost (about 3 s of a 1000-note build); here it runs only on the few nodes that contain `--`, dots
 * in a row or doubled backticks, the only input it can change.
 */
const quotes = retext().use(retextSmartypants, { ellipses: false, dashes: false, backticks: false });
const rest = retext().use(retextSmartypants, { quotes: false });
const REST_CAN_CHANGE = /--|\.\s*\.|``|''/;

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

export default function remarkSmartPunctuation() {
  return (tree: Root) => {
    const pieces: Array<Text | InlineCode | 'block'> = [];
    let joined = '';
    visit(tree, (node, _index, parent) => {
      if (!parent) return;
      if (node.type === 'text' || node.type === 'inlineCode') {
        pieces.push(node);
        // Code is never changed, but its length keeps the cut points right and it reads as a word.
        joined += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
      } else if (BLOCKS.has(node.type)) {
        pieces.push('block');
        joined += ' ';
      }
    });
    const converted = String(quotes.processSync(joined));
    let at = 0;
    for (const piece of pieces) {
      if (piece === 'block') {
        at += 1;
        continue;
      }
      const end = at + piece.value.length;
      if (piece.type === 'text') {
        const text = converted.slice(at, end);
        piece.value = REST_CAN_CHANGE.test(text) ? String(rest.processSync(text)) : text;
      }
      at = end;
    }
  };
}
