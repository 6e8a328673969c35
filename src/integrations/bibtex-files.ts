import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bibtexFolder } from '../lib/bibtex-on-disk.ts';

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
  let base = '/';
  let copying: Promise<void> | undefined;
  const publish = () => {
    if (!copying) {
      copying = copyFolder(bibtexFolder(cacheDir!, 'build'), join(fileURLToPath(outDir!), 'notes'));
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
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        // Ends in a separator, so a path that climbs out of it (../) never starts with it.
        const folder = bibtexFolder(cacheDir!, 'dev');
        server.middlewares.use(`${base}notes/`, (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\//, ''));
          const file = resolve(folder, name);
          if (!name.endsWith('.bib') || !file.startsWith(folder) || !existsSync(file)) return next();
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

async function copyFolder(from: string, to: string): Promise<void> {
  const names = readdirSync(from, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.bib'));
  await mkdir(to, { recursive: true });
  await Promise.all(
    names.map(async (name) => {
      if (dirname(name) !== '.') await mkdir(join(to, dirname(name)), { recursive: true });
      await copyFile(join(from, name), join(to, name));
    }),
  );
}
