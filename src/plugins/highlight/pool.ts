import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Element } from 'hast';
import { createCodeHighlighter, type HighlightRequest } from './highlight-code.ts';

/**
 * Highlighting is the most expensive step of rendering a note (a few milliseconds per block, twice
 * for two themes), so it leaves the main thread: Astro renders up to ten notes at once, and while
 * workers highlight, the main thread parses the next notes. Identical blocks (the same model region
 * embedded in several notes) are highlighted once per process. Callers must not mutate the result.
 *
 * PAPERLOG_HIGHLIGHT_WORKERS sets the number of workers (default: cores − 1, at least 1; 0 highlights
 * on the main thread).
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
let workers: PooledWorker[] | undefined;
let inProcess: ((request: HighlightRequest) => Promise<Element>) | undefined;

interface PooledWorker {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve(block: Element): void; reject(error: Error): void }>;
}

function run(request: HighlightRequest): Promise<Element> {
  const count = workerCount();
  if (count === 0) return (inProcess ??= createCodeHighlighter())(request);
  workers ??= Array.from({ length: count }, startWorker);
  const target = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    if (target.pending.size === 1) target.worker.ref();
    target.worker.postMessage({ id, request });
  });
}

let nextId = 0;

function startWorker(): PooledWorker {
  const worker = new Worker(workerFile());
  const pending: PooledWorker['pending'] = new Map();
  worker.on('message', ({ id, block, error }: { id: number; block?: Element; error?: string }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    // An idle worker must not keep `astro build` or a test run alive.
    if (pending.size === 0) worker.unref();
    if (error !== undefined) waiting?.reject(new Error(error));
    else waiting?.resolve(block!);
  });
  worker.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    workers = workers?.filter((w) => w.worker !== worker);
    if (workers?.length === 0) workers = undefined;
  });
  worker.unref();
  return { worker, pending };
}

function workerCount(): number {
  const configured = process.env.PAPERLOG_HIGHLIGHT_WORKERS;
  if (configured !== undefined && configured !== '') return Math.max(0, Number.parseInt(configured, 10) || 0);
  return Math.max(1, availableParallelism() - 1);
}

/** The worker's source file: next to this module, or (when this module was bundled) under src/. */
function workerFile(): string {
  const beside = fileURLToPath(new URL('./worker.ts', import.meta.url));
  return existsSync(beside) ? beside : resolve('src/plugins/highlight/worker.ts');
}
