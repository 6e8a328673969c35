/**
 * Client requests, one rule at a time (snippets/raft/requests.ts): writes through the leader's log
 * with retries kept once (Raft §5.3, §8), and rqlite's read levels — none (with its freshness bound),
 * weak, strong, and linearizable by ReadIndex (dissertation §6.4), sent through the log while the
 * leader has committed nothing of its term. The scripted read runs reach these only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { onRequest } from '../../../snippets/raft/requests.ts';
import { durableOf, type RaftState } from '../../../snippets/raft/state.ts';
import type { RaftRequest, ReadLevel } from '../../../snippets/raft/types.ts';
import { follower, kinds, leader, leaderRole, nop, notes, rd, replies, sends, w } from './servers.ts';

const write = (value: number, seq = 1, session = 'p1'): RaftRequest => ({ kind: 'write', value, session, seq });
const read = (level: ReadLevel, freshness?: number): RaftRequest => ({ kind: 'read', level, ...(freshness !== undefined ? { freshness } : {}) });
const answered = (s: RaftState, request: RaftRequest) => replies(onRequest(s, 'c1', 5, request).effects).map((r) => r.response);
/** A follower of s2 that has applied a write of 4. */
const following = (change: Partial<RaftState> = {}) => follower({ currentTerm: 1, log: [nop(1), w(1, 4)], commitIndex: 2, lastApplied: 2, machine: { value: 4, lastSeq: { p1: 1 } }, role: { kind: 'follower', leader: 's2' }, ...change });
/** s1 leading term 2, with its blank entry committed and applied. */
const leading = (change: Partial<RaftState> = {}, config = {}) =>
  leader({ currentTerm: 2, log: [w(1, 4), nop(2)], commitIndex: 2, lastApplied: 2, machine: { value: 4, lastSeq: { p1: 1 } }, ...change }, { round: 6 }, config);

describe('writes (Raft §5.3, §8)', () => {
  it('a server that does not lead says so, naming the leader it follows, or nobody while it campaigns', () => {
    expect(answered(following(), write(9))).toEqual([{ kind: 'not-leader', leader: 's2' }]);
    expect(answered(following({ role: { kind: 'candidate', votes: ['s1'] } }), write(9))).toEqual([{ kind: 'not-leader', leader: undefined }]);
  });

  it('the leader appends the write in its term, writes it to disk before sending it, and waits for it to be applied', () => {
    const { state, effects } = onRequest(leading(), 'p2', 3, write(9, 1, 'p2'));
    expect(state.log).toEqual([w(1, 4), nop(2), w(2, 9, 'p2', 1)]);
    expect(leaderRole(state).waiters).toEqual([{ index: 3, term: 2, client: 'p2', requestId: 3 }]);
    expect(kinds(effects)).toEqual(['persist', 'send', 'send']);
    expect(effects[0]).toEqual({ kind: 'persist', durable: durableOf(state) });
    expect(sends(effects).map((e) => e.message.entries)).toEqual([[w(2, 9, 'p2', 1)], [w(2, 9, 'p2', 1)]]);
  });

  it('§8: a retry of a write already applied is answered at once with where it was committed', () => {
    expect(answered(leading(), write(4, 1, 'p1'))).toEqual([{ kind: 'written', index: 1, term: 1, node: 's1', leaderTerm: 2 }]);
    // The last entry applied counts as applied.
    const justApplied = leading({ log: [nop(1), w(1, 4), nop(2)], commitIndex: 2, lastApplied: 2 });
    expect(answered(justApplied, write(4, 1, 'p1'))).toEqual([{ kind: 'written', index: 2, term: 1, node: 's1', leaderTerm: 2 }]);
  });

  it('§8: a retry of a write in the log but not yet applied waits for that entry; no second entry is added', () => {
    const s = leading({ log: [w(1, 4), nop(2), w(2, 9, 'p2', 1)] });
    const step = onRequest(s, 'p2', 4, write(9, 1, 'p2'));
    expect(step.state.log).toBe(s.log);
    expect(step.effects).toEqual([]);
    expect(leaderRole(step.state).waiters).toEqual([{ index: 3, term: 2, client: 'p2', requestId: 4 }]);
  });

  it('the same number from another session, or the next number, is a new write', () => {
    expect(onRequest(leading(), 'p2', 1, write(4, 1, 'p2')).state.log).toHaveLength(3);
    expect(onRequest(leading(), 'p1', 2, write(5, 2, 'p1')).state.log).toHaveLength(3);
  });
});

describe('rqlite\'s read levels', () => {
  it('none: any server answers from its own state machine', () => {
    expect(answered(following(), read('none'))).toEqual([{ kind: 'value', value: 4, node: 's1', applied: 2 }]);
  });

  it('none with freshness: a follower whose last word from a leader is older than the bound refuses; at the bound it answers', () => {
    expect(answered(following({ sinceLeaderContact: 11 }), read('none', 10))).toEqual([{ kind: 'stale' }]);
    expect(answered(following({ sinceLeaderContact: 10 }), read('none', 10))).toEqual([{ kind: 'value', value: 4, node: 's1', applied: 2 }]);
  });

  it('none with freshness: a leader never refuses', () => {
    expect(answered(leading({ sinceLeaderContact: 50 }), read('none', 10))).toEqual([{ kind: 'value', value: 4, node: 's1', applied: 2 }]);
  });

  it('weak: a server that believes it leads answers from its state machine; a follower does not', () => {
    expect(answered(leading(), read('weak'))).toEqual([{ kind: 'value', value: 4, node: 's1', applied: 2 }]);
    expect(answered(following(), read('weak'))).toEqual([{ kind: 'not-leader', leader: 's2' }]);
  });

  it('strong: the read is a log entry of the leader\'s term, answered when applied; a follower refuses it', () => {
    const step = onRequest(leading(), 'r1', 2, read('strong'));
    expect(step.state.log.at(-1)).toEqual(rd(2));
    expect(leaderRole(step.state).waiters).toEqual([{ index: 3, term: 2, client: 'r1', requestId: 2 }]);
    expect(replies(step.effects)).toEqual([]);
    expect(answered(following(), read('strong'))).toEqual([{ kind: 'not-leader', leader: 's2' }]);
  });

  it('linearizable (§6.4): the leader records its commitIndex and sends a fresh heartbeat round; the read waits for a quorum to answer it', () => {
    const step = onRequest(leading(), 'r1', 2, read('linearizable'));
    expect(leaderRole(step.state).reads).toEqual([{ readIndex: 2, round: 7, client: 'r1', requestId: 2 }]);
    expect(leaderRole(step.state).round).toBe(7);
    expect(sends(step.effects).map((e) => [e.to, e.message.round])).toEqual([['s2', 7], ['s3', 7]]);
    expect(replies(step.effects)).toEqual([]);
    expect(step.state.log).toHaveLength(2);
  });

  it('read-index-without-quorum-check answers at once from the leader\'s state machine, with no round', () => {
    const step = onRequest(leading({}, { confirmLeadership: false }), 'r1', 2, read('linearizable'));
    expect(replies(step.effects).map((r) => r.response)).toEqual([{ kind: 'value', value: 4, node: 's1', applied: 2 }]);
    expect(sends(step.effects)).toEqual([]);
  });

  it('linearizable before the leader has committed an entry of its term: the read goes through the log, and a note says why', () => {
    const step = onRequest(leading({ commitIndex: 1 }), 'r1', 2, read('linearizable'));
    expect(step.state.log.at(-1)).toEqual(rd(2));
    expect(leaderRole(step.state).reads).toEqual([]);
    expect(notes(step.effects)).toEqual(['s1 has committed nothing of term 2 yet: the read goes through the log']);
    expect(kinds(step.effects)[0]).toBe('note');
  });

  it('linearizable at a follower: not leader', () => {
    expect(answered(following(), read('linearizable'))).toEqual([{ kind: 'not-leader', leader: 's2' }]);
  });
});
