import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { linkTargets } from '../plugins/link-targets.ts';
import { linkedIdsIn } from '../plugins/link-syntax.ts';
import { storeRenderedHtmlOnDisk } from './rendered-on-disk.ts';
import { bibtexFolder, storeBibtexOnDisk } from './bibtex-on-disk.ts';
import { previewsFolder, storePreviewsOnDisk } from './previews-on-disk.ts';
import { entryTypesRenderingInWorkers, type EntryTypes } from '../plugins/render-pool/pool.ts';

const SNIPPET_REFERENCE = /snippet="([^"#]+)/g;

/**
 * Astro's glob loader for notes, with two changes.
 *
 * Strict: the stock loader catches an error thrown while rendering a note (a diagram that does not
 * parse, a snippet region that does not exist), logs it and stores the note with an empty body, so
 * the build would publish a blank page. Here any error the loader reports stops the sync and the build.
 *
 * Used for notes and for concepts: both may embed code and link to each other.
 *
 * Lean: the rendered HTML goes to a file per note next to Astro's cache (rendered-on-disk.ts) and the
 * markdown source is not kept, so the content store Astro bundles for the pages stays small.
 *
 * With `bibtex`, each note's source is also written as a BibTeX file as the note is stored
 * (bibtex-on-disk.ts), for /notes/<id>.bib. Every entry's link preview is written the same way
 * (previews-on-disk.ts), for /previews/<collection>/<id>.json.
 *
 * Snippet-aware: a note's cache key (its digest) covers the model files it embeds, so editing
 * snippets/quorums/register.ts re-renders the notes that show it, in builds and in `npm run dev`; and
 * whether each page it links to exists, so a link is re-checked when its target appears or goes.
 */
export function notesLoader(options: { base: string; pattern: string; snippetsDir?: string; links: { notesDir: string; conceptsDir: string }; bibtex?: boolean }): Loader {
  // retainBody: false — pages get the rendered HTML and the links our plugins recorded; nothing reads the source.
  const inner = glob({ pattern: options.pattern, base: options.base, retainBody: false });
  const snippetsDir = resolve(options.snippetsDir ?? 'snippets');
  const links = { notesDir: resolve(options.links.notesDir), conceptsDir: resolve(options.links.conceptsDir) };
  return {
    ...inner,
    name: 'paperlog-notes',
    load: async (context: LoaderContext) => {
      // While the notes load, an error is kept to be thrown below, where it stops the build: printed
      // there once, not also here. Afterwards (the dev server reloading an edited note) it is printed.
      const errors: string[] = [];
      let loading = true;
      const logger = Object.create(context.logger) as LoaderContext['logger'];
      logger.error = (message: string) => {
        if (loading) errors.push(message);
        else context.logger.error(message);
      };
      // A build reads each model file once, not once per note that embeds it (most notes share a few
      // regions). The dev server reads them every time: they change while it runs.
      const read = context.watcher ? readSnippetFile : remembered(readSnippetFile);
      const generateDigest = (data: Record<string, unknown> | string) =>
        context.generateDigest(typeof data === 'string' ? data + snippetFingerprint(data, snippetsDir, links, read) : data);
      // Dev server and builds keep separate folders: each prunes the files its own store no longer names.
      const mode = context.watcher ? 'dev' : 'build';
      const folder = `rendered/${mode}/${context.collection}/`;
      const rendered = storeRenderedHtmlOnDisk(context.store, fileURLToPath(new URL(folder, context.config.cacheDir)));
      const bibtex = options.bibtex ? storeBibtexOnDisk(rendered, bibtexFolder(context.config.cacheDir, mode), { dev: mode === 'dev' }) : undefined;
      const previewsDir = join(previewsFolder(context.config.cacheDir, mode), context.collection);
      const store = storePreviewsOnDisk(bibtex ?? rendered, previewsDir, { dev: mode === 'dev' });
      // Builds render in worker threads; the dev server re-renders one note at a time and keeps Astro's path.
      const { entryTypes } = context as LoaderContext & { entryTypes: EntryTypes };
      const rendering = context.watcher ? entryTypes : entryTypesRenderingInWorkers(entryTypes, context.config);
      try {
        await inner.load({ ...context, logger, generateDigest, store, entryTypes: rendering } as LoaderContext);
      } finally {
        loading = false;
      }
      if (errors.length > 0) throw new Error(`${errors.length} note(s) could not be built:\n\n${errors.join('\n\n')}`);
      store.pruneUnused();
      bibtex?.settle();
      store.settle();
      if (context.watcher) rerenderNotesWhenSnippetsChange(context, resolve(options.base), snippetsDir);
    },
  };
}

/**
 * The contents of every snippet file a note names, so the note's digest changes when they do. A
 * generated diagram (scenario="…") or history viewer link (history="…", with the checker's verdict)
 * depends on a whole model run, so it takes every model source.
 */
function snippetFingerprint(note: string, snippetsDir: string, links: { notesDir: string; conceptsDir: string }, read: (file: string) => string): string {
  let fingerprint = '';
  // A link renders according to whether its target exists, and as a note or a concept: that is all the
  // note depends on, so adding an unrelated note re-renders nothing, and creating a missing one re-checks.
  const targets = linkTargets(links.notesDir, links.conceptsDir);
  for (const id of linkedIdsIn(note)) fingerprint += `\nlink ${id}:${targets.get(id)?.kind ?? 'missing'}`;
  if (note.includes('scenario="') || note.includes('history="')) {
    for (const file of listFiles(snippetsDir, /\.ts$/)) fingerprint += `\n${file}:${read(file)}`;
  }
  for (const [, path] of note.matchAll(SNIPPET_REFERENCE)) fingerprint += `\n${path}:${read(resolve(snippetsDir, path!))}`;
  return fingerprint;
}

function readSnippetFile(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : 'missing';
}

function remembered(read: (file: string) => string): (file: string) => string {
  const contents = new Map<string, string>();
  return (file) => {
    let text = contents.get(file);
    if (text === undefined) contents.set(file, (text = read(file)));
    return text;
  };
}

/** In dev: when a model file changes, tell the glob loader that the notes embedding it changed. */
function rerenderNotesWhenSnippetsChange(context: LoaderContext, notesDir: string, snippetsDir: string): void {
  const watcher = context.watcher!;
  watcher.add(snippetsDir);
  watcher.on('change', (changed: string) => {
    if (!changed.startsWith(snippetsDir + sep)) return;
    const path = relative(snippetsDir, changed).split(sep).join('/');
    for (const note of listFiles(notesDir, /\.mdx?$/)) {
      const text = readFileSync(note, 'utf8');
      if (text.includes(`snippet="${path}`) || text.includes('scenario="') || text.includes('history="')) watcher.emit('change', note);
    }
  });
}

function listFiles(dir: string, name: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), name) : name.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}
