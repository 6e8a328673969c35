/**
 * `npm run bench-linearizability [-- --seed N --sizes 1000,10000,100000 --crash-chance P]` times the
 * linearizability checker on generated register histories (linearizable by construction: see
 * snippets/check/generate.ts) and prints one JSON line per size: `{ ops, clients, ms, ok }`.
 * The number of clients (5–10) is drawn from the seed. Not a test: numbers depend on the machine.
 */
import { performance } from 'node:perf_hooks';
import { generateRegisterHistory } from '../check/generate.ts';
import { checkLinearizability } from '../check/linearizability.ts';
import { registerModel } from '../check/models/register.ts';
import { Rng } from '../sim/rng.ts';

const usage = 'Usage: npm run bench-linearizability -- [--seed N] [--sizes 1000,10000,100000] [--crash-chance P]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]) {
  const args = { seed: 1, sizes: [1_000, 10_000, 100_000], crashChance: 0 };
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

// One untimed run first, so the timings below measure compiled code rather than the JIT warming up.
checkLinearizability(registerModel, generateRegisterHistory({ operations: 2_000, clients: 5, seed: args.seed }));

for (const ops of args.sizes) {
  const clients = rng.int(5, 10);
  const history = generateRegisterHistory({ operations: ops, clients, seed: rng.nextUint32(), crashChance: args.crashChance });
  const start = performance.now();
  const result = checkLinearizability(registerModel, history);
  const ms = Math.round((performance.now() - start) * 10) / 10;
  process.stdout.write(`${JSON.stringify({ ops, clients, ms, ok: result.ok })}\n`);
}
