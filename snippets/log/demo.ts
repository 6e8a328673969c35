/**
 * `npm run snippet -- log [--seed N]`: one seed of the Log conformance suite, run over every backend in
 * the registry, one row each (appends acknowledged, the committed log's length, the verdict).
 * `--variant BACKEND/VARIANT` runs one backend with one of its model's rules broken and prints what the
 * suite caught, with the end of the trace; the seed the suite records for that variant is printed too.
 */
import type { Demo, DemoOptions } from '../demo.ts';
import { formatFailure } from '../sim/run.ts';
import { CONFORMANCE_SEEDS, PROPERTY_LABELS, type ConformanceRun, type LogBackend } from './conformance.ts';
import { LOG_BACKENDS } from './registry.ts';

const SEPARATOR = '/';

/** Every backend's variants as `backend/variant` → what it breaks. */
const variants: Record<string, string> = Object.fromEntries(
  LOG_BACKENDS.flatMap((b) => Object.entries(b.variants).map(([v, what]) => [`${b.id}${SEPARATOR}${v}`, `${b.name}: ${what}`])),
);

/** What a row or a variant's run says of a run's violation: `conforms`, the property broken and how, a throw, a storm. */
export function verdict(v: ConformanceRun['violation']): string {
  if (v === undefined) return 'conforms';
  if (v.property === 'threw') return `the model threw: ${v.message}`;
  if (v.property === 'storm') return v.message;
  return `${PROPERTY_LABELS[v.property]}: ${v.message}`;
}

function row(backend: LogBackend, seed: number): string {
  const run = backend.run(seed);
  const acked = run.log.appends.filter((a) => a.ackOrder !== undefined).length;
  return `  ${backend.name.padEnd(24)} ${`${acked}/${run.log.appends.length}`.padStart(7)}  ${String(run.log.committed.length).padStart(9)}  ${verdict(run.violation)}`;
}

function everyBackend(seed: number): string {
  return [
    `Seed ${seed} of the Log conformance suite (the suite runs seeds 1 to ${CONFORMANCE_SEEDS}), one run per backend, each under its own swarm faults:`,
    '',
    `  ${'backend'.padEnd(24)} ${'acked'.padStart(7)}  ${'committed'.padStart(9)}  verdict`,
    ...LOG_BACKENDS.map((b) => row(b, seed)),
    '',
    'acked: appends acknowledged of those sent; committed: the log\'s length as the design defines committed.',
    `What the suite checks (docs: snippets/README.md, "Log interface"): ${Object.values(PROPERTY_LABELS).join('; ')}`,
    '(the seal and "read sees acks" only where a backend declares them; durable acks, nothing lost and progress at the end of the run).',
    'A broken variant: npm run snippet -- log --variant list',
  ].join('\n');
}

function oneVariant(name: string, seed: number): string {
  const [id, variant] = name.split(SEPARATOR) as [string, string];
  const backend = LOG_BACKENDS.find((b) => b.id === id)!;
  const finding = backend.findings[variant];
  const run = backend.run(seed, variant);
  const recorded =
    finding?.kind === 'caught'
      ? `The suite records this variant caught at seed ${finding.seed} (${PROPERTY_LABELS[finding.property]}): npm run snippet -- log --variant ${name} --seed ${finding.seed}`
      : finding?.kind === 'unseen'
        ? `The suite sees nothing wrong with this variant in seeds 1 to ${finding.seeds}: ${finding.seenBy}`
        : '';
  const lines = [`${backend.name} with ${variant}, seed ${seed}, through the Log interface:`, ''];
  if (run.violation === undefined) lines.push(`Not caught at seed ${seed}: the log conforms.`);
  else {
    if (!run.result.ok) lines.push(formatFailure(run.result), '');
    lines.push(`Caught: ${verdict(run.violation)}`);
  }
  if (recorded) lines.push('', recorded);
  return lines.join('\n');
}

export const demo: Demo = {
  description: 'One Log interface over every log model (VR, Delos, write-all, Kafka, BookKeeper, Raft, Neon) and the conformance suite they all pass',
  variants,
  run(options: DemoOptions): string {
    if (options.variant !== undefined) return oneVariant(options.variant, options.seed);
    return everyBackend(options.seed);
  },
};
