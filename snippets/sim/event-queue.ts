/**
 * Future events ordered by (tick, sequence number). The sequence number is the insertion order, so two
 * events due at the same tick come out in the order they were scheduled: a run never depends on how a
 * heap happens to break ties, and the same seed gives the same trace byte for byte.
 */
interface Entry<E> {
  readonly tick: number;
  readonly seq: number;
  readonly event: E;
}

export class EventQueue<E> {
  #heap: Entry<E>[] = [];
  #nextSeq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(tick: number, event: E): void {
    if (!Number.isInteger(tick) || tick < 0) throw new Error(`event tick must be a whole number ≥ 0, got ${tick}`);
    this.#heap.push({ tick, seq: this.#nextSeq++, event });
    this.#siftUp(this.#heap.length - 1);
  }

  /** The tick of the earliest event, or undefined when empty. */
  peekTick(): number | undefined {
    return this.#heap[0]?.tick;
  }

  /** Removes and returns the earliest event that is due at or before `tick`. */
  popDue(tick: number): E | undefined {
    const top = this.#heap[0];
    if (top === undefined || top.tick > tick) return undefined;
    const last = this.#heap.pop()!;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#siftDown(0);
    }
    return top.event;
  }

  /**
   * Removes the events for which `keep` is false and returns them in queue order (a crash discards the
   * deliveries due to the crashed node, and the trace lists them in the order they would have arrived).
   */
  retain(keep: (event: E) => boolean): E[] {
    const kept: Entry<E>[] = [];
    const removed: E[] = [];
    // Sorted, the kept entries are still a valid heap.
    for (const entry of this.#heap.sort(before)) {
      if (keep(entry.event)) kept.push(entry);
      else removed.push(entry.event);
    }
    this.#heap = kept;
    return removed;
  }

  #siftUp(i: number): void {
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent]!, heap[i]!) <= 0) return;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const heap = this.#heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!) < 0) least = left;
      if (right < heap.length && before(heap[right]!, heap[least]!) < 0) least = right;
      if (least === i) return;
      [heap[least], heap[i]] = [heap[i]!, heap[least]!];
      i = least;
    }
  }
}

function before<E>(a: Entry<E>, b: Entry<E>): number {
  return a.tick - b.tick || a.seq - b.seq;
}
