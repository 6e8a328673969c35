import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../snippets/check/history.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { generateKvHistory } from '../../../snippets/check/generate.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { historyViewerHtml } from '../../../snippets/check/viewer.ts';
import { kvModel, type Key, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import type { Scalar } from '../../../snippets/check/models/values.ts';
import { kvAppend as append, kvGet as get, kvPut as put, op, type Io } from './histories.ts';

type KvIo = Io<KvInput, KvOutput>;
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

describe('stale reads of values that only grow (issue 28)', () => {
  it('a get that misses an append finished before it is refuted without a search, and the counterexample says why', () => {
    const history = [op('A', 0, 1, append('x', 'a')), op('A', 2, 3, append('x', 'b')), op('B', 4, 5, get('x', 'a'))];
    const result = check(history);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.counterexample.stuck).toBe(history[2]);
    expect(result.counterexample.reason).toBe('get("x") → "a" misses "b", though append("x", "b") returned before it was called, no put can come between them, and a value only grows by appends');
    expect(result.counterexample.order).toEqual([history[0], history[1]]);
    const text = counterexampleText(kvModel, result.counterexample);
    expect(text).toContain('A linearizable prefix, up to the last operation that must come before the one below: 2 of 3 operations');
    expect(text).toContain('In no order at all: get("x") → "a" misses "b"');
    expect(historyViewerHtml(kvModel, result, { title: 't' })).toContain('cannot be placed in any order: get(&quot;x&quot;) → &quot;a&quot; misses');
  });

  it('a put that can fall between the append and the get keeps the rule from refuting, and the verdict is the search\'s', () => {
    // The put of "a" may take effect after the append of "b": then the get reads "a". Linearizable.
    const history = [op('A', 0, 3, append('x', 'b')), op('C', 1, 6, put('x', 'a')), op('B', 7, 8, get('x', 'a'))];
    expect(kvModel.refute!(history)).toBeUndefined();
    expect(check(history).ok).toBe(true);
  });

  it('50 clients with a stale read early on: refuted in a few thousand configurations (the plain search needed 103,954)', () => {
    const history = generateKvHistory({ operations: 2_000, clients: 50, keys: 10, seed: 7, staleReadAt: 0.1 });
    const result = check(history);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.counterexample.reason).toBeDefined();
    expect(result.partitions.reduce((sum, p) => sum + p.explored, 0)).toBeLessThan(10_000);
  });
});
