/**
 * Merkle trees for anti-entropy (Dynamo §4.7), pure: a replica summarises the keys of a range as a
 * binary tree whose leaves hash the keys of equal slices of the hash space and whose parents hash
 * their children. Two replicas compare roots and descend only where hashes differ, so finding the
 * out-of-sync keys moves little data. Not wired into the node model: hinted handoff and read repair
 * do its work there, and the tests show what a comparison finds.
 */
import { hash } from './ring.ts';

export interface MerkleTree {
  readonly hash: number;
  /** Half-open slice of the 32-bit hash space this subtree covers. */
  readonly lo: number;
  readonly hi: number;
  readonly children: readonly [MerkleTree, MerkleTree] | null;
}

/** What a replica holds: key → a digest of its versions (e.g. the sorted dots). */
export type Digests = Readonly<Record<string, string>>;

// #region merkle-build
/** Leaves hash the sorted `key=digest` lines of their slice; a parent hashes its children's hashes. */
export function buildTree(digests: Digests, depth: number, lo = 0, hi = 2 ** 32): MerkleTree {
  if (depth === 0) {
    const lines = Object.keys(digests)
      .filter((key) => hash(key) >= lo && hash(key) < hi)
      .sort()
      .map((key) => `${key}=${digests[key]}`);
    return { hash: hash(lines.join('\n')), lo, hi, children: null };
  }
  const mid = lo + (hi - lo) / 2;
  const left = buildTree(digests, depth - 1, lo, mid);
  const right = buildTree(digests, depth - 1, mid, hi);
  return { hash: hash(`${left.hash}:${right.hash}`), lo, hi, children: [left, right] };
}
// #endregion

// #region merkle-diff
/** §4.7: compare two trees top-down; returns the leaf slices that differ and how many nodes were compared. */
export function differingRanges(a: MerkleTree, b: MerkleTree): { ranges: [number, number][]; compared: number } {
  const ranges: [number, number][] = [];
  let compared = 0;
  const walk = (x: MerkleTree, y: MerkleTree): void => {
    compared++;
    if (x.hash === y.hash) return; // equal subtrees: nothing below needs to move
    if (!x.children || !y.children) {
      ranges.push([x.lo, x.hi]);
      return;
    }
    walk(x.children[0], y.children[0]);
    walk(x.children[1], y.children[1]);
  };
  walk(a, b);
  return { ranges, compared };
}
// #endregion

/** The keys two replicas must exchange: those in differing slices whose digests disagree. */
export function keysToSync(a: Digests, b: Digests, depth: number): string[] {
  const { ranges } = differingRanges(buildTree(a, depth), buildTree(b, depth));
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((key) => a[key] !== b[key] && ranges.some(([lo, hi]) => hash(key) >= lo && hash(key) < hi)).sort();
}
