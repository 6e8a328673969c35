/**
 * Decides whether the build can draw a diagram. beautiful-mermaid renders flowcharts, state and ER
 * diagrams to SVG at build time in milliseconds, with no browser, and our own renderer draws sequence
 * diagrams (render-sequence.ts, which refuses, naming the line, the sequence syntax it does not draw:
 * sequence-read.ts). Other types (class, gantt, pie, …) it draws wrongly or not at all. Mermaid in the
 * reader's browser drew them below the rules every diagram follows (measured: actor names at 1.0:1
 * contrast, numbers with a line through them, labels out of their boxes), so they stop the build
 * (remark-mermaid.ts) rather than reach a page; docs/diagrams.md says how to draw them instead.
 */
export type DiagramRoute = { renderer: 'build' } | { renderer: 'client'; reason: string };

const BUILD_TYPES = new Set(['flowchart', 'flowchart-v2', 'flowchart-elk', 'graph', 'sequence', 'stateDiagram', 'state', 'er']);

export function routeDiagram(diagramType: string, _source?: string): DiagramRoute {
  if (!BUILD_TYPES.has(diagramType)) return { renderer: 'client', reason: `is a ${diagramType} diagram` };
  return { renderer: 'build' };
}
