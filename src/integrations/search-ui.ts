import type { AstroIntegration } from 'astro';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBrowserScript } from './browser-script.ts';

/**
 * Our side of the search panel, fetched with Pagefind's component UI only when a reader opens search
 * (src/components/UiScript.astro), so a note page still loads no script to be read:
 * - /search/setup.js: src/scripts/search-setup.ts (ranking options and query planning), types stripped (browser-script.ts);
 * - /search/panel.css: src/styles/search-panel.css (theme, compact filters).
 * Written into the build output, and served from the sources in `npm run dev`.
 */
const SOURCES = {
  'setup.js': { path: 'src/scripts/search-setup.ts', type: 'text/javascript', compile: (path: string) => compileBrowserScript(path, { minified: false }) },
  'panel.css': { path: 'src/styles/search-panel.css', type: 'text/css', compile: (path: string) => Promise.resolve(readFileSync(path, 'utf8')) },
} as const;
type Name = keyof typeof SOURCES;

async function build(name: Name): Promise<string> {
  const { path, compile } = SOURCES[name];
  return compile(path);
}

export default function searchUi(): AstroIntegration {
  return {
    name: 'paperlog:search-ui',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/search/', (req, res, next) => {
          const name = (req.url ?? '/').split('?')[0]!.replace(/^\//, '');
          if (!(name in SOURCES)) return next();
          build(name as Name).then(
            (body) => {
              res.setHeader('Content-Type', `${SOURCES[name as Name].type}; charset=utf-8`);
              res.setHeader('Cache-Control', 'no-store');
              res.end(body);
            },
            (error: unknown) => next(error),
          );
        });
      },
      'astro:build:done': async ({ dir }) => {
        const out = join(fileURLToPath(dir), 'search');
        mkdirSync(out, { recursive: true });
        for (const name of Object.keys(SOURCES) as Name[]) writeFileSync(join(out, name), await build(name));
      },
    },
  };
}
