import type { ShikiConfig, RemarkPlugins } from '@astrojs/markdown-remark';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import remarkMermaid from './remark-mermaid.ts';
import remarkPageStats from './remark-page-stats.ts';
import { shikiCodeFrame } from './shiki-code-frame.ts';

/** Our remark plugins, in order. astro.config.mjs and the plugin tests both use this list. */
export const remarkPlugins: RemarkPlugins = [remarkPageStats, remarkMermaid];

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
