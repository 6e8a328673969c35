import type { RemarkPlugins } from '@astrojs/markdown-remark';
import remarkMermaid from './remark-mermaid.ts';
import remarkPageStats from './remark-page-stats.ts';
import remarkPreviewText from './remark-preview-text.ts';
import remarkSnippet from './remark-snippet.ts';
import remarkScenarioDiagram from './remark-scenario-diagram.ts';
import remarkHistoryViewer from './remark-history-viewer.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import remarkHighlight from './remark-highlight.ts';
import remarkSmartPunctuation from './remark-smart-punctuation.ts';
import remarkHtmlFragments from './html-fragments.ts';
import remarkTemplatePrompts from './remark-template-prompts.ts';
import { conceptsDirectory, notesDirectory, snippetsDirectory } from '../lib/paths.ts';

/**
 * Our remark plugins, in order; tests point `snippetsRoot` at fixture models. The check for prompts
 * left from the note template (remark-template-prompts.ts) comes first, on the text as written.
 * Smart punctuation is next (it replaces Astro's slower step of the same name, see PROCESSOR_OPTIONS)
 * and code highlighting the last (remark-highlight.ts, Shiki), so Astro's own highlighting is switched off. Highlighted blocks
 * reach the page as finished HTML, put in place after Astro's own last steps (html-fragments.ts).
 *
 * Imported only when a renderer is built (markdown-pipeline.ts): it pulls in Shiki, Mermaid and unified.
 */
export function remarkPluginsFor(options: { snippetsRoot?: string; notesDir?: string; conceptsDir?: string } = {}): RemarkPlugins {
  const root = options.snippetsRoot ?? snippetsDirectory();
  const notesDir = options.notesDir ?? notesDirectory();
  const conceptsDir = options.conceptsDir ?? conceptsDirectory();
  return [remarkTemplatePrompts, remarkSmartPunctuation, [remarkWikilinks, { notesDir, conceptsDir }], [remarkSnippet, { root }], [remarkScenarioDiagram, { root }], [remarkHistoryViewer, { root }], remarkPageStats, remarkPreviewText, remarkMermaid, remarkHighlight, remarkHtmlFragments];
}

/** The list the site uses (markdown-pipeline.ts). */
export const remarkPlugins: RemarkPlugins = remarkPluginsFor();

/** Astro's own smart punctuation is off: remark-smart-punctuation.ts does the same, first among our plugins. */
export const PROCESSOR_OPTIONS = { smartypants: false } as const;
