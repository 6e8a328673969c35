/**
 * How a quorum system is drawn and described (snippets/quorums/render.ts), rule by rule. render.test.ts
 * parses and renders diagrams built in its `it.each` tables, that is when the file loads, where mutation
 * testing sees no test (docs/mutation.md); here every diagram is built inside `it`. Written for issue 19.
 */
import { describe, expect, it } from 'vitest';
import { explicit, grid, majority, thresholds, weighted } from '../../../snippets/quorums/quorum-system.ts';
import { describe as describeSystem, MAX_DRAWN_NODES, toMermaid } from '../../../snippets/quorums/render.ts';

const lines = (text: string) => text.split('\n');

describe('describe', () => {
  it('calls thresholds a majority only when both R and W are a majority', () => {
    expect(describeSystem(majority(['a', 'b', 'c', 'd']))).toBe('majority of 4: reads 3, writes 3');
    expect(describeSystem(thresholds(['a', 'b', 'c'], 2, 3))).toBe('N=3, R=2, W=3: reads any 2 of 3, writes any 3 of 3');
    expect(describeSystem(thresholds(['a', 'b', 'c'], 3, 2))).toBe('N=3, R=3, W=2: reads any 3 of 3, writes any 2 of 3');
  });

  it('a ragged grid says its row sizes', () => {
    expect(describeSystem(grid([['a', 'b'], ['c']]))).toBe('2-row (2+1) grid: reads one full row, writes one node from every row');
  });

  it('weighted votes list each node\'s votes and the total both quorums need them out of', () => {
    expect(describeSystem(weighted({ a: 3, b: 0, c: 2 }, 3, 4))).toBe('weighted votes a=3 b=0 c=2: reads need 3 of 5, writes need 4 of 5');
  });

  it('an explicit system counts its minimal read and write quorums', () => {
    expect(describeSystem(explicit('two', ['a', 'b', 'c'], [['a'], ['a', 'b']], [['a', 'c'], ['b', 'c']]))).toBe('two: 1 read quorums, 2 write quorums');
  });

  it('an unknown kind of system is refused with its JSON', () => {
    expect(() => describeSystem({ kind: 'ring', nodes: ['a'] } as never)).toThrow('unknown quorum system {"kind":"ring","nodes":["a"]}');
  });
});

describe('toMermaid', () => {
  it('draws an unmarked system left to right as one group titled with its description, one node per line, joined in order', () => {
    expect(toMermaid(majority(['a', 'b', 'c']))).toBe(
      [
        'flowchart LR',
        '  subgraph rest ["majority of 3: reads 2, writes 2"]',
        '    direction LR',
        '    n0["a"]',
        '    n1["b"]',
        '    n2["c"]',
        '    n0 --- n1 --- n2',
        '  end',
        '',
      ].join('\n'),
    );
  });

  it('with marks, groups read only, both, write only and neither, in that order, each linked to the next; a lone node needs no line', () => {
    const out = lines(toMermaid(thresholds(['a', 'b', 'c', 'd'], 2, 3), { read: ['a', 'b'], write: ['b', 'c', 'd'] }));
    expect(out.filter((l) => l.startsWith('  subgraph'))).toEqual(['  subgraph readOnly ["read only"]', '  subgraph both ["both"]', '  subgraph writeOnly ["write only"]']);
    expect(out).toContain('    n2 --- n3');
    expect(out.filter((l) => / --- /.test(l) && !l.startsWith('    '))).toEqual(['  readOnly --- both', '  both --- writeOnly']);
    // A group of one node ends right after it; marks are the groups' business here, not the labels'.
    expect(out.slice(out.indexOf('  subgraph both ["both"]'))).toEqual(expect.arrayContaining(['    n1["b"]']));
    expect(out[out.indexOf('    n0["a"]') + 1]).toBe('  end');
    expect(out[out.indexOf('    n1["b"]') + 1]).toBe('  end');
  });

  it('a marked system with no unmarked node draws no "neither" group; one with some titles it "neither"', () => {
    expect(toMermaid(thresholds(['a', 'b'], 1, 1), { read: ['a'], write: ['b'] })).not.toContain('rest');
    expect(toMermaid(thresholds(['a', 'b', 'c'], 1, 1), { read: ['a'] })).toContain('  subgraph rest ["neither"]');
  });

  it('a grid is drawn top to bottom, a row per group, the marks in the labels', () => {
    const out = lines(toMermaid(grid([['a', 'b'], ['c', 'd']]), { read: ['a', 'b'], write: ['b', 'd'] }));
    expect(out[0]).toBe('flowchart TB');
    expect(out).toEqual(expect.arrayContaining(['  subgraph row1 ["row 1"]', '  subgraph row2 ["row 2"]', '    n0["a · read"]', '    n1["b · read + write"]', '    n2["c"]', '    n3["d · write"]', '  row1 --- row2']));
  });

  it('a weighted system shows each node\'s votes, "vote" for one', () => {
    const out = toMermaid(weighted({ a: 2, b: 1, c: 0 }, 2, 2));
    expect(out).toContain('    n0["a, 2 votes"]');
    expect(out).toContain('    n1["b, 1 vote"]');
    expect(out).toContain('    n2["c, 0 votes"]');
  });

  it('labels lose the characters Mermaid or the renderer would misread, and runs of spaces', () => {
    const out = toMermaid(majority(['a;b', 'c#d', 'e{f}', 'g"h', 'i[j]', 'k*l', 'm<n>', 'o|p', 'q`r']));
    expect(lines(out).filter((l) => l.startsWith('    n') && l.includes('["'))).toEqual([
      '    n0["a b"]', '    n1["c d"]', '    n2["e f"]', '    n3["g h"]', '    n4["i j"]', '    n5["k l"]', '    n6["m n"]', '    n7["o p"]', '    n8["q r"]',
    ]);
    expect(toMermaid(majority(['  x  y '])).split('\n')[3]).toBe('    n0["x y"]');
  });

  it(`draws up to ${MAX_DRAWN_NODES} nodes and refuses more, saying how many`, () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    expect(() => toMermaid(majority(names(9)))).not.toThrow();
    expect(() => toMermaid(majority(names(10)))).toThrow('toMermaid draws at most 9 nodes; this system has 10');
  });

  it('refuses to mark a node the system lacks, read or write, naming it', () => {
    expect(() => toMermaid(majority(['a', 'b', 'c']), { write: ['z'] })).toThrow('toMermaid: cannot mark z, which is not a node of the system');
    expect(() => toMermaid(majority(['a', 'b', 'c']), { read: ['y'] })).toThrow('toMermaid: cannot mark y, which is not a node of the system');
  });
});
