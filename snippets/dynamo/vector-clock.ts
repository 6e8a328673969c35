/**
 * Vector clocks (Dynamo §4.4): one counter per node that has coordinated a write of the object. The
 * same code the note shows.
 */

/** One counter per node that has coordinated a write of this object (§4.4). */
export type VectorClock = Readonly<Record<string, number>>;
export type Order = 'equal' | 'before' | 'after' | 'concurrent';

// #region compare
/** True when b has seen everything a has: each counter of a is at most b's. */
export function descendsFrom(b: VectorClock, a: VectorClock): boolean {
  return Object.entries(a).every(([node, n]) => n <= (b[node] ?? 0));
}

export function compare(a: VectorClock, b: VectorClock): Order {
  const aInB = descendsFrom(b, a);
  const bInA = descendsFrom(a, b);
  if (aInB && bInA) return 'equal';
  if (aInB) return 'before';
  if (bInA) return 'after';
  return 'concurrent'; // each holds a write the other has not seen
}
// #endregion

/** Pointwise maximum: the context a read returns along with its siblings. */
export function merge(a: VectorClock, b: VectorClock): VectorClock {
  const out: Record<string, number> = { ...a };
  for (const [node, n] of Object.entries(b)) out[node] = Math.max(out[node] ?? 0, n);
  return out;
}

/** The coordinator of a put adds one to its own entry on top of the client's context. */
export function bump(context: VectorClock, coordinator: string): VectorClock {
  return { ...context, [coordinator]: (context[coordinator] ?? 0) + 1 };
}

export function showClock(clock: VectorClock): string {
  const entries = Object.entries(clock).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? '{}' : entries.map(([n, c]) => `${n}=${c}`).join(',');
}
