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

/** The last `linesMax` arrows and notes of the trace's first `traceLength` events, as SVG markup. */
export function liveDiagramSvg(trace: Trace, traceLength: number, linesMax: number): { svg: string; lines: number } {
  const { participants, lines } = traceToDiagram({ ...trace, events: trace.events.slice(0, traceLength) });
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
  return { svg: svg.replace(/id="dg-/g, 'id="player-dg-').replace(/url\(#dg-/g, 'url(#player-dg-'), lines: lines.length };
}
