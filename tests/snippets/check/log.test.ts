import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../snippets/check/history.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { logEntries, logModel, type LogInput, type LogOutput } from '../../../snippets/check/models/log.ts';
import type { Scalar } from '../../../snippets/check/models/values.ts';
import { op, type Io } from './histories.ts';

type LogIo = Io<LogInput, LogOutput>;
const append = (value: Scalar, position?: number): LogIo =>
  position === undefined ? { input: { f: 'append', value } } : { input: { f: 'append', value }, output: position };
const readAll = (entries: Scalar[]): LogIo => ({ input: { f: 'read' }, output: entries });
const readFirst = (limit: number, entries: Scalar[]): LogIo => ({ input: { f: 'read', limit }, output: entries });
const check = (history: Operation<LogInput, LogOutput>[]) => checkLinearizability(logModel, history);

describe('append-only log', () => {
  it('appends get consecutive positions from 0', () => {
    expect(check([op('A', 0, 1, append('a', 0)), op('A', 2, 3, append('b', 1))]).ok).toBe(true);
    expect(check([op('A', 0, 1, append('a', 1))]).ok).toBe(false);
  });

  it('two appends cannot get the same position', () => {
    expect(check([op('A', 0, 5, append('a', 0)), op('B', 1, 6, append('b', 0))]).ok).toBe(false);
  });

  it('concurrent appends land in either order, and the positions say which', () => {
    const appends = [op('A', 0, 5, append('a', 1)), op('B', 1, 6, append('b', 0))];
    expect(check([...appends, op('C', 7, 8, readAll(['b', 'a']))]).ok).toBe(true);
    expect(check([...appends, op('C', 7, 8, readAll(['a', 'b']))]).ok).toBe(false);
  });

  it('a read returns the whole log, oldest first', () => {
    expect(check([op('A', 0, 1, append('a', 0)), op('A', 2, 3, append('b', 1)), op('B', 4, 5, readAll(['a', 'b']))]).ok).toBe(true);
  });

  it('a read may not miss an append that completed before the read was called', () => {
    expect(check([op('A', 0, 1, append('a', 0)), op('B', 2, 3, readAll([]))]).ok).toBe(false);
  });

  it('read(limit) returns the first min(limit, length) entries', () => {
    const log = [op('A', 0, 1, append('a', 0)), op('A', 2, 3, append('b', 1)), op('A', 4, 5, append('c', 2))];
    expect(check([...log, op('B', 6, 7, readFirst(2, ['a', 'b']))]).ok).toBe(true);
    expect(check([...log, op('B', 6, 7, readFirst(5, ['a', 'b', 'c']))]).ok).toBe(true);
    expect(check([...log, op('B', 6, 7, readFirst(2, ['b', 'c']))]).ok).toBe(false);
    // Fewer entries than the limit means the log was that short: here it was not.
    expect(check([...log, op('B', 6, 7, readFirst(5, ['a', 'b']))]).ok).toBe(false);
  });

  it('an append that never returned may or may not appear, at a position consistent with the others', () => {
    const pending = op('A', 0, null, append('a'));
    expect(check([pending, op('B', 1, 2, readAll(['a']))]).ok).toBe(true);
    expect(check([pending, op('B', 1, 2, readAll([]))]).ok).toBe(true);
    expect(check([pending, op('B', 1, 2, append('b', 0)), op('C', 3, 4, readAll(['a', 'b']))]).ok).toBe(false);
  });

  it('states that share their older entries compare equal only when every entry matches', () => {
    const [, one] = logModel.step(null, { f: 'append', value: 'a' }, undefined);
    const [, two] = logModel.step(one, { f: 'append', value: 'b' }, undefined);
    const [, other] = logModel.step(one, { f: 'append', value: 'c' }, undefined);
    const [, rebuilt] = logModel.step(logModel.step(null, { f: 'append', value: 'a' }, undefined)[1], { f: 'append', value: 'b' }, undefined);
    expect(logModel.equal(two, rebuilt)).toBe(true);
    expect(logModel.equal(two, other)).toBe(false);
    expect(logModel.equal(one, two)).toBe(false);
    expect(logEntries(two)).toEqual(['a', 'b']);
  });
});
