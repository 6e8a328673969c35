/**
 * Runs the Delos model on the simulator: VirtualLog nodes v1, v2 over a MetaStore, one simple Loglet
 * node and a quorum Loglet (sequencer plus three LogServers). Clients append and read through random
 * VirtualLog nodes; a driver asks for reconfigurations, alternating the Loglet kind. Tests, the demo
 * and the scenarios all run it through here.
 */
import { answerOf, checkerOperation, simulate, type ClientOperation, type ClientSpec, type FaultInjection, type NetworkFaults, type RunResult } from '../sim/index.ts';
import { checkLinearizability, type CheckResult } from '../check/linearizability.ts';
import type { History } from '../check/history.ts';
import { logModel, type LogInput, type LogOutput, type LogState } from '../check/models/log.ts';
import { finalLog } from './final-log.ts';
import { delosInvariants } from './invariants.ts';
import { delos, type DelosTypes } from './model.ts';
import type { DelosConfig, DelosResponse } from './types.ts';
import type { RunOptions } from '../sim/index.ts';
import { LOG_SERVICE_FAULTS, type FaultMix } from '../sim/fault-mixes.ts';

export const VLOGS = ['v1', 'v2'] as const;
export const NODES = ['meta', 's1', 'seq', 'l1', 'l2', 'l3', ...VLOGS];

export function delosConfig(seal = true, rules: Partial<Pick<DelosConfig, 'sealQuorum' | 'sealedTails'>> = {}): DelosConfig {
  return {
    metastore: 'meta', simple: 's1', sequencer: 'seq', servers: ['l1', 'l2', 'l3'], seal, sealQuorum: true, sealedTails: true, ...rules,
    retryTicks: 10, suspectAfterRetries: 3, opTicksMax: 120,
  };
}

/** The fixed fault mix of the demo's safety phase, the same as BookKeeper's (sim/fault-mixes.ts). */
export const FAULTY: FaultMix = LOG_SERVICE_FAULTS;

export interface DelosRun {
  readonly seed: number;
  /** false: the broken variant that reconfigures without sealing. */
  readonly seal?: boolean;
  /** The seal and checkTail rules (§4.2.1), to break one or both. */
  readonly rules?: Partial<Pick<DelosConfig, 'sealQuorum' | 'sealedTails'>>;
  readonly clients?: number;
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  readonly safetyTicks?: number;
  /** Ticks between the driver's reconfiguration requests. */
  readonly reconfigureEveryTicks?: number;
}

const TIMEOUT_TICKS = 150;

/** Appends of unique values (client × 1000 + index) and whole-log reads, each through a random VirtualLog node. */
function workload(client: number): ClientSpec<DelosTypes>['workload'] {
  return ({ index, rng }) => {
    const to = rng.pick(VLOGS);
    if (rng.chance(0.35)) return { to, request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: TIMEOUT_TICKS };
    const value = client * 1000 + index;
    return { to, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: TIMEOUT_TICKS };
  };
}

/** The reconfiguration driver (§3.2: operators drive planned reconfigurations): alternates Loglet kinds. */
const driver: ClientSpec<DelosTypes>['workload'] = ({ index, rng }) => {
  const to = index % 2 === 0 ? 'quorum' : 'simple';
  return { to: rng.pick(VLOGS), request: { kind: 'reconfigure', to }, op: 'reconfigure', args: to, timeoutTicks: TIMEOUT_TICKS };
};

export function runDelos(run: DelosRun): RunResult<DelosTypes> {
  return simulate<DelosTypes>(delosRunOptions(run));
}

/** runDelos's options: what the player's random-faults scenario plays. */
export function delosRunOptions(run: DelosRun): Omit<RunOptions<DelosTypes>, 'scenario'> {
  const clients: ClientSpec<DelosTypes>[] = Array.from({ length: run.clients ?? 2 }, (_, i) => ({ id: `c${i + 1}`, workload: workload(i + 1), thinkTicksMax: 4 }));
  clients.push({ id: 'admin', workload: driver, startTick: 15, thinkTicksMax: run.reconfigureEveryTicks ?? 40 });
  return {
    model: delos,
    nodes: NODES,
    config: delosConfig(run.seal ?? true, run.rules),
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    clients,
    safetyTicks: run.safetyTicks ?? 200,
    invariants: delosInvariants(),
    liveness: {
      progress: 'every client completes an operation after the network heals',
      holds: ({ history, settledTick }) =>
        clients.every((c) => history.some((op) => op.client === c.id && settledTick !== undefined && op.invokeTick > settledTick && returned(op))),
      withinTicks: 400,
    },
  };
}

const returned = (op: ClientOperation) => op.returnTick !== undefined && (op.result as DelosResponse).kind !== 'unknown';

// #region history
/**
 * The simulator's client history in the checker's terms: appends and reads of one log; "unknown"
 * answers and timeouts stay open. With the log the run ended with, each open append is settled: if its
 * value is in that log it took effect (at that position, before the run ended), if not it never did.
 * That only narrows what the checker may choose, so a "linearizable" verdict still holds for the
 * open history; without it the search tries every order of the open appends, which explodes.
 */
export function logHistory(history: readonly ClientOperation[], final?: { log: readonly number[]; tick: number }): History<LogInput, LogOutput> {
  const positions = new Map(final?.log.map((value, pos) => [value, pos]));
  return history
    .filter((op) => op.op === 'append' || op.op === 'read')
    .flatMap((op) => {
      const input: LogInput = op.op === 'append' ? { f: 'append', value: op.args as number } : { f: 'read' };
      if (!returned(op)) {
        if (!final || input.f === 'read') return [checkerOperation<LogInput, LogOutput>(op, input)];
        const pos = positions.get(op.args as number);
        return pos === undefined ? [] : [checkerOperation<LogInput, LogOutput>(op, input, { tick: final.tick, order: Number.MAX_SAFE_INTEGER, output: pos })];
      }
      const r = op.result as DelosResponse;
      const output: LogOutput = r.kind === 'appended' ? r.pos : r.kind === 'read' ? r.entries : [];
      return [checkerOperation(op, input, answerOf(op, output))];
    });
}
// #endregion

export function checkDelos(result: RunResult<DelosTypes>): CheckResult<LogState, LogInput, LogOutput> {
  const log = finalLog(result.final);
  return checkLinearizability(logModel, logHistory(result.history, log ? { log, tick: result.tick + 1 } : undefined));
}


