/**
 * Is this history linearizable? (Herlihy & Wing 1990: every operation appears to take effect at one
 * instant between its call and its return, in an order a sequential object would accept.)
 *
 * The history is split with the model's `partition` (by key, for a map), each part is searched on
 * its own (search.ts), and the answer is linearizable iff every part is: linearizability is local.
 * The result carries, per part, the order found, or the longest linearizable prefix and the
 * operation that could not be placed — the counterexample a reader (or a note) can follow.
 */
import { assertWellFormed, type History, type Operation } from './history.ts';
import type { Model } from './model.ts';
import { searchLinearization } from './search.ts';

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
}

export type PartitionResult<State, Input, Output> = LinearizablePartition<State, Input, Output> | Counterexample<State, Input, Output>;

export type CheckResult<State, Input, Output> =
  | { readonly ok: true; readonly partitions: readonly PartitionResult<State, Input, Output>[] }
  | {
      readonly ok: false;
      readonly partitions: readonly PartitionResult<State, Input, Output>[];
      /** The first part that failed; `partitions` has every part's result. */
      readonly counterexample: Counterexample<State, Input, Output>;
    };

// #region check
export function checkLinearizability<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: History<Input, Output>,
): CheckResult<State, Input, Output> {
  assertWellFormed(history);
  const parts = model.partition ? model.partition(history) : [{ label: model.name ?? 'history', operations: history }];
  const partitions = parts.map(({ label, operations }): PartitionResult<State, Input, Output> => {
    const { ok, order, state, stuck, explored } = searchLinearization(model, operations);
    if (ok) return { ok, label, operations, order, state, explored };
    if (!stuck) throw new Error('a failed search must name the operation it could not place');
    return { ok, label, operations, order, state, explored, stuck };
  });
  const counterexample = partitions.find((p): p is Counterexample<State, Input, Output> => !p.ok);
  return counterexample ? { ok: false, partitions, counterexample } : { ok: true, partitions };
}
// #endregion check
