import { describe, expect, it } from 'vitest';
import { drawnAtBuild } from '../../src/plugins/mermaid/route.ts';
import { parseDiagram } from '../../src/plugins/mermaid/validate.ts';

describe('which diagrams the build draws', () => {
  // Sequence syntax the build does not draw is refused by the reader, naming the line (render-sequence.test.ts).
  it.each([
    ['flowchart', 'flowchart LR\n  A --> B'],
    ['sequence', 'sequenceDiagram\n  A->>B: hi'],
    ['state', 'stateDiagram-v2\n  [*] --> Open'],
    ['ER', 'erDiagram\n  NOTE ||--o{ TAG : has'],
  ])('the build draws %s diagrams, by the type name Mermaid gives them', async (_, source) => {
    expect(drawnAtBuild(await parseDiagram(source))).toBe(true);
  });

  it.each([
    ['class', 'classDiagram\n  class Replica'],
    ['gantt', 'gantt\n  title Plan\n  section A\n  Task :a1, 2024-01-01, 3d'],
    ['pie', 'pie\n  "a" : 1'],
    ['git graph', 'gitGraph\n  commit'],
  ])('the build does not draw %s diagrams', async (_, source) => {
    expect(drawnAtBuild(await parseDiagram(source))).toBe(false);
  });
});
