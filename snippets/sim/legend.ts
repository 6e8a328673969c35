/**
 * The legend of a text trace: what the columns, events, arrows, numbers and a model's own fields
 * mean, and what the verdict line counts. `npm run snippet -- NAME --legend` prints it and the note
 * pages show it beside the run command. The example lines are printed by the trace printer itself
 * (`eventDetail`), and a model's fields come from the same `defineFields` its messages print with,
 * so the legend says what the trace really shows.
 */
import type { Fields } from './fields.ts';
import type { TraceEvent, TraceEventKind } from './trace.ts';
import { eventDetail } from './trace-text.ts';

export interface LegendRow {
  readonly term: string;
  /** For events: an example of the detail column, as the trace prints it. */
  readonly example?: string;
  readonly meaning: string;
}

export interface LegendSection {
  readonly title: string;
  readonly rows: readonly LegendRow[];
}

/** What one model adds to the legend. */
export interface ModelLegend {
  /** The model's name, as in the section titles ("Viewstamped Replication"). */
  readonly name: string;
  /** Who appears in the endpoint column (nodes and clients; `*` is added). */
  readonly endpoints: readonly LegendRow[];
  /** Names and labels the example lines use, taken from a real run of the model. */
  readonly example: {
    readonly node: string;
    readonly peer: string;
    readonly client: string;
    /** A message as `describeMessage` prints it. */
    readonly message: string;
    /** A client call as the invoke line prints it, and an answer as the reply line prints it. */
    readonly call: string;
    readonly response: string;
    /** A model note (the `note` effect). */
    readonly note: string;
  };
  /** The fields inside messages, `name=value`. */
  readonly fields?: Fields<string>;
  /** Other notation in labels: how values, versions, positions are written. */
  readonly notation?: readonly LegendRow[];
  /** What the verdict line checks for this model, in one or two sentences. */
  readonly verdict: string;
}

type Example = ModelLegend['example'];
const GENERIC: Example = {
  node: 'r1', peer: 'r2', client: 'c1', message: 'Ping(1)', call: 'put(x, 1)', response: 'ok', note: 'became primary',
};

/** One example event per kind, with what it means: a new event kind does not compile until it is explained here. */
const EVENTS: Record<TraceEventKind, (x: Example) => { readonly event: TraceEvent; readonly meaning: string }> = {
  invoke: (x) => ({
    event: { tick: 1, node: x.client, kind: 'invoke', to: x.node, msgId: 1, opId: 1, call: 3, attempt: 1, label: x.call },
    meaning: `client ${x.client} sends call 3 to ${x.node}, as message #1`,
  }),
  send: (x) => ({
    event: { tick: 1, node: x.node, kind: 'send', to: x.peer, msgId: 7, label: x.message, message: null },
    meaning: `${x.node} sends message #7 to ${x.peer}`,
  }),
  duplicate: (x) => ({
    event: { tick: 1, node: x.node, kind: 'duplicate', to: x.peer, msgId: 7, label: x.message },
    meaning: 'the network will deliver message #7 twice (a fault it injects)',
  }),
  deliver: (x) => ({
    event: { tick: 1, node: x.peer, kind: 'deliver', from: x.node, msgId: 7, label: x.message, duplicate: false, message: null },
    meaning: `message #7 from ${x.node} arrives at ${x.peer}, which acts on it; "(duplicate)" marks the second copy`,
  }),
  drop: (x) => ({
    event: { tick: 1, node: x.peer, kind: 'drop', from: x.node, msgId: 7, label: x.message, reason: 'loss' },
    meaning: 'message #7 is lost: (loss) at random, (partition) by a cut link, (crashed) because the receiver was down',
  }),
  reply: (x) => ({
    event: { tick: 1, node: x.node, kind: 'reply', to: x.client, msgId: 9, opId: 1, call: 3, attempt: 1, label: x.response },
    meaning: `${x.node} answers call 3 of ${x.client}, as message #9`,
  }),
  return: (x) => ({
    event: { tick: 1, node: x.client, kind: 'return', from: x.node, msgId: 9, opId: 1, call: 3, attempt: 1, label: x.response },
    meaning: `the answer reaches ${x.client}: call 3 completed`,
  }),
  timeout: (x) => ({
    event: { tick: 1, node: x.client, kind: 'timeout', opId: 1, call: 3, attempt: 1, afterTicks: 30 },
    meaning: 'no answer in time; the client stops waiting. The call may still take effect later, or never',
  }),
  ignore: (x) => ({
    event: { tick: 1, node: x.client, kind: 'ignore', from: x.node, msgId: 9, opId: 1, call: 3, attempt: 1, label: x.response },
    meaning: 'an answer nobody waits for: it came after the timeout, or is a second copy',
  }),
  timer: (x) => ({
    event: { tick: 1, node: x.node, kind: 'timer', effects: 2 },
    meaning: `a timer of ${x.node} fired and it acted; the lines after it (same tick) are what it did`,
  }),
  persist: (x) => ({
    event: { tick: 1, node: x.node, kind: 'persist', label: '…' },
    meaning: `${x.node} writes its durable state to disk (what survives a crash)`,
  }),
  note: (x) => ({ event: { tick: 1, node: x.node, kind: 'note', text: x.note }, meaning: 'the model says what just happened' }),
  crash: (x) => ({
    event: { tick: 1, node: x.node, kind: 'crash' },
    meaning: 'the node stops; its memory and the messages on their way to it are lost',
  }),
  restart: (x) => ({
    event: { tick: 1, node: x.node, kind: 'restart', fromDurable: true },
    meaning: 'the node comes back, rebuilt from what it wrote to disk ("with an empty disk" when it wrote nothing)',
  }),
  network: (x) => ({
    event: { tick: 1, node: '*', kind: 'network', text: `partition ${x.node} | ${x.peer}` },
    meaning: `a network partition: nodes on one side of | cannot reach the other (→ for one way only); "isolate ${x.node}" cuts one node off; "lift partition …" and "heal" end it`,
  }),
  phase: () => ({
    event: { tick: 1, node: '*', kind: 'phase', text: 'settle: heal links, restart crashed nodes, stop faults' },
    meaning: 'the fault phase is over; from here the run checks that the system makes progress',
  }),
  failure: () => ({ event: { tick: 1, node: '*', kind: 'failure', text: 'invariant … violated' }, meaning: 'why the run stopped' }),
};

/** The order the events are listed in: a client call's life, then messages, then node and cluster events. */
const EVENT_ORDER: readonly TraceEventKind[] = [
  'invoke', 'send', 'duplicate', 'deliver', 'drop', 'reply', 'return', 'timeout', 'ignore',
  'timer', 'persist', 'note', 'crash', 'restart', 'network', 'phase', 'failure',
];

/** The words of the verdict line, the same for every model (see `snippets/report.ts`). */
export const VERDICT_TERMS: readonly LegendRow[] = [
  { term: 'client calls', meaning: 'every call a client made; a retry is an attempt of the same call, not a new one' },
  { term: 'completed', meaning: 'an answer reached the client' },
  { term: 'timed out', meaning: 'the client gave up waiting and did not retry: the call may or may not have taken effect' },
  { term: 'still waiting', meaning: 'the run ended while the client waited: the call may or may not have taken effect' },
  { term: 'independent keys', meaning: 'the checker checks each key on its own (a map is linearizable when each key is)' },
];

export function legendSections(model?: ModelLegend): LegendSection[] {
  const example = model?.example ?? GENERIC;
  const sections: LegendSection[] = [
    {
      title: 'Columns',
      rows: [
        { term: 'tick', meaning: 'simulated time; the same seed replays the same run, line for line' },
        { term: 'endpoint', meaning: 'where the event happens: a node, a client, or * for the whole cluster' },
        { term: 'event', meaning: 'what happens (events below)' },
        { term: 'detail', meaning: 'to or from whom, the message id, and the message' },
      ],
    },
    {
      title: 'Endpoints',
      rows: [...(model?.endpoints ?? [{ term: 'r1, c1', meaning: 'a node, a client' }]), { term: '*', meaning: 'the whole cluster: network changes and phases' }],
    },
    {
      title: 'Events (each with an example of its detail, then what it means)',
      rows: EVENT_ORDER.map((kind) => {
        const { event, meaning } = EVENTS[kind](example);
        return { term: kind, example: eventDetail(event), meaning };
      }),
    },
    {
      title: 'Signs',
      rows: [
        { term: '→ r2, ← r1', meaning: 'sent to, received from' },
        { term: '#7', meaning: 'a message id: follow #7 from its send to its deliver or drop' },
        { term: 'call 3', meaning: 'a client call, numbered across the run in the order calls start' },
        { term: 'call 3 (attempt 2)', meaning: 'the same call sent again after a timeout: a retry, not a new call' },
      ],
    },
  ];
  if (model?.fields) {
    const rows = Object.entries<string>(model.fields.meanings).map(([name, meaning]) => ({ term: `${name}=`, meaning }));
    sections.push({ title: `Fields in ${model.name} messages`, rows });
  }
  if (model?.notation) sections.push({ title: `Other notation in ${model.name} lines`, rows: model.notation });
  sections.push({
    title: 'Verdict',
    rows: [...VERDICT_TERMS, ...(model ? [{ term: 'checks', meaning: model.verdict }] : [])],
  });
  return sections;
}

const TERM_WIDTH_MAX = 38;

/** The legend as plain text, as `--legend` prints it. */
export function legendText(model?: ModelLegend): string {
  const lines = [`How to read a trace${model ? ` of ${model.name}` : ''}: each line is  tick  endpoint  event  detail.`];
  for (const section of legendSections(model)) {
    lines.push('', `${section.title}:`);
    const width = Math.min(TERM_WIDTH_MAX, Math.max(...section.rows.map((r) => r.term.length)));
    const indent = ' '.repeat(width + 4);
    for (const { term, example, meaning } of section.rows) {
      if (example !== undefined) lines.push(`  ${term.padEnd(width)}  ${example}`, `${indent}${meaning}`);
      else lines.push(term.length > width ? `  ${term}\n${indent}${meaning}` : `  ${term.padEnd(width)}  ${meaning}`);
    }
  }
  return lines.join('\n') + '\n';
}
