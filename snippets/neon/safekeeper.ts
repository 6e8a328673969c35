/**
 * A safekeeper: the acceptor. It votes for a term higher than any it has voted for, and records the
 * vote on disk before answering; it truncates its WAL where the elected proposer says and adopts the
 * proposer's term history; it appends WAL only from the term it last voted for; it uploads committed
 * WAL to object storage and trims what is uploaded and ingested. After safekeeper/src/safekeeper.rs
 * (handle_vote_request, handle_elected, handle_append_request) and remove_wal.rs.
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { lastLogTerm, upTo } from './term-history.ts';
import { flushLsn, safekeeperDurable, type NeonTypes, type RoleStep, type SafekeeperDurable, type SafekeeperState } from './state.ts';
import type { NeonConfig, NeonMessage } from './types.ts';

const { send, persist, note } = effectsFor<NeonTypes>();
type SafekeeperStep = RoleStep<SafekeeperState>;

export const emptySafekeeper = (term: number, firstTerm: boolean): SafekeeperDurable => ({
  role: 'safekeeper', boot: 0, term, termHistory: firstTerm ? [{ term: 1, lsn: 0 }] : [], walBase: 0, wal: [], commitLsn: 0, backupLsn: 0, remoteConsistentLsn: 0, peerHorizonLsn: 0,
});

export const newSafekeeper = (id: NodeId, config: NeonConfig, durable: SafekeeperDurable): SafekeeperState => ({ ...durable, id, config, now: 0, uploadSentAt: undefined });

/** The safekeeper's current term history as it applies to its WAL (what a vote reports). */
const history = (s: SafekeeperState) => upTo(s.termHistory, flushLsn(s));

// #region vote
function onVoteRequest(s: SafekeeperState, from: NodeId, boot: number, term: number): SafekeeperStep {
  const given = s.term < term;
  const next = given ? { ...s, term } : s;
  const vote = { term: next.term, voteGiven: given, flushLsn: flushLsn(s), truncateLsn: s.peerHorizonLsn, termHistory: history(s), walBase: s.walBase, wal: s.wal };
  // The vote is on disk before it leaves: a safekeeper that forgot it could vote twice in a term.
  return { state: next, effects: [...(given ? [persist(safekeeperDurable(next))] : []), send(from, { kind: 'vote-response', boot, ...vote })] };
}
// #endregion

// #region elected
function onElected(s: SafekeeperState, m: Extract<NeonMessage, { kind: 'elected' }>): SafekeeperStep {
  if (s.term > m.term && s.config.refuseLowerTerm) return { state: s, effects: [] };
  const adopted = s.termHistory.at(-1)?.term === m.term;
  if (adopted) return { state: s, effects: [] }; // a copy: this term's history is already ours, and WAL may have followed it
  if (m.startStreamingAt < s.commitLsn || m.startStreamingAt < s.walBase) {
    // Neon asserts this never happens ("attempt to truncate committed data").
    return { state: s, effects: [note(`refused to truncate to ${m.startStreamingAt}: commit_lsn is ${s.commitLsn}`)] };
  }
  const keep = Math.min(m.startStreamingAt, flushLsn(s)) - s.walBase;
  const truncated = flushLsn(s) > m.startStreamingAt;
  const next: SafekeeperState = { ...s, term: Math.max(s.term, m.term), termHistory: m.termHistory, wal: s.wal.slice(0, keep) };
  const effects = [persist(safekeeperDurable(next))];
  if (truncated) effects.push(note(`truncated WAL to ${m.startStreamingAt}, term history ${m.termHistory.map((e) => `${e.term}@${e.lsn}`).join(' ')}`));
  return { state: next, effects };
}
// #endregion

// #region append
function onAppend(s: SafekeeperState, from: NodeId, m: Extract<NeonMessage, { kind: 'append' }>): SafekeeperStep {
  if (s.term > m.term && s.config.refuseLowerTerm) {
    // Refused with the term only: the proposer learns it has been superseded.
    return { state: s, effects: [send(from, { kind: 'append-response', boot: m.boot, term: s.term, flushLsn: flushLsn(s), commitLsn: s.commitLsn })] };
  }
  // WAL is taken only from the term whose history this safekeeper adopted (ProposerElected first).
  if (s.termHistory.at(-1)?.term !== m.term) return { state: s, effects: [] };
  const flush = flushLsn(s);
  if (m.beginLsn > flush) return { state: s, effects: [send(from, { kind: 'append-response', boot: m.boot, term: m.term, flushLsn: flush, commitLsn: s.commitLsn })] }; // a gap: tell where we are
  const fresh = m.records.slice(flush - m.beginLsn);
  const wal = fresh.length > 0 ? [...s.wal, ...fresh] : s.wal;
  const newFlush = s.walBase + wal.length;
  const next: SafekeeperState = {
    ...s,
    term: Math.max(s.term, m.term),
    wal,
    commitLsn: Math.max(s.commitLsn, Math.min(m.commitLsn, newFlush)),
    peerHorizonLsn: Math.max(s.peerHorizonLsn, m.truncateLsn),
  };
  // The broken variant answers in the proposer's term, as if it were still current.
  const answerTerm = s.config.refuseLowerTerm ? next.term : m.term;
  const changed = fresh.length > 0 || next.commitLsn !== s.commitLsn || next.peerHorizonLsn !== s.peerHorizonLsn || next.term !== s.term;
  // Flushed before the response says so: the proposer counts this flush_lsn towards commit_lsn.
  return { state: next, effects: [...(changed ? [persist(safekeeperDurable(next))] : []), send(from, { kind: 'append-response', boot: m.boot, term: answerTerm, flushLsn: newFlush, commitLsn: next.commitLsn })] };
}
// #endregion

/** The pageserver's read: WAL from `from` up to commit_lsn, never past it. */
function onReadWal(s: SafekeeperState, from: NodeId, m: Extract<NeonMessage, { kind: 'read-wal' }>): SafekeeperStep {
  const next = m.remoteConsistentLsn > s.remoteConsistentLsn ? { ...s, remoteConsistentLsn: m.remoteConsistentLsn } : s;
  const upToLsn = Math.min(s.commitLsn, flushLsn(s));
  const records = m.from >= s.walBase && m.from < upToLsn ? s.wal.slice(m.from - s.walBase, upToLsn - s.walBase) : [];
  return { state: next, effects: [...(next !== s ? [persist(safekeeperDurable(next))] : []), send(from, { kind: 'wal', from: m.from, records })] };
}

// #region offload
/**
 * Upload committed WAL not yet in object storage; then trim what no one needs from the disk: below
 * the uploaded point, the pageserver's durable point, commit_lsn and the peer horizon (remove_wal.rs
 * takes the first three; the model adds the peer horizon where Neon would fetch from object storage).
 */
function onTick(s: SafekeeperState): SafekeeperStep {
  const now = s.now + 1;
  const store = s.config.objectStore;
  let next: SafekeeperState = { ...s, now };
  const effects = [];
  const horizon = Math.min(s.backupLsn, s.remoteConsistentLsn, s.commitLsn, s.peerHorizonLsn);
  if (horizon > s.walBase) {
    next = { ...next, walBase: horizon, wal: s.wal.slice(horizon - s.walBase) };
    effects.push(persist(safekeeperDurable(next)));
  }
  const due = s.uploadSentAt === undefined || now - s.uploadSentAt >= s.config.backupTicks * 2;
  if (store !== undefined && s.commitLsn > s.backupLsn && due && now % s.config.backupTicks === 0 && s.backupLsn >= next.walBase) {
    const upToLsn = Math.min(s.commitLsn, flushLsn(s));
    effects.push(send(store, { kind: 'upload', from: s.backupLsn, records: next.wal.slice(s.backupLsn - next.walBase, upToLsn - next.walBase) }));
    next = { ...next, uploadSentAt: now };
  }
  return { state: next, effects };
}
// #endregion

export function safekeeperStep(s: SafekeeperState, input: { kind: 'message'; from: NodeId; message: NeonMessage } | { kind: 'tick' } | { kind: 'restart' }): SafekeeperStep {
  if (input.kind === 'tick') return onTick(s);
  if (input.kind === 'restart') return { state: s, effects: [persist(safekeeperDurable(s))] }; // the new boot count first
  const { from, message: m } = input;
  switch (m.kind) {
    case 'greeting':
      return { state: s, effects: [send(from, { kind: 'greeting-reply', boot: m.boot, term: s.term })] };
    case 'vote-request':
      return onVoteRequest(s, from, m.boot, m.term);
    case 'elected':
      return onElected(s, m);
    case 'append':
      return onAppend(s, from, m);
    case 'read-wal':
      return onReadWal(s, from, m);
    case 'uploaded': {
      const next = { ...s, backupLsn: Math.max(s.backupLsn, m.upTo), uploadSentAt: undefined };
      return { state: next, effects: [persist(safekeeperDurable(next))] };
    }
    default:
      return { state: s, effects: [] };
  }
}

export { lastLogTerm };
