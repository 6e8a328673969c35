/**
 * `npm run snippet -- kafka [--seed N] [--variant NAME] [--scenario NAME] [--mermaid] [--legend]`:
 * two producers and a consumer on one partition of three brokers and a KRaft controller, on a
 * network that loses, duplicates and reorders messages while brokers crash and partitions come and
 * go; then the faults heal. `--variant` switches off one rule (snippets/kafka/variants.ts);
 * `--scenario` runs one of the scripted runs the note draws instead of a random one.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { formatTrace, traceToMermaid, type RunResult } from '../sim/index.ts';
import { reportLines } from '../report.ts';
import { currentState, type KafkaTypes } from './state.ts';
import { metadataLog } from './invariants.ts';
import { kafkaLegend } from './legend.ts';
import { FAULTY, runKafka } from './run-kafka.ts';
import { acks, normalCase, staleIsr, truncateToHighWatermark, uncleanElection } from './scenarios.ts';
import type { KafkaConfig } from './types.ts';
import { isKafkaVariant, kafkaVariants } from './variants.ts';

/** The scripted runs `--scenario` offers: what each shows, and the run under a variant's config (the rule it scripts is the one that matters). */
const runs: Record<string, { shows: string; run: (config: Partial<KafkaConfig>) => RunResult<KafkaTypes> }> = {
  'normal-case': { shows: 'a record fetched by both followers and acknowledged once the high watermark passes it', run: () => normalCase() },
  'unclean-election': {
    shows: 'both ISR members fail while the out-of-sync b3 returns; with --variant unclean-election b3 leads without the acknowledged record',
    run: (config) => uncleanElection(config.uncleanLeaderElection ?? false),
  },
  'truncate-to-high-watermark': {
    shows: 'b2 restarts between holding a record and learning it is committed, then b1 fails (KIP-101\'s first case); with --variant truncate-to-high-watermark b2 drops it',
    run: (config) => truncateToHighWatermark(config.truncation ?? 'leader-epoch'),
  },
  'acks-1': { shows: 'b1 fails before its followers fetch a new record; with --variant acks-1 it had already been acknowledged', run: (config) => acks(config.acks ?? 'all') },
  'stale-isr-change': {
    shows: 'a deposed leader asks to shrink the ISR; with --variant accepts-stale-isr-change the controller takes it',
    run: (config) => staleIsr(config.checkPartitionEpoch ?? true),
  },
};

const describeVariant = (name: string | undefined) => (name === undefined ? 'the protocol with its rules: acks=all, min.insync.replicas=2, clean elections, KIP-101 truncation, epoch-checked AlterPartition' : `variant ${name}: ${isKafkaVariant(name) ? kafkaVariants[name].description : name}`);

export const demo: Demo = {
  description: 'Kafka replication: one partition on 3 brokers and a KRaft controller, under faults and crashes (elections, truncation, ISR changes).',
  legend: kafkaLegend,
  variants: variantDescriptions(kafkaVariants),
  runs: Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.shows])),
  run({ seed, mermaid, variant, scenario }) {
    if (variant !== undefined && !isKafkaVariant(variant)) throw new Error(`no Kafka variant named "${variant}"`);
    const config: Partial<KafkaConfig> = variant === undefined ? {} : kafkaVariants[variant].config;
    const scripted = scenario === undefined ? undefined : runs[scenario];
    if (scenario !== undefined && scripted === undefined) throw new Error(`no Kafka scenario named "${scenario}"`);
    const result = scripted ? scripted.run(config) : runKafka({ seed, safetyTicks: 150, ...FAULTY, config });
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const meta = metadataLog(result.final);
    const state = meta ? currentState(meta) : undefined;
    const elections = result.trace.events.filter((e) => e.kind === 'note' && /elected leader|unclean election/.test(e.text)).length;
    const header = scripted
      ? [
          `Kafka replication: scripted run "${scenario}" on brokers b1..b3 and controller ctl, every message delayed one tick unless the script says otherwise.`,
          `It shows: ${scripted.shows}.`,
          `Running ${describeVariant(variant)}.`,
        ]
      : [
          `Kafka replication: one partition on brokers b1..b3, controller ctl, producers p1 and p2, consumer c1; seed ${seed}.`,
          'Faults until tick 150 (5% loss, 5% duplicates, delays of 1-4 ticks, crashes, partitions), then healed.',
          `Running ${describeVariant(variant)}.`,
        ];
    const report = reportLines({
      result,
      checked: 'no acknowledged record lost, replicas agree below their high watermarks, only the current leader changes the ISR, consumers read only committed records (after every step).',
      outcome: 'no acknowledged record lost',
      extra: [
        `${elections} election${elections === 1 ? '' : 's'}; the metadata log ends at ${state ? `leader ${state.leader}, leader epoch ${state.leaderEpoch}, ISR {${state.isr.join(',')}}, partition epoch ${state.partitionEpoch}` : 'nothing'}.`,
      ],
    });
    if (scripted && result.ok) report[0] = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';
    return [...header, 'Legend: npm run snippet -- kafka --legend', '', formatTrace(result.trace), ...report].join('\n') + '\n';
  },
};
