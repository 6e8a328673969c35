/**
 * The history before the search: what makes one unreadable (each refusal, naming the operation),
 * what "pending" means, how a history is cut into parts, and how invoke and completion events pair
 * up. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { assertWellFormed, isPending, pairEvents, partitionBy, precedes, programPredecessors, type History, type HistoryEvent } from '../../../snippets/check/history.ts';

type Op = History<string, string>[number];
const op = (fields: Partial<Op>): Op => ({ process: 'p', call: 1, input: 'x', ...fields });

describe('a history the checker refuses, naming the operation and what is wrong', () => {
  it.each([
    [[op({ call: Number.NaN })], 'operation 0: call tick NaN is not a finite number'],
    [[op({}), op({ call: 2, return: Number.POSITIVE_INFINITY })], 'operation 1: return tick Infinity is not a finite number'],
    [[op({ call: 5, return: 4 })], 'operation 0: returned at tick 4, before its call at 5'],
    [[op({ returnOrder: 2, return: 2 })], 'operation 0: has a returnOrder but no callOrder'],
    [[op({ callOrder: 1 }), op({})], 'operation 1 has no callOrder, unlike operation 0: give event orders on every operation or on none'],
    [[op({}), op({ callOrder: 1 })], 'operation 1 has a callOrder, unlike operation 0: give event orders on every operation or on none'],
    [[op({ callOrder: Number.NaN })], 'operation 0: callOrder NaN is not a finite number'],
    [[op({ callOrder: 1, return: 2 })], 'operation 0: give returnOrder exactly when the operation returned (return tick 2, returnOrder absent)'],
    [[op({ callOrder: 1, returnOrder: 2 })], 'operation 0: give returnOrder exactly when the operation returned (return tick absent, returnOrder 2)'],
  ])('%j', (history, message) => {
    expect(() => assertWellFormed(history)).toThrow(new RangeError(message));
  });

  it('takes a returned operation whose return tick equals its call tick, and a pending one without orders', () => {
    expect(() => assertWellFormed([op({ call: 3, return: 3 }), op({ process: 'q', call: 4 })])).not.toThrow();
    expect(() => assertWellFormed([op({ callOrder: 1, returnOrder: 2, return: 1 }), op({ process: 'q', callOrder: 3 })])).not.toThrow();
  });
});

describe('real-time order', () => {
  it('by event orders when both operations have them, else by ticks', () => {
    const early = op({ call: 0, return: 1, callOrder: 1, returnOrder: 5 });
    expect(precedes(early, op({ call: 2, callOrder: 3 }))).toBe(false); // its return came after the other's call
    expect(precedes(early, op({ call: 2 }))).toBe(true); // the other has no order: ticks decide
    expect(precedes(op({ call: 0, return: 1 }), { ...early, call: 2 })).toBe(true);
  });

  it('strictly before on event orders too: a return at the very position of the other\'s call does not precede it', () => {
    expect(precedes(op({ callOrder: 1, returnOrder: 3, return: 1 }), op({ callOrder: 3 }))).toBe(false);
    expect(precedes(op({ callOrder: 1, returnOrder: 3, return: 1 }), op({ callOrder: 4 }))).toBe(true);
  });
});

describe('program order', () => {
  it('a process\'s operations are taken in call order, not in the order the history lists them', () => {
    // One process, listed as its second, first and third operation: each follows the one called before it.
    const history = [op({ call: 5, return: 6 }), op({ call: 0, return: 1 }), op({ call: 10, return: 11 })];
    expect([...programPredecessors(history)]).toEqual([1, -1, 0]);
  });
});

describe('pending operations', () => {
  it('an operation is pending exactly when it has no return', () => {
    expect(isPending(op({}))).toBe(true);
    expect(isPending(op({ return: 0 }))).toBe(false);
  });
});

describe('parts of a history', () => {
  it('grouped by key in order of first appearance, labelled by the key unless told otherwise', () => {
    const history = [op({ input: 'b' }), op({ input: 'a' }), op({ input: 'b', call: 2 })];
    expect(partitionBy(history, (input) => input).map((p) => [p.label, p.operations.length])).toEqual([['b', 2], ['a', 1]]);
    expect(partitionBy(history, (input) => input, (key) => `key ${key}`).map((p) => p.label)).toEqual(['key b', 'key a']);
  });
});

describe('pairing invoke and completion events', () => {
  const invoke = (process: string, time: number, f = 'write'): HistoryEvent<string, string> => ({ type: 'invoke', process, time, f, input: f });

  it('errors name the other event as "event N" unless the caller names it', () => {
    const events = [invoke('p', 1), invoke('p', 2, 'read')];
    expect(pairEvents(events).errors).toEqual([{ event: 1, message: 'process p invoked read while its write (event 0) has not completed; a process runs one operation at a time' }]);
    expect(pairEvents(events, (e) => `line ${e + 1}`).errors[0]!.message).toContain('(line 1)');
  });

  it('a completion of another operation, or before its invoke, is an error naming the invoke', () => {
    expect(pairEvents([invoke('p', 5), { type: 'ok', process: 'p', time: 6, f: 'read' }]).errors).toEqual([
      { event: 1, message: 'completes read, but process p invoked write (event 0)' },
    ]);
    expect(pairEvents([invoke('p', 5), { type: 'ok', process: 'p', time: 4 }]).errors).toEqual([
      { event: 1, message: 'completes at time 4, before its invoke at 5 (event 0)' },
    ]);
  });

  it('ok returns with its output, info stays pending, fail drops the operation; in invoke order', () => {
    const { operations, errors } = pairEvents<string, string>([
      invoke('a', 1),
      invoke('b', 2),
      invoke('c', 3),
      { type: 'info', process: 'b', time: 4 },
      { type: 'ok', process: 'a', time: 5, output: 'done' },
      { type: 'fail', process: 'c', time: 6 },
      invoke('d', 7),
    ]);
    expect(errors).toEqual([]);
    expect(operations).toEqual([
      { operation: { process: 'a', call: 1, return: 5, input: 'write', output: 'done' }, invokeEvent: 0, completionEvent: 4 },
      { operation: { process: 'b', call: 2, input: 'write' }, invokeEvent: 1 },
      { operation: { process: 'd', call: 7, input: 'write' }, invokeEvent: 6 },
    ]);
  });

  it('an ok with no output gives an operation with no output field (not one set to undefined)', () => {
    const { operations } = pairEvents<string, string>([invoke('a', 1), { type: 'ok', process: 'a', time: 2 }]);
    expect(operations).toStrictEqual([{ operation: { process: 'a', call: 1, return: 2, input: 'write' }, invokeEvent: 0, completionEvent: 1 }]);
  });
});
