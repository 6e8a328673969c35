/**
 * How the built-in models read a recorded operation (`check-history` lines) and write one back: each
 * form they accept, what they make of it, and each refusal in words, blaming the call's line or the
 * return's. The command-line tests cover these through a child process; these state them directly.
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { Json, RawOperation } from '../../../snippets/check/jepsen-history.ts';
import { decodeKvOperation, describeKvOperation } from '../../../snippets/check/models/kv.ts';
import { decodeLogOperation, describeLogOperation, logModel } from '../../../snippets/check/models/log.ts';
import { casOutcome, decodeRegisterOperation } from '../../../snippets/check/models/register.ts';
import { DecodeError, decoded } from '../../../snippets/check/models/values.ts';

const called = (f: string, extra: Partial<RawOperation['input']> = {}): RawOperation => ({ process: 'p1', call: 1, input: { f, ...extra } });
const returned = (f: string, extra: Partial<RawOperation['input']>, output: Json): RawOperation => ({ ...called(f, extra), return: 2, output });

/** The DecodeError `decode(raw)` throws: its message and the line it blames. */
function refusal(decode: (raw: RawOperation) => unknown, raw: RawOperation): { message: string; at: string } {
  try {
    decode(raw);
  } catch (error) {
    if (error instanceof DecodeError) return { message: error.message, at: error.at };
    throw error;
  }
  throw new Error('expected a DecodeError');
}

describe('the log', () => {
  it('an append: its entry, and the position it got once it returned', () => {
    expect(decodeLogOperation(called('append', { value: 'a' }))).toEqual({ process: 'p1', call: 1, input: { f: 'append', value: 'a' } });
    expect(decodeLogOperation(returned('append', { value: 'a' }, 0))).toMatchObject({ input: { f: 'append', value: 'a' }, return: 2, output: 0 });
  });

  it('a read: its limit if any (null or none: the whole log), and the entries it read', () => {
    expect(decodeLogOperation(called('read')).input).toEqual({ f: 'read' });
    expect(decodeLogOperation(called('read', { value: null })).input).toEqual({ f: 'read' });
    expect(decodeLogOperation(called('read', { value: 0 })).input).toEqual({ f: 'read', limit: 0 });
    expect(decodeLogOperation(returned('read', { value: 2 }, ['a', 1]))).toMatchObject({ input: { f: 'read', limit: 2 }, output: ['a', 1] });
  });

  it.each([
    [called('append', { value: [1] }), 'the entry to append must be a string, number, boolean or null, got [1]', 'call'],
    [returned('append', { value: 'a' }, -1), 'a completed append needs the position it got (a whole number from 0), got -1', 'return'],
    [returned('append', { value: 'a' }, 1.5), 'a completed append needs the position it got (a whole number from 0), got 1.5', 'return'],
    [returned('append', { value: 'a' }, 'x'), 'a completed append needs the position it got (a whole number from 0), got "x"', 'return'],
    [called('read', { value: -1 }), "a read's value is its limit, a whole number from 0 (or null for the whole log), got -1", 'call'],
    [called('read', { value: 0.5 }), "a read's value is its limit, a whole number from 0 (or null for the whole log), got 0.5", 'call'],
    [called('read', { value: 'all' }), 'a read\'s value is its limit, a whole number from 0 (or null for the whole log), got "all"', 'call'],
    [returned('read', {}, 3), 'a completed read needs the entries it read (an array), got 3', 'return'],
    [returned('read', {}, [{}]), 'entry 0 of the read must be a string, number, boolean or null, got {}', 'return'],
    [called('pop'), 'unknown operation "pop" for the log (expected append or read)', 'call'],
  ] as const)('refuses %j: %s', (raw, message, at) => {
    expect(refusal(decodeLogOperation, raw)).toEqual({ message, at });
  });

  it('a completed append or read without its output says so ("nothing")', () => {
    const noOutput = (f: string): RawOperation => ({ process: 'p1', call: 1, input: { f, value: f === 'append' ? 'a' : null }, return: 2 });
    expect(refusal(decodeLogOperation, noOutput('append')).message).toBe('a completed append needs the position it got (a whole number from 0), got nothing');
    expect(refusal(decodeLogOperation, noOutput('read')).message).toBe('a completed read needs the entries it read (an array), got nothing');
  });

  it('operations read as calls, with what they returned', () => {
    expect(describeLogOperation({ f: 'append', value: 'a' }, 3)).toBe('append("a") → 3');
    expect(describeLogOperation({ f: 'append', value: 'a' }, undefined)).toBe('append("a")');
    expect(describeLogOperation({ f: 'read' }, undefined)).toBe('read()');
    expect(describeLogOperation({ f: 'read', limit: 2 }, [1, 2])).toBe('read(2) → [1, 2]');
    expect(describeLogOperation({ f: 'read' }, [])).toBe('read() → []');
  });

  it('a long read shows its last eight entries after an ellipsis; eight are shown whole', () => {
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(describeLogOperation({ f: 'read' }, nine)).toBe('read() → […, 2, 3, 4, 5, 6, 7, 8, 9]');
    expect(describeLogOperation({ f: 'read' }, nine.slice(0, 8))).toBe('read() → [1, 2, 3, 4, 5, 6, 7, 8]');
    expect(logModel.describeState!(logModel.step(logModel.init(), { f: 'append', value: 'x' }, 0)[1])).toBe('["x"]');
  });
});

describe('the key-value map', () => {
  it('a key given apart, or Jepsen\'s [key, value] form, with the completion\'s [key, value] unwrapped', () => {
    expect(decodeKvOperation(called('put', { key: 'x', value: 1 })).input).toEqual({ f: 'put', key: 'x', value: 1 });
    expect(decodeKvOperation(called('put', { value: ['x', 1] })).input).toEqual({ f: 'put', key: 'x', value: 1 });
    expect(decodeKvOperation(returned('get', { value: ['x', null] }, ['x', 4]))).toMatchObject({ input: { f: 'get', key: 'x' }, output: 4 });
    expect(decodeKvOperation(returned('get', { key: 'x' }, 4)).output).toBe(4);
    expect(decodeKvOperation(called('get', { key: 7 })).input).toEqual({ f: 'get', key: 7 });
  });

  it('a completion\'s pair is unwrapped only when it names the same key', () => {
    expect(refusal(decodeKvOperation, returned('get', { value: ['x', null] }, ['y', 4]))).toEqual({
      message: 'the value a get returned must be a string, number, boolean or null, got ["y",4]',
      at: 'return',
    });
    expect(refusal(decodeKvOperation, returned('get', { value: ['x', null] }, ['x', 4, 5])).message).toMatch(/got \["x",4,5\]$/);
  });

  it('a value of three items is not a [key, value] pair', () => {
    expect(refusal(decodeKvOperation, called('put', { value: ['x', 1, 2] })).message).toBe('put needs a "key" (a string or a number), or a value [key, value], got nothing');
  });

  it('append and cas', () => {
    expect(decodeKvOperation(called('append', { key: 'x', value: 'ab' })).input).toEqual({ f: 'append', key: 'x', value: 'ab' });
    expect(decodeKvOperation(returned('cas', { key: 'x', value: [1, 2] }, true))).toMatchObject({ input: { f: 'cas', key: 'x', from: 1, to: 2 }, output: true });
    expect(decodeKvOperation(returned('cas', { value: ['x', [1, 2]] }, ['x', [1, 2]]))).toMatchObject({ input: { f: 'cas', key: 'x', from: 1, to: 2 }, output: true });
    expect(decodeKvOperation(called('cas', { key: 'x', value: [1, 2] }))).not.toHaveProperty('output');
  });

  it.each([
    [called('del', { key: 'x' }), 'unknown operation "del" for the key-value map (expected get, put, append or cas)', 'call'],
    [called('get', { key: Number.POSITIVE_INFINITY as never }), 'get needs a "key" (a string or a number), or a value [key, value], got Infinity', 'call'],
    [called('get', { key: true }), 'get needs a "key" (a string or a number), or a value [key, value], got true', 'call'],
    [called('append', { key: 'x', value: 3 }), 'append needs a string "value" to add at the end, got 3', 'call'],
    [called('append', { key: 'x' }), 'append needs a string "value" to add at the end, got nothing', 'call'],
    [returned('cas', { key: 'x', value: [1, 2] }, 'yes'), 'a completed cas needs its outcome, true or false (or Jepsen\'s [from, to] on ok), got "yes"', 'return'],
  ] as const)('refuses %j: %s', (raw, message, at) => {
    expect(refusal(decodeKvOperation, raw)).toEqual({ message, at });
  });

  it('operations read as calls on their key', () => {
    expect(describeKvOperation({ f: 'cas', key: 'x', from: 1, to: 2 }, true)).toBe('cas("x", 1, 2) → ok');
    expect(describeKvOperation({ f: 'cas', key: 'x', from: 1, to: 2 }, false)).toBe('cas("x", 1, 2) → failed');
    expect(describeKvOperation({ f: 'cas', key: 'x', from: 1, to: 2 }, undefined)).toBe('cas("x", 1, 2)');
    expect(describeKvOperation({ f: 'get', key: 3 }, 'v')).toBe('get(3) → "v"');
  });
});

describe('the register', () => {
  it('a cas needs [from, to]; its outcome is true, false, or Jepsen\'s [from, to] for ok', () => {
    expect(refusal(decodeRegisterOperation, called('cas', { value: [1] }))).toEqual({ message: 'a cas needs [from, to] as its value, got [1]', at: 'call' });
    expect(refusal(decodeRegisterOperation, called('cas'))).toEqual({ message: 'a cas needs [from, to] as its value, got nothing', at: 'call' });
    expect(casOutcome([1, 2], 1, 2)).toBe(true);
    expect(casOutcome(false, 1, 2)).toBe(false);
    expect(() => casOutcome([1, 3], 1, 2)).toThrow("a completed cas needs its outcome, true or false (or Jepsen's [from, to] on ok), got [1,3]");
    expect(() => casOutcome(undefined, 1, 2)).toThrow(/got nothing$/);
  });
});

describe('a decoded operation keeps the recorded process, ticks and event orders', () => {
  it('with both orders, with only the call\'s, or with none', () => {
    const raw: RawOperation = { process: 'p', call: 1, callOrder: 3, return: 2, returnOrder: 5, input: { f: 'read' } };
    expect(decoded(raw, 'in', 'out')).toEqual({ process: 'p', call: 1, callOrder: 3, return: 2, returnOrder: 5, input: 'in', output: 'out' });
    expect(decoded({ process: 'p', call: 1, callOrder: 3, input: { f: 'read' } }, 'in')).toEqual({ process: 'p', call: 1, callOrder: 3, input: 'in' });
    expect(decoded({ process: 'p', call: 1, input: { f: 'read' } }, 'in')).toEqual({ process: 'p', call: 1, input: 'in' });
  });
});
