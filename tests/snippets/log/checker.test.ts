/**
 * The conformance checker on logs written by hand: each property fires on the smallest snapshot that
 * breaks it, and stays quiet on one that keeps it. The backends' runs (conformance.test.ts) then only
 * have to show that real models produce such snapshots.
 */
import { describe, expect, it } from 'vitest';
import { ConformanceChecker, progressed } from '../../../snippets/log/conformance.ts';
import type { AppendSeen, Capabilities, LogSnapshot, ReadSeen } from '../../../snippets/log/interface.ts';
import { ALL, log } from './snapshots.ts';

const NONE: Capabilities = { ...ALL, readSeesAcked: false, seal: 'none' };

let order = 0;
const ack = (entry: string, offset?: number, segment?: number): AppendSeen => ({ entry, client: 'c1', invokeTick: 1, ackOrder: ++order, offset, segment });
const pending = (entry: string): AppendSeen => ({ entry, client: 'c1', invokeTick: 1, ackOrder: undefined });
const read = (entries: string[], invokeOrder = ++order): ReadSeen => ({ client: 'c2', entries, invokeOrder });

const violation = (snapshots: LogSnapshot[], capabilities = ALL) => {
  const checker = new ConformanceChecker(capabilities);
  for (const s of snapshots.slice(0, -1)) {
    const v = checker.step(s);
    if (v) return v.property;
  }
  return checker.finish(snapshots.at(-1)!)?.property;
};

describe('the conformance checker', () => {
  it('passes a log that keeps every property', () => {
    const a = ack('a', 0, 1);
    const b = ack('b', 1, 1);
    expect(violation([log({ appends: [a], committed: ['a'] }), log({ appends: [a, b, pending('c')], committed: ['a', 'b'], reads: [read(['a', 'b'])], replicas: [{ node: 'r1', log: ['a'] }], seals: [{ segment: 1, end: 2 }] })])).toBeUndefined();
  });

  it('no holes: a position nobody holds', () => {
    expect(violation([log({ committed: ['a', undefined, 'c'] })])).toBe('holes');
  });

  it('no duplicates: an entry twice in a replica', () => {
    expect(violation([log({ committed: ['a'], replicas: [{ node: 'r2', log: ['a', 'a'] }] })])).toBe('unique');
  });

  it('one order: two replicas that disagree', () => {
    expect(violation([log({ committed: ['a', 'b'], replicas: [{ node: 'r2', log: ['a', 'c'] }] })])).toBe('order');
  });

  it('one order: a committed entry that changes later', () => {
    expect(violation([log({ committed: ['a', 'b'] }), log({ committed: ['a', 'c'] })])).toBe('order');
  });

  it('one order: a read that the committed log later contradicts', () => {
    const r = read(['a', 'b']);
    expect(violation([log({ committed: ['a'], reads: [r] }), log({ committed: ['a', 'x'], reads: [r] })])).toBe('order');
  });

  it('acknowledged position: one position acknowledged to two entries', () => {
    expect(violation([log({ appends: [ack('a', 0), ack('b', 0)], committed: [] })])).toBe('position');
  });

  it('acknowledged position: the committed log holds another entry there', () => {
    expect(violation([log({ appends: [ack('a', 1)], committed: ['x', 'y'] })])).toBe('position');
  });

  it('seal: an acknowledgement at or past a sealed segment\'s end, only where the backend seals segments', () => {
    const snapshot = log({ appends: [ack('a', 3, 2)], committed: ['w', 'x', 'y', 'a'], seals: [{ segment: 2, end: 3 }] });
    expect(violation([snapshot])).toBe('seal');
    expect(violation([snapshot], NONE)).toBeUndefined();
  });

  it('read sees acks: a read sent after an acknowledgement that lacks it, only where promised', () => {
    const a = ack('a', 0);
    const snapshot = log({ appends: [a], committed: ['a'], reads: [read([])] });
    expect(violation([snapshot])).toBe('readSeesAcked');
    expect(violation([snapshot], NONE)).toBeUndefined();
  });

  it('a read sent before the acknowledgement may lack it', () => {
    const early = read([], order + 1);
    order += 2;
    const a = ack('a', 0);
    expect(violation([log({ appends: [a], committed: ['a'], reads: [early] })])).toBeUndefined();
  });

  it('durable: an acknowledged append missing from the final log', () => {
    expect(violation([log({ appends: [ack('a')], committed: [] })])).toBe('durable');
  });

  it('kept: the final log shorter than what was once committed', () => {
    expect(violation([log({ committed: ['a', 'b'] }), log({ committed: ['a'] })])).toBe('kept');
  });

  it('progress: only an append sent after healing and acknowledged counts', () => {
    const before: AppendSeen = { entry: 'a', client: 'c1', invokeTick: 5, ackOrder: 1 };
    const after: AppendSeen = { entry: 'b', client: 'c1', invokeTick: 12, ackOrder: undefined };
    expect(progressed(log({ appends: [before, after] }), 10)).toBe(false);
    expect(progressed(log({ appends: [before, { ...after, ackOrder: 2 }] }), 10)).toBe(true);
    expect(progressed(log({ appends: [{ ...after, ackOrder: 2 }] }), undefined)).toBe(false);
  });
});
