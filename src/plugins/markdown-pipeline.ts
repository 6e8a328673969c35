import type { ShikiConfig, RemarkPlugins } from '@astrojs/markdown-remark';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import remarkMermaid from './remark-mermaid.ts';
import remarkPageStats from './remark-page-stats.ts';
import remarkSnippet from './remark-snippet.ts';
import remarkScenarioDiagram from './remark-scenario-diagram.ts';
import remarkWikilinks from './remark-wikilinks.ts';
import { shikiCodeFrame } from './shiki-code-frame.ts';
import { conceptsDirectory, notesDirectory, snippetsDirectory } from '../lib/paths.ts';

/** Our remark plugins, in order; tests point `snippetsRoot` at fixture models. */
export function remarkPluginsFor(options: { snippetsRoot?: string; notesDir?: string; conceptsDir?: string } = {}): RemarkPlugins {
  const root = options.snippetsRoot ?? snippetsDirectory();
  const notesDir = options.notesDir ?? notesDirectory();
  const conceptsDir = options.conceptsDir ?? conceptsDirectory();
  return [[remarkWikilinks, { notesDir, conceptsDir }], [remarkSnippet, { root }], [remarkScenarioDiagram, { root }], remarkPageStats, remarkMermaid];
}

/** The list astro.config.mjs uses. */
export const remarkPlugins: RemarkPlugins = remarkPluginsFor();

/**
 * Shiki: both themes at once, switched by CSS variables (defaultColor: false), so the theme toggle
 * recolours code without re-rendering; line highlights ({2-4} or // [!code highlight]) and diff
 * marks (// [!code ++] / [!code --]); and our frame with title, language and copy button.
 */
export const shikiConfig: Partial<ShikiConfig> = {
  themes: { light: 'github-light-default', dark: 'github-dark-default' },
  defaultColor: false,
  transformers: [transformerMetaHighlight(), transformerNotationHighlight(), transformerNotationDiff(), shikiCodeFrame()],
};
