/**
 * The log as pure functions, with the paper's 1-based indexes: entry i is `log[i - 1]`, index 0 is
 * the empty prefix (term 0).
 */
import type { Entry } from './types.ts';

export const lastIndex = (log: readonly Entry[]): number => log.length;
export const termAt = (log: readonly Entry[], index: number): number => (index === 0 ? 0 : (log[index - 1]?.term ?? -1));
export const lastTerm = (log: readonly Entry[]): number => termAt(log, log.length);

// #region up-to-date
/**
 * Raft §5.4.1: "more up-to-date" compares the last entries' terms; with equal terms, the longer log
 * wins. A voter grants only a candidate at least as up-to-date as itself.
 */
export function atLeastAsUpToDate(candidate: { lastLogTerm: number; lastLogIndex: number }, log: readonly Entry[]): boolean {
  if (candidate.lastLogTerm !== lastTerm(log)) return candidate.lastLogTerm > lastTerm(log);
  return candidate.lastLogIndex >= lastIndex(log);
}
// #endregion

// #region consistency-check
/**
 * A follower's side of AppendEntries (Raft §5.3, Figure 2 receiver rules 2–4): refuse unless the log
 * holds an entry at prevLogIndex with prevLogTerm; then, for each new entry, delete an existing entry
 * that conflicts with it (same index, other term) and everything after it, and append what is not
 * already there. An entry that matches stays, so an old, reordered AppendEntries never shortens the log.
 */
export function appendAfter(log: readonly Entry[], prevLogIndex: number, prevLogTerm: number, entries: readonly Entry[]): readonly Entry[] | undefined {
  if (termAt(log, prevLogIndex) !== prevLogTerm) return undefined;
  let next = log;
  entries.forEach((entry, i) => {
    const index = prevLogIndex + 1 + i;
    if (termAt(next, index) === entry.term) return;
    next = [...next.slice(0, index - 1), entry];
  });
  return next;
}
// #endregion

/** The first index at which both logs hold an entry and the terms differ (where a follower dropped entries), if any. */
export function firstConflict(before: readonly Entry[], after: readonly Entry[]): number | undefined {
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) if (before[i]!.term !== after[i]!.term) return i + 1;
  return before.length > after.length ? after.length + 1 : undefined;
}
