/**
 * Stale reads under partial quorums (R + W ≤ N).
 *
 * Dynamo-style stores (DeCandia et al., SOSP 2007, §4.5) let the operator pick N, R and W; with
 * R + W > N every read quorum meets every write quorum (see `checkIntersection`), but many
 * deployments choose R + W ≤ N for latency. Then a read *can* miss the latest write, and the
 * question becomes how often. If the write reached a uniformly random W of the N replicas and the
 * read asks a uniformly random R, the answer has a closed form; Bailis et al. ("Probabilistically
 * Bounded Staleness", VLDB 2012) derive the same expression. A Monte Carlo estimator that draws the
 * subsets with the seeded Rng checks it here, and a full simulation of the replicated register
 * (with delays and failures, so replicas are no longer uniform) is compared with it later.
 */
import type { Rng } from '../sim/rng.ts';

// #region stale-read-closed-form
/**
 * The read misses the write exactly when all r replicas it asks are among the n − w the write did
 * not reach. Of the C(n, r) equally likely read sets, C(n − w, r) do that:
 *   p = C(n − w, r) / C(n, r) = ∏_{i=0}^{r−1} (n − w − i) / (n − i)
 * A factor reaches zero as soon as r + w > n: strict quorums never read stale.
 */
export function staleReadProbability(n: number, r: number, w: number): number {
  checkNrw(n, r, w);
  let p = 1;
  for (let i = 0; i < r; i++) p *= Math.max(0, n - w - i) / (n - i);
  return p;
}
// #endregion

/** The same probability as an exact fraction C(n − w, r) / C(n, r), in lowest terms. */
export function staleReadFraction(n: number, r: number, w: number): { numerator: bigint; denominator: bigint } {
  checkNrw(n, r, w);
  const num = binomial(n - w, r);
  const den = binomial(n, r);
  const g = gcd(num, den);
  return { numerator: num / g, denominator: den / g };
}

export interface StaleReadEstimate {
  readonly trials: number;
  /** Trials in which the read set missed the write set. */
  readonly stale: number;
  /** stale / trials. */
  readonly probability: number;
  /** √(p̂(1 − p̂) / trials), the binomial standard error of the estimate. */
  readonly standardError: number;
}

// #region stale-read-estimate
/** Monte Carlo: draw a random write set and a random read set, `trials` times; count the misses. */
export function estimateStaleRead(n: number, r: number, w: number, trials: number, rng: Rng): StaleReadEstimate {
  checkNrw(n, r, w);
  if (!Number.isSafeInteger(trials) || trials < 1) throw new Error(`trials must be a positive whole number, got ${trials}`);
  const replicas = Array.from({ length: n }, (_, i) => i);
  let stale = 0;
  for (let t = 0; t < trials; t++) {
    const written = new Set(randomSubset(replicas, w, rng));
    const read = randomSubset(replicas, r, rng);
    if (read.every((replica) => !written.has(replica))) stale++;
  }
  const p = stale / trials;
  return { trials, stale, probability: p, standardError: Math.sqrt((p * (1 - p)) / trials) };
}
// #endregion

/** k distinct items, uniformly among all k-subsets (the first k of a Fisher–Yates shuffle). */
export function randomSubset<T>(items: readonly T[], k: number, rng: Rng): T[] {
  if (!Number.isInteger(k) || k < 0 || k > items.length) throw new Error(`cannot pick ${k} of ${items.length} items`);
  return rng.shuffle(items).slice(0, k);
}

/** C(n, k) exactly. */
export function binomial(n: number, k: number): bigint {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0) throw new Error(`binomial(${n}, ${k}) needs whole numbers, n ≥ 0`);
  if (k < 0 || k > n) return 0n;
  let c = 1n;
  for (let i = 0; i < Math.min(k, n - k); i++) c = (c * BigInt(n - i)) / BigInt(i + 1);
  return c;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function checkNrw(n: number, r: number, w: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`N must be a positive whole number, got ${n}`);
  for (const [what, k] of [['R', r], ['W', w]] as const) {
    if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`${what} must be a whole number from 1 to N = ${n}, got ${k}`);
  }
}
