/**
 * Client requests: writes go through the leader's log (Raft §5.3, §8), and reads are routed by
 * rqlite's consistency level (https://rqlite.io/docs/api/read-consistency/, rqlite v10.2):
 * - none: any server answers from its own state machine; with a freshness bound a follower that has
 *   not heard from a leader within it refuses (rqlite's ErrStaleRead);
 * - weak: a server that believes it leads answers from its own state machine;
 * - linearizable: the leader records its commitIndex, confirms it still leads with a heartbeat round
 *   answered by a quorum, and answers once that index is applied (Raft dissertation §6.4, as rqlite
 *   does it); before it has committed an entry of its own term it sends the read through the log,
 *   as rqlite upgrades such a read to strong;
 * - strong: the read is a log entry, answered when it is applied.
 * A server that is not the leader answers "not leader", naming the leader it knows (rqlite forwards
 * the request to the leader itself; here the client makes that second hop).
 */
import type { ClientId } from '../sim/index.ts';
import { broadcastAppendEntries } from './replication.ts';
import { answerReadyReads, committedInTerm, note, persist, reply } from './role.ts';
import { durableOf, type RaftState, type RaftStep } from './state.ts';
import type { Command, RaftRequest, RaftResponse } from './types.ts';

const notLeader = (s: RaftState): RaftResponse => ({ kind: 'not-leader', leader: s.role.kind === 'follower' ? s.role.leader : undefined });
const localValue = (s: RaftState): RaftResponse => ({ kind: 'value', value: s.machine.value, node: s.id, applied: s.lastApplied });

/** The leader appends a command and replicates it at once; the client is answered when the entry is applied. */
function appendCommand(s: RaftState, command: Command, client: ClientId, requestId: number): RaftStep {
  if (s.role.kind !== 'leader') throw new Error('only a leader appends');
  const entry = { term: s.currentTerm, command };
  const log = [...s.log, entry];
  const next: RaftState = { ...s, log, role: { ...s.role, waiters: [...s.role.waiters, { index: log.length, term: s.currentTerm, client, requestId }] } };
  const sent = broadcastAppendEntries(next);
  // On the leader's disk before it sends it: the leader's own copy counts toward the majority.
  return { state: sent.state, effects: [persist(durableOf(next)), ...sent.effects] };
}

// #region write
function onWrite(s: RaftState, client: ClientId, requestId: number, w: Extract<RaftRequest, { kind: 'write' }>): RaftStep {
  if (s.role.kind !== 'leader') return { state: s, effects: [reply(client, requestId, notLeader(s))] };
  // Raft §8: a retry of a write already in the log (same session and seq) waits for that entry instead of adding a second.
  const at = s.log.findIndex((e) => e.command.kind === 'write' && e.command.session === w.session && e.command.seq === w.seq);
  if (at >= 0) {
    const index = at + 1, term = s.log[at]!.term;
    if (index <= s.lastApplied) return { state: s, effects: [reply(client, requestId, { kind: 'written', index, term, node: s.id, leaderTerm: s.currentTerm })] };
    return { state: { ...s, role: { ...s.role, waiters: [...s.role.waiters, { index, term, client, requestId }] } }, effects: [] };
  }
  return appendCommand(s, { kind: 'write', value: w.value, session: w.session, seq: w.seq }, client, requestId);
}
// #endregion

// #region read-router
function onRead(s: RaftState, client: ClientId, requestId: number, r: Extract<RaftRequest, { kind: 'read' }>): RaftStep {
  const answer = (response: RaftResponse): RaftStep => ({ state: s, effects: [reply(client, requestId, response)] });
  switch (r.level) {
    case 'none':
      // A leader never refuses (rqlite's isStaleRead); a follower refuses once its last word from a leader is older than the bound.
      if (r.freshness !== undefined && s.role.kind !== 'leader' && s.sinceLeaderContact > r.freshness) return answer({ kind: 'stale' });
      return answer(localValue(s));
    case 'weak':
      return answer(s.role.kind === 'leader' ? localValue(s) : notLeader(s));
    case 'strong':
      return s.role.kind === 'leader' ? appendCommand(s, { kind: 'read' }, client, requestId) : answer(notLeader(s));
    case 'linearizable': {
      if (s.role.kind !== 'leader') return answer(notLeader(s));
      if (!committedInTerm(s)) {
        const strong = appendCommand(s, { kind: 'read' }, client, requestId);
        return { state: strong.state, effects: [note(`${s.id} has committed nothing of term ${s.currentTerm} yet: the read goes through the log`), ...strong.effects] };
      }
      const pending = { readIndex: s.commitIndex, round: s.role.round + 1, client, requestId };
      const waiting: RaftState = { ...s, role: { ...s.role, reads: [...s.role.reads, pending] } };
      if (!s.config.confirmLeadership) return answerReadyReads(waiting);
      // A fresh heartbeat round: the read is answered once a quorum has answered this round.
      return broadcastAppendEntries(waiting);
    }
  }
}
// #endregion

export function onRequest(s: RaftState, client: ClientId, requestId: number, request: RaftRequest): RaftStep {
  return request.kind === 'write' ? onWrite(s, client, requestId, request) : onRead(s, client, requestId, request);
}
