/**
 * The search's rules that its verdicts alone do not show: how many steps `advance` takes, what it
 * reports while unfinished, and the growth look-ahead (which entries it reads, which operations it
 * asks the model about). Each is seen in what the search returns: `explored` (configurations, the
 * memo table's size) and `progress`. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../snippets/check/history.ts';
import type { Model } from '../../../snippets/check/model.ts';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { LinearizationSearch, searchLinearization } from '../../../snippets/check/search.ts';
import { op, read, write } from './histories.ts';

/**
 * A counter that only grows until it is set: `inc` adds one and returns the new value, `nop` does
 * nothing, `read` returns the value, `set(v)` replaces it. Its growth rule: a read of n fits any
 * state not above n (incs only raise it), and `set` is the reset.
 */
type CounterInput = { readonly f: 'inc' } | { readonly f: 'nop' } | { readonly f: 'read' } | { readonly f: 'set'; readonly value: number };

function counter(asked: string[] = []): Model<number, CounterInput, number> {
  return {
    name: 'counter',
    init: () => 0,
    step(state, input, output) {
      switch (input.f) {
        case 'inc':
          return [output === undefined || output === state + 1, state + 1];
        case 'nop':
          return [true, state];
        case 'read':
          return [output === undefined || output === state, state];
        case 'set':
          return [true, input.value];
      }
    },
    equal: (a, b) => a === b,
    describe: (input, output) => `${input.f}${output === undefined ? '' : ` → ${output}`}`,
    readOnly: (input) => input.f === 'read',
    growth: {
      stillFits(state, input, output) {
        asked.push(input.f);
        return output === undefined || output >= state;
      },
      resets: (input) => input.f === 'set',
      resetTo: (input) => (input.f === 'set' ? input.value : undefined),
    },
  };
}

type CounterOp = Operation<CounterInput, number>;
const at = (process: string, call: number, ret: number, input: CounterInput, output?: number): CounterOp =>
  output === undefined ? { process, call, return: ret, input } : { process, call, return: ret, input, output };

/**
 * An inc concurrent with everything, called first, then `fillers` nops one after another (two
 * entries each), then a read of 0: the inc must come after the read. The list starts with the inc's
 * call, so the read's return is entry 2·fillers + 2, counting from 0.
 */
function incBeforeFillersAndRead(fillers: number): CounterOp[] {
  const nops = Array.from({ length: fillers }, (_, i) => at(`n${i}`, 1 + 2 * i, 2 + 2 * i, { f: 'nop' }));
  const readAt = 1 + 2 * fillers;
  return [at('inc', 0, readAt + 10, { f: 'inc' }, 1), ...nops, at('reader', readAt, readAt + 1, { f: 'read' }, 0)];
}

describe('advance(steps)', () => {
  it('looks at no more entries than it is given: with 0 nothing is explored, and on a sequential history each step places one operation', () => {
    const history = [op('A', 0, 1, write(1)), op('A', 2, 3, write(2)), op('A', 4, 5, read(2))];
    const search = new LinearizationSearch(registerModel, history);
    expect(search.advance(0)).toBe(false);
    expect(search.progress).toEqual({ explored: 0, placed: 0, completed: 3 });
    expect(search.advance(1)).toBe(false);
    expect(search.progress).toEqual({ explored: 1, placed: 1, completed: 3 });
    expect(search.advance(1)).toBe(false);
    expect(search.progress).toEqual({ explored: 2, placed: 2, completed: 3 });
    expect(search.advance(1)).toBe(true);
    expect(search.result).toMatchObject({ ok: true, order: history, explored: 3 });
    expect(search.progress).toEqual({ explored: 3, placed: 3, completed: 3 });
  });
});

describe('the answer', () => {
  it('a search that finds no order answers on the advance that proves it', () => {
    const history = [op('A', 0, 1, write(1)), op('B', 2, 3, read(2))];
    const search = new LinearizationSearch(registerModel, history);
    expect(search.advance(Infinity)).toBe(true);
    expect(search.result).toMatchObject({ ok: false, stuck: history[1] });
  });

  it('of dead ends that place as many operations, keeps the first found for the counterexample', () => {
    // Two concurrent writes, then a read of 3 that nothing wrote: the walk dies after write(1),
    // write(2) first (in call order), and again after write(2), write(1), equally far.
    const history = [op('A', 0, 10, write(1)), op('B', 0, 10, write(2)), op('C', 11, 12, read(3))];
    expect(searchLinearization(registerModel, history)).toMatchObject({ ok: false, order: [history[0], history[1]], state: 2, stuck: history[2] });
  });

  it('takes a process\'s operations in call order however the history lists them (program order)', () => {
    // A's write(1) then write(2), touching at tick 1: concurrent in real time, but A issued
    // write(1) first, so a later read of 1 is stale. Listed last-call-first, it is still stale.
    const history = [op('B', 3, 4, read(1)), op('A', 1, 2, write(2)), op('A', 0, 1, write(1))];
    expect(searchLinearization(registerModel, history)).toMatchObject({ ok: false, stuck: history[0] });
    expect(searchLinearization(registerModel, [history[2]!, history[1]!, op('B', 3, 4, read(2))])).toMatchObject({ ok: true });
  });
});

describe('reads are no choice (readOnly)', () => {
  it('when a path through a read dies, the prefix before the read is dead too: the write concurrent with the read is never tried first', () => {
    // A read of null, a write of 1 called during it, then a read of 5 that nothing wrote. If any
    // order existed, one with the first read placed at once would too: so after {read}, {read,
    // write} die, the search gives up without trying {write}.
    const history = [op('A', 0, 4, read(null)), op('B', 1, 2, write(1)), op('C', 7, 8, read(5))];
    expect(searchLinearization(registerModel, history)).toMatchObject({ ok: false, explored: 2, stuck: history[2] });
  });

  it('a read whose configuration was seen before ends the path at once (Lowe\'s memo table): the walk does not go on past it', () => {
    // Two writes of 1 (A, C) and the read of 1 (B) between them: after C then A the read is
    // where A, B, C already went (same operations, same state) and failed, at D's read of 5;
    // the search backtracks there instead of trying the write of 2 (E) after C and A.
    const history = [
      op('A', 0, 10, write(1)),
      op('B', 1, 10, read(1)),
      op('C', 2, 10, write(1)),
      op('E', 3, 10, write(2)),
      op('D', 11, 12, read(5)),
    ];
    expect(searchLinearization(registerModel, history)).toMatchObject({ ok: false, explored: 16, stuck: history[4] });
  });
});

describe('the growth look-ahead', () => {
  it('prunes a configuration when a read among the next entries can no longer fit: the inc is never placed before the read of 0', () => {
    // The read's return is entry 30 of the list (the look-ahead reads 0 to 31): the inc placed
    // first would leave 1, which the read of 0 cannot reach; so the only configurations are the 14
    // nops, the read, then the inc (tried, and pruned, at every depth before).
    const result = searchLinearization(counter(), incBeforeFillersAndRead(14));
    expect(result).toMatchObject({ ok: true, explored: 16 });
    expect(result.order.at(-1)?.input).toEqual({ f: 'inc' });
  });

  it('is not run for a read, which changes nothing and so cannot spoil a later read: the read is placed, then the search finds the dead end', () => {
    // Two concurrent reads, of 0 and of -1 (which no state of the counter gives): the read of 0 is
    // placed (one configuration), and the read of -1 then fits nowhere.
    const history = [at('A', 0, 2, { f: 'read' }, 0), at('B', 1, 2, { f: 'read' }, -1)];
    expect(searchLinearization(counter(), history)).toMatchObject({ ok: false, explored: 1, stuck: history[1] });
  });

  it('reads the first 32 entries of the list and no further (LOOKAHEAD): a read whose return is the 33rd is met only by the walk', () => {
    // One more nop puts the read's return at entry 32: the inc is placed first (one configuration
    // more), and the nop after it is pruned: with the inc's call lifted, the read's return is entry 31.
    expect(searchLinearization(counter(), incBeforeFillersAndRead(14)).explored).toBe(16);
    expect(searchLinearization(counter(), incBeforeFillersAndRead(15)).explored).toBe(1 + 17);
  });

  it('does not count the operation being placed among the resets a later read may follow: a compare-and-set placed first is pruned', () => {
    // kv: a cas from null to "x" concurrent with a get of null that returned before it. Placed
    // first, the cas leaves "x", from which no append reaches null; its own call entry is no
    // reset the get could come after (a cas's result depends on the state: it would end the look-ahead).
    const history: Operation<KvInput, KvOutput>[] = [
      { process: 'A', call: 0, return: 10, input: { f: 'cas', key: 'k', from: null, to: 'x' }, output: true },
      { process: 'B', call: 1, return: 2, input: { f: 'get', key: 'k' }, output: null },
    ];
    expect(searchLinearization(kvModel, history)).toMatchObject({ ok: true, order: [history[1], history[0]], explored: 2 });
  });

  it('asks the model whether an output still fits only about reads (growth.stillFits is for readOnly operations)', () => {
    const asked: string[] = [];
    // The inc returns 2 after a concurrent one: its return entry is met, but it is no read.
    const history = [at('A', 0, 5, { f: 'inc' }, 1), at('B', 1, 3, { f: 'inc' }, 2), at('C', 4, 6, { f: 'read' }, 2)];
    expect(searchLinearization(counter(asked), history).ok).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['read']));
  });
});
