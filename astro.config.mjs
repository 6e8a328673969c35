// Wiring only: each transform lives in its own file in src/plugins/ with its own tests.
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { remarkPlugins, shikiConfig } from './src/plugins/markdown-pipeline.ts';
import devSearch from './src/integrations/dev-search.ts';

export default defineConfig({
  // Set SITE_URL when deploying; absolute URLs in the sitemap, RSS and canonical links use it.
  site: process.env.SITE_URL ?? 'https://paperlog.example',
  trailingSlash: 'ignore',
  // Tests that build fixture notes use their own cache so nothing leaks into the real site's build.
  cacheDir: process.env.PAPERLOG_CACHE_DIR ?? './node_modules/.astro',
  integrations: [sitemap(), devSearch()],
  markdown: {
    processor: unified({ remarkPlugins }),
    shikiConfig,
  },
  devToolbar: { enabled: false },
});
