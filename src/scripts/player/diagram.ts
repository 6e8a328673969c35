/**
 * The live sequence diagram: the run's trace so far, turned into arrows and notes by the very code the
 * build uses for a note's diagrams (traceToDiagram, snippets/sim/trace-diagram.ts) and drawn by the
 * build's own sequence renderer (src/plugins/mermaid/render-sequence.ts). At build time Mermaid's parser
 * sits between the two; here the lines go to the renderer directly, so no Mermaid ships to the browser
 * (its parser alone is several times the player's 60 KB budget).
 */
import { plainLabel, traceToDiagram } from '../../../snippets/sim/trace-diagram.ts';
import type { Trace } from '../../../snippets/sim/index.ts';
import { renderSequenceSvg } from '../../plugins/mermaid/render-sequence.ts';
import type { SequenceStep } from '../../plugins/mermaid/sequence-read.ts';

/**
 * The last `linesMax` arrows and notes of the trace's first `traceLength` events, as SVG markup. When
 * the last of those events is the run's failure, its note (the drawing's last shapes) is wrapped in a
 * `g.player-violation`, so the step that broke the rule stands out in the diagram as in the trace.
 */
export function liveDiagramSvg(trace: Trace, traceLength: number, linesMax: number): { svg: string; lines: number; violation: boolean } {
  const events = trace.events.slice(0, traceLength);
  const { participants, lines } = traceToDiagram({ ...trace, events });
  const all = participants.map((p) => p.name);
  const span = all.length === 1 ? all : [all[0]!, all[all.length - 1]!];
  const steps: SequenceStep[] = [];
  if (lines.length > linesMax) steps.push({ kind: 'note', actors: span, placement: 'over', text: `${lines.length - linesMax} earlier arrows and notes above this window` });
  for (const line of lines.slice(-linesMax)) {
    steps.push(
      line.kind === 'message'
        ? { kind: 'message', from: line.from, to: line.to, text: plainLabel(line.text), dashed: line.dashed, open: false }
        : { kind: 'note', actors: line.over, placement: 'over', text: plainLabel(line.text) },
    );
  }
  const svg = renderSequenceSvg({ actors: participants.map((p) => ({ id: p.name, label: p.name, kind: p.kind })), steps });
  // One drawing at a time, but a note page has its own diagrams: keep the arrowhead ids apart.
  const ours = svg.replace(/id="dg-/g, 'id="player-dg-').replace(/url\(#dg-/g, 'url(#player-dg-');
  const failed = events.at(-1)?.kind === 'failure' && lines.at(-1)?.kind === 'note';
  const marked = failed ? markLastNote(ours) : undefined;
  return { svg: marked ?? ours, lines: lines.length, violation: marked !== undefined };
}

/**
 * The renderer draws steps in order and a note as its box then its text, all inside one group that
 * closes the SVG; so everything from the last note box to that closing is the last note. Undefined
 * when the markup is not shaped so (a renderer change), which the player's browser test would catch.
 */
function markLastNote(svg: string): string | undefined {
  const start = svg.lastIndexOf('<rect class="dg-note"');
  const end = svg.lastIndexOf('</g></svg>');
  if (start < 0 || end < start) return undefined;
  return `${svg.slice(0, start)}<g class="player-violation">${svg.slice(start, end)}</g>${svg.slice(end)}`;
}
