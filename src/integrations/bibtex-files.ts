import type { AstroIntegration } from 'astro';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bibtexFolder } from '../lib/bibtex-on-disk.ts';

/**
 * Publishes the BibTeX files the notes loader writes (src/lib/bibtex-on-disk.ts) at /notes/<id>.bib:
 * copied into the built site, served from the dev server's own folder in `npm run dev`.
 */
export default function bibtexFiles(): AstroIntegration {
  let cacheDir: URL | undefined;
  let base = '/';
  return {
    name: 'paperlog:bibtex-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
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
      'astro:build:done': ({ dir }) => {
        const folder = bibtexFolder(cacheDir!, 'build');
        const out = join(fileURLToPath(dir), 'notes');
        for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
          if (!name.endsWith('.bib')) continue;
          mkdirSync(dirname(join(out, name)), { recursive: true });
          copyFileSync(join(folder, name), join(out, name));
        }
      },
    },
  };
}
