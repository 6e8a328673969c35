/**
 * Log replication and the commit rule, one rule at a time (snippets/raft/replication.ts): what an
 * AppendEntries carries, the follower's receiver rules (§5.3, Figure 2), the leader's commit rule
 * (§5.3, §5.4.2) and its heartbeat. The flow-control rules are in flow.test.ts; the seeded suites
 * and the Figure 8 script reach the rest only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { broadcastAppendEntries, leaderTick, onAppendEntries, onAppendResult } from '../../../snippets/raft/replication.ts';
import type { RaftMessage } from '../../../snippets/raft/types.ts';
import { follower, kinds, leader, leaderRole, nop, notes, replies, sends, w } from './servers.ts';

type AppendEntries = Extract<RaftMessage, { kind: 'append-entries' }>;
const ae = (change: Partial<AppendEntries> = {}): AppendEntries => ({ kind: 'append-entries', term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0, round: 1, ...change });
const ok = (matchIndex: number, term = 1, round = 1): Extract<RaftMessage, { kind: 'append-result' }> => ({ kind: 'append-result', term, success: true, matchIndex, round });
const answer = (effects: Parameters<typeof sends>[0]) => sends(effects).map((e) => e.message);

describe('what a leader sends (Raft §5.3)', () => {
  it('each follower gets the entries from its nextIndex, at most maxEntriesPerMessage, after the index and term of the one before', () => {
    const s = leader({ currentTerm: 2, log: [nop(1), w(1, 1), w(2, 2), w(2, 3)], commitIndex: 2 }, { nextIndex: { s2: 2, s3: 5 }, round: 4 }, { maxEntriesPerMessage: 2 });
    const { state, effects } = broadcastAppendEntries(s);
    expect(sends(effects).map((e) => [e.to, e.message])).toEqual([
      ['s2', ae({ term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: [w(1, 1), w(2, 2)], leaderCommit: 2, round: 5 })],
      ['s3', ae({ term: 2, prevLogIndex: 4, prevLogTerm: 2, entries: [], leaderCommit: 2, round: 5 })],
    ]);
    expect(leaderRole(state)).toMatchObject({ round: 5, sinceHeartbeat: 0 });
  });

  it('a leader sends a heartbeat round every heartbeatTicks ticks, and only then', () => {
    let s = leader({}, {}, { heartbeatTicks: 3 });
    const rounds: number[] = [];
    for (let t = 1; t <= 6; t++) {
      const step = leaderTick(s);
      if (step.effects.length > 0) rounds.push(t);
      s = step.state;
    }
    expect(rounds).toEqual([3, 6]);
  });
});

describe('the AppendEntries receiver (Raft §5.3, Figure 2)', () => {
  it('refuses an older term with its own term and matchIndex 0, and changes nothing: the deposed leader learns the newer term', () => {
    const s = follower({ currentTerm: 3, log: [nop(1)] });
    const step = onAppendEntries(s, 's2', ae({ term: 2, round: 7 }));
    expect(step.state).toBe(s);
    expect(step.effects).toEqual([{ kind: 'send', to: 's2', message: { kind: 'append-result', term: 3, success: false, matchIndex: 0, round: 7 } }]);
  });

  it('a candidate hearing from its term\'s leader follows it, restarts its timer and counts it as leader contact', () => {
    const s = follower({ currentTerm: 2, votedFor: 's1', role: { kind: 'candidate', votes: ['s1'] }, electionElapsed: 4, sinceLeaderContact: 9, draws: 1 });
    const { state } = onAppendEntries(s, 's2', ae({ term: 2 }));
    expect(state).toMatchObject({ currentTerm: 2, role: { kind: 'follower', leader: 's2' }, electionElapsed: 0, sinceLeaderContact: 0, draws: 2 });
  });

  it('fails the consistency check with a hint: just past its log, or just before prevLogIndex', () => {
    const s = follower({ currentTerm: 1, log: [nop(1), w(1)] });
    const short = onAppendEntries(s, 's2', ae({ prevLogIndex: 5, prevLogTerm: 1 }));
    expect(answer(short.effects)).toEqual([{ kind: 'append-result', term: 1, success: false, matchIndex: 2, round: 1 }]);
    const conflict = onAppendEntries(s, 's2', ae({ prevLogIndex: 2, prevLogTerm: 2 }));
    expect(answer(conflict.effects)).toEqual([{ kind: 'append-result', term: 1, success: false, matchIndex: 1, round: 1 }]);
    expect(conflict.state.log).toBe(s.log);
  });

  it('appends, persists before answering, and answers with the index its log now matches through', () => {
    const s = follower({ currentTerm: 1, log: [nop(1)] });
    const step = onAppendEntries(s, 's2', ae({ prevLogIndex: 1, prevLogTerm: 1, entries: [w(1, 1), w(1, 2)], round: 3 }));
    expect(step.state.log).toEqual([nop(1), w(1, 1), w(1, 2)]);
    expect(kinds(step.effects)).toEqual(['persist', 'send']);
    expect(answer(step.effects)).toEqual([ok(3, 1, 3)]);
  });

  it('rule 5: commitIndex = min(leaderCommit, index of last new entry), never lower than before, and the committed entries are applied', () => {
    const s = follower({ currentTerm: 1, log: [nop(1), w(1, 1), w(1, 2)] });
    expect(onAppendEntries(s, 's2', ae({ prevLogIndex: 1, prevLogTerm: 1, entries: [w(1, 1)], leaderCommit: 3 })).state).toMatchObject({ commitIndex: 2, lastApplied: 2, machine: { value: 1 } });
    expect(onAppendEntries(s, 's2', ae({ prevLogIndex: 3, prevLogTerm: 1, leaderCommit: 2 })).state.commitIndex).toBe(2);
    expect(onAppendEntries({ ...s, commitIndex: 3 }, 's2', ae({ prevLogIndex: 1, prevLogTerm: 1, leaderCommit: 1 })).state.commitIndex).toBe(3);
  });

  it('notes where it dropped entries that conflict with the leader\'s', () => {
    const s = follower({ currentTerm: 2, log: [nop(1), w(1, 1), w(1, 2)] });
    const step = onAppendEntries(s, 's2', ae({ term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: [nop(2)] }));
    expect(step.state.log).toEqual([nop(1), nop(2)]);
    expect(notes(step.effects)).toEqual(['s1 drops its entries from index 2: they conflict with the leader\'s']);
    expect(notes(onAppendEntries(s, 's2', ae({ term: 2, prevLogIndex: 3, prevLogTerm: 1 })).effects)).toEqual([]);
  });
});

describe('the commit rule (Raft §5.3, §5.4.2)', () => {
  it('the leader commits the highest index a majority stores, counting itself, and answers its waiters', () => {
    const s = leader({ log: [nop(1), w(1, 7)] }, { nextIndex: { s2: 1, s3: 1 }, waiters: [{ index: 2, term: 1, client: 'p1', requestId: 1 }] });
    const step = onAppendResult(s, 's2', ok(2));
    expect(step.state.commitIndex).toBe(2);
    expect(replies(step.effects).map((r) => r.response)).toEqual([{ kind: 'written', index: 2, term: 1, node: 's1', leaderTerm: 1 }]);
    expect(leaderRole(step.state)).toMatchObject({ matchIndex: { s2: 2, s3: 0 }, nextIndex: { s2: 3 }, ackedRound: { s2: 1 } });
  });

  it('an index only the leader stores is not committed (five servers: one follower is not enough)', () => {
    const s = leader({ log: [nop(1)], peers: ['s2', 's3', 's4', 's5'] }, { nextIndex: { s2: 1, s3: 1, s4: 1, s5: 1 }, matchIndex: {} });
    expect(onAppendResult(s, 's2', ok(1)).state.commitIndex).toBe(0);
    expect(onAppendResult(onAppendResult(s, 's2', ok(1)).state, 's3', ok(1)).state.commitIndex).toBe(1);
  });

  it('§5.4.2: an entry of an earlier term is not committed by counting replicas, only with one of the current term', () => {
    const s = leader({ currentTerm: 2, log: [w(1, 7), nop(2)] }, { nextIndex: { s2: 1, s3: 1 } });
    const older = onAppendResult(s, 's2', ok(1, 2));
    expect(older.state.commitIndex).toBe(0);
    expect(onAppendResult(older.state, 's2', ok(2, 2)).state.commitIndex).toBe(2);
  });

  it('commit-previous-term-by-count commits the earlier term\'s entry as soon as a majority stores it', () => {
    const s = leader({ currentTerm: 2, log: [w(1, 7), nop(2)] }, { nextIndex: { s2: 1, s3: 1 } }, { commitOnlyCurrentTerm: false });
    expect(onAppendResult(s, 's2', ok(1, 2)).state.commitIndex).toBe(1);
  });

  it('a reply of a higher term makes the leader a follower; one of an older term is ignored', () => {
    const s = leader({ currentTerm: 2, log: [nop(1), nop(2)] });
    expect(onAppendResult(s, 's2', { kind: 'append-result', term: 3, success: false, matchIndex: 0, round: 1 }).state).toMatchObject({ currentTerm: 3, role: { kind: 'follower' } });
    expect(onAppendResult(s, 's2', ok(2, 1))).toEqual({ state: s, effects: [] });
  });
});

describe('the leader\'s next send to one follower (Raft §5.3)', () => {
  const refused = (matchIndex: number): Extract<RaftMessage, { kind: 'append-result' }> => ({ kind: 'append-result', term: 1, success: false, matchIndex, round: 1 });

  it('a late refusal never moves nextIndex to or below what the follower is known to match', () => {
    const s = leader({ log: [nop(1), w(1, 1), w(1, 2), w(1, 3), w(1, 4)] }, { nextIndex: { s2: 5, s3: 6 }, matchIndex: { s2: 3, s3: 0 } });
    const { state, effects } = onAppendResult(s, 's2', refused(1));
    expect(leaderRole(state).nextIndex.s2).toBe(4);
    expect(answer(effects)).toMatchObject([{ kind: 'append-entries', prevLogIndex: 3, entries: [w(1, 3), w(1, 4)] }]);
  });

  it('a success that leaves the follower one entry behind sends that entry at once; one that catches it up sends nothing', () => {
    const s = leader({ log: [nop(1), w(1, 1), w(1, 2)] }, { nextIndex: { s2: 2, s3: 2 }, matchIndex: { s2: 1, s3: 1 } }, { maxEntriesPerMessage: 1 });
    const behind = onAppendResult(s, 's2', ok(2));
    expect(sends(behind.effects).map((e) => [e.to, e.message])).toMatchObject([['s2', { kind: 'append-entries', prevLogIndex: 2, entries: [w(1, 2)] }]]);
    expect(sends(onAppendResult(s, 's2', ok(3)).effects)).toEqual([]);
  });
});
