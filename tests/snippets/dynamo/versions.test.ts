import { describe, expect, it } from 'vitest';
import { bump, compare, merge } from '../../../snippets/dynamo/vector-clock.ts';
import { clockOf, contextOf, covered, reconcile, type Version } from '../../../snippets/dynamo/versions.ts';

describe('vector clocks (Dynamo §4.4, Figure 3)', () => {
  it('reproduces D1 to D5: D3 and D4 are concurrent, D5 descends from both', () => {
    const d1 = bump({}, 'Sx');
    const d2 = bump(d1, 'Sx');
    const d3 = bump(d2, 'Sy');
    const d4 = bump(d2, 'Sz');
    const d5 = bump(merge(d3, d4), 'Sx');
    expect(d5).toEqual({ Sx: 3, Sy: 1, Sz: 1 });
    expect(compare(d1, d2)).toBe('before');
    expect(compare(d3, d4)).toBe('concurrent');
    expect(compare(d5, d3)).toBe('after');
    expect(compare(d5, d4)).toBe('after');
    expect(compare(d2, d2)).toBe('equal');
  });
});

describe('siblings and syntactic reconciliation (Dynamo §4.4)', () => {
  const v = (value: number, context: Record<string, number>, node: string, counter: number): Version => ({ value, context, dot: { node, counter } });
  const d2 = v(2, { Sx: 1 }, 'Sx', 2);
  const d3 = v(3, clockOf(d2), 'Sy', 1);
  const d4 = v(4, clockOf(d2), 'Sz', 1);

  it('drops an ancestor, keeps concurrent versions as siblings, counts a version held twice once', () => {
    const siblings = reconcile([d2, d3], [d2, d4, d3]);
    expect(siblings.map((s) => s.value)).toEqual([3, 4]);
    expect(contextOf(siblings)).toEqual({ Sx: 2, Sy: 1, Sz: 1 });
  });

  it('a write with the merged context collapses the siblings into one (put with context, §4.1)', () => {
    const d5 = v(5, contextOf([d3, d4]), 'Sx', 3);
    expect(reconcile([d3, d4], [d5]).map((s) => s.value)).toEqual([5]);
    expect(covered([d5], d3.dot, 3) && covered([d5], d4.dot, 4) && covered([d5], d2.dot, 2)).toBe(true);
  });

  it('a version that shares a write\'s dot but not its value does not cover it: that is another write named twice', () => {
    expect(covered([d3], d3.dot, 3)).toBe(true);
    expect(covered([d3], d3.dot, 99)).toBe(false);
  });

  it('two puts stamped by the same coordinator from the same context stay siblings (whole-clock comparison would drop one)', () => {
    const a = v(10, clockOf(d2), 'Sx', 3);
    const b = v(11, clockOf(d2), 'Sx', 4);
    // The paper's whole-clock test calls b a descendant of a, and a would be silently discarded:
    expect(compare(clockOf(a), clockOf(b))).toBe('before');
    // Testing ancestry on the dot keeps both.
    expect(reconcile([a], [b]).map((s) => s.value)).toEqual([10, 11]);
  });
});
