import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bibtexFolder } from '../lib/bibtex-on-disk.ts';
import { bibtexUrl } from '../lib/urls.ts';

/**
 * Publishes the BibTeX files the notes loader writes (src/lib/bibtex-on-disk.ts) at /notes/<id>.bib:
 * copied into the built site, served from the dev server's own folder in `npm run dev`.
 *
 * The copy starts as Astro begins bundling (`astro:build:setup`), when it has already emptied the
 * output folder, and the build waits for it at the end: creating 850 small files takes 0.2–0.3 s on
 * this machine, which runs on libuv's threads while the main thread bundles and generates pages.
 */
export default function bibtexFiles(): AstroIntegration {
  let cacheDir: URL | undefined;
  let outDir: URL | undefined;
  let copying: Promise<void> | undefined;
  const publish = () => {
    if (!copying) {
      copying = copyFolder(bibtexFolder(cacheDir!, 'build'), fileURLToPath(outDir!));
      // Awaited in astro:build:done, where a failure stops the build; not an unhandled rejection before then.
      copying.catch(() => {});
    }
    return copying;
  };
  return {
    name: 'paperlog:bibtex-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        outDir = config.outDir;
      },
      'astro:server:setup': ({ server }) => {
        const folder = bibtexFolder(cacheDir!, 'dev');
        server.middlewares.use((req, res, next) => {
          const raw = (req.url ?? '/').split('?')[0]!;
          if (!raw.endsWith('.bib')) return next();
          const path = decodeURIComponent(raw);
          const id = basename(path, '.bib');
          const file = join(folder, `${id}.bib`);
          // Only a note's own URL: a path that climbs out of the folder (../) or into another never equals it.
          if (bibtexUrl(id) !== path || !existsSync(file)) return next();
          res.setHeader('Content-Type', 'application/x-bibtex; charset=utf-8');
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

/** Each `<id>.bib` of the folder to its URL (bibtexUrl) under the output folder. */
async function copyFolder(from: string, site: string): Promise<void> {
  const ids = readdirSync(from, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.bib')).map((name) => name.slice(0, -'.bib'.length));
  const to = (id: string) => join(site, bibtexUrl(id));
  for (const folder of new Set(ids.map((id) => dirname(to(id))))) await mkdir(folder, { recursive: true });
  await Promise.all(ids.map((id) => copyFile(join(from, `${id}.bib`), to(id))));
}
