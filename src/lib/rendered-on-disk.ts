import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MarkdownHeading } from 'astro';
import type { DataStore } from 'astro/loaders';
import { PAGE_DATA_KEYS, type PageData } from '../plugins/page-data.ts';

/**
 * Rendered note HTML lives in files next to Astro's content cache, not inside the content store.
 *
 * Why: Astro bundles the whole store into one JavaScript module that V8 compiles on every build in
 * which any note changed. With rendered HTML inside, that module is tens of megabytes at 1000 notes
 * and its compile time grows faster than the number of notes (about 15 s at 1000, 290 s at 4000;
 * docs/performance.md). Without it the store holds only frontmatter, headings and page data.
 *
 * Each file is named after the note's digest (its text, the models it embeds and which of its links
 * resolve), so an unchanged note keeps its file from build to build and is not rendered again.
 */
export const HTML_FILE_KEY = 'htmlFile';

type StoredEntry = Parameters<DataStore['set']>[0];

/** The store the glob loader writes to, with rendered HTML moved to `dir` on the way in. */
export function storeRenderedHtmlOnDisk(store: DataStore, dir: string): DataStore & { pruneUnused(): void } {
  mkdirSync(dir, { recursive: true });
  const fileFor = (digest: string) => join(dir, `${digest}.html`);
  const hasHtmlOnDisk = (entry: StoredEntry) => {
    const file = entry.rendered?.metadata?.[HTML_FILE_KEY];
    return typeof file !== 'string' || existsSync(file);
  };
  return {
    ...store,
    // An entry whose HTML file has gone (the cache folder was cleaned by hand) counts as missing, so
    // the loader renders the note again instead of trusting its digest.
    get: <TData extends Record<string, unknown>>(id: string) => {
      const entry = store.get<TData>(id);
      return entry && hasHtmlOnDisk(entry as StoredEntry) ? entry : undefined;
    },
    set: (entry) => {
      const { rendered, digest } = entry;
      // Images in a note are rewritten by Astro's render() at page time, which needs the HTML in the store.
      if (!rendered || !digest || (rendered.metadata?.imagePaths?.length ?? 0) > 0) return store.set(entry);
      const file = fileFor(String(digest));
      writeFileSync(file, rendered.html);
      store.delete(entry.id);
      const metadata = { ...rendered.metadata, frontmatter: pageDataOf(rendered.metadata?.frontmatter), [HTML_FILE_KEY]: file };
      return store.set({ ...entry, rendered: { html: '', metadata } });
    },
    pruneUnused: () => {
      const used = new Set(store.values().map((entry) => (entry as StoredEntry).rendered?.metadata?.[HTML_FILE_KEY]));
      for (const name of readdirSync(dir)) if (!used.has(join(dir, name))) rmSync(join(dir, name), { force: true });
    },
  };
}

/**
 * Of the frontmatter a render returns, what our plugins recorded (PageData). The rest is a second copy
 * of the note's frontmatter, which pages read from the entry's validated `data`; leaving it out takes
 * 13% off the content store (1.9 MB at 1000 notes) that Astro serialises after every sync and bundles into the pages.
 */
function pageDataOf(frontmatter: Record<string, unknown> | undefined): PageData {
  const data: Record<string, unknown> = {};
  for (const key of PAGE_DATA_KEYS) if (frontmatter?.[key] !== undefined) data[key] = frontmatter[key];
  return data as PageData;
}

/** What a page needs from a rendered note or concept: its HTML, its headings and the page data our plugins recorded. */
export interface RenderedOnDisk {
  html: string;
  headings: MarkdownHeading[];
  pageData: PageData;
}

/**
 * The rendered form of an entry stored by storeRenderedHtmlOnDisk, or undefined for one whose HTML
 * stayed in the store (render() it as usual).
 */
export function renderedFromDisk(entry: { id: string; filePath?: string; rendered?: { metadata?: Record<string, unknown> } }): RenderedOnDisk | undefined {
  const metadata = entry.rendered?.metadata;
  const file = metadata?.[HTML_FILE_KEY];
  if (typeof file !== 'string') return undefined;
  return {
    html: readRenderedHtml(file, entry.filePath ?? entry.id),
    headings: (metadata!.headings as MarkdownHeading[] | undefined) ?? [],
    pageData: (metadata!.frontmatter as PageData | undefined) ?? ({} as PageData),
  };
}

function readRenderedHtml(file: string, source: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(
      `${source}: its rendered HTML (${file}) is missing from the build cache. ` +
        'Something removed it during the build; run the build again (npm run build -- --force if it persists).',
    );
  }
}
