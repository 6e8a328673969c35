/**
 * `npm run explore -- NAME [--nodes 3] [--requests 2] [--crashes 1] [--depth 30] [--variant V]`:
 * breadth-first search over every interleaving of a small configuration of model NAME (its
 * `snippets/NAME/explore.ts`), checking its invariants in every state and its history whenever an
 * operation returns. Exit codes: 0 no violation, 1 a violation (printed), 2 usage error.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, usageError as fail } from './parse-command-line.ts';
import { DEFAULT_BOUNDS, type Bounds, type ExploreDescriptor, type Size } from '../explore/descriptor.ts';
import { explore } from '../explore/explorer.ts';
import { reportText } from '../explore/report.ts';

const root = resolve(process.env.PAPERLOG_SNIPPETS_DIR ?? 'snippets');
const usage = `Usage: npm run explore -- NAME [--nodes N] [--requests N] [--crashes N] [--timers N] [--depth N] [--variant V]
       npm run explore            (lists the models that can be explored)

Visits every state a small cluster of model NAME can reach, breadth first: every order of message
deliveries, losses and duplicates, node timers, client calls, crashes (between steps and between the
effects of one step) and restarts, within the bounds. Checks the model's invariants in every state and
its client history (linearizability, where the model promises it) whenever an operation returns. On a
violation it prints the shortest path to it as a trace and as a Mermaid sequence diagram.

Options:
  --nodes N        replicas (default: the model's)
  --requests N     client operations in all (default: the model's)
  --crashes N      crashes along one path (default 1)
  --losses N       lost messages along one path (default 1)
  --duplicates N   duplicated messages along one path (default 0)
  --timers N       timer events (a node's tick) along one path (default: the model's, else no limit)
  --depth N        events along one path (default: the model's, else 30)
  --max-states N   stop after this many distinct states (default 2000000)
  --ticks each     every tick of a node is its own event (default: fire, one event runs a node's
                   ticks until its next timer fires)
  --variant V      a broken variant (listed with the model)
  -h, --help       print this help`;

function modelNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    // A model folder has a demo.ts (cli/ has an explore.ts too: the command itself).
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'explore.ts')) && existsSync(join(root, d.name, 'demo.ts')))
    .map((d) => d.name)
    .sort();
}

async function load(name: string): Promise<ExploreDescriptor> {
  const module = (await import(pathToFileURL(join(root, name, 'explore.ts')).href)) as { explore?: ExploreDescriptor };
  if (!module.explore) throw new Error(`snippets/${name}/explore.ts does not export "explore"`);
  return module.explore;
}

const whole = (flag: string, text: string | undefined, fallback: number, min = 0): number => {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) fail(`--${flag} needs a whole number ≥ ${min}, got ${JSON.stringify(text)}.\n${usage}`);
  return Number(text);
};

const options = {
  nodes: { type: 'string' }, requests: { type: 'string' }, crashes: { type: 'string' }, losses: { type: 'string' },
  duplicates: { type: 'string' }, timers: { type: 'string' }, depth: { type: 'string' }, 'max-states': { type: 'string' }, ticks: { type: 'string' }, variant: { type: 'string' },
} as const;
const { values, positionals } = parseCommandLine(process.argv.slice(2), options, usage);
const names = modelNames();
if (positionals.length === 0) {
  process.stdout.write('Models with an explore descriptor (npm run explore -- NAME; --help explains):\n\n');
  for (const name of names) {
    const descriptor = await load(name);
    process.stdout.write(`  ${name}  ${descriptor.description}\n`);
    for (const [variant, rule] of Object.entries(descriptor.variants)) process.stdout.write(`      --variant ${variant}: ${rule}\n`);
  }
  process.exit(0);
}
if (positionals.length > 1) fail(`One model at a time: got ${positionals.map((p) => `"${p}"`).join(' and ')}.\n${usage}`);
const name = positionals[0]!;
if (!names.includes(name)) fail(`No model named "${name}" has an explore descriptor. Models: ${names.join(', ') || '(none yet)'}.`);
const descriptor = await load(name);
if (values.variant !== undefined && !(values.variant in descriptor.variants)) {
  fail(`${name} has no variant "${values.variant}". Variants: ${Object.keys(descriptor.variants).join(', ') || '(none)'}.`);
}
if (values.ticks !== undefined && values.ticks !== 'each' && values.ticks !== 'fire') fail(`--ticks is "fire" or "each", got ${JSON.stringify(values.ticks)}.\n${usage}`);
const d = descriptor.defaults;
const size: Size = {
  nodes: whole('nodes', values.nodes, d.nodes ?? 3, 1),
  requests: whole('requests', values.requests, d.requests ?? 2, 1),
  variant: values.variant,
};
const bounds: Bounds = {
  depth: whole('depth', values.depth, d.depth ?? DEFAULT_BOUNDS.depth, 1),
  crashes: whole('crashes', values.crashes, d.crashes ?? DEFAULT_BOUNDS.crashes),
  losses: whole('losses', values.losses, d.losses ?? DEFAULT_BOUNDS.losses),
  duplicates: whole('duplicates', values.duplicates, d.duplicates ?? DEFAULT_BOUNDS.duplicates),
  timers: whole('timers', values.timers, d.timers ?? DEFAULT_BOUNDS.timers),
  maxStates: whole('max-states', values['max-states'], d.maxStates ?? DEFAULT_BOUNDS.maxStates, 1),
  ticks: (values.ticks as Bounds['ticks'] | undefined) ?? d.ticks ?? DEFAULT_BOUNDS.ticks,
  tickLimit: d.tickLimit ?? DEFAULT_BOUNDS.tickLimit,
};
const started = performance.now();
const cpu = process.cpuUsage();
const result = explore(descriptor.setup(size).setup, bounds);
const used = process.cpuUsage(cpu);
const seconds = { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
process.stdout.write(reportText(name, size, bounds, result, seconds));
process.exit(result.violation ? 1 : 0);
