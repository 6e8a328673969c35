/**
 * The hashes the built-in models give the memo table (models/values.ts, the log's state): equal
 * states hash alike, and the hash is worth having: the scalars and logs that a history tells apart
 * hash apart. A hash that collided would cost time, never a verdict, so only these tests see it.
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { logModel, type LogState } from '../../../snippets/check/models/log.ts';
import { hashScalar, hashString, type Scalar } from '../../../snippets/check/models/values.ts';

describe('hashString', () => {
  it('is 32-bit FNV-1a over the UTF-16 code units (the published test vectors for ASCII)', () => {
    expect(hashString('') >>> 0).toBe(0x811c9dc5);
    expect(hashString('a') >>> 0).toBe(0xe40c292c);
    expect(hashString('foobar') >>> 0).toBe(0xbf9cf968);
  });
});

describe('hashScalar', () => {
  it('hashes a string with FNV-1a, and a fraction as its text', () => {
    expect(hashScalar('foobar')).toBe(hashString('foobar'));
    expect(hashScalar(1.5)).toBe(hashString('1.5'));
  });

  it('tells apart the scalars a history is likely to hold: null, the booleans, whole numbers near and far, fractions, strings', () => {
    const values: Scalar[] = [null, true, false, 0, 1, -1, 2, 1.5, 2 ** 32 + 1, 2 ** 33 + 1, '', 'a', 'b', 'ab', 'ba', 'null', '1'];
    const hashes = values.map(hashScalar);
    expect(new Set(hashes).size).toBe(values.length);
  });

  it('mixes in a whole number\'s bits above 32: 1 and 2^32 + 1 hash apart', () => {
    expect(hashScalar(2 ** 32 + 1)).not.toBe(hashScalar(1));
    expect(hashScalar(2 ** 32 + 1)).toBe(hashScalar(2 ** 32 + 1));
  });
});

describe('the log\'s hash', () => {
  const log = (...entries: Scalar[]): LogState => entries.reduce<LogState>((state, value) => logModel.step(state, { f: 'append', value }, undefined)[1], null);

  it('is built from every entry and its position: equal logs hash alike, logs that differ anywhere hash apart', () => {
    const hash = logModel.hash!;
    expect(hash(log('a', 'b'))).toBe(hash(log('a', 'b')));
    const logs = [log(), log('a'), log('b'), log('a', 'b'), log('b', 'a'), log('c', 'b'), log('a', 'a'), log('a', 'b', 'c'), log(null), log(null, null)];
    expect(new Set(logs.map(hash)).size).toBe(logs.length);
  });
});
