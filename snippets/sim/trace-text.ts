/**
 * The trace as text, one event per line in fixed-width columns — `tick  node  event  detail` — so a
 * run reads top to bottom, diffs line by line, and can be kept as a golden file.
 *
 *      12  r1  send     → r2 #7 Prepare(v=4, n=17)
 *      14  r2  deliver  ← r1 #7 Prepare(v=4, n=17)
 *      14  r3  drop     ← r1 #8 Prepare(v=4, n=17) (partition)
 */
import { CLUSTER, type Trace, type TraceEvent } from './trace.ts';

export interface TraceWindow {
  /** First and last tick shown, inclusive. */
  readonly fromTick?: number;
  readonly toTick?: number;
  /** Only events on these endpoints' lines (nodes or clients); cluster-wide events are always shown. */
  readonly nodes?: readonly string[];
}

const TICK_WIDTH = 6;
const EVENT_WIDTH = 9;

/** Events inside a window of ticks and endpoints. */
export function windowEvents(trace: Trace, window: TraceWindow = {}): TraceEvent[] {
  const { fromTick = 0, toTick = Infinity, nodes } = window;
  return trace.events.filter(
    (e) => e.tick >= fromTick && e.tick <= toTick && (nodes === undefined || e.node === CLUSTER || nodes.includes(e.node)),
  );
}

/** The trace (or a window of it) as text, one line per event, each ending in a newline. */
export function formatTrace(trace: Trace, window: TraceWindow = {}): string {
  const nodeWidth = Math.max(4, ...[...trace.nodes, ...trace.clients].map((name) => name.length));
  return windowEvents(trace, window)
    .map((event) => formatEvent(event, nodeWidth) + '\n')
    .join('');
}

export function formatEvent(event: TraceEvent, nodeWidth = 4): string {
  const columns = `${String(event.tick).padStart(TICK_WIDTH)}  ${event.node.padEnd(nodeWidth)}  ${event.kind.padEnd(EVENT_WIDTH)}`;
  return `${columns}  ${eventDetail(event)}`.trimEnd();
}

/** `call 3`, or `call 3 (attempt 2)` for a retry; traces written by hand may lack the call number. */
function callName(e: { readonly opId: number; readonly call?: number; readonly attempt?: number }): string {
  const attempt = e.attempt !== undefined && e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
  return `call ${e.call ?? e.opId}${attempt}`;
}

/** The detail column of one event, as the trace prints it (the legend shows examples made with it). */
export function eventDetail(e: TraceEvent): string {
  switch (e.kind) {
    case 'send':
      return `→ ${e.to} #${e.msgId} ${e.label}`;
    case 'reply':
      return `→ ${e.to} #${e.msgId} ${callName(e)}: ${e.label}`;
    case 'deliver':
      return `← ${e.from} #${e.msgId} ${e.label}${e.duplicate ? ' (duplicate)' : ''}`;
    case 'drop':
      return `← ${e.from} #${e.msgId} ${e.label} (${e.reason})`;
    case 'duplicate':
      return `→ ${e.to} #${e.msgId} arrives twice`;
    case 'timer':
      return `${e.effects} effect${e.effects === 1 ? '' : 's'}`;
    case 'crash':
      return e.afterEffects === undefined
        ? 'memory and in-flight messages lost'
        : `memory and in-flight messages lost, after ${e.afterEffects} of the step's ${e.of} effects`;
    case 'restart':
      return e.fromDurable ? 'recovered from disk' : 'recovered with an empty disk';
    case 'persist':
      return e.label;
    case 'note':
    case 'network':
    case 'phase':
    case 'failure':
      return e.text;
    case 'invoke':
      return `${callName(e)} ${e.label} → ${e.to} #${e.msgId}`;
    case 'return':
      return `${callName(e)} ← ${e.from} #${e.msgId} ${e.label}`;
    case 'timeout':
      return `${callName(e)} gave up after ${e.afterTicks} ticks`;
    case 'ignore':
      return `${callName(e)} ← ${e.from} #${e.msgId} ${e.label} (nobody waiting)`;
  }
}
