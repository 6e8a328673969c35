/**
 * Term histories as pure functions, after Neon's TermHistory (safekeeper/src/safekeeper.rs) and the
 * walproposer's donor choice and ProposerElected (pgxn/neon/walproposer.c). Neon does not stamp each
 * WAL record with its term: a safekeeper keeps the list of <term, LSN where it begins>.
 */
import type { TermHistory, Vote } from './types.ts';

/** The history as it applies to WAL ending at `flushLsn` (Neon's up_to: entries that begin at or below it). */
export function upTo(history: TermHistory, flushLsn: number): TermHistory {
  return history.filter((e) => e.lsn <= flushLsn);
}

// #region last-log-term
/** The term of the last entry of the history up to flush_lsn (0 for none): what votes are compared by. */
export function lastLogTerm(history: TermHistory, flushLsn: number): number {
  return upTo(history, flushLsn).at(-1)?.term ?? 0;
}
// #endregion

/** The term that wrote the record at position `lsn` (the one spanning lsn to lsn + 1). */
export function termAt(history: TermHistory, lsn: number): number {
  let term = 0;
  for (const e of history) if (e.lsn <= lsn) term = e.term;
  return term;
}

// #region donor
/**
 * The donor among the votes: the highest <last_log_term, flush_lsn>, as the walproposer compares
 * them. Its flush_lsn becomes the new term's start (propTermStartLsn). `first` is the broken
 * variant that does not sync from the majority: it takes whichever vote arrived first.
 */
export function chooseDonor<Id extends string>(votes: ReadonlyArray<{ id: Id; vote: Vote }>, first = false): { id: Id; vote: Vote } {
  if (first) return votes[0]!;
  let best = votes[0]!;
  for (const v of votes.slice(1)) {
    const [t, bt] = [lastLogTerm(v.vote.termHistory, v.vote.flushLsn), lastLogTerm(best.vote.termHistory, best.vote.flushLsn)];
    if (t > bt || (t === bt && v.vote.flushLsn > best.vote.flushLsn)) best = v;
  }
  return best;
}
// #endregion

// #region start-streaming
/**
 * Where the proposer starts streaming to a safekeeper, and so where the safekeeper truncates: the
 * end of the last term both histories share (walproposer.c, SendProposerElected). Past that point
 * the safekeeper's WAL was written by a term the new log does not contain.
 */
export function startStreamingAt(proposer: TermHistory, proposerTerm: number, safekeeper: TermHistory, flushLsn: number): number {
  let idx = 0;
  while (idx < Math.min(proposer.length, safekeeper.length) && proposer[idx]!.term === safekeeper[idx]!.term) idx++;
  idx--;
  if (idx < 0) return proposer[0]!.lsn;
  if (proposer[idx]!.term === proposerTerm) return flushLsn;
  const proposerEnd = proposer[idx + 1]!.lsn;
  const safekeeperEnd = idx + 1 < safekeeper.length ? safekeeper[idx + 1]!.lsn : flushLsn;
  return Math.min(proposerEnd, safekeeperEnd);
}
// #endregion

export const showHistory = (history: TermHistory): string => `[${history.map((e) => `${e.term}@${e.lsn}`).join(' ')}]`;
