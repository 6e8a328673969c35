/**
 * The data of the Raft model (Ongaro & Ousterhout, "In Search of an Understandable Consensus
 * Algorithm (Extended Version)", USENIX ATC 2014) with rqlite's read levels on top. Names follow the
 * paper's Figure 2 (currentTerm, votedFor, log, commitIndex, lastApplied, nextIndex, matchIndex,
 * RequestVote, AppendEntries) and rqlite's docs (none, weak, linearizable, strong, freshness).
 * Everything is plain data so traces can print it.
 */
import type { ClientId, NodeId } from '../sim/index.ts';

/**
 * What a log entry asks the state machine to do: a leader's blank entry at the start of its term
 * (Raft §8), a client's write of one register, or a strong read (rqlite's `strong`: the read itself
 * goes through the log).
 */
export type Command =
  | { readonly kind: 'noop' }
  /** `session` and `seq` name the client's request across retries (Raft §8), so a retried write runs once. */
  | { readonly kind: 'write'; readonly value: number; readonly session: ClientId; readonly seq: number }
  | { readonly kind: 'read' };

// #region entry
/** A log entry: the term in which a leader received it, and the command (Raft §5.3). Indexes start at 1. */
export interface Entry {
  readonly term: number;
  readonly command: Command;
}
// #endregion

/** rqlite's read consistency levels (https://rqlite.io/docs/api/read-consistency/). */
export type ReadLevel = 'none' | 'weak' | 'linearizable' | 'strong';
export const READ_LEVELS: readonly ReadLevel[] = ['none', 'weak', 'linearizable', 'strong'];

export interface RaftConfig {
  /** The run's seed: each node draws its randomized election timeouts from it (Raft §5.2), so a seed replays a run. */
  readonly seed: number;
  /** Election timeouts are drawn uniformly from [min, max] ticks, afresh each time the timer restarts. */
  readonly electionTicksMin: number;
  readonly electionTicksMax: number;
  /**
   * Scripted runs fix each listed node's election timeout, so a script can say who times out first;
   * random runs leave it empty and every node draws.
   */
  readonly fixedElectionTicks: Readonly<Record<NodeId, number>>;
  /** A leader sends AppendEntries (heartbeats when it has nothing new) every this many ticks. */
  readonly heartbeatTicks: number;
  /** At most this many entries per AppendEntries (a batch limit; 1 lets a script replicate an entry at a time). */
  readonly maxEntriesPerMessage: number;
  /** Raft §5.4.2: a leader commits by counting replicas only an entry of its own term (false: the Figure 8 bug). */
  readonly commitOnlyCurrentTerm: boolean;
  /** Raft §5.4.1: a voter refuses a candidate whose log is less up-to-date than its own (false: votes on term alone). */
  readonly voteLogCheck: boolean;
  /** rqlite `linearizable` (Raft dissertation §6.4): confirm leadership with a heartbeat round to a quorum before answering (false: skip it). */
  readonly confirmLeadership: boolean;
}

// #region messages
export type RaftMessage =
  /** Raft §5.2, Figure 2: a candidate asks for a vote, saying how up-to-date its log is. */
  | { readonly kind: 'request-vote'; readonly term: number; readonly lastLogIndex: number; readonly lastLogTerm: number }
  | { readonly kind: 'vote'; readonly term: number; readonly granted: boolean }
  /**
   * Raft §5.3, Figure 2: entries after prevLogIndex (none: a heartbeat), and the leader's commitIndex.
   * `round` numbers the leader's heartbeat rounds in its term; a reply echoes it, so a read can wait
   * for a quorum to answer a round that began after the read arrived (ReadIndex, dissertation §6.4).
   */
  | { readonly kind: 'append-entries'; readonly term: number; readonly prevLogIndex: number; readonly prevLogTerm: number; readonly entries: readonly Entry[]; readonly leaderCommit: number; readonly round: number }
  /** success: the follower's log now matches the leader's through `matchIndex`; otherwise `matchIndex` is a hint where to retry. */
  | { readonly kind: 'append-result'; readonly term: number; readonly success: boolean; readonly matchIndex: number; readonly round: number };
// #endregion

export type RaftRequest =
  | { readonly kind: 'write'; readonly value: number; readonly session: ClientId; readonly seq: number }
  /** `freshness` (level none only): refuse if this node has not heard from a leader within that many ticks (rqlite's freshness). */
  | { readonly kind: 'read'; readonly level: ReadLevel; readonly freshness?: number };

export type RaftResponse =
  /** The write is committed and applied at `index`, an entry of `term`; `node` answered as leader of term `leaderTerm`. */
  | { readonly kind: 'written'; readonly index: number; readonly term: number; readonly node: NodeId; readonly leaderTerm: number }
  /** A read's answer: the register's value in the node's state machine after applying through `applied`. */
  | { readonly kind: 'value'; readonly value: number | null; readonly node: NodeId; readonly applied: number }
  /** Not the leader (weak, linearizable, strong and writes need it): `leader` is whom it last heard from, if anyone. */
  | { readonly kind: 'not-leader'; readonly leader: NodeId | undefined }
  /** rqlite's ErrStaleRead: a `none` read with a freshness bound at a node that has not heard from a leader within it. */
  | { readonly kind: 'stale' };
