/**
 * Kafka in the browser player (snippets/play/): the note's scripted runs, imported from scenarios.ts
 * and run-kafka.ts rather than copied, what each node's card shows (the controller's latest metadata
 * record; each broker's role, log, high watermark and what it is doing), and the broken variants.
 * tests/snippets/kafka/play.test.ts checks that the scenarios play the runs the note draws.
 */
import type { RunOptions } from '../sim/index.ts';
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { kafkaInvariants } from './invariants.ts';
import { kafka } from './model.ts';
import { FAULTY, kafkaRunOptions } from './run-kafka.ts';
import { acksRun, normalCaseRun, staleIsrRun, truncateToHighWatermarkRun, uncleanElectionRun } from './scenarios.ts';
import { currentState, type KafkaState, type KafkaTypes } from './state.ts';
import { NO_LEADER, type KafkaConfig, type PartitionState } from './types.ts';
import { kafkaVariants, type KafkaVariantName } from './variants.ts';

const showState = (s: PartitionState) => `leader ${s.leader === NO_LEADER ? 'none' : s.leader}, epoch ${s.leaderEpoch}, ISR {${s.isr.join(',')}}, partition epoch ${s.partitionEpoch}`;

function card(s: KafkaState): { role: string; fields: Array<{ label: string; value: string }> } {
  if (s.role === 'controller') {
    return {
      role: 'controller',
      fields: [
        { label: 'partition', value: showState(currentState(s)) },
        { label: 'fenced', value: s.fenced.length === 0 ? 'none' : s.fenced.join(', ') },
      ],
    };
  }
  const log = s.log.records.length === 0 ? 'empty' : s.log.records.map((r) => `${r.value}@${r.epoch}`).join(' ');
  const role = s.mode.kind === 'leader' ? 'leader' : s.mode.kind === 'follower' ? 'follower' : 'no role yet';
  const doing =
    s.mode.kind === 'leader'
      ? `${s.mode.waiting.length} producer(s) waiting${s.mode.pending ? `, asked for ISR {${s.mode.pending.isr.join(',')}}` : ''}`
      : s.mode.kind === 'follower'
        ? s.mode.phase === 'truncating' ? 'asking where its epoch ends' : 'fetching'
        : 'waiting for metadata';
  return {
    role,
    fields: [
      { label: 'log', value: log },
      { label: 'high watermark', value: String(s.hw) },
      { label: 'knows', value: s.partition ? showState(s.partition) : 'nothing yet' },
      { label: 'doing', value: doing },
    ],
  };
}

/** The demo's run has no script of its own (its faults are random), so the player's scenario takes none. */
function withoutScript(options: RunOptions<KafkaTypes>): Omit<RunOptions<KafkaTypes>, 'scenario'> {
  const { scenario: _, ...rest } = options;
  return rest;
}

const withConfig = (change: Partial<KafkaConfig>) => (base: KafkaConfig): KafkaConfig => ({ ...base, ...change });

/** A broken variant from the one table (variants.ts), with the player's short label and the scripted run that shows it failing. */
const variant = (id: KafkaVariantName, label: string, scenario: string) => ({ id, label, config: withConfig(kafkaVariants[id].config), failing: { scenario, seed: 1 } });

const TIMEOUT_TICKS = 60;

/** The reader's calls: produce a value, or consume the partition, at the broker the reader picks. */
const readerCalls: ReadonlyArray<PlayClientCall<KafkaTypes>> = [
  { id: 'produce', label: 'Produce a value', takesValue: true, call: (_client, to, value) => ({ to, request: { kind: 'produce', value }, op: 'produce', args: value, timeoutTicks: TIMEOUT_TICKS }) },
  { id: 'consume', label: 'Consume', takesValue: false, call: (_client, to) => ({ to, request: { kind: 'consume' }, op: 'consume', args: null, timeoutTicks: TIMEOUT_TICKS }) },
];

export const kafkaPlay: PlayDescriptor<KafkaTypes> = {
  name: 'kafka',
  title: 'Kafka replication',
  model: kafka,
  scenarios: [
    scenarioFromRun(
      { id: 'normal-case', label: 'One record, committed', description: 'p1 produces record 1 to b1; b2 and b3 fetch it, their next fetches move the high watermark to 1, p1 is acknowledged, and c1 reads it.' },
      () => normalCaseRun(),
    ),
    scenarioFromRun(
      { id: 'unclean-election', label: 'Every ISR member fails', description: 'b3 is cut off and leaves the ISR; record 1 is acknowledged by b1 and b2; then both crash and b3 returns. Clean election leaves the partition offline until b1 is back.' },
      () => uncleanElectionRun(false),
    ),
    scenarioFromRun(
      { id: 'truncate-to-high-watermark', label: 'A follower restarts, then the leader fails', description: "KIP-101's first case: b2 restarts holding record 1 with a high watermark of 0, and b1 crashes. b2 asks b1 where epoch 0 ends, keeps its log, and is elected with record 1." },
      () => truncateToHighWatermarkRun('leader-epoch'),
    ),
    scenarioFromRun(
      { id: 'acks-1', label: 'The leader fails before its followers fetch', description: 'b1 is cut off from its followers when p1 produces record 1, then crashes. With acks=all p1 is never told "done", and b2 leads without the record.' },
      () => acksRun('all'),
    ),
    scenarioFromRun(
      { id: 'stale-isr-change', label: 'A deposed leader asks to shrink the ISR', description: 'b1 loses the controller and is replaced by b2. Still believing it leads, it asks to shrink the ISR to {b1}; the controller rejects the stale leader and partition epochs.' },
      () => staleIsrRun(true),
    ),
    scenarioFromRun(
      { id: 'faulty', label: 'Random faults', description: 'The demo: two producers and a consumer on a network that loses, duplicates and reorders messages while brokers crash and partitions come and go; add your own faults.' },
      () => withoutScript(kafkaRunOptions({ seed: 1, safetyTicks: 150, ...FAULTY })),
    ),
  ],
  variants: [
    variant('truncate-to-high-watermark', 'A new follower truncates to its own high watermark (before KIP-101)', 'truncate-to-high-watermark'),
    variant('unclean-election', 'unclean.leader.election.enable=true', 'unclean-election'),
    variant('acks-1', 'Producers use acks=1', 'acks-1'),
    variant('accepts-stale-isr-change', 'The controller does not check AlterPartition\'s epochs', 'stale-isr-change'),
  ],
  invariants: kafkaInvariants,
  nodeView: card,
  maxTicks: 400,
  clientCalls: readerCalls,
};
