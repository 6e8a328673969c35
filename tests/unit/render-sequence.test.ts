import { describe, expect, it } from 'vitest';
import { renderSequenceSvg } from '../../src/plugins/mermaid/render-sequence.ts';
import { readSequence } from '../../src/plugins/mermaid/sequence-read.ts';
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

const draw = async (source: string) => renderSequenceSvg(await readSequence(source));

const wide = [
    'sequenceDiagram',
    ...['Client', 'Coordinator', 'Replica one', 'Replica two', 'Replica three', 'Witness'].map((name, i) => `  participant P${i} as ${name}`),
    '  P0->>P5: put(key=shopping-cart-4711, value=[milk, bread, eggs], context=Sx:3, Sy:1)',
    '  P1->>P1: new vector clock, write locally and fsync',
    `  Note over P0,P5: ${LONG}`,
    '  P4-->>P0: Reply(view=4, request=8, result=ok) after f PrepareOKs arrived',
  ].join('\n');
const svg = await draw(wide);

describe('sequence diagrams drawn at build time', () => {
  const width = (drawn: string) => Number(/ width="([\d.]+)"/.exec(drawn)![1]);

  it('fits the text column by wrapping labels, not by shrinking them (or, with six columns, the column and its margin)', async () => {
    const four = wide.replace(/P5/g, 'P3').split('\n').filter((l) => !/P[45] as/.test(l)).join('\n');
    expect(width(await draw(four))).toBeLessThanOrEqual(COLUMN_PX);
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

  it('draws notes placed before the first message', async () => {
    expect(await draw('sequenceDiagram\n  participant A\n  Note over A: first\n  A->>A: then')).toContain('>first</tspan>');
  });

  it('reads the diagram as Mermaid does: aliases, escapes, arrows, note placements and blocks', async () => {
    const diagram = await readSequence(
      ['sequenceDiagram', '  participant C as Client #quot;one#quot;', '  actor P', '  C->>P: put #35;1', '  P-->>C: ok', '  C->P: open',
        '  P-->C: dashed open', '  Note left of C: L', '  Note over C,P: both', '  loop retry', '  C->>P: again', '  end',
        '  alt up', '  P->>C: a', '  else down', '  P->>C: b', '  end', '  %% a comment'].join('\n'),
    );
    expect(diagram.actors).toEqual([{ id: 'C', label: 'Client "one"', kind: 'participant' }, { id: 'P', label: 'P', kind: 'actor' }]);
    expect(diagram.steps).toEqual([
      { kind: 'message', from: 'C', to: 'P', text: 'put #1', dashed: false, open: false },
      { kind: 'message', from: 'P', to: 'C', text: 'ok', dashed: true, open: false },
      { kind: 'message', from: 'C', to: 'P', text: 'open', dashed: false, open: true },
      { kind: 'message', from: 'P', to: 'C', text: 'dashed open', dashed: true, open: true },
      { kind: 'note', actors: ['C'], placement: 'left', text: 'L' },
      { kind: 'note', actors: ['C', 'P'], placement: 'over', text: 'both' },
      { kind: 'block-start', block: 'loop', text: 'retry' },
      { kind: 'message', from: 'C', to: 'P', text: 'again', dashed: false, open: false },
      { kind: 'block-end' },
      { kind: 'block-start', block: 'alt', text: 'up' },
      { kind: 'message', from: 'P', to: 'C', text: 'a', dashed: false, open: false },
      { kind: 'block-divider', text: 'down' },
      { kind: 'message', from: 'P', to: 'C', text: 'b', dashed: false, open: false },
      { kind: 'block-end' },
    ]);
  });

  // Syntax Mermaid accepts but the build-time renderer would draw as something else, or leave out:
  // each stops the build, naming the line. (route.ts sends some of these to the browser first.)
  it.each([
    ['A<<->>B: both', 'a two-way arrow', 3],
    ['A-xB: lost', 'a lost-message arrow', 3],
    ['A-)B: later', 'an async arrow', 3],
    ['A->>+B: go', 'an activation bar', 3],
    ['autonumber', 'autonumber', 3],
    ['title Hello', 'a title', 3],
    ['accTitle: Hello', 'accTitle or accDescr', 3],
    ['create participant C\n  A->>C: hi', 'participant creation', 3],
    ['box Aqua Group\n  participant C\n  end', 'a box around participants', 3],
    ['link A: Docs @ https://example.org', 'participant links', 3],
    ['critical lock\n  A->>B: x\n  end', 'a critical block', 3],
    ['break done\n  A->>B: x\n  end', 'a break block', 3],
    ['rect rgb(0, 0, 0)\n  A->>B: x\n  end', 'a highlighted region', 3],
  ])('refuses %s, naming its line', async (line, feature, at) => {
    const source = `sequenceDiagram\n  participant A\n  ${line}\n  A->>B: after`;
    await expect(readSequence(source)).rejects.toThrow(new RegExp(`line ${at} of the diagram \\(".*"\\) uses ${feature}`));
  });
});
