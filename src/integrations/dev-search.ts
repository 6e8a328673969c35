import type { AstroIntegration } from 'astro';
import { crawlSite } from './crawl-site.ts';

/**
 * Search in `npm run dev`: the first time the page asks for /pagefind/…, this crawls the dev server's
 * own pages, indexes them with Pagefind's Node API in memory and serves the bundle. Editing a note
 * marks the index stale and the next search rebuilds it, so dev search shows what you just wrote.
 */
export default function devSearch(): AstroIntegration {
  let origin: string | undefined;
  let files: Promise<Map<string, Uint8Array>> | undefined;
  return {
    name: 'paperlog:dev-search',
    hooks: {
      'astro:server:start': ({ address }) => {
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        origin = `http://${host === '::' || host === '[::]' ? 'localhost' : host}:${address.port}`;
      },
      'astro:server:setup': ({ server, logger }) => {
        server.watcher.on('change', (path) => {
          if (/\.(md|mdx|astro|ts)$/.test(path) && !path.includes('/.astro/')) files = undefined;
        });
        server.middlewares.use('/pagefind/', (req, res, next) => {
          if (!origin) return next();
          files ??= buildIndex(origin, logger);
          files
            .then((bundle) => {
              const name = (req.url ?? '/').split('?')[0]!.replace(/^\//, '');
              const body = bundle.get(name);
              if (!body) return next();
              res.setHeader('Content-Type', contentType(name));
              res.setHeader('Cache-Control', 'no-store');
              res.end(body);
            })
            .catch((error: unknown) => {
              files = undefined;
              logger.error(`search index failed: ${String(error)}`);
              res.statusCode = 500;
              res.end(String(error));
            });
        });
      },
    },
  };
}

async function buildIndex(origin: string, logger: { info(m: string): void }): Promise<Map<string, Uint8Array>> {
  const started = performance.now();
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(errors.join('\n'));
  const pages = await crawlSite(origin);
  for (const page of pages) await index.addHTMLFile({ url: page.path, content: page.html });
  const { files } = await index.getFiles();
  await index.deleteIndex();
  logger.info(`search index for ${pages.length} pages built in ${Math.round(performance.now() - started)} ms`);
  return new Map(files.map((f) => [f.path, f.content]));
}

function contentType(name: string): string {
  if (name.endsWith('.js')) return 'text/javascript';
  if (name.endsWith('.css')) return 'text/css';
  if (name.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}
