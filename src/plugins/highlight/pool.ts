import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { createCodeHighlighter, type HighlightRequest } from './highlight-code.ts';
import { configuredWorkerCount, workerPool, workerSource } from '../worker-pool.ts';

/**
 * Highlighting is the most expensive step of rendering a note (a few milliseconds per block), so
 * where notes render on the main thread (the dev server, tests, PAPERLOG_RENDER_WORKERS=0) it leaves
 * it: while workers highlight, the main thread parses the next notes. Identical blocks (the same model
 * region embedded in several notes) are highlighted once per process. Callers must not mutate the result.
 *
 * PAPERLOG_HIGHLIGHT_WORKERS sets the number of workers (default: cores − 1, at least 1; 0 highlights
 * in this thread, which is what each render worker does: render-pool/).
 */
export function highlightCode(request: HighlightRequest): Promise<Element> {
  const key = createHash('sha1').update(`${request.lang}\0${request.meta}\0${request.code}`).digest('base64');
  let html = cache.get(key);
  if (!html) {
    html = run(request);
    cache.set(key, html);
    html.catch(() => cache.delete(key));
  }
  return html;
}

const cache = new Map<string, Promise<Element>>();
let inThread: ((request: HighlightRequest) => Promise<Element>) | undefined;
let pool: ((request: HighlightRequest) => Promise<Element>) | undefined;

function run(request: HighlightRequest): Promise<Element> {
  const count = configuredWorkerCount('PAPERLOG_HIGHLIGHT_WORKERS', Math.max(1, availableParallelism() - 1));
  if (count === 0) return (inThread ??= createCodeHighlighter())(request);
  pool ??= workerPool<HighlightRequest, Element>({ file: workerSource(new URL('./worker.ts', import.meta.url), 'src/plugins/highlight/worker.ts'), size: count });
  return pool(request);
}
