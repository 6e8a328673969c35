/**
 * The diagram types the build draws, all at build time: sequence diagrams with our own renderer
 * (render-sequence.ts, which refuses, naming the line, the sequence syntax it does not draw:
 * sequence-read.ts), flowcharts, state and ER diagrams with beautiful-mermaid (render-svg.ts).
 * A diagram of any other type (class, gantt, pie, …) stops the build (remark-mermaid.ts), and
 * docs/diagrams.md says how to draw it instead.
 */
const DRAWN_AT_BUILD = new Set(['flowchart', 'flowchart-v2', 'flowchart-elk', 'graph', 'sequence', 'stateDiagram', 'state', 'er']);

/** Whether the build draws diagrams of this type (Mermaid's name for it: `sequence`, `flowchart-v2`, …). */
export function drawnAtBuild(diagramType: string): boolean {
  return DRAWN_AT_BUILD.has(diagramType);
}
