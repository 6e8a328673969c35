/**
 * The search for a linearization of one (partition of a) history: Wing & Gong's algorithm (1993,
 * "Testing and verifying concurrent objects") with Lowe's memo table (2017, "Testing for
 * linearizability"), the combination Porcupine runs. Written from the papers' description.
 *
 * The history becomes one list of call and return entries in time order. Walking it from the front:
 * - at a call entry, try to linearize that operation now: if the model accepts its output in the
 *   current state and the resulting configuration is new, "lift" the operation (unlink its call and
 *   its return from the list), push it on a stack and start again from the front;
 * - otherwise move on to the next entry: a later call may be the one that has to go first;
 * - at a return entry, the operation that returned there has not been linearized, and nothing after
 *   its return may be linearized before it (real-time order), so this path is dead: pop the last
 *   operation, "unlift" it (relink both entries), restore the state and try the entry after its call.
 * The history is not linearizable when the stack is empty and there is nothing left to try.
 *
 * Operations that never returned get a return entry at +infinity, after every real one, so they can
 * be linearized anywhere after their call, and never block the walk. The search succeeds as soon as
 * every operation that did return is linearized: the pending ones left over took no effect (Jepsen's
 * and Porcupine's treatment: each may take effect at any instant after its call, or not at all).
 *
 * The loop is iterative (an explicit stack, no recursion) so 100k operations cannot overflow the call
 * stack, and the list is two Int32Arrays with the entries numbered 2·op (call) and 2·op + 1 (return),
 * so lifting and unlifting are a few array writes (Knuth's dancing links).
 */
import type { History, Operation } from './history.ts';
import { LinearizedSet, MemoTable } from './memo.ts';
import type { Model } from './model.ts';

export interface SearchResult<State, Input, Output> {
  readonly ok: boolean;
  /** All linearized operations in order (ok), or the longest linearizable prefix found (not ok). */
  readonly order: readonly Operation<Input, Output>[];
  /** The state after `order`. */
  readonly state: State;
  /** Not ok: the operation that returned before any order could place it. */
  readonly stuck?: Operation<Input, Output>;
  /** Configurations explored (memo entries), a measure of the search's work. */
  readonly explored: number;
}

export function searchLinearization<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: History<Input, Output>,
): SearchResult<State, Input, Output> {
  const ops = searchable(model, history);
  const n = ops.length;
  const list = linkedEntries(ops);
  const { next } = list;
  const head = 2 * n;
  const linearized = new LinearizedSet();
  const memo = new MemoTable<State>((a, b) => model.equal(a, b));
  const stack = new Int32Array(n);
  const statesBefore: State[] = new Array<State>(n);
  let depth = 0;
  let state = model.init();
  const best = new BestPrefix(n, state);
  // Operations that returned and are not linearized yet; when none are left the search succeeds.
  const completed = ops.filter((op) => op.return !== undefined).length;
  let unplaced = completed;
  let entry = next[head]!;

  for (;;) {
    if (unplaced === 0) {
      return { ok: true, order: [...stack.subarray(0, depth)].map((i) => ops[i]!), state, explored: memo.size };
    }
    const op = entry >> 1;
    if (entry & 1) {
      // A return entry of an operation not yet linearized: this path is dead, backtrack.
      best.offer(stack, depth, completed - unplaced, state, op);
      if (depth === 0) {
        return { ok: false, order: best.ids().map((i) => ops[i]!), state: best.state, stuck: ops[best.stuck]!, explored: memo.size };
      }
      depth--;
      best.popTo(depth);
      const undone = stack[depth]!;
      state = statesBefore[depth]!;
      linearized.remove(undone);
      list.unlift(undone);
      if (ops[undone]!.return !== undefined) unplaced++;
      entry = next[2 * undone]!;
      continue;
    }
    const operation = ops[op]!;
    const [ok, after] = model.step(state, operation.input, operation.output);
    if (ok) {
      linearized.add(op);
      if (memo.add(linearized, after)) {
        stack[depth] = op;
        statesBefore[depth] = state;
        depth++;
        state = after;
        list.lift(op);
        if (operation.return !== undefined) unplaced--;
        entry = next[head]!;
        continue;
      }
      linearized.remove(op);
    }
    entry = next[entry]!;
  }
}

/** The operations the search considers, numbered in call order (the memo's set encoding needs it). */
function searchable<State, Input, Output>(model: Model<State, Input, Output>, history: History<Input, Output>): Operation<Input, Output>[] {
  // A pending read changes nothing and its output is unknown: it constrains nothing, so leave it out.
  const kept = history.filter((op) => !(op.return === undefined && model.readOnly?.(op.input)));
  return kept.map((op, index) => ({ op, index })).sort((a, b) => a.op.call - b.op.call || a.index - b.index).map((x) => x.op);
}

/**
 * Call and return entries in one doubly linked list, in time order. At equal ticks calls come first,
 * which makes operations that touch the same tick concurrent (see history.ts).
 */
function linkedEntries(ops: readonly Operation<unknown, unknown>[]) {
  const n = ops.length;
  const head = 2 * n;
  const time = (e: number) => (e & 1 ? (ops[e >> 1]!.return ?? Infinity) : ops[e >> 1]!.call);
  const order = Array.from({ length: 2 * n }, (_, e) => e).sort((a, b) => time(a) - time(b) || (a & 1) - (b & 1) || a - b);
  const next = new Int32Array(2 * n + 1);
  const prev = new Int32Array(2 * n + 1);
  let last = head;
  for (const e of order) {
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  next[last] = head;
  prev[head] = last;

  const unlink = (e: number) => {
    next[prev[e]!] = next[e]!;
    prev[next[e]!] = prev[e]!;
  };
  const relink = (e: number) => {
    next[prev[e]!] = e;
    prev[next[e]!] = e;
  };
  return {
    next,
    lift(op: number) {
      unlink(2 * op);
      unlink(2 * op + 1);
    },
    // Relink in the reverse order of unlinking, so each entry's saved neighbours are current again.
    unlift(op: number) {
      relink(2 * op + 1);
      relink(2 * op);
    },
  };
}

/**
 * The best stack seen at a dead end, kept for the counterexample: the one that places the most
 * operations that returned, and among those the fewest that did not (a pending write placed at the
 * end only muddies the state the reader is shown). Copying the whole stack at every new record
 * would cost O(n) per backtrack; instead `agree` tracks how much of the stack still equals the saved
 * copy, and only the part above it is copied. Each stack slot is then copied at most once per push,
 * so the bookkeeping costs O(pushes) in all.
 */
class BestPrefix<State> {
  readonly #saved: Int32Array;
  #depth = -1;
  #completed = -1;
  #agree = 0;
  stuck = -1;
  state: State;

  constructor(n: number, initial: State) {
    this.#saved = new Int32Array(n);
    this.state = initial;
  }

  offer(stack: Int32Array, depth: number, completed: number, state: State, stuck: number): void {
    if (completed < this.#completed || (completed === this.#completed && depth >= this.#depth)) return;
    this.#saved.set(stack.subarray(this.#agree, depth), this.#agree);
    this.#completed = completed;
    this.#depth = depth;
    this.#agree = depth;
    this.stuck = stuck;
    this.state = state;
  }

  popTo(depth: number): void {
    if (depth < this.#agree) this.#agree = depth;
  }

  ids(): number[] {
    return [...this.#saved.subarray(0, Math.max(0, this.#depth))];
  }
}
