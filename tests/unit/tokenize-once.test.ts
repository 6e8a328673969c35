import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHighlighter, type BundledLanguage } from 'shiki';
import { INITIAL, type StateStack } from 'shiki/textmate';
import { THEMES } from '../../src/plugins/highlight/shiki-options.ts';
import { tokenizeOnce, type TokenizingGrammar } from '../../src/plugins/highlight/tokenize-once.ts';
import { generateNotes } from '../../scripts/bench/generate-notes.ts';
import { findRegions } from '../../scripts/bench/find-regions.ts';

/**
 * tokenize-once.ts answers Shiki's second theme from the first theme's tokenization. Its promise is
 * that nothing changes: for every line, in either theme, in either order, the tokens are exactly what
 * vscode-textmate's own tokenizeLine2 gives.
 */
const FENCE = /^```([\w-]+)[^\n]*\n([\s\S]*?)^```/gm;

function fencesIn(dir: string): Array<[string, string]> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(FENCE)].map((m): [string, string] => [m[1]!, m[2]!]));
}

const samples = Object.entries(JSON.parse(readFileSync('tests/fixtures/highlight/samples.json', 'utf8')) as Record<string, string>);
const notebook = [...fencesIn('content/notes'), ...fencesIn('content/concepts')].filter(([lang]) => !['mermaid', 'text', 'history-viewer'].includes(lang)); // the build draws or replaces these, Shiki never sees them
const generated = generateNotes({ count: 30, regions: findRegions('snippets') }).flatMap((n) => [...n.text.matchAll(FENCE)].map((m): [string, string] => [m[1]!, m[2]!]));
const blocks: Array<[string, string]> = [...samples, ...notebook, ...generated];

const highlighter = await createHighlighter({ themes: Object.values(THEMES), langs: [...new Set(blocks.map(([lang]) => lang))] as BundledLanguage[] });
const grammarFor = (lang: string) => highlighter.getLanguage(lang) as unknown as TokenizingGrammar;

function tokensByLine(grammar: TokenizingGrammar, code: string): number[][] {
  let state: StateStack = INITIAL;
  return code.split('\n').map((line) => {
    const result = grammar.tokenizeLine2(line, state);
    state = result.ruleStack;
    return [...result.tokens];
  });
}

describe('tokenizing once for two themes', () => {
  it('covers the notebook, generated notes and other languages', () => {
    expect(notebook.length).toBeGreaterThan(10);
    expect(new Set(blocks.map(([lang]) => lang)).size).toBeGreaterThan(12);
  });

  for (const order of [[THEMES.light, THEMES.dark], [THEMES.dark, THEMES.light]]) {
    it(`gives exactly the tokens of tokenizeLine2, themes in the order ${order.join(', ')}`, () => {
      for (const [lang, code] of blocks) {
        const once = tokenizeOnce(grammarFor(lang));
        for (const theme of order) {
          highlighter.setTheme(theme);
          expect(tokensByLine(once, code), `${lang} block in ${theme}:\n${code.slice(0, 200)}`).toEqual(tokensByLine(grammarFor(lang), code));
        }
      }
    });
  }

  it('tokenizes each line once, whatever the number of themes', () => {
    const grammar = grammarFor('ts');
    let calls = 0;
    const counting = Object.create(grammar) as TokenizingGrammar;
    counting.tokenizeLine = (...args) => (calls++, grammar.tokenizeLine(...args));
    const once = tokenizeOnce(counting);
    const code = samples.find(([lang]) => lang === 'ts')![1];
    for (const theme of Object.values(THEMES)) {
      highlighter.setTheme(theme);
      tokensByLine(once, code);
    }
    expect(calls).toBe(code.split('\n').length);
  });
});
