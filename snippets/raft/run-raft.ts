/**
 * Runs the Raft model on the simulator: servers s1..s3 (or five), writers that write unique values
 * to the one register, and readers that read it at one of rqlite's levels, each to the server it
 * believes leads. Tests, the demo, the swarm suite and the scenarios run it through here, and its
 * history goes to the linearizability checker as a register.
 */
import { checkLinearizability, type CheckResult } from '../check/index.ts';
import { registerModel, type RegisterInput, type RegisterOutput } from '../check/models/register.ts';
import type { Scalar } from '../check/models/values.ts';
import { answerOf, checkerOperation, simulate, type ClientOperation, type ClientSpec, type FaultInjection, type History, type NetworkFaults, type RunOptions, type RunResult, type WorkloadContext } from '../sim/index.ts';
import type { History as CheckerHistory } from '../check/history.ts';
import { raftInvariants } from './invariants.ts';
import { raft } from './model.ts';
import type { RaftTypes } from './state.ts';
import type { RaftConfig, RaftResponse, ReadLevel } from './types.ts';
import { LEADER_LOG_FAULTS, type FaultMix } from '../sim/fault-mixes.ts';

export const SERVERS = ['s1', 's2', 's3'] as const;
export const serverNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `s${i + 1}`);

/** The correct model: every rule on; election timeouts of 10–20 ticks against heartbeats every 3 (Raft §5.6: broadcast time ≪ election timeout). */
export function raftConfig(seed: number, overrides: Partial<RaftConfig> = {}): RaftConfig {
  return {
    seed,
    electionTicksMin: 10,
    electionTicksMax: 20,
    fixedElectionTicks: {},
    heartbeatTicks: 3,
    maxEntriesPerMessage: 4,
    commitOnlyCurrentTerm: true,
    voteLogCheck: true,
    confirmLeadership: true,
    ...overrides,
  };
}

/** A lossy, duplicating, reordering network with crashes and partitions: the demo's faulty run. */
export const FAULTY: FaultMix = LEADER_LOG_FAULTS;

/** A write's arguments: the client's request number (the same in every retry) and the value; a read's: its number and level. */
export type WriteArgs = readonly [seq: number, value: number];
export type ReadArgs = readonly [seq: number, level: ReadLevel];

export const TIMEOUT_TICKS = 30;

/** The server a client calls next: the leader a "not leader" answer named, the server that last answered, or any. */
export function target(ctx: Pick<WorkloadContext, 'previous' | 'nodes' | 'rng'>): string {
  const prev = ctx.previous;
  const r = prev?.returnTick !== undefined ? (prev.result as RaftResponse) : undefined;
  if (r?.kind === 'not-leader' && r.leader) return r.leader;
  if (r?.kind === 'value' || r?.kind === 'written') return r.node;
  return ctx.rng.pick(ctx.nodes);
}

/** A call that timed out is resent as the next attempt of the same call (the simulator's retry); after a refusal it is a new call with the same request number. */
const timedOut = (prev: ClientOperation | undefined): boolean => prev !== undefined && prev.returnTick === undefined;

/** Did the previous attempt of this call fail to get an answer it can use (timed out, or "not leader")? Then retry it. */
function unfinished(prev: ClientOperation | undefined): boolean {
  if (!prev) return false;
  if (prev.returnTick === undefined) return true;
  const r = prev.result as RaftResponse;
  return r.kind === 'not-leader';
}

/** A writer of unique values (client × 1000 + request number), retrying a call with the same number until it is acknowledged (Raft §8). */
export function writer(client: number, calls = Infinity): ClientSpec<RaftTypes>['workload'] {
  return (ctx) => {
    const prev = ctx.previous;
    const retry = unfinished(prev);
    const seq = retry ? (prev!.args as WriteArgs)[0] : prev ? (prev.args as WriteArgs)[0] + 1 : 1;
    if (seq > calls) return undefined;
    const value = client * 1000 + seq;
    const args: WriteArgs = [seq, value];
    return { to: target(ctx), request: { kind: 'write', value, session: ctx.client, seq }, op: 'write', args, timeoutTicks: TIMEOUT_TICKS, ...(timedOut(prev) ? { retry: true } : {}) };
  };
}

/** A reader at one level; a refused read ("not leader", "stale") is tried again, a timed-out one too. */
export function reader(level: ReadLevel, calls = Infinity, freshness?: number): ClientSpec<RaftTypes>['workload'] {
  return (ctx) => {
    const prev = ctx.previous;
    const r = prev?.result as RaftResponse | undefined;
    const retry = unfinished(prev) || r?.kind === 'stale';
    const seq = retry ? (prev!.args as ReadArgs)[0] : prev ? (prev.args as ReadArgs)[0] + 1 : 1;
    if (seq > calls) return undefined;
    const args: ReadArgs = [seq, level];
    return { to: target(ctx), request: { kind: 'read', level, ...(freshness !== undefined ? { freshness } : {}) }, op: 'read', args, timeoutTicks: TIMEOUT_TICKS, ...(timedOut(prev) ? { retry: true } : {}) };
  };
}

// #region history
/**
 * The simulator's history in the register checker's terms. A write's attempts (same client, same
 * request number) are one operation, called at the first and returned at the acknowledgement, if any;
 * a read is one operation per answer that carries a value, and reads refused or unanswered did not
 * happen. Only reads of the given levels are kept: the property is about them.
 */
export function raftHistory(history: History, levels: readonly ReadLevel[] = ['linearizable', 'strong']): CheckerHistory<RegisterInput, RegisterOutput> {
  const writes = new Map<string, ClientOperation[]>();
  const out: Array<CheckerHistory<RegisterInput, RegisterOutput>[number]> = [];
  for (const op of history) {
    if (op.op === 'write') {
      const key = `${op.client}#${(op.args as WriteArgs)[0]}`;
      writes.set(key, [...(writes.get(key) ?? []), op]);
      continue;
    }
    const r = op.result as RaftResponse | undefined;
    if (!levels.includes((op.args as ReadArgs)[1]) || r?.kind !== 'value') continue;
    out.push(checkerOperation<RegisterInput, RegisterOutput>(op, { f: 'read' }, answerOf<Scalar>(op, r.value)));
  }
  for (const attempts of writes.values()) {
    const first = attempts[0]!;
    const done = attempts.find((a) => a.returnTick !== undefined && (a.result as RaftResponse).kind === 'written');
    out.push(checkerOperation<RegisterInput, RegisterOutput>(first, { f: 'write', value: (first.args as WriteArgs)[1] }, done && answerOf(done)));
  }
  return out;
}
// #endregion

export function checkRaft(result: RunResult<RaftTypes>, levels?: readonly ReadLevel[]): CheckResult<Scalar, RegisterInput, RegisterOutput> {
  return checkLinearizability(registerModel, raftHistory(result.history, levels));
}

export interface RaftRun {
  readonly seed: number;
  readonly config?: Partial<RaftConfig>;
  readonly servers?: number;
  /** Writers (default 2), and one reader per level given (default: a linearizable and a strong reader). */
  readonly writers?: number;
  readonly readLevels?: readonly ReadLevel[];
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  readonly scenario?: RunOptions<RaftTypes>['scenario'];
  readonly safetyTicks?: number;
}

export function raftRunOptions(run: RaftRun): RunOptions<RaftTypes> {
  const writers: ClientSpec<RaftTypes>[] = Array.from({ length: run.writers ?? 2 }, (_, i) => ({ id: `p${i + 1}`, workload: writer(i + 1), thinkTicksMax: 4 }));
  const readers: ClientSpec<RaftTypes>[] = (run.readLevels ?? ['linearizable', 'strong']).map((level, i) => ({ id: `r${i + 1}`, workload: reader(level), thinkTicksMax: 4 }));
  return {
    model: raft,
    nodes: serverNames(run.servers ?? 3),
    config: raftConfig(run.seed, run.config),
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    scenario: run.scenario,
    clients: [...writers, ...readers],
    safetyTicks: run.safetyTicks ?? 200,
    invariants: raftInvariants(),
    liveness: {
      progress: 'after the heal, one server leads and every writer has a write acknowledged',
      holds: ({ history, settledTick }) =>
        writers.every((c) => history.some((op) => op.client === c.id && settledTick !== undefined && op.invokeTick > settledTick && op.returnTick !== undefined && (op.result as RaftResponse).kind === 'written')),
      withinTicks: 200,
    },
  };
}

export function runRaft(run: RaftRun): RunResult<RaftTypes> {
  return simulate<RaftTypes>(raftRunOptions(run));
}
