/**
 * Two small rules of the search's parts that no other test states: the memo table stays exact when two
 * linearized sets share a Zobrist hash, and when it grows (its pool of holes, its slots); and the
 * prefix a refutation keeps, for a stuck operation that is not in the history. (Written for mutation
 * testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../snippets/check/history.ts';
import { mustPrecedeCut } from '../../../snippets/check/linearizability.ts';
import { LinearizedSet, MemoTable } from '../../../snippets/check/memo.ts';

function setOf(members: Iterable<number>): LinearizedSet {
  const set = new LinearizedSet();
  for (const op of members) set.add(op);
  return set;
}

/**
 * Ten operation numbers whose Zobrist words XOR to 0 (found by Gaussian elimination over GF(2) on the
 * words of operations 0–35: any 33 words of 32 bits are dependent). Any two sets that differ by exactly
 * these have the same hash.
 */
const ZERO_XOR = [0, 3, 7, 11, 12, 16, 17, 18, 29, 35];

describe('the memo table stays exact (Lowe 2017: a hit compares the set, not only its hash)', () => {
  it('a set whose hash collides with a recorded one of another end is a new configuration', () => {
    const empty = setOf([]);
    const colliding = setOf(ZERO_XOR);
    expect(colliding.hash).toBe(empty.hash);
    const memo = new MemoTable<string>((a, b) => a === b);
    expect(memo.add(colliding, 's')).toBe(true);
    expect(memo.add(empty, 's')).toBe(true);
    expect(memo.size).toBe(2);
  });

  it('a set whose hash collides with a recorded one of the same end and as many holes, but other holes, is a new configuration', () => {
    const a = setOf([...ZERO_XOR.slice(0, 5), 50]);
    const b = setOf([...ZERO_XOR.slice(5), 50]);
    expect([a.hash, a.end, a.holes.length]).toEqual([b.hash, b.end, b.holes.length]);
    const memo = new MemoTable<string>((x, y) => x === y);
    expect(memo.add(a, 's')).toBe(true);
    expect(memo.add(b, 's')).toBe(true);
    expect(memo.add(setOf([...ZERO_XOR.slice(5), 50]), 's')).toBe(false);
  });

  it('a set whose hash collides with a recorded one of the same end but fewer holes is a new configuration (the recorded holes are not read past the new set\'s)', () => {
    const range = Array.from({ length: 37 }, (_, op) => op);
    const gappy = setOf(range.filter((op) => !ZERO_XOR.includes(op)));
    const full = setOf(range);
    expect([gappy.hash, gappy.end, gappy.holes.length]).toEqual([full.hash, full.end, ZERO_XOR.length]);
    expect(full.holes).toEqual([]);
    const memo = new MemoTable<string>((x, y) => x === y);
    expect(memo.add(gappy, 's')).toBe(true);
    expect(memo.add(full, 's')).toBe(true);
    expect(memo.size).toBe(2);
  });

  it('a set whose hash collides with a recorded one with no holes but another end is a new configuration', () => {
    // The Zobrist words of operations 110,889 to 173,862 XOR to 0 (a birthday search over the prefix XORs).
    const shorter = setOf(Array.from({ length: 110_889 }, (_, op) => op));
    const longer = setOf(Array.from({ length: 173_863 }, (_, op) => op));
    expect([shorter.hash, shorter.holes.length]).toEqual([longer.hash, longer.holes.length]);
    const memo = new MemoTable<string>((x, y) => x === y);
    expect(memo.add(shorter, 's')).toBe(true);
    expect(memo.add(longer, 's')).toBe(true);
  });

  it('records a set with more holes than its pool holds twice over', () => {
    const memo = new MemoTable<string>((x, y) => x === y);
    const wide = setOf([5_000]);
    expect(memo.add(wide, 's')).toBe(true);
    expect(memo.add(setOf([5_000]), 's')).toBe(false);
    expect(memo.add(setOf([4_999]), 's')).toBe(true);
  });

  it('after its slots grow, a configuration never recorded is still new (one state only, so only the set tells)', () => {
    const memo = new MemoTable<null>(() => true);
    // 513 entries fill more than half of the 1,024 slots: the table rehashes.
    for (let op = 1; op <= 513; op++) expect(memo.add(setOf([op]), null)).toBe(true);
    expect(memo.add(setOf([]), null)).toBe(true);
    expect(memo.add(setOf([]), null)).toBe(false);
    for (let op = 1; op <= 513; op++) expect(memo.add(setOf([op]), null)).toBe(false);
  });
});

describe('mustPrecedeCut for a stuck operation that is not in the history', () => {
  it('keeps only what returned before the stuck one was called: the rule for its process\'s earlier operations needs its place in the history', () => {
    const earlier: Operation<string, string> = { process: 'p', call: 0, return: 10, input: 'a' };
    const other: Operation<string, string> = { process: 'q', call: 0, return: 2, input: 'b' };
    const stuck: Operation<string, string> = { process: 'p', call: 5, return: 6, input: 'c' };
    expect(mustPrecedeCut([other, earlier], [other, earlier], stuck)).toBe(1);
    expect(mustPrecedeCut([other, earlier, stuck], [other, earlier], stuck)).toBe(2);
  });
});
