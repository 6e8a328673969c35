/**
 * A replica's log and its leader-epoch cache, as pure functions. The cache says where each leader
 * epoch's records begin; KIP-101 answers "where does epoch e end?" from it, and KIP-279 made the
 * answer the largest epoch at or below e, so a follower can find the divergence in one round.
 */
import type { EpochStart, LogRecord } from './types.ts';

export interface ReplicaLog {
  readonly records: readonly LogRecord[];
  readonly epochs: readonly EpochStart[];
}

export const EMPTY_LOG: ReplicaLog = { records: [], epochs: [] };

/** The latest epoch in the cache, or -1. */
export const lastEpoch = (log: ReplicaLog): number => log.epochs.at(-1)?.epoch ?? -1;

/** Records a new epoch's start (a new leader at its log end; a follower at the first record of an epoch). */
export function assignEpoch(log: ReplicaLog, epoch: number, start: number): ReplicaLog {
  if (epoch <= lastEpoch(log)) return log;
  return { ...log, epochs: [...log.epochs, { epoch, start }] };
}

/** Appends records (fetched or produced), adding each new epoch to the cache. */
export function append(log: ReplicaLog, records: readonly LogRecord[]): ReplicaLog {
  let next: ReplicaLog = { ...log, records: [...log.records, ...records] };
  let offset = log.records.length;
  for (const r of records) next = assignEpoch(next, r.epoch, offset++);
  return next;
}

/** Drops every record at or past `offset`, and the epochs that began there. */
export function truncate(log: ReplicaLog, offset: number): ReplicaLog {
  if (offset >= log.records.length) return log;
  return { records: log.records.slice(0, offset), epochs: log.epochs.filter((e) => e.start < offset) };
}

// #region end-offset
/**
 * OffsetForLeaderEpoch on one log: the largest epoch at or below `epoch`, and the offset where it
 * ends (where the next epoch starts, or the log end if it is the latest). -1 and 0 if none is that old.
 */
export function endOffsetFor(log: ReplicaLog, epoch: number): { epoch: number; end: number } {
  const i = log.epochs.findLastIndex((e) => e.epoch <= epoch);
  if (i < 0) return { epoch: -1, end: 0 };
  return { epoch: log.epochs[i]!.epoch, end: log.epochs[i + 1]?.start ?? log.records.length };
}
// #endregion
