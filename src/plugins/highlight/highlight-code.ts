import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { bundledLanguages, bundledThemes, createOnigurumaEngine, type BundledLanguage } from 'shiki';
import { codeToHast, createShikiPrimitiveAsync, type ShikiPrimitive } from 'shiki/core';
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
 * One Shiki instance for the whole process, loading each grammar the first time a block needs it.
 * Returns the framed block as HTML, serialised as Astro's pipeline serialises a page (rehype-stringify
 * with dangerous HTML allowed), which the page takes as it is (html-fragments.ts). An unknown language
 * is an error the caller turns into a build error that names the note and line.
 *
 * Built from Shiki's primitive and its `codeToHast` (shiki/core) rather than a Highlighter, so that
 * the block's grammar can be swapped for one that tokenizes each line once for both themes
 * (tokenize-once.ts); everything else is Shiki's own pipeline.
 */
export function createCodeHighlighter(): (request: HighlightRequest) => Promise<string> {
  let shiki: Promise<ShikiPrimitive> | undefined;
  return async ({ code, lang, meta }) => {
    const primitive = await (shiki ??= createShikiPrimitiveAsync({
      themes: Object.values(THEMES).map((theme) => bundledThemes[theme]),
      langs: [],
      engine: createOnigurumaEngine(import('shiki/wasm')),
    }));
    const language = PLAIN.has(lang) ? 'text' : lang;
    if (language !== 'text' && !primitive.getLoadedLanguages().includes(language)) {
      if (!(language in bundledLanguages)) throw new Error(`unknown code language "${lang}"`);
      await primitive.loadLanguage(bundledLanguages[language as BundledLanguage]);
    }
    const grammar = language === 'text' ? undefined : primitive.getLanguage(language);
    const once = grammar && tokenizeOnce(grammar as unknown as TokenizingGrammar);
    const oneTokenization = Object.create(primitive) as ShikiPrimitive;
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
    return toHtml(root.children[0] as Element, { allowDangerousHtml: true });
  };
}
