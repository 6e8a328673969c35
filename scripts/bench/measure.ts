import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cpuMs, maxResidentBytes } from './parse-output.ts';
import { pollTreeRss } from './process-tree.ts';

export interface Measurement {
  wallMs: number;
  /** Peak of the summed RSS of the command's whole process tree, polled from /proc every 100 ms. */
  peakTreeRssBytes: number;
  /** Peak RSS of the largest single process, from GNU time -v (undefined without /usr/bin/time). */
  maxProcessRssBytes: number | undefined;
  /** User + system CPU time of the whole tree, from GNU time (less sensitive to other load than wall time). */
  cpuMs: number | undefined;
  /** stdout and stderr, interleaved, as the command wrote them. */
  output: string;
}

const GNU_TIME = '/usr/bin/time';

/** Process groups of the commands running now, so an interrupted benchmark stops its builds too. */
const running = new Set<number>();

/** Stops every command `measure` started that is still running (each is its own process group). */
export function stopRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  running.clear();
}

/**
 * Runs one command to completion and measures it: wall time, peak RSS of its process tree, and (with
 * GNU time) the kernel's peak RSS of its largest process. Output goes to `logFile`; a failing command
 * throws with the end of its output.
 */
export async function measure(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<Measurement> {
  const timeFile = `${options.logFile}.time`;
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, [...args]];
  const log = createWriteStream(options.logFile);
  const chunks: Buffer[] = [];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (child.pid !== undefined) running.add(child.pid);
  const poller = child.pid === undefined ? undefined : pollTreeRss(child.pid, 200);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      log.write(chunk);
    });
  }
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const wallMs = performance.now() - started;
  if (child.pid !== undefined) running.delete(child.pid);
  const peakTreeRssBytes = poller?.stop() ?? 0;
  await new Promise<void>((resolve) => log.end(resolve));
  const output = Buffer.concat(chunks).toString('utf8');
  let maxProcessRssBytes: number | undefined;
  let cpu: number | undefined;
  if (useTime && existsSync(timeFile)) {
    const report = readFileSync(timeFile, 'utf8');
    maxProcessRssBytes = maxResidentBytes(report);
    cpu = cpuMs(report);
    rmSync(timeFile);
  }
  if (status !== 0) {
    const tail = output.trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${status}) in ${options.cwd}; log: ${options.logFile}\n${tail}`);
  }
  return { wallMs: Math.round(wallMs), peakTreeRssBytes, maxProcessRssBytes, cpuMs: cpu, output };
}
