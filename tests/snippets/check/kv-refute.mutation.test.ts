/**
 * The kv refutation's bookkeeping (snippets/check/models/kv-refute.ts), one rule each: which put is
 * the last before a get, which puts can come between (ties at a tick, puts still in flight, puts
 * called after the get returned), the caps past which a rule gives up (and only past them), gets
 * taken in call order whatever order the history lists them, and a put of a boolean. Each history
 * is small and drawn by hand; a linearizable one must not be refuted. (Written for mutation testing,
 * docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { kvModel, type KvInput } from '../../../snippets/check/models/kv.ts';
import { refuteKv } from '../../../snippets/check/models/kv-refute.ts';
import { bruteForceLinearizable } from './brute-force.ts';
import { append, get, op, put, type KvOp } from './kv-key-ops.ts';

/** `count` puts one after another, from tick `from`: put("R<i>") called at from + 2i, returned a tick later. */
const sequentialPuts = (count: number, from: number): KvOp[] =>
  Array.from({ length: count }, (_, i) => op(100 + i, from + 2 * i, from + 2 * i + 1, put(`R${i}`)));

describe('the last put before a get', () => {
  it('is the latest one to return of puts one after another; the get must start with its value', () => {
    const history = [op(0, 0, 1, put('A')), op(1, 2, 3, put('B')), op(2, 4, 5, put('C')), op(3, 6, 7, get, 'A')];
    const refutation = refuteKv(history);
    expect(refutation?.stuck).toBe(history[3]);
    expect(refutation?.cause).toBe(history[2]);
    expect(refutation?.reason).toBe(
      'get("k") → "A" starts with none of "C", the values the last put before it can have written (put("k", "C") returned before it was called), and a value only grows by appends',
    );
  });

  it('of two that returned before the get, is the one called last (it overwrote whatever returned before its call); the other can come after it', () => {
    const history = [op(0, 0, 10, put('A')), op(1, 2, 5, put('B')), op(3, 11, 12, get, 'X')];
    const refutation = refuteKv(history);
    expect(refutation?.cause).toBe(history[1]);
    expect(refutation?.reason).toContain('starts with none of "B", "A", the values the last put before it can have written (put("k", "B") returned before it was called)');
  });

  it('does not include a put that returned at the very tick the get was called: the get may come first', () => {
    const history = [op(0, 0, 1, put('A')), op(1, 2, 10, put('B')), op(3, 10, 12, get, 'A')];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });
});

describe('the puts that can come between', () => {
  it('include one called at the very tick the get returned', () => {
    const history = [op(0, 0, 1, put('A')), op(3, 2, 10, get, 'B'), op(1, 10, 12, put('B'))];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });

  it('exclude one called after the get returned', () => {
    const history = [op(0, 0, 1, put('A')), op(3, 2, 10, get, 'B'), op(1, 11, 12, put('B'))];
    expect(refuteKv(history)?.stuck).toBe(history[1]);
  });

  it('include one still in flight that was called before the puts that returned since', () => {
    const history = [op(0, 0, 100, put('R')), ...sequentialPuts(3, 1), op(3, 50, 60, get, 'R')];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });
});

describe('the caps: a rule gives up past them, and only past them', () => {
  it('a stale get after 300 puts one after another is refuted (the scan stops at the puts that returned before the last one)', () => {
    const history = [...sequentialPuts(300, 0), op(3, 700, 701, get, 'R5')];
    const refutation = refuteKv(history);
    expect(refutation?.stuck).toBe(history[300]);
    expect(refutation?.reason).toContain('starts with none of "R299"');
  });

  it('the scan for puts that can come between looks at 256 puts (4 × 64) and no more', () => {
    // A put in flight from tick 0 keeps every later put in the scan's range.
    const scanned = (short: number) => [op(0, 0, 10_000, put('long')), ...sequentialPuts(short, 1), op(3, 5_000, 5_001, get, 'X')];
    const at256 = scanned(255);
    expect(refuteKv(at256)?.stuck).toBe(at256.at(-1));
    expect(refuteKv(scanned(256))).toBeUndefined();
  });

  it('a get is compared with the 64 operations that returned last before its call, not more', () => {
    // Appends one after another; the get misses only the first.
    const appends = (count: number) => Array.from({ length: count }, (_, i) => op(100 + i, 2 * i, 2 * i + 1, append(`a${i};`)));
    const missingFirst = (count: number) => {
      const history = appends(count);
      const value = history.slice(1).map((a) => (a.input.f === 'append' ? a.input.value : '')).join('');
      return [...history, op(3, 2 * count, 2 * count + 1, get, value)];
    };
    const at64 = missingFirst(64);
    expect(refuteKv(at64)?.reason).toContain('misses "a0;"');
    expect(refuteKv(missingFirst(65))).toBeUndefined();
  });

  it('a rule takes up to 64 puts that can come between, and gives up at 65', () => {
    const inFlight = (count: number) => [
      op(0, 0, 1, put('L')),
      ...Array.from({ length: count }, (_, i) => op(100 + i, 2, 100 + i, put(`Q${i}`))),
      op(3, 10, 20, get, 'X'),
    ];
    const at64 = inFlight(64);
    expect(refuteKv(at64)?.stuck).toBe(at64.at(-1));
    expect(refuteKv(inFlight(65))).toBeUndefined();
  });
});

describe('which get is refuted', () => {
  it('the earliest called, whatever order the history lists them in', () => {
    const late = op(4, 20, 21, get, 'A');
    const early = op(3, 10, 11, get, 'A');
    const history = [op(0, 0, 1, put('A')), op(1, 2, 3, put('B')), late, early];
    expect(refuteKv(history)?.stuck).toBe(early);
  });

  it('the puts that can come between are found in call order, whatever order the history lists them in', () => {
    // Listed first, called after the get returned: it cannot come between.
    const history = [op(1, 11, 12, put('B')), op(0, 0, 1, put('A')), op(3, 2, 10, get, 'B')];
    expect(refuteKv(history)?.stuck).toBe(history[2]);
  });
});

describe('the third rule: the appends that must follow each put that can be the last', () => {
  it('rules out each of two such puts, and says the value lacks each', () => {
    // b was called when the long put had returned: after either put, b is in the value.
    const history = [op(0, 0, 8, put('P;')), op(1, 1, 3, put('P;')), op(2, 2, 6, append('a;')), op(2, 8, 8, append('b;')), op(3, 9, 11, get, 'P;a;')];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    const refutation = refuteKv(history);
    expect(refutation?.stuck).toBe(history[4]);
    expect(refutation?.reason).toMatch(/^get\("k"\) → "P;a;" can follow none of the puts that can be the last before it: after put\("k", "P;"\) comes append\("k", "b;"\), .*; after put\("k", "P;"\) comes append\("k", "b;"\), .*, and the value lacks each$/);
  });

  it('looks at every operation that returned since the earliest-called of those puts', () => {
    // Found by a random search against a mutant that looked only from the latest-called one.
    const history = [
      op(2, 1, 2, append('a0;')),
      op(1, 2, 5, append('a1;')),
      op(1, 6, 10, get, 'Q;P;'),
      op(0, 2, 3, put('Q;')),
      op(0, 4, 6, get, 'Q;P;a0;'),
      op(2, 5, 10, put('P;')),
    ];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.reason).toBe(
      'get("k") → "Q;P;" can follow none of the puts that can be the last before it: after put("k", "Q;") comes append("k", "a0;"), which returned before the get was called, and the value lacks it',
    );
  });

  it('rules a put out by a put called after an append that must follow it returned', () => {
    // If put "P;" is the last, the get's "a0;" was appended after it, so put "Q;" (called once a0 had returned) came after it too.
    const history = [op(3, 1, 3, append('a0;')), op(2, 2, 8, put('P;')), op(3, 5, 12, put('Q;')), op(4, 14, 18, get, 'P;a0;')];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.reason).toBe(
      'get("k") → "P;a0;" can follow none of the puts that can be the last before it: after put("k", "P;") comes put("k", "Q;"), which returned before the get was called, and the value lacks it',
    );
  });

  it('counts an append that returned at the very tick the put was called, when a get shows it came after the put', () => {
    // The get (10, 17) read "P;a1;": if put "P;" is the last before it, "a1;" came after the put. Found by a random search.
    const history = [
      op(3, 2, 2, append('a1;')),
      op(2, 2, 8, put('P;')),
      op(2, 10, 18, get, 'P;a3;'),
      op(1, 2, 7, append('a3;')),
      op(1, 10, 17, get, 'P;a1;'),
    ];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    const refutation = refuteKv(history);
    expect(refutation?.stuck).toBe(history[2]);
    expect(refutation?.reason).toContain('after put("k", "P;") comes append("k", "a1;"), which returned before the get was called');
  });

  it('names, of the operations missing after a put, the one that returned last', () => {
    // After put "P;" come both append "a0;" (the other get read "P;a0;") and put "Q;" (called after a0 returned). Found by a random search.
    const history = [
      op(3, 1, 2, append('a0;')),
      op(3, 3, 8, put('Q;')),
      op(1, 2, 8, put('P;')),
      op(3, 10, 16, get, 'P;P;'),
      op(1, 11, 14, get, 'P;a0;'),
    ];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.reason).toBe(
      'get("k") → "P;P;" can follow none of the puts that can be the last before it: after put("k", "P;") comes put("k", "Q;"), which returned before the get was called, and the value lacks it',
    );
  });

  it('an append that overlaps the puts, with no get showing it came after one, may have come before them', () => {
    const history = [op(2, 0, 8, put('Q;')), op(1, 1, 4, put('Q;')), op(3, 0, 7, append('a;')), op(3, 10, 13, get, 'Q;')];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });

  it('is off when a cas can be the last reset (it may have failed and left the value alone): the key is left to the search', () => {
    const cas: KvInput = { f: 'cas', key: 'k', from: 'Q;', to: 'P;' };
    const history = [op(3, 1, 5, append('a0;')), op(0, 0, 7, cas, false), op(0, 9, 16, get, 'P;a0;P;'), op(3, 6, 8, put('Q;'))];
    expect(refuteKv(history)).toBeUndefined();
    expect(checkLinearizability(kvModel, history).ok).toBe(false);
  });
});

describe('what is read as a get', () => {
  it('only a get that returned with a value: not a cas (its output says whether it swapped), not a get whose value is unknown', () => {
    const swapped = [op(0, 0, 1, put('A')), op(1, 2, 3, { f: 'cas', key: 'k', from: 'A', to: 'B' }, true), op(2, 4, 5, get, 'B')];
    expect(bruteForceLinearizable(kvModel, swapped)).toBe(true);
    expect(refuteKv(swapped)).toBeUndefined();
    const unknown = [op(0, 0, 1, put('A')), op(2, 4, 5, get)];
    expect(refuteKv(unknown)).toBeUndefined();
  });

  it('not a get that never returned, even one the history gives an output (a pending operation\'s output is unknown)', () => {
    const pending: KvOp = { process: 2, call: 4, input: get, output: 'X' };
    expect(refuteKv([op(0, 0, 1, put('A')), pending])).toBeUndefined();
  });
});

describe('the second rule: what an operation that returned before the get left behind', () => {
  const reason = (history: KvOp[]) => refuteKv(history)?.reason;

  it('a get that read a non-empty value: the later get starts with it', () => {
    expect(reason([op(0, 0, 1, append('a;')), op(1, 2, 3, get, 'a;'), op(2, 4, 5, get, 'b;')])).toBe(
      'get("k") → "b;" does not start with "a;", though get("k") → "a;" returned before it was called, no put can come between them, and a value only grows by appends',
    );
  });

  it('an append: the get contains it (a null value contains nothing), unless a put can come between', () => {
    expect(reason([op(0, 0, 1, append('a;')), op(2, 4, 5, get, null)])).toBe(
      'get("k") → null misses "a;", though append("k", "a;") returned before it was called, no put can come between them, and a value only grows by appends',
    );
    expect(reason([op(0, 0, 1, append('a;')), op(1, 0, 10, put('Q;')), op(2, 4, 5, get, 'b;')])).toBe(
      'get("k") → "b;" misses "a;", though append("k", "a;") returned before it was called, nor with "Q;", written by the puts that can come between them, and a value only grows by appends',
    );
    expect(reason([op(0, 0, 1, append('a;')), op(1, 0, 10, put('Q;')), op(2, 4, 5, get, 'Q;b;')])).toBeUndefined();
    expect(reason([op(0, 0, 1, append('a;')), op(1, 0, 10, put('Q;')), op(5, 0, 10, put('R;')), op(2, 4, 5, get, 'b;')])).toContain(
      'nor with "R;", "Q;", written by the puts that can come between them',
    );
  });

  it('a put of a number: the get reads that number', () => {
    expect(reason([op(0, 0, 1, put(3)), op(2, 4, 5, get, 4)])).toBe(
      'get("k") → 4 is not 3, though put("k", 3) returned before it was called, no put can come between them, and a value only grows by appends',
    );
    expect(reason([op(0, 0, 1, put(3)), op(2, 4, 5, get, 3)])).toBeUndefined();
  });
});

describe('what a put of a boolean leaves behind', () => {
  it('a get after put(true) with no put between must read true', () => {
    const history = [op(0, 0, 1, put(true)), op(3, 2, 3, get, 'x')];
    expect(refuteKv(history)?.reason).toBe('get("k") → "x" is not true, though put("k", true) returned before it was called, no put can come between them, and a value only grows by appends');
    expect(refuteKv([op(0, 0, 1, put(true)), op(3, 2, 3, get, true)])).toBeUndefined();
  });
});
