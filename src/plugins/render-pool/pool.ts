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

/**
 * What the worker needs from Astro's config to build the same renderer Astro builds (all of it can be
 * cloned). Not `markdown.gfm` or `markdown.smartypants`: Astro 7 deprecates them for the processor's
 * own options (PROCESSOR_OPTIONS in remark-plugins.ts), and astro.config.mjs sets neither.
 */
export type RendererOptions = Pick<AstroMarkdownOptions, 'syntaxHighlight' | 'image'>;

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
  const wanted = workersFor(config);
  if (!markdown || !wanted) return entryTypes;
  // One pool for the process: notes and concepts share it. In `astro build` it was started ahead of the sync.
  const render = (pool ??= takeStartedPool(wanted) ?? pooledRenderer(wanted, 1));
  const types = new Map(entryTypes);
  types.set('.md', { ...markdown, getRenderFunction: async () => render });
  return types;
}

/**
 * Starts the pool as soon as Astro's config is final (src/integrations/render-workers.ts), so that the
 * workers load the pipeline while Astro starts up instead of once the sync has begun. All workers but
 * one: Astro's start-up keeps the main thread busy, and on this two-core machine a second worker would
 * only slow it down; the rest start when the first notes arrive, as before.
 *
 * The pool waits on `globalThis` for the notes loader: astro.config.mjs and content.config.ts are
 * loaded as separate module graphs, so a module-level variable here would be a different one there.
 */
export function startRenderWorkers(config: AstroConfig): { started: number; of: number } | undefined {
  const wanted = workersFor(config);
  const shared = globalThis as { [STARTED]?: StartedPool };
  if (!wanted || shared[STARTED]) return undefined;
  const started = Math.max(1, wanted.count - 1);
  shared[STARTED] = { key: JSON.stringify(wanted), render: pooledRenderer(wanted, started) };
  return { started, of: wanted.count };
}

const STARTED = Symbol.for('paperlog.started-render-pool');

interface StartedPool {
  /** The worker count and options it was started with. */
  readonly key: string;
  readonly render: RenderFunction;
}

/** The started pool, if it was started for the same workers; taken, so that a second build in this process starts its own. */
function takeStartedPool(wanted: Workers): RenderFunction | undefined {
  const shared = globalThis as { [STARTED]?: StartedPool };
  const started = shared[STARTED];
  delete shared[STARTED];
  return started?.key === JSON.stringify(wanted) ? started.render : undefined;
}

interface Workers {
  count: number;
  options: RendererOptions;
}

/** How many workers to render with and the options to build their renderer with, or undefined to render on the main thread. */
function workersFor(config: AstroConfig): Workers | undefined {
  const count = configuredWorkerCount('PAPERLOG_RENDER_WORKERS', availableParallelism());
  // Astro's own highlighter takes functions in its config, which cannot cross to a worker; we highlight
  // in our last remark plugin instead, so this holds unless astro.config.mjs changes.
  if (count === 0 || config.markdown.syntaxHighlight !== false) return undefined;
  const options: RendererOptions = {
    syntaxHighlight: false,
    // A copy: the worker gets these through structured cloning, and RemotePattern's optional fields are looser in Astro's config type.
    image: structuredClone({ domains: config.image.domains, remotePatterns: config.image.remotePatterns }) as RendererOptions['image'] & {},
  };
  return { count, options };
}

let pool: RenderFunction | undefined;

function pooledRenderer({ count, options }: Workers, prestart: number): RenderFunction {
  const render = workerPool<RenderJob, RenderedNote>({
    file: workerSource(new URL('./worker.ts', import.meta.url), 'src/plugins/render-pool/worker.ts'),
    size: count,
    // Workers that start with the pool load the pipeline (unified, Shiki, our plugins: about a second)
    // while the notes are read and digested, so the first note to render does not wait for one. In a
    // rebuild after one edit that first note is the only one.
    prestart,
    // Each worker highlights its own notes' code, on its own thread: no second hop to a highlight worker.
    workerOptions: { workerData: { options }, env: { ...process.env, PAPERLOG_HIGHLIGHT_WORKERS: '0' } },
  });
  return (entry) => render({ body: entry.body ?? '', frontmatter: entry.data, filePath: entry.filePath });
}
