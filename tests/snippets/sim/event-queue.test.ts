import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../snippets/sim/event-queue.ts';

function drain<E>(queue: EventQueue<E>, tick: number): E[] {
  const out: E[] = [];
  for (let e = queue.popDue(tick); e !== undefined; e = queue.popDue(tick)) out.push(e);
  return out;
}

describe('event queue: ordered by (tick, sequence number)', () => {
  it('returns events in tick order, whatever order they were pushed in', () => {
    const queue = new EventQueue<string>();
    for (const tick of [5, 1, 4, 2, 3]) queue.push(tick, `t${tick}`);
    expect(drain(queue, 10)).toEqual(['t1', 't2', 't3', 't4', 't5']);
  });

  it('keeps insertion order among events due at the same tick', () => {
    const queue = new EventQueue<number>();
    const pushed = Array.from({ length: 50 }, (_, i) => i);
    // Interleave another tick so the heap has to move things around.
    for (const i of pushed) {
      queue.push(7, i);
      queue.push(3, -i);
    }
    expect(drain(queue, 3)).toEqual(pushed.map((i) => -i));
    expect(drain(queue, 7)).toEqual(pushed);
  });

  it('hands out only what is due and keeps later events', () => {
    const queue = new EventQueue<string>();
    queue.push(2, 'soon');
    queue.push(9, 'later');
    expect(drain(queue, 5)).toEqual(['soon']);
    expect(queue.size).toBe(1);
    expect(queue.peekTick()).toBe(9);
  });

  it('retain removes the rejected events, returns them in queue order and keeps the rest ordered', () => {
    const queue = new EventQueue<string>();
    ['a3', 'b1', 'a1', 'b2', 'a2'].forEach((e) => queue.push(Number(e[1]), e));
    expect(queue.retain((e) => e.startsWith('b'))).toEqual(['a1', 'a2', 'a3']);
    queue.push(1, 'c1');
    expect(drain(queue, 10)).toEqual(['b1', 'c1', 'b2']);
  });
});
