import { fileURLToPath } from 'node:url';
import type { DataStore } from 'astro/loaders';
import type { NoteData } from '../schema/note.ts';
import { toBibtex } from './bibtex.ts';
import { storeFilesOnDisk } from './files-on-disk.ts';
import { isPublished } from './publishing.ts';

/**
 * Each note's source as a BibTeX file (`/notes/<id>.bib`), written by the content loader as the note
 * is stored, not by a page route.
 *
 * Why: Astro's page generation costs about a millisecond per route whatever the route does, on the
 * main thread, after every note has rendered. As an endpoint, the 850 `.bib` files of a 1000-note
 * notebook took 0.9 s of a cold build (docs/performance.md). Written here, each file is made while
 * the render workers are still busy with other notes; the build copies the folder into the site and
 * the dev server serves it (src/integrations/bibtex-files.ts).
 *
 * The folder holds one file per published note with a source, no more: a note that loses its source,
 * becomes a draft or is deleted loses its file.
 */
export function bibtexFolder(cacheDir: URL, mode: 'dev' | 'build'): string {
  // Dev server and builds keep separate folders, as they do for rendered notes: drafts differ.
  return fileURLToPath(new URL(`bibtex/${mode}/notes/`, cacheDir));
}

/**
 * The store the glob loader writes to, writing each note's BibTeX file into `dir` on the way in
 * (files-on-disk.ts keeps the folder in step with the store).
 */
export function storeBibtexOnDisk<S extends DataStore>(store: S, dir: string, options: { dev: boolean }): S & { settle(): void } {
  return storeFilesOnDisk(store, dir, {
    extension: '.bib',
    textOf: (entry) => {
      const data = entry.data as Partial<NoteData>;
      return data.source && data.kind && isPublished(data, options.dev) ? toBibtex(data.kind, data.source) : undefined;
    },
  });
}
