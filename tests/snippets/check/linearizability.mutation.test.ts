/**
 * Two rules of the checker's driver that no other test states: a part the model refutes but that has
 * no order even without the refuted operation is searched whole (the refutation's prefix would
 * mislead), and a deadline is passed only once the clock reads later than it. (Written for mutation
 * testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { kvModel } from '../../../snippets/check/models/kv.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { kvGet, kvPut, op, read, write } from './histories.ts';

describe('a part the model refutes', () => {
  it('with no order even without the refuted operation, is searched whole: the counterexample is the plain search\'s, with no reason', () => {
    // Both gets read a value nobody put: the model refutes the first, and the second still has no place.
    const history = [op('A', 0, 1, kvPut('x', 'a')), op('B', 2, 3, kvGet('x', 'b')), op('C', 4, 5, kvGet('x', 'c'))];
    expect(kvModel.refute?.(history)?.stuck).toBe(history[1]);
    const result = checkLinearizability(kvModel, history);
    const { refute: _refute, ...withoutRefute } = kvModel;
    const searched = checkLinearizability(withoutRefute, history);
    if (result.ok !== false || searched.ok !== false) throw new Error('expected both not linearizable');
    expect(result.counterexample.reason).toBeUndefined();
    expect(result.counterexample).toEqual(searched.counterexample);
  });
});

describe('the deadline', () => {
  it('is passed only when the clock reads later than it: with a clock that stands still, a budget of 0 ms still checks to the end', () => {
    const history = [op('A', 0, 1, write(1)), op('B', 2, 3, read(1))];
    const result = checkLinearizability(registerModel, history, { timeoutMs: 0, now: () => 7 });
    expect(result.verdict).toBe('linearizable');
  });
});
