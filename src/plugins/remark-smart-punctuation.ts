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
 * in a row or doubled backticks, the only input it can change. The quotes pass, likewise, takes only
 * the blocks that contain a quote, when that cannot change the result (see below).
 */
const quotes = retext().use(retextSmartypants, { ellipses: false, dashes: false, backticks: false });
const rest = retext().use(retextSmartypants, { quotes: false });
const REST_CAN_CHANGE = /--|\.\s*\.|``|''/;
const QUOTE = /["']/;
// A block is converted on its own, without the blocks around it, only if it starts with a word; see below.
const STARTS_WITH_WORD = /^\s*[\p{L}\p{N}]/u;

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

interface Block {
  /** The block's text as the whole-note pass sees it (a space, then its pieces, code as letters); quotes curled once converted. */
  text: string;
  pieces: Array<Text | InlineCode>;
}

export default function remarkSmartPunctuation() {
  return (tree: Root) => {
    let block: Block = { text: '', pieces: [] };
    const blocks = [block];
    visit(tree, (node, _index, parent) => {
      if (!parent) return;
      if (node.type === 'text' || node.type === 'inlineCode') {
        block.pieces.push(node);
        // Code is never changed, but its length keeps the cut points right and it reads as a word.
        block.text += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
      } else if (BLOCKS.has(node.type)) {
        blocks.push((block = { text: ' ', pieces: [] }));
      }
    });
    // The pass parses the text as natural language and walks it: most of this plugin's cost. A block with
    // no quote in it cannot change, so it is left out when that changes nothing for the others. Whether a
    // quote opens or closes depends on its neighbours in its sentence (retext-smartypants' quotesDefault),
    // and a sentence reaches back into the previous block only through its first words: a block that
    // starts with punctuation (a quote, a bracket, a stray full stop) may join the sentence before it, or
    // not, depending on what that is. Then the whole note goes through, as Astro's step does.
    const quoted = blocks.filter((b) => QUOTE.test(b.text));
    const converting = quoted.every((b) => STARTS_WITH_WORD.test(b.text)) ? quoted : blocks;
    const converted = converting.length > 0 ? String(quotes.processSync(converting.map((b) => b.text).join(''))) : '';
    let from = 0;
    for (const b of converting) {
      const end = from + b.text.length;
      b.text = converted.slice(from, end);
      from = end;
    }
    for (const b of blocks) {
      let at = b === blocks[0] ? 0 : 1;
      for (const piece of b.pieces) {
        const end = at + piece.value.length;
        if (piece.type === 'text') {
          const value = b.text.slice(at, end);
          piece.value = REST_CAN_CHANGE.test(value) ? String(rest.processSync(value)) : value;
        }
        at = end;
      }
    }
  };
}
