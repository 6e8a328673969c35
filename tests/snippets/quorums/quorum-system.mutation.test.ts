/**
 * What quorum-system.ts promises beyond quorum-system.test.ts, written after `npm run mutation --
 * quorums` showed which changes to the code no test noticed (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import {
  cartesian,
  checkIntersection,
  combinations,
  explicit,
  grid,
  gridSkippingLastRow,
  isReadQuorum,
  isWriteQuorum,
  majority,
  readQuorums,
  shape,
  shrink,
  thresholds,
  weighted,
  writeQuorums,
  type QuorumSystem,
} from '../../../snippets/quorums/quorum-system.ts';

describe('bad input is refused with a message that says what is wrong', () => {
  it.each([
    ['no nodes at all', () => majority([]), 'a quorum system needs at least one node'],
    ['an empty node name', () => majority(['a', '']), 'node names must be non-empty strings, got ""'],
    ['a node that is not a string', () => majority(['a', 7 as unknown as string]), 'node names must be non-empty strings, got 7'],
    ['a node named twice', () => majority(['a', 'b', 'a']), 'node a appears twice'],
    ['a grid with a node in two rows', () => grid([['a', 'b'], ['b']]), 'node b appears twice'],
    ['weighted votes with no node', () => weighted({}, 1, 1), 'a quorum system needs at least one node'],
    ['explicit quorums over a node named twice', () => explicit('x', ['a', 'a'], [['a']], [['a']]), 'node a appears twice'],
    ['a fractional read size', () => thresholds(['a', 'b'], 1.5, 1), 'thresholds: the read quorum size must be a whole number from 1 to 2, got 1.5'],
    ['a write size above n', () => thresholds(['a', 'b'], 1, 3), 'thresholds: the write quorum size must be a whole number from 1 to 2, got 3'],
    ['a grid without rows', () => grid([]), 'grid: needs at least one row, and every row needs at least one node'],
    ['a negative weight', () => weighted({ a: -1, b: 2 }, 1, 1), 'weighted: node a needs a whole, non-negative weight, got -1'],
    ['a fractional weight', () => weighted({ a: 0.5, b: 2 }, 1, 1), 'weighted: node a needs a whole, non-negative weight, got 0.5'],
    ['a read threshold of zero', () => weighted({ a: 1, b: 1 }, 0, 1), 'weighted: the read threshold must be a whole number from 1 to the total weight 2, got 0'],
    ['a fractional write threshold', () => weighted({ a: 1, b: 1 }, 1, 1.5), 'weighted: the write threshold must be a whole number from 1 to the total weight 2, got 1.5'],
    ['an empty listed quorum', () => explicit('x', ['a'], [[]], [['a']]), 'explicit x: an empty read quorum'],
    ['a write quorum naming an unknown node', () => explicit('x', ['a'], [['a']], [['z']]), 'explicit x: write quorum names unknown node z'],
    ['a read quorum naming an unknown node', () => explicit('x', ['a'], [['q']], [['a']]), 'explicit x: read quorum names unknown node q'],
    ['no read quorum listed', () => explicit('x', ['a'], [], [['a']]), 'explicit x: needs at least one read and one write quorum'],
    ['no write quorum listed', () => explicit('x', ['a'], [['a']], []), 'explicit x: needs at least one read and one write quorum'],
    ['a broken grid of one row', () => gridSkippingLastRow([['a', 'b']]), 'gridSkippingLastRow: needs at least two rows'],
    ['shrinking a set that is no quorum', () => shrink(majority(['a', 'b', 'c', 'd', 'e']), 'write', ['b', 'a']), 'shrink: {a, b} is not a write quorum'],
  ])('%s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  it('asking about a node outside the system names the node and the system\'s nodes', () => {
    expect(() => isWriteQuorum(majority(['a', 'b', 'c']), ['z'])).toThrow('z is not a node of this system (a, b, c)');
  });

  it('a system of an unknown kind (say, read back from JSON) is an error, not a silent "no"', () => {
    const bogus = { kind: 'pyramid', nodes: ['a'] } as unknown as QuorumSystem;
    expect(() => isReadQuorum(bogus, ['a'])).toThrow('unknown quorum system {"kind":"pyramid","nodes":["a"]}');
    expect(() => [...readQuorums(bogus)]).toThrow('unknown quorum system');
  });
});

describe('the boundaries of each kind of system', () => {
  it('a threshold may be anything from 1 to n: reads of 1 and writes of all n are a system', () => {
    expect(thresholds(['a', 'b', 'c'], 1, 3)).toMatchObject({ read: 1, write: 3 });
  });

  it('a weighted threshold may be anything from 1 to the total weight, and a weight may be 0', () => {
    const system = weighted({ a: 0, b: 2, c: 1 }, 1, 3);
    expect([...readQuorums(system)]).toEqual([['b'], ['c']]);
    expect([...writeQuorums(system)]).toEqual([['b', 'c']]);
  });

  it('weighted votes are counted exactly: the write threshold is reached, not merely approached', () => {
    const system = weighted({ a: 2, b: 1, c: 1 }, 2, 3);
    expect(isWriteQuorum(system, ['b', 'c'])).toBe(false); // 2 votes of 3
    expect(isWriteQuorum(system, ['a', 'c'])).toBe(true); // exactly 3
    expect(isReadQuorum(system, ['a'])).toBe(true); // exactly 2
  });

  it('a grid of one row is a system: the row reads, any one node writes', () => {
    const one = grid([['a', 'b']]);
    expect([...readQuorums(one)]).toEqual([['a', 'b']]);
    expect([...writeQuorums(one)]).toEqual([['a'], ['b']]);
  });

  it('a grid\'s read quorums are its rows, in the order given, even when a short row comes last', () => {
    expect([...readQuorums(grid([['a', 'b'], ['c', 'd', 'e'], ['f']]))]).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });

  it('a grid keeps its own copy of the rows it was given', () => {
    const rows = [['a', 'b'], ['c']];
    const g = grid(rows);
    rows[0]!.push('z');
    expect(g.rows).toEqual([['a', 'b'], ['c']]);
  });
});

describe('minimal quorums', () => {
  it('shrink drops every node a quorum can do without, and keeps the node order', () => {
    expect(shrink(thresholds(['a', 'b', 'c', 'd'], 2, 2), 'read', ['d', 'b', 'a'])).toEqual(['b', 'd']);
  });

  it('an explicit write listed twice, or with a listed superset, is one minimal quorum', () => {
    const system = explicit('twice', ['a', 'b', 'c'], [['a', 'b', 'c']], [['c', 'a'], ['a', 'c'], ['a', 'b', 'c']]);
    expect([...writeQuorums(system)]).toEqual([['a', 'c']]);
  });

  it('a listed quorum that merely overlaps a smaller one is still minimal: only containment rules it out', () => {
    const system = explicit('overlap', ['a', 'b', 'c', 'd'], [['a', 'b', 'c', 'd']], [['a', 'b'], ['a', 'c', 'd']]);
    expect([...writeQuorums(system)]).toEqual([['a', 'b'], ['a', 'c', 'd']]);
  });

  it('explicit quorums over multi-letter names are told apart: {ab, c} and {a, bc} are two quorums', () => {
    const system = explicit('names', ['a', 'ab', 'bc', 'c'], [['a', 'ab', 'bc', 'c']], [['ab', 'c'], ['a', 'bc']]);
    expect([...writeQuorums(system)]).toEqual([['ab', 'c'], ['a', 'bc']]);
  });

  it('an explicit system keeps its nodes, so the check can find the nodes a read leaves out', () => {
    const system = explicit('split', ['b', 'a'], [['a']], [['b']]);
    expect(system.nodes).toEqual(['b', 'a']);
    expect(checkIntersection(system)).toEqual({ ok: false, read: ['a'], write: ['b'] });
  });

  it('one pick from each list, in order; no lists is one empty pick', () => {
    expect([...cartesian([['a', 'b'], ['c']])]).toEqual([['a', 'c'], ['b', 'c']]);
    expect([...cartesian([])]).toEqual([[]]);
  });

  it('combinations of a negative size, or of more items than there are, are none', () => {
    expect([...combinations(['a', 'b'], -1)]).toEqual([]);
    expect([...combinations(['a', 'b'], 3)]).toEqual([]);
    expect([...combinations(['a', 'b'], 2)]).toEqual([['a', 'b']]);
  });
});

describe('names of grids, for captions', () => {
  it('a rectangular grid is rows × columns; a ragged one lists its row sizes', () => {
    expect(shape([['a', 'b', 'c'], ['d', 'e', 'f']])).toBe('2×3');
    expect(shape([['a', 'b'], ['c', 'd', 'e'], ['f']])).toBe('3-row (2+3+1)');
  });

  it('a broken grid\'s writes take one node from every row but the last, so the last row misses them', () => {
    const broken = gridSkippingLastRow([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect([...writeQuorums(broken)]).toEqual([['a', 'c'], ['a', 'd'], ['b', 'c'], ['b', 'd']]);
    expect(checkIntersection(broken)).toEqual({ ok: false, read: ['e', 'f'], write: ['b', 'd'] });
  });

  it('a broken grid says what is broken about it', () => {
    expect(gridSkippingLastRow([['a', 'b'], ['c', 'd']]).name).toBe('broken 2×2 grid, writes skip the last row');
  });
});
