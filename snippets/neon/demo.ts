/**
 * `npm run snippet -- neon [--seed N] [--variant NAME] [--scenario NAME] [--mermaid] [--legend]`:
 * two computes, three safekeepers, a pageserver and object storage, with Postgres clients
 * committing, on a network that loses, duplicates and reorders messages while nodes crash and
 * partitions come and go; then the faults heal. `--variant` switches off one rule
 * (snippets/neon/variants.ts); `--scenario` runs one of the scripted runs the note draws.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { formatTrace, traceToMermaid, type RunResult } from '../sim/index.ts';
import { reportLines } from '../report.ts';
import { neonLegend } from './legend.ts';
import { FAULTY, runNeon } from './run-neon.ts';
import { lowerTerm, normalCase, oneFlush, proposerChange } from './scenarios.ts';
import type { NeonTypes } from './state.ts';
import type { NeonConfig } from './types.ts';
import { isNeonVariant, neonVariants } from './variants.ts';

/** The scripted runs `--scenario` offers: what each shows, and the run under a variant's config (the rule it scripts is the one that matters). */
const runs: Record<string, { shows: string; run: (config: Partial<NeonConfig>) => RunResult<NeonTypes> }> = {
  'normal-case': { shows: 'one commit flushed by a majority, acknowledged at commit_lsn, read by the pageserver and uploaded to object storage', run: () => normalCase() },
  'proposer-change': {
    shows: 'cA crashes after a commit two safekeepers hold, and cB is elected with the lagging sk1\'s vote first; with --variant skip-sync-from-majority cB takes sk1\'s empty log',
    run: (config) => proposerChange(config.syncFromMajority ?? true),
  },
  'one-flush': { shows: 'cA reaches only sk1; with --variant ack-on-one-flush the commit is acknowledged anyway', run: (config) => oneFlush(config.quorumCommit ?? true) },
  'lower-term': {
    shows: 'cB campaigns while cA still streams; with --variant accept-lower-term the safekeepers take cA\'s WAL after voting for term 2, and then truncate it',
    run: (config) => lowerTerm(config.refuseLowerTerm ?? true),
  },
};

const describeVariant = (name: string | undefined) => (name === undefined ? 'the protocol with its rules: the most advanced log among the voting majority, commit_lsn from a majority\'s flush_lsn in the term, lower terms refused' : `variant ${name}: ${isNeonVariant(name) ? neonVariants[name].description : name}`);

export const demo: Demo = {
  description: 'Neon\'s WAL service: walproposer, 3 safekeepers, a pageserver and object storage, under faults and crashes (elections, truncation, offload).',
  legend: neonLegend,
  variants: variantDescriptions(neonVariants),
  runs: Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.shows])),
  run({ seed, mermaid, variant, scenario }) {
    if (variant !== undefined && !isNeonVariant(variant)) throw new Error(`no Neon variant named "${variant}"`);
    const config: Partial<NeonConfig> = variant === undefined ? {} : neonVariants[variant].config;
    const scripted = scenario === undefined ? undefined : runs[scenario];
    if (scenario !== undefined && scripted === undefined) throw new Error(`no Neon scenario named "${scenario}"`);
    const result = scripted ? scripted.run(config) : runNeon({ seed, safetyTicks: 150, ...FAULTY, config });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const elections = result.trace.events.filter((e) => e.kind === 'note' && e.text.startsWith('elected')).length;
    const truncations = result.trace.events.filter((e) => e.kind === 'note' && e.text.startsWith('truncated')).length;
    const header = scripted
      ? [
          `Neon WAL service: scripted run "${scenario}" on computes cA, cB, safekeepers sk1..sk3, pageserver ps and object storage s3, every message delayed one tick unless the script says otherwise.`,
          `It shows: ${scripted.shows}.`,
          `Running ${describeVariant(variant)}.`,
        ]
      : [
          `Neon WAL service: computes cA and cB (cA leads term 1), safekeepers sk1..sk3, pageserver ps, object storage s3, clients pg1 and pg2; seed ${seed}.`,
          'Faults until tick 150 (5% loss, 5% duplicates, delays of 1-4 ticks, crashes, partitions), then healed.',
          `Running ${describeVariant(variant)}.`,
        ];
    const report = reportLines({
      result,
      checked: 'at most one proposer per term, commit_lsn never moves back, no acknowledged commit lost, the pageserver and object storage hold only committed WAL (after every step).',
      outcome: 'no acknowledged commit lost',
      extra: [`${elections} election${elections === 1 ? '' : 's'} after term 1; ${truncations} safekeeper truncation${truncations === 1 ? '' : 's'} of a divergent tail.`],
    });
    if (scripted && result.ok) report[0] = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';
    return [...header, 'Legend: npm run snippet -- neon --legend', '', formatTrace(result.trace), ...report].join('\n') + '\n';
  },
};
