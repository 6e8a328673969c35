import type { RemarkPlugins } from '@astrojs/markdown-remark';
import remarkMermaid from './remark-mermaid.ts';
import remarkPageStats from './remark-page-stats.ts';
import remarkSnippet from './remark-snippet.ts';
import remarkScenarioDiagram from './remark-scenario-diagram.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import remarkHighlight from './remark-highlight.ts';
import { conceptsDirectory, notesDirectory, snippetsDirectory } from '../lib/paths.ts';

/**
 * Our remark plugins, in order; tests point `snippetsRoot` at fixture models. Code highlighting is the
 * last of them (remark-highlight.ts: Shiki in worker threads), so Astro's own is switched off.
 */
export function remarkPluginsFor(options: { snippetsRoot?: string; notesDir?: string; conceptsDir?: string } = {}): RemarkPlugins {
  const root = options.snippetsRoot ?? snippetsDirectory();
  const notesDir = options.notesDir ?? notesDirectory();
  const conceptsDir = options.conceptsDir ?? conceptsDirectory();
  return [[remarkWikilinks, { notesDir, conceptsDir }], [remarkSnippet, { root }], [remarkScenarioDiagram, { root }], remarkPageStats, remarkMermaid, remarkHighlight];
}

/** The list astro.config.mjs uses. */
export const remarkPlugins: RemarkPlugins = remarkPluginsFor();
