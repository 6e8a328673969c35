import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { createCodeHighlighter, type HighlightRequest } from './highlight-code.ts';
import { configuredWorkerCount, workerPool, workerSource } from '../worker-pool.ts';

/**
 * Highlighting is the most expensive step of rendering a note (a few milliseconds per block), so
 * where notes render on the main thread (the dev server, tests, PAPERLOG_RENDER_WORKERS=0) it leaves
 * it: while workers highlight, the main thread parses the next notes. Identical blocks (the same model
 * region embedded in several notes) are highlighted once per process.
 *
 * PAPERLOG_HIGHLIGHT_WORKERS sets the number of workers (default: cores − 1, at least 1; 0 highlights
 * in this thread, which is what each render worker does: render-pool/).
 */
export function highlightCode(request: HighlightRequest): Promise<string> {
  const key = createHash('sha1').update(`${request.lang}\0${request.meta}\0${request.code}`).digest('base64');
  let html = cache.get(key);
  if (html) {
    // Most recently used last: the blocks embedded again and again stay, one-off fences age out.
    cache.delete(key);
  } else {
    html = run(request);
    html.catch(() => cache.delete(key));
  }
  cache.set(key, html);
  if (cache.size > CACHED_BLOCKS) cache.delete(cache.keys().next().value!);
  return html;
}

/**
 * How many highlighted blocks a process keeps. Without a bound the cache held every block of every note
 * it rendered, so a render worker's live heap grew with the notebook and every garbage collection had
 * more to trace (at 1000 notes, when blocks were kept as trees, the build touched 13% more memory).
 */
export const CACHED_BLOCKS = 256;
const cache = new Map<string, Promise<string>>();
let inThread: ((request: HighlightRequest) => Promise<string>) | undefined;
let pool: ((request: HighlightRequest) => Promise<string>) | undefined;

/**
 * Highlights a short TypeScript sample and keeps nothing of it: loads Shiki, its regex engine and the
 * grammar nearly every note here needs, and compiles the grammar's commonest rules, before the first
 * note asks. A render worker does this while Astro is still starting up (render-pool/worker.ts).
 */
export async function warmUpHighlighting(): Promise<void> {
  await run({ code: WARM_UP_SAMPLE, lang: 'ts', meta: '' });
}

const WARM_UP_SAMPLE = `import { strict as assert } from 'node:assert';

/** A replica's view of the log. */
export interface Replica<T> {
  readonly id: string;
  log: Array<{ term: number; value: T }>;
}

export class Quorum {
  constructor(private readonly size: number) {}
  reached(acks: ReadonlySet<string>): boolean {
    return acks.size > Math.floor(this.size / 2); // a majority
  }
}

export function append<T>(replica: Replica<T>, term: number, value: T): Replica<T> {
  assert(term >= 0, \`bad term \${term}\`);
  return { ...replica, log: [...replica.log, { term, value }] };
}`;

function run(request: HighlightRequest): Promise<string> {
  const count = configuredWorkerCount('PAPERLOG_HIGHLIGHT_WORKERS', Math.max(1, availableParallelism() - 1));
  if (count === 0) return (inThread ??= createCodeHighlighter())(request);
  pool ??= workerPool<HighlightRequest, string>({ file: workerSource(new URL('./worker.ts', import.meta.url), 'src/plugins/highlight/worker.ts'), size: count });
  return pool(request);
}
