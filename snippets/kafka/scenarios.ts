/**
 * Scripted runs of the Kafka model whose diagrams the note draws at build time
 * (```mermaid scenario="kafka/unclean-election"```), and which the tests run with and without each
 * rule. Delays are one tick, so each script fails (or not) on cue.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult, type Trace } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { kafkaInvariants } from './invariants.ts';
import { kafka } from './model.ts';
import { kafkaConfig, NODES } from './run-kafka.ts';
import type { KafkaTypes } from './state.ts';
import type { KafkaConfig, KafkaMessage } from './types.ts';

const produce = (to: string, value: number): Call<KafkaTypes> => ({ to, request: { kind: 'produce', value }, op: 'produce', args: value, timeoutTicks: 30 });
const consume = (to: string): Call<KafkaTypes> => ({ to, request: { kind: 'consume' }, op: 'consume', args: null, timeoutTicks: 30 });

/** A client that makes exactly one call, at `startTick`. */
function once(id: string, startTick: number, call: Call<KafkaTypes>): ClientSpec<KafkaTypes> {
  return { id, startTick, workload: ({ index }) => (index === 0 ? call : undefined) };
}

function scripted(config: Partial<KafkaConfig>, clients: ClientSpec<KafkaTypes>[], safetyTicks: number, scenario?: ScriptedRun<KafkaTypes>['scenario']): ScriptedRun<KafkaTypes> {
  return {
    model: kafka,
    nodes: NODES,
    config: kafkaConfig(config),
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients,
    safetyTicks,
    invariants: kafkaInvariants(),
    ...(scenario ? { scenario } : {}),
  };
}

// #region normal-case
/** The normal case: p1's record reaches the leader, both followers fetch it, the next fetches move the high watermark, p1 is acknowledged; c1 reads it. */
export const normalCaseRun = (): ScriptedRun<KafkaTypes> => scripted({}, [once('p1', 2, produce('b1', 1)), once('c1', 10, consume('b1'))], 16);
// #endregion

// #region unclean-election
/**
 * b3 is cut off from the start, so the controller fences it and drops it from the ISR: {b1, b2}.
 * p1's record 1 is acknowledged by b1 and b2. b2 crashes (fenced: ISR {b1}), then b1 crashes, and
 * b3's links heal. With no live ISR member left (b1 stays in the ISR), a clean controller leaves the partition offline until
 * b1 returns; with unclean election on it makes b3 leader, and record 1 is gone.
 */
export function uncleanElectionRun(unclean: boolean): ScriptedRun<KafkaTypes> {
  return scripted({ uncleanLeaderElection: unclean }, [once('p1', 22, produce('b1', 1)), once('p2', 90, produce('b1', 2))], 110, (run) => {
    run.at(1, (s) => s.isolate('b3'));
    run.at(30, (s) => s.crash('b2'));
    run.at(52, (s) => s.crash('b1'));
    run.at(54, (s) => s.heal());
    run.at(80, (s) => s.restart('b1'));
    run.at(80, (s) => s.restart('b2'));
  });
}
// #endregion

// #region truncate-to-hw
/**
 * KIP-101's first scenario. b3 is cut off (ISR {b1, b2}). p1's record 1 reaches b2 and is
 * acknowledged when b2's next fetch tells b1 so; b2 learns the new high watermark only from the
 * answer to that fetch. b2 crashes before it arrives and restarts with record 1 but a high watermark
 * of 0; b1 crashes. Truncating to its high watermark, b2 drops record 1 and is elected without it.
 * With the leader-epoch rule b2 asks b1 where epoch 0 ends, gets no answer, keeps its log, and leads with record 1.
 */
export function truncateToHighWatermarkRun(truncation: KafkaConfig['truncation'], at = { produce: 24, crash: 29 }): ScriptedRun<KafkaTypes> {
  return scripted({ truncation }, [once('p1', at.produce, produce('b1', 1))], 70, (run) => {
    run.at(1, (s) => s.isolate('b3'));
    run.at(at.crash, (s) => s.crash('b2'));
    run.at(at.crash + 1, (s) => s.restart('b2'));
    run.at(at.crash + 1, (s) => s.crash('b1'));
  });
}
// #endregion

// #region acks-1
/** p1 writes with acks=1 (or all); b1 crashes before its followers fetch; the controller elects b2. */
export function acksRun(acks: KafkaConfig['acks']): ScriptedRun<KafkaTypes> {
  return scripted({ acks }, [once('p1', 4, produce('b1', 1))], 40, (run) => {
    run.at(1, (s) => s.partition(['b1'], ['b2', 'b3']));
    run.at(7, (s) => s.crash('b1'));
    run.at(8, (s) => s.heal());
  });
}
// #endregion

// #region stale-isr
/**
 * b1 loses the controller: fenced, replaced by b2 in leader epoch 1. b1 still believes it leads epoch 0;
 * when its followers move to b2 it asks to shrink the ISR to {b1}, and that request reaches the
 * controller once b1's link to it heals in one direction. The controller rejects it (stale leader and
 * partition epochs); without the check, a deposed leader rewrites the ISR.
 */
export function staleIsrRun(checkPartitionEpoch: boolean): ScriptedRun<KafkaTypes> {
  return scripted({ checkPartitionEpoch }, [], 60, (run) => {
    run.at(1, (s) => s.partition(['b1'], ['ctl']));
    run.at(30, (s) => s.heal());
    run.at(30, (s) => s.partition(['ctl'], ['b1'], { oneWay: true }));
  });
}
// #endregion

export const normalCase = (): RunResult<KafkaTypes> => simulate(normalCaseRun());
export const uncleanElection = (unclean: boolean): RunResult<KafkaTypes> => simulate(uncleanElectionRun(unclean));
export const truncateToHighWatermark = (truncation: KafkaConfig['truncation'], at?: { produce: number; crash: number }): RunResult<KafkaTypes> => simulate(truncateToHighWatermarkRun(truncation, at));
export const acks = (a: KafkaConfig['acks']): RunResult<KafkaTypes> => simulate(acksRun(a));
export const staleIsr = (check: boolean): RunResult<KafkaTypes> => simulate(staleIsrRun(check));

// #region quiet
/**
 * The trace without its background noise, for diagrams: heartbeats, a metadata record a broker was
 * already sent, and idle fetch round trips (no records, no new high watermark) are left out. Every
 * other event stays, in order; the diagrams say what they leave out.
 */
export function quiet(trace: Trace): Trace {
  // An idle fetch reports the same log end offset as the follower's last one and gets nothing new back.
  // A fetch's id (boot.n) is its follower's own count: b2 and b3 both send fetch 0.4, so a round trip is the follower's and the id.
  const roundTrip = (follower: string, id: string) => `${follower}/${id}`;
  const asked = new Map<string, number>();
  const repeated = new Set<string>();
  const idle = new Set<string>();
  const lastHw = new Map<string, number>();
  for (const e of trace.events) {
    if (e.kind !== 'deliver') continue;
    const m = e.message as KafkaMessage;
    if (m.kind === 'fetch') {
      if (asked.get(e.from) === m.offset) repeated.add(roundTrip(e.from, m.id));
      asked.set(e.from, m.offset);
    }
    if (m.kind === 'fetched') {
      const key = roundTrip(e.node, m.id);
      if (repeated.has(key) && m.records.length === 0 && lastHw.get(e.node) === m.hw) idle.add(key);
      lastHw.set(e.node, m.hw);
    }
  }
  // Every broker boots knowing the partition's first record (partition epoch 0).
  const told = new Set<string>(trace.nodes.map((n) => `${n}:0`));
  const noise = (from: string, to: string, m: KafkaMessage, deliver: boolean): boolean => {
    if (m.kind === 'heartbeat') return true;
    if (m.kind === 'fetch' && idle.has(roundTrip(from, m.id))) return true;
    if (m.kind === 'fetched' && idle.has(roundTrip(to, m.id))) return true;
    if (m.kind !== 'metadata') return false;
    const key = `${to}:${m.state.partitionEpoch}`;
    if (told.has(key)) return true;
    if (deliver) told.add(key);
    return false;
  };
  const dropped = new Set<string>();
  const events = trace.events.filter((e) => {
    if (e.kind === 'restart') for (const key of [...told]) if (key.startsWith(`${e.node}:`)) told.delete(key); // a new life knows nothing
    if (e.kind === 'deliver') return !noise(e.from, e.node, e.message as KafkaMessage, true);
    if (e.kind === 'send') return !noise(e.node, e.to, e.message as KafkaMessage, false);
    if (e.kind === 'drop') {
      // A lost heartbeat, or the same loss again (a partitioned follower's fetch, every few ticks), says nothing new.
      const key = `${e.from}>${e.node}:${e.label}:${e.reason}`;
      if (e.label === 'Heartbeat' || dropped.has(key)) return false;
      dropped.add(key);
    }
    return true;
  });
  return { ...trace, events };
}
// #endregion

export const scenarios: Scenarios = {
  /** One record from produce to acknowledgement and a consumer's read. */
  'normal-case': () => traceToMermaid(quiet(normalCase().trace), { linesMax: 60, nodes: ['p1', 'c1', ...NODES] }),
  /** Broken variant: b3, out of sync, is elected uncleanly and record 1 is gone. */
  'unclean-election': () => traceToMermaid(quiet(uncleanElection(true).trace), { fromTick: 14, linesMax: 60, nodes: ['p1', ...NODES] }),
  /** The same script with clean elections only: the partition stays offline until b1 returns, then takes record 2. */
  'clean-election': () => traceToMermaid(quiet(uncleanElection(false).trace), { fromTick: 40, linesMax: 60 }),
  /** Broken variant, KIP-101's first case: b2 truncates to its stale high watermark and is elected without record 1. */
  'truncate-to-high-watermark': () => traceToMermaid(quiet(truncateToHighWatermark('high-watermark').trace), { fromTick: 20, linesMax: 60 }),
  /** The same script with KIP-101: b2 asks the leader where its epoch ends, gets no answer, keeps record 1, and leads with it. */
  'leader-epoch-truncation': () => traceToMermaid(quiet(truncateToHighWatermark('leader-epoch').trace), { fromTick: 20, linesMax: 60 }),
  /** Broken variant: acks=1, and the leader fails before its followers fetch. */
  'acks-1': () => traceToMermaid(quiet(acks('1').trace), { linesMax: 60 }),
  /** Broken variant: a deposed leader's AlterPartition is accepted. */
  'stale-isr-change': () => traceToMermaid(quiet(staleIsr(false).trace), { fromTick: 10, linesMax: 60 }),
};
