import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bibtexFolder } from '../lib/bibtex-on-disk.ts';
import { bibtexUrl } from '../lib/urls.ts';
import { copyFiles, publishDuringBuild } from './publish-files.ts';

/**
 * Publishes the BibTeX files the notes loader writes (src/lib/bibtex-on-disk.ts) at /notes/<id>.bib:
 * copied into the built site, served from the dev server's own folder in `npm run dev`.
 *
 * The copy runs while Astro bundles and generates pages (publish-files.ts): creating 850 small files
 * takes 0.2–0.3 s on this machine.
 */
export default function bibtexFiles(): AstroIntegration {
  let cacheDir: URL | undefined;
  let outDir: URL | undefined;
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
      // Each `<id>.bib` of the loader's folder to its URL (bibtexUrl) in the built site.
      ...publishDuringBuild(() => copyFiles(bibtexFolder(cacheDir!, 'build'), '.bib', (id) => join(fileURLToPath(outDir!), bibtexUrl(id)))),
    },
  };
}
