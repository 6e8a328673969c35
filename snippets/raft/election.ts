/**
 * Leader election (Raft §5.2) with the election restriction (§5.4.1): a follower whose election timer
 * runs out becomes a candidate in the next term and asks every server for its vote; each server votes
 * at most once per term, and only for a candidate whose log is at least as up-to-date as its own; a
 * candidate with votes from a majority leads the term.
 */
import type { NodeId } from '../sim/index.ts';
import { atLeastAsUpToDate, lastIndex, lastTerm } from './log.ts';
import { broadcastAppendEntries } from './replication.ts';
import { adoptTerm, note, persist, persistIfChanged, quorum, restartElectionTimer, send } from './role.ts';
import { durableOf, type RaftState, type RaftStep } from './state.ts';
import type { RaftMessage } from './types.ts';

// #region start-election
/** Raft §5.2: the timer ran out with no word from a leader: vote for yourself in a new term and ask the others. */
export function startElection(s: RaftState): RaftStep {
  const term = s.currentTerm + 1;
  const next = restartElectionTimer({ ...s, currentTerm: term, votedFor: s.id, role: { kind: 'candidate', votes: [s.id] } });
  const ask: RaftMessage = { kind: 'request-vote', term, lastLogIndex: lastIndex(s.log), lastLogTerm: lastTerm(s.log) };
  // The term and the vote for itself are on disk before any RequestVote leaves.
  return { state: next, effects: [persist(durableOf(next)), ...s.peers.map((p) => send(p, ask))] };
}
// #endregion

// #region request-vote
/** Raft §5.2, §5.4.1, Figure 2 (RequestVote receiver). */
export function onRequestVote(s: RaftState, from: NodeId, m: Extract<RaftMessage, { kind: 'request-vote' }>): RaftStep {
  const before = s;
  s = adoptTerm(s, m.term);
  const free = s.votedFor === undefined || s.votedFor === from;
  const upToDate = !s.config.voteLogCheck || atLeastAsUpToDate(m, s.log);
  const granted = m.term === s.currentTerm && free && upToDate;
  // Granting a vote restarts the timer, so a voter does not stand against the candidate it just chose.
  if (granted) s = restartElectionTimer({ ...s, votedFor: from });
  return { state: s, effects: [...persistIfChanged(before, s), send(from, { kind: 'vote', term: s.currentTerm, granted })] };
}
// #endregion

// #region become-leader
/**
 * A vote arrives. With a majority, the candidate leads: nextIndex starts just past its own log,
 * matchIndex at 0, and it appends a blank entry of its term (Raft §8), so that something of its term
 * can commit soon and, with it, every earlier entry (§5.4.2).
 */
export function onVote(s: RaftState, from: NodeId, m: Extract<RaftMessage, { kind: 'vote' }>): RaftStep {
  const before = s;
  s = adoptTerm(s, m.term);
  if (s.role.kind !== 'candidate' || m.term !== s.currentTerm || !m.granted || s.role.votes.includes(from)) {
    return { state: s, effects: persistIfChanged(before, s) };
  }
  const votes = [...s.role.votes, from];
  if (votes.length < quorum(s)) return { state: { ...s, role: { kind: 'candidate', votes } }, effects: [] };
  const log = [...s.log, { term: s.currentTerm, command: { kind: 'noop' as const } }];
  const next: RaftState = {
    ...s,
    log,
    role: {
      kind: 'leader',
      nextIndex: Object.fromEntries(s.peers.map((p) => [p, lastIndex(log)])),
      matchIndex: Object.fromEntries(s.peers.map((p) => [p, 0])),
      round: 0,
      ackedRound: {},
      waiters: [],
      reads: [],
      sinceHeartbeat: 0,
    },
  };
  const sent = broadcastAppendEntries(next);
  return { state: sent.state, effects: [persist(durableOf(next)), note(`${s.id} leads term ${s.currentTerm} (votes ${votes.join(', ')})`), ...sent.effects] };
}
// #endregion
