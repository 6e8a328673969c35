/**
 * How a register run is set up (snippets/quorums/run-register.ts): the clients' workloads, what a run's
 * options default to and pass through, the liveness rule, the invariants checked after every step, and
 * the history the checker reads. The seeded suites run all of it, but a wrong value, a liveness rule
 * that always holds or an invariant that never fires would not fail them; these tests state each rule
 * on a hand-made context. Written for mutation testing (docs/mutation.md, issue 19).
 */
import { describe, expect, it } from 'vitest';
import type { ClientOperation, ClusterView, NodeView, WorkloadContext } from '../../../snippets/sim/index.ts';
import { thresholds } from '../../../snippets/quorums/quorum-system.ts';
import type { RegisterTypes, Stored } from '../../../snippets/quorums/register.ts';
import { FAULTY, registerHistory, registerInvariants, registerRunOptions, replicaNames } from '../../../snippets/quorums/run-register.ts';

/** A workload context whose random stream picks the last node, draws 42, and answers `chance` with `heads`. */
const ctx = (index: number, heads = true) =>
  ({ index, nodes: ['r1', 'r2', 'r3'], rng: { pick: (xs: readonly string[]) => xs.at(-1)!, nextUint32: () => 42, chance: () => heads } }) as unknown as WorkloadContext;

const op = (o: Partial<ClientOperation>): ClientOperation => ({ id: 1, client: 'c1', op: 'read', args: null, invokeTick: 1, invokeOrder: 1, ...o });
const view = (history: ClientOperation[], settledTick: number | undefined) => ({ tick: 100, nodes: [], history, settledTick }) as ClusterView<RegisterTypes>;
const stored = (value: number | null, counter: number, writer: string): Stored => ({ version: { counter, writer }, value });
const up = (id: string, s: Stored): NodeView<RegisterTypes> => ({ id, up: true, state: { stored: s } as never, durable: { stored: s, boot: 0 } });
const down = (id: string, s: Stored): NodeView<RegisterTypes> => ({ id, up: false, state: undefined, durable: { stored: s, boot: 0 } });

describe('replicas and faults', () => {
  it('replicas are named r1 … rN', () => {
    expect(replicaNames(4)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(replicaNames(0)).toEqual([]);
  });

  it('the faulty network the suite and the demo use: delays of 1–8 ticks, 5 % loss, 5 % duplicates, reordering, crashes and partitions', () => {
    expect(FAULTY).toEqual({
      network: { delayTicksMin: 1, delayTicksMax: 8, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
      faults: {
        crash: { probabilityPerTick: 0.01, downTicksMin: 5, downTicksMax: 40 },
        partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 40, oneWayProbability: 0.3 },
      },
    });
  });
});

describe('the workloads', () => {
  const clientsOf = (run: Parameters<typeof registerRunOptions>[0]) => registerRunOptions(run).clients!;

  it('a client writes its own values (client × 1000 + index + 1) or reads, at the replica its stream picks, with its pick, given up after 60 ticks', () => {
    const [c1, c2] = clientsOf({ seed: 1, n: 3, r: 2, w: 2, clients: 2 });
    expect(c1!.workload(ctx(0, false))).toEqual({ to: 'r3', request: { kind: 'write', value: 1001, pick: 42 }, op: 'write', args: 1001, timeoutTicks: 60 });
    expect(c2!.workload(ctx(4, false))).toEqual({ to: 'r3', request: { kind: 'write', value: 2005, pick: 42 }, op: 'write', args: 2005, timeoutTicks: 60 });
    expect(c1!.workload(ctx(1, true))).toEqual({ to: 'r3', request: { kind: 'read', pick: 42 }, op: 'read', args: null, timeoutTicks: 60 });
  });

  it('a client stops after its operations; by default it has enough to keep going', () => {
    const [c1] = clientsOf({ seed: 1, n: 3, r: 2, w: 2, operations: 2 });
    expect(c1!.workload(ctx(1))).toBeDefined();
    expect(c1!.workload(ctx(2))).toBeUndefined();
    expect(clientsOf({ seed: 1, n: 3, r: 2, w: 2 })[0]!.workload(ctx(9_999))).toBeDefined();
  });

  it('a fixed sequence decides each operation and how many there are, whatever the stream says', () => {
    const [c1] = clientsOf({ seed: 1, n: 3, r: 2, w: 2, operations: 10, sequence: ['write', 'read'] });
    expect(c1!.workload(ctx(0, true))?.op).toBe('write');
    expect(c1!.workload(ctx(1, false))?.op).toBe('read');
    expect(c1!.workload(ctx(2))).toBeUndefined();
  });

  it('three clients c1, c2, c3 by default, each pausing up to 6 ticks between operations', () => {
    const clients = clientsOf({ seed: 1, n: 3, r: 2, w: 2 });
    expect(clients.map((c) => [c.id, c.thinkTicksMax])).toEqual([['c1', 6], ['c2', 6], ['c3', 6]]);
    expect(clientsOf({ seed: 1, n: 3, r: 2, w: 2, clients: 1 }).map((c) => c.id)).toEqual(['c1']);
  });
});

describe("a run's options", () => {
  it('default to the correct register asking every replica, 400 ticks of faults, and no faults unless given', () => {
    const o = registerRunOptions({ seed: 7, n: 5, r: 2, w: 4 });
    expect(o.nodes).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(o.config).toEqual({ system: thresholds(['r1', 'r2', 'r3', 'r4', 'r5'], 2, 4), contact: 'all', writeBack: true, incarnation: true });
    expect(o.seed).toBe(7);
    expect(o.safetyTicks).toBe(400);
    expect([o.network, o.faults]).toEqual([undefined, undefined]);
    expect(Object.keys(o.invariants!)).toEqual(['replicas only hold values some client wrote', 'a version names one value']);
  });

  it('pass the broken variants\' flags, the network, the faults and the length through', () => {
    const o = registerRunOptions({ seed: 7, n: 3, r: 1, w: 1, contact: 'quorum', writeBack: false, incarnation: false, rerunDuplicates: true, safetyTicks: 50, ...FAULTY });
    expect(o.config).toEqual({ system: thresholds(['r1', 'r2', 'r3'], 1, 1), contact: 'quorum', writeBack: false, incarnation: false, rerunDuplicates: true });
    expect(o.network).toBe(FAULTY.network);
    expect(o.faults).toBe(FAULTY.faults);
    expect(o.safetyTicks).toBe(50);
    expect(registerRunOptions({ seed: 7, n: 3, r: 1, w: 1, rerunDuplicates: false }).config).not.toHaveProperty('rerunDuplicates');
  });
});

describe('liveness', () => {
  const liveness = () => registerRunOptions({ seed: 1, n: 3, r: 2, w: 2, clients: 2 }).liveness!;

  it('is named, and must hold within 300 ticks of the heal; a run with a fixed sequence has none', () => {
    expect(liveness()).toMatchObject({ progress: 'every client completes an operation after the network heals', withinTicks: 300 });
    expect(registerRunOptions({ seed: 1, n: 3, r: 2, w: 2, sequence: ['write'] }).liveness).toBeUndefined();
  });

  it('holds once every client has an operation invoked after the heal that returned', () => {
    const both = [op({ client: 'c1', invokeTick: 11, returnTick: 14 }), op({ client: 'c2', invokeTick: 12, returnTick: 13 })];
    expect(liveness().holds(view(both, 10))).toBe(true);
  });

  it("one client's progress does not stand for another's", () => {
    const three = registerRunOptions({ seed: 1, n: 3, r: 2, w: 2, clients: 3 }).liveness!;
    const c1c2 = [op({ client: 'c1', invokeTick: 11, returnTick: 14 }), op({ client: 'c2', invokeTick: 12, returnTick: 13 })];
    expect(three.holds(view(c1c2, 10))).toBe(false);
  });

  it('does not hold before the heal, for a client with no such operation, for one invoked at the heal, or one that never returned', () => {
    const c1 = op({ client: 'c1', invokeTick: 11, returnTick: 14 });
    expect(liveness().holds(view([c1, op({ client: 'c2', invokeTick: 11, returnTick: 12 })], undefined))).toBe(false);
    expect(liveness().holds(view([c1], 10))).toBe(false);
    expect(liveness().holds(view([c1, op({ client: 'c2', invokeTick: 10, returnTick: 12 })], 10))).toBe(false);
    expect(liveness().holds(view([c1, op({ client: 'c2', invokeTick: 11 })], 10))).toBe(false);
  });
});

describe('the invariants', () => {
  const wrote = (...values: number[]) => values.map((v) => op({ op: 'write', args: v }));

  it('replicas only hold values some client wrote: a value nobody wrote is named with its replica', () => {
    const check = registerInvariants()['replicas only hold values some client wrote']!;
    const nodes = [up('r1', stored(1001, 1, 'r1.1')), up('r2', stored(666, 2, 'r1.2'))];
    expect(check({ tick: 5, nodes, history: wrote(1001), settledTick: undefined })).toBe('r2 holds 666, which no client wrote');
    expect(check({ tick: 5, nodes, history: wrote(1001, 666), settledTick: undefined })).toBeUndefined();
    // Nothing written yet, and a replica that is down, are fine.
    expect(check({ tick: 5, nodes: [up('r1', stored(null, 0, '')), down('r2', stored(666, 2, 'r1.2'))], history: [], settledTick: undefined })).toBeUndefined();
    // A read's argument is not a written value.
    expect(check({ tick: 5, nodes: [up('r1', stored(5, 1, 'r1.1'))], history: [op({ op: 'read', args: 5 })], settledTick: undefined })).toBe('r1 holds 5, which no client wrote');
  });

  it('a version names one value: two disks with different values under one version are named, with both replicas', () => {
    const check = registerInvariants()['a version names one value']!;
    const at = (...nodes: NodeView<RegisterTypes>[]) => check({ tick: 5, nodes, history: [], settledTick: undefined });
    expect(at(down('r1', stored(111, 1, 'r1.1')), up('r2', stored(222, 1, 'r1.1')))).toBe('version (1, r1.1) names 111 on r1 and 222 on r2');
    expect(at(up('r1', stored(111, 1, 'r1.1')), up('r2', stored(111, 1, 'r1.1')), up('r3', stored(222, 1, 'r1.2')))).toBeUndefined();
    expect(at(up('r1', stored(111, 1, 'r1.1')), up('r2', stored(222, 2, 'r1.1')))).toBeUndefined();
    // The initial "nothing" is no version, and a replica with nothing on disk is skipped.
    expect(at(up('r1', stored(null, 0, '')), up('r2', stored(5, 0, '')))).toBeUndefined();
    expect(at({ id: 'r1', up: true, state: {} as never, durable: undefined }, up('r2', stored(5, 1, 'r2.1')))).toBeUndefined();
  });
});

describe("the checker's history", () => {
  it('a read is read(), a write is write(value); the read\'s answer is its value (nothing is null), a write\'s answer carries none', () => {
    const history = registerHistory([
      op({ id: 1, client: 'c1', op: 'write', args: 7, invokeTick: 1, invokeOrder: 1, returnTick: 3, returnOrder: 5, result: { kind: 'write-ok' } }),
      op({ id: 2, client: 'c2', op: 'read', args: null, invokeTick: 2, invokeOrder: 2, returnTick: 4, returnOrder: 6, result: { kind: 'read-ok', value: 7 } }),
      op({ id: 3, client: 'c3', op: 'read', args: null, invokeTick: 2, invokeOrder: 3, returnTick: 4, returnOrder: 7, result: { kind: 'read-ok', value: null } }),
      op({ id: 4, client: 'c4', op: 'read', args: null, invokeTick: 2, invokeOrder: 4 }),
    ]);
    expect(history).toEqual([
      { process: 'c1', call: 1, callOrder: 1, input: { f: 'write', value: 7 }, return: 3, returnOrder: 5 },
      { process: 'c2', call: 2, callOrder: 2, input: { f: 'read' }, return: 4, returnOrder: 6, output: 7 },
      { process: 'c3', call: 2, callOrder: 3, input: { f: 'read' }, return: 4, returnOrder: 7, output: null },
      { process: 'c4', call: 2, callOrder: 4, input: { f: 'read' } },
    ]);
  });
});
