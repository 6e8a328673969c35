import { describe, expect, it } from 'vitest';
import type { Workload } from '../../../snippets/sim/index.ts';
import { beaconSim, eventsOf, script, type Beacon } from './toy-models.ts';

/** The history with each operation's event orders left out (orders.test.ts checks those). */
const ticksOnly = (history: readonly object[]) =>
  history.map((op) => Object.fromEntries(Object.entries(op).filter(([key]) => key !== 'invokeOrder' && key !== 'returnOrder')));

describe('clients and their history', () => {
  it('a completed operation records its invoke and return ticks and the result', () => {
    const sim = beaconSim({
      network: { delayTicksMin: 2, delayTicksMax: 2 },
      clients: [{ id: 'c1', workload: script('r1', ['inc', 'get']), startTick: 3 }],
    });
    sim.runUntil(20);
    expect(ticksOnly(sim.history)).toEqual([
      { id: 1, client: 'c1', op: 'inc', args: [], invokeTick: 3, returnTick: 7, result: 1 },
      { id: 2, client: 'c1', op: 'get', args: [], invokeTick: 7, returnTick: 11, result: 1 },
    ]);
  });

  it('an operation that never gets a reply is recorded without returnTick, and the client waits forever', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: script('r1', ['hold', 'inc']) }] });
    sim.runUntil(200);
    expect(ticksOnly(sim.history)).toEqual([{ id: 1, client: 'c1', op: 'hold', args: [], invokeTick: 1 }]);
  });

  it('a timed-out operation stays open and the client moves on', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: script('r1', ['hold', 'inc'], 10) }] });
    sim.runUntil(30);
    expect(sim.history).toMatchObject([
      { id: 1, op: 'hold', invokeTick: 1 },
      { id: 2, op: 'inc', invokeTick: 11, result: 1 },
    ]);
    expect(sim.history[0]).not.toHaveProperty('returnTick');
    expect(eventsOf(sim, 'timeout')).toMatchObject([{ tick: 11, node: 'c1', opId: 1, afterTicks: 10 }]);
  });

  it('a reply that comes after the timeout is ignored: the outcome stays unknown', () => {
    const sim = beaconSim({
      network: { delayTicksMin: 5, delayTicksMax: 5 },
      clients: [{ id: 'c1', workload: script('r1', ['inc'], 3) }],
    });
    sim.runUntil(30);
    expect(ticksOnly(sim.history)).toEqual([{ id: 1, client: 'c1', op: 'inc', args: [], invokeTick: 1 }]);
    expect(eventsOf(sim, 'ignore')).toMatchObject([{ tick: 11, node: 'c1', from: 'r1', opId: 1 }]);
  });

  it('a late reply is not taken for the answer to the next call', () => {
    // op 1: called at 1, given up at 4, its reply lands at 11; op 2: called at 4, answered at 14.
    const impatientOnce: Workload<Beacon> = ({ index }) =>
      index < 2 ? { to: 'r1', request: { op: 'inc' }, op: 'inc', args: [], ...(index === 0 ? { timeoutTicks: 3 } : {}) } : undefined;
    const sim = beaconSim({ network: { delayTicksMin: 5, delayTicksMax: 5 }, clients: [{ id: 'c1', workload: impatientOnce }] });
    sim.runUntil(30);
    expect(ticksOnly(sim.history)[1]).toEqual({ id: 2, client: 'c1', op: 'inc', args: [], invokeTick: 4, returnTick: 14, result: 2 });
  });

  it('a retry is the next attempt of the same call: same call number in the trace, a new history entry', () => {
    // Call 1 (hold) times out twice and is retried; then call 2 (inc) is a new call.
    const retrying: Workload<Beacon> = ({ index }) => {
      if (index < 3) return { to: 'r1', request: { op: 'hold' }, op: 'hold', args: [], timeoutTicks: 5, retry: index > 0 };
      return index === 3 ? { to: 'r1', request: { op: 'inc' }, op: 'inc', args: [] } : undefined;
    };
    const sim = beaconSim({ clients: [{ id: 'c1', workload: retrying }] });
    sim.runUntil(40);
    expect(eventsOf(sim, 'invoke').map((e) => [e.opId, e.call, e.attempt])).toEqual([[1, 1, 1], [2, 1, 2], [3, 1, 3], [4, 2, 1]]);
    expect(eventsOf(sim, 'timeout').map((e) => [e.call, e.attempt])).toEqual([[1, 1], [1, 2], [1, 3]]);
    expect(eventsOf(sim, 'return').map((e) => [e.opId, e.call, e.attempt])).toEqual([[4, 2, 1]]);
    expect(sim.history.map((op) => op.id)).toEqual([1, 2, 3, 4]);
  });

  it('a retry that follows no timed-out call is a bug in the workload, and says so', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: () => ({ to: 'r1', request: { op: 'inc' }, op: 'inc', args: [], retry: true }) }] });
    expect(() => sim.runUntil(5)).toThrow('client c1: a call marked retry must follow an operation that timed out');
  });

  it('a lost request leaves the operation open', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: script('r2', ['inc']) }] });
    sim.isolate('r2');
    sim.runUntil(20);
    expect(eventsOf(sim, 'drop')).toMatchObject([{ node: 'r2', from: 'c1', reason: 'partition' }]);
    expect(sim.history[0]).not.toHaveProperty('returnTick');
  });

  it('the workload routes: it sees its previous operation and can try another node after a timeout', () => {
    const failover: Workload<Beacon> = ({ index, previous, nodes }) => {
      if (index >= 2) return undefined;
      const to = previous && previous.returnTick === undefined ? nodes[1]! : nodes[0]!;
      return { to, request: { op: 'inc' }, op: 'inc', args: [], timeoutTicks: 5 };
    };
    const sim = beaconSim({ clients: [{ id: 'c1', workload: failover }] });
    sim.isolate('r1');
    sim.runUntil(30);
    expect(eventsOf(sim, 'invoke').map((e) => e.to)).toEqual(['r1', 'r2']);
    expect(sim.history[1]).toMatchObject({ result: 1 });
  });

  it('clients run concurrently, one operation at a time each, with unique operation ids', () => {
    const sim = beaconSim({
      network: { delayTicksMin: 1, delayTicksMax: 5 },
      clients: ['c1', 'c2', 'c3'].map((id) => ({ id, workload: script('r1', Array(10).fill('inc')), thinkTicksMax: 2 })),
    });
    sim.runUntil(500);
    expect(sim.history).toHaveLength(30);
    expect(new Set(sim.history.map((op) => op.id)).size).toBe(30);
    for (const client of ['c1', 'c2', 'c3']) {
      const ops = sim.history.filter((op) => op.client === client);
      ops.slice(1).forEach((op, i) => expect(op.invokeTick).toBeGreaterThanOrEqual(ops[i]!.returnTick!));
    }
    // Every inc returned a distinct count: the node saw 30 increments.
    expect(new Set(sim.history.map((op) => op.result)).size).toBe(30);
  });

  it('the history is plain JSON', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: script('r1', ['inc', 'hold']) }] });
    sim.runUntil(20);
    expect(JSON.parse(JSON.stringify(sim.history))).toEqual(sim.history);
  });
});
