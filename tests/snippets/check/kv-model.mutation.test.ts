/**
 * The key-value model's rules, one step at a time: what a get may return, what put, append and
 * compare-and-set do to a key's value, which operations only read, how the history is split by key, and
 * the growth rule the search uses to prune (a value a later get returns must still be reachable).
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { kvModel, type KvInput } from '../../../snippets/check/models/kv.ts';
import type { Operation } from '../../../snippets/check/history.ts';

const step = kvModel.step;
const get = (key: string | number = 'k'): KvInput => ({ f: 'get', key });
const put = (value: string | number, key: string | number = 'k'): KvInput => ({ f: 'put', key, value });
const append = (value: string, key = 'k'): KvInput => ({ f: 'append', key, value });
const cas = (from: string | number | null, to: string | number, key = 'k'): KvInput => ({ f: 'cas', key, from, to });

describe('get', () => {
  it('returns the value, and leaves it', () => {
    expect(step('v', get(), 'v')).toEqual([true, 'v']);
    expect(step('v', get(), 'w')).toEqual([false, 'v']);
  });

  it('of a key never written returns null or the empty string, and nothing else', () => {
    expect(step(null, get(), null)).toEqual([true, null]);
    expect(step(null, get(), '')).toEqual([true, null]);
    expect(step(null, get(), 'x')).toEqual([false, null]);
  });

  it('of a written key that holds "" or a value is not read as absent', () => {
    expect(step('v', get(), '')).toEqual([false, 'v']);
    expect(step('', get(), null)).toEqual([false, '']);
  });

  it('that never returned fits any state', () => {
    expect(step('v', get(), undefined)).toEqual([true, 'v']);
  });
});

describe('put, append and compare-and-set', () => {
  it('put sets the value whatever it was', () => {
    expect(step(null, put('a'), undefined)).toEqual([true, 'a']);
    expect(step(7, put('a'), undefined)).toEqual([true, 'a']);
  });

  it('append adds at the end of a string, a missing key counting as ""', () => {
    expect(step('ab', append('c'), undefined)).toEqual([true, 'abc']);
    expect(step(null, append('c'), undefined)).toEqual([true, 'c']);
  });

  it('append to a number or a boolean is impossible, and changes nothing', () => {
    expect(step(7, append('c'), undefined)).toEqual([false, 7]);
    expect(step(true, append('c'), undefined)).toEqual([false, true]);
  });

  it('compare-and-set swaps only from the value it names, and says whether it did', () => {
    expect(step('a', cas('a', 'b'), true)).toEqual([true, 'b']);
    expect(step('a', cas('x', 'b'), false)).toEqual([true, 'a']);
    expect(step('a', cas('x', 'b'), true)[0]).toBe(false);
  });
});

describe('what the checker is told about the operations', () => {
  it('only a get is read-only', () => {
    expect([get(), put('a'), append('a'), cas('a', 'b')].map((input) => kvModel.readOnly!(input))).toEqual([true, false, false, false]);
  });

  it('the history is split by key, the key 1 apart from the key "1", each named', () => {
    const op = (input: KvInput, call: number): Operation<KvInput, string | number | boolean | null> => ({ process: 1, call, return: call + 1, input });
    const history = [op(put('a', 1), 0), op(put('b', '1'), 2), op(get(1), 4)];
    const parts = kvModel.partition!(history);
    expect(parts.map((p) => [p.label, p.operations.map((o) => history.indexOf(o))])).toEqual([['key 1', [0, 2]], ['key "1"', [1]]]);
  });

  it('states compare by value, and equal states hash alike', () => {
    expect(kvModel.equal('a', 'a')).toBe(true);
    expect(kvModel.equal('a', 'b')).toBe(false);
    expect(kvModel.hash!('ab')).toBe(kvModel.hash!('a' + 'b'));
  });
});

describe('the growth rule (what a later get may still return)', () => {
  const fits = kvModel.growth!.stillFits;

  it('a string only grows: a get may return it or a longer string that starts with it', () => {
    expect(fits('ab', get(), 'ab')).toBe(true);
    expect(fits('ab', get(), 'abc')).toBe(true);
    expect(fits('ab', get(), 'ba')).toBe(false);
    expect(fits('ab', get(), 7)).toBe(false);
  });

  it('from a missing key, or for a get that never returned, anything', () => {
    expect(fits(null, get(), 'anything')).toBe(true);
    expect(fits('ab', get(), undefined)).toBe(true);
  });

  it('a number or boolean stays as it is until a put or cas', () => {
    expect(fits(7, get(), 7)).toBe(true);
    expect(fits(7, get(), 8)).toBe(false);
  });

  it('a put or cas resets it (a put to its value; a cas to one the search cannot know)', () => {
    const growth = kvModel.growth!;
    expect([get(), put('a'), append('a'), cas('a', 'b')].map((input) => growth.resets(input))).toEqual([false, true, false, true]);
    expect(growth.resetTo!(put('a'))).toBe('a');
    expect(growth.resetTo!(cas('a', 'b'))).toBeUndefined();
  });
});

describe('how operations are described', () => {
  it('each kind, with its key as JSON and its answer when it has one', () => {
    const d = kvModel.describe!;
    expect(d(get(), undefined)).toBe('get("k")');
    expect(d(get(1), 'v')).toBe('get(1) → "v"');
    expect(d(put('a'), undefined)).toBe('put("k", "a")');
    expect(d(append('a'), undefined)).toBe('append("k", "a")');
    expect(d(cas('a', 'b'), undefined)).toBe('cas("k", "a", "b")');
    expect(d(cas('a', 'b'), true)).toBe('cas("k", "a", "b") → ok');
    expect(d(cas('a', 'b'), false)).toBe('cas("k", "a", "b") → failed');
  });
});
