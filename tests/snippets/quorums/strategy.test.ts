import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grid, majority, thresholds } from '../../../snippets/quorums/quorum-system.ts';
import type { NodeName } from '../../../snippets/quorums/quorum-system.ts';
import { capacity, load, makeStrategy, nodeLoads, pickQuorum, uniformStrategy } from '../../../snippets/quorums/strategy.ts';
import { Rng } from '../../../snippets/sim/rng.ts';

const names = (n: number): NodeName[] => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const fractions = [0, 0.25, 0.5, 0.9, 1];

/** Every value of a record, to a tolerance (float sums of many small probabilities). */
function expectAllClose(loads: Record<NodeName, number>, expected: number): void {
  for (const [node, value] of Object.entries(loads)) expect(value, node).toBeCloseTo(expected, 12);
}

describe('strategies and load (Whittaker et al. §2)', () => {
  it('majority of 5, uniform strategy: every node has load 3/5, whatever the read fraction', () => {
    const m = majority(names(5));
    const sigma = uniformStrategy(m);
    expect(sigma.reads).toHaveLength(10);
    for (const fr of fractions) {
      expectAllClose(nodeLoads(m, sigma, fr), 3 / 5); // each node is in 6 of the 10 sets of 3
      expect(load(m, sigma, fr)).toBeCloseTo(3 / 5, 12);
    }
  });

  it('a 3×3 grid, uniform strategy: every node has load 1/3, whatever the read fraction', () => {
    // By hand. Reads: 3 rows, each with probability 1/3; a node lies in exactly one row → 1/3.
    // Writes: 3 × 3 × 3 = 27 one-per-row picks, each 1/27; those through a given node choose freely
    // in the other two rows: 3 × 3 = 9 of them → 9/27 = 1/3. So load(x) = f·1/3 + (1 − f)·1/3 = 1/3.
    const g = grid([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h', 'i'],
    ]);
    const sigma = uniformStrategy(g);
    expect([sigma.reads.length, sigma.writes.length]).toEqual([3, 27]);
    for (const fr of fractions) {
      expectAllClose(nodeLoads(g, sigma, fr), 1 / 3);
      expect(load(g, sigma, fr)).toBeCloseTo(1 / 3, 12);
    }
  });

  it('a 3×3 grid carries less load than a majority of the same 9 nodes (1/3 against 5/9)', () => {
    const g = grid([names(9).slice(0, 3), names(9).slice(3, 6), names(9).slice(6)]);
    const m = majority(names(9));
    expect(load(g, uniformStrategy(g), 0.5)).toBeCloseTo(1 / 3, 12);
    expect(load(m, uniformStrategy(m), 0.5)).toBeCloseTo(5 / 9, 12);
  });

  it('thresholds (N, R, W), uniform strategy: read load R/N, write load W/N, mixed by the read fraction', () => {
    for (const [n, r, w] of [[3, 2, 2], [3, 1, 3], [5, 1, 5], [5, 2, 4], [6, 2, 2], [7, 3, 5]] as const) {
      const t = thresholds(names(n), r, w);
      const sigma = uniformStrategy(t);
      expect(load(t, sigma, 1), `N=${n} R=${r} W=${w}, reads`).toBeCloseTo(r / n, 12);
      expect(load(t, sigma, 0), `N=${n} R=${r} W=${w}, writes`).toBeCloseTo(w / n, 12);
      for (const fr of fractions) expectAllClose(nodeLoads(t, sigma, fr), fr * (r / n) + (1 - fr) * (w / n));
    }
  });

  it("Quoracle's tutorial: 2×3 grid, top row twice as likely, writes by column, 25% reads: load 5/12", () => {
    const g = grid([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    const sigma = makeStrategy(g, {
      reads: [[['a', 'b', 'c'], 2], [['d', 'e', 'f'], 1]],
      writes: [[['a', 'd'], 1], [['b', 'e'], 1], [['c', 'f'], 1]],
    });
    const loads = nodeLoads(g, sigma, 0.25);
    for (const node of ['a', 'b', 'c']) expect(loads[node]).toBeCloseTo(0.25 * (2 / 3) + 0.75 * (1 / 3), 12); // 5/12
    for (const node of ['d', 'e', 'f']) expect(loads[node]).toBeCloseTo(0.25 * (1 / 3) + 0.75 * (1 / 3), 12); // 1/3
    expect(load(g, sigma, 0.25)).toBeCloseTo(5 / 12, 12);
    expect(load(g, sigma, 1)).toBeCloseTo(2 / 3, 12);
    expect(load(g, sigma, 0)).toBeCloseTo(1 / 3, 12);
  });

  it("a 2×3 grid's uniform strategy reaches 3/8 at 25% reads, the optimum Quoracle's tutorial reports", () => {
    const g = grid([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(load(g, uniformStrategy(g), 0.25)).toBeCloseTo(0.25 * (1 / 2) + 0.75 * (1 / 3), 12); // 3/8
  });

  it('capacity is the inverse of load: majority of 5 serves 5/3 operations per unit of node throughput', () => {
    const m = majority(names(5));
    expect(capacity(m, uniformStrategy(m), 0.5)).toBeCloseTo(5 / 3, 12);
  });

  it('node loads add up to the expected number of nodes an operation contacts', () => {
    // Σ_x load(x) = f·E|read quorum| + (1 − f)·E|write quorum|: each contacted node counts once.
    const nrwf = fc
      .integer({ min: 1, max: 7 })
      .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }), fc.double({ min: 0, max: 1, noNaN: true })));
    fc.assert(
      fc.property(nrwf, ([n, r, w, fr]) => {
        const t = thresholds(names(n), r, w);
        const sum = Object.values(nodeLoads(t, uniformStrategy(t), fr)).reduce((a, b) => a + b, 0);
        return Math.abs(sum - (fr * r + (1 - fr) * w)) < 1e-9;
      }),
      { numRuns: 100 },
    );
  });
});

describe('using a strategy', () => {
  it('pickQuorum draws each quorum with its probability (within 4 standard errors)', () => {
    const g = grid([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const sigma = makeStrategy(g, { reads: [[['a', 'b'], 2], [['c', 'd'], 1]], writes: [[['a', 'c'], 1]] });
    const rng = new Rng(7);
    const trials = 30_000;
    let top = 0;
    for (let i = 0; i < trials; i++) if (pickQuorum(sigma.reads, rng).join() === 'a,b') top++;
    expect(Math.abs(top / trials - 2 / 3)).toBeLessThan(4 * Math.sqrt((2 / 3) * (1 / 3) / trials));
  });

  it('makeStrategy refuses a set that is not a quorum of the system', () => {
    const g = grid([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(() => makeStrategy(g, { reads: [[['a', 'c'], 1]], writes: [[['a', 'c'], 1]] })).toThrow(/not a read quorum/);
  });

  it('a read fraction outside [0, 1] is an error', () => {
    const m = majority(names(3));
    expect(() => load(m, uniformStrategy(m), 1.5)).toThrow(/readFraction/);
  });
});
