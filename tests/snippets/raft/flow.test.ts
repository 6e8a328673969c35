/**
 * The leader's flow control: it sends the next batch early only on a reply that moved the follower's
 * matchIndex, and retries a refusal at once only when it moved nextIndex back. Without this, each copy
 * of a duplicated reply started one more chain of sends that lived as long as the follower lagged:
 * seed 72 of the 500-seed swarm suite (15 % duplication, one slow follower) grew to 600,000 events in
 * 212 ticks, and `npm test` never finished in CI. The simulator now ends such a run as a message storm.
 */
import { describe, expect, it } from 'vitest';
import { onAppendResult } from '../../../snippets/raft/replication.ts';
import { normalCase } from '../../../snippets/raft/scenarios.ts';
import type { RaftState } from '../../../snippets/raft/state.ts';
import { RANDOM_SUITES } from '../../../snippets/swarm-runs.ts';

/** s1 leading term 1 after the normal case, with s2 lagging: nothing of s2's log known, nextIndex at `next`. */
function lagging(next: number): RaftState {
  const s1 = normalCase().final.nodes.find((n) => n.id === 's1')!.state as RaftState;
  if (s1.role.kind !== 'leader') throw new Error('the normal case should leave s1 leading');
  expect(s1.log.length).toBeGreaterThanOrEqual(3);
  return { ...s1, role: { ...s1.role, nextIndex: { ...s1.role.nextIndex, s2: next }, matchIndex: { ...s1.role.matchIndex, s2: 0 } } };
}

const sendsTo = (effects: ReadonlyArray<{ kind: string }>, to: string) =>
  effects.filter((e) => e.kind === 'send' && (e as unknown as { to: string }).to === to).length;

describe('Raft leader flow control (duplicated replies do not multiply sends)', () => {
  it('a success that moves matchIndex sends the next batch at once; the same reply again sends nothing', () => {
    const s = lagging(2);
    const reply = { kind: 'append-result', term: s.currentTerm, success: true, matchIndex: 1, round: s.role.kind === 'leader' ? s.role.round : 0 } as const;
    const first = onAppendResult(s, 's2', reply);
    expect(sendsTo(first.effects, 's2')).toBe(1);
    const again = onAppendResult(first.state, 's2', reply);
    expect(sendsTo(again.effects, 's2')).toBe(0);
  });

  it('a refusal that moves nextIndex back retries at once; one that moves nothing waits for the heartbeat', () => {
    const s = lagging(3);
    const refusal = { kind: 'append-result', term: s.currentTerm, success: false, matchIndex: 1, round: 0 } as const;
    const first = onAppendResult(s, 's2', refusal);
    expect(first.state.role.kind === 'leader' && first.state.role.nextIndex.s2).toBe(2);
    expect(sendsTo(first.effects, 's2')).toBe(1);
    // A copy walks back one more entry (the hint says index 1 may match, the floor is matchIndex + 1)…
    const second = onAppendResult(first.state, 's2', refusal);
    expect(second.state.role.kind === 'leader' && second.state.role.nextIndex.s2).toBe(1);
    // …and from the floor a further copy changes nothing and sends nothing.
    const third = onAppendResult(second.state, 's2', refusal);
    expect(third.state.role.kind === 'leader' && third.state.role.nextIndex.s2).toBe(1);
    expect(sendsTo(third.effects, 's2')).toBe(0);
  });

  it('seed 72 of the swarm suite, which once stormed, passes with a few thousand events', () => {
    const { result, finding } = RANDOM_SUITES.raft.run(72);
    expect(finding).toBeUndefined();
    expect(result.trace.events.length).toBeLessThan(10_000);
  });
});
