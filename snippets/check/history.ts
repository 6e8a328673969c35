/**
 * Client histories: what each client asked, what it was told, and when. Plain JSON-able data, so a
 * history can be saved next to a note, diffed, and checked again.
 *
 * Real-time order (Herlihy & Wing 1990): operation a precedes b when a returned before b was called,
 * `a.return < b.call`. Operations with equal ticks are concurrent: a tick is a coarse clock, and two
 * events in one tick may have happened in either order. An operation that never returned (the client
 * crashed or timed out) has no `return`; it precedes nothing and may take effect at any point after
 * its call, or not at all (Jepsen's `:info` operations, Porcupine's pending calls).
 */
import type { Partition } from './model.ts';

/** Who issued an operation: a client, or a Jepsen process number. One at a time per process. */
export type ProcessId = number | string;

export interface Operation<Input, Output> {
  readonly process: ProcessId;
  /** Tick at which the client sent the request. */
  readonly call: number;
  /** Tick at which the response arrived; absent when it never did. */
  readonly return?: number;
  /** What was asked, in the model's terms (`{ f: 'write', value: 3 }`). */
  readonly input: Input;
  /** What came back; absent when unknown (never returned, or not recorded). */
  readonly output?: Output;
}

export type History<Input, Output> = readonly Operation<Input, Output>[];

/** Whether the operation never returned: its effect and its output are unknown. */
export function isPending(op: Operation<unknown, unknown>): boolean {
  return op.return === undefined;
}

/** Real-time order: `a` returned strictly before `b` was called. */
export function precedes(a: Operation<unknown, unknown>, b: Operation<unknown, unknown>): boolean {
  return a.return !== undefined && a.return < b.call;
}

/** Throws when an operation's ticks cannot be right: the checker would silently misjudge them. */
export function assertWellFormed(history: History<unknown, unknown>): void {
  history.forEach((op, index) => {
    if (!Number.isFinite(op.call)) throw new RangeError(`operation ${index}: call tick ${op.call} is not a finite number`);
    if (op.return === undefined) return;
    if (!Number.isFinite(op.return)) throw new RangeError(`operation ${index}: return tick ${op.return} is not a finite number`);
    if (op.return < op.call) throw new RangeError(`operation ${index}: returned at tick ${op.return}, before its call at ${op.call}`);
  });
}

/** Groups operations by a key of their input, in order of first appearance (Porcupine's partitioning). */
export function partitionBy<Input, Output>(
  history: History<Input, Output>,
  keyOf: (input: Input) => string,
  label: (key: string) => string = (key) => key,
): Partition<Input, Output>[] {
  const groups = new Map<string, Operation<Input, Output>[]>();
  for (const op of history) {
    const key = keyOf(op.input);
    const group = groups.get(key);
    if (group) group.push(op);
    else groups.set(key, [op]);
  }
  return [...groups].map(([key, operations]) => ({ label: label(key), operations }));
}

// #region pairing
/**
 * One line of a recorded history, Jepsen style: a process invokes an operation, then the operation
 * completes `ok` (it happened, with this output), `fail` (it certainly did not happen) or `info`
 * (unknown: it may have happened). Each process runs one operation at a time.
 */
export type HistoryEvent<Input, Output> =
  | { readonly type: 'invoke'; readonly process: ProcessId; readonly time: number; readonly f: string; readonly input: Input }
  | { readonly type: 'ok'; readonly process: ProcessId; readonly time: number; readonly f?: string; readonly output?: Output }
  | { readonly type: 'fail' | 'info'; readonly process: ProcessId; readonly time: number; readonly f?: string };

/** An operation and the indexes of the events it came from, so errors can point at lines. */
export interface PairedOperation<Input, Output> {
  readonly operation: Operation<Input, Output>;
  readonly invokeEvent: number;
  readonly completionEvent?: number;
}

export interface PairingError {
  readonly event: number;
  readonly message: string;
}

interface Open<Input> {
  readonly event: number;
  readonly f: string;
  readonly time: number;
  readonly input: Input;
}

/**
 * Turns invoke/completion events into operations. `ok` closes an operation with its output; `fail`
 * drops it (Jepsen: the operation definitely did not take effect, so it constrains nothing); `info`
 * and an invoke never completed leave it pending (no return tick). Each error carries the index of
 * the event at fault; `where` names another event in a message (a reader of files says "line 7").
 */
export function pairEvents<Input, Output>(
  events: readonly HistoryEvent<Input, Output>[],
  where: (event: number) => string = (event) => `event ${event}`,
): {
  operations: PairedOperation<Input, Output>[];
  errors: PairingError[];
} {
  const open = new Map<ProcessId, Open<Input>>();
  const operations: { at: number; paired: PairedOperation<Input, Output> }[] = [];
  const errors: PairingError[] = [];
  const pending = (o: Open<Input>, process: ProcessId): PairedOperation<Input, Output> => ({
    operation: { process, call: o.time, input: o.input },
    invokeEvent: o.event,
  });

  events.forEach((event, index) => {
    const current = open.get(event.process);
    if (event.type === 'invoke') {
      if (current) {
        errors.push({ event: index, message: `process ${String(event.process)} invoked ${event.f} while its ${current.f} (${where(current.event)}) has not completed; a process runs one operation at a time` });
        return;
      }
      open.set(event.process, { event: index, f: event.f, time: event.time, input: event.input });
      return;
    }
    if (!current) {
      errors.push({ event: index, message: `process ${String(event.process)} has no operation in progress to complete with "${event.type}"` });
      return;
    }
    if (event.f !== undefined && event.f !== current.f) {
      errors.push({ event: index, message: `completes ${event.f}, but process ${String(event.process)} invoked ${current.f} (${where(current.event)})` });
      return;
    }
    if (event.time < current.time) {
      errors.push({ event: index, message: `completes at time ${event.time}, before its invoke at ${current.time} (${where(current.event)})` });
      return;
    }
    open.delete(event.process);
    if (event.type !== 'ok') {
      if (event.type === 'info') operations.push({ at: current.event, paired: pending(current, event.process) });
      return;
    }
    const operation: Operation<Input, Output> = {
      process: event.process,
      call: current.time,
      return: event.time,
      input: current.input,
      ...(event.output !== undefined ? { output: event.output } : {}),
    };
    operations.push({ at: current.event, paired: { operation, invokeEvent: current.event, completionEvent: index } });
  });
  for (const [process, o] of open) operations.push({ at: o.event, paired: pending(o, process) });

  // In invoke order, so the operations read in the order the file wrote them.
  operations.sort((a, b) => a.at - b.at);
  return { operations: operations.map((o) => o.paired), errors };
}
// #endregion pairing
