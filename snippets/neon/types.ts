/**
 * The data of the Neon WAL service model: compute nodes running the walproposer (proposers),
 * safekeepers (acceptors), a pageserver (learner) and an object store the safekeepers offload
 * committed WAL to. Names follow Neon's own (pgxn/neon/walproposer.c, safekeeper/src/safekeeper.rs):
 * term, term history, flush_lsn, commit_lsn, truncate_lsn, ProposerElected, AppendRequest.
 *
 * An LSN here counts records, not bytes: the record at position i spans LSN i to i + 1, so a
 * safekeeper holding three records has flush_lsn 3. Everything is plain data so traces can print it.
 */
import type { NodeId } from '../sim/index.ts';

// #region term-history
/** Where a term's WAL begins: Neon's TermLsn. A term history is the list of these, oldest first. */
export interface TermLsn {
  readonly term: number;
  readonly lsn: number;
}
export type TermHistory = readonly TermLsn[];
// #endregion

export interface NeonConfig {
  readonly computes: readonly NodeId[];
  readonly safekeepers: readonly NodeId[];
  /** The learner that ingests committed WAL (absent in the explorer's smallest shapes). */
  readonly pageserver?: NodeId;
  /** Object storage (S3): safekeepers upload committed WAL there before they trim it. */
  readonly objectStore?: NodeId;
  /** The compute elected in term 1 when the timeline is created (the runs start from there). */
  readonly firstProposer: NodeId;
  /** The new proposer takes the most advanced log among the voting majority (false: the broken variant that takes the first voter's). */
  readonly syncFromMajority: boolean;
  /** commit_lsn needs a majority's flush_lsn (false: the broken variant that counts one safekeeper's). */
  readonly quorumCommit: boolean;
  /** A safekeeper refuses WAL from a term lower than the one it last voted for (false: the broken variant that accepts it). */
  readonly refuseLowerTerm: boolean;
  /** The leader resends AppendRequest (with the latest commit_lsn) every this many ticks. */
  readonly heartbeatTicks: number;
  /** A greeting or vote request unanswered for this many ticks is sent again. */
  readonly campaignTicks: number;
  /** A compute that lost its term waits this many ticks times its position (1, 2, …) before it campaigns again. */
  readonly backoffTicks: number;
  /** The pageserver asks a safekeeper for WAL every this many ticks. */
  readonly readTicks: number;
  /** A safekeeper uploads committed WAL every this many ticks. */
  readonly backupTicks: number;
}

/** What a safekeeper tells a campaigning proposer (Neon's VoteResponse, plus its WAL: see `wal`). */
export interface Vote {
  readonly term: number;
  readonly voteGiven: boolean;
  readonly flushLsn: number;
  /** Neon's truncate_lsn in the vote: the safekeeper's peer_horizon_lsn, below which every safekeeper holds the WAL. */
  readonly truncateLsn: number;
  readonly termHistory: TermHistory;
  /**
   * The model's simplification: the vote carries the safekeeper's WAL (from `walBase`), so the
   * proposer can stream the donor's log. Neon's walproposer reads it from the donor safekeeper on
   * demand; Neon's TLA+ spec makes the same simplification.
   */
  readonly walBase: number;
  readonly wal: readonly number[];
}

// #region messages
export type NeonMessage =
  /** Proposer → safekeeper: hello; the answer carries the safekeeper's term. `boot` names the proposer's life (a connection, in Neon). */
  | { readonly kind: 'greeting'; readonly boot: number }
  | { readonly kind: 'greeting-reply'; readonly boot: number; readonly term: number }
  | { readonly kind: 'vote-request'; readonly boot: number; readonly term: number }
  | ({ readonly kind: 'vote-response'; readonly boot: number } & Vote)
  /** The winner tells a safekeeper where its WAL must be truncated, and the term history it adopts. */
  | { readonly kind: 'elected'; readonly boot: number; readonly term: number; readonly startStreamingAt: number; readonly termHistory: TermHistory }
  | { readonly kind: 'append'; readonly boot: number; readonly term: number; readonly beginLsn: number; readonly records: readonly number[]; readonly commitLsn: number; readonly truncateLsn: number }
  | { readonly kind: 'append-response'; readonly boot: number; readonly term: number; readonly flushLsn: number; readonly commitLsn: number }
  /** Pageserver → safekeeper: stream me WAL from `from`; I have made `remoteConsistentLsn` durable. */
  | { readonly kind: 'read-wal'; readonly from: number; readonly remoteConsistentLsn: number }
  | { readonly kind: 'wal'; readonly from: number; readonly records: readonly number[] }
  /** Safekeeper → object store: WAL from `from`, all of it committed. */
  | { readonly kind: 'upload'; readonly from: number; readonly records: readonly number[] }
  | { readonly kind: 'uploaded'; readonly upTo: number };
// #endregion

/** A Postgres commit: the value stands for the transaction's commit record. */
export interface NeonRequest {
  readonly kind: 'commit';
  readonly value: number;
}

/** The commit is acknowledged at the end LSN of its record, by the proposer of `term`. */
export type NeonResponse = { readonly kind: 'committed'; readonly lsn: number; readonly term: number; readonly by: string };
