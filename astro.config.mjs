// Wiring only: each transform lives in its own file in src/plugins/ with its own tests.
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { markdownProcessor } from './src/plugins/markdown-pipeline.ts';
import devSearch from './src/integrations/dev-search.ts';
import bibtexFiles from './src/integrations/bibtex-files.ts';
import linkPreviews from './src/integrations/link-previews.ts';
import renderWorkers from './src/integrations/render-workers.ts';
import searchUi from './src/integrations/search-ui.ts';
import playerBundles from './src/integrations/player-bundles.ts';
import { cacheDirectory } from './src/lib/cache-dir.ts';

// Every twelve days `astro dev` would ask the npm registry for the latest Astro and advise upgrading
// off the version package-lock.json pins: a request to a third party, and advice this project takes
// only through a reviewed lockfile change. Set ASTRO_DISABLE_UPDATE_CHECK=false to have it back.
process.env.ASTRO_DISABLE_UPDATE_CHECK ??= 'true';

export default defineConfig({
  // Set SITE_URL when deploying; absolute URLs in the sitemap, RSS and canonical links use it.
  site: process.env.SITE_URL ?? 'https://paperlog.example',
  trailingSlash: 'ignore',
  // Rendered notes are cached per version of the markdown pipeline (see pipeline-digest.ts). Tests
  // that build fixture notes use a cache of their own so nothing leaks into the real site's build.
  cacheDir: cacheDirectory(),
  outDir: process.env.PAPERLOG_OUT_DIR ?? './dist',
  integrations: [renderWorkers(), sitemap(), devSearch(), bibtexFiles(), linkPreviews(), searchUi(), playerBundles()],
  markdown: {
    processor: markdownProcessor(),
    // Our last remark plugin highlights code (Shiki, off the main thread); see markdown-pipeline.ts.
    syntaxHighlight: false,
  },
  devToolbar: { enabled: false },
  // Astro's terminal log, with each page of a build on one line while pages render concurrently.
  logger: { entrypoint: './src/lib/whole-lines-logger.ts' },
  build: {
    // Pages wait on disk (each note's rendered HTML is read from the cache, every page is written), so
    // rendering four at a time keeps the CPU busy: at 1000 notes, page generation took 8.7-9.3 s one
    // at a time and 4.5-5.9 s four at a time; eight or sixteen were no faster. Output is identical.
    concurrency: 4,
  },
  experimental: {
    // A rebuild renders again only the pages whose cache key (src/lib/page-keys.ts) or code changed;
    // the others are copied from the previous build. `npm run build -- --force` renders everything.
    incrementalBuild: true,
  },
});
