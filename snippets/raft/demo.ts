/**
 * `npm run snippet -- raft [--seed N] [--variant NAME] [--scenario NAME] [--mermaid] [--legend]`:
 * three Raft servers, two writers and two readers (linearizable and strong) on a network that loses,
 * duplicates and reorders messages while servers crash and partitions come and go; then the faults
 * heal. `--variant` switches off one rule (snippets/raft/variants.ts); `--scenario` runs one of the
 * scripted runs the note draws instead of a random one, and checks its history at the level it reads.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { counterexampleText } from '../check/index.ts';
import { registerModel } from '../check/models/register.ts';
import { formatTrace, traceToMermaid, type RunResult } from '../sim/index.ts';
import { reportLines } from '../report.ts';
import { raftLegend } from './legend.ts';
import { checkRaft, FAULTY, runRaft } from './run-raft.ts';
import { figure8, normalCase, staleNoneRead, staleRead, voteWithoutLogCheck } from './scenarios.ts';
import type { RaftTypes } from './state.ts';
import type { RaftConfig, ReadLevel } from './types.ts';
import { isRaftVariant, raftVariants } from './variants.ts';

interface ScriptedDemo {
  readonly shows: string;
  /** The read levels whose reads the checker takes, with the writes. */
  readonly levels: readonly ReadLevel[];
  readonly run: (config: Partial<RaftConfig>) => RunResult<RaftTypes>;
}

/** The scripted runs `--scenario` offers: what each shows, the levels it checks, and the run under a variant's config. */
const runs: Record<string, ScriptedDemo> = {
  'normal-case': { shows: 's1 elected, a write committed, and a read at each level', levels: ['weak', 'linearizable', 'strong'], run: () => normalCase() },
  'stale-weak-read': {
    shows: 'the old leader s1, partitioned away, answers a weak read with the value s2 has since overwritten; the checker finds it',
    levels: ['weak'],
    run: () => staleRead('weak'),
  },
  'linearizable-read': {
    shows: 'the same script at level linearizable: s1 cannot confirm it leads, the read times out, and s2 answers it',
    levels: ['linearizable'],
    run: (config) => staleRead('linearizable', config),
  },
  'strong-read': { shows: 'the same script at level strong: s1 cannot commit the read entry; s2 answers it through its log', levels: ['strong'], run: () => staleRead('strong') },
  'stale-none-read': { shows: 'a partitioned follower answers a read at level none with an overwritten value', levels: ['none'], run: () => staleNoneRead() },
  'none-with-freshness': { shows: 'the same read with freshness 10: the follower has not heard from a leader for longer and refuses', levels: ['none'], run: () => staleNoneRead(10) },
  'figure-8': {
    shows: 'the Raft paper\'s Figure 8 on three servers; with --variant commit-previous-term-by-count s1 commits a term-1 entry by counting, and s2 later overwrites it',
    levels: ['linearizable'],
    run: (config) => figure8(config.commitOnlyCurrentTerm ?? true),
  },
  'vote-without-log-check': {
    shows: 's3 missed a committed write; with --variant vote-without-log-check s2 votes for it anyway and s3 leads without the write',
    levels: ['linearizable'],
    run: (config) => voteWithoutLogCheck(config.voteLogCheck ?? true),
  },
};

const describeVariant = (name: string | undefined) =>
  name === undefined ? 'Raft as the paper has it: up-to-date votes, current-term commits, and linearizable reads confirmed by a quorum' : `variant ${name}: ${isRaftVariant(name) ? raftVariants[name].description : name}`;

export const demo: Demo = {
  description: 'Raft with rqlite\'s read levels: 3 servers under faults and crashes (elections, log repair, none/weak/linearizable/strong reads).',
  legend: raftLegend,
  variants: variantDescriptions(raftVariants),
  runs: Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.shows])),
  run({ seed, mermaid, variant, scenario }) {
    if (variant !== undefined && !isRaftVariant(variant)) throw new Error(`no Raft variant named "${variant}"`);
    const config: Partial<RaftConfig> = variant === undefined ? {} : raftVariants[variant].config;
    const scripted = scenario === undefined ? undefined : runs[scenario];
    if (scenario !== undefined && scripted === undefined) throw new Error(`no Raft scenario named "${scenario}"`);
    const levels = scripted?.levels ?? ['linearizable', 'strong'];
    const result = scripted ? scripted.run(config) : runRaft({ seed, safetyTicks: 150, ...FAULTY, config });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const elections = result.trace.events.filter((e) => e.kind === 'note' && / leads term /.test(e.text)).length;
    const header = scripted
      ? [
          `Raft: scripted run "${scenario}" on servers s1..s3, every message delayed one tick, election timeouts fixed (s1 4 ticks, s2 8, s3 12) unless the script says otherwise.`,
          `It shows: ${scripted.shows}.`,
          `Running ${describeVariant(variant)}.`,
        ]
      : [
          `Raft: servers s1..s3, writers p1 and p2, a linearizable reader r1 and a strong reader r2; seed ${seed}.`,
          'Faults until tick 150 (5% loss, 5% duplicates, delays of 1-4 ticks, crashes, partitions), then healed.',
          `Running ${describeVariant(variant)}.`,
        ];
    const check = checkRaft(result, levels);
    const report = reportLines({
      result,
      checked: `Election Safety, Log Matching, Leader Completeness, State Machine Safety and no acknowledged write lost (after every step); linearizability of the writes with the ${levels.join(', ')} reads, as a register.`,
      outcome: 'linearizable',
      ...(check.ok === false ? { failed: { outcome: 'not linearizable', details: ['', counterexampleText(registerModel, check.counterexample)] } } : {}),
      extra: [`${elections} election${elections === 1 ? '' : 's'} won.`],
    });
    if (scripted && result.ok) report[0] = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';
    return [...header, 'Legend: npm run snippet -- raft --legend', '', formatTrace(result.trace), ...report].join('\n') + '\n';
  },
};
