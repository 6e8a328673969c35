import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { childEnv } from './child-env.ts';

/** An `astro dev` started by a test, in its own process group so that stopping it stops all it started. */
export interface DevServer {
  readonly origin: string;
  readonly pid: number;
  stop(): void;
}

/**
 * Starts `astro dev` on 127.0.0.1 with the given extra flags and resolves with its origin once it
 * listens. If it exits first, the error carries everything it printed on stdout and stderr: Astro
 * says why it could not start (a port, another dev server) on stderr.
 */
export function startDevServer(port: number, flags: string[] = []): Promise<DevServer> {
  const child: ChildProcess = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', ...flags, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: childEnv(),
  });
  const stop = () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  return new Promise<DevServer>((resolve, reject) => {
    let log = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      stop();
      reject(new Error(`astro dev ${flags.join(' ')} --port ${port} ${why}:\n${plain(log)}`));
    };
    const timer = setTimeout(() => fail('did not start within 90 s'), 90_000);
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const url = /Local\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(plain(log));
      if (url) {
        clearTimeout(timer);
        resolve({ origin: url[1]!, pid: child.pid!, stop });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => fail(`exited with ${code}`));
  });
}

/** Terminal output without its colour codes. */
export const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Astro's dev-server lock file: a plain `astro dev`, such as the README's `npm run dev`, writes it. */
export const DEV_LOCK = '.astro/dev.json';

/** What the lock file says, whether or not its server is still alive. */
export function devLock(): { pid: number; url: string } | undefined {
  try {
    return JSON.parse(readFileSync(DEV_LOCK, 'utf8')) as { pid: number; url: string };
  } catch {
    return undefined;
  }
}

/** The dev server holding the lock on this project, if its process is alive. */
export function lockedDevServer(): { pid: number; url: string } | undefined {
  const lock = devLock();
  if (!lock) return undefined;
  try {
    process.kill(lock.pid, 0);
    return lock;
  } catch {
    return undefined;
  }
}
