/**
 * The edges of strategies (snippets/quorums/strategy.ts) and of the stale-read arithmetic
 * (snippets/quorums/stale-read.ts): what each refuses and in what words, the boundaries of a draw,
 * the exact fractions at their corners. Written for mutation testing (docs/mutation.md, issue 19): the
 * statistical suites check averages over thousands of draws and cannot see these; each test states one
 * rule on the smallest input that shows it.
 */
import { describe, expect, it } from 'vitest';
import { grid, majority, thresholds, weighted } from '../../../snippets/quorums/quorum-system.ts';
import { binomial, estimateStaleRead, randomSubset, staleReadFraction, staleReadProbability } from '../../../snippets/quorums/stale-read.ts';
import { capacity, load, makeStrategy, nodeLoads, pickQuorum, uniformStrategy, type Choice } from '../../../snippets/quorums/strategy.ts';
import { Rng } from '../../../snippets/sim/rng.ts';

/** An Rng whose `next()` returns the given numbers in turn (pickQuorum reads nothing else). */
const fixed = (...us: number[]): Rng => ({ next: () => us.shift()! }) as unknown as Rng;
const choices = (...ps: number[]): Choice[] => ps.map((probability, i) => ({ quorum: [`q${i}`], probability }));

describe('uniform strategies', () => {
  it('gives each minimal quorum the same probability, reads and writes apart, in the system\'s order', () => {
    const sigma = uniformStrategy(thresholds(['a', 'b', 'c'], 1, 3));
    expect(sigma).toEqual({
      reads: [{ quorum: ['a'], probability: 1 / 3 }, { quorum: ['b'], probability: 1 / 3 }, { quorum: ['c'], probability: 1 / 3 }],
      writes: [{ quorum: ['a', 'b', 'c'], probability: 1 }],
    });
  });
});

describe('makeStrategy', () => {
  const g = grid([['a', 'b'], ['c', 'd']]);

  it('normalises the weights to probabilities, drops zero weights, and lists each quorum in node order', () => {
    const sigma = makeStrategy(g, { reads: [[['b', 'a'], 3], [['c', 'd'], 1], [['a', 'b', 'c'], 0]], writes: [[['c', 'a'], 2]] });
    expect(sigma).toEqual({
      reads: [{ quorum: ['a', 'b'], probability: 0.75 }, { quorum: ['c', 'd'], probability: 0.25 }],
      writes: [{ quorum: ['a', 'c'], probability: 1 }],
    });
  });

  it.each([
    [-1, 'makeStrategy: read weight -1 for {a, b} is not a non-negative number'],
    [Number.NaN, 'makeStrategy: read weight NaN for {a, b} is not a non-negative number'],
    [Number.POSITIVE_INFINITY, 'makeStrategy: read weight Infinity for {a, b} is not a non-negative number'],
  ])('refuses a weight of %s, naming the operation, the weight and the quorum', (weight, text) => {
    expect(() => makeStrategy(g, { reads: [[['a', 'b'], weight]], writes: [[['a', 'c'], 1]] })).toThrow(text);
  });

  it('refuses a set that is not a quorum for its operation, naming it', () => {
    expect(() => makeStrategy(g, { reads: [[['a', 'c'], 1]], writes: [[['a', 'c'], 1]] })).toThrow('makeStrategy: {a, c} is not a read quorum');
    expect(() => makeStrategy(g, { reads: [[['a', 'b'], 1]], writes: [[['a', 'b'], 1]] })).toThrow('makeStrategy: {a, b} is not a write quorum');
  });

  it('refuses weights that are all zero, or none at all, for either operation', () => {
    expect(() => makeStrategy(g, { reads: [[['a', 'b'], 0]], writes: [[['a', 'c'], 1]] })).toThrow('makeStrategy: the read weights must not all be zero');
    expect(() => makeStrategy(g, { reads: [[['a', 'b'], 1]], writes: [] })).toThrow('makeStrategy: the write weights must not all be zero');
  });

  it('accepts a weight of exactly 0 next to positive ones', () => {
    expect(makeStrategy(g, { reads: [[['a', 'b'], 0], [['c', 'd'], 2]], writes: [[['a', 'c'], 1]] }).reads).toEqual([{ quorum: ['c', 'd'], probability: 1 }]);
  });
});

describe('load', () => {
  const m = majority(['a', 'b', 'c']);

  it('accepts read fractions 0 and 1 exactly, and refuses anything outside [0, 1] or not a number, naming it', () => {
    expect(() => nodeLoads(m, uniformStrategy(m), 0)).not.toThrow();
    expect(() => nodeLoads(m, uniformStrategy(m), 1)).not.toThrow();
    expect(() => nodeLoads(m, uniformStrategy(m), -0.1)).toThrow('readFraction must be in [0, 1], got -0.1');
    expect(() => nodeLoads(m, uniformStrategy(m), 1.5)).toThrow('readFraction must be in [0, 1], got 1.5');
    expect(() => nodeLoads(m, uniformStrategy(m), Number.NaN)).toThrow('readFraction must be in [0, 1], got NaN');
  });

  it('gives every node of the system a load, 0 for a node no quorum of the strategy contacts', () => {
    const w = weighted({ a: 2, b: 1, c: 1 }, 2, 2);
    const sigma = makeStrategy(w, { reads: [[['a'], 1]], writes: [[['a'], 1]] });
    expect(nodeLoads(w, sigma, 0.5)).toEqual({ a: 1, b: 0, c: 0 });
  });

  it('reads weigh by the read fraction and writes by the rest', () => {
    const t = thresholds(['a', 'b'], 1, 2);
    const sigma = makeStrategy(t, { reads: [[['a'], 1]], writes: [[['a', 'b'], 1]] });
    expect(nodeLoads(t, sigma, 0.25)).toEqual({ a: 1, b: 0.75 });
    expect(load(t, sigma, 0.25)).toBe(1);
    expect(capacity(t, sigma, 1)).toBe(1);
  });

  it('refuses a strategy that names a node the system lacks', () => {
    const sigma = { reads: [{ quorum: ['z'], probability: 1 }], writes: [] };
    expect(() => nodeLoads(m, sigma, 0.5)).toThrow('strategy names z, which is not a node of the system');
  });
});

describe('pickQuorum', () => {
  it('a draw falls in the bucket it is strictly below: [0, p₀) is the first, [p₀, p₀ + p₁) the second', () => {
    expect(pickQuorum(choices(0.25, 0.75), fixed(0))).toEqual(['q0']);
    expect(pickQuorum(choices(0.25, 0.75), fixed(0.2499))).toEqual(['q0']);
    expect(pickQuorum(choices(0.25, 0.75), fixed(0.25))).toEqual(['q1']);
    expect(pickQuorum(choices(0.25, 0.25, 0.5), fixed(0.3))).toEqual(['q1']);
    expect(pickQuorum(choices(0.25, 0.25, 0.5), fixed(0.5))).toEqual(['q2']);
  });

  it('a draw past every bucket (rounding) takes the last quorum; a quorum of probability 0 is never drawn', () => {
    expect(pickQuorum(choices(0.3, 0.3), fixed(0.9))).toEqual(['q1']);
    expect(pickQuorum(choices(0, 1), fixed(0))).toEqual(['q1']);
  });

  it('refuses to pick from nothing', () => {
    expect(() => pickQuorum([], new Rng(1))).toThrow('pickQuorum: no quorums to pick from');
  });
});

describe('stale reads: the exact numbers at their edges', () => {
  it('N = R = W = 1 never reads stale; N = 2, R = W = 1 reads stale half the time', () => {
    expect(staleReadProbability(1, 1, 1)).toBe(0);
    expect(staleReadFraction(1, 1, 1)).toEqual({ numerator: 0n, denominator: 1n });
    expect(staleReadProbability(2, 1, 1)).toBe(0.5);
    expect(staleReadFraction(2, 1, 1)).toEqual({ numerator: 1n, denominator: 2n });
  });

  it('the fraction is in lowest terms: (6, 2, 2) is C(4, 2)/C(6, 2) = 6/15 = 2/5', () => {
    expect(staleReadFraction(6, 2, 2)).toEqual({ numerator: 2n, denominator: 5n });
    expect(staleReadProbability(6, 2, 2)).toBeCloseTo(0.4, 15);
  });

  it.each([
    [() => staleReadProbability(0, 1, 1), 'N must be a positive whole number, got 0'],
    [() => staleReadProbability(2.5, 1, 1), 'N must be a positive whole number, got 2.5'],
    [() => staleReadFraction(3, 0, 1), 'R must be a whole number from 1 to N = 3, got 0'],
    [() => staleReadFraction(3, 4, 1), 'R must be a whole number from 1 to N = 3, got 4'],
    [() => staleReadFraction(3, 1.5, 1), 'R must be a whole number from 1 to N = 3, got 1.5'],
    [() => staleReadProbability(3, 1, 0), 'W must be a whole number from 1 to N = 3, got 0'],
    [() => staleReadProbability(3, 3, 4), 'W must be a whole number from 1 to N = 3, got 4'],
  ])('refuses bad N, R or W, naming which and why (%#)', (call, text) => {
    expect(call).toThrow(text);
  });

  it('R = N and W = N are allowed', () => {
    expect(staleReadProbability(3, 3, 3)).toBe(0);
    expect(staleReadFraction(3, 3, 1)).toEqual({ numerator: 0n, denominator: 1n });
  });
});

describe('binomial coefficients', () => {
  it('are exact at the edges: C(n, 0) = C(n, n) = 1, C(n, 1) = n, C(0, 0) = 1', () => {
    expect([binomial(5, 0), binomial(5, 5), binomial(5, 1), binomial(5, 4), binomial(0, 0)]).toEqual([1n, 1n, 5n, 5n, 1n]);
    expect(binomial(10, 3)).toBe(120n);
    expect(binomial(60, 30)).toBe(118264581564861424n);
  });

  it('are 0 for k below 0 or above n', () => {
    expect(binomial(4, -1)).toBe(0n);
    expect(binomial(4, 5)).toBe(0n);
  });

  it('refuse fractional or negative arguments, naming them', () => {
    expect(() => binomial(-1, 0)).toThrow('binomial(-1, 0) needs whole numbers, n ≥ 0');
    expect(() => binomial(3.5, 1)).toThrow('binomial(3.5, 1) needs whole numbers, n ≥ 0');
    expect(() => binomial(3, 0.5)).toThrow('binomial(3, 0.5) needs whole numbers, n ≥ 0');
  });
});

describe('the Monte Carlo estimate and its subsets', () => {
  it('counts a trial stale exactly when the read set misses every written replica', () => {
    // N = 2, R = W = 1 over 1,000 trials: about half; R + W > N: never.
    const half = estimateStaleRead(2, 1, 1, 1000, new Rng(3));
    expect(half.stale).toBeGreaterThan(400);
    expect(half.stale).toBeLessThan(600);
    expect(half.probability).toBe(half.stale / 1000);
    expect(estimateStaleRead(3, 2, 2, 1000, new Rng(3))).toEqual({ trials: 1000, stale: 0, probability: 0, standardError: 0 });
    // A read of all three replicas always meets the one written.
    expect(estimateStaleRead(3, 3, 1, 200, new Rng(4)).stale).toBe(0);
  });

  it('checks N, R and W like the closed form does', () => {
    expect(() => estimateStaleRead(3, 0, 1, 10, new Rng(1))).toThrow('R must be a whole number from 1 to N = 3, got 0');
    expect(() => estimateStaleRead(0, 1, 1, 10, new Rng(1))).toThrow('N must be a positive whole number, got 0');
  });

  it('runs exactly `trials` trials: one trial is stale at most once', () => {
    for (let seed = 1; seed <= 20; seed++) expect(estimateStaleRead(3, 1, 1, 1, new Rng(seed)).stale).toBeLessThanOrEqual(1);
  });

  it('one trial is enough; zero, a fraction or a negative number of trials is refused, naming it', () => {
    expect(estimateStaleRead(2, 1, 1, 1, new Rng(1)).trials).toBe(1);
    for (const trials of [0, -3, 2.5, Number.NaN]) {
      expect(() => estimateStaleRead(2, 1, 1, trials, new Rng(1))).toThrow(`trials must be a positive whole number, got ${trials}`);
    }
  });

  it('randomSubset picks k distinct items, 0 to all of them, and refuses anything else, naming it', () => {
    const items = ['a', 'b', 'c'];
    expect(randomSubset(items, 0, new Rng(1))).toEqual([]);
    expect(randomSubset(items, 3, new Rng(1)).sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(randomSubset(items, 2, new Rng(2))).size).toBe(2);
    expect(() => randomSubset(items, 4, new Rng(1))).toThrow('cannot pick 4 of 3 items');
    expect(() => randomSubset(items, -1, new Rng(1))).toThrow('cannot pick -1 of 3 items');
    expect(() => randomSubset(items, 1.5, new Rng(1))).toThrow('cannot pick 1.5 of 3 items');
  });
});
