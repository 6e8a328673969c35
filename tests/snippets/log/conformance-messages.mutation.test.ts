/**
 * What the conformance checker (snippets/log/conformance.ts) says when a property breaks. The message
 * is what a reader of a caught variant sees (`npm run snippet -- log --variant …`, the note's table of
 * findings), so it must name the facts that break the property: the entry, the position, the segment,
 * the node or client whose sequence it is, and the sequences themselves, written `[a b c]` with `_`
 * for a position nobody holds. Each test is the smallest log that breaks one property. Written for
 * mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { ConformanceChecker } from '../../../snippets/log/conformance.ts';
import type { AppendSeen, LogSnapshot } from '../../../snippets/log/interface.ts';
import { ALL, log } from './snapshots.ts';

const acked = (entry: string, ackOrder: number, offset?: number, segment?: number): AppendSeen => ({ entry, client: 'c1', invokeTick: 1, ackOrder, offset, segment });

/** The first violation of `snapshots`, stepped in order, the last one as the run's end. */
function violation(...snapshots: LogSnapshot[]) {
  const checker = new ConformanceChecker(ALL);
  for (const s of snapshots.slice(0, -1)) {
    const v = checker.step(s);
    if (v) return v;
  }
  return checker.finish(snapshots.at(-1)!);
}

describe('a broken property names what broke it', () => {
  it('a hole: its position, and the committed log with the hole shown as _', () => {
    expect(violation(log({ committed: ['a', undefined, 'c'] }))).toEqual({ property: 'holes', message: 'position 1 of the committed log [a _ c] is held by no node' });
  });

  it('a hole at the very start of the log is a hole too', () => {
    expect(violation(log({ committed: [undefined, 'b'] }))).toEqual({ property: 'holes', message: 'position 0 of the committed log [_ b] is held by no node' });
  });

  it('an entry twice in the committed log: the entry, and the log', () => {
    expect(violation(log({ committed: ['a', 'b', 'a'] }))?.message).toBe('a appears twice in the committed log [a b a]');
  });

  it('an entry twice in a replica: the entry, the node, and its prefix', () => {
    expect(violation(log({ committed: ['a'], replicas: [{ node: 'r2', log: ['a', 'a'] }] }))?.message).toBe("a appears twice in r2's committed prefix [a a]");
  });

  it('an entry twice in a read: the entry, the client that read it, and what it read', () => {
    expect(violation(log({ committed: ['a'], reads: [{ client: 'c2', entries: ['a', 'b', 'b'], invokeOrder: 1 }] }))?.message).toBe('b appears twice in a read by c2 [a b b]');
  });

  it('two orders: the sequence that disagrees and the one it disagrees with, each named and shown', () => {
    expect(violation(log({ committed: ['a', 'b'], replicas: [{ node: 'r2', log: ['a', 'c'] }] }))).toEqual({
      property: 'order',
      message: "r2's committed prefix [a c] disagrees with the committed log [a b]",
    });
  });

  it('two orders over time: a committed log that contradicts an earlier read names that read', () => {
    const r = { client: 'c2', entries: ['a', 'b'], invokeOrder: 1 };
    expect(violation(log({ committed: ['a'], reads: [r] }), log({ committed: ['a', 'x'], reads: [r] }))?.message).toBe('the committed log [a x] disagrees with a read by c2 [a b]');
  });

  it('one position acknowledged twice: the position and both entries', () => {
    expect(violation(log({ appends: [acked('a', 1, 0), acked('b', 2, 0)] }))).toEqual({ property: 'position', message: 'position 0 was acknowledged to both a and b' });
  });

  it('an acknowledged position holding another entry: the entry, the position, and what the log holds there', () => {
    expect(violation(log({ appends: [acked('a', 1, 1)], committed: ['x', 'y'] }))).toEqual({
      property: 'position',
      message: 'a was acknowledged at position 1, but the committed log holds y there',
    });
  });

  it('an acknowledgement past a seal: the entry, its position and segment, and where the segment was sealed', () => {
    expect(violation(log({ appends: [acked('a', 1, 3, 2)], committed: ['w', 'x', 'y', 'a'], seals: [{ segment: 2, end: 3 }] }))).toEqual({
      property: 'seal',
      message: 'a was acknowledged at position 3 in segment 2, which was sealed at 3',
    });
  });

  it('a read that missed an earlier acknowledgement: the client, what it read, and the entry it missed', () => {
    expect(violation(log({ appends: [acked('a', 1, 0)], committed: ['a'], reads: [{ client: 'c2', entries: [], invokeOrder: 2 }] }))).toEqual({
      property: 'readSeesAcked',
      message: 'a read by c2 returned [] without a, acknowledged before the read was sent',
    });
  });

  it('an acknowledged append lost at the end: the entry, the position it was acknowledged at, and the final log', () => {
    expect(violation(log({ appends: [acked('a', 1, 0)] }))).toEqual({ property: 'durable', message: 'a was acknowledged at position 0, but the final committed log [] lacks it' });
  });

  it('an acknowledged append lost at the end, where the acknowledgement named no position: no position is made up', () => {
    expect(violation(log({ appends: [acked('a', 1)], committed: ['b'] }))).toEqual({ property: 'durable', message: 'a was acknowledged, but the final committed log [b] lacks it' });
  });

  it('something once committed missing at the end: what was agreed, where it was seen, and the final log', () => {
    expect(violation(log({ committed: ['a', 'b'] }), log({ committed: ['a'] }))).toEqual({
      property: 'kept',
      message: 'the committed log [a b] is not a prefix of the final committed log [a]',
    });
  });
});
