/**
 * A run as a Mermaid sequence diagram, so a note's picture of the protocol is generated from the model
 * and cannot drift from it. Arrows are drawn when a message arrives (one that never arrives gets a
 * note instead); client calls are solid arrows, replies dashed. Only what our build-time renderer
 * draws faithfully is used: no `-x` arrows, autonumber, activations, rect or box (docs/diagrams.md).
 */
import { CLUSTER, type Trace, type TraceEvent } from './trace.ts';
import { windowEvents, type TraceWindow } from './trace-text.ts';

export interface DiagramOptions extends TraceWindow {
  /** Most arrows and notes drawn (default 80); the rest are counted in a last note. */
  readonly linesMax?: number;
  /** Show each persist as a note (default false: usually noise). */
  readonly showPersists?: boolean;
}

export interface Participant {
  readonly name: string;
  readonly id: string;
  readonly kind: 'actor' | 'participant';
}

/** One arrow or note of the diagram, its text as the model labelled it (before any Mermaid escaping). */
export type DiagramLine =
  | { readonly kind: 'message'; readonly from: string; readonly to: string; readonly dashed: boolean; readonly text: string }
  /** Over one or two participants (names, in cluster order); a cluster-wide note spans all of them. */
  | { readonly kind: 'note'; readonly over: readonly string[]; readonly text: string };

/**
 * The diagram as data: who takes part and what is drawn, in order. traceToMermaid writes it as Mermaid
 * for the build; the browser player (src/scripts/player/) draws it with the build's own sequence
 * renderer, so both show the same arrows and notes for the same trace.
 */
export interface TraceDiagram {
  readonly participants: readonly Participant[];
  readonly lines: readonly DiagramLine[];
  /** The ticks the events shown span, if any. */
  readonly ticks: readonly [number, number] | undefined;
}

/** The trace, or a window of it, as diagram lines (all of them: linesMax is traceToMermaid's business). */
export function traceToDiagram(trace: Trace, options: DiagramOptions = {}): TraceDiagram {
  const participants = pickParticipants(trace, options.nodes);
  const names = new Set(participants.map((p) => p.name));
  const events = windowEvents(trace, options);
  const lines = events.flatMap((event) => diagramLines(event, names, participants, options));
  return { participants, lines, ticks: events.length > 0 ? [events[0]!.tick, events[events.length - 1]!.tick] : undefined };
}

/** Mermaid source for the trace, or a window of it. */
export function traceToMermaid(trace: Trace, options: DiagramOptions = {}): string {
  const { participants, lines, ticks } = traceToDiagram(trace, options);
  const ids = new Map(participants.map((p) => [p.name, p.id]));
  const linesMax = options.linesMax ?? 80;
  const shown = lines.slice(0, linesMax).map((line) => mermaidLine(line, ids));
  if (lines.length > linesMax) shown.push(spanNote(participants, `${lines.length - linesMax} more steps not shown`));
  const span = ticks ? `, ticks ${ticks[0]}–${ticks[1]}` : '';
  return [
    'sequenceDiagram',
    `    %% ${clean(trace.model)}, seed ${trace.seed}${span}`,
    ...participants.map(declare),
    ...shown.map((line) => `    ${line}`),
  ].join('\n') + '\n';
}

function mermaidLine(line: DiagramLine, ids: ReadonlyMap<string, string>): string {
  if (line.kind === 'message') return `${ids.get(line.from)}${line.dashed ? '-->>' : '->>'}${ids.get(line.to)}: ${clean(line.text)}`;
  return `Note over ${line.over.map((n) => ids.get(n)).join(',')}: ${noteText(line.text)}`;
}

/** Clients first (they start things), then nodes in cluster order. */
function pickParticipants(trace: Trace, only: readonly string[] | undefined): Participant[] {
  const wanted = (name: string) => only === undefined || only.includes(name);
  const taken = new Set<string>();
  const make = (name: string, kind: Participant['kind']): Participant => ({ name, kind, id: uniqueId(name, taken) });
  const clients = trace.clients.filter(wanted).map((c) => make(c, 'actor'));
  return [...clients, ...trace.nodes.filter(wanted).map((n) => make(n, 'participant'))];
}

function declare(p: Participant): string {
  return p.id === p.name ? `    ${p.kind} ${p.id}` : `    ${p.kind} ${p.id} as ${clean(p.name).replace(/:/g, '˸')}`;
}

function diagramLines(
  e: TraceEvent,
  names: ReadonlySet<string>,
  all: readonly Participant[],
  options: DiagramOptions,
): DiagramLine[] {
  const arrow = (from: string, to: string, dashed: boolean, text: string): DiagramLine[] =>
    names.has(from) && names.has(to) ? [{ kind: 'message', from, to, dashed, text }] : [];
  const over = (list: readonly string[], text: string): DiagramLine[] => {
    const shown = [...new Set(list.filter((n) => names.has(n)))].slice(0, 2);
    return shown.length === 0 ? [] : [{ kind: 'note', over: shown, text }];
  };
  switch (e.kind) {
    case 'deliver':
      return arrow(e.from, e.node, false, e.duplicate ? `${e.label} (again)` : e.label);
    case 'return':
      return arrow(e.from, e.node, true, e.label);
    case 'ignore':
      return arrow(e.from, e.node, true, `${e.label} (ignored)`);
    case 'drop':
      return over(ordered([e.from, e.node], all), `${e.label} ${e.from}→${e.node} lost (${e.reason})`);
    case 'crash':
      return over([e.node], e.afterEffects === undefined ? 'crashed' : `crashed after ${e.afterEffects} of ${e.of} effects`);
    case 'restart':
      return over([e.node], e.fromDurable ? 'restarted from disk' : 'restarted, empty disk');
    case 'timeout':
      return over([e.node], `op ${e.opId} timed out`);
    case 'note':
      return over([e.node], e.text);
    case 'persist':
      return options.showPersists ? over([e.node], `persist ${e.label}`) : [];
    case 'network':
    case 'phase':
    case 'failure':
      return e.node === CLUSTER && all.length > 0 ? [spanLine(all, e.text)] : [];
    case 'send':
    case 'reply':
    case 'duplicate':
    case 'invoke':
    case 'timer':
      return []; // drawn when (and if) the message arrives
  }
}

function spanLine(all: readonly Participant[], text: string): DiagramLine {
  return { kind: 'note', over: all.length === 1 ? [all[0]!.name] : [all[0]!.name, all[all.length - 1]!.name], text };
}

function spanNote(all: readonly Participant[], text: string): string {
  const ends = all.length === 1 ? all[0]!.id : `${all[0]!.id},${all[all.length - 1]!.id}`;
  return `Note over ${ends}: ${noteText(text)}`;
}

/**
 * A note's text, whole: the renderer wraps long notes (src/plugins/mermaid/render-sequence.ts), and the
 * last note of a broken run is the violated invariant, the point of the diagram, so nothing is cut.
 */
function noteText(text: string): string {
  return clean(text);
}

function ordered(names: readonly string[], all: readonly Participant[]): string[] {
  const index = (name: string) => all.findIndex((p) => p.name === name);
  return [...names].sort((a, b) => index(a) - index(b));
}

/** Words Mermaid's sequence grammar reserves; a participant with one of these names breaks parsing. */
const RESERVED = new Set(
  [
    'participant actor as note over left right of end',
    'loop alt else opt par and rect critical break option box create destroy',
    'title activate deactivate autonumber links link properties details acctitle accdescr',
  ]
    .join(' ')
    .split(' '),
);

function uniqueId(name: string, taken: Set<string>): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (id === '' || RESERVED.has(id.toLowerCase())) id = `p_${id}`;
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}_${n}`;
  taken.add(unique);
  return unique;
}

/**
 * Text Mermaid takes as a label: `;` ends a statement and `#` starts an entity (so it is written as the
 * entity `#35;`, after `;` is replaced), `<…>` reads as HTML, and
 * an ASCII hyphen next to `x`, `)` or `>` can read as an arrow (which would also make our renderer send
 * the diagram to the browser). A non-breaking hyphen looks the same. In a participant's alias a `:` would
 * also end the name, so `declare` swaps it for a look-alike.
 */
function clean(text: string): string {
  return plainLabel(text).replace(/#/g, '#35;');
}

/**
 * A label as the build's diagrams show it once Mermaid has read it back: one line, `;` as `,`, and
 * `<`, `>` and `-` as look-alikes (see clean). The browser player draws these without Mermaid.
 */
export function plainLabel(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/;/g, ',')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/-/g, '\u2011')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
