/**
 * The kv refutation's third rule, its parts one at a time (snippets/check/models/kv-refute.ts): which
 * appends can fall between a put and a get that read past it (appends still in flight, ties at a tick,
 * appends called after the get returned, the caps), the scan for the earliest operation surely after
 * a put, and the recent operations a get is compared with. Each history is small or made of a simple
 * pattern; a linearizable one must not be refuted (checked with the brute-force oracle where it is
 * small enough). (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import { refuteKv } from '../../../snippets/check/models/kv-refute.ts';
import { bruteForceLinearizable } from './brute-force.ts';
import { append, get, op, put, type KvOp } from './kv-key-ops.ts';

/** `count` operations one after another from tick `from` (call at from + 2i, return a tick later), each made by `input(i)`. */
const oneAfterAnother = (count: number, from: number, input: (i: number) => KvInput, output?: KvOutput): KvOp[] =>
  Array.from({ length: count }, (_, i) => op(1000 + i, from + 2 * i, from + 2 * i + 1, input(i), output));

/**
 * The third rule's plainest case, from tick `t`: append "f;" overlaps put "P;", a get (the reader,
 * still running when the next one is called) reads "P;f;", so "f;" came after the put; the get
 * called after "f;" returned reads only "P;". Not linearizable.
 */
const followerMissed = (t: number): KvOp[] => [
  op(1, t, t + 1, put('P;')),
  op(2, t, t + 4, append('f;')),
  op(3, t + 5, t + 10, get, 'P;f;'),
  op(4, t + 7, t + 8, get, 'P;'),
];

describe('the appends that can fall between a put and a get that read past it', () => {
  it('without them, the plainest case: an append a get shows came after the put, missing from a later get, refutes it', () => {
    const history = followerMissed(0);
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.reason).toBe(
      'get("k") → "P;" can follow none of the puts that can be the last before it: after put("k", "P;") comes append("k", "f;"), which returned before the get was called, and the value lacks it',
    );
  });

  it('include one still in flight that was called before appends that returned before the put was called (a linearizable key is not refuted)', () => {
    // "x;a;" may be what the last get read past "P;", so "a;" may have come before the put.
    const history = [
      op(0, 0, 100, append('x;a;')),
      op(1, 1, 2, append('b1;')),
      op(2, 3, 4, append('b2;')),
      op(3, 5, 8, put('P;')),
      op(4, 6, 9, append('a;')),
      op(5, 10, 11, get, 'P;'),
      op(6, 12, 13, get, 'P;x;a;'),
    ];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });

  it('include one called at the very tick the get that read past the put returned (a linearizable key is not refuted)', () => {
    // The second "f;" may be the one the reader saw; the first may have come before the put.
    const history = [...followerMissed(0), op(5, 10, 12, append('f;'))];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });

  it('exclude one called after that get returned', () => {
    const history = [...followerMissed(0), op(5, 11, 12, append('f;'))];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.stuck).toBe(history[3]);
  });

  it('include one that returned at the very tick the put was called (a linearizable key is not refuted)', () => {
    // "f" may have come after the put, and with ";" it makes the "f;" the last get read, so the append "f;" may have come before the put.
    const history = [
      op(1, 5, 6, put('P;')),
      op(2, 0, 5, append('f')),
      op(3, 5, 7, append('f;')),
      op(4, 8, 9, get, 'P;f'),
      op(5, 8, 20, append(';')),
      op(6, 10, 15, get, 'P;f;'),
    ];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });

  it('after 1,100 appends one after another, are still found (the scan stops at the appends that returned before the put was called)', () => {
    const history = [...oneAfterAnother(1100, 0, (i) => append(`s${i};`)), ...followerMissed(3000)];
    expect(refuteKv(history)?.stuck).toBe(history.at(-1));
  });

  it('are looked for among 1,024 appends (4 × 256) and no more', () => {
    // An append of "" in flight from tick 0 keeps every later append in the scan's range; it adds nothing to the value.
    const scanned = (short: number) => [op(0, 0, 100_000, append('')), ...oneAfterAnother(short, 1, (i) => append(`s${i};`)), ...followerMissed(5000)];
    // The scan looks at "f;", the short appends and the one in flight.
    const at1024 = scanned(1022);
    expect(refuteKv(at1024)?.stuck).toBe(at1024.at(-1));
    expect(refuteKv(scanned(1023))).toBeUndefined();
  });

  it('are taken up to 256, and past that the rule gives up', () => {
    // Appends of "" in flight over the whole window: they can fall between, and add nothing.
    const inFlight = (count: number) => [...Array.from({ length: count }, (_, i) => op(100 + i, 0, 20, append(''))), ...followerMissed(0)];
    // "f;" and the appends in flight.
    const at256 = inFlight(255);
    expect(refuteKv(at256)?.stuck).toBe(at256.at(-1));
    expect(refuteKv(inFlight(256))).toBeUndefined();
  });

  it('are appends only: 300 gets in the same window do not count towards that cap', () => {
    const history = [...Array.from({ length: 300 }, (_, i) => op(100 + i, 0, 0, get, null)), ...followerMissed(0)];
    expect(refuteKv(history)?.stuck).toBe(history.at(-1));
  });
});

describe('the gets whose tail past a put shows which appends came after it', () => {
  it('are those whose value starts with the string of exactly one of the puts that can be their last', () => {
    // Put "Q;" can be the last before the first get too, but that get's "P;f;" does not start with "Q;": it shows "f;" came after "P;".
    const history = [...followerMissed(0), op(6, 0, 1, put('Q;'))];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.stuck).toBe(history[3]);
  });

  it('are read whatever value a get returned: a get of null or of a number after a put of a string is refuted by the first rule', () => {
    expect(refuteKv([op(0, 0, 1, put('A')), op(1, 2, 3, get, null)])?.reason).toContain('get("k") → null starts with none of "A"');
    expect(refuteKv([op(0, 0, 1, put('A')), op(1, 2, 3, get, 7)])?.reason).toContain('get("k") → 7 starts with none of "A"');
  });

  it('are kept up to 16 per put, the earliest called first', () => {
    // Gets that read "P;" alone come first; the one that reads "P;f;" is kept only if fewer than 16 came before it.
    const readers = (plain: number) => [
      ...Array.from({ length: plain }, (_, i) => op(100 + i, 2, 3, get, 'P;')),
      op(1, 0, 1, put('P;')),
      op(2, 0, 4, append('f;')),
      op(3, 5, 10, get, 'P;f;'),
      op(4, 7, 8, get, 'P;'),
    ];
    const at16 = readers(15);
    expect(refuteKv(at16)?.stuck).toBe(at16.at(-1));
    expect(refuteKv(readers(16))).toBeUndefined();
  });

  it('are cut from their start: a string of an append found further in does not cut what comes before it', () => {
    // "P;xf;" past put "P;" is "x" and "f;": "x" came after the put, though "f;" (in flight) could be cut from its end.
    const history = [op(1, 0, 1, put('P;')), op(2, 0, 4, append('x')), op(3, 5, 10, get, 'P;xf;'), op(4, 7, 8, get, 'P;'), op(5, 0, 20, append('f;'))];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.reason).toContain('after put("k", "P;") comes append("k", "x")');
  });
});

/**
 * These keys are not linearizable, and the refutation leaves them to the search: they pin where today's
 * rule stops (a mutant that takes more for a follower refutes them for the wrong reason). A stronger rule
 * that is still sound may refute them; then change these tests, checking its reasons against the oracle.
 */
describe('what can follow a put: only a non-empty append that returned after the put was called (a tail that shows anything else is impossible, and the key is left to the search)', () => {
  const leftToTheSearch = (history: KvOp[]) => {
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)).toBeUndefined();
  };

  it('not a put whose string is in the tail ("q;" was never appended)', () => {
    leftToTheSearch([op(0, 0, 20, put('P;')), op(1, 1, 5, put('q;')), op(2, 6, 8, append('x;')), op(3, 21, 30, get, 'P;q;')]);
  });

  it('not an append of "", next to a tail no append explains', () => {
    leftToTheSearch([op(0, 0, 20, put('P;')), op(1, 1, 5, append('')), op(2, 6, 8, append('x;')), op(3, 21, 30, get, 'P;z;')]);
  });

  it('not an append that returned before the put was called, though its string is in the tail past that put', () => {
    leftToTheSearch([op(0, 0, 30, put('Q;')), op(1, 1, 5, append('a;')), op(2, 10, 12, put('P;')), op(3, 13, 40, get, 'P;a;'), op(4, 14, 15, get, 'P;')]);
  });
});

describe('what an operation leaves behind for the second rule', () => {
  it('a get that read a non-empty string: a later get starts with it (containing it is not enough)', () => {
    const history = [op(0, 0, 1, append('a;')), op(0, 2, 3, append('b;')), op(1, 4, 5, get, 'a;b;'), op(2, 6, 7, get, 'x;a;b;')];
    expect(refuteKv(history)?.reason).toBe(
      'get("k") → "x;a;b;" does not start with "a;b;", though get("k") → "a;b;" returned before it was called, no put can come between them, and a value only grows by appends',
    );
  });

  it('a get that read null or "" leaves nothing: a key never written reads as either, and an append makes it a string (linearizable keys are not refuted)', () => {
    for (const history of [
      [op(0, 0, 1, get, null), op(1, 2, 3, append('a;')), op(2, 4, 5, get, 'a;')],
      [op(0, 0, 1, get, ''), op(2, 2, 3, get, null)],
    ]) {
      expect(bruteForceLinearizable(kvModel, history)).toBe(true);
      expect(refuteKv(history)).toBeUndefined();
    }
  });

  it('a put of null leaves nothing either: an append makes the value a string (a linearizable key is not refuted)', () => {
    const history = [op(0, 0, 1, put(null)), op(1, 2, 3, append('a;')), op(2, 4, 5, get, 'a;')];
    expect(bruteForceLinearizable(kvModel, history)).toBe(true);
    expect(refuteKv(history)).toBeUndefined();
  });
});

describe('the earliest operation surely after a put', () => {
  /**
   * Put "P;" from `call` to `ret`; append "P;" (the follower), which a get reading "P;P;" shows came
   * after the put (it is still running when the next get is called); append "a;" called after the
   * follower returned, so after the put too, and returned before a get that reads only "P;" was
   * called. Not linearizable. `before` operations that returned
   * before the put was called and `during` ones that returned before the follower are added (gets of
   * null called at tick 0: they read nothing and are not refuted).
   */
  const missedAfterFollower = ({ call, ret, follower, before = 0, during = 0 }: { call: number; ret: number; follower: [number, number]; before?: number; during?: number }) => [
    ...Array.from({ length: before }, (_, i) => op(2000 + i, 0, 1 + (i % (call - 1)), get, null)),
    ...Array.from({ length: during }, (_, i) => op(3000 + i, 0, call + (i % (follower[1] - call)), get, null)),
    op(1, call, ret, put('P;')),
    op(2, follower[0], follower[1], append('P;')),
    op(3, follower[1] + 1, ret + 10, append('a;')),
    op(4, ret + 2, ret + 14, get, 'P;P;'),
    op(5, ret + 11, ret + 12, get, 'P;'),
  ];

  it('can be an append that returned while the put was in flight: what was called after it returned came after the put', () => {
    const history = missedAfterFollower({ call: 5, ret: 20, follower: [6, 8] });
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.reason).toBe(
      'get("k") → "P;" can follow none of the puts that can be the last before it: after put("k", "P;") comes append("k", "a;"), which returned before the get was called, and the value lacks it',
    );
  });

  it('can be an append that returned at the very tick the put was called', () => {
    const history = missedAfterFollower({ call: 5, ret: 20, follower: [0, 5] });
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.stuck).toBe(history.at(-1));
  });

  it('is looked for only among the operations that returned before the put did: what was called after the put returned came after it, whatever followed', () => {
    // Two puts can be the last: put "" (append "P;" came after it, or the get's "P;f;" could not be cut) and put "P;".
    // Append "x;", missing, was called after put "P;" returned, and after "P;" was appended past put "": it rules out both.
    // Append "f;" must follow put "P;" too, but it returned after that put: it does not move the point past which operations are missing.
    const history = [
      op(0, 0, 10, put('P;')),
      op(1, 1, 40, put('')),
      op(2, 2, 11, append('P;')),
      op(3, 2, 15, append('f;')),
      op(4, 12, 20, append('x;')),
      op(5, 41, 42, get, 'P;f;'),
    ];
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
    expect(refuteKv(history)?.reason).toBe(
      'get("k") → "P;f;" can follow none of the puts that can be the last before it: after put("k", "") comes append("k", "x;"), which returned before the get was called; after put("k", "P;") comes append("k", "x;"), which returned before the get was called, and the value lacks each',
    );
  });

  it('is looked for among the operations that returned since the put was called: 64 that returned before do not use up the scan', () => {
    const history = missedAfterFollower({ call: 100, ret: 200, follower: [101, 105], before: 64 });
    expect(refuteKv(history)?.stuck).toBe(history.at(-1));
  });

  it('is looked for among the first 64 operations that returned while the put was in flight, not more', () => {
    const at64 = missedAfterFollower({ call: 10, ret: 200, follower: [11, 100], during: 63 });
    expect(refuteKv(at64)?.stuck).toBe(at64.at(-1));
    expect(refuteKv(missedAfterFollower({ call: 10, ret: 200, follower: [11, 100], during: 64 }))).toBeUndefined();
  });
});

describe('the operations the rules take as missing', () => {
  it('are among the 64 that returned last before the get was called, for the third rule too', () => {
    // "a;" was appended after "P;" and is missing from the get; then appends of "" (they add nothing).
    const missing = (empties: number) => [op(1, 0, 1, put('P;')), op(2, 2, 3, append('a;')), ...oneAfterAnother(empties, 4, () => append('')), op(3, 4 + 2 * empties, 5 + 2 * empties, get, 'P;')];
    const at64 = missing(63);
    expect(refuteKv(at64)?.reason).toContain('misses "a;"');
    expect(refuteKv(missing(64))).toBeUndefined();
  });
});
