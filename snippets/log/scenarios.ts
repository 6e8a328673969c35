/**
 * Runs the note on disaggregating log replication draws (```mermaid scenario="log/kafka-read-lag"```),
 * scripted on a backend's own model so the picture matches what the conformance suite found.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { kafka } from '../kafka/model.ts';
import { kafkaConfig, NODES } from '../kafka/run-kafka.ts';
import { quiet } from '../kafka/scenarios.ts';
import type { KafkaTypes } from '../kafka/state.ts';

const once = (id: string, startTick: number, call: Call<KafkaTypes>): ClientSpec<KafkaTypes> => ({ id, startTick, workload: ({ index }) => (index === 0 ? call : undefined) });

/** When the scripted Kafka run's events happen. */
export const READ_LAG = { produce: 2, crash: 9, consume: 26, ticks: 40 };

/**
 * p1's record 1 is acknowledged by b1 once b2 and b3 have fetched it; b1 crashes before its followers
 * learn the new high watermark. The controller fences b1 and elects b2, whose high watermark is still
 * 0, so c1, reading after the acknowledgement, is served nothing: Kafka does not promise a read that
 * sees every earlier acknowledgement.
 */
export function kafkaReadLagRun(): ScriptedRun<KafkaTypes> {
  return {
    model: kafka,
    nodes: NODES,
    config: kafkaConfig(),
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [once('p1', READ_LAG.produce, { to: 'b1', request: { kind: 'produce', value: 1 }, op: 'produce', args: 1, timeoutTicks: 30 }), once('c1', READ_LAG.consume, { to: 'b2', request: { kind: 'consume' }, op: 'consume', args: null, timeoutTicks: 30 })],
    safetyTicks: READ_LAG.ticks,
    scenario: (run) => run.at(READ_LAG.crash, (s) => s.crash('b1')),
  };
}

export const kafkaReadLag = (): RunResult<KafkaTypes> => simulate(kafkaReadLagRun());

export const scenarios: Scenarios = {
  /** A consumer reads from the new leader after p1 was acknowledged, and is served nothing. */
  'kafka-read-lag': () => traceToMermaid(quiet(kafkaReadLag().trace), { linesMax: 60, nodes: ['p1', 'c1', ...NODES] }),
};
