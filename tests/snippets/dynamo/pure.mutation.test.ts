/**
 * The pure building blocks of the Dynamo model, one edge a test: how a vector clock is printed (§4.4),
 * the Merkle tree's slices and what a comparison finds at their edges (§4.7), and the ring's tokens and
 * preference list where a key or token lands exactly on a position (§4.2, §4.3). The keys and values
 * named below were found by a search over the model's 32-bit hash (ring.ts): a key whose hash is a
 * multiple of 2^20 (a slice boundary of a depth-12 tree), two values whose one-key leaves hash the same,
 * two token names at the same ring position. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { buildTree, differingRanges, keysToSync, type MerkleTree } from '../../../snippets/dynamo/merkle.ts';
import { buildRing, hash, preferenceList, tokenWalk } from '../../../snippets/dynamo/ring.ts';
import { showClock } from '../../../snippets/dynamo/vector-clock.ts';

describe('a vector clock as the trace prints it (§4.4)', () => {
  it('an empty clock is {}', () => {
    expect(showClock({})).toBe('{}');
  });

  it('one entry a node, node=counter, sorted by node name whatever the order they were added in', () => {
    expect(showClock({ n4: 2 })).toBe('n4=2');
    expect(showClock({ n5: 2, n1: 1, n3: 4 })).toBe('n1=1,n3=4,n5=2');
    expect(showClock({ n1: 1, n3: 4, n5: 2 })).toBe('n1=1,n3=4,n5=2');
    expect(showClock({ n3: 4, n5: 2, n1: 1 })).toBe('n1=1,n3=4,n5=2');
  });
});

/** hash(K) is 709 · 2^20: K is the first key of its slice of a depth-12 tree, the last one past the slice before. */
const K = 'cart-979467';
const B = 709 * 2 ** 20;
const SLICE = 2 ** 20;
/** In the slice before K's and the slice after it. */
const BEFORE = 'item-1217';
const AFTER = 'item-7916';
/** K's leaf hashes the same holding either value: a difference the tree cannot see. */
const X = 'v240977';
const Y = 'v1222000';

const leaves = (t: MerkleTree): MerkleTree[] => (t.children ? [...leaves(t.children[0]), ...leaves(t.children[1])] : [t]);

describe('Merkle trees (§4.7)', () => {
  it('the setting: where the named keys hash', () => {
    expect(hash(K)).toBe(B);
    expect(Math.floor(hash(BEFORE) / SLICE)).toBe(708);
    expect(Math.floor(hash(AFTER) / SLICE)).toBe(710);
    expect(hash(`${K}=${X}`)).toBe(hash(`${K}=${Y}`));
  });

  it('a tree of depth d has 2^d leaves, equal consecutive slices of the hash space, and a parent covers its children', () => {
    const tree = buildTree({ a: '1' }, 2);
    expect(leaves(tree).map((l) => [l.lo, l.hi])).toEqual([[0, 2 ** 30], [2 ** 30, 2 ** 31], [2 ** 31, 3 * 2 ** 30], [3 * 2 ** 30, 2 ** 32]]);
    expect(tree.children!.map((c) => [c.lo, c.hi])).toEqual([[0, 2 ** 31], [2 ** 31, 2 ** 32]]);
    expect(buildTree({ a: '1' }, 0).children).toBeNull();
  });

  it('a leaf hashes the sorted key=digest lines of its own slice only, one line per key', () => {
    expect(buildTree({ b: '2', a: '1' }, 0).hash).toBe(hash('a=1\nb=2'));
    // Slices are half-open: K belongs to the slice starting at its hash, not to the one ending there.
    expect(buildTree({ [K]: 'x' }, 0, B, B + 1).hash).toBe(hash(`${K}=x`));
    expect(buildTree({ [K]: 'x' }, 0, B - 1, B).hash).toBe(hash(''));
  });

  it('two replicas whose lines differ are never taken for equal because the lines ran together', () => {
    expect(buildTree({ a: '1', b: '2' }, 0).hash).not.toBe(buildTree({ a: '1b=2' }, 0).hash);
  });

  it('a key that differs changes its own leaf only, so a comparison descends one path and reports that slice', () => {
    const mine = { [K]: '1', [BEFORE]: 'same', [AFTER]: 'same' };
    const theirs = { ...mine, [K]: '2' };
    const { ranges, compared } = differingRanges(buildTree(mine, 12), buildTree(theirs, 12));
    expect(ranges).toEqual([[B, B + SLICE]]);
    // The root, then both children at each of 12 levels below it.
    expect(compared).toBe(1 + 2 * 12);
    expect(keysToSync(mine, theirs, 12)).toEqual([K]);
  });

  it('a slice differs as a whole when the two trees are not equally deep', () => {
    const shallow = buildTree({ a: '1' }, 0);
    const deep = buildTree({ a: '2' }, 2);
    expect(differingRanges(shallow, deep)).toEqual({ ranges: [[0, 2 ** 32]], compared: 1 });
    expect(differingRanges(deep, shallow)).toEqual({ ranges: [[0, 2 ** 32]], compared: 1 });
  });

  it('keysToSync sends only keys inside the slices the trees found different: a difference the hash hides stays unsynced', () => {
    const mine = { [K]: X, [BEFORE]: '1', [AFTER]: '1' };
    const theirs = { [K]: Y, [BEFORE]: '2', [AFTER]: '2' };
    expect(differingRanges(buildTree(mine, 12), buildTree(theirs, 12)).ranges).toEqual([[B - SLICE, B], [B + SLICE, B + 2 * SLICE]]);
    expect(keysToSync(mine, theirs, 12)).toEqual([BEFORE, AFTER]);
  });
});

/** hash('node129599#0') === hash('node732382#0'): two tokens at the same position. */
const TWIN_A = 'node129599';
const TWIN_B = 'node732382';

describe('the ring (§4.2) and the preference list (§4.3) at their edges', () => {
  it('tokens at the same position are ordered by node name, whatever order the nodes were listed in', () => {
    expect(hash(`${TWIN_A}#0`)).toBe(hash(`${TWIN_B}#0`));
    const expected = [TWIN_A, TWIN_B];
    expect(buildRing([TWIN_A, TWIN_B], 1).map((t) => t.node)).toEqual(expected);
    expect(buildRing([TWIN_B, TWIN_A], 1).map((t) => t.node)).toEqual(expected);
  });

  it('a key that hashes exactly onto a token belongs to that token\'s node', () => {
    const ring = buildRing(['n1', 'n2', 'n3', 'n4', 'n5'], 8);
    for (const token of ring) {
      const key = `${token.node}#${Array.from({ length: 8 }, (_, i) => i).find((i) => hash(`${token.node}#${i}`) === token.position)}`;
      expect(preferenceList(ring, key, 1)).toEqual([token.node]);
    }
  });

  it('an empty ring has no preference list, and asking for more nodes than there are gives each node once', () => {
    expect(preferenceList([], 'cart-1', 3)).toEqual([]);
    const ring = buildRing(['n1', 'n2', 'n3'], 4);
    expect([...preferenceList(ring, 'cart-1', 10)].sort()).toEqual(['n1', 'n2', 'n3']);
  });

  it('the raw token walk is the owners of the tokens clockwise from the key, wrapping, at most once round the ring', () => {
    const ring = buildRing(['n1', 'n2', 'n3'], 4);
    const key = 'cart-' + Array.from({ length: 1000 }, (_, i) => i).find((i) => hash(`cart-${i}`) > ring[3]!.position && hash(`cart-${i}`) < ring[4]!.position);
    const clockwise = [...ring.slice(4), ...ring.slice(0, 4)].map((t) => t.node);
    expect(tokenWalk(ring, key, 5)).toEqual(clockwise.slice(0, 5));
    expect(tokenWalk(ring, key, 100)).toEqual(clockwise);
    // Past the top of the ring the walk starts again at the first token.
    const top = 'cart-' + Array.from({ length: 1000 }, (_, i) => i).find((i) => hash(`cart-${i}`) > ring.at(-1)!.position);
    expect(tokenWalk(ring, top, 2)).toEqual([ring[0]!.node, ring[1]!.node]);
  });
});
