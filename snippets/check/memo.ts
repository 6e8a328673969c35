/**
 * The search's memory of where it has been. Lowe (2017, "Testing for linearizability") added to
 * Wing & Gong's search a table of configurations already explored: a configuration is the set of
 * operations linearized so far together with the object's state after them. Two paths that reach the
 * same configuration have the same futures, so the second one is cut off. This is what makes the
 * search practical; Porcupine keeps the same table.
 *
 * The set is not stored as a bitset. Operations are numbered in call order, and the search only ever
 * linearizes an operation whose call comes before every remaining return, so a reachable set S is
 * described by `end` (one past its highest member) and `holes` (the non-members below `end`). Every
 * hole was in flight (called, not yet returned) when the highest member was called, so there are at
 * most as many holes as operations in flight at one instant: about the number of clients, plus
 * operations that never returned. Recording a set costs O(clients) words instead of a bitset's n/32:
 * at 100k operations a bitset per memo entry is 12.5 KB, and a search records hundreds of thousands
 * of entries (snippets/README.md has the measurements).
 */

/** The linearized set, changed only by `add` and by `remove` of the latest addition (a stack). */
export class LinearizedSet {
  #end = 0;
  readonly #holes: number[] = [];
  #hash = 0;

  /** Zobrist hash of the members: XOR of one pseudo-random word per member, updated in O(1). */
  get hash(): number {
    return this.#hash;
  }

  add(op: number): void {
    if (op >= this.#end) {
      for (let hole = this.#end; hole < op; hole++) this.#holes.push(hole);
      this.#end = op + 1;
    } else {
      const at = indexOf(this.#holes, op);
      if (at < 0) throw new Error(`operation ${op} is already linearized`);
      this.#holes.splice(at, 1);
    }
    this.#hash ^= zobrist(op);
  }

  /** Undoes `add(op)`; valid only for the most recent addition still in the set. */
  remove(op: number): void {
    if (op === this.#end - 1) {
      this.#end = op;
      while (this.#holes.length > 0 && this.#holes[this.#holes.length - 1] === this.#end - 1) {
        this.#holes.pop();
        this.#end--;
      }
    } else {
      this.#holes.splice(insertionPoint(this.#holes, op), 0, op);
    }
    this.#hash ^= zobrist(op);
  }

  /** One past the highest member. */
  get end(): number {
    return this.#end;
  }

  /** The non-members below `end`, ascending. Read-only: the set owns it. */
  get holes(): readonly number[] {
    return this.#holes;
  }
}

/**
 * Configurations seen so far: an open-addressing hash table keyed by the set's hash mixed with the
 * state's hash, whose entries live in typed arrays (the set's `end`, and its holes copied into one
 * shared pool) next to a plain array of states, compared with the model's `equal`. A search on 100k
 * operations records over half a million configurations; with a Map of per-entry objects and arrays,
 * the table and the garbage collector took over half the run time. This table allocates only when
 * it grows.
 *
 * Why the state's hash is in the key: one set of linearized operations can be reached with many
 * different states (appends to a string in different orders), and with the set alone as the key they
 * all land in one probe chain, compared one by one (issue 28 measured 65 % of the CPU in `add` and
 * 129 million probes for 54 thousand insertions). The model's `hash` spreads them out. The table
 * stays exact: a hit still compares the set and then the states with `equal`.
 */
export class MemoTable<State> {
  readonly #equal: (a: State, b: State) => boolean;
  /** Entry number + 1 per slot; 0 is an empty slot. Kept at most half full. */
  #slots = new Int32Array(1024);
  #hashes = new Int32Array(512);
  #stateHashes = new Int32Array(512);
  #ends = new Int32Array(512);
  #holesAt = new Int32Array(512);
  #holesLength = new Int32Array(512);
  #pool = new Int32Array(1024);
  #poolUsed = 0;
  readonly #states: State[] = [];

  constructor(equal: (a: State, b: State) => boolean) {
    this.#equal = equal;
  }

  /** Configurations recorded. */
  get size(): number {
    return this.#states.length;
  }

  /**
   * Records the configuration; false when it was already there (the search should not go on).
   * `stateHash` is the model's hash of `state` (0 when the model gives none): equal states must
   * have equal hashes, and distinct states should rarely share one.
   */
  add(set: LinearizedSet, state: State, stateHash = 0): boolean {
    const mask = this.#slots.length - 1;
    const key = set.hash ^ stateHash;
    let slot = key & mask;
    for (let entry = this.#slots[slot]! - 1; entry >= 0; entry = this.#slots[slot]! - 1) {
      if (
        this.#hashes[entry] === set.hash &&
        this.#stateHashes[entry] === stateHash &&
        this.#sameSet(entry, set) &&
        this.#equal(this.#states[entry]!, state)
      ) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    this.#insert(slot, set, state, stateHash);
    return true;
  }

  #sameSet(entry: number, set: LinearizedSet): boolean {
    const holes = set.holes;
    if (this.#ends[entry] !== set.end || this.#holesLength[entry] !== holes.length) return false;
    const at = this.#holesAt[entry]!;
    for (let i = 0; i < holes.length; i++) if (this.#pool[at + i] !== holes[i]) return false;
    return true;
  }

  #insert(slot: number, set: LinearizedSet, state: State, stateHash: number): void {
    const entry = this.#states.length;
    if (entry === this.#hashes.length) this.#growEntries();
    const holes = set.holes;
    if (this.#poolUsed + holes.length > this.#pool.length) this.#pool = grown(this.#pool, this.#poolUsed + holes.length);
    this.#pool.set(holes, this.#poolUsed);
    this.#hashes[entry] = set.hash;
    this.#stateHashes[entry] = stateHash;
    this.#ends[entry] = set.end;
    this.#holesAt[entry] = this.#poolUsed;
    this.#holesLength[entry] = holes.length;
    this.#poolUsed += holes.length;
    this.#states.push(state);
    this.#slots[slot] = entry + 1;
    if (2 * this.#states.length > this.#slots.length) this.#rehash();
  }

  #growEntries(): void {
    const size = 2 * this.#hashes.length;
    this.#hashes = grown(this.#hashes, size);
    this.#stateHashes = grown(this.#stateHashes, size);
    this.#ends = grown(this.#ends, size);
    this.#holesAt = grown(this.#holesAt, size);
    this.#holesLength = grown(this.#holesLength, size);
  }

  #rehash(): void {
    this.#slots = new Int32Array(2 * this.#slots.length);
    const mask = this.#slots.length - 1;
    for (let entry = 0; entry < this.#states.length; entry++) {
      let slot = (this.#hashes[entry]! ^ this.#stateHashes[entry]!) & mask;
      while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
      this.#slots[slot] = entry + 1;
    }
  }
}

function grown(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, 2 * array.length));
  bigger.set(array);
  return bigger;
}

/** A well-mixed 32-bit word per operation number (the MurmurHash3 finalizer). */
function zobrist(op: number): number {
  return mix32(Math.imul(op + 1, 0x9e3779b1));
}

/** The MurmurHash3 finalizer: every input bit affects every output bit. */
export function mix32(word: number): number {
  let z = Math.imul(word ^ (word >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

function insertionPoint(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function indexOf(sorted: readonly number[], value: number): number {
  const at = insertionPoint(sorted, value);
  return sorted[at] === value ? at : -1;
}
