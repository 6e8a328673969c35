import { renderMermaidSVG } from 'beautiful-mermaid';
import { describe, expect, it } from 'vitest';
import { checkIntersection, explicit, grid, gridSkippingLastRow, majority, thresholds, weighted } from '../../../snippets/quorums/quorum-system.ts';
import { describe as describeSystem, toMermaid } from '../../../snippets/quorums/render.ts';
import { parseDiagram } from '../../../src/plugins/mermaid/validate.ts';

const rows3x3 = [
  ['a', 'b', 'c'],
  ['d', 'e', 'f'],
  ['g', 'h', 'i'],
];
const broken = gridSkippingLastRow(rows3x3);
const counterexample = checkIntersection(broken);

describe('describe: one line per system', () => {
  it.each([
    ['majority of 5: reads 3, writes 3', majority(['a', 'b', 'c', 'd', 'e'])],
    ['N=3, R=1, W=1: reads any 1 of 3, writes any 1 of 3', thresholds(['a', 'b', 'c'], 1, 1)],
    ['3×3 grid: reads one full row, writes one node from every row', grid(rows3x3)],
    ['weighted votes a=2 b=1 c=1: reads need 2 of 4, writes need 3 of 4', weighted({ a: 2, b: 1, c: 1 }, 2, 3)],
    ['broken 3×3 grid, writes skip the last row: 3 read quorums, 9 write quorums', broken],
  ])('%s', (text, system) => {
    expect(describeSystem(system)).toBe(text);
  });
});

describe('toMermaid: small systems as flowcharts', () => {
  it.each([
    ['majority of 5', toMermaid(majority(['a', 'b', 'c', 'd', 'e']))],
    ['N=5, R=2, W=2 with a disjoint read and write marked', toMermaid(thresholds(['a', 'b', 'c', 'd', 'e'], 2, 2), { read: ['a', 'b'], write: ['d', 'e'] })],
    ['3×3 grid with a row and a column marked', toMermaid(grid(rows3x3), { read: ['d', 'e', 'f'], write: ['b', 'e', 'h'] })],
    ['weighted votes', toMermaid(weighted({ a: 3, b: 1, c: 1, d: 1 }, 3, 4))],
    ['broken grid with its counterexample', toMermaid(broken, counterexample.ok ? {} : counterexample)],
    ['node names with characters Mermaid would misread', toMermaid(majority(['a;1', 'b#2', 'c{3}', 'end', '"q"']))],
  ])('%s parses in Mermaid and draws at build time', async (_, source) => {
    expect(await parseDiagram(source)).toBe('flowchart-v2');
    expect(renderMermaidSVG(source)).toMatch(/^<svg/);
  });

  it('the broken grid: rows as subgraphs, the read row and the two write nodes marked', async () => {
    await expect(toMermaid(broken, counterexample.ok ? {} : counterexample)).toMatchFileSnapshot('golden/broken-grid.mmd');
  });

  it('N=5, R=2, W=2: the disjoint read and write quorums are drawn as separate groups', async () => {
    const t = thresholds(['a', 'b', 'c', 'd', 'e'], 2, 2);
    const pair = checkIntersection(t);
    expect(pair).toEqual({ ok: false, read: ['a', 'b'], write: ['d', 'e'] });
    await expect(toMermaid(t, pair.ok ? {} : pair)).toMatchFileSnapshot('golden/thresholds-5-2-2.mmd');
  });

  it('a node in both marked sets of a grid is labelled "read + write"', () => {
    expect(toMermaid(grid(rows3x3), { read: ['d', 'e', 'f'], write: ['b', 'e', 'h'] })).toContain('n4["e · read + write"]');
  });

  it('refuses systems of more than 9 nodes, and marks on unknown nodes', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `s${i}`);
    expect(() => toMermaid(majority(ten))).toThrow(/at most 9 nodes/);
    expect(() => toMermaid(explicit('x', ['a', 'b'], [['a']], [['a']]), { read: ['z'] })).toThrow(/cannot mark z/);
  });
});
