/**
 * What every handler shares: the randomized election timer (Raft §5.2), stepping down on a higher
 * term (§5.1), the quorum size, and applying committed entries to the state machine (§5.3), which
 * also answers the clients waiting on them.
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { termAt } from './log.ts';
import { durableOf, type RaftEffect, type RaftState, type RaftStep, type RaftTypes, type StateMachine } from './state.ts';
import type { Entry } from './types.ts';

export const { send, reply, persist, note } = effectsFor<RaftTypes>();

/** A majority of the cluster: peers plus this server. */
export const quorum = (s: RaftState): number => Math.floor((s.peers.length + 1) / 2) + 1;

/** A 32-bit mix (the finalizer of MurmurHash3), so a timeout is a pure function of the seed, the server, its life and its draw. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// #region election-timer
/**
 * Raft §5.2: each server waits a random election timeout, drawn again every time the timer restarts,
 * so that one server usually times out first and wins before the others wake. The draw comes from the
 * run's seed, the server's name, its boot count and how many it has drawn, so a seed replays a run.
 */
export function restartElectionTimer(s: RaftState): RaftState {
  const fixed = s.config.fixedElectionTicks[s.id];
  let h = mix(s.config.seed ^ 0x9e3779b9);
  for (const c of s.id) h = mix(h ^ c.charCodeAt(0));
  h = mix(h ^ s.boot);
  h = mix(h ^ s.draws);
  const { electionTicksMin: min, electionTicksMax: max } = s.config;
  const timeout = fixed ?? min + (h % (max - min + 1));
  return { ...s, electionElapsed: 0, electionTimeout: timeout, draws: s.draws + 1 };
}
// #endregion

/** Raft §5.1: a server that sees a higher term adopts it and becomes a follower; a leader's waiting clients are dropped (they time out). */
export function adoptTerm(s: RaftState, term: number): RaftState {
  if (term <= s.currentTerm) return s;
  const next: RaftState = { ...s, currentTerm: term, votedFor: undefined, role: { kind: 'follower', leader: undefined } };
  return s.role.kind === 'leader' ? restartElectionTimer(next) : next;
}

/** The persist effect when the persistent state changed (Figure 2: updated on stable storage before responding to RPCs). */
export function persistIfChanged(before: RaftState, after: RaftState): RaftEffect[] {
  const changed = before.currentTerm !== after.currentTerm || before.votedFor !== after.votedFor || before.log !== after.log || before.boot !== after.boot;
  return changed ? [persist(durableOf(after))] : [];
}

function applyEntry(machine: StateMachine, entry: Entry): StateMachine {
  const c = entry.command;
  if (c.kind !== 'write') return machine;
  // Raft §8: a write the state machine has already applied for this session is not applied again.
  if ((machine.lastSeq[c.session] ?? 0) >= c.seq) return machine;
  return { value: c.value, lastSeq: { ...machine.lastSeq, [c.session]: c.seq } };
}

// #region apply
/**
 * Raft §5.3: once commitIndex passes lastApplied, apply the entries in order. A leader answers the
 * client waiting on each one (a write: where it was committed; a strong read: the register's value
 * at that point in the log), then the linearizable reads whose read index is now applied.
 */
export function applyCommitted(s: RaftState): RaftStep {
  let { machine, lastApplied } = s;
  const effects: RaftEffect[] = [];
  let waiters = s.role.kind === 'leader' ? s.role.waiters : [];
  while (lastApplied < s.commitIndex) {
    lastApplied += 1;
    const entry = s.log[lastApplied - 1]!;
    machine = applyEntry(machine, entry);
    for (const w of waiters) {
      if (w.index !== lastApplied || w.term !== entry.term) continue;
      effects.push(reply(w.client, w.requestId, entry.command.kind === 'read' ? { kind: 'value', value: machine.value, node: s.id, applied: lastApplied } : { kind: 'written', index: lastApplied, term: entry.term, node: s.id, leaderTerm: s.currentTerm }));
    }
    waiters = waiters.filter((w) => w.index > lastApplied);
  }
  const applied: RaftState = { ...s, machine, lastApplied, role: s.role.kind === 'leader' ? { ...s.role, waiters } : s.role };
  const reads = answerReadyReads(applied);
  return { state: reads.state, effects: [...effects, ...reads.effects] };
}
// #endregion

// #region read-index
/**
 * Linearizable reads (Raft dissertation §6.4): a read waits until a quorum has answered a heartbeat
 * round the leader sent after the read arrived (so no other leader had been elected by then), and
 * until the state machine has applied the commitIndex recorded when the read arrived.
 */
export function answerReadyReads(s: RaftState): RaftStep {
  if (s.role.kind !== 'leader' || s.role.reads.length === 0) return { state: s, effects: [] };
  const role = s.role;
  const confirmed = (round: number) => !s.config.confirmLeadership || 1 + s.peers.filter((p) => (role.ackedRound[p] ?? 0) >= round).length >= quorum(s);
  const ready = role.reads.filter((r) => confirmed(r.round) && s.lastApplied >= r.readIndex);
  if (ready.length === 0) return { state: s, effects: [] };
  const effects = ready.map((r) => reply(r.client, r.requestId, { kind: 'value', value: s.machine.value, node: s.id, applied: s.lastApplied }));
  return { state: { ...s, role: { ...role, reads: role.reads.filter((r) => !ready.includes(r)) } }, effects };
}
// #endregion

/** Whether this server leads and has committed an entry of its own term (it then knows every committed entry: Raft §8). */
export const committedInTerm = (s: RaftState): boolean => s.role.kind === 'leader' && termAt(s.log, s.commitIndex) === s.currentTerm;

export const peersOf = (s: RaftState): readonly NodeId[] => s.peers;
