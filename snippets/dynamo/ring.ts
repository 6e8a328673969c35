/**
 * Consistent hashing with virtual nodes (Dynamo §4.2) and the preference list (§4.3), as pure
 * functions over plain data. Dynamo hashes keys with MD5 onto a 128-bit ring; a model needs only a
 * stable, well-spread hash, so we use 32-bit FNV-1a (no crypto, runs in the browser unchanged).
 */
import type { NodeId } from '../sim/index.ts';

/** One virtual node: a position on the ring owned by a physical node. */
export interface Token {
  readonly position: number;
  readonly node: NodeId;
}

/** Tokens sorted clockwise by position. */
export type Ring = readonly Token[];

/** 32-bit FNV-1a with a final avalanche, so nearby names land far apart. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

// #region ring
/** Dynamo §4.2: each physical node takes `tokensPerNode` positions ("virtual nodes") on the ring. */
export function buildRing(nodes: readonly NodeId[], tokensPerNode: number): Ring {
  const tokens: Token[] = [];
  for (const node of nodes) {
    for (let i = 0; i < tokensPerNode; i++) tokens.push({ position: hash(`${node}#${i}`), node });
  }
  return tokens.sort((a, b) => a.position - b.position || (a.node < b.node ? -1 : 1));
}

/** Index of the first token at or clockwise after the key's position (wrapping past the top). */
function firstTokenAt(ring: Ring, position: number): number {
  const i = ring.findIndex((t) => t.position >= position);
  return i === -1 ? 0 : i;
}
// #endregion

// #region preference-list
/**
 * Dynamo §4.3: walk clockwise from the key and collect the owners of the tokens passed, skipping a
 * physical node already listed, so the first N entries are N distinct machines. Asking for more than
 * N gives the fallbacks a sloppy quorum uses (§4.6).
 */
export function preferenceList(ring: Ring, key: string, length: number): NodeId[] {
  const list: NodeId[] = [];
  const start = firstTokenAt(ring, hash(key));
  for (let step = 0; step < ring.length && list.length < length; step++) {
    const token = ring[(start + step) % ring.length]!;
    if (!list.includes(token.node)) list.push(token.node);
  }
  return list;
}
// #endregion

/** The raw clockwise walk, duplicates and all: what the preference list would be without skipping. */
export function tokenWalk(ring: Ring, key: string, length: number): NodeId[] {
  const start = firstTokenAt(ring, hash(key));
  return Array.from({ length: Math.min(length, ring.length) }, (_, step) => ring[(start + step) % ring.length]!.node);
}

// #region load-balance
/** Keys each node coordinates (it owns the first token clockwise from the key), and max/mean over nodes. */
export function loadBalance(ring: Ring, nodes: readonly NodeId[], keys: readonly string[]): { owned: Record<NodeId, number>; maxOverMean: number } {
  const owned: Record<NodeId, number> = Object.fromEntries(nodes.map((n) => [n, 0]));
  for (const key of keys) {
    const owner = ring[firstTokenAt(ring, hash(key))]!.node;
    owned[owner] = (owned[owner] ?? 0) + 1;
  }
  const counts = Object.values(owned);
  const mean = keys.length / nodes.length;
  return { owned, maxOverMean: Math.max(...counts) / mean };
}
// #endregion
