/**
 * Decides who draws a diagram. beautiful-mermaid renders flowcharts, state, sequence and ER diagrams
 * to SVG at build time in milliseconds, with no browser; it draws the rest wrongly or not at all
 * (it ignores autonumber, activation bars and lost/async arrow heads, and garbles some class-diagram
 * members). Those go to real Mermaid in the reader's browser, loaded only on the pages that need it.
 */
export type DiagramRoute = { renderer: 'build' } | { renderer: 'client'; reason: string };

const BUILD_TYPES = new Set(['flowchart', 'flowchart-v2', 'flowchart-elk', 'graph', 'sequence', 'stateDiagram', 'state', 'er']);

/** Sequence-diagram features the build-time renderer would silently drop or draw as something else. */
const SEQUENCE_FEATURES_NEEDING_MERMAID: ReadonlyArray<[RegExp, string]> = [
  [/^\s*autonumber\b/m, 'autonumber'],
  [/^\s*(activate|deactivate)\b/m, 'activation bars'],
  [/(-{1,2}>>?|-{1,2}x|-{1,2}\))[+-]/, 'activation bars'],
  [/-{1,2}x/, 'lost-message arrows (-x)'],
  [/-{1,2}\)/, 'async arrows (-))'],
  [/^\s*(box|rect|critical|break)\b/m, 'boxes and highlighted regions'],
  [/^\s*create\s+(participant|actor)\b/m, 'participant creation'],
];

export function routeDiagram(diagramType: string, source: string): DiagramRoute {
  if (!BUILD_TYPES.has(diagramType)) {
    return { renderer: 'client', reason: `${diagramType} diagrams are drawn by Mermaid in the browser` };
  }
  if (diagramType === 'sequence') {
    const body = source.replace(/%%.*$/gm, '');
    for (const [pattern, feature] of SEQUENCE_FEATURES_NEEDING_MERMAID) {
      if (pattern.test(body)) return { renderer: 'client', reason: `uses ${feature}` };
    }
  }
  return { renderer: 'build' };
}
