/**
 * How a label reads once it is in a diagram (`plainLabel`, which the build's diagrams and the browser
 * player share): one line, single spaces, no characters Mermaid would read as syntax. (Written for
 * mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { Trace, TraceEvent } from '../../../snippets/sim/trace.ts';
import { plainLabel, traceToDiagram, traceToMermaid } from '../../../snippets/sim/trace-diagram.ts';

describe('a label in a diagram', () => {
  it('is one line: line breaks and tabs become one space each run', () => {
    expect(plainLabel('put x\r\n\tvalue')).toBe('put x value');
    expect(plainLabel('a\nb')).toBe('a b');
    expect(plainLabel('a\rb\tc')).toBe('a b c');
  });

  it('has single spaces and no space at either end', () => {
    expect(plainLabel('  put   x  ')).toBe('put x');
    expect(plainLabel('a \n b')).toBe('a b');
    expect(plainLabel('put  x')).toBe('put x');
  });

  it('writes the characters Mermaid reads as syntax as look-alikes', () => {
    expect(plainLabel('a;b;c')).toBe('a,b,c');
    expect(plainLabel('<ok> x->y')).toBe('‹ok› x\u2011›y');
  });

  it('keeps everything else as it is', () => {
    expect(plainLabel('Append(term=2, [x:1]) #7')).toBe('Append(term=2, [x:1]) #7');
  });
});

describe('participants and events in a diagram', () => {
  const trace = (nodes: string[], events: TraceEvent[]): Trace => ({ model: 'toy', seed: 1, nodes, clients: [], events });

  it('a participant with an empty name still gets an id Mermaid takes', () => {
    const source = traceToMermaid(trace(['', 'r1'], []));
    expect(source).toContain('participant p_ as ');
    expect(source).toMatch(/^    participant r1$/m);
  });

  it("a duplicated message is drawn once per arrival, not when the network copies it", () => {
    const events: TraceEvent[] = [
      { tick: 1, node: 'r1', kind: 'send', to: 'r2', msgId: 1, label: 'ping', message: {} },
      { tick: 1, node: '*', kind: 'duplicate', to: 'r2', msgId: 1, label: 'ping' },
      { tick: 2, node: 'r2', kind: 'deliver', from: 'r1', msgId: 1, label: 'ping', duplicate: false, message: {} },
      { tick: 3, node: 'r2', kind: 'deliver', from: 'r1', msgId: 1, label: 'ping', duplicate: true, message: {} },
    ];
    expect(traceToDiagram(trace(['r1', 'r2'], events)).lines.map((l) => l.kind)).toEqual(['message', 'message']);
  });
});
