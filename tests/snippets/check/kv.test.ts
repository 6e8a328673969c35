import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../snippets/check/history.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { kvModel, type Key, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import type { Scalar } from '../../../snippets/check/models/values.ts';
import { op, type Io } from './histories.ts';

type KvIo = Io<KvInput, KvOutput>;
const get = (key: Key, value: Scalar): KvIo => ({ input: { f: 'get', key }, output: value });
const put = (key: Key, value: Scalar): KvIo => ({ input: { f: 'put', key, value } });
const cas = (key: Key, from: Scalar, to: Scalar, swapped: boolean): KvIo => ({ input: { f: 'cas', key, from, to }, output: swapped });
const check = (history: Operation<KvInput, KvOutput>[]) => checkLinearizability(kvModel, history);

describe('key-value map', () => {
  it('a key never written reads as null', () => {
    expect(check([op('A', 0, 1, put('x', 1)), op('B', 2, 3, get('y', null))]).ok).toBe(true);
  });

  it('a put on one key is not seen on another', () => {
    expect(check([op('A', 0, 1, put('x', 1)), op('B', 2, 3, get('y', 1))]).ok).toBe(false);
  });

  it('cas compares and sets one key', () => {
    const history = [op('A', 0, 1, put('x', 1)), op('A', 2, 3, cas('x', 1, 2, true)), op('B', 4, 5, cas('y', 1, 2, false)), op('C', 6, 7, get('x', 2))];
    expect(check(history).ok).toBe(true);
  });

  it('the history is checked per key, one partition per key, in order of first use', () => {
    const result = check([op('A', 0, 1, put('x', 1)), op('B', 0, 1, put('y', 2)), op('C', 2, 3, get('x', 1))]);
    expect(result.partitions.map((p) => [p.label, p.operations.length])).toEqual([['key "x"', 2], ['key "y"', 1]]);
  });

  it('the numeric key 1 and the string key "1" are different keys', () => {
    const result = check([op('A', 0, 1, put(1, 'a')), op('B', 2, 3, get('1', null))]);
    expect(result.ok).toBe(true);
    expect(result.partitions.map((p) => p.label)).toEqual(['key 1', 'key "1"']);
  });

  it('a stale read on one key fails that key alone, and the counterexample names it', () => {
    const history = [op('A', 0, 1, put('x', 1)), op('A', 2, 3, put('y', 1)), op('B', 4, 5, get('x', 1)), op('B', 6, 7, get('y', null))];
    const result = check(history);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.partitions.map((p) => p.ok)).toEqual([true, false]);
    expect(result.counterexample.label).toBe('key "y"');
    expect(result.counterexample.stuck).toBe(history[3]);
  });

  it('orders that differ per key are fine: each key is its own object (locality)', () => {
    // Two clients' puts on x and y land in opposite orders; reads agree per key. Linearizable, because
    // each key only has to be consistent with itself.
    const history = [
      op('A', 0, 4, put('x', 1)), op('B', 0, 4, put('x', 2)),
      op('A', 0, 4, put('y', 1)), op('B', 0, 4, put('y', 2)),
      op('C', 5, 6, get('x', 2)), op('C', 7, 8, get('y', 1)),
    ];
    expect(check(history).ok).toBe(true);
  });
});
