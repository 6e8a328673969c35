/**
 * Versions and siblings (Dynamo §4.4). Each put makes an immutable version: the client's value, the
 * context the client sent (the clock of what it read) and the one entry its coordinator added, its
 * *dot* `(node, counter)`. The version's vector clock is the context plus the dot.
 *
 * Why keep the dot apart: the paper compares whole clocks, and a coordinator that stamps two
 * concurrent puts made from the same context gives them clocks `ctx + Sx=3` and `ctx + Sx=4`: the
 * second looks like a descendant of the first, which is silently dropped. Testing ancestry on the dot
 * (a version is replaced only by one whose *context* covers its dot) keeps both as siblings. This is
 * the dotted version vector of Preguiça et al. (2010), the fix Riak adopted; the clocks themselves
 * are the paper's.
 */
import { descendsFrom, merge, type VectorClock } from './vector-clock.ts';

export interface Dot {
  readonly node: string;
  readonly counter: number;
}

export interface Version {
  readonly value: number;
  /** What the writer had read: the clock its put named as replaced (§4.1 "context"). */
  readonly context: VectorClock;
  /** The entry the coordinator added (§4.4): unique, since its counter is durable and only grows. */
  readonly dot: Dot;
}

export const sameDot = (a: Dot, b: Dot): boolean => a.node === b.node && a.counter === b.counter;
export const dotKey = (d: Dot): string => `${d.node}:${d.counter}`;

/** The version's vector clock: its context plus its own dot. */
export function clockOf(v: Version): VectorClock {
  return merge(v.context, { [v.dot.node]: v.dot.counter });
}

// #region reconcile
/** v is an ancestor of w when w's writer had seen v: w's context covers v's dot (§4.4). */
export function supersedes(w: Version, v: Version): boolean {
  return descendsFrom(w.context, { [v.dot.node]: v.dot.counter });
}

/**
 * Syntactic reconciliation (§4.4): pool what two replicas hold, count a version held twice once, and
 * drop every version some other version descends from. What is left are the siblings.
 */
export function reconcile(a: readonly Version[], b: readonly Version[]): Version[] {
  const pooled: Version[] = [];
  for (const v of [...a, ...b]) if (!pooled.some((p) => sameDot(p.dot, v.dot))) pooled.push(v);
  const siblings = pooled.filter((v) => !pooled.some((w) => supersedes(w, v)));
  return siblings.sort((x, y) => (dotKey(x.dot) < dotKey(y.dot) ? -1 : 1));
}

/** The context a read hands the client: the merge of its siblings' clocks (§4.4). */
export function contextOf(siblings: readonly Version[]): VectorClock {
  return siblings.reduce<VectorClock>((ctx, v) => merge(ctx, clockOf(v)), {});
}
// #endregion

/**
 * Has some version in `held` this write (its dot with its value) or a descendant of it: the write is
 * not lost. The value matters: a version that only shares the dot is another write, named twice.
 */
export function covered(held: readonly Version[], dot: Dot, value: number): boolean {
  return held.some((v) => (sameDot(v.dot, dot) && v.value === value) || descendsFrom(v.context, { [dot.node]: dot.counter }));
}

/** Same sibling set (order-free). */
export function sameSiblings(a: readonly Version[], b: readonly Version[]): boolean {
  return a.length === b.length && a.every((v) => b.some((w) => sameDot(v.dot, w.dot)));
}

export function showVersion(v: Version): string {
  return `${v.value}@${dotKey(v.dot)}`;
}
