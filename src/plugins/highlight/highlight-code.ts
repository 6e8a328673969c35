import type { Element } from 'hast';
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki';
import { codeToHast } from '@shikijs/core';
import { THEMES, transformers } from './shiki-options.ts';
import { tokenizeOnce, type TokenizingGrammar } from './tokenize-once.ts';

export interface HighlightRequest {
  readonly code: string;
  readonly lang: string;
  readonly meta: string;
}

/** Languages that are shown as plain text, without a grammar. */
const PLAIN = new Set(['', 'text', 'txt', 'plaintext', 'plain']);

/**
 * One Shiki highlighter for the whole process, loading each grammar the first time a block needs it.
 * Returns the framed block as a hast element (a tree, not an HTML string, so the page pipeline does
 * not parse it again). An unknown language is an error the caller turns into a build error that names
 * the note and line.
 */
export function createCodeHighlighter(): (request: HighlightRequest) => Promise<Element> {
  let highlighter: Promise<Highlighter> | undefined;
  return async ({ code, lang, meta }) => {
    const hl = await (highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: [] }));
    const language = PLAIN.has(lang) ? 'text' : lang;
    if (language !== 'text' && !hl.getLoadedLanguages().includes(language)) {
      if (!(language in bundledLanguages)) throw new Error(`unknown code language "${lang}"`);
      await hl.loadLanguage(language as BundledLanguage);
    }
    // Shiki's own pipeline, except that the block's grammar tokenizes each line once for both themes.
    const primitive = hl.getInternalContext();
    const grammar = language === 'text' ? undefined : primitive.getLanguage(language);
    const once = grammar && tokenizeOnce(grammar as unknown as TokenizingGrammar);
    const oneTokenization = Object.create(primitive) as typeof primitive;
    oneTokenization.getLanguage = (name) => {
      const asked = primitive.getLanguage(name);
      return asked === grammar ? (once as unknown as typeof asked) : asked;
    };
    const root = codeToHast(oneTokenization, code.replace(/\n$/, ''), {
      lang: language,
      themes: THEMES,
      defaultColor: false,
      meta: { __raw: meta },
      transformers: transformers(),
      // Shiki gives up on a line after 500 ms by default and leaves the rest of the block uncoloured, so
      // on a busy machine the same note could build differently. No limit: the same input, the same page.
      tokenizeTimeLimit: 0,
    });
    return root.children[0] as Element;
  };
}
