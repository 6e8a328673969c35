/**
 * What happened in a run, one event per line of the text trace. Events hold labels (from the model's
 * `describe…` hooks) rather than needing the model to print, so a trace is plain data: the formatter,
 * the diagram generator and observers read it without knowing the protocol. Send and deliver events
 * also carry the message itself for observers that check properties of the traffic.
 *
 * `node` is the endpoint whose line it is: the receiver for deliveries and drops, the sender for sends,
 * the client for client events, `*` for cluster-wide events.
 */
import type { DropReason } from './network.ts';
import type { ClientId, NodeId } from './types.ts';

/**
 * On client lines: which client call the attempt belongs to (`call`, numbered across the run) and
 * which attempt it is (1, then 2 for the first retry). Optional so hand-written traces stay valid;
 * the simulator always fills them in. `opId` stays the attempt's own request id.
 */
type CallFields = { readonly call?: number; readonly attempt?: number };

export type TraceEvent = { readonly tick: number; readonly node: string } & (
  | { readonly kind: 'send'; readonly to: NodeId; readonly msgId: number; readonly label: string; readonly message: unknown }
  | ({ readonly kind: 'reply'; readonly to: ClientId; readonly msgId: number; readonly opId: number; readonly label: string } & CallFields)
  | {
      readonly kind: 'deliver';
      readonly from: string;
      readonly msgId: number;
      readonly label: string;
      /** The second copy of a duplicated message to arrive. */
      readonly duplicate: boolean;
      readonly message: unknown;
    }
  | { readonly kind: 'drop'; readonly from: string; readonly msgId: number; readonly label: string; readonly reason: DropReason }
  | { readonly kind: 'duplicate'; readonly to: string; readonly msgId: number; readonly label: string }
  /** A tick that made the node act (a timer expired); ticks that only advance counters are not recorded. */
  | { readonly kind: 'timer'; readonly effects: number }
  /** With `afterEffects`, it fell inside a step: after that many of the step's `of` effects; the rest never happened. */
  | { readonly kind: 'crash'; readonly afterEffects?: number; readonly of?: number }
  | { readonly kind: 'restart'; readonly fromDurable: boolean }
  | { readonly kind: 'persist'; readonly label: string }
  | { readonly kind: 'note'; readonly text: string }
  | ({ readonly kind: 'invoke'; readonly to: NodeId; readonly msgId: number; readonly opId: number; readonly label: string } & CallFields)
  | ({ readonly kind: 'return'; readonly from: NodeId; readonly msgId: number; readonly opId: number; readonly label: string } & CallFields)
  | ({ readonly kind: 'timeout'; readonly opId: number; readonly afterTicks: number } & CallFields)
  /** A reply nobody waits for any more: it came after a timeout, or is a duplicate. */
  | ({ readonly kind: 'ignore'; readonly from: NodeId; readonly msgId: number; readonly opId: number; readonly label: string } & CallFields)
  /** A link rule set or lifted (`isolate r2`, `heal`). */
  | { readonly kind: 'network'; readonly text: string }
  | { readonly kind: 'phase'; readonly text: string }
  | { readonly kind: 'failure'; readonly text: string }
);

export type TraceEventKind = TraceEvent['kind'];

/** A whole run: who took part (in a stable order, for columns and diagrams) and what happened. */
export interface Trace {
  readonly model: string;
  readonly seed: number;
  readonly nodes: readonly NodeId[];
  readonly clients: readonly ClientId[];
  readonly events: readonly TraceEvent[];
}

/** The endpoint column for cluster-wide events. */
export const CLUSTER = '*';

const LABEL_CHARS_MAX = 60;

/** A short label for a value the model gave no description for: compact JSON, cut at 60 characters. */
export function compactLabel(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > LABEL_CHARS_MAX ? text.slice(0, LABEL_CHARS_MAX - 1) + '…' : text;
}

/**
 * How a client call reads in the trace: `put(x, 1)`, `get(x)`. The key comes first whenever the call
 * has one, even if the workload left it out of the arguments, so every line of one key names it.
 */
export function callLabel(op: string, args: unknown, key?: string): string {
  const list = args === undefined || args === null ? [] : Array.isArray(args) ? args : [args];
  const parts = list.map((arg) => (typeof arg === 'string' ? arg : compactLabel(arg)));
  if (key !== undefined && parts[0] !== key) parts.unshift(key);
  return `${op}(${parts.join(', ')})`;
}
