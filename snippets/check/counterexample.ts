/**
 * Makes a checker verdict readable: the verdict in a line, a counterexample as text (the longest
 * linearizable prefix, the operation that cannot be placed, and what it competed with), and a
 * partition as a Mermaid sequence diagram (clients as participants, each operation's call and return
 * with their ticks, a note where each operation takes effect in the order found).
 *
 * Diagrams avoid what the site's build-time renderer cannot draw (autonumber, activations, `-x`,
 * `rect`, `box`; see src/plugins/mermaid/sequence-read.ts), so they render without JavaScript.
 */
import { callTime, hasEventOrder, precedes, returnTime, type History, type Operation, type ProcessId } from './history.ts';
import type { CheckOutcome, Counterexample, PartitionResult } from './linearizability.ts';
import { describeState, type Model } from './model.ts';

export interface RenderOptions {
  /** Most operations to list or draw; earlier (text) or later (diagram) ones are summarised. */
  readonly maxOperations?: number;
}

// #region text
export function verdictText(result: CheckOutcome<unknown, unknown, unknown>): string {
  const all = [...result.partitions, ...result.unchecked];
  const parts = all.length;
  const operations = all.reduce((sum, p) => sum + p.operations.length, 0);
  const pending = all.reduce((sum, p) => sum + p.operations.filter((op) => op.return === undefined).length, 0);
  // "independent", never "partitions": in a run's report "partition" means a cut in the network.
  const kind = all.every((p) => p.label.startsWith('key ')) ? 'keys' : 'parts';
  const independent = `${parts} independent ${kind}`;
  if (result.ok === true) {
    const where = parts === 1 ? '' : ` on ${independent}, each checked alone`;
    const open = pending === 0 ? '' : `; ${pending} never returned`;
    return `Linearizable: ${count(operations, 'operation')}${where}${open}.`;
  }
  if (result.ok === undefined) {
    const progress = result.unchecked.map((p) => (p.progress ? `${p.label}: ${p.progress.placed} of ${p.progress.completed} placed, ${p.progress.explored} configurations` : `${p.label}: not started`));
    return `Unknown: no answer within ${result.timeoutMs / 1000} s. ${result.partitions.length} of ${independent} found linearizable; still searching ${progress.join('; ')}.`;
  }
  const failing = result.counterexample.label;
  const rest = result.unchecked.length;
  const fine = result.partitions.length - 1;
  const one = kind === 'keys' ? 'key' : 'part';
  const of = parts === 1 ? '' : ` (1 of ${independent}; the check stops at the first ${one} that fails: ${fine} other${fine === 1 ? '' : 's'} linearizable, ${rest} not checked)`;
  return `Not linearizable: no order of the operations on ${failing} matches what the clients saw${of}.`;
}

export function counterexampleText<State, Input, Output>(
  model: Model<State, Input, Output>,
  counterexample: Counterexample<State, Input, Output>,
  { maxOperations = 20 }: RenderOptions = {},
): string {
  const { order, stuck, operations, label } = counterexample;
  const states = replay(model, order);
  const rows = order.map((op, i) => [`${i + 1}.`, model.describe(op.input, op.output), who(op.process), ticks(op), `state ${describeState(model, states[i]!)}`]);
  const shown = lastOf(rows, maxOperations);
  const lines = [`Counterexample (${label}):`];
  lines.push(order.length === 0
    ? counterexample.reason ? 'It fails before any other operation has to take effect.' : 'No operation can take effect first: the very first step fails.'
    : counterexample.reason
      ? `A linearizable prefix, up to the last operation that must come before the one below: ${order.length} of ${count(operations.length, 'operation')}, in the order they take effect:`
      : `Longest linearizable prefix found: ${order.length} of ${count(operations.length, 'operation')}, in the order they take effect:`);
  if (shown.length < rows.length) lines.push(`  … ${count(rows.length - shown.length, 'earlier operation')}`);
  lines.push(...table(shown).map((row) => `  ${row}`));
  const state = describeState(model, counterexample.state);
  lines.push(`Cannot place: ${model.describe(stuck.input, stuck.output)}  ${who(stuck.process)}  ${ticks(stuck)}`);
  if (counterexample.reason) {
    lines.push(`  In no order at all: ${counterexample.reason}.`, `  After the prefix the state is ${state}.`);
  } else {
    lines.push(
      `  It returned at t=${stuck.return}, so it must take effect by then, but no order of the operations`,
      `  places more of them than the prefix above. After the prefix the state is ${state}.`,
    );
  }
  const rivals = unplaced(model, counterexample).filter((op) => op !== stuck);
  if (rivals.length > 0) {
    lines.push(`Also not placed, though called by t=${stuck.return}:`);
    lines.push(...table(rivals.slice(0, maxOperations).map((op) => [model.describe(op.input, op.output), who(op.process), ticks(op)])).map((row) => `  ${row}`));
    if (rivals.length > maxOperations) lines.push(`  … and ${rivals.length - maxOperations} more`);
  }
  return lines.join('\n');
}
// #endregion text

/** Operations called before the stuck one returned that the prefix leaves out (not timed-out reads: they say nothing). */
function unplaced<State, Input, Output>(model: Model<State, Input, Output>, c: Counterexample<State, Input, Output>): Operation<Input, Output>[] {
  const placed = new Set(c.order);
  const horizon = c.stuck.return ?? Infinity;
  const silent = (op: Operation<Input, Output>) => op.return === undefined && model.readOnly?.(op.input) === true;
  return byCall(c.operations).filter((op) => op.call <= horizon && !placed.has(op) && !silent(op));
}

/** The state after each operation of a linearization; throws if the order is not one. */
function replay<State, Input, Output>(model: Model<State, Input, Output>, order: readonly Operation<Input, Output>[]): State[] {
  let state = model.init();
  return order.map((op) => {
    const [ok, next] = model.step(state, op.input, op.output);
    if (!ok) throw new Error(`the checker's order is not legal at ${model.describe(op.input, op.output)}`);
    state = next;
    return state;
  });
}

// #region mermaid
/**
 * A Mermaid `sequenceDiagram` of one partition: each client's calls and returns in time order, and a
 * note at the point where each operation takes effect in the order found (between its call and its
 * return, as linearizability requires). For a counterexample it ends at the return of the operation
 * that cannot be placed, with a note saying so. Long histories show a window of `maxOperations`.
 */
export function historyDiagram<State, Input, Output>(
  model: Model<State, Input, Output>,
  partition: PartitionResult<State, Input, Output>,
  { maxOperations = 30 }: RenderOptions = {},
): string {
  const stuck = partition.ok ? undefined : partition.stuck;
  const shown = windowOf(partition, stuck, maxOperations);
  const position = new Map(partition.order.map((op, i) => [op, i] as const));
  const states = replay(model, partition.order);
  const notes = shown.filter((op) => position.has(op)).sort((a, b) => position.get(a)! - position.get(b)!);
  const ids = new Map<ProcessId, string>();
  for (const op of shown) if (!ids.has(op.process)) ids.set(op.process, `c${ids.size}`);
  const id = (op: Operation<Input, Output>) => ids.get(op.process)!;

  const lines = ['sequenceDiagram'];
  for (const [process, pid] of ids) lines.push(`  participant ${pid} as ${mermaidText(who(process))}`);
  lines.push(`  participant obj as ${mermaidText(partition.label)}`);

  let noted = 0;
  const noteUpTo = (last: number) => {
    for (; noted < notes.length && position.get(notes[noted]!)! <= last; noted++) {
      const op = notes[noted]!;
      const at = position.get(op)!;
      lines.push(`  Note over obj: ${at + 1}. ${mermaidText(model.describe(op.input, op.output))}, state ${mermaidText(describeState(model, states[at]!))}`);
    }
  };
  for (const event of events(shown)) {
    const op = event.op;
    if (event.kind === 'call') {
      lines.push(`  ${id(op)}->>obj: ${mermaidText(`${model.describe(op.input, undefined)}, t=${op.call}`)}`);
      continue;
    }
    if (op === stuck) {
      noteUpTo(Infinity);
      lines.push(`  Note over ${id(op)},obj: cannot place ${mermaidText(model.describe(op.input, op.output))}, state is ${mermaidText(describeState(model, partition.state))}`);
    } else if (position.has(op)) {
      noteUpTo(position.get(op)!);
    }
    lines.push(`  obj-->>${id(op)}: ${mermaidText(`${model.describe(op.input, op.output)}, t=${op.return}`)}`);
    if (op === stuck) break;
  }
  noteUpTo(Infinity);
  for (const op of shown.filter((o) => o.return === undefined)) {
    const fate = partition.ok ? (position.has(op) ? 'took effect' : 'took no effect') : position.has(op) ? 'placed' : 'not placed';
    lines.push(`  Note over ${id(op)}: ${mermaidText(model.describe(op.input, undefined))} never returned, ${fate}`);
  }
  // Last, not first: the build-time renderer drops notes that come before the first arrow.
  const hidden = relevant(partition, stuck).length - shown.length;
  if (hidden > 0) lines.push(`  Note over ${[...ids.values()][0] ?? 'obj'},obj: ${count(hidden, stuck ? 'earlier operation' : 'later operation')} not drawn`);
  return lines.join('\n');
}
// #endregion mermaid

/**
 * What a diagram of this partition may show: a counterexample ends where the stuck operation returns,
 * so it shows the operations the stuck one does not precede (on the checker's clock: event orders when
 * the history has them, so a client's next call in the same tick as the stuck return is left out).
 */
function relevant<Input, Output>(partition: PartitionResult<unknown, Input, Output>, stuck: Operation<Input, Output> | undefined): Operation<Input, Output>[] {
  return byCall(partition.operations).filter((op) => stuck === undefined || !precedes(stuck, op));
}

/** The first operations of a linearizable partition; the last ones (with the stuck one) of a counterexample. */
function windowOf<Input, Output>(partition: PartitionResult<unknown, Input, Output>, stuck: Operation<Input, Output> | undefined, max: number): Operation<Input, Output>[] {
  const all = relevant(partition, stuck);
  if (!stuck) return all.slice(0, max);
  const last = lastOf(all, max);
  return last.includes(stuck) ? last : [stuck, ...last.slice(1)].sort((a, b) => a.call - b.call);
}

type DiagramEvent<Input, Output> = { readonly kind: 'call' | 'return'; readonly time: number; readonly op: Operation<Input, Output> };

/** Calls and returns on the checker's clock: event orders when the history has them, else ticks, where calls come first at equal ticks (equal ticks are concurrent). */
function events<Input, Output>(ops: readonly Operation<Input, Output>[]): DiagramEvent<Input, Output>[] {
  const list: DiagramEvent<Input, Output>[] = [];
  // The checker's clock: event orders when the history has them (then no two events tie).
  const ordered = hasEventOrder(ops);
  for (const op of ops) {
    list.push({ kind: 'call', time: callTime(op, ordered), op });
    if (op.return !== undefined) list.push({ kind: 'return', time: returnTime(op, ordered), op });
  }
  return list.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'call' ? -1 : 1));
}

function byCall<Input, Output>(history: History<Input, Output>): Operation<Input, Output>[] {
  return [...history].sort((a, b) => a.call - b.call);
}

/**
 * Text safe inside a Mermaid message or note: characters Mermaid's grammar or the site's renderer
 * would read as syntax (`;` ends a statement, `#` starts an entity, `%%` a comment, `-x` and `-)`
 * are arrow heads) become look-alikes, so any value a client wrote draws as text.
 */
export function mermaidText(text: string): string {
  const lookalike: Record<string, string> = { ';': '\u037e', '#': '\uff03', '%': '\uff05', '<': '\u2039', '>': '\u203a', '-': '\u2010', '\n': ' ', '\r': ' ' };
  return text.replace(/[;#%<>\-\n\r]/g, (c) => lookalike[c] ?? c);
}

function who(process: ProcessId): string {
  return `client ${String(process)}`;
}

function ticks(op: Operation<unknown, unknown>): string {
  return `t=${op.call}..${op.return ?? 'never'}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Rows padded into columns. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

/** The last `n` items (none for n = 0, where `slice(-0)` would give them all). */
const lastOf = <T>(items: readonly T[], n: number): T[] => (n > 0 ? items.slice(-n) : []);
