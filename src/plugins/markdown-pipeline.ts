import type { MarkdownProcessor } from '@astrojs/markdown-remark';
import { conceptsDirectory, notesDirectory, snippetsDirectory } from '../lib/paths.ts';
import { quietRethrownErrors } from './rethrown-errors.ts';

/**
 * The Markdown processor: astro.config.mjs hands it to Astro, and the render workers (render-pool/)
 * build the same. It is Astro's `unified` processor with our remark plugins (remark-plugins.ts), but
 * both are imported only when a renderer is built. In `astro build` the notes render in workers and
 * the main thread never builds one, so loading the config no longer loads unified, Shiki and Mermaid
 * first, before anything else can start.
 *
 * `options` is what Astro sees of the processor: its incremental builds hash it with the rest of the
 * config, so it names the folders the plugins read from, as the plugin options it stands for did.
 */
export function markdownProcessor(): MarkdownProcessor<{ smartypants: false; notesDir: string; conceptsDir: string; snippetsRoot: string }> {
  return {
    name: 'paperlog-unified',
    options: { smartypants: false, notesDir: notesDirectory(), conceptsDir: conceptsDirectory(), snippetsRoot: snippetsDirectory() },
    async createRenderer(shared) {
      const [{ unified }, { remarkPlugins, PROCESSOR_OPTIONS }] = await Promise.all([import('@astrojs/markdown-remark'), import('./remark-plugins.ts')]);
      return quietRethrownErrors(await unified({ remarkPlugins, ...PROCESSOR_OPTIONS }).createRenderer(shared));
    },
  };
}
