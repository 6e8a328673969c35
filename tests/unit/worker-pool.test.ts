import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { workerPool } from '../../src/plugins/worker-pool.ts';

/** The pool under the highlighting and rendering workers. */
type Job = { kind: 'echo' | 'throw' | 'exit' | 'compile-cache'; value: string; delayMs?: number };
const pool = (size: number, prestart?: number) =>
  workerPool<Job, { value: string; thread: number; startedAt: number }>({ file: resolve('tests/fixtures/workers/jobs-worker.ts'), size, ...(prestart === undefined ? {} : { prestart }) });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('worker pool', () => {
  it('sends each result back to the job that asked for it', async () => {
    const run = pool(2);
    const values = ['a', 'b', 'c', 'd', 'e'];
    const results = await Promise.all(values.map((value, i) => run({ kind: 'echo', value, delayMs: (5 - i) * 5 })));
    expect(results.map((r) => r.value)).toEqual(values);
  });

  it('starts a second worker only when the first is busy', async () => {
    const run = pool(2);
    const one = await run({ kind: 'echo', value: 'x' });
    const again = await run({ kind: 'echo', value: 'y' });
    expect(again.thread).toBe(one.thread);
    const both = await Promise.all([run({ kind: 'echo', value: 'p', delayMs: 50 }), run({ kind: 'echo', value: 'q', delayMs: 50 })]);
    expect(new Set(both.map((r) => r.thread)).size).toBe(2);
  });

  it('rejects a job that throws with its message, and keeps working', async () => {
    const run = pool(1);
    await expect(run({ kind: 'throw', value: 'that' })).rejects.toThrow('cannot do that');
    await expect(run({ kind: 'echo', value: 'still here' })).resolves.toMatchObject({ value: 'still here' });
  });

  it('fails the jobs of a worker that stops, and gives later jobs to a new one', async () => {
    const run = pool(1);
    const first = await run({ kind: 'echo', value: 'before' });
    await expect(run({ kind: 'exit', value: '' })).rejects.toThrow(/exit code 3/);
    const after = await run({ kind: 'echo', value: 'after' });
    expect(after.value).toBe('after');
    expect(after.thread).not.toBe(first.thread);
  });

  it('starts a worker with the pool when asked to, before any job', async () => {
    const [eager, lazy] = [pool(2, 1), pool(2)];
    // Time for a prestarted worker to load, with room for a busy machine; no bound on how fast it loads.
    await pause(1000);
    const sentAt = Date.now();
    const [fromEager, fromLazy] = await Promise.all([eager({ kind: 'echo', value: 'e' }), lazy({ kind: 'echo', value: 'l' })]);
    expect(fromEager.startedAt).toBeLessThan(sentAt);
    expect(fromLazy.startedAt).toBeGreaterThanOrEqual(sentAt);
  });

  it('starts no more workers ahead than the pool may have', async () => {
    const run = pool(1, 3);
    await pause(100);
    const both = await Promise.all([run({ kind: 'echo', value: 'a', delayMs: 30 }), run({ kind: 'echo', value: 'b', delayMs: 30 })]);
    expect(both[0].thread).toBe(both[1].thread);
  });

  it('starts workers without the compile cache NODE_COMPILE_CACHE would turn on', async () => {
    const before = process.env['NODE_COMPILE_CACHE'];
    process.env['NODE_COMPILE_CACHE'] = join(tmpdir(), 'paperlog-test-compile-cache');
    try {
      const run = pool(1);
      await expect(run({ kind: 'compile-cache', value: '' })).resolves.toMatchObject({ value: 'none' });
    } finally {
      if (before === undefined) delete process.env['NODE_COMPILE_CACHE'];
      else process.env['NODE_COMPILE_CACHE'] = before;
    }
  });
});
