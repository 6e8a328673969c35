import { fileURLToPath } from 'node:url';
import type { DataStore } from 'astro/loaders';
import type { PageData } from '../plugins/page-data.ts';
import { storeFilesOnDisk, type StoredEntry } from './files-on-disk.ts';
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

/** The preview of a stored entry, or undefined for a draft left out of the site. */
export function previewOf(entry: Pick<StoredEntry, 'data' | 'rendered'>, dev: boolean): Preview | undefined {
  const data = entry.data as { title?: string; summary?: string; kind?: string; draft?: boolean };
  if (typeof data.title !== 'string' || typeof data.summary !== 'string' || !isPublished(data, dev)) return undefined;
  const pageData = entry.rendered?.metadata?.frontmatter as PageData | undefined;
  return { title: data.title, kind: data.kind ?? 'concept', summary: data.summary, lead: pageData?.lead ?? '' };
}

/**
 * The store the glob loader writes to, writing each entry's preview into `dir` (the folder of one
 * collection) on the way in (files-on-disk.ts keeps the folder in step with the store).
 */
export function storePreviewsOnDisk<S extends DataStore>(store: S, dir: string, options: { dev: boolean }): S & { settle(): void } {
  return storeFilesOnDisk(store, dir, {
    extension: '.json',
    textOf: (entry) => {
      const preview = previewOf(entry, options.dev);
      return preview && JSON.stringify(preview);
    },
  });
}
