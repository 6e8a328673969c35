/**
 * Log replication (Raft §5.3) and the commit rule (§5.4.2): the leader sends each follower the
 * entries from its nextIndex with the index and term of the entry before them; a follower accepts
 * only if its log holds that entry (the consistency check), dropping conflicting entries; the leader
 * commits the highest index stored on a majority, but only if that entry is of its own term.
 */
import type { NodeId } from '../sim/index.ts';
import { appendAfter, firstConflict, lastIndex, termAt } from './log.ts';
import { adoptTerm, applyCommitted, note, persistIfChanged, quorum, restartElectionTimer, send } from './role.ts';
import type { RaftEffect, RaftState, RaftStep } from './state.ts';
import type { RaftMessage } from './types.ts';

type Leader = Extract<RaftState['role'], { kind: 'leader' }>;
const leaderOf = (s: RaftState): Leader => s.role as Leader;

function appendEntriesTo(s: RaftState, peer: NodeId, round: number): RaftEffect {
  const next = leaderOf(s).nextIndex[peer]!;
  const prevLogIndex = next - 1;
  const entries = s.log.slice(prevLogIndex, prevLogIndex + s.config.maxEntriesPerMessage);
  return send(peer, { kind: 'append-entries', term: s.currentTerm, prevLogIndex, prevLogTerm: termAt(s.log, prevLogIndex), entries, leaderCommit: s.commitIndex, round });
}

/** A new heartbeat round: AppendEntries to every follower (entries if it lacks some, none if it is caught up). */
export function broadcastAppendEntries(s: RaftState): RaftStep {
  const role = leaderOf(s);
  const round = role.round + 1;
  const next: RaftState = { ...s, role: { ...role, round, sinceHeartbeat: 0 } };
  return { state: next, effects: s.peers.map((p) => appendEntriesTo(next, p, round)) };
}

// #region commit-rule
/**
 * Raft §5.3 and §5.4.2: the highest N past commitIndex that a majority stores (matchIndex ≥ N,
 * counting the leader) is committed, if log[N] is of the leader's current term; entries of earlier
 * terms are committed only indirectly, with it. `commitOnlyCurrentTerm: false` counts them directly:
 * the rule Figure 8 shows to be unsafe.
 */
function advanceCommit(s: RaftState): RaftState {
  const { matchIndex } = leaderOf(s);
  for (let n = lastIndex(s.log); n > s.commitIndex; n--) {
    if (s.config.commitOnlyCurrentTerm && termAt(s.log, n) !== s.currentTerm) continue;
    const stored = 1 + s.peers.filter((p) => (matchIndex[p] ?? 0) >= n).length;
    if (stored >= quorum(s)) return { ...s, commitIndex: n };
  }
  return s;
}
// #endregion

// #region append-entries
/** Raft §5.3, Figure 2 (AppendEntries receiver). */
export function onAppendEntries(s: RaftState, from: NodeId, m: Extract<RaftMessage, { kind: 'append-entries' }>): RaftStep {
  const before = s;
  if (m.term < s.currentTerm) {
    // A deposed leader learns the newer term from the refusal.
    return { state: s, effects: [send(from, { kind: 'append-result', term: s.currentTerm, success: false, matchIndex: 0, round: m.round })] };
  }
  s = adoptTerm(s, m.term);
  // A candidate (or anyone) hearing from this term's leader follows it; the election timer restarts.
  s = restartElectionTimer({ ...s, role: { kind: 'follower', leader: from }, sinceLeaderContact: 0 });
  const log = appendAfter(s.log, m.prevLogIndex, m.prevLogTerm, m.entries);
  if (log === undefined) {
    // The consistency check failed: hint where the leader should retry (just past our log, or before prevLogIndex).
    const hint = Math.min(lastIndex(s.log), m.prevLogIndex - 1);
    return { state: s, effects: [...persistIfChanged(before, s), send(from, { kind: 'append-result', term: s.currentTerm, success: false, matchIndex: hint, round: m.round })] };
  }
  const matched = m.prevLogIndex + m.entries.length;
  const dropped = firstConflict(s.log, log);
  // Figure 2, rule 5: commitIndex = min(leaderCommit, index of last new entry).
  s = { ...s, log: log === s.log ? s.log : log, commitIndex: Math.max(s.commitIndex, Math.min(m.leaderCommit, matched)) };
  const applied = applyCommitted(s);
  const effects: RaftEffect[] = [...persistIfChanged(before, s)];
  if (dropped !== undefined) effects.push(note(`${s.id} drops its entries from index ${dropped}: they conflict with the leader's`));
  effects.push(send(from, { kind: 'append-result', term: s.currentTerm, success: true, matchIndex: matched, round: m.round }), ...applied.effects);
  return { state: applied.state, effects };
}
// #endregion

/** The leader hears back: a success moves matchIndex (and maybe commitIndex); a refusal moves nextIndex back and retries at once. */
export function onAppendResult(s: RaftState, from: NodeId, m: Extract<RaftMessage, { kind: 'append-result' }>): RaftStep {
  const before = s;
  s = adoptTerm(s, m.term);
  if (s.role.kind !== 'leader' || m.term !== s.currentTerm) return { state: s, effects: persistIfChanged(before, s) };
  const role = s.role;
  const ackedRound = { ...role.ackedRound, [from]: Math.max(role.ackedRound[from] ?? 0, m.round) };
  if (!m.success) {
    const nextIndex = Math.max((role.matchIndex[from] ?? 0) + 1, Math.min(role.nextIndex[from]! - 1, m.matchIndex + 1));
    const next: RaftState = { ...s, role: { ...role, ackedRound, nextIndex: { ...role.nextIndex, [from]: nextIndex } } };
    const ready = applyCommitted(next);
    // Retry at once only when the refusal moved nextIndex back. A stale or duplicated refusal would
    // resend what is already on its way: each copy the network duplicates would start one more chain
    // of retries, and chains would multiply without end (etcd's raft drops stale rejections likewise).
    const retry = nextIndex < role.nextIndex[from]! ? [appendEntriesTo(ready.state, from, role.round)] : [];
    return { state: ready.state, effects: [...retry, ...ready.effects] };
  }
  const progressed = m.matchIndex > (role.matchIndex[from] ?? 0);
  const matchIndex = Math.max(role.matchIndex[from] ?? 0, m.matchIndex);
  const nextIndex = Math.max(role.nextIndex[from]!, matchIndex + 1);
  let next: RaftState = { ...s, role: { ...role, ackedRound, matchIndex: { ...role.matchIndex, [from]: matchIndex }, nextIndex: { ...role.nextIndex, [from]: nextIndex } } };
  next = advanceCommit(next);
  const applied = applyCommitted(next);
  // Still behind: send the next batch now rather than at the next heartbeat, but only on a reply that
  // moved matchIndex. A duplicated or late success would otherwise send the same batch again, and
  // every such copy would keep its own chain of sends alive while the follower lags (a run of 600,000
  // events in 212 ticks, found by the swarm suite's seed 72; tests/snippets/raft/flow.test.ts).
  const more = progressed && nextIndex <= lastIndex(s.log) ? [appendEntriesTo(applied.state, from, leaderOf(applied.state).round)] : [];
  return { state: applied.state, effects: [...applied.effects, ...more] };
}

/** A leader's tick: a heartbeat round every heartbeatTicks. */
export function leaderTick(s: RaftState): RaftStep {
  const role = leaderOf(s);
  if (role.sinceHeartbeat + 1 < s.config.heartbeatTicks) return { state: { ...s, role: { ...role, sinceHeartbeat: role.sinceHeartbeat + 1 } }, effects: [] };
  return broadcastAppendEntries(s);
}

