import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkIntersection,
  combinations,
  explicit,
  grid,
  gridSkippingLastRow,
  isReadQuorum,
  isWriteQuorum,
  majority,
  readQuorums,
  thresholds,
  weighted,
  writeQuorums,
} from '../../../snippets/quorums/quorum-system.ts';
import type { NodeName, Quorum, QuorumSystem } from '../../../snippets/quorums/quorum-system.ts';

const names = (n: number): NodeName[] => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const disjoint = (a: Quorum, b: Quorum) => a.every((node) => !b.includes(node));

/** The definition, checked the slow way: every minimal read quorum against every minimal write quorum. */
function everyPairMeets(system: QuorumSystem): boolean {
  const writes = [...writeQuorums(system)];
  for (const r of readQuorums(system)) for (const w of writes) if (disjoint(r, w)) return false;
  return true;
}

const grid3x3 = grid([
  ['a', 'b', 'c'],
  ['d', 'e', 'f'],
  ['g', 'h', 'i'],
]);

/** Random weighted systems over up to 6 nodes: whole weights 0–4, thresholds anywhere in 1..total. */
const weightedSystem = fc
  .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 })
  .filter((ws) => ws.reduce((a, b) => a + b, 0) > 0)
  .chain((ws) => {
    const total = ws.reduce((a, b) => a + b, 0);
    return fc.tuple(fc.constant(ws), fc.integer({ min: 1, max: total }), fc.integer({ min: 1, max: total }));
  })
  .map(([ws, r, w]) => weighted(Object.fromEntries(ws.map((x, i) => [`s${i + 1}`, x])), r, w));

describe('majority and thresholds: the Dynamo-style (N, R, W)', () => {
  it('majority of 5: the read and the write quorums are the 10 sets of 3 nodes', () => {
    const m = majority(names(5));
    expect(m).toMatchObject({ read: 3, write: 3 });
    for (const family of [[...readQuorums(m)], [...writeQuorums(m)]]) {
      expect(family).toHaveLength(10);
      expect(family.every((q) => q.length === 3)).toBe(true);
    }
  });

  it('majority of n takes ⌊n/2⌋ + 1 nodes, so two majorities always share one', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => majority(names(n)).read)).toEqual([1, 2, 2, 3, 3, 4, 4, 5]);
  });

  it('a superset of a quorum is a quorum; one node fewer is not', () => {
    const t = thresholds(names(5), 2, 4);
    expect(isReadQuorum(t, ['s1', 's2'])).toBe(true);
    expect(isReadQuorum(t, ['s1', 's2', 's5'])).toBe(true);
    expect(isReadQuorum(t, ['s1'])).toBe(false);
    expect(isWriteQuorum(t, ['s1', 's2', 's3', 's4'])).toBe(true);
    expect(isWriteQuorum(t, ['s1', 's2', 's3'])).toBe(false);
  });

  it('every read meets every write exactly when r + w > n (all thresholds, n ≤ 7)', () => {
    for (let n = 1; n <= 7; n++) {
      for (let r = 1; r <= n; r++) {
        for (let w = 1; w <= n; w++) {
          const result = checkIntersection(thresholds(names(n), r, w));
          expect(result.ok, `n=${n} r=${r} w=${w}`).toBe(r + w > n);
          if (!result.ok) {
            expect([result.read.length, result.write.length]).toEqual([r, w]);
            expect(disjoint(result.read, result.write)).toBe(true);
          }
        }
      }
    }
  });

  it('random thresholds up to 12 nodes: the check passes exactly when r + w > n', () => {
    const nrw = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n })));
    fc.assert(
      fc.property(nrw, ([n, r, w]) => checkIntersection(thresholds(names(n), r, w)).ok === r + w > n),
      { numRuns: 150 },
    );
  });

  it('majority of 20 nodes: 167,960 minimal read quorums, enumerated lazily, all meeting every write', () => {
    const m = majority(names(20));
    let count = 0;
    for (const _ of readQuorums(m)) count++;
    expect(count).toBe(167_960); // C(20, 11)
    expect(checkIntersection(m)).toEqual({ ok: true });
  });
});

describe('grid (Whittaker et al.: a read quorum is a row, a write quorum one node from every row)', () => {
  it('a 3×3 grid: the read quorums are its 3 rows and the write quorums its 27 one-per-row picks', () => {
    expect([...readQuorums(grid3x3)]).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h', 'i'],
    ]);
    const writes = [...writeQuorums(grid3x3)];
    expect(writes).toHaveLength(27);
    expect(writes).toContainEqual(['a', 'e', 'i']);
    expect(writes.every((w) => grid3x3.rows.every((row) => w.filter((x) => row.includes(x)).length === 1))).toBe(true);
  });

  it('a 3×3 grid: a row is a read quorum but not a write quorum; a column is the reverse', () => {
    expect(isReadQuorum(grid3x3, ['d', 'e', 'f'])).toBe(true);
    expect(isWriteQuorum(grid3x3, ['d', 'e', 'f'])).toBe(false);
    expect(isWriteQuorum(grid3x3, ['b', 'e', 'h'])).toBe(true);
    expect(isReadQuorum(grid3x3, ['b', 'e', 'h'])).toBe(false);
  });

  it('a 3×3 grid: every read quorum meets every write quorum', () => {
    expect(everyPairMeets(grid3x3)).toBe(true);
    expect(checkIntersection(grid3x3)).toEqual({ ok: true });
  });

  it('grids with rows of different lengths still intersect (2, 3 and 1 nodes)', () => {
    expect(checkIntersection(grid([['a', 'b'], ['c', 'd', 'e'], ['f']]))).toEqual({ ok: true });
  });
});

describe('broken variant: a grid whose writes skip the last row', () => {
  const broken = gridSkippingLastRow(grid3x3.rows);

  it('fails the check with the last row and a write that never touched it', () => {
    expect(checkIntersection(broken)).toEqual({ ok: false, read: ['g', 'h', 'i'], write: ['c', 'f'] });
  });

  it('its counterexample really is a read quorum and a write quorum that share no node', () => {
    const result = checkIntersection(broken);
    if (result.ok) throw new Error('expected a counterexample');
    expect(isReadQuorum(broken, result.read)).toBe(true);
    expect(isWriteQuorum(broken, result.write)).toBe(true);
    expect(disjoint(result.read, result.write)).toBe(true);
    expect(everyPairMeets(broken)).toBe(false);
  });
});

describe('weighted voting', () => {
  it('random weighted systems: a counterexample is disjoint and both sets really are quorums', () => {
    fc.assert(
      fc.property(weightedSystem, (system) => {
        const result = checkIntersection(system);
        return result.ok || (isReadQuorum(system, result.read) && isWriteQuorum(system, result.write) && disjoint(result.read, result.write));
      }),
      { numRuns: 300 },
    );
  });

  it('random weighted systems: the one-pass check agrees with comparing every read with every write', () => {
    fc.assert(fc.property(weightedSystem, (system) => checkIntersection(system).ok === everyPairMeets(system)), { numRuns: 300 });
  });

  it('random weighted systems: r + w > total weight is enough for every read to meet every write', () => {
    fc.assert(
      fc.property(weightedSystem, (system) => {
        const total = Object.values(system.weights).reduce((a, b) => a + b, 0);
        return system.read + system.write <= total || checkIntersection(system).ok;
      }),
      { numRuns: 300 },
    );
  });

  it('r + w > total weight is not necessary: votes a=2 b=2, read 1, write 3 still intersect', () => {
    // r + w = 4 = total, yet no write fits beside a read: any single node is a read, only {a, b} a write.
    expect(checkIntersection(weighted({ a: 2, b: 2 }, 1, 3))).toEqual({ ok: true });
  });

  it('with every weight 1, weighted voting is thresholds: the same quorums', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }))),
        ([n, r, w]) => {
          const ones = weighted(Object.fromEntries(names(n).map((x) => [x, 1])), r, w);
          const t = thresholds(names(n), r, w);
          expect([...readQuorums(ones)]).toEqual([...readQuorums(t)]);
          expect([...writeQuorums(ones)]).toEqual([...writeQuorums(t)]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('a heavy node alone can be a quorum: votes a=3 b=1 c=1, read 3, write 3', () => {
    const system = weighted({ a: 3, b: 1, c: 1 }, 3, 3);
    expect([...readQuorums(system)]).toEqual([['a']]);
    expect(checkIntersection(system)).toEqual({ ok: true });
  });
});

describe('explicit families', () => {
  it('minimal quorums leave out listed supersets and duplicates', () => {
    const system = explicit('hand-made', ['a', 'b', 'c'], [['a', 'b'], ['b', 'a', 'c'], ['b', 'a']], [['a'], ['c', 'b']]);
    expect([...readQuorums(system)]).toEqual([['a', 'b']]);
    expect([...writeQuorums(system)]).toEqual([['a'], ['b', 'c']]);
    expect(checkIntersection(system)).toEqual({ ok: true });
  });
});

describe('inputs that are not quorum systems are refused', () => {
  it.each([
    ['no nodes', () => majority([])],
    ['a node named twice', () => majority(['a', 'b', 'a'])],
    ['a read size above n', () => thresholds(['a', 'b'], 3, 1)],
    ['a write size of zero', () => thresholds(['a', 'b'], 1, 0)],
    ['an empty grid row', () => grid([['a'], []])],
    ['a fractional weight', () => weighted({ a: 1.5, b: 1 }, 1, 1)],
    ['a threshold above the total weight', () => weighted({ a: 1, b: 1 }, 3, 1)],
    ['a quorum naming an unknown node', () => explicit('x', ['a'], [['a']], [['z']])],
  ])('%s', (_, build) => {
    expect(build).toThrow();
  });

  it('asking about a node outside the system is an error, not a silent "no"', () => {
    expect(() => isReadQuorum(majority(['a', 'b', 'c']), ['a', 'z'])).toThrow(/z is not a node/);
  });
});

describe('helpers', () => {
  it('combinations lists every k-subset once, in order', () => {
    expect([...combinations(['a', 'b', 'c', 'd'], 2)].map((c) => c.join(''))).toEqual(['ab', 'ac', 'ad', 'bc', 'bd', 'cd']);
    expect([...combinations(['a'], 0)]).toEqual([[]]);
    expect([...combinations(['a'], 2)]).toEqual([]);
  });
});
