/**
 * How a Raft run is set up (snippets/raft/run-raft.ts): the correct model's config, whom a client
 * calls, how writers and readers retry (Raft §8), how the history becomes the register checker's, and
 * what a run's options pass to the simulator. The seeded suites run all of it, but a client calling the
 * wrong server or a liveness rule that always holds would not fail them; these tests state each rule on
 * a hand-made context. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import type { ClientOperation } from '../../../snippets/sim/index.ts';
import { checkRaft, raftConfig, raftHistory, raftRunOptions, reader, serverNames, target, TIMEOUT_TICKS, writer } from '../../../snippets/raft/run-raft.ts';
import type { RaftResponse } from '../../../snippets/raft/types.ts';

const firstOf = { pick: <T,>(xs: readonly T[]) => xs[0]! };
const lastOf = { pick: <T,>(xs: readonly T[]) => xs.at(-1)! };
type Context = Parameters<ReturnType<typeof writer>>[0];
const NODES = ['s1', 's2', 's3'];
const ctx = (previous?: Partial<ClientOperation>, rng: { pick: <T>(xs: readonly T[]) => T } = lastOf, client = 'p1') =>
  ({ client, nodes: NODES, tick: 0, index: 0, previous, rng }) as unknown as Context;
/** The previous attempt: answered with `result` at tick 5, or (no result) timed out. */
const prev = (args: unknown, result?: RaftResponse): Partial<ClientOperation> => ({ args, invokeTick: 1, ...(result ? { returnTick: 5, result } : {}) });
const notLeader = (leader: string | undefined): RaftResponse => ({ kind: 'not-leader', leader });
const writtenBy = (node: string): RaftResponse => ({ kind: 'written', index: 2, term: 1, node, leaderTerm: 1 });
const valueFrom = (node: string): RaftResponse => ({ kind: 'value', value: 7, node, applied: 2 });

describe('the correct model\'s config', () => {
  it('every rule on, timeouts of 10–20 ticks against heartbeats every 3 (Raft §5.6), batches of 4', () => {
    expect(raftConfig(7)).toStrictEqual({
      seed: 7, electionTicksMin: 10, electionTicksMax: 20, fixedElectionTicks: {}, heartbeatTicks: 3, maxEntriesPerMessage: 4,
      commitOnlyCurrentTerm: true, voteLogCheck: true, confirmLeadership: true,
    });
    expect(raftConfig(7, { voteLogCheck: false, heartbeatTicks: 2 })).toMatchObject({ seed: 7, voteLogCheck: false, heartbeatTicks: 2, commitOnlyCurrentTerm: true });
  });

  it('servers are named s1..sN', () => {
    expect(serverNames(5)).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });
});

describe('whom a client calls', () => {
  it('the leader a "not leader" answer named', () => {
    expect(target(ctx(prev([1, 1001], notLeader('s2'))))).toBe('s2');
  });

  it('the server that last answered a value or a write', () => {
    expect(target(ctx(prev([1, 1001], writtenBy('s1'))))).toBe('s1');
    expect(target(ctx(prev([1, 'linearizable'], valueFrom('s2'))))).toBe('s2');
  });

  it('any server when there is no previous call, it timed out, or its answer names nobody', () => {
    expect(target(ctx())).toBe('s3');
    expect(target(ctx(undefined, firstOf))).toBe('s1');
    expect(target(ctx(prev([1, 1001])))).toBe('s3');
    expect(target(ctx({ args: [1, 1001], result: notLeader('s1') }))).toBe('s3');
    expect(target(ctx(prev([1, 1001], notLeader(undefined))))).toBe('s3');
    expect(target(ctx(prev([1, 'none'], { kind: 'stale' })))).toBe('s3');
  });
});

describe('a writer (Raft §8: a call keeps its request number across retries)', () => {
  it('writes unique values (client × 1000 + request number) under its session, starting at request 1', () => {
    expect(writer(2)(ctx(undefined, lastOf, 'p2'))).toStrictEqual({
      to: 's3', request: { kind: 'write', value: 2001, session: 'p2', seq: 1 }, op: 'write', args: [1, 2001], timeoutTicks: TIMEOUT_TICKS,
    });
    expect(TIMEOUT_TICKS).toBe(30);
  });

  it('after an acknowledgement, the next request number, to the server that answered', () => {
    expect(writer(1)(ctx(prev([3, 1003], writtenBy('s1'))))).toStrictEqual({
      to: 's1', request: { kind: 'write', value: 1004, session: 'p1', seq: 4 }, op: 'write', args: [4, 1004], timeoutTicks: 30,
    });
  });

  it('after "not leader", the same request number as a new call to the leader named', () => {
    expect(writer(1)(ctx(prev([3, 1003], notLeader('s2'))))).toStrictEqual({
      to: 's2', request: { kind: 'write', value: 1003, session: 'p1', seq: 3 }, op: 'write', args: [3, 1003], timeoutTicks: 30,
    });
  });

  it('after a timeout, the same request number resent as a retry of the same call', () => {
    expect(writer(1)(ctx(prev([3, 1003])))).toStrictEqual({
      to: 's3', request: { kind: 'write', value: 1003, session: 'p1', seq: 3 }, op: 'write', args: [3, 1003], timeoutTicks: 30, retry: true,
    });
  });

  it('stops after its calls, but still retries the last one', () => {
    expect(writer(1, 3)(ctx(prev([2, 1002], writtenBy('s1'))))?.args).toEqual([3, 1003]);
    expect(writer(1, 3)(ctx(prev([3, 1003], writtenBy('s1'))))).toBeUndefined();
    expect(writer(1, 3)(ctx(prev([3, 1003])))?.args).toEqual([3, 1003]);
    expect(writer(1, 0)(ctx())).toBeUndefined();
  });
});

describe('a reader', () => {
  it('reads at its level, with no freshness unless given (rqlite\'s freshness, level none)', () => {
    expect(reader('linearizable')(ctx())).toStrictEqual({ to: 's3', request: { kind: 'read', level: 'linearizable' }, op: 'read', args: [1, 'linearizable'], timeoutTicks: 30 });
    expect(reader('none', Infinity, 0)(ctx())?.request).toStrictEqual({ kind: 'read', level: 'none', freshness: 0 });
  });

  it('after a value, the next read; after "stale" or "not leader", the same one again; after a timeout, a retry', () => {
    expect(reader('weak')(ctx(prev([2, 'weak'], valueFrom('s2'))))).toStrictEqual({ to: 's2', request: { kind: 'read', level: 'weak' }, op: 'read', args: [3, 'weak'], timeoutTicks: 30 });
    expect(reader('none', Infinity, 5)(ctx(prev([2, 'none'], { kind: 'stale' })))).toStrictEqual({ to: 's3', request: { kind: 'read', level: 'none', freshness: 5 }, op: 'read', args: [2, 'none'], timeoutTicks: 30 });
    expect(reader('strong')(ctx(prev([2, 'strong'], notLeader('s1'))))?.args).toEqual([2, 'strong']);
    expect(reader('strong')(ctx(prev([2, 'strong'])))).toStrictEqual({ to: 's3', request: { kind: 'read', level: 'strong' }, op: 'read', args: [2, 'strong'], timeoutTicks: 30, retry: true });
  });

  it('stops after its calls, but still repeats a refused one', () => {
    expect(reader('weak', 2)(ctx(prev([1, 'weak'], valueFrom('s1'))))?.args).toEqual([2, 'weak']);
    expect(reader('weak', 2)(ctx(prev([2, 'weak'], valueFrom('s1'))))).toBeUndefined();
    expect(reader('weak', 2)(ctx(prev([2, 'weak'], { kind: 'stale' })))?.args).toEqual([2, 'weak']);
  });
});

describe('the history the register checker reads', () => {
  let order = 0;
  const op = (client: string, kind: 'write' | 'read', args: unknown, invokeTick: number, result?: RaftResponse): ClientOperation => ({
    id: order, client, op: kind, args, invokeTick, invokeOrder: ++order, ...(result ? { returnTick: invokeTick + 2, returnOrder: ++order, result } : {}),
  });

  it('a write\'s attempts are one operation, called at the first and returned at the acknowledgement', () => {
    order = 0;
    const first = op('p1', 'write', [1, 1001], 1);
    const refused = op('p1', 'write', [1, 1001], 40, notLeader('s2'));
    const acked = op('p1', 'write', [1, 1001], 50, writtenBy('s2'));
    expect(raftHistory([first, refused, acked])).toStrictEqual([
      { process: 'p1', call: 1, callOrder: 1, input: { f: 'write', value: 1001 }, return: 52, returnOrder: 5 },
    ]);
  });

  it('writes of another request number or another client are other operations; one never acknowledged has no return', () => {
    order = 0;
    const h = [op('p1', 'write', [1, 1001], 1, writtenBy('s1')), op('p1', 'write', [2, 1002], 5), op('p2', 'write', [1, 2001], 6, notLeader('s1'))];
    expect(raftHistory(h)).toStrictEqual([
      { process: 'p1', call: 1, callOrder: 1, input: { f: 'write', value: 1001 }, return: 3, returnOrder: 2 },
      { process: 'p1', call: 5, callOrder: 3, input: { f: 'write', value: 1002 } },
      { process: 'p2', call: 6, callOrder: 4, input: { f: 'write', value: 2001 } },
    ]);
  });

  it('a read is kept when it answered a value at a level checked (linearizable and strong unless told), before the writes', () => {
    order = 0;
    const h = [
      op('p1', 'write', [1, 1001], 1),
      op('r1', 'read', [1, 'linearizable'], 2, valueFrom('s1')),
      op('r2', 'read', [1, 'weak'], 3, valueFrom('s2')),
      op('r3', 'read', [1, 'strong'], 4, notLeader('s1')),
      op('r3', 'read', [2, 'strong'], 9),
    ];
    expect(raftHistory(h)).toStrictEqual([
      { process: 'r1', call: 2, callOrder: 2, input: { f: 'read' }, return: 4, returnOrder: 3, output: 7 },
      { process: 'p1', call: 1, callOrder: 1, input: { f: 'write', value: 1001 } },
    ]);
    expect(raftHistory(h, ['weak']).map((o) => o.process)).toEqual(['r2', 'p1']);
    expect(raftHistory([op('r4', 'read', [1, 'strong'], 5, valueFrom('s3'))]).map((o) => [o.process, o.output])).toEqual([['r4', 7]]);
  });

  it('checkRaft checks the levels it is given: a stale weak read fails only when weak reads are checked', () => {
    order = 0;
    const h = [op('p1', 'write', [1, 1001], 1, writtenBy('s1')), op('r1', 'read', [1, 'weak'], 10, { kind: 'value', value: null, node: 's2', applied: 0 })];
    expect(checkRaft({ history: h } as never).ok).toBe(true);
    expect(checkRaft({ history: h } as never, ['weak']).ok).toBe(false);
  });
});

describe('a run\'s options', () => {
  it('by default three servers, writers p1 and p2, a linearizable reader r1 and a strong reader r2, 200 safety ticks, nothing else passed', () => {
    const o = raftRunOptions({ seed: 3 });
    expect(o.nodes).toEqual(['s1', 's2', 's3']);
    expect(o.config).toStrictEqual(raftConfig(3));
    expect(o.seed).toBe(3);
    expect(o.clients!.map((c) => [c.id, c.thinkTicksMax])).toEqual([['p1', 4], ['p2', 4], ['r1', 4], ['r2', 4]]);
    expect(o.clients!.map((c) => c.workload(ctx(undefined, firstOf, c.id))?.args)).toEqual([[1, 1001], [1, 2001], [1, 'linearizable'], [1, 'strong']]);
    expect(o.safetyTicks).toBe(200);
    expect([o.network, o.faults, o.scenario]).toEqual([undefined, undefined, undefined]);
    expect(Object.keys(o.invariants!)).toHaveLength(5);
  });

  it('pass the servers, writers, read levels, config, network, faults, scenario and safety ticks given', () => {
    const network = { lossRate: 0.1 } as never;
    const faults = { crashRate: 0.1 } as never;
    const scenario = { steps: [] } as never;
    const o = raftRunOptions({ seed: 4, servers: 5, writers: 1, readLevels: ['weak', 'none'], config: { voteLogCheck: false }, network, faults, scenario, safetyTicks: 50 });
    expect(o.nodes).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(o.config).toStrictEqual(raftConfig(4, { voteLogCheck: false }));
    expect(o.clients!.map((c) => c.workload(ctx(undefined, firstOf, c.id))?.args)).toEqual([[1, 1001], [1, 'weak'], [1, 'none']]);
    expect(o.clients!.map((c) => c.id)).toEqual(['p1', 'r1', 'r2']);
    expect(o.network).toBe(network);
    expect(o.faults).toBe(faults);
    expect(o.scenario).toBe(scenario);
    expect(o.safetyTicks).toBe(50);
  });

  it('liveness: within 200 ticks of the heal, every writer (not the readers) has a write acknowledged that it called after the heal', () => {
    const { liveness } = raftRunOptions({ seed: 3 });
    expect(liveness!.progress).toBe('after the heal, one server leads and every writer has a write acknowledged');
    expect(liveness!.withinTicks).toBe(200);
    const acked = (client: string, invokeTick: number, result: RaftResponse = writtenBy('s1')) => ({ client, invokeTick, returnTick: invokeTick + 3, result });
    const holds = (history: unknown[], settledTick: number | undefined) => liveness!.holds({ history, settledTick } as never);
    expect(holds([acked('p1', 101), acked('p2', 150)], 100)).toBe(true);
    expect(holds([acked('p1', 101)], 100)).toBe(false);
    expect(holds([acked('p1', 101), acked('p2', 100)], 100)).toBe(false);
    expect(holds([acked('p1', 101), acked('p2', 150)], undefined)).toBe(false);
    expect(holds([acked('p1', 101), { ...acked('p2', 150), returnTick: undefined }], 100)).toBe(false);
    expect(holds([acked('p1', 101), acked('p2', 150, notLeader('s1'))], 100)).toBe(false);
    expect(holds([acked('p1', 101), acked('r1', 150, valueFrom('s1'))], 100)).toBe(false);
  });
});
