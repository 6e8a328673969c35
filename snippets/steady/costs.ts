/**
 * What each design costs, measured on the simulator: the write-all log (f + 1 replicas and an external
 * configuration store) and the majority log (2f + 1 replicas), the same client appending the same
 * values one after another, messages taking exactly one virtual tick, no faults. Then one replica
 * answers late: a backup of the write-all log, a follower of the majority log. Latencies are virtual
 * ticks from the client's call to its answer (two of them are the client's own round trip), not
 * wall-clock time.
 */
import { simulate, type ClientSpec, type ModelTypes, type RunResult } from '../sim/index.ts';
import { majorityLog, type MajorityTypes } from './majority-log.ts';
import { steady, type SteadyTypes } from './model.ts';
import { nodesFor, steadyConfig } from './run-steady.ts';

export interface Cost {
  readonly design: string;
  readonly f: number;
  /** Replicas holding the log (the write-all log also needs the store, a consensus service of its own). */
  readonly replicas: number;
  readonly slowTicks: number;
  readonly appends: number;
  readonly meanTicks: number;
  readonly maxTicks: number;
  /** Replica-to-replica messages per acknowledged append. */
  readonly messagesPerAppend: number;
}

const APPENDS = 20;

function appender<T extends ModelTypes>(to: string, request: (value: number) => T['request']): ClientSpec<T> {
  return { id: 'c1', workload: ({ index }) => (index < APPENDS ? { to, request: request(index + 1), op: 'append', args: index + 1, timeoutTicks: 200 } : undefined) };
}

function measure<T extends ModelTypes>(design: string, f: number, replicas: number, slowTicks: number, result: RunResult<T>, isReplica: (node: string) => boolean): Cost {
  const done = result.history.filter((op) => op.returnTick !== undefined);
  const latencies = done.map((op) => op.returnTick! - op.invokeTick);
  const messages = result.trace.events.filter((e) => e.kind === 'send' && isReplica(e.node) && isReplica(e.to)).length;
  return {
    design, f, replicas, slowTicks,
    appends: done.length,
    meanTicks: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    maxTicks: Math.max(0, ...latencies),
    messagesPerAppend: messages / Math.max(1, done.length),
  };
}

const NETWORK = { delayTicksMin: 1, delayTicksMax: 1 };

// #region measure
/** The write-all log: r1 leads epoch 1, and when `slowTicks` > 0 its backup r2 answers that late. */
export function writeAllCost(f: number, slowTicks: number): Cost {
  const config = steadyConfig(f, {}, slowTicks > 0 ? { node: 'r2', ticks: slowTicks } : undefined);
  const result = simulate<SteadyTypes>({
    model: steady, nodes: nodesFor(f), config, seed: 1, network: NETWORK, safetyTicks: APPENDS * (slowTicks + 8),
    clients: [appender<SteadyTypes>('r1', (value) => ({ kind: 'append', value }))],
  });
  return measure('write-all, f + 1 replicas', f, f + 1, slowTicks, result, (n) => /^r\d+$/.test(n));
}

/** The majority log's replicas for f: m1 (the leader) to m(2f + 1). */
export function majorityNodes(f: number): string[] {
  return Array.from({ length: 2 * f + 1 }, (_, i) => `m${i + 1}`);
}

/** The majority log: m1 leads 2f + 1 replicas, and when `slowTicks` > 0 its follower m2 answers that late. */
export function majorityCost(f: number, slowTicks: number): Cost {
  const nodes = majorityNodes(f);
  const config = { leader: 'm1', followers: nodes.slice(1), ...(slowTicks > 0 ? { slow: { node: 'm2', ticks: slowTicks } } : {}) };
  const result = simulate<MajorityTypes>({
    model: majorityLog, nodes, config, seed: 1, network: NETWORK, safetyTicks: APPENDS * (slowTicks + 8),
    clients: [appender<MajorityTypes>('m1', (value) => ({ kind: 'append', value }))],
  });
  return measure('majority, 2f + 1 replicas', f, 2 * f + 1, slowTicks, result, (n) => /^m\d+$/.test(n));
}
// #endregion

/** Both designs, f = 1 and 2, with every replica prompt and with one 10 ticks late. */
export function costTable(slowTicks = 10): Cost[] {
  return [1, 2].flatMap((f) => [0, slowTicks].flatMap((slow) => [writeAllCost(f, slow), majorityCost(f, slow)]));
}

export function costLines(costs: readonly Cost[] = costTable()): string[] {
  const row = (c: Cost) =>
    `| ${c.design} | ${c.f} | ${c.replicas}${c.design.startsWith('write-all') ? ' + store' : ''} | ${c.slowTicks === 0 ? 'none' : `${c.slowTicks} ticks`} | ${c.meanTicks.toFixed(1)} | ${c.maxTicks} | ${c.messagesPerAppend.toFixed(1)} |`;
  return [
    `Simulated costs: ${APPENDS} appends one after another, every message 1 virtual tick, no faults (virtual ticks, not wall-clock time).`,
    '| design | f | replicas | slow replica | mean ticks per append | max | replica messages per append |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: |',
    ...costs.map(row),
  ];
}
