import { performance } from 'node:perf_hooks';

/** Progress lines on stderr, so stdout carries only the JSON. */
export function progress(message: string): void {
  process.stderr.write(`[bench +${(performance.now() / 1000).toFixed(1)}s] ${message}\n`);
}
