import { describe, expect, it } from 'vitest';
import { routeDiagram } from '../../src/plugins/mermaid/route.ts';

describe('who draws a diagram', () => {
  it.each(['flowchart-v2', 'sequence', 'stateDiagram', 'er'])('the build draws plain %s diagrams', (type) => {
    expect(routeDiagram(type, 'A->>B: hi')).toEqual({ renderer: 'build' });
  });

  it.each([
    ['autonumber', 'sequenceDiagram\n  autonumber\n  A->>B: x'],
    ['activation bars', 'sequenceDiagram\n  A->>+B: x\n  B-->>-A: y'],
    ['activation bars', 'sequenceDiagram\n  activate B'],
    ['lost-message arrows', 'sequenceDiagram\n  A-xB: dropped'],
    ['async arrows', 'sequenceDiagram\n  A-)B: fire and forget'],
    ['boxes', 'sequenceDiagram\n  rect rgb(200,200,200)\n  A->>B: x\n  end'],
  ])('the browser draws sequence diagrams with %s', (feature, source) => {
    const route = routeDiagram('sequence', source);
    expect(route.renderer).toBe('client');
    expect(route.renderer === 'client' && route.reason).toContain(feature);
  });

  it('ignores features mentioned only in comments', () => {
    expect(routeDiagram('sequence', 'sequenceDiagram\n  %% autonumber would be nice\n  A->>B: x')).toEqual({ renderer: 'build' });
  });

  it.each(['classDiagram', 'gantt', 'pie', 'gitGraph'])('the browser draws %s', (type) => {
    expect(routeDiagram(type, '').renderer).toBe('client');
  });
});
