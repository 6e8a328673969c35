import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearizedSet, MemoTable } from '../../../snippets/check/memo.ts';

/** A set built by adding its members in ascending order: the reference encoding. */
function fresh(members: Iterable<number>): LinearizedSet {
  const set = new LinearizedSet();
  for (const m of [...members].sort((a, b) => a - b)) set.add(m);
  return set;
}

describe('the linearized set (end + holes encoding, Zobrist hash)', () => {
  it('encodes a set as one past its highest member and the non-members below it', () => {
    const set = fresh([0, 1, 4, 6]);
    expect([set.end, [...set.holes]]).toEqual([7, [2, 3, 5]]);
  });

  it('depends only on its members, whatever sequence of additions and undos led there', () => {
    const steps = fc.array(fc.oneof(fc.nat(40).map((op) => ({ add: op })), fc.constant({ undo: true as const })), { maxLength: 60 });
    fc.assert(
      fc.property(steps, (script) => {
        const set = new LinearizedSet();
        const added: number[] = [];
        for (const step of script) {
          if ('add' in step) {
            if (added.includes(step.add)) continue;
            set.add(step.add);
            added.push(step.add);
          } else if (added.length > 0) {
            set.remove(added.pop()!);
          }
          const reference = fresh(added);
          expect([set.end, [...set.holes], set.hash]).toEqual([reference.end, [...reference.holes], reference.hash]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the memo table', () => {
  const equal = (a: number, b: number) => a === b;

  it('recognizes a configuration it has seen: same set, equal state', () => {
    const memo = new MemoTable(equal);
    expect(memo.add(fresh([0, 2]), 5)).toBe(true);
    expect(memo.add(fresh([0, 2]), 5)).toBe(false);
  });

  it('tells configurations apart by set and by state', () => {
    const memo = new MemoTable(equal);
    memo.add(fresh([0, 2]), 5);
    expect(memo.add(fresh([0, 2]), 6)).toBe(true);
    expect(memo.add(fresh([0, 1]), 5)).toBe(true);
    expect(memo.add(fresh([0, 2, 3]), 5)).toBe(true);
    expect(memo.size).toBe(4);
  });

  it('keeps every configuration as it grows', () => {
    const memo = new MemoTable(equal);
    const sets = Array.from({ length: 3000 }, (_, i) => fresh([i % 50, 60 + (i % 7)]));
    sets.forEach((set, i) => memo.add(set, i % 3));
    expect(sets.every((set, i) => !memo.add(set, i % 3))).toBe(true);
    expect(memo.size).toBe(new Set(sets.map((s, i) => `${s.end}:${s.holes.join()}:${i % 3}`)).size);
  });
});
