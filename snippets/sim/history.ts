/**
 * Client histories, in the form a linearizability checker consumes (Porcupine's operations; Jepsen's
 * invoke/ok pairs). Plain JSON-able data: a history can be saved, diffed and fed to a checker as is.
 */
import type { Operation } from '../check/history.ts';
import type { ClientId } from './types.ts';

/**
 * One operation a client issued.
 * - `id` is unique in the run and is also the request id the node sees (increasing per client).
 * - `client` issues one operation at a time, so one client's operations never overlap.
 * - `key` (optional) partitions the history: operations on different keys are checked separately.
 * - `op` and `args` say what was asked (`put`, `['x', 1]`); `result` is the node's response, as sent.
 * - `invokeTick` is when the client sent the request; `returnTick` when the response arrived.
 *   No `returnTick` means the outcome is unknown (timed out, lost, or the run ended first): the
 *   operation may or may not have taken effect, at any time after `invokeTick`.
 * - `invokeOrder` and `returnOrder` place the call and the reply's arrival in the one total order in
 *   which the simulator handled events (a run-wide counter: strictly increasing, never equal for two
 *   events). Ticks are coarse: a client's next call often goes out in the tick its previous answer
 *   arrived. `a` precedes `b` exactly when `a.returnOrder < b.invokeOrder`.
 */
export interface ClientOperation {
  readonly id: number;
  readonly client: ClientId;
  readonly key?: string;
  readonly op: string;
  readonly args: unknown;
  readonly invokeTick: number;
  readonly returnTick?: number;
  readonly invokeOrder: number;
  readonly returnOrder?: number;
  readonly result?: unknown;
}

export type History = readonly ClientOperation[];

/** Whether an operation returned (its result is known). */
export function completed(op: ClientOperation): op is ClientOperation & { readonly returnTick: number } {
  return op.returnTick !== undefined;
}

/** When a reply reached the client and what it said, for `checkerOperation`. */
export interface CheckerReturn<Output> {
  readonly tick: number;
  readonly order: number;
  /** Absent when the answer carries nothing the checker's model compares (a write's "ok"). */
  readonly output?: Output;
}

/**
 * One operation in the linearizability checker's terms (check/history.ts): the caller, the call's
 * tick and event order, the input; and, if an answer came, its tick, event order and output. Event
 * orders, not ticks, say which operation came first: a client's next call can leave in the tick its
 * previous answer arrived. Every runner's history mapping goes through here, so none can forget them.
 */
export function checkerOperation<Input, Output>(called: ClientOperation, input: Input, returned?: CheckerReturn<Output>): Operation<Input, Output> {
  const call = { process: called.client, call: called.invokeTick, callOrder: called.invokeOrder, input };
  if (returned === undefined) return call;
  return { ...call, return: returned.tick, returnOrder: returned.order, ...(returned.output !== undefined ? { output: returned.output } : {}) };
}

/** The answer `op` got, with the output the checker should see; undefined if no answer came. */
export function answerOf<Output>(op: ClientOperation, output?: Output): CheckerReturn<Output> | undefined {
  if (op.returnTick === undefined || op.returnOrder === undefined) return undefined;
  return { tick: op.returnTick, order: op.returnOrder, ...(output !== undefined ? { output } : {}) };
}
