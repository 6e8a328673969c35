/**
 * `npm run explore -- NAME [--nodes 3] [--requests 2] [--crashes 1] [--depth 30] [--variant V]`:
 * breadth-first search over every interleaving of a small configuration of model NAME (its
 * `snippets/NAME/explore.ts`), checking its invariants in every state and its history whenever an
 * operation returns. Exit codes: 0 no violation, 1 a violation (printed), 2 usage error.
 */
import './blocking-output.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, usageError as fail } from './parse-command-line.ts';
import { resolveBounds, type Bounds, type Defaults, type ExploreDescriptor } from '../explore/descriptor.ts';
import { explore } from '../explore/explorer.ts';
import { replayLink } from '../explore/player-link.ts';
import type { PlayDescriptor } from '../play/descriptor.ts';
import type { ModelTypes } from '../sim/index.ts';
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
const allVariants = { ...descriptor.variants, ...descriptor.livenessOnly };
if (values.variant !== undefined && !(values.variant in allVariants)) {
  fail(`${name} has no variant "${values.variant}". Variants: ${Object.keys(allVariants).join(', ') || '(none)'}.`);
}
if (values.ticks !== undefined && values.ticks !== 'each' && values.ticks !== 'fire') fail(`--ticks is "fire" or "each", got ${JSON.stringify(values.ticks)}.\n${usage}`);
/** Each numeric flag, the field it sets and its least value. */
const numeric = [
  ['nodes', 'nodes', 1], ['requests', 'requests', 1], ['depth', 'depth', 1], ['crashes', 'crashes', 0], ['losses', 'losses', 0],
  ['duplicates', 'duplicates', 0], ['timers', 'timers', 0], ['max-states', 'maxStates', 1],
] as const satisfies ReadonlyArray<readonly [keyof typeof options, keyof Defaults, number]>;
const given: { -readonly [K in keyof Defaults]: Defaults[K] } = {};
for (const [flag, key, min] of numeric) if (values[flag] !== undefined) given[key] = whole(flag, values[flag], 0, min);
if (values.ticks !== undefined) given.ticks = values.ticks as Bounds['ticks'];
const { size, bounds } = resolveBounds(descriptor, values.variant, given);
if (values.variant !== undefined && descriptor.livenessOnly?.[values.variant] !== undefined) {
  process.stdout.write(`${name} --variant ${values.variant} breaks no safety property (${descriptor.livenessOnly[values.variant]}): the explorer checks safety, so it has nothing to find there; the random search's liveness checks catch it (npm run snippet -- ${name} --variant ${values.variant}).\n`);
  process.exit(0);
}
const started = performance.now();
const cpu = process.cpuUsage();
const progress = (depth: number, distinct: number, frontier: number) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`  depth ${depth}: ${distinct.toLocaleString('en')} distinct states, ${frontier.toLocaleString('en')} new at this depth, ${seconds} s\n`);
};
const result = explore(descriptor.setup(size).setup, bounds, progress);
const used = process.cpuUsage(cpu);
const seconds = { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
process.stdout.write(reportText(name, size, bounds, result, seconds));
if (result.violation) {
  const play = await playDescriptorOf(root, name);
  if (play) process.stdout.write(`\nA player URL that replays this path move by move (snippets/play/replay.ts; see snippets/README.md): ${replayLink(name, size, result.violation.events)}\n`);
  else process.stdout.write(`\nThe browser player has no /play/${name}/ page yet.\n`);
}
process.exit(result.violation ? 1 : 0);

/** The play descriptor `snippets/<model>/play.ts` exports, or undefined if the model is not playable yet. */
async function playDescriptorOf(root: string, model: string): Promise<PlayDescriptor<ModelTypes> | undefined> {
  const file = join(root, model, 'play.ts');
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return Object.values(module).find((value): value is PlayDescriptor<ModelTypes> => isPlayDescriptor(value) && value.name === model);
}

function isPlayDescriptor(value: unknown): value is PlayDescriptor<ModelTypes> {
  return typeof value === 'object' && value !== null && 'scenarios' in value && 'variants' in value && 'name' in value;
}
