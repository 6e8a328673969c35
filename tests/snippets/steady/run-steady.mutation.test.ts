/**
 * How a write-all run is set up (snippets/steady/run-steady.ts): the clients' append workload (the
 * primary it last heard of; after a timeout any replica), the operator's reconfigurations, what a run's
 * options pass to the simulator, and the liveness rule. The seeded suites run all of it, but a client
 * that never moves or a liveness rule that always holds would not fail them; these tests state each
 * rule on a hand-made context. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { appendWorkload, nodesFor, pool, steadyRunOptions } from '../../../snippets/steady/run-steady.ts';

const rng = (last = false, yes = false) => ({ pick: <T,>(xs: readonly T[]) => (last ? xs.at(-1)! : xs[0]!), chance: (p: number) => { expect(p).toBe(0.5); return yes; } });
type Context = Parameters<ReturnType<typeof appendWorkload>>[0];
const ctx = (index: number, previous?: unknown, last = true, yes = false) => ({ index, previous, rng: rng(last, yes) }) as unknown as Context;
const R = ['r1', 'r2', 'r3'];

describe('a client\'s appends', () => {
  it('unique values (client × 1000 + index), first to the first replica', () => {
    expect(appendWorkload(2, R)(ctx(3))).toStrictEqual({ to: 'r1', request: { kind: 'append', value: 2003 }, op: 'append', args: 2003, timeoutTicks: 40 });
  });

  it('after an acknowledgement, the same replica again', () => {
    const w = appendWorkload(1, R);
    expect(w(ctx(1, { returnTick: 4, result: { kind: 'appended' } }))?.to).toBe('r1');
  });

  it('after a timeout, any replica; and it stays there once answered', () => {
    const w = appendWorkload(1, R);
    expect(w(ctx(1, { result: undefined }))?.to).toBe('r3');
    expect(w(ctx(2, { returnTick: 9, result: { kind: 'appended' } }, false))?.to).toBe('r3');
  });

  it('after "not primary", the primary it names; when it names none or the one just asked, any replica', () => {
    const w = appendWorkload(1, R);
    expect(w(ctx(1, { returnTick: 4, result: { kind: 'not-primary', primary: 'r2' } }))?.to).toBe('r2');
    expect(w(ctx(2, { returnTick: 4, result: { kind: 'not-primary', primary: 'r2' } }))?.to).toBe('r3');
    expect(appendWorkload(1, R)(ctx(1, { returnTick: 4, result: { kind: 'not-primary', primary: undefined } }))?.to).toBe('r3');
  });
});

describe('a run\'s options', () => {
  it('f + 2 replicas, the store and both controllers; clients c1.. think up to 3 ticks; the operator starts at tick 10', () => {
    expect(pool(2)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(nodesFor(1)).toEqual(['cfg', 'k1', 'k2', 'r1', 'r2', 'r3']);
    const plain = steadyRunOptions({ seed: 3 });
    expect(plain.clients!.map((c) => [c.id, c.thinkTicksMax, c.startTick])).toEqual([['c1', 3, undefined], ['c2', 3, undefined], ['admin', 40, 10]]);
    expect(plain.clients!.map((c) => c.workload(ctx(0))?.args)).toEqual([1000, 2000, null]);
    expect(plain.safetyTicks).toBe(150);
    expect([plain.network, plain.faults, plain.scenario]).toEqual([undefined, undefined, undefined]);
    const network = { lossProbability: 0.1 } as never;
    const faults = { crash: undefined } as never;
    const scenario = () => {};
    const given = steadyRunOptions({ seed: 3, f: 2, clients: 1, rules: { seal: false }, network, faults, scenario, safetyTicks: 50, reconfigureEveryTicks: 7 });
    expect(given.clients!.map((c) => [c.id, c.thinkTicksMax])).toEqual([['c1', 3], ['admin', 7]]);
    expect(given.nodes).toEqual(nodesFor(2));
    expect(given.config).toMatchObject({ f: 2, seal: false, waitForAll: true });
    expect([given.network, given.faults, given.scenario, given.safetyTicks, given.seed]).toEqual([network, faults, scenario, 50, 3]);
    // f = 2: four replicas to append to and to leave out.
    expect(given.clients![0]!.workload(ctx(0, { result: undefined }))?.to).toBe('r4');
  });

  it('the operator reconfigures through a controller, leaving out a replica half the time', () => {
    const admin = steadyRunOptions({ seed: 3 }).clients!.find((c) => c.id === 'admin')!.workload;
    expect(admin(ctx(0, undefined, true, true))).toStrictEqual({ to: 'k2', request: { kind: 'reconfigure', remove: 'r3' }, op: 'reconfigure', args: 'r3', timeoutTicks: 150 });
    expect(admin(ctx(0, undefined, false, false))).toStrictEqual({ to: 'k1', request: { kind: 'reconfigure', remove: undefined }, op: 'reconfigure', args: null, timeoutTicks: 150 });
  });

  it('liveness: every client but the operator has an append, made after the network healed, acknowledged', () => {
    const { liveness } = steadyRunOptions({ seed: 3 });
    expect(liveness!.progress).toBe('every client has an append acknowledged after the network heals');
    expect(liveness!.withinTicks).toBe(400);
    const done = (client: string, invokeTick: number, kind = 'appended') => ({ client, invokeTick, returnTick: invokeTick + 3, result: { kind } });
    const holds = (history: unknown[], settledTick: number | undefined) => liveness!.holds({ history, settledTick } as never);
    expect(holds([done('c1', 101), done('c2', 150)], 100)).toBe(true);
    expect(holds([done('c1', 101)], 100)).toBe(false);
    expect(holds([done('c1', 101), done('admin', 150)], 100)).toBe(false);
    expect(holds([done('c1', 101), done('c2', 100)], 100)).toBe(false);
    expect(holds([done('c1', 101), done('c2', 150)], undefined)).toBe(false);
    expect(holds([done('c1', 101), { ...done('c2', 150), returnTick: undefined }], 100)).toBe(false);
    expect(holds([done('c1', 101), done('c2', 150, 'not-primary')], 100)).toBe(false);
    expect(holds([done('c1', 101), { client: 'c2', invokeTick: 150, returnTick: 153 }], 100)).toBe(false);
  });
});
