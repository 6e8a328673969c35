/**
 * Runs the BookKeeper model on the simulator: a metadata store, four bookies, two Pulsar brokers
 * (p1, p2) that can own the topic, and clients that publish and read. A client keeps to the broker
 * that last answered it and moves to the other after a timeout or a "fenced" answer, so ownership
 * moves, and each move recovers (fences and closes) the previous owner's ledger. Tests, the demo and
 * the scenarios all run it through here.
 */
import { simulate, type ClientSpec, type FaultInjection, type NetworkFaults, type RunOptions, type RunResult, type Simulator } from '../sim/index.ts';
import { LOG_SERVICE_FAULTS, type FaultMix } from '../sim/fault-mixes.ts';
import { bkInvariants } from './invariants.ts';
import { bookkeeper, type BkTypes } from './model.ts';
import type { BkConfig, BkResponse } from './types.ts';

export const BROKERS = ['p1', 'p2'] as const;
export const BOOKIES = ['b1', 'b2', 'b3', 'b4'] as const;
export const NODES = ['zk', ...BOOKIES, ...BROKERS];

/** The broken variants' switches (the correct model keeps them all). */
export type Rules = Partial<Pick<BkConfig, 'fencing' | 'fencingReads' | 'readPastLac'>>;

/** E = 3, Qw = 2, Qa = 2 over four bookies: entries stripe over the ensemble, and a spare bookie is left for an ensemble change. */
export function bkConfig(rules: Rules = {}, quorums: Partial<Pick<BkConfig, 'ensembleSize' | 'writeQuorum' | 'ackQuorum'>> = {}): BkConfig {
  return {
    store: 'zk', bookies: BOOKIES, brokers: BROKERS, ensembleSize: 3, writeQuorum: 2, ackQuorum: 2,
    fencing: true, fencingReads: true, readPastLac: true, retryTicks: 8, suspectAfterRetries: 3, yieldTicks: 150, ...quorums, ...rules,
  };
}

/** The fixed fault mix of the demo's safety phase, the same as Delos's (sim/fault-mixes.ts). */
export const FAULTY: FaultMix = LOG_SERVICE_FAULTS;

export interface BkRun {
  readonly seed: number;
  readonly rules?: Rules;
  readonly clients?: number;
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  readonly scenario?: ((sim: Simulator<BkTypes>) => void) | undefined;
  readonly safetyTicks?: number;
}

const TIMEOUT_TICKS = 200;

/** Publishes unique values (client × 1000 + index) and reads, sticking to the broker that answered last (the call's `key` names the broker). */
function workload(client: number): ClientSpec<BkTypes>['workload'] {
  return ({ index, rng, previous }) => {
    const answered = previous?.returnTick !== undefined && (previous.result as BkResponse).kind !== 'fenced';
    const before = previous?.key;
    const to = before === undefined ? rng.pick(BROKERS) : answered ? before : BROKERS.find((b) => b !== before)!;
    if (rng.chance(0.25)) return { to, request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: TIMEOUT_TICKS, key: to };
    const value = client * 1000 + index;
    return { to, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: TIMEOUT_TICKS, key: to };
  };
}

export function bkRunOptions(run: BkRun): RunOptions<BkTypes> {
  const clients: ClientSpec<BkTypes>[] = Array.from({ length: run.clients ?? 2 }, (_, i) => ({ id: `c${i + 1}`, workload: workload(i + 1), thinkTicksMax: 4 }));
  const config = bkConfig(run.rules);
  return {
    model: bookkeeper,
    nodes: NODES,
    config,
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    scenario: run.scenario,
    clients,
    safetyTicks: run.safetyTicks ?? 200,
    invariants: bkInvariants(config),
    liveness: {
      progress: 'every client has a call answered after the network heals',
      holds: ({ history, settledTick }) =>
        clients.every((c) => history.some((op) => op.client === c.id && settledTick !== undefined && op.invokeTick > settledTick && op.returnTick !== undefined && (op.result as BkResponse).kind !== 'fenced')),
      withinTicks: 600,
    },
  };
}

export function runBookkeeper(run: BkRun): RunResult<BkTypes> {
  return simulate<BkTypes>(bkRunOptions(run));
}
