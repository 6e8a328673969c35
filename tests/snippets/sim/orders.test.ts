import { describe, expect, it } from 'vitest';
import { completed } from '../../../snippets/sim/index.ts';
import { beaconSim, eventsOf, script } from './toy-models.ts';

/** Three clients with no think time, on a fast network: many calls and returns share a tick. */
function busy() {
  const sim = beaconSim({
    network: { delayTicksMin: 1, delayTicksMax: 2 },
    clients: ['c1', 'c2', 'c3'].map((id) => ({ id, workload: script('r1', Array(15).fill('inc')) })),
  });
  sim.runUntil(200);
  return sim;
}

describe('the history records the order of events, not only their ticks', () => {
  it('every call and return has its own place in one run-wide order', () => {
    const { history } = busy();
    expect(history).toHaveLength(45);
    const orders = history.flatMap((op) => [op.invokeOrder, ...(completed(op) ? [op.returnOrder!] : [])]);
    expect(orders.every((o) => Number.isInteger(o) && o > 0)).toBe(true);
    expect(new Set(orders).size).toBe(orders.length);
    for (const op of history.filter(completed)) expect(op.returnOrder!).toBeGreaterThan(op.invokeOrder);
  });

  it('a call made in the tick its predecessor returned comes after that return', () => {
    const { history } = busy();
    const sameTick = history.filter((op, i) => {
      const before = history.slice(0, i).filter((o) => o.client === op.client).at(-1);
      return before !== undefined && before.returnTick === op.invokeTick;
    });
    expect(sameTick.length).toBeGreaterThan(10);
    for (const client of ['c1', 'c2', 'c3']) {
      const ops = history.filter((op) => op.client === client);
      ops.slice(1).forEach((op, i) => expect(op.invokeOrder).toBeGreaterThan(ops[i]!.returnOrder!));
    }
  });

  it('the orders follow the trace: sorting calls and returns by order gives the trace’s invoke and return lines in sequence', () => {
    const sim = busy();
    const fromTrace = sim.trace.events.flatMap((e) => (e.kind === 'invoke' ? [`call ${e.opId}`] : e.kind === 'return' ? [`return ${e.opId}`] : []));
    const fromHistory = sim.history
      .flatMap((op) => [[op.invokeOrder, `call ${op.id}`] as const, ...(completed(op) ? [[op.returnOrder!, `return ${op.id}`] as const] : [])])
      .sort((a, b) => a[0] - b[0])
      .map(([, what]) => what);
    expect(fromHistory).toEqual(fromTrace);
    expect(eventsOf(sim, 'return')).toHaveLength(45);
  });
});
