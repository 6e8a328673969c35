import { availableParallelism } from 'node:os';
import type { AstroConfig } from 'astro';
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { configuredWorkerCount, workerPool, workerSource } from '../worker-pool.ts';

/**
 * Notes rendered in worker threads, all cores at once.
 *
 * Astro renders a collection's Markdown on the main thread, one note after another (parsing, smart
 * punctuation, our plugins, HTML output); at 1000 notes that is most of a cold build, and on two
 * cores the second core mostly waited for highlighting jobs (docs/performance.md). Here each worker
 * runs the whole pipeline, highlighting included, and the main thread only reads files and stores
 * results. Output is the same: the workers build the processor astro.config.mjs gives Astro, with
 * the options Astro passes it.
 *
 * PAPERLOG_RENDER_WORKERS sets the number of workers (default: one per core; 0 renders on the main
 * thread, as Astro does). The dev server always renders on the main thread.
 */

/** What the worker needs from Astro's config to build the same renderer Astro builds (all of it can be cloned). */
export type RendererOptions = Pick<AstroMarkdownOptions, 'syntaxHighlight' | 'gfm' | 'smartypants' | 'image'>;

export interface RenderJob {
  body: string;
  frontmatter: Record<string, unknown>;
  filePath: string | undefined;
}

export interface RenderedNote {
  html: string;
  metadata: Record<string, unknown>;
}

/** The loader context's entry types (the glob loader reads them; Astro's LoaderContext type does not list them). */
export type EntryTypes = Map<string, { getRenderFunction?(config: AstroConfig): Promise<unknown> }>;
type RenderFunction = (entry: { body?: string; data: Record<string, unknown>; filePath?: string }) => Promise<RenderedNote>;

/**
 * The entry types the glob loader should use: the same, except that Markdown renders in the pool.
 * Unchanged when workers are off or Astro is configured in a way the workers cannot reproduce.
 */
export function entryTypesRenderingInWorkers(entryTypes: EntryTypes, config: AstroConfig): EntryTypes {
  const markdown = entryTypes.get('.md');
  const count = configuredWorkerCount('PAPERLOG_RENDER_WORKERS', availableParallelism());
  // Astro's own highlighter takes functions in its config, which cannot cross to a worker; we highlight
  // in our last remark plugin instead, so this holds unless astro.config.mjs changes.
  if (!markdown || count === 0 || config.markdown.syntaxHighlight !== false) return entryTypes;
  const options: RendererOptions = {
    syntaxHighlight: false,
    // A copy: the worker gets these through structured cloning, and RemotePattern's optional fields are looser in Astro's config type.
    image: structuredClone({ domains: config.image.domains, remotePatterns: config.image.remotePatterns }) as RendererOptions['image'] & {},
  };
  // Astro's own defaults apply when these are unset (they are deprecated in favour of the processor's options).
  if (config.markdown.gfm !== undefined) options.gfm = config.markdown.gfm;
  if (config.markdown.smartypants !== undefined) options.smartypants = config.markdown.smartypants;
  // One pool for the process: notes and concepts share it.
  const render = (pool ??= pooledRenderer(count, options));
  const types = new Map(entryTypes);
  types.set('.md', { ...markdown, getRenderFunction: async () => render });
  return types;
}

let pool: RenderFunction | undefined;

function pooledRenderer(count: number, options: RendererOptions): RenderFunction {
  const render = workerPool<RenderJob, RenderedNote>({
    file: workerSource(new URL('./worker.ts', import.meta.url), 'src/plugins/render-pool/worker.ts'),
    size: count,
    // One worker loads the pipeline (unified, Shiki, our plugins: about a second) while the glob loader
    // reads and digests the notes, so the first note to render does not wait for it. In a rebuild after
    // one edit that first note is the only one.
    prestart: 1,
    // Each worker highlights its own notes' code, on its own thread: no second hop to a highlight worker.
    workerOptions: { workerData: { options }, env: { ...process.env, PAPERLOG_HIGHLIGHT_WORKERS: '0' } },
  });
  return (entry) => render({ body: entry.body ?? '', frontmatter: entry.data, filePath: entry.filePath });
}
