/**
 * `npm run snippet` lists the runnable models; `npm run snippet -- NAME [--seed N] [--mermaid]` runs
 * one model's demo scenario and prints its trace and the verdict; `--variant V` runs one of its named
 * broken variants instead; `--legend` prints what the trace's lines mean. Exit codes: 0 ran, 2 usage error (unknown model or flag), 1 the demo itself failed.
 */
import './blocking-output.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, usageError as fail } from './parse-command-line.ts';
import { swarmSeedText } from './swarm-seed.ts';
import type { Demo } from '../demo.ts';
import { legendText } from '../sim/legend.ts';

const root = resolve(process.env.PAPERLOG_SNIPPETS_DIR ?? 'snippets');
const usage = `Usage: npm run snippet -- NAME [--seed N] [--variant V] [--scenario S] [--mermaid | --legend]
       npm run snippet -- NAME --swarm --seed N [--variant V]
       npm run snippet            (lists the models)

Runs model NAME (a folder of snippets/ with a demo.ts) on the simulator under faults, prints its
trace, one event per line (tick, endpoint, event, detail), and ends with a Verdict line that counts
every client call: completed, timed out, or still waiting when the run ended.

Options:
  --seed N      the run's seed, a whole number from 0 to 4294967295 (default 1); the same seed
                prints the same run, byte for byte
  --variant V   run the model's broken variant V, with one rule turned off, to watch the checks
                catch it (--variant list prints the model's variants)
  --scenario S  run one of the model's scripted runs instead of a random one (--seed is then not
                used); --scenario list prints them
  --swarm       run seed N of the model's default random suite instead (the fault profile drawn
                for that seed, as npm test and npm run random-search run it): a seed they print
                replays here, with its profile, trace and what caught it
  --mermaid     print the run as a Mermaid sequence diagram instead of the text trace
  --legend      print what the trace's columns, events, signs and the model's own fields mean, and
                what its verdict checks; no run
  -h, --help    print this help`;

function modelNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'demo.ts')))
    .map((d) => d.name)
    .sort();
}

async function loadDemo(name: string): Promise<Demo> {
  const module = (await import(pathToFileURL(join(root, name, 'demo.ts')).href)) as { demo?: Demo };
  if (!module.demo) throw new Error(`snippets/${name}/demo.ts does not export "demo"`);
  return module.demo;
}


interface Args { name?: string | undefined; seed: number; mermaid: boolean; legend: boolean; swarm: boolean; variant?: string | undefined; scenario?: string | undefined }

function parseArgs(argv: string[]): Args {
  const options = {
    seed: { type: 'string' },
    variant: { type: 'string' },
    scenario: { type: 'string' },
    mermaid: { type: 'boolean', default: false },
    legend: { type: 'boolean', default: false },
    swarm: { type: 'boolean', default: false },
  } as const;
  const { values, positionals } = parseCommandLine(argv, options, usage);
  if (positionals.length > 1) fail(`One model at a time: got ${positionals.map((p) => `"${p}"`).join(' and ')}.\n${usage}`);
  const seed = values.seed ?? '1';
  if (!/^\d+$/.test(seed) || Number(seed) > 0xffffffff) {
    fail(`--seed needs a whole number from 0 to 4294967295, got ${JSON.stringify(seed)}.\n${usage}`);
  }
  if (values.mermaid && values.legend) fail(`--mermaid and --legend do not go together: the legend explains the text trace.\n${usage}`);
  if (values.variant !== undefined && positionals.length === 0) fail(`--variant needs a model: npm run snippet -- NAME --variant V.\n${usage}`);
  if (values.scenario !== undefined && positionals.length === 0) fail(`--scenario needs a model: npm run snippet -- NAME --scenario S.\n${usage}`);
  if (values.swarm && positionals.length === 0) fail(`--swarm needs a model: npm run snippet -- NAME --swarm --seed N.\n${usage}`);
  if (values.swarm && (values.scenario !== undefined || values.mermaid || values.legend)) fail(`--swarm runs a random suite's seed; it does not take --scenario, --mermaid or --legend.\n${usage}`);
  return { name: positionals[0], seed: Number(seed), mermaid: values.mermaid, legend: values.legend, swarm: values.swarm, variant: values.variant, scenario: values.scenario };
}

/**
 * A `--variant` or `--scenario` checked against what the demo offers; `list` prints the offer and exits,
 * a name it does not offer stops with the names it does.
 */
function chosen(name: string, flag: 'variant' | 'scenario', choice: string | undefined, offered: Readonly<Record<string, string>> | undefined): string | undefined {
  if (choice === undefined) return undefined;
  const entries = Object.entries(offered ?? {});
  const width = Math.max(0, ...entries.map(([v]) => v.length));
  const listed = entries.map(([v, what]) => `  ${v.padEnd(width)}  ${what}`).join('\n');
  const kind = flag === 'variant' ? 'broken variants' : 'scripted runs';
  if (choice === 'list') {
    process.stdout.write(entries.length === 0 ? `${name} has no ${kind}.\n` : `The ${kind} of ${name} (npm run snippet -- ${name} --${flag} ${flag === 'variant' ? 'V' : 'S'}):\n\n${listed}\n`);
    process.exit(0);
  }
  if (entries.some(([v]) => v === choice)) return choice;
  fail(entries.length === 0 ? `${name} has no ${kind}, so --${flag} ${choice} cannot run.` : `${name} has no ${flag} "${choice}". Its ${flag === 'variant' ? 'variants' : kind}:\n${listed}`);
}

async function list(): Promise<void> {
  const names = modelNames();
  const width = Math.max(0, ...names.map((n) => n.length));
  process.stdout.write('Runnable models (npm run snippet -- NAME [--seed N] [--variant V] [--scenario S] [--mermaid | --legend]; --help explains):\n\n');
  for (const name of names) process.stdout.write(`  ${name.padEnd(width)}  ${(await loadDemo(name)).description}\n`);
}

const args = parseArgs(process.argv.slice(2));
if (args.name === undefined && args.legend) {
  process.stdout.write(legendText());
} else if (args.name === undefined) {
  await list();
} else {
  const names = modelNames();
  if (!names.includes(args.name)) fail(`No model named "${args.name}". Models: ${names.join(', ') || '(none yet)'}.`);
  try {
    const demo = await loadDemo(args.name);
    const variant = chosen(args.name, 'variant', args.variant, demo.variants);
    if (args.swarm) {
      const swarm = swarmSeedText(args.name, args.seed, variant);
      if ('error' in swarm) fail(swarm.error);
      else process.stdout.write(swarm.text);
      process.exit(0);
    }
    const scenario = chosen(args.name, 'scenario', args.scenario, demo.runs);
    process.stdout.write(args.legend ? legendText(demo.legend) : demo.run({ seed: args.seed, mermaid: args.mermaid, variant, scenario }));
  } catch (error) {
    process.stderr.write(`The ${args.name} demo failed (seed ${args.seed}): ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}
