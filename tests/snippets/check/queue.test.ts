/**
 * The FIFO queue histories of Herlihy & Wing, "Linearizability: A Correctness Condition for
 * Concurrent Objects" (TOPLAS 1990), Fig. 1, with the interval layout of the figure. E(x) enqueues
 * x, D(x) is a dequeue that returned x; A, B, C are the processes.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { op } from './histories.ts';
import { deq, enq, queueModel } from './queue-model.ts';

describe('Herlihy & Wing 1990, Fig. 1: FIFO queue histories', () => {
  it('H1 is acceptable: E(y) runs inside E(x), so x may be enqueued first; E(z) is still pending', () => {
    const h1 = [op('A', 0, 10, enq('x')), op('B', 2, 8, enq('y')), op('B', 12, 20, deq('x')), op('A', 22, 30, deq('y')), op('A', 32, null, enq('z'))];
    expect(checkLinearizability(queueModel, h1).ok).toBe(true);
  });

  it('H2 is not acceptable: E(x) completed before E(y) began, yet D returned y', () => {
    const h2 = [op('A', 0, 6, enq('x')), op('B', 9, 17, enq('y')), op('A', 14, 22, deq('y'))];
    const result = checkLinearizability(queueModel, h2);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.counterexample.stuck).toBe(h2[2]);
  });

  it('H3 is acceptable: the pending E(x) took effect, since B dequeued x', () => {
    const h3 = [op('A', 0, null, enq('x')), op('B', 3, 11, deq('x'))];
    const result = checkLinearizability(queueModel, h3);
    expect(result.ok).toBe(true);
    expect(result.partitions[0]!.order).toEqual(h3);
  });

  it('H4 is not acceptable: y is dequeued twice', () => {
    const h4 = [op('A', 0, 6, enq('x')), op('B', 4, 12, enq('y')), op('A', 16, 24, deq('y')), op('C', 20, 28, deq('y'))];
    expect(checkLinearizability(queueModel, h4).ok).toBe(false);
  });
});
