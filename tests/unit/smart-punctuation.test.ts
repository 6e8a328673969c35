import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkSmartPunctuation from '../../src/plugins/remark-smart-punctuation.ts';

/**
 * remark-smart-punctuation.ts replaces Astro's `smartypants` step for speed. The specification is
 * that step itself: for any Markdown, both must produce the same HTML.
 */
const astroStep = createMarkdownProcessor({ syntaxHighlight: false, smartypants: true });
const ours = createMarkdownProcessor({ syntaxHighlight: false, smartypants: false, remarkPlugins: [remarkSmartPunctuation] });
const render = async (processor: typeof ours, markdown: string) => (await (await processor).render(markdown)).code;

// Words and the punctuation smart quotes, dashes and ellipses react to, in the inline constructs a
// quote can span (links, emphasis, code) and the blocks that start a fresh quote (headings, tables).
const word = fc.constantFrom('quorum', 'log', "it's", 'rock', "'n'", 'roll', '1990s', "'90s", "'s", 'x', 'A.B.', 'Done.', 'done');
const mark = fc.constantFrom('"', "'", '--', '---', '...', '. . .', '..', '``', "''", '-', '.', ',', '(', ')', '“', '’');
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 6, arbitrary: mark },
  { weight: 1, arbitrary: word.map((w) => `[${w}](/x/)`) },
  { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: word.map((w) => `**"${w}"**`) },
  { weight: 1, arbitrary: word.map((w) => `\`${w} "code" --\``) },
);
const line = fc.array(inline, { minLength: 1, maxLength: 12 }).chain((parts) =>
  fc.array(fc.constantFrom('', ' '), { minLength: parts.length, maxLength: parts.length }).map((gaps) => parts.map((p, i) => p + gaps[i]).join('').trim() || 'x'),
);
const block = fc.oneof(
  { weight: 4, arbitrary: line },
  { weight: 1, arbitrary: line.map((l) => `## ${l}`) },
  { weight: 1, arbitrary: fc.tuple(line, line).map(([a, b]) => `| ${a.replaceAll('|', '')} | h |\n| --- | --- |\n| ${b.replaceAll('|', '')} | c |`) },
  { weight: 1, arbitrary: line.map((l) => `- ${l}\n- "${l}"`) },
  { weight: 1, arbitrary: line.map((l) => `> ${l}`) },
  { weight: 1, arbitrary: line.map((l) => '```\n' + l + '\n```') },
);
const documents = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => blocks.join('\n\n'));

describe('smart punctuation', () => {
  it('renders any document exactly as Astro\'s smartypants step does', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (markdown) => {
        expect(await render(ours, markdown)).toBe(await render(astroStep, markdown));
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });

  it('curls quotes that open before a link and close after it, and turns dashes and dots into their characters', async () => {
    const html = await render(ours, 'She said "see [the log](/x/) first" -- then waited...');
    expect(html).toBe('<p>She said “see <a href="/x/">the log</a> first” — then waited…</p>');
  });

  it('decides a quote at the start of a block from the block before it, even one with no quotes', async () => {
    // Mid-sentence after the heading, `'s` opens; at the start of a sentence it closes (retext-smartypants).
    for (const markdown of ["## Heading\n\n's are fine", "Done.\n\n's are fine", "## Heading\n\nit's \"fine\"\n\n's are fine"]) {
      expect(await render(ours, markdown)).toBe(await render(astroStep, markdown));
    }
  });

  it('leaves code alone', async () => {
    expect(await render(ours, '`"a" -- b...`')).toBe('<p><code>"a" -- b...</code></p>');
  });
});
