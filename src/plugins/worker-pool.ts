import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A few worker threads that take jobs and send back results, matched by id: the highlighting workers
 * (highlight/) and the rendering workers (render-pool/) both run on it.
 *
 * Workers start as jobs arrive, up to `size` (a job goes to an idle worker, else to a new one, else to
 * the least busy), except `prestart` of them, which start with the pool and load while the caller
 * prepares the first job. An idle worker does not keep the process alive; a worker that dies fails the
 * jobs it held and takes no more. A job that throws in the worker rejects with the thrown message.
 */
export function workerPool<Job, Result>(options: { file: string; size: number; workerOptions?: WorkerOptions; prestart?: number }): (job: Job) => Promise<Result> {
  let workers: Pooled<Result>[] = [];
  let nextId = 0;
  const retire = (gone: Pooled<Result>) => (workers = workers.filter((w) => w !== gone));
  for (let i = 0; i < Math.min(options.prestart ?? 0, options.size); i++) workers.push(start<Result>(options.file, options.workerOptions, retire));
  return (job) => {
    const idle = workers.find((w) => w.pending.size === 0);
    const target =
      idle ??
      (workers.length < options.size ? start<Result>(options.file, options.workerOptions, retire) : workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a)));
    if (!workers.includes(target)) workers.push(target);
    const id = nextId++;
    return new Promise<Result>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      if (target.pending.size === 1) target.worker.ref();
      target.worker.postMessage({ id, job });
    });
  };
}

/** In the worker's file: answer each job the pool sends with `handle`. */
export function serveJobs<Job, Result>(handle: (job: Job) => Promise<Result>): void {
  parentPort!.on('message', async ({ id, job }: { id: number; job: Job }) => {
    let reply: Reply<Result>;
    try {
      reply = { id, result: await handle(job) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
  });
}

/** How many workers an environment variable asks for (0 means none: work in this thread), or `fallback` when it is unset. */
export function configuredWorkerCount(variable: string, fallback: number): number {
  const configured = process.env[variable];
  if (configured !== undefined && configured !== '') return Math.max(0, Number.parseInt(configured, 10) || 0);
  return fallback;
}

/**
 * A worker's source file: `besideModule`, resolved against the module that starts the worker, while
 * that module runs from src/; `inProject`, a path from the project root, when the module was bundled
 * into Astro's build output and its neighbours are no longer beside it.
 */
export function workerSource(besideModule: URL, inProject: string): string {
  const beside = fileURLToPath(besideModule);
  return existsSync(beside) ? beside : resolve(inProject);
}

/**
 * A worker's environment without NODE_COMPILE_CACHE. Astro's CLI turns Node's compile cache on for the
 * main thread only; inherited through the variable, it would turn on in every worker too, and each
 * worker would write its own copy of the same 2,400 compiled modules as the build exits: 1.2–1.7 s at
 * the end of a cold 1000-note build, for no measurable gain in a rebuild (docs/performance.md).
 */
function withoutCompileCache(env: NonNullable<WorkerOptions['env']>): NonNullable<WorkerOptions['env']> {
  if (typeof env !== 'object' || !('NODE_COMPILE_CACHE' in env)) return env;
  const { NODE_COMPILE_CACHE: _, ...rest } = env as Record<string, string | undefined>;
  return rest;
}

type Reply<Result> = { id: number; result: Result; error?: undefined } | { id: number; error: string; result?: undefined };

interface Pooled<Result> {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve(result: Result): void; reject(error: Error): void }>;
}

function start<Result>(file: string, workerOptions: WorkerOptions | undefined, retire: (worker: Pooled<Result>) => void): Pooled<Result> {
  const worker = new Worker(file, { ...workerOptions, env: withoutCompileCache(workerOptions?.env ?? process.env) });
  const pooled: Pooled<Result> = { worker, pending: new Map() };
  worker.on('message', (reply: Reply<Result>) => {
    const waiting = pooled.pending.get(reply.id);
    pooled.pending.delete(reply.id);
    // An idle worker must not keep `astro build` or a test run alive.
    if (pooled.pending.size === 0) worker.unref();
    if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.result);
  });
  const fail = (error: Error) => {
    retire(pooled);
    for (const waiting of pooled.pending.values()) waiting.reject(error);
    pooled.pending.clear();
  };
  worker.on('error', fail);
  // A worker that stops without an error (process.exit in a plugin, say) must not leave its jobs waiting.
  worker.on('exit', (code) => fail(new Error(`a worker (${file}) stopped with exit code ${code} while it had work`)));
  worker.unref();
  return pooled;
}
