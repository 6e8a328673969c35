import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { cas, op, read, write, type RegisterOp } from './histories.ts';

const check = (history: RegisterOp[]) => checkLinearizability(registerModel, history);
const stuckOf = (history: RegisterOp[]) => {
  const result = check(history);
  if (result.ok) throw new Error('expected a violation');
  return result.counterexample.stuck;
};

describe('register: reads and writes', () => {
  it('an empty history is linearizable', () => {
    expect(check([]).ok).toBe(true);
  });

  it('the register starts at null', () => {
    expect(check([op('A', 0, 1, read(null))]).ok).toBe(true);
    expect(check([op('A', 0, 1, read(1))]).ok).toBe(false);
  });

  it('a read after a completed write returns that write', () => {
    expect(check([op('A', 0, 2, write(1)), op('B', 3, 4, read(1))]).ok).toBe(true);
  });

  it('a read called after a write returned may not return the older value (stale read)', () => {
    const stale = op('B', 3, 4, read(null));
    expect(stuckOf([op('A', 0, 2, write(1)), stale])).toBe(stale);
  });

  it('a read concurrent with a write may return either the old or the new value', () => {
    expect(check([op('A', 0, 5, write(1)), op('B', 1, 2, read(null))]).ok).toBe(true);
    expect(check([op('A', 0, 5, write(1)), op('B', 1, 2, read(1))]).ok).toBe(true);
  });

  it('once a read has seen the new value, a later read may not see the old one (new-old inversion)', () => {
    const history = [op('A', 0, 10, write(1)), op('B', 1, 3, read(1)), op('C', 4, 6, read(null))];
    expect(stuckOf(history)).toBe(history[2]);
  });

  it('concurrent writes take effect in some order that every later read agrees on', () => {
    const writes = [op('A', 0, 4, write(1)), op('B', 1, 5, write(2))];
    expect(check([...writes, op('C', 6, 7, read(1)), op('D', 8, 9, read(1))]).ok).toBe(true);
    expect(check([...writes, op('C', 6, 7, read(1)), op('D', 8, 9, read(2))]).ok).toBe(false);
  });

  it('a read may not return a value nobody wrote', () => {
    expect(check([op('A', 0, 4, write(1)), op('B', 1, 3, read(7))]).ok).toBe(false);
  });

  it('operations that touch at the same tick are concurrent, either order is fine', () => {
    // The write returns at tick 3 and the read is called at tick 3: neither precedes the other.
    expect(check([op('A', 0, 3, write(1)), op('B', 3, 4, read(null))]).ok).toBe(true);
    expect(check([op('A', 0, 2, write(1)), op('B', 3, 4, read(null))]).ok).toBe(false);
  });

  it('the search finds an order that needs an operation called later to take effect first', () => {
    // B's write must precede A's write although A called first: C read 2, then D read 1.
    const history = [op('A', 0, 10, write(1)), op('B', 1, 10, write(2)), op('C', 2, 3, read(2)), op('D', 11, 12, read(1))];
    const result = check(history);
    expect(result.ok).toBe(true);
    expect(result.partitions[0]!.order).toEqual([history[1], history[2], history[0], history[3]]);
  });
});

describe('register: compare-and-set', () => {
  it('a cas that swapped means the value was its "from" at that instant', () => {
    expect(check([op('A', 0, 1, write(1)), op('B', 2, 3, cas(1, 2, true)), op('C', 4, 5, read(2))]).ok).toBe(true);
  });

  it('a cas may not report a swap when the value differed from "from"', () => {
    expect(check([op('A', 0, 1, write(1)), op('B', 2, 3, cas(5, 2, true))]).ok).toBe(false);
  });

  it('a cas may not report failure when the value equalled "from"', () => {
    expect(check([op('A', 0, 1, write(1)), op('B', 2, 3, cas(1, 2, false))]).ok).toBe(false);
  });

  it('a failed cas changes nothing', () => {
    expect(check([op('A', 0, 1, write(1)), op('B', 2, 3, cas(5, 2, false)), op('C', 4, 5, read(1))]).ok).toBe(true);
    expect(check([op('A', 0, 1, write(1)), op('B', 2, 3, cas(5, 2, false)), op('C', 4, 5, read(2))]).ok).toBe(false);
  });

  it('two concurrent cas from the same value cannot both swap', () => {
    const start = op('A', 0, 1, write(0));
    expect(check([start, op('B', 2, 6, cas(0, 1, true)), op('C', 3, 7, cas(0, 2, true))]).ok).toBe(false);
    expect(check([start, op('B', 2, 6, cas(0, 1, true)), op('C', 3, 7, cas(0, 2, false))]).ok).toBe(true);
  });

  it('a chain of concurrent cas is ordered by their values', () => {
    // Only 0→1→2→3 explains all three swaps, although they were called in the opposite order.
    const history = [op('A', 0, 1, write(0)), op('B', 2, 9, cas(2, 3, true)), op('C', 3, 9, cas(1, 2, true)), op('D', 4, 9, cas(0, 1, true)), op('E', 10, 11, read(3))];
    expect(check(history).ok).toBe(true);
  });
});
