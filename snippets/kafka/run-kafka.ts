/**
 * Runs the Kafka model on the simulator: a controller and brokers b1..b3 holding one partition,
 * producers writing unique values and a consumer reading, each to the broker it believes leads.
 * Tests, the demo, the swarm suite and the scenarios run it through here.
 */
import { simulate, type ClientSpec, type FaultInjection, type NetworkFaults, type RunOptions, type RunResult } from '../sim/index.ts';
import { kafkaInvariants } from './invariants.ts';
import { kafka } from './model.ts';
import type { KafkaTypes } from './state.ts';
import { NO_LEADER, type KafkaConfig, type KafkaResponse } from './types.ts';
import { LEADER_LOG_FAULTS, type FaultMix } from '../sim/fault-mixes.ts';

export const BROKERS = ['b1', 'b2', 'b3'] as const;
export const CONTROLLER = 'ctl';
export const NODES = [CONTROLLER, ...BROKERS];

/** The correct model: acks=all, min.insync.replicas=2, clean elections only, KIP-101 truncation, epochs checked. */
export function kafkaConfig(overrides: Partial<KafkaConfig> = {}): KafkaConfig {
  return {
    controller: CONTROLLER,
    replicas: BROKERS,
    initialIsr: BROKERS,
    minInsyncReplicas: 2,
    acks: 'all',
    uncleanLeaderElection: false,
    truncation: 'leader-epoch',
    checkPartitionEpoch: true,
    heartbeatTicks: 3,
    sessionTicks: 18,
    lagTicks: 30,
    fetchRetryTicks: 12,
    ...overrides,
  };
}

/** A lossy, duplicating, reordering network with crashes and partitions: the demo's faulty run. */
export const FAULTY: FaultMix = LEADER_LOG_FAULTS;

export interface KafkaRun {
  readonly seed: number;
  readonly config?: Partial<KafkaConfig>;
  /** Producers (a consumer is added). */
  readonly clients?: number;
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  readonly scenario?: RunOptions<KafkaTypes>['scenario'];
  readonly safetyTicks?: number;
}

const TIMEOUT_TICKS = 60;

/** The broker a client calls: the leader its last answer named, else any broker. */
function target(previous: { result?: unknown; returnTick?: number } | undefined, pick: (xs: readonly string[]) => string): string {
  const r = previous?.returnTick !== undefined ? (previous.result as KafkaResponse) : undefined;
  return r && r.leader !== NO_LEADER ? r.leader : pick(BROKERS);
}

/** A producer of unique values (client × 1000 + index). Pure in its context, so the explorer can use it too. */
export function producer(client: number, calls = Infinity): ClientSpec<KafkaTypes>['workload'] {
  return ({ index, previous, rng }) => {
    if (index >= calls) return undefined;
    const value = client * 1000 + index;
    return { to: target(previous, (xs) => rng.pick(xs)), request: { kind: 'produce', value }, op: 'produce', args: value, timeoutTicks: TIMEOUT_TICKS };
  };
}

export function consumer(calls = Infinity): ClientSpec<KafkaTypes>['workload'] {
  return ({ index, previous, rng }) =>
    index >= calls ? undefined : { to: target(previous, (xs) => rng.pick(xs)), request: { kind: 'consume' }, op: 'consume', args: null, timeoutTicks: TIMEOUT_TICKS };
}

export function kafkaRunOptions(run: KafkaRun): RunOptions<KafkaTypes> {
  const clients: ClientSpec<KafkaTypes>[] = Array.from({ length: run.clients ?? 2 }, (_, i) => ({ id: `p${i + 1}`, workload: producer(i + 1), thinkTicksMax: 4 }));
  clients.push({ id: 'c1', workload: consumer(), thinkTicksMax: 8 });
  const producers = clients.filter((c) => c.id.startsWith('p'));
  return {
    model: kafka,
    nodes: NODES,
    config: kafkaConfig(run.config),
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    scenario: run.scenario,
    clients,
    safetyTicks: run.safetyTicks ?? 200,
    invariants: kafkaInvariants(),
    liveness: {
      progress: 'every producer has a record acknowledged after the network heals',
      holds: ({ history, settledTick }) =>
        producers.every((c) => history.some((op) => op.client === c.id && settledTick !== undefined && op.invokeTick > settledTick && op.returnTick !== undefined && (op.result as KafkaResponse).kind === 'ack')),
      withinTicks: 250,
    },
  };
}

export function runKafka(run: KafkaRun): RunResult<KafkaTypes> {
  return simulate<KafkaTypes>(kafkaRunOptions(run));
}
