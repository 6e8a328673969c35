/**
 * What the linearizability checker needs to know about an object: its sequential specification.
 * A model is a plain object `{ init, step, equal, describe }` (Porcupine's shape), so a note can show
 * one in a dozen lines and a test can define one inline.
 *
 * `step` judges one operation against one state: given the state before the operation, the input the
 * client sent and the output it received, it says whether a sequential object could have produced
 * that output, and what state follows. The checker only ever asks "is this output possible here?";
 * it never computes outputs itself. Step must not mutate `state`: the search keeps old states to
 * backtrack to, and memoizes (linearized set, state) pairs (Lowe 2017).
 */
import type { History, Operation } from './history.ts';

/** `[ok, next]`: whether the output is possible in this state, and the state after the operation. */
export type StepResult<State> = readonly [ok: boolean, next: State];

export interface Model<State, Input, Output> {
  /** A name for messages and diagrams ("register"). */
  readonly name?: string;

  /** The object's state before any operation. */
  init(): State;

  /**
   * Applies one operation. `output` is `undefined` when the operation never returned (the client
   * crashed or timed out): its output is unknown, so any output is acceptable and `ok` should be
   * true whenever the input itself can be applied. Jepsen and Porcupine treat such operations the
   * same way; the checker separately allows them to take no effect at all.
   */
  step(state: State, input: Input, output: Output | undefined): StepResult<State>;

  /** Whether two states are the same; the search's memo table compares states with it. */
  equal(a: State, b: State): boolean;

  /**
   * A hash of the state (any number; it is cut to 32 bits): equal states must hash alike. The memo
   * table keys configurations by it as well as by the set of operations placed, so the many states
   * one set can reach (appends in different orders) are told apart without comparing them one by
   * one; `equal` still settles every hash match, so a poor hash costs time, never a wrong verdict.
   * Without it every state hashes to 0 (fine when a set reaches few states, as with a register).
   */
  hash?(state: State): number;

  /** The operation as text, for counterexamples: `write(3)`, `read() → 3`; `output` undefined = unknown. */
  describe(input: Input, output: Output | undefined): string;

  /** The state as text, for counterexamples. Defaults to JSON. */
  describeState?(state: State): string;

  /**
   * Splits a history into independent parts checked one by one (Porcupine's `Partition`). Sound for
   * objects made of independent parts, such as the keys of a map: linearizability is local
   * (Herlihy & Wing 1990), so a history is linearizable iff each key's sub-history is. The checker
   * is exponential in the worst case, so checking k small parts beats checking one big one.
   */
  partition?(history: History<Input, Output>): readonly Partition<Input, Output>[];

  /**
   * True when an operation with this input never changes the state (a read). An operation that
   * never returned and changes nothing constrains nothing, so the checker drops it before the
   * search; without this hook it is still handled correctly, only searched.
   */
  readOnly?(input: Input): boolean;

  /**
   * A proof without search that one part (as `partition` gives it, or the whole history) is not
   * linearizable: an operation that returned and can be placed in no order, with the operation that
   * rules it out. It must be sound: return something only when no linearization exists. The checker
   * then searches the part without the stuck operation (the whole part again if that fails), for a
   * prefix to show with it.
   * The kv model uses it for stale reads (models/kv-refute.ts), which the search can only rule out
   * by trying every order of what came before.
   */
  refute?(operations: History<Input, Output>): Refutation<Input, Output> | undefined;

  /**
   * For objects whose state only grows between resets (a kv value grows by appends until a put):
   * lets the search drop a configuration as soon as a read that must come later can no longer fit,
   * instead of when the walk reaches that read's return. Both functions must be sound.
   */
  readonly growth?: Growth<State, Input, Output>;
}

export interface Growth<State, Input, Output> {
  /**
   * Whether a read (`readOnly`) with this input and output can fit in some state reached from `state`
   * by operations for which `resets` is false. False only when it surely cannot (undefined output:
   * true).
   */
  stillFits(state: State, input: Input, output: Output | undefined): boolean;
  /** Whether the operation may replace the state with one that does not grow from it (a put, a cas). */
  resets(input: Input): boolean;
  /** The state a reset leaves, whatever the state before (a put's value), or undefined if it depends (a cas). */
  resetTo(input: Input): State | undefined;
}

/** `stuck` (which returned) fits no order, because `cause` had to take effect before it. */
export interface Refutation<Input, Output> {
  readonly stuck: Operation<Input, Output>;
  readonly cause: Operation<Input, Output>;
  /** Why, in a sentence, naming both operations. */
  readonly reason: string;
}

/** One independently checked part of a history, named for messages (`key "x"`). */
export interface Partition<Input, Output> {
  readonly label: string;
  readonly operations: History<Input, Output>;
}

/** The state as text: the model's own description, else JSON. */
export function describeState<State, Input, Output>(model: Model<State, Input, Output>, state: State): string {
  return model.describeState ? model.describeState(state) : JSON.stringify(state) ?? String(state);
}
