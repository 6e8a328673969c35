/**
 * Rules of the built-in models (models/log.ts, register.ts, kv.ts, values.ts) that the checker's
 * verdicts reach rarely or never: the log's step and equality at their edges, what is read-only,
 * how a cas is written back, the decoders' words, and a decoded operation's exact fields.
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { Json, RawOperation } from '../../../snippets/check/jepsen-history.ts';
import { decodeKvOperation } from '../../../snippets/check/models/kv.ts';
import { describeLogOperation, logModel, type LogState } from '../../../snippets/check/models/log.ts';
import { casOutcome, decodeRegisterOperation, describeRegisterOperation, readStep } from '../../../snippets/check/models/register.ts';
import { DecodeError, decoded, isScalar, scalar, type Scalar } from '../../../snippets/check/models/values.ts';

const log = (...entries: Scalar[]): LogState => entries.reduce<LogState>((state, value) => logModel.step(state, { f: 'append', value }, undefined)[1], null);
const called = (f: string, extra: Partial<RawOperation['input']> = {}): RawOperation => ({ process: 'p1', call: 1, input: { f, ...extra } });
const completed = (f: string, extra: Partial<RawOperation['input']>, output: Json): RawOperation => ({ ...called(f, extra), return: 2, output });

/** The message of the DecodeError `decode(raw)` throws. */
function refusal(decode: (raw: RawOperation) => unknown, raw: RawOperation): string {
  try {
    decode(raw);
  } catch (error) {
    if (error instanceof DecodeError) return error.message;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

describe('the log', () => {
  it('a read returns exactly the first min(limit, length) entries: not one more, and the last of them must match too', () => {
    const read = { f: 'read' } as const;
    expect(logModel.step(log('a', 'b'), read, ['a', 'b'])[0]).toBe(true);
    expect(logModel.step(log('a'), read, ['a', 'b'])[0]).toBe(false);
    expect(logModel.step(log('a', 'b'), read, ['a', 'c'])[0]).toBe(false);
    expect(logModel.step(log('a', 'b', 'c'), { f: 'read', limit: 2 }, ['a', 'x'])[0]).toBe(false);
  });

  it('a read that never returned fits any log and leaves it; one whose output is a number (a position) fits none', () => {
    const state = log('a');
    expect(logModel.step(state, { f: 'read' }, undefined)).toEqual([true, state]);
    expect(logModel.step(null, { f: 'read' }, undefined)).toEqual([true, null]);
    expect(logModel.step(state, { f: 'read' }, 1)[0]).toBe(false);
  });

  it('such a read is shown as the bare call', () => {
    expect(describeLogOperation({ f: 'read' }, 1)).toBe('read()');
    expect(describeLogOperation({ f: 'read', limit: 2 }, undefined)).toBe('read(2)');
  });

  it('the empty log equals only the empty log, and a log never equals its own extension, either way round', () => {
    expect(logModel.equal(null, null)).toBe(true);
    expect(logModel.equal(null, log('a'))).toBe(false);
    expect(logModel.equal(log('a'), null)).toBe(false);
    expect(logModel.equal(log('x'), log('x', 'x'))).toBe(false);
    expect(logModel.equal(log('x', 'x'), log('x'))).toBe(false);
  });

  it('only a read is read-only', () => {
    expect(logModel.readOnly!({ f: 'read' })).toBe(true);
    expect(logModel.readOnly!({ f: 'read', limit: 1 })).toBe(true);
    expect(logModel.readOnly!({ f: 'append', value: 1 })).toBe(false);
  });
});

describe('the register', () => {
  it('a read that never returned fits any value, and leaves it', () => {
    expect(readStep(1, undefined)).toEqual([true, 1]);
    expect(readStep(null, undefined)).toEqual([true, null]);
    expect(readStep(null, 1)).toEqual([false, null]);
  });

  it('a cas is shown with its outcome, ok or failed, and without one when it never returned', () => {
    const cas = { f: 'cas', from: 1, to: 2 } as const;
    expect(describeRegisterOperation(cas, true)).toBe('cas(1, 2) → ok');
    expect(describeRegisterOperation(cas, false)).toBe('cas(1, 2) → failed');
    expect(describeRegisterOperation(cas, undefined)).toBe('cas(1, 2)');
  });

  it('names the value it could not read: the value to write, cas from, cas to', () => {
    expect(refusal(decodeRegisterOperation, called('write', { value: [1] }))).toBe('the value to write must be a string, number, boolean or null, got [1]');
    expect(refusal(decodeRegisterOperation, called('cas', { value: [[1], 2] }))).toBe('cas from must be a string, number, boolean or null, got [1]');
    expect(refusal(decodeRegisterOperation, called('cas', { value: [1, { a: 2 }] }))).toBe('cas to must be a string, number, boolean or null, got {"a":2}');
  });

  it('takes Jepsen\'s [from, to] echo as a swap only when it is exactly this cas\'s [from, to]', () => {
    expect(casOutcome([1, 2], 1, 2)).toBe(true);
    expect(() => casOutcome([1, 2, 3], 1, 2)).toThrow(DecodeError);
    expect(() => casOutcome([9, 2], 1, 2)).toThrow(DecodeError);
    expect(() => casOutcome([1, 9], 1, 2)).toThrow(DecodeError);
  });
});

describe('the key-value map', () => {
  it('names the value it could not read: the value to put', () => {
    expect(refusal(decodeKvOperation, called('put', { key: 'k', value: [1] }))).toBe('the value to put must be a string, number, boolean or null, got [1]');
  });
});

describe('values', () => {
  it('a scalar is null, a string, a boolean or a finite number: not Infinity (JSON.parse reads 1e999 so), NaN, a list or an object', () => {
    expect([null, 'x', '', true, false, 0, -2.5].every(isScalar)).toBe(true);
    expect([Infinity, -Infinity, NaN, [], {}, undefined].some(isScalar)).toBe(false);
    expect(scalar(false, 'the value')).toBe(false);
    expect(() => scalar(JSON.parse('1e999'), 'the value')).toThrow('the value must be a string, number, boolean or null, got Infinity');
    expect(decodeRegisterOperation(called('write', { value: true })).input).toEqual({ f: 'write', value: true });
  });

  it('a decoding error is named DecodeError, and blames the call\'s line unless told otherwise', () => {
    const error = new DecodeError('bad');
    expect(String(error)).toBe('DecodeError: bad');
    expect(error.at).toBe('call');
  });

  it('a decoded operation has no field for what was not recorded: no event orders, no return order, no return (exact optional fields)', () => {
    expect(decoded({ process: 'p', call: 1, input: { f: 'read' } }, 'in')).toStrictEqual({ process: 'p', call: 1, input: 'in' });
    expect(decoded({ process: 'p', call: 1, callOrder: 3, input: { f: 'read' } }, 'in')).toStrictEqual({ process: 'p', call: 1, callOrder: 3, input: 'in' });
    expect(decoded({ process: 'p', call: 1, callOrder: 3, return: 2, input: { f: 'read' } }, 'in', 'out')).toStrictEqual({ process: 'p', call: 1, callOrder: 3, return: 2, input: 'in', output: 'out' });
    expect(decodeRegisterOperation(completed('read', {}, 4))).toStrictEqual({ process: 'p1', call: 1, return: 2, input: { f: 'read' }, output: 4 });
  });
});
