/**
 * Is this history linearizable? (Herlihy & Wing 1990: every operation appears to take effect at one
 * instant between its call and its return, in an order a sequential object would accept.)
 *
 * The history is split with the model's `partition` (by key, for a map), each part is searched on
 * its own (search.ts), and the answer is linearizable iff every part is: linearizability is local.
 * The check stops at the first part that is not; with a time limit it may answer "unknown".
 * The result carries, per part, the order found, or the longest linearizable prefix and the
 * operation that could not be placed — the counterexample a reader (or a note) can follow.
 */
import { assertWellFormed, precedes, type History, type Operation } from './history.ts';
import type { Model, Refutation } from './model.ts';
import { LinearizationSearch, type SearchProgress } from './search.ts';

interface PartitionFields<State, Input, Output> {
  /** Which part: the model's partition label (`key "x"`), or the model's name. */
  readonly label: string;
  /** Every operation of this part, as given (including pending ones). */
  readonly operations: History<Input, Output>;
  /**
   * If ok: a linearization of the part, with each operation placed once. Pending operations that
   * are absent took no effect. If not ok: the longest linearizable prefix the search found.
   */
  readonly order: readonly Operation<Input, Output>[];
  /** The state after `order`. */
  readonly state: State;
  /** Configurations the search explored. */
  readonly explored: number;
}

export interface LinearizablePartition<State, Input, Output> extends PartitionFields<State, Input, Output> {
  readonly ok: true;
}

/** A part with no linearization: after `order`, `stuck` (which returned) cannot be placed in any order. */
export interface Counterexample<State, Input, Output> extends PartitionFields<State, Input, Output> {
  readonly ok: false;
  readonly stuck: Operation<Input, Output>;
  /**
   * When the model refuted the part without a search (`Model.refute`): why `stuck` fits no order.
   * `order` is then a linearization of the operations called before `stuck`, not necessarily the
   * longest prefix.
   */
  readonly reason?: string;
}

export type PartitionResult<State, Input, Output> = LinearizablePartition<State, Input, Output> | Counterexample<State, Input, Output>;

/** A part whose search did not finish: another part failed first, or the time ran out. */
export interface UncheckedPartition<Input, Output> {
  readonly label: string;
  readonly operations: History<Input, Output>;
  /** How far its search got; absent when it never started. */
  readonly progress?: SearchProgress;
}

export type CheckResult<State, Input, Output> =
  | {
      readonly ok: true;
      readonly verdict: 'linearizable';
      readonly partitions: readonly PartitionResult<State, Input, Output>[];
      readonly unchecked: readonly UncheckedPartition<Input, Output>[];
    }
  | {
      readonly ok: false;
      readonly verdict: 'not linearizable';
      /** The parts whose search finished, in the model's partition order. */
      readonly partitions: readonly PartitionResult<State, Input, Output>[];
      /** The part that failed (the first to fail); the check stops there. */
      readonly counterexample: Counterexample<State, Input, Output>;
      /** Parts left unfinished when the failing one was found. */
      readonly unchecked: readonly UncheckedPartition<Input, Output>[];
    };

/** The time ran out before every part was found linearizable and before any was found not to be. */
export interface UnknownResult<State, Input, Output> {
  readonly ok: undefined;
  readonly verdict: 'unknown';
  /** The parts found linearizable before the deadline. */
  readonly partitions: readonly PartitionResult<State, Input, Output>[];
  /** The parts still being searched, with how far each got. */
  readonly unchecked: readonly UncheckedPartition<Input, Output>[];
  readonly timeoutMs: number;
}

export type CheckOutcome<State, Input, Output> = CheckResult<State, Input, Output> | UnknownResult<State, Input, Output>;

/**
 * A time limit: give up after `timeoutMs` and answer "unknown". The caller supplies the clock, in
 * milliseconds (`() => performance.now()` in a tool, a counter in a test): code under snippets/ never
 * reads the real clock itself, so every check is reproducible.
 */
export type CheckOptions = { readonly timeoutMs?: undefined; readonly now?: undefined } | { readonly timeoutMs: number; readonly now: () => number };

/** Steps each unfinished part's search runs before the next part's turn. */
const SLICE_STEPS = 4096;

// #region check
/**
 * Parts are searched smallest first, taking turns in slices of steps, and the check stops at the
 * first part found not linearizable: a hard linearizable part cannot hold up an easy illegal one,
 * and nothing is searched once the answer is known. With `timeoutMs` the answer may be "unknown".
 */
export function checkLinearizability<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: History<Input, Output>,
  options?: { readonly timeoutMs?: undefined; readonly now?: undefined },
): CheckResult<State, Input, Output>;
export function checkLinearizability<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: History<Input, Output>,
  options: CheckOptions,
): CheckOutcome<State, Input, Output>;
export function checkLinearizability<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: History<Input, Output>,
  options: CheckOptions = {},
): CheckOutcome<State, Input, Output> {
  const { timeoutMs } = options;
  const now = options.now ?? (() => 0);
  assertWellFormed(history);
  const parts = model.partition ? model.partition(history) : [{ label: model.name ?? 'history', operations: history }];
  const deadline = timeoutMs === undefined ? Infinity : now() + timeoutMs;
  const searches = parts.map(({ operations }) => new PartSearch(model, operations));
  const results = new Array<PartitionResult<State, Input, Output> | undefined>(parts.length);
  const started = new Uint8Array(parts.length);
  // Smallest first: the cheap parts finish in their first turn.
  let active = [...parts.keys()].sort((a, b) => parts[a]!.operations.length - parts[b]!.operations.length || a - b);
  let failed: Counterexample<State, Input, Output> | undefined;
  const slice = active.length === 1 && deadline === Infinity ? Infinity : SLICE_STEPS;

  while (active.length > 0 && !failed) {
    if (now() > deadline) break;
    const stillActive: number[] = [];
    for (const i of active) {
      started[i] = 1;
      if (!searches[i]!.advance(slice)) {
        stillActive.push(i);
        continue;
      }
      const result = searches[i]!.outcome(parts[i]!.label);
      results[i] = result;
      if (!result.ok) {
        failed = result;
        break;
      }
    }
    active = stillActive;
  }

  const partitions = results.filter((r): r is PartitionResult<State, Input, Output> => r !== undefined);
  const unchecked = parts.flatMap(({ label, operations }, i): UncheckedPartition<Input, Output>[] => {
    if (results[i]) return [];
    return [started[i] ? { label, operations, progress: searches[i]!.progress } : { label, operations }];
  });
  if (failed) return { ok: false, verdict: 'not linearizable', partitions, counterexample: failed, unchecked };
  if (unchecked.length > 0) return { ok: undefined, verdict: 'unknown', partitions, unchecked, timeoutMs: timeoutMs ?? Infinity };
  return { ok: true, verdict: 'linearizable', partitions, unchecked };
}
// #endregion check

/**
 * One part's search. When the model refutes the part outright, the search runs without the stuck
 * operation, and the counterexample's prefix is the order found up to the last operation that had
 * to come before the stuck one. Should the part have no order even without it (then that prefix
 * would mislead), the whole part is searched as usual.
 */
class PartSearch<State, Input, Output> {
  readonly #model: Model<State, Input, Output>;
  readonly #operations: History<Input, Output>;
  #refutation: Refutation<Input, Output> | undefined;
  #search: LinearizationSearch<State, Input, Output>;

  constructor(model: Model<State, Input, Output>, operations: History<Input, Output>) {
    this.#model = model;
    this.#operations = operations;
    this.#refutation = model.refute?.(operations);
    const stuck = this.#refutation?.stuck;
    this.#search = new LinearizationSearch(model, stuck ? operations.filter((op) => op !== stuck) : operations);
  }

  get progress(): SearchProgress {
    return this.#search.progress;
  }

  advance(steps: number): boolean {
    if (!this.#search.advance(steps)) return false;
    if (!this.#refutation || this.#search.result!.ok) return true;
    this.#refutation = undefined;
    this.#search = new LinearizationSearch(this.#model, this.#operations);
    return false;
  }

  /** The part's result, once `advance` returned true. */
  outcome(label: string): PartitionResult<State, Input, Output> {
    const operations = this.#operations;
    const { ok, order, state, stuck, explored } = this.#search.result!;
    const refutation = this.#refutation;
    if (refutation) return refutedResult(this.#model, label, operations, order, explored, refutation);
    if (ok) return { ok, label, operations, order, state, explored };
    if (!stuck) throw new Error('a failed search must name the operation it could not place');
    return { ok, label, operations, order, state, explored, stuck };
  }
}

/** A refuted part: the linearization found without `stuck`, cut after the last operation that must precede it. */
function refutedResult<State, Input, Output>(
  model: Model<State, Input, Output>,
  label: string,
  operations: History<Input, Output>,
  order: readonly Operation<Input, Output>[],
  explored: number,
  { stuck, reason }: Refutation<Input, Output>,
): Counterexample<State, Input, Output> {
  const prefix = order.slice(0, mustPrecedeCut(operations, order, stuck));
  let state = model.init();
  for (const op of prefix) state = model.step(state, op.input, op.output)[1];
  return { ok: false, label, operations, order: prefix, state, explored, stuck, reason };
}

/**
 * How much of `order` a refutation keeps: up to the last operation that must precede `stuck`, one that
 * returned before it was called, or an operation of its own process, earlier in the history, that returned.
 */
export function mustPrecedeCut<Input, Output>(operations: History<Input, Output>, order: readonly Operation<Input, Output>[], stuck: Operation<Input, Output>): number {
  // One pass, not an indexOf per operation (quadratic on a key with 100,000 operations).
  const earlierOfItsProcess = new Set<Operation<Input, Output>>();
  let reached = false;
  for (const op of operations) {
    if (op === stuck) {
      reached = true;
      break;
    }
    if (op.process === stuck.process && op.return !== undefined) earlierOfItsProcess.add(op);
  }
  if (!reached) earlierOfItsProcess.clear();
  for (let i = order.length - 1; i >= 0; i--) {
    const op = order[i]!;
    if (precedes(op, stuck) || earlierOfItsProcess.has(op)) return i + 1;
  }
  return 0;
}
