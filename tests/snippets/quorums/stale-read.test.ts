import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIntersection, combinations, thresholds } from '../../../snippets/quorums/quorum-system.ts';
import {
  binomial,
  estimateStaleRead,
  randomSubset,
  staleReadFraction,
  staleReadProbability,
} from '../../../snippets/quorums/stale-read.ts';
import { Rng } from '../../../snippets/sim/rng.ts';

const replicas = (n: number) => Array.from({ length: n }, (_, i) => i);
const allNrw = function* (maxN: number): Generator<[number, number, number]> {
  for (let n = 1; n <= maxN; n++) for (let r = 1; r <= n; r++) for (let w = 1; w <= n; w++) yield [n, r, w];
};

describe('stale reads when R + W ≤ N: the closed form', () => {
  it('equals exhaustive enumeration of every read set against every write set (all n ≤ 7)', () => {
    for (const [n, r, w] of allNrw(7)) {
      // Count the (read set, write set) pairs that share no replica; all pairs are equally likely.
      const writes = [...combinations(replicas(n), w)];
      let missed = 0n;
      for (const read of combinations(replicas(n), r)) for (const write of writes) if (read.every((x) => !write.includes(x))) missed++;
      const pairs = binomial(n, r) * binomial(n, w);
      const { numerator, denominator } = staleReadFraction(n, r, w);
      expect(missed * denominator, `n=${n} r=${r} w=${w}`).toBe(numerator * pairs); // exact: missed / pairs = num / den
      expect(staleReadProbability(n, r, w)).toBeCloseTo(Number(missed) / Number(pairs), 14);
    }
  });

  it('is zero exactly when r + w > n, i.e. exactly when the thresholds pass the intersection check', () => {
    for (const [n, r, w] of allNrw(7)) {
      const nodes = replicas(n).map(String);
      expect(staleReadProbability(n, r, w) === 0, `n=${n} r=${r} w=${w}`).toBe(r + w > n);
      expect(checkIntersection(thresholds(nodes, r, w)).ok).toBe(staleReadProbability(n, r, w) === 0);
    }
  });

  it("Dynamo's common (3, 2, 2) never reads stale; (3, 1, 1) misses the write 2/3 of the time", () => {
    expect(staleReadProbability(3, 2, 2)).toBe(0);
    expect(staleReadFraction(3, 1, 1)).toEqual({ numerator: 2n, denominator: 3n });
    expect(staleReadProbability(3, 1, 1)).toBeCloseTo(2 / 3, 15);
  });

  it('is symmetric in R and W: C(n−w, r)/C(n, r) = C(n−r, w)/C(n, w)', () => {
    const nrw = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n })));
    fc.assert(
      fc.property(nrw, ([n, r, w]) => {
        expect(staleReadFraction(n, r, w)).toEqual(staleReadFraction(n, w, r));
      }),
      { numRuns: 200 },
    );
  });

  it('the float product agrees with the exact fraction to 1e-12 (n up to 60)', () => {
    const nrw = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n })));
    fc.assert(
      fc.property(nrw, ([n, r, w]) => {
        const { numerator, denominator } = staleReadFraction(n, r, w);
        const exact = Number(numerator) / Number(denominator);
        return Math.abs(staleReadProbability(n, r, w) - exact) <= 1e-12 * Math.max(1, exact);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses R or W outside 1..N', () => {
    expect(() => staleReadProbability(3, 0, 1)).toThrow(/R must be/);
    expect(() => staleReadProbability(3, 1, 4)).toThrow(/W must be/);
  });
});

describe('stale reads: the Monte Carlo estimate', () => {
  const trials = 20_000;
  const cases: [number, number, number][] = [[3, 1, 1], [3, 1, 2], [5, 1, 1], [5, 2, 2], [5, 2, 3], [7, 2, 3], [10, 3, 3], [3, 2, 2]];

  it.each(cases)('N=%i, R=%i, W=%i: within 4 standard errors of the closed form, for 3 seeds', (n, r, w) => {
    const p = staleReadProbability(n, r, w);
    const tolerance = 4 * Math.sqrt((p * (1 - p)) / trials); // 0 when p = 0: then no trial may miss
    for (const seed of [1, 2, 3]) {
      const estimate = estimateStaleRead(n, r, w, trials, new Rng(seed));
      expect(estimate.trials).toBe(trials);
      expect(Math.abs(estimate.probability - p), `seed ${seed}: ${estimate.probability} vs ${p}`).toBeLessThanOrEqual(tolerance);
    }
  });

  it('is reproducible from its seed', () => {
    expect(estimateStaleRead(5, 2, 2, 1000, new Rng(42))).toEqual(estimateStaleRead(5, 2, 2, 1000, new Rng(42)));
  });

  it('reports its own standard error, √(p̂(1 − p̂)/trials)', () => {
    const e = estimateStaleRead(5, 1, 1, 10_000, new Rng(9));
    expect(e.standardError).toBeCloseTo(Math.sqrt((e.probability * (1 - e.probability)) / 10_000), 15);
  });

  it('randomSubset draws every 2-subset of 4 replicas about equally often', () => {
    const rng = new Rng(5);
    const counts = new Map<string, number>();
    const draws = 12_000;
    for (let i = 0; i < draws; i++) {
      const key = randomSubset(replicas(4), 2, rng).sort().join();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const p = 1 / 6;
    for (const c of counts.values()) expect(Math.abs(c / draws - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws));
  });
});
