import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { DataStore } from 'astro/loaders';

export type StoredEntry = Parameters<DataStore['set']>[0];

/**
 * The store the glob loader writes to, writing one file per entry into `dir` on the way in: `textOf`
 * gives the file's text, or undefined for an entry that has none (a draft, a note without a source).
 * `settle()`, once the loader is done, brings the files of the entries it did not store again
 * (unchanged since the last build) up to date, since `textOf` may have changed or the folder been
 * cleaned, and removes the files of entries that are gone.
 *
 * Used for the BibTeX files (bibtex-on-disk.ts) and the link previews (previews-on-disk.ts).
 */
export function storeFilesOnDisk<S extends DataStore>(
  store: S,
  dir: string,
  file: { extension: string; textOf(entry: StoredEntry): string | undefined },
): S & { settle(): void } {
  mkdirSync(dir, { recursive: true });
  const fileFor = (id: string) => join(dir, `${id}${file.extension}`);
  const written = new Set<string>();
  const write = (id: string, text: string | undefined) => {
    const path = fileFor(id);
    if (text === undefined) return rmSync(path, { force: true });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  return {
    ...store,
    set: (entry) => {
      const stored = store.set(entry);
      write(entry.id, file.textOf(entry));
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
        const text = file.textOf(entry);
        if (text !== undefined) expected.set(entry.id, text);
      }
      for (const [id, text] of expected) {
        if (written.has(id)) continue;
        const path = fileFor(id);
        if (!existsSync(path) || readFileSync(path, 'utf8') !== text) write(id, text);
      }
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!name.endsWith(file.extension)) continue;
        const id = name.split(sep).join('/').slice(0, -file.extension.length);
        if (!expected.has(id)) rmSync(join(dir, name), { force: true });
      }
      written.clear();
    },
  };
}
