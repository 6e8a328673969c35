/**
 * Client histories: what each client asked, what it was told, and when. Plain JSON-able data, so a
 * history can be saved next to a note, diffed, and checked again.
 *
 * Real-time order (Herlihy & Wing 1990): operation a precedes b when a returned before b was called.
 * Two clocks can say so:
 * - ticks, `a.return < b.call`. Operations with equal ticks are concurrent: a tick is a coarse clock,
 *   and two events in one tick may have happened in either order;
 * - event orders, `a.returnOrder < b.callOrder`, when both operations carry them: the position of
 *   each call and reply in one total order of events (the simulator's order of handled events, or
 *   the lines of a Jepsen file). They tell apart what one tick lumps together; ticks are then only
 *   for display. Give orders on every operation of a history or on none.
 * And always program order: a process runs one operation at a time, so each of its operations that
 * returned precedes its next one, whatever the clocks say (with ticks, a client's next call may go
 * out in the tick its previous reply arrived).
 *
 * An operation that never returned (the client crashed or timed out) has no `return`; it precedes
 * nothing and may take effect at any point after its call, or not at all (Jepsen's `:info`
 * operations, Porcupine's pending calls).
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
  /** Position of the call in the history's one total order of events, when known. */
  readonly callOrder?: number;
  /** Position of the reply's arrival in that order; absent when it never arrived. */
  readonly returnOrder?: number;
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

/** Real-time order: `a` returned strictly before `b` was called (by event order when both have one, else by ticks). */
export function precedes(a: Operation<unknown, unknown>, b: Operation<unknown, unknown>): boolean {
  if (a.callOrder !== undefined && b.callOrder !== undefined) return a.returnOrder !== undefined && a.returnOrder < b.callOrder;
  return a.return !== undefined && a.return < b.call;
}

/** Whether the history's operations carry event orders (all of them do, or none: assertWellFormed). */
export function hasEventOrder(history: History<unknown, unknown>): boolean {
  return history.length > 0 && history[0]!.callOrder !== undefined;
}

/** When the operation was called, on the clock the checker uses for this history. */
export function callTime(op: Operation<unknown, unknown>, ordered: boolean): number {
  return ordered ? op.callOrder! : op.call;
}

/** When it returned on that clock; +Infinity when it never did. */
export function returnTime(op: Operation<unknown, unknown>, ordered: boolean): number {
  return (ordered ? op.returnOrder : op.return) ?? Infinity;
}

/**
 * Program order: for each operation (by index), the index of the latest operation of the same
 * process that returned before it was issued, or -1. Operations of a process are taken in call order
 * (ties: their order in the history, which is the order a process issued them). One predecessor
 * suffices: it had to wait for the earlier ones in turn. An operation that never returned precedes
 * nothing, so it is skipped (its process may go on, as a client that timed out does).
 */
export function programPredecessors(history: History<unknown, unknown>): Int32Array {
  const ordered = hasEventOrder(history);
  const byCall = [...history.keys()].sort((a, b) => callTime(history[a]!, ordered) - callTime(history[b]!, ordered) || a - b);
  return predecessorsIn(history, byCall);
}

/** The same for operations already sorted by call (ties in issue order), as the search holds them: no sort. */
export function programPredecessorsInCallOrder(history: History<unknown, unknown>): Int32Array {
  return predecessorsIn(history, history.keys());
}

function predecessorsIn(history: History<unknown, unknown>, byCall: Iterable<number>): Int32Array {
  const latest = new Map<ProcessId, number>();
  const predecessor = new Int32Array(history.length).fill(-1);
  for (const i of byCall) {
    const op = history[i]!;
    predecessor[i] = latest.get(op.process) ?? -1;
    if (op.return !== undefined) latest.set(op.process, i);
  }
  return predecessor;
}

/** Throws when an operation's ticks or orders cannot be right: the checker would silently misjudge them. */
export function assertWellFormed(history: History<unknown, unknown>): void {
  const ordered = hasEventOrder(history);
  history.forEach((op, index) => {
    if (!Number.isFinite(op.call)) throw new RangeError(`operation ${index}: call tick ${op.call} is not a finite number`);
    if ((op.callOrder !== undefined) !== ordered) {
      throw new RangeError(`operation ${index} ${ordered ? 'has no' : 'has a'} callOrder, unlike operation 0: give event orders on every operation or on none`);
    }
    if (ordered) {
      if (!Number.isFinite(op.callOrder)) throw new RangeError(`operation ${index}: callOrder ${op.callOrder} is not a finite number`);
      if ((op.returnOrder === undefined) !== (op.return === undefined)) {
        throw new RangeError(`operation ${index}: give returnOrder exactly when the operation returned (return tick ${op.return ?? 'absent'}, returnOrder ${op.returnOrder ?? 'absent'})`);
      }
      if (op.returnOrder !== undefined && !(op.returnOrder > op.callOrder!)) {
        throw new RangeError(`operation ${index}: returnOrder ${op.returnOrder} is not after its callOrder ${op.callOrder}`);
      }
    } else if (op.returnOrder !== undefined) {
      throw new RangeError(`operation ${index}: has a returnOrder but no callOrder`);
    }
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
