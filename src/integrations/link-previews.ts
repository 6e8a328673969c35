import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBrowserScript } from './browser-script.ts';
import { previewsFolder } from '../lib/previews-on-disk.ts';
import { PREVIEW_SCRIPT_URL } from '../lib/urls.ts';

const SCRIPT_SOURCE = fileURLToPath(new URL('../scripts/link-preview.ts', import.meta.url));
const PREVIEW_FILE = /^\/previews\/(notes|concepts)\/([a-z0-9-]+(?:\/[a-z0-9-]+)*)\.json$/;

/**
 * Publishes link previews (src/scripts/link-preview.ts) under /previews/: the JSON file of each note
 * and concept that the notes loader writes (src/lib/previews-on-disk.ts), and the script itself.
 *
 * The script is one TypeScript module that the inline script of every page imports by a fixed URL
 * (PREVIEW_SCRIPT_URL) the first time a reader points at or tabs to a link, so it cannot go through
 * Vite's bundle, whose file names carry hashes. It imports nothing, so compiling it alone is enough:
 * minified into the build, compiled on each request in `npm run dev` (edits show on reload). A fixed
 * URL is what Pagefind's own files use too.
 *
 * As for the BibTeX files (bibtex-files.ts), the copy starts as Astro begins bundling and the build
 * waits for it at the end.
 */
export default function linkPreviews(): AstroIntegration {
  let cacheDir: URL | undefined;
  let outDir: URL | undefined;
  let publishing: Promise<void> | undefined;
  const publish = () => {
    if (!publishing) {
      const site = fileURLToPath(outDir!);
      publishing = Promise.all([
        copyFolder(previewsFolder(cacheDir!, 'build'), join(site, 'previews')),
        compileScript({ minified: true }).then(async (code) => {
          await mkdir(dirname(join(site, PREVIEW_SCRIPT_URL)), { recursive: true });
          await writeFile(join(site, PREVIEW_SCRIPT_URL), code);
        }),
      ]).then(() => undefined);
      // Awaited in astro:build:done, where a failure stops the build; not an unhandled rejection before then.
      publishing.catch(() => {});
    }
    return publishing;
  };
  return {
    name: 'paperlog:link-previews',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        outDir = config.outDir;
      },
      'astro:server:setup': ({ server, logger }) => {
        const folder = previewsFolder(cacheDir!, 'dev');
        server.middlewares.use((req, res, next) => {
          const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
          if (path === PREVIEW_SCRIPT_URL) {
            compileScript({ minified: false }).then(
              (code) => {
                res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
                res.setHeader('Cache-Control', 'no-store');
                res.end(code);
              },
              (error: unknown) => {
                logger.error(`link previews: ${String(error)}`);
                next(error);
              },
            );
            return;
          }
          // Only the file of a note or concept id: the pattern admits no "..", so nothing outside the folder.
          const match = PREVIEW_FILE.exec(path);
          const file = match && join(folder, match[1]!, `${match[2]!}.json`);
          if (!file || !file.startsWith(folder) || !existsSync(file)) return next();
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.end(readFileSync(file));
        });
      },
      'astro:build:setup': () => {
        void publish();
      },
      'astro:build:done': async () => {
        await publish();
      },
    },
  };
}

/** link-preview.ts as browser JavaScript: types stripped, and minified for the build. */
export function compileScript(options: { minified: boolean }): Promise<string> {
  return compileBrowserScript(SCRIPT_SOURCE, options);
}

/** Every `<id>.json` under the folder to the same path under `to`. */
async function copyFolder(from: string, to: string): Promise<void> {
  if (!existsSync(from)) return;
  const files = readdirSync(from, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'));
  for (const folder of new Set(files.map((name) => dirname(join(to, name))))) await mkdir(folder, { recursive: true });
  await Promise.all(files.map((name) => copyFile(join(from, name), resolve(to, name.split(sep).join('/')))));
}
