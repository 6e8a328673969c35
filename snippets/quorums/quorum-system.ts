/**
 * Read-write quorum systems as data.
 *
 * Whittaker, Charapko, Hellerstein, Howard, Stoica, "Read-Write Quorum Systems Made Practical"
 * (PaPoC 2021), §1: a read-write quorum system pairs a family of read quorums with a family of write
 * quorums, each read quorum sharing a node with each write quorum. Reads go to a read quorum and
 * writes to a write quorum, so every read meets every earlier write.
 *
 * A system here is a plain, serialisable value (`thresholds`, `grid`, `weighted` or `explicit`); the
 * functions below switch over its kind. Quorum families are *upward closed*, as in the paper's
 * Quoracle library: any superset of a read quorum is a read quorum (a client that hears from more
 * replicas than it needs is no worse off). So a family is given by its *minimal* quorums, which
 * `readQuorums` / `writeQuorums` enumerate lazily: explicit families blow up (a 3×3 grid already has
 * 27 write quorums, majority of 20 has 184,756), so nothing is materialised unless asked for.
 */

export type NodeName = string;

/** A set of nodes, listed in the system's node order (so equal sets are equal arrays). */
export type Quorum = readonly NodeName[];

/** Any r nodes form a read quorum and any w nodes a write quorum: Dynamo's (N, R, W). */
export interface Thresholds {
  readonly kind: 'thresholds';
  readonly nodes: readonly NodeName[];
  readonly read: number;
  readonly write: number;
}

/** Nodes in rows: a read quorum is one full row, a write quorum one node from every row. */
export interface Grid {
  readonly kind: 'grid';
  readonly nodes: readonly NodeName[];
  readonly rows: readonly (readonly NodeName[])[];
}

/** A set is a read (write) quorum when the weights of its nodes add up to the read (write) threshold. */
export interface Weighted {
  readonly kind: 'weighted';
  readonly nodes: readonly NodeName[];
  readonly weights: Readonly<Record<NodeName, number>>;
  readonly read: number;
  readonly write: number;
}

/** Quorums listed one by one (their supersets count too). `name` is what `describe` prints. */
export interface Explicit {
  readonly kind: 'explicit';
  readonly name: string;
  readonly nodes: readonly NodeName[];
  readonly reads: readonly Quorum[];
  readonly writes: readonly Quorum[];
  /** Only for drawing: rows to lay the nodes out in. */
  readonly rows?: readonly (readonly NodeName[])[];
}

/**
 * A candidate read-write quorum system. Constructors do not insist that reads meet writes: whether
 * they do is exactly what `checkIntersection` decides, and the broken variants exist to fail it.
 */
export type QuorumSystem = Thresholds | Grid | Weighted | Explicit;

export type Operation = 'read' | 'write';

// ---------------------------------------------------------------------------------------------------
// Constructors

/** Any r nodes read, any w nodes write. Safe (every read meets every write) exactly when r + w > n. */
export function thresholds(nodes: readonly NodeName[], read: number, write: number): Thresholds {
  checkNodes(nodes);
  for (const [what, k] of [['read', read], ['write', write]] as const) {
    if (!Number.isInteger(k) || k < 1 || k > nodes.length) {
      throw new Error(`thresholds: the ${what} quorum size must be a whole number from 1 to ${nodes.length}, got ${k}`);
    }
  }
  return { kind: 'thresholds', nodes: [...nodes], read, write };
}

/** Reads and writes both take any ⌊n/2⌋ + 1 nodes: any two majorities share a node. */
export function majority(nodes: readonly NodeName[]): Thresholds {
  const m = Math.floor(nodes.length / 2) + 1;
  return thresholds(nodes, m, m);
}

// #region grid
/**
 * Whittaker et al.'s grid (as in their Quoracle library): nodes arranged in rows; every row is a
 * read quorum, and one node from every row is a write quorum. A write reaches a node in every row,
 * so whichever row a read picks contains a node the write reached.
 */
export function grid(rows: readonly (readonly NodeName[])[]): Grid {
  if (rows.length === 0 || rows.some((row) => row.length === 0)) {
    throw new Error('grid: needs at least one row, and every row needs at least one node');
  }
  const nodes = rows.flat();
  checkNodes(nodes);
  return { kind: 'grid', nodes, rows: rows.map((row) => [...row]) };
}
// #endregion

/**
 * Weighted voting (Gifford 1979): each node holds a number of votes; a read needs `read` votes and a
 * write `write` votes. Weights are whole numbers so that sums are exact. r + w > total weight is
 * enough for reads to meet writes, but not necessary: which sums are reachable matters too.
 * Nodes are taken in the record's key order (JavaScript lists integer-like keys such as "1" first).
 */
export function weighted(weights: Readonly<Record<NodeName, number>>, read: number, write: number): Weighted {
  const nodes = Object.keys(weights);
  checkNodes(nodes);
  let total = 0;
  for (const node of nodes) {
    const w = weights[node]!;
    if (!Number.isSafeInteger(w) || w < 0) throw new Error(`weighted: node ${node} needs a whole, non-negative weight, got ${w}`);
    total += w;
  }
  for (const [what, t] of [['read', read], ['write', write]] as const) {
    if (!Number.isSafeInteger(t) || t < 1 || t > total) {
      throw new Error(`weighted: the ${what} threshold must be a whole number from 1 to the total weight ${total}, got ${t}`);
    }
  }
  return { kind: 'weighted', nodes, weights: { ...weights }, read, write };
}

/** Quorums listed by hand. Each must be a non-empty set of the given nodes. */
export function explicit(
  name: string,
  nodes: readonly NodeName[],
  reads: readonly (readonly NodeName[])[],
  writes: readonly (readonly NodeName[])[],
): Explicit {
  checkNodes(nodes);
  const canonical = (q: readonly NodeName[], what: Operation): Quorum => {
    if (q.length === 0) throw new Error(`explicit ${name}: an empty ${what} quorum`);
    const known = new Set(nodes);
    for (const node of q) if (!known.has(node)) throw new Error(`explicit ${name}: ${what} quorum names unknown node ${node}`);
    return inOrder(nodes, q);
  };
  if (reads.length === 0 || writes.length === 0) throw new Error(`explicit ${name}: needs at least one read and one write quorum`);
  return { kind: 'explicit', name, nodes: [...nodes], reads: reads.map((q) => canonical(q, 'read')), writes: writes.map((q) => canonical(q, 'write')) };
}

// #region broken-grid
/**
 * Deliberately broken: a grid whose write quorum takes one node from every row *but the last*. A
 * write can then miss the last row entirely, and a read of that row misses the write.
 * `checkIntersection` must find exactly such a pair.
 */
export function gridSkippingLastRow(rows: readonly (readonly NodeName[])[]): Explicit {
  const g = grid(rows);
  if (g.rows.length < 2) throw new Error('gridSkippingLastRow: needs at least two rows');
  const writes = cartesian(g.rows.slice(0, -1));
  const name = `broken ${shape(g.rows)} grid, writes skip the last row`;
  return { ...explicit(name, g.nodes, g.rows, [...writes]), rows: g.rows };
}
// #endregion

// ---------------------------------------------------------------------------------------------------
// Membership and enumeration

// #region is-quorum
/** Is `set` (a set of this system's nodes) a read or write quorum? Supersets of quorums count. */
export function isQuorum(system: QuorumSystem, op: Operation, set: Iterable<NodeName>): boolean {
  const s = memberSet(system, set);
  switch (system.kind) {
    case 'thresholds':
      return s.size >= (op === 'read' ? system.read : system.write);
    case 'grid':
      return op === 'read'
        ? system.rows.some((row) => row.every((node) => s.has(node))) // a full row
        : system.rows.every((row) => row.some((node) => s.has(node))); // a node in every row
    case 'weighted': {
      let votes = 0;
      for (const node of s) votes += system.weights[node]!;
      return votes >= (op === 'read' ? system.read : system.write);
    }
    case 'explicit':
      return (op === 'read' ? system.reads : system.writes).some((q) => q.every((node) => s.has(node)));
    default:
      return unreachable(system);
  }
}
// #endregion

export const isReadQuorum = (system: QuorumSystem, set: Iterable<NodeName>): boolean => isQuorum(system, 'read', set);
export const isWriteQuorum = (system: QuorumSystem, set: Iterable<NodeName>): boolean => isQuorum(system, 'write', set);

/**
 * The minimal quorums for `op`, lazily, each once, in the system's node order. (For `explicit`
 * systems: the listed quorums that contain no other listed one.)
 */
export function* quorums(system: QuorumSystem, op: Operation): Generator<Quorum> {
  switch (system.kind) {
    case 'thresholds':
      yield* combinations(system.nodes, op === 'read' ? system.read : system.write);
      return;
    case 'grid':
      if (op === 'read') yield* system.rows;
      else for (const pick of cartesian(system.rows)) yield inOrder(system.nodes, pick);
      return;
    case 'weighted':
      yield* minimalSets(system.nodes, (set) => isQuorum(system, op, set));
      return;
    case 'explicit': {
      const listed = op === 'read' ? system.reads : system.writes;
      const seen = new Set<string>();
      for (const q of listed) {
        const key = q.join('\u0000');
        const strictlyContains = (p: Quorum) => p.length < q.length && p.every((node) => q.includes(node));
        if (!seen.has(key) && !listed.some(strictlyContains)) yield q;
        seen.add(key);
      }
      return;
    }
    default:
      unreachable(system);
  }
}

export const readQuorums = (system: QuorumSystem): Generator<Quorum> => quorums(system, 'read');
export const writeQuorums = (system: QuorumSystem): Generator<Quorum> => quorums(system, 'write');

// ---------------------------------------------------------------------------------------------------
// Intersection

export type IntersectionResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly read: Quorum; readonly write: Quorum };

// #region intersection-check
/**
 * Does every read quorum meet every write quorum (the defining property, Whittaker et al. introduction)? If not, returns a read
 * quorum and a write quorum that share no node.
 *
 * Comparing every read with every write is quadratic in two families that are already huge. Since
 * families are upward closed, a read quorum R misses some write quorum exactly when the nodes
 * *outside* R still form a write quorum. So one pass over the minimal read quorums suffices.
 */
export function checkIntersection(system: QuorumSystem): IntersectionResult {
  for (const read of readQuorums(system)) {
    const outside = system.nodes.filter((node) => !read.includes(node));
    if (isWriteQuorum(system, outside)) {
      return { ok: false, read, write: shrink(system, 'write', outside) };
    }
  }
  return { ok: true };
}
// #endregion

/** Drops nodes from a quorum while it stays one, leaving a minimal quorum inside it. */
export function shrink(system: QuorumSystem, op: Operation, set: Iterable<NodeName>): Quorum {
  let q = inOrder(system.nodes, set);
  if (!isQuorum(system, op, q)) throw new Error(`shrink: {${q.join(', ')}} is not a ${op} quorum`);
  for (const node of [...q]) {
    const without = q.filter((n) => n !== node);
    if (isQuorum(system, op, without)) q = without;
  }
  return q;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers (exported for tests and for the register built on top)

/** All k-element subsets of `items`, lazily, in lexicographic order of positions. */
export function* combinations<T>(items: readonly T[], k: number): Generator<T[]> {
  if (k < 0 || k > items.length) return;
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield idx.map((i) => items[i]!);
    let i = k - 1;
    while (i >= 0 && idx[i] === items.length - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/** Every way to pick one element from each list, lazily. */
export function* cartesian<T>(lists: readonly (readonly T[])[]): Generator<T[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = lists;
  for (const x of first!) for (const tail of cartesian(rest)) yield [x, ...tail];
}

/** Minimal sets satisfying a monotone predicate, smallest first (only for small n: up to 2ⁿ tests). */
function* minimalSets(nodes: readonly NodeName[], holds: (set: readonly NodeName[]) => boolean): Generator<Quorum> {
  for (let k = 0; k <= nodes.length; k++) {
    for (const set of combinations(nodes, k)) {
      if (holds(set) && set.every((node) => !holds(set.filter((n) => n !== node)))) yield set;
    }
  }
}

function inOrder(nodes: readonly NodeName[], set: Iterable<NodeName>): Quorum {
  const s = new Set(set);
  return nodes.filter((node) => s.has(node));
}

function memberSet(system: QuorumSystem, set: Iterable<NodeName>): Set<NodeName> {
  const s = new Set(set);
  for (const node of s) if (!system.nodes.includes(node)) throw new Error(`${node} is not a node of this system (${system.nodes.join(', ')})`);
  return s;
}

function checkNodes(nodes: readonly NodeName[]): void {
  if (nodes.length === 0) throw new Error('a quorum system needs at least one node');
  const seen = new Set<NodeName>();
  for (const node of nodes) {
    if (typeof node !== 'string' || node === '') throw new Error(`node names must be non-empty strings, got ${JSON.stringify(node)}`);
    if (seen.has(node)) throw new Error(`node ${node} appears twice`);
    seen.add(node);
  }
}

/** "3×3" for a rectangular grid, else the row sizes. */
export function shape(rows: readonly (readonly NodeName[])[]): string {
  const sizes = rows.map((row) => row.length);
  return sizes.every((s) => s === sizes[0]) ? `${rows.length}×${sizes[0]}` : `${rows.length}-row (${sizes.join('+')})`;
}

function unreachable(x: never): never {
  throw new Error(`unknown quorum system ${JSON.stringify(x)}`);
}
