/**
 * Leader election, one rule at a time (snippets/raft/election.ts): starting an election (§5.2), the
 * RequestVote receiver with one vote per term and the election restriction (§5.2, §5.4.1, Figure 2),
 * and becoming leader on a majority with a blank entry of the new term (§8). The seeded suites and
 * the scripted vote-without-log-check run reach these only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { onRequestVote, onVote, startElection } from '../../../snippets/raft/election.ts';
import { durableOf, type RaftState } from '../../../snippets/raft/state.ts';
import type { RaftMessage } from '../../../snippets/raft/types.ts';
import { follower, kinds, leaderRole, nop, notes, sends, w } from './servers.ts';

const ask = (term: number, lastLogIndex = 0, lastLogTerm = 0): Extract<RaftMessage, { kind: 'request-vote' }> => ({ kind: 'request-vote', term, lastLogIndex, lastLogTerm });
const vote = (term: number, granted = true): Extract<RaftMessage, { kind: 'vote' }> => ({ kind: 'vote', term, granted });
const answer = (effects: Parameters<typeof sends>[0]) => sends(effects).map((e) => [e.to, e.message]);
const candidate = (votes: string[], change: Partial<RaftState> = {}) => follower({ currentTerm: 2, votedFor: 's1', role: { kind: 'candidate', votes }, ...change });

describe('starting an election (Raft §5.2)', () => {
  it('the server moves to the next term, votes for itself, and restarts its timer', () => {
    const { state } = startElection(follower({ currentTerm: 3, electionElapsed: 5, draws: 1 }));
    expect(state).toMatchObject({ currentTerm: 4, votedFor: 's1', role: { kind: 'candidate', votes: ['s1'] }, electionElapsed: 0, draws: 2 });
  });

  it('writes its term and vote to disk before any RequestVote leaves, and asks every peer with its last entry\'s index and term', () => {
    const { state, effects } = startElection(follower({ currentTerm: 1, log: [nop(1), w(1)] }));
    expect(kinds(effects)).toEqual(['persist', 'send', 'send']);
    expect(effects[0]).toEqual({ kind: 'persist', durable: durableOf(state) });
    expect(answer(effects)).toEqual([['s2', ask(2, 2, 1)], ['s3', ask(2, 2, 1)]]);
  });
});

describe('the RequestVote receiver (Raft §5.2, §5.4.1, Figure 2)', () => {
  it('grants a vote in a new term, writes it to disk first, and restarts its timer', () => {
    const { state, effects } = onRequestVote(follower({ currentTerm: 1, electionElapsed: 4, draws: 1 }), 's2', ask(2));
    expect(state).toMatchObject({ currentTerm: 2, votedFor: 's2', electionElapsed: 0, draws: 2 });
    expect(kinds(effects)).toEqual(['persist', 'send']);
    expect(answer(effects)).toEqual([['s2', vote(2, true)]]);
  });

  it('votes at most once per term: another candidate of the same term is refused, the same one granted again', () => {
    const voted = follower({ currentTerm: 2, votedFor: 's2' });
    expect(answer(onRequestVote(voted, 's3', ask(2)).effects)).toEqual([['s3', vote(2, false)]]);
    expect(onRequestVote(voted, 's3', ask(2)).state.votedFor).toBe('s2');
    expect(answer(onRequestVote(voted, 's2', ask(2)).effects)).toEqual([['s2', vote(2, true)]]);
  });

  it('refuses a candidate of an older term, telling it the current term, and changes nothing', () => {
    const s = follower({ currentTerm: 3 });
    const step = onRequestVote(s, 's2', ask(2));
    expect(step.state).toBe(s);
    expect(step.effects).toEqual([{ kind: 'send', to: 's2', message: vote(3, false) }]);
  });

  it('§5.4.1: refuses a candidate whose log is less up-to-date, yet adopts its higher term (on disk)', () => {
    const s = follower({ currentTerm: 1, log: [nop(1), w(1)] });
    const step = onRequestVote(s, 's3', ask(2, 1, 1));
    expect(answer(step.effects)).toEqual([['s3', vote(2, false)]]);
    expect(step.state).toMatchObject({ currentTerm: 2, votedFor: undefined });
    expect(kinds(step.effects)).toEqual(['persist', 'send']);
    // A granted vote restarts the timer; a refusal does not.
    expect(step.state.draws).toBe(s.draws);
  });

  it('vote-without-log-check grants it on the term alone', () => {
    const s = follower({ currentTerm: 1, log: [nop(1), w(1)] }, { voteLogCheck: false });
    expect(answer(onRequestVote(s, 's3', ask(2, 1, 1)).effects)).toEqual([['s3', vote(2, true)]]);
  });
});

describe('counting votes and becoming leader', () => {
  it('a vote short of a majority is recorded, and nothing is sent', () => {
    const s = follower({ currentTerm: 2, votedFor: 's1', role: { kind: 'candidate', votes: ['s1'] }, peers: ['s2', 's3', 's4', 's5'] });
    const step = onVote(s, 's2', vote(2));
    expect(step.state.role).toEqual({ kind: 'candidate', votes: ['s1', 's2'] });
    expect(step.effects).toEqual([]);
  });

  it('with a majority it leads: a blank entry of its term on disk, nextIndex at that entry, matchIndex 0, a note, and AppendEntries to every peer (§8)', () => {
    const { state, effects } = onVote(candidate(['s1'], { log: [w(1)] }), 's3', vote(2));
    expect(state.log).toEqual([w(1), nop(2)]);
    expect(leaderRole(state)).toMatchObject({ nextIndex: { s2: 2, s3: 2 }, matchIndex: { s2: 0, s3: 0 }, round: 1, waiters: [], reads: [] });
    expect(kinds(effects)).toEqual(['persist', 'note', 'send', 'send']);
    expect(effects[0]).toEqual({ kind: 'persist', durable: { currentTerm: 2, votedFor: 's1', log: [w(1), nop(2)], boot: 0 } });
    expect(notes(effects)).toEqual(['s1 leads term 2 (votes s1, s3)']);
    expect(sends(effects).map((e) => [e.to, e.message.kind, e.message.prevLogIndex, (e.message.entries as unknown[]).length])).toEqual([['s2', 'append-entries', 1, 1], ['s3', 'append-entries', 1, 1]]);
  });

  it('ignores a refusal, a vote of another term, a second vote from the same server, and votes once it no longer campaigns', () => {
    const c = candidate(['s1']);
    expect(onVote(c, 's2', vote(2, false))).toEqual({ state: c, effects: [] });
    expect(onVote(c, 's2', vote(1))).toEqual({ state: c, effects: [] });
    expect(onVote(candidate(['s1', 's2'], { peers: ['s2', 's3', 's4', 's5'] }), 's2', vote(2)).state.role).toEqual({ kind: 'candidate', votes: ['s1', 's2'] });
    const f = follower({ currentTerm: 2 });
    expect(onVote(f, 's2', vote(2))).toEqual({ state: f, effects: [] });
  });

  it('a vote from a higher term makes the candidate a follower in that term, on disk', () => {
    const step = onVote(candidate(['s1']), 's2', vote(3, false));
    expect(step.state).toMatchObject({ currentTerm: 3, votedFor: undefined, role: { kind: 'follower', leader: undefined } });
    expect(kinds(step.effects)).toEqual(['persist']);
  });
});
