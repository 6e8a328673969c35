/**
 * Operations that never returned (a client crashed, a request timed out). Like Jepsen's `:info`
 * operations and Porcupine's pending calls, such an operation may take effect at any single instant
 * after its call, or not at all; its output is unknown.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { cas, op, read, write, type RegisterOp } from './histories.ts';

const check = (history: RegisterOp[]) => checkLinearizability(registerModel, history);
/** The same register without the hint that reads change nothing: pending reads are then searched. */
const { readOnly: _, ...registerWithoutHint } = registerModel;

describe('operations that never returned', () => {
  it('a write that never returned may have taken effect: a later read sees it', () => {
    expect(check([op('A', 0, null, write(1)), op('B', 5, 6, read(1))]).ok).toBe(true);
  });

  it('a write that never returned may have taken no effect: a later read sees the old value', () => {
    const result = check([op('A', 0, null, write(1)), op('B', 5, 6, read(null))]);
    expect(result.ok).toBe(true);
    expect(result.partitions[0]!.order.map((o) => o.process)).toEqual(['B']);
  });

  it('a write that never returned takes effect at one instant: reads cannot see it, then not, then see it', () => {
    const history = [op('A', 0, null, write(1)), op('B', 1, 2, read(1)), op('B', 3, 4, read(null)), op('B', 5, 6, read(1))];
    expect(check(history).ok).toBe(false);
  });

  it('a write that never returned cannot take effect before it was called', () => {
    expect(check([op('B', 0, 1, read(1)), op('A', 2, null, write(1))]).ok).toBe(false);
  });

  it('a write that never returned may take effect long after its client gave up', () => {
    const history = [op('A', 0, null, write(1)), op('B', 1, 2, read(null)), op('C', 3, 4, write(2)), op('D', 5, 6, read(1))];
    expect(check(history).ok).toBe(true);
  });

  it('a cas that never returned may have swapped, or not', () => {
    const start = op('A', 0, 1, write(1));
    expect(check([start, op('B', 2, null, cas(1, 2)), op('C', 5, 6, read(2))]).ok).toBe(true);
    expect(check([start, op('B', 2, null, cas(1, 2)), op('C', 5, 6, read(1))]).ok).toBe(true);
  });

  it('a cas that never returned swaps only if the value matched when it took effect', () => {
    expect(check([op('A', 0, 1, write(1)), op('B', 2, null, cas(9, 2)), op('C', 5, 6, read(2))]).ok).toBe(false);
  });

  it('a read that timed out constrains nothing and is left out of the search', () => {
    const timedOut = op('B', 1, null, read());
    const result = check([op('A', 0, 2, write(1)), timedOut, op('C', 3, 4, read(1))]);
    expect(result.ok).toBe(true);
    expect(result.partitions[0]!.order).not.toContain(timedOut);
  });

  it('a read that timed out is harmless even when the model does not say reads change nothing', () => {
    const history = [op('A', 0, 2, write(1)), op('B', 1, null, read()), op('C', 3, 4, read(1))];
    expect(checkLinearizability(registerWithoutHint, history).ok).toBe(true);
    expect(checkLinearizability(registerWithoutHint, [...history, op('D', 5, 6, read(7))]).ok).toBe(false);
  });

  it('only operations that returned have to be placed: a history of pending operations is linearizable', () => {
    expect(check([op('A', 0, null, write(1)), op('B', 0, null, cas(3, 4)), op('C', 1, null, read())]).ok).toBe(true);
  });
});
