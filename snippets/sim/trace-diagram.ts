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

interface Participant {
  readonly name: string;
  readonly id: string;
  readonly kind: 'actor' | 'participant';
}

/** Mermaid source for the trace, or a window of it. */
export function traceToMermaid(trace: Trace, options: DiagramOptions = {}): string {
  const participants = pickParticipants(trace, options.nodes);
  const ids = new Map(participants.map((p) => [p.name, p.id]));
  const events = windowEvents(trace, options);
  const lines = events.flatMap((event) => diagramLines(event, ids, participants, options));
  const linesMax = options.linesMax ?? 80;
  const shown = lines.slice(0, linesMax);
  if (lines.length > linesMax) shown.push(spanNote(participants, `${lines.length - linesMax} more steps not shown`));
  const span = events.length > 0 ? `, ticks ${events[0]!.tick}–${events[events.length - 1]!.tick}` : '';
  return [
    'sequenceDiagram',
    `    %% ${clean(trace.model)}, seed ${trace.seed}${span}`,
    ...participants.map(declare),
    ...shown.map((line) => `    ${line}`),
  ].join('\n') + '\n';
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
  ids: ReadonlyMap<string, string>,
  all: readonly Participant[],
  options: DiagramOptions,
): string[] {
  const arrow = (from: string, to: string, style: '->>' | '-->>', text: string) =>
    ids.has(from) && ids.has(to) ? [`${ids.get(from)}${style}${ids.get(to)}: ${clean(text)}`] : [];
  const over = (names: readonly string[], text: string) => {
    const shown = names.filter((n) => ids.has(n)).map((n) => ids.get(n)!);
    return shown.length === 0 ? [] : [`Note over ${[...new Set(shown)].slice(0, 2).join(',')}: ${noteText(text)}`];
  };
  switch (e.kind) {
    case 'deliver':
      return arrow(e.from, e.node, '->>', e.duplicate ? `${e.label} (again)` : e.label);
    case 'return':
      return arrow(e.from, e.node, '-->>', e.label);
    case 'ignore':
      return arrow(e.from, e.node, '-->>', `${e.label} (ignored)`);
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
      return e.node === CLUSTER && all.length > 0 ? [spanNote(all, e.text)] : [];
    case 'send':
    case 'reply':
    case 'duplicate':
    case 'invoke':
    case 'timer':
      return []; // drawn when (and if) the message arrives
  }
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
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/;/g, ',')
    .replace(/#/g, '#35;')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/-/g, '\u2011')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
