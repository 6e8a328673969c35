/**
 * How a BookKeeper run is set up (snippets/bookkeeper/run-bookkeeper.ts): the config's quorums and
 * switches, the clients' workload (stick to the broker that answered, move after a timeout or
 * "fenced"), what a run's options pass to the simulator, and the liveness rule. The seeded suites run
 * all of it, but a client that never moves, or a liveness rule that always holds, would not fail them;
 * these tests state each rule on a hand-made context. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { bkConfig, bkRunOptions, BOOKIES, BROKERS, NODES } from '../../../snippets/bookkeeper/run-bookkeeper.ts';

/** An rng that picks the first (or last) broker and says yes (a read) or no (an append) to every chance. */
const rng = (read: boolean, last = false) => ({ pick: <T,>(xs: readonly T[]) => (last ? xs.at(-1)! : xs[0]!), chance: (p: number) => { expect(p).toBe(0.25); return read; } });
type Workload = NonNullable<ReturnType<typeof bkRunOptions>['clients']>[number]['workload'];
type Context = Parameters<Workload>[0];
const ctx = (index: number, previous: unknown, read = false, last = false) => ({ index, previous, rng: rng(read, last) }) as unknown as Context;
const workload = (client = 0) => bkRunOptions({ seed: 1 }).clients![client]!.workload;

describe('the deployment and its config', () => {
  it('a store, four bookies and two brokers; E = 3, Qw = Qa = 2, every safety rule on', () => {
    expect(NODES).toEqual(['zk', 'b1', 'b2', 'b3', 'b4', 'p1', 'p2']);
    expect(bkConfig()).toStrictEqual({
      store: 'zk', bookies: BOOKIES, brokers: BROKERS, ensembleSize: 3, writeQuorum: 2, ackQuorum: 2,
      fencing: true, fencingReads: true, readPastLac: true, retryTicks: 8, suspectAfterRetries: 3, yieldTicks: 150,
    });
  });

  it('a variant switches one rule off; quorums can be given', () => {
    expect(bkConfig({ fencing: false }, { ackQuorum: 1 })).toMatchObject({ fencing: false, fencingReads: true, readPastLac: true, ackQuorum: 1, writeQuorum: 2 });
  });
});

describe('the workload', () => {
  it('the first call goes to a broker picked at random; it appends a unique value (client × 1000 + index)', () => {
    expect(workload(0)(ctx(0, undefined))).toStrictEqual({ to: 'p1', request: { kind: 'append', value: 1000 }, op: 'append', args: 1000, timeoutTicks: 200, key: 'p1' });
    expect(workload(1)(ctx(3, undefined, false, true))?.args).toBe(2003);
    expect(workload(1)(ctx(3, undefined, false, true))?.to).toBe('p2');
  });

  it('a quarter of the calls are reads, keyed by their broker', () => {
    expect(workload(0)(ctx(0, undefined, true))).toStrictEqual({ to: 'p1', request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: 200, key: 'p1' });
  });

  it('after an answer, the same broker again', () => {
    const answered = { key: 'p2', returnTick: 9, result: { kind: 'appended', ledger: 0, entry: 0 } };
    expect(workload(0)(ctx(1, answered))?.to).toBe('p2');
    expect(workload(0)(ctx(1, { ...answered, result: { kind: 'read', ledgers: [] } }))?.to).toBe('p2');
  });

  it('after a timeout or a "fenced" answer, the other broker', () => {
    expect(workload(0)(ctx(1, { key: 'p2', result: undefined }, false, true))?.to).toBe('p1');
    expect(workload(0)(ctx(1, { key: 'p1', returnTick: 9, result: { kind: 'fenced' } }))?.to).toBe('p2');
    expect(workload(0)(ctx(1, { key: 'p1', returnTick: 9, result: { kind: 'fenced' } }, true))).toMatchObject({ to: 'p2', key: 'p2' });
  });
});

describe('a run\'s options', () => {
  it('two clients by default, the correct config, and the network, faults and scenario passed through', () => {
    const plain = bkRunOptions({ seed: 3 });
    expect(plain.clients!.map((c) => [c.id, c.thinkTicksMax])).toEqual([['c1', 4], ['c2', 4]]);
    expect(plain.seed).toBe(3);
    expect(plain.nodes).toEqual(NODES);
    expect(plain.config).toStrictEqual(bkConfig());
    expect(plain.safetyTicks).toBe(200);
    expect([plain.network, plain.faults, plain.scenario]).toEqual([undefined, undefined, undefined]);
    const network = { lossRate: 0.1 } as never;
    const faults = { crashRate: 0.1 } as never;
    const scenario = () => {};
    const given = bkRunOptions({ seed: 3, clients: 3, rules: { readPastLac: false }, network, faults, scenario, safetyTicks: 50 });
    expect(given.clients!.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(given.config).toMatchObject({ readPastLac: false });
    expect([given.network, given.faults, given.scenario, given.safetyTicks]).toEqual([network, faults, scenario, 50]);
    expect(Object.keys(given.invariants!)).toEqual(Object.keys(plain.invariants!));
    expect(Object.keys(plain.invariants!).length).toBeGreaterThan(3);
  });

  it('liveness: every client has a call, made after the network healed, answered with something other than "fenced"', () => {
    const { liveness } = bkRunOptions({ seed: 3 });
    expect(liveness!.progress).toBe('every client has a call answered after the network heals');
    expect(liveness!.withinTicks).toBe(600);
    const done = (client: string, invokeTick: number, kind = 'appended') => ({ client, invokeTick, returnTick: invokeTick + 3, result: { kind, ledger: 0, entry: 0, ledgers: [] } });
    const holds = (history: unknown[], settledTick: number | undefined) => liveness!.holds({ history, settledTick } as never);
    expect(holds([done('c1', 101), done('c2', 150, 'read')], 100)).toBe(true);
    expect(holds([done('c1', 101)], 100)).toBe(false);
    expect(holds([done('c1', 101), done('c3', 150)], 100)).toBe(false); // c2's own call is missing, whoever else was answered
    expect(holds([done('c1', 101), done('c2', 100)], 100)).toBe(false);
    expect(holds([done('c1', 101), done('c2', 150)], undefined)).toBe(false);
    expect(holds([done('c1', 101), { ...done('c2', 150), returnTick: undefined }], 100)).toBe(false);
    expect(holds([done('c1', 101), done('c2', 150, 'fenced')], 100)).toBe(false);
  });
});
