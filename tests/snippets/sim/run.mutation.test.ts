/**
 * The small parts around a run, stated directly: what a failure report prints line by line (the end
 * of the trace, no more), a settle after a failure changes nothing, the history's answers in the
 * checker's terms, and deep freezing. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../snippets/sim/freeze.ts';
import { answerOf, checkerOperation, completed, type ClientOperation } from '../../../snippets/sim/history.ts';
import { formatFailure, simulate } from '../../../snippets/sim/run.ts';
import { formatTrace } from '../../../snippets/sim/trace-text.ts';
import { beacon, beaconSim, type Beacon, type BeaconConfig } from './toy-models.ts';

describe('a failure report', () => {
  it('prints the failure, the message indented, how to reproduce it, then the last lines of the trace, one per line', () => {
    const config: BeaconConfig = { pingEveryTicks: 1, pingsMax: 5 };
    const result = simulate<Beacon>({
      model: beacon(config), nodes: ['r1', 'r2'], config, seed: 42, safetyTicks: 20,
      invariants: { 'at most 2 pings': (view) => (view.nodes.some((n) => n.up && n.state.received.length > 2) ? 'a third ping' : undefined) },
    });
    if (result.ok) throw new Error('expected a failure');
    const text = formatTrace(result.trace);
    expect(text.endsWith('\n')).toBe(true);
    const traceLines = text.split('\n').slice(0, -1);
    expect(traceLines.length).toBeGreaterThan(3);
    expect(formatFailure(result, 3).split('\n')).toEqual([
      `beacon: invariant violated in the safety phase at tick ${result.tick} with seed 42`,
      '  invariant "at most 2 pings" violated: a third ping',
      'reproduce: run again with seed 42',
      `last 3 of ${traceLines.length} trace lines:`,
      ...traceLines.slice(-3),
    ]);
  });
});

describe('the simulator', () => {
  it('settling after a failure changes nothing: the network keeps its faults, nothing is settled', () => {
    const sim = beaconSim({ network: { delayTicksMin: 1, delayTicksMax: 1, lossProbability: 0.5 } });
    sim.runUntil(2);
    sim.fail('given up');
    sim.settle();
    expect(sim.networkFaults.lossProbability).toBe(0.5);
    expect(sim.view().settledTick).toBeUndefined();
  });
});

describe('the history in the checker\'s terms', () => {
  const open: ClientOperation = { id: 1, client: 'c1', op: 'put', args: ['x', 1], invokeTick: 3, invokeOrder: 10 };
  const answered: ClientOperation = { ...open, returnTick: 5, returnOrder: 14, result: 'ok' };

  it('an operation is completed when it has a return tick', () => {
    expect(completed(open)).toBe(false);
    expect(completed(answered)).toBe(true);
  });

  it('an answer needs both its tick and its place in the event order; its output only when there is one', () => {
    expect(answerOf(open)).toBeUndefined();
    expect(answerOf({ ...open, returnTick: 5 })).toBeUndefined();
    expect(answerOf({ ...open, returnOrder: 14 })).toBeUndefined();
    expect(answerOf(answered)).toStrictEqual({ tick: 5, order: 14 });
    expect(answerOf(answered, 'ok')).toStrictEqual({ tick: 5, order: 14, output: 'ok' });
  });

  it('a call without an answer has no return; with one, an output only when the answer carries one', () => {
    const call = { process: 'c1', call: 3, callOrder: 10, input: 'put x 1' };
    expect(checkerOperation(open, 'put x 1')).toStrictEqual(call);
    expect(checkerOperation(answered, 'put x 1', { tick: 5, order: 14 })).toStrictEqual({ ...call, return: 5, returnOrder: 14 });
    expect(checkerOperation(answered, 'put x 1', { tick: 5, order: 14, output: 1 })).toStrictEqual({ ...call, return: 5, returnOrder: 14, output: 1 });
  });
});

describe('deep freezing', () => {
  it('freezes objects and arrays all the way down, and passes null, strings and numbers through', () => {
    const value = deepFreeze({ log: [{ term: 1, text: 'a' }], leader: null, n: 3 });
    expect(Object.isFrozen(value.log[0])).toBe(true);
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze('ab')).toBe('ab');
  });

  it('takes an object already frozen as frozen through (states share structure): it is not walked again', () => {
    const shared = Object.freeze({ inner: { n: 1 } });
    deepFreeze({ shared });
    expect(Object.isFrozen(shared.inner)).toBe(false);
  });
});
