import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataStore } from 'astro/loaders';
import type { NoteData } from '../schema/note.ts';
import { toBibtex } from './bibtex.ts';
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

type StoredEntry = Parameters<DataStore['set']>[0];

/**
 * The store the glob loader writes to, writing each note's BibTeX file into `dir` on the way in.
 * `settle()`, once the loader is done, brings the files of the notes it did not store again
 * (unchanged since the last build) up to date: toBibtex may have changed, or the folder been cleaned.
 */
export function storeBibtexOnDisk<S extends DataStore>(store: S, dir: string, options: { dev: boolean }): S & { settle(): void } {
  mkdirSync(dir, { recursive: true });
  const fileFor = (id: string) => join(dir, `${id}.bib`);
  const bibtexOf = (entry: Pick<StoredEntry, 'data'>): string | undefined => {
    const data = entry.data as Partial<NoteData>;
    return data.source && data.kind && isPublished(data, options.dev) ? toBibtex(data.kind, data.source) : undefined;
  };
  const written = new Set<string>();
  const write = (id: string, text: string | undefined) => {
    const file = fileFor(id);
    if (text === undefined) return rmSync(file, { force: true });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  return {
    ...store,
    set: (entry) => {
      const stored = store.set(entry);
      write(entry.id, bibtexOf(entry));
      written.add(entry.id);
      return stored;
    },
    delete: (id) => {
      store.delete(id);
      write(id, undefined);
    },
    settle: () => {
      const expected = new Map<string, string>();
      for (const entry of store.values()) {
        const text = bibtexOf(entry);
        if (text !== undefined) expected.set(entry.id, text);
      }
      for (const [id, text] of expected) {
        if (written.has(id)) continue;
        const file = fileFor(id);
        if (!existsSync(file) || readFileSync(file, 'utf8') !== text) write(id, text);
      }
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const id = name.split(sep).join('/').replace(/\.bib$/, '');
        if (name.endsWith('.bib') && !expected.has(id)) rmSync(join(dir, name), { force: true });
      }
      written.clear();
    },
  };
}
