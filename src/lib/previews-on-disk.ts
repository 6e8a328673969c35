import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataStore } from 'astro/loaders';
import type { PageData } from '../plugins/page-data.ts';
import { isPublished } from './publishing.ts';

/**
 * What a link preview shows of a note or concept (src/scripts/link-preview.ts), one small JSON file per
 * page at `/previews/<collection>/<id>.json`: its title, kind, frontmatter summary and
 * opening prose (`lead`, remark-preview-text.ts).
 *
 * Written by the content loader as each entry is stored, as the BibTeX files are (bibtex-on-disk.ts),
 * not by a page route: a route costs the build about a millisecond per page, and a file written here
 * changes exactly when its page's text does (the entry is stored again when its digest changes), so an
 * incremental build or the dev server never serves a stale preview. src/integrations/link-previews.ts
 * copies the folder into the site and serves it in `npm run dev`.
 */
export interface Preview {
  title: string;
  /** `paper`, `book`, `post`, `system`, or `concept` for a note of that kind and for concept pages. */
  kind: string;
  summary: string;
  lead: string;
}

export function previewsFolder(cacheDir: URL, mode: 'dev' | 'build'): string {
  // Dev server and builds keep separate folders, as they do for rendered notes: drafts differ.
  return fileURLToPath(new URL(`previews/${mode}/`, cacheDir));
}

type StoredEntry = Parameters<DataStore['set']>[0];

/** The preview of a stored entry, or undefined for a draft left out of the site. */
export function previewOf(entry: Pick<StoredEntry, 'data' | 'rendered'>, dev: boolean): Preview | undefined {
  const data = entry.data as { title?: string; summary?: string; kind?: string; draft?: boolean };
  if (typeof data.title !== 'string' || typeof data.summary !== 'string' || !isPublished(data, dev)) return undefined;
  const pageData = entry.rendered?.metadata?.frontmatter as PageData | undefined;
  return { title: data.title, kind: data.kind ?? 'concept', summary: data.summary, lead: pageData?.lead ?? '' };
}

/**
 * The store the glob loader writes to, writing each entry's preview into `dir` (the folder of one
 * collection) on the way in. `settle()`, once the loader is done, brings the files of the entries it did
 * not store again up to date (previewOf may have changed, or the folder been cleaned) and removes the
 * files of entries that are gone.
 */
export function storePreviewsOnDisk<S extends DataStore>(store: S, dir: string, options: { dev: boolean }): S & { settle(): void } {
  mkdirSync(dir, { recursive: true });
  const fileFor = (id: string) => join(dir, `${id}.json`);
  const textOf = (entry: Pick<StoredEntry, 'data' | 'rendered'>) => {
    const preview = previewOf(entry, options.dev);
    return preview && JSON.stringify(preview);
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
      write(entry.id, textOf(entry));
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
        const text = textOf(entry);
        if (text !== undefined) expected.set(entry.id, text);
      }
      for (const [id, text] of expected) {
        if (written.has(id)) continue;
        const file = fileFor(id);
        if (!existsSync(file) || readFileSync(file, 'utf8') !== text) write(id, text);
      }
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const id = name.split(sep).join('/').replace(/\.json$/, '');
        if (name.endsWith('.json') && !expected.has(id)) rmSync(join(dir, name), { force: true });
      }
      written.clear();
    },
  };
}
