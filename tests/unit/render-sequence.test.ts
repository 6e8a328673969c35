import { describe, expect, it } from 'vitest';
import { renderSequenceSvg } from '../../src/plugins/mermaid/render-sequence.ts';
import { parseSequence } from '../../src/plugins/mermaid/sequence-parse.ts';
import { textWidth, wrapText } from '../../src/plugins/mermaid/text-width.ts';
import { COLUMN_PX, WIDTH_MAX_PX } from '../../src/plugins/mermaid/widths.ts';

const LONG = 'invariant "committed operations survive every later view change (VRR §4.2)" violated: r2, primary of view 1, has nothing at op-number 1';

describe('wrapping labels', () => {
  it('keeps every character, and every line within the width unless one character is wider', () => {
    for (const width of [40, 80, 150, 300]) {
      const lines = wrapText(LONG, width, 13);
      expect(lines.join(' ').replace(/\s+/g, '')).toBe(LONG.replace(/\s+/g, ''));
      for (const line of lines) if (line.length > 1) expect(textWidth(line, 13)).toBeLessThanOrEqual(width);
    }
  });

  it('breaks at spaces before breaking inside a word, and always at <br>', () => {
    expect(wrapText('Prepare(v=0, n=1, k=0)', 110, 13)).toEqual(['Prepare(v=0,', 'n=1, k=0)']);
    expect(wrapText('Commit(v=0, k=1) r1→r2 lost (crashed)', 200, 13)).toEqual(['Commit(v=0, k=1) r1→r2 lost', '(crashed)']);
    expect(wrapText('one<br/>two', 300, 13)).toEqual(['one', 'two']);
  });
});

describe('sequence diagrams drawn at build time', () => {
  const wide = [
    'sequenceDiagram',
    ...['Client', 'Coordinator', 'Replica one', 'Replica two', 'Replica three', 'Witness'].map((name, i) => `  participant P${i} as ${name}`),
    '  P0->>P5: put(key=shopping-cart-4711, value=[milk, bread, eggs], context=Sx:3, Sy:1)',
    '  P1->>P1: new vector clock, write locally and fsync',
    `  Note over P0,P5: ${LONG}`,
    '  P4-->>P0: Reply(view=4, request=8, result=ok) after f PrepareOKs arrived',
  ].join('\n');
  const svg = renderSequenceSvg(wide);

  const width = (drawn: string) => Number(/ width="([\d.]+)"/.exec(drawn)![1]);

  it('fits the text column by wrapping labels, not by shrinking them (or, with six columns, the column and its margin)', () => {
    const four = wide.replace(/P5/g, 'P3').split('\n').filter((l) => !/P[45] as/.test(l)).join('\n');
    expect(width(renderSequenceSvg(four))).toBeLessThanOrEqual(COLUMN_PX);
    expect(width(svg)).toBeLessThanOrEqual(WIDTH_MAX_PX);
    const sizes = [...svg.matchAll(/<text [^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(8);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(13);
  });

  it('cuts nothing short: the long note is there whole, over several lines', () => {
    const text = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(' ');
    expect(text).not.toContain('…');
    for (const word of LONG.replace(/"/g, '&quot;').split(' ')) expect(text.replace(/&quot;/g, '"')).toContain(word.replace(/&quot;/g, '"'));
  });

  it('puts every message label on a background of its own, drawn just before it', () => {
    const labels = svg.match(/<text class="dg-label"/g) ?? [];
    const backed = svg.match(/<rect class="dg-label-bg"[^>]*\/><text class="dg-label"/g) ?? [];
    expect(labels.length).toBe(3);
    expect(backed.length).toBe(labels.length);
  });

  it('draws notes placed before the first message', () => {
    expect(renderSequenceSvg('sequenceDiagram\n  participant A\n  Note over A: first\n  A->>A: then')).toContain('>first</tspan>');
  });

  it('names the line of syntax it does not draw', () => {
    expect(() => parseSequence('sequenceDiagram\n  participant A\n  A-xA: lost')).toThrow(/line 3 of the diagram \("A-xA: lost"\)/);
  });
});
