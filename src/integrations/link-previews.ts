import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBrowserScript } from './browser-script.ts';
import { copyFiles, publishDuringBuild } from './publish-files.ts';
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
 * As for the BibTeX files (bibtex-files.ts), the files are written while Astro bundles and generates
 * pages, and the build waits for them at the end (publish-files.ts).
 */
export default function linkPreviews(): AstroIntegration {
  let cacheDir: URL | undefined;
  let outDir: URL | undefined;
  const publish = () => {
    const site = fileURLToPath(outDir!);
    return Promise.all([
      copyFiles(previewsFolder(cacheDir!, 'build'), '.json', (id) => join(site, 'previews', `${id}.json`)),
      compileScript({ minified: true }).then(async (code) => {
        await mkdir(dirname(join(site, PREVIEW_SCRIPT_URL)), { recursive: true });
        await writeFile(join(site, PREVIEW_SCRIPT_URL), code);
      }),
    ]);
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
      ...publishDuringBuild(publish),
    },
  };
}

/** link-preview.ts as browser JavaScript: types stripped, and minified for the build. */
export function compileScript(options: { minified: boolean }): Promise<string> {
  return compileBrowserScript(SCRIPT_SOURCE, options);
}
