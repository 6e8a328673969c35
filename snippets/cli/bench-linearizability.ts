/**
 * `npm run bench:check [-- --seed N --sizes 1000,10000,100000 --crash-chance P --kv-seeds 1,2,3
 * --kv-ops 2000 --timeout S]` times the linearizability checker (the library, no process start-up)
 * on generated histories (snippets/check/generate.ts) and prints one JSON line per history:
 * - register histories, linearizable by construction, one per size: `{ model, ops, clients, ms, ok }`
 *   (the number of clients, 5–10, is drawn from the seed);
 *   `cpuMs` is the process's CPU time for the check, steadier than `ms` on a shared machine;
 * - kv histories with get/put/append on 10 keys, 10 and 50 clients, linearizable, and made
 *   non-linearizable by one stale read early (10 % in) or late (90 % in):
 *   `{ model, shape, ops, clients, seed, ms, cpuMs, verdict, explored }`, one line per seed (default
 *   seeds 1–20), then per shape the worst seed: `{ worst: shape, clients, seed, ms, cpuMs, verdict }`
 *   and how many seeds missed the issue 28 target (`overTarget`: linearizable 1 s, not 0.5 s CPU).
 * Not a test: numbers depend on the machine and its load.
 */
import './blocking-output.ts';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateKvHistory, generateRegisterHistory } from '../check/generate.ts';
import { checkLinearizability } from '../check/linearizability.ts';
import { kvModel } from '../check/models/kv.ts';
import { registerModel } from '../check/models/register.ts';
import { Rng } from '../sim/rng.ts';

const usage = 'Usage: npm run bench:check -- [--seed N] [--sizes 1000,10000,100000] [--crash-chance P] [--kv-seeds 1,2,3] [--kv-ops 2000] [--timeout SECONDS]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]) {
  const args = { seed: 1, sizes: [1_000, 10_000, 100_000], crashChance: 0, kvSeeds: Array.from({ length: 20 }, (_, i) => i + 1), kvOps: 2_000, timeoutMs: 30_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value.`);
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    } else if (flag === '--seed') {
      const text = value();
      if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) fail(`--seed needs a whole number from 0 to 4294967295, got "${text}".`);
      args.seed = Number(text);
    } else if (flag === '--sizes') {
      const text = value();
      args.sizes = text.split(',').map(Number);
      if (args.sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`--sizes needs whole numbers separated by commas, got "${text}".`);
    } else if (flag === '--kv-seeds') {
      const text = value();
      args.kvSeeds = text === '' ? [] : text.split(',').map(Number);
      if (args.kvSeeds.some((n) => !Number.isInteger(n) || n < 0)) fail(`--kv-seeds needs whole numbers separated by commas (or "" for none), got "${text}".`);
    } else if (flag === '--kv-ops') {
      const text = value();
      args.kvOps = Number(text);
      if (!Number.isInteger(args.kvOps) || args.kvOps < 100) fail(`--kv-ops needs a whole number from 100, got "${text}".`);
    } else if (flag === '--timeout') {
      const text = value();
      args.timeoutMs = Number(text) * 1000;
      if (!(args.timeoutMs > 0)) fail(`--timeout needs a positive number of seconds, got "${text}".`);
    } else if (flag === '--crash-chance') {
      const text = value();
      args.crashChance = Number(text);
      if (!(args.crashChance >= 0 && args.crashChance <= 1)) fail(`--crash-chance needs a probability from 0 to 1, got "${text}".`);
    } else {
      fail(`Unknown option ${arg}.`);
    }
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const rng = new Rng(args.seed);
const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
print({ loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) });

// One untimed run first, so the timings below measure compiled code rather than the JIT warming up.
checkLinearizability(registerModel, generateRegisterHistory({ operations: 2_000, clients: 5, seed: args.seed }));
checkLinearizability(kvModel, generateKvHistory({ operations: 1_000, clients: 10, seed: args.seed }));

for (const ops of args.sizes) {
  const clients = rng.int(5, 10);
  const history = generateRegisterHistory({ operations: ops, clients, seed: rng.nextUint32(), crashChance: args.crashChance });
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const result = checkLinearizability(registerModel, history);
  const ms = Math.round((performance.now() - start) * 10) / 10;
  const cpu = process.cpuUsage(startCpu);
  print({ model: 'register', ops, clients, ms, cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10, ok: result.ok });
}

const shapes = [
  { shape: 'linearizable', staleReadAt: undefined },
  { shape: 'stale read 10% in', staleReadAt: 0.1 },
  { shape: 'stale read 90% in', staleReadAt: 0.9 },
] as const;
for (const clients of [10, 50]) {
  for (const { shape, staleReadAt } of shapes) {
    const runs: { seed: number; ms: number; cpuMs: number; verdict: string }[] = [];
    for (const seed of args.kvSeeds) {
      const history = generateKvHistory({ operations: args.kvOps, clients, keys: 10, seed, ...(staleReadAt === undefined ? {} : { staleReadAt }) });
      const start = performance.now();
      const startCpu = process.cpuUsage();
      const result = checkLinearizability(kvModel, history, { timeoutMs: args.timeoutMs, now: () => performance.now() });
      const ms = Math.round((performance.now() - start) * 10) / 10;
      const cpu = process.cpuUsage(startCpu);
      const cpuMs = Math.round((cpu.user + cpu.system) / 100) / 10;
      const explored = result.partitions.reduce((sum, p) => sum + p.explored, 0) + result.unchecked.reduce((sum, p) => sum + (p.progress?.explored ?? 0), 0);
      print({ model: 'kv', shape, ops: history.length, clients, seed, ms, cpuMs, verdict: result.verdict, explored });
      runs.push({ seed, ms, cpuMs, verdict: result.verdict });
    }
    const worst = runs.reduce<(typeof runs)[number] | undefined>((w, r) => (!w || r.cpuMs > w.cpuMs ? r : w), undefined);
    const targetMs = staleReadAt === undefined ? 1_000 : 500;
    if (worst) print({ worst: shape, clients, ...worst, targetMs, overTarget: runs.filter((r) => r.cpuMs > targetMs || r.verdict === 'unknown').length, of: runs.length });
  }
}
