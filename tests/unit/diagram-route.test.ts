import { describe, expect, it } from 'vitest';
import { routeDiagram } from '../../src/plugins/mermaid/route.ts';

describe('which diagrams the build draws', () => {
  it.each(['flowchart-v2', 'sequence', 'stateDiagram', 'er'])('the build draws %s diagrams', (type) => {
    expect(routeDiagram(type, 'A->>B: hi')).toEqual({ renderer: 'build' });
  });

  // Sequence syntax the build does not draw is refused by the reader, naming the line (render-sequence.test.ts).
  it('leaves sequence diagrams to the reader, whatever they use', () => {
    expect(routeDiagram('sequence', 'sequenceDiagram\n  autonumber\n  A->>B: x')).toEqual({ renderer: 'build' });
  });

  it.each(['classDiagram', 'gantt', 'pie', 'gitGraph'])('names %s as a type the build cannot draw', (type) => {
    expect(routeDiagram(type, '')).toEqual({ renderer: 'client', reason: `is a ${type} diagram` });
  });
});
