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
import { callTime, hasEventOrder, programPredecessorsInCallOrder, returnTime, type History, type Operation } from './history.ts';
import { LinearizedSet, MemoTable, mix32 } from './memo.ts';
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

/** How far an unfinished search got. */
export interface SearchProgress {
  /** Configurations explored so far. */
  readonly explored: number;
  /** The most operations that returned placed in one order so far, of `completed`. */
  readonly placed: number;
  /** Operations that returned, which a linearization must all place. */
  readonly completed: number;
}

/** Not an entry: "this path is dead, backtrack" without a return entry to blame. */
const BACKTRACK = -1;

export function searchLinearization<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: History<Input, Output>,
): SearchResult<State, Input, Output> {
  const search = new LinearizationSearch(model, history);
  while (!search.advance(Infinity));
  return search.result!;
}

/**
 * The search as a resumable object: `advance(steps)` runs at most that many steps and says whether
 * it finished, so the checker can interleave the searches of several partitions (an easy illegal
 * one is not stuck behind a hard legal one) and stop at a deadline.
 */
export class LinearizationSearch<State, Input, Output> {
  readonly #model: Model<State, Input, Output>;
  readonly #ops: Operation<Input, Output>[];
  readonly #next: Int32Array;
  readonly #list: ReturnType<typeof linkedEntries>;
  /** Per operation, the one of its process that must be placed first (program order), or -1. */
  readonly #predecessor: Int32Array;
  readonly #placed: Uint8Array;
  /**
   * 1 for operations that cannot change the state (the model's `readOnly`: reads). Such an operation,
   * once its output fits the state, is placed at once and never tried later instead: if any order
   * extends the current prefix, one with the read right here does too (it changes nothing, everything
   * that must precede it is placed, since the walk reached its call). So when a path through a read
   * dies, the prefix before the read is dead as well, and the search backtracks past it. On kv
   * histories with appends this cuts the configurations explored by orders of magnitude.
   */
  readonly #readOnly: Uint8Array;
  /** 1 for operations the model's `growth` says may reset the state (puts); unused without it. */
  readonly #resets: Uint8Array;
  readonly #linearized = new LinearizedSet();
  readonly #memo: MemoTable<State>;
  readonly #stack: Int32Array;
  readonly #statesBefore: State[];
  readonly #best: BestPrefix<State>;
  /** Operations that returned; when all are linearized the search succeeds. */
  readonly #completed: number;
  #unplaced: number;
  /** The fewest operations that returned left unplaced at any point so far (for `progress`). */
  #leastUnplaced: number;
  #depth = 0;
  #state: State;
  #entry: number;
  result: SearchResult<State, Input, Output> | undefined;

  constructor(model: Model<State, Input, Output>, history: History<Input, Output>) {
    this.#model = model;
    const ops = searchable(model, history);
    const n = ops.length;
    this.#ops = ops;
    this.#list = linkedEntries(ops);
    this.#next = this.#list.next;
    // `searchable` sorted them by call already.
    this.#predecessor = programPredecessorsInCallOrder(ops);
    this.#placed = new Uint8Array(n);
    this.#readOnly = Uint8Array.from(ops, (op) => (model.readOnly?.(op.input) ? 1 : 0));
    const growth = model.growth;
    this.#resets = Uint8Array.from(ops, (op) => (growth?.resets(op.input) ? 1 : 0));
    this.#memo = new MemoTable<State>((a, b) => model.equal(a, b));
    this.#stack = new Int32Array(n);
    this.#statesBefore = new Array<State>(n);
    this.#state = model.init();
    this.#best = new BestPrefix(n, this.#state);
    this.#completed = ops.filter((op) => op.return !== undefined).length;
    this.#unplaced = this.#completed;
    this.#leastUnplaced = this.#completed;
    this.#entry = this.#next[2 * n]!;
  }

  get progress(): SearchProgress {
    return { explored: this.#memo.size, placed: this.#completed - this.#leastUnplaced, completed: this.#completed };
  }

  /** Runs up to `steps` steps (an entry looked at is a step); true once `result` is set. */
  advance(steps: number): boolean {
    if (this.result) return true;
    const model = this.#model;
    const hash = model.hash;
    const ops = this.#ops;
    const next = this.#next;
    const list = this.#list;
    const predecessor = this.#predecessor;
    const readOnly = this.#readOnly;
    const placed = this.#placed;
    const linearized = this.#linearized;
    const memo = this.#memo;
    const stack = this.#stack;
    const statesBefore = this.#statesBefore;
    const best = this.#best;
    const head = 2 * ops.length;
    let state = this.#state;
    let entry = this.#entry;
    let depth = this.#depth;
    let unplaced = this.#unplaced;
    let leastUnplaced = this.#leastUnplaced;
    const save = () => {
      this.#leastUnplaced = leastUnplaced;
      this.#state = state;
      this.#entry = entry;
      this.#depth = depth;
      this.#unplaced = unplaced;
    };

    for (let step = 0; ; step++) {
      if (unplaced === 0) {
        this.#leastUnplaced = 0;
        this.result = { ok: true, order: [...stack.subarray(0, depth)].map((i) => ops[i]!), state, explored: memo.size };
        return true;
      }
      if (step >= steps) {
        save();
        return false;
      }
      const op = entry >> 1;
      if (entry < 0 || entry & 1) {
        // A return entry of an operation not yet linearized: this path is dead, backtrack.
        if (entry >= 0) best.offer(stack, depth, this.#completed - unplaced, state, op);
        let undone: number;
        do {
          if (depth === 0) {
            this.#leastUnplaced = leastUnplaced;
            this.result = { ok: false, order: best.ids().map((i) => ops[i]!), state: best.state, stuck: ops[best.stuck]!, explored: memo.size };
            return true;
          }
          depth--;
          best.popTo(depth);
          undone = stack[depth]!;
          state = statesBefore[depth]!;
          linearized.remove(undone);
          placed[undone] = 0;
          list.unlift(undone);
          if (ops[undone]!.return !== undefined) unplaced++;
          // A read placed where it fit was no choice (see `readOnly` below): the prefix before it is dead too.
        } while (readOnly[undone] === 1);
        entry = next[2 * undone]!;
        continue;
      }
      const before = predecessor[op]!;
      if (before >= 0 && placed[before] === 0) {
        // Its process's previous operation is not placed yet, and must come first (program order).
        entry = next[entry]!;
        continue;
      }
      const operation = ops[op]!;
      const [ok, after] = model.step(state, operation.input, operation.output);
      if (ok && (readOnly[op] === 1 || this.#readsCanFit(op, after))) {
        linearized.add(op);
        const fresh = memo.add(linearized, after, hash ? mix32(hash(after) | 0) : 0);
        if (!fresh && readOnly[op] === 1) {
          // Seen before, so it failed; and the read was no choice here, so this prefix fails too.
          linearized.remove(op);
          entry = BACKTRACK;
          continue;
        }
        if (fresh) {
          stack[depth] = op;
          statesBefore[depth] = state;
          depth++;
          state = after;
          placed[op] = 1;
          list.lift(op);
          if (operation.return !== undefined && --unplaced < leastUnplaced) leastUnplaced = unplaced;
          entry = next[head]!;
          continue;
        }
        linearized.remove(op);
      }
      entry = next[entry]!;
    }
  }

  /**
   * With the model's `growth`: whether, after placing `placing` to reach `state`, each read met
   * among the next few entries can still fit. Walking from the front of the list, each return entry
   * met is a read that must be placed after this point, and the resets that can come before it are
   * those whose call entries were met before (one called later cannot precede it). So its state will
   * have grown from `state` or from what one of those resets leaves; if it fits none of them, this
   * configuration is dead. A reset whose result depends on the state ends the walk. Any prefix of
   * the walk is sound; the limit keeps the check cheap.
   */
  #readsCanFit(placing: number, state: State): boolean {
    const growth = this.#model.growth;
    if (!growth) return true;
    const ops = this.#ops;
    const next = this.#next;
    const head = 2 * ops.length;
    const starts = [state];
    let entry = next[head]!;
    for (let seen = 0; entry !== head && seen < LOOKAHEAD; seen++, entry = next[entry]!) {
      const op = entry >> 1;
      if (op === placing) continue;
      const { input, output } = ops[op]!;
      if (!(entry & 1)) {
        if (this.#resets[op] === 0) continue;
        const reset = growth.resetTo(input);
        if (reset === undefined) return true;
        starts.push(reset);
        continue;
      }
      if (this.#readOnly[op] === 1 && !starts.some((start) => growth.stillFits(start, input, output))) return false;
    }
    return true;
  }
}

/** Entries `#readsCanFit` looks at, at most. */
const LOOKAHEAD = 32;

/** The operations the search considers, numbered in call order (the memo's set encoding needs it). */
function searchable<State, Input, Output>(model: Model<State, Input, Output>, history: History<Input, Output>): Operation<Input, Output>[] {
  // A pending read changes nothing and its output is unknown: it constrains nothing, so leave it out.
  const kept = history.filter((op) => !(op.return === undefined && model.readOnly?.(op.input)));
  const ordered = hasEventOrder(kept);
  return kept
    .map((op, index) => ({ op, index }))
    .sort((a, b) => callTime(a.op, ordered) - callTime(b.op, ordered) || a.index - b.index)
    .map((x) => x.op);
}

/**
 * Call and return entries in one doubly linked list, in time order (event order when the history
 * has one). At equal ticks calls come first, which makes operations that touch the same tick
 * concurrent (see history.ts); program order is enforced separately, in the search.
 */
function linkedEntries(ops: readonly Operation<unknown, unknown>[]) {
  const n = ops.length;
  const head = 2 * n;
  const ordered = hasEventOrder(ops);
  const time = (e: number) => (e & 1 ? returnTime(ops[e >> 1]!, ordered) : callTime(ops[e >> 1]!, ordered));
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
