/**
 * What a Raft server holds, split as the paper's Figure 2 splits it: persistent state (currentTerm,
 * votedFor, log), written with `persist` before the server answers any RPC, and volatile state
 * (role, commitIndex, lastApplied, the state machine, and a leader's nextIndex and matchIndex), which a
 * crash wipes. The state machine is rebuilt by re-applying the log once the server learns what is
 * committed again (there are no snapshots here; Raft §7 adds them).
 */
import type { ClientId, Effect, NodeId } from '../sim/index.ts';
import type { Entry, RaftConfig, RaftMessage, RaftRequest, RaftResponse } from './types.ts';

// #region persistent
export interface RaftDurable {
  /** Latest term the server has seen (Figure 2). */
  readonly currentTerm: number;
  /** Whom it voted for in currentTerm, if anyone: one vote per term survives a crash (Election Safety). */
  readonly votedFor: NodeId | undefined;
  readonly log: readonly Entry[];
  /** How many times the server has started: its election timeouts are drawn afresh in each life. */
  readonly boot: number;
}
// #endregion

/** The register the log drives, and per client session the last write applied (Raft §8: a retried write is not applied twice). */
export interface StateMachine {
  readonly value: number | null;
  readonly lastSeq: Readonly<Record<ClientId, number>>;
}

/** A client waiting for the entry at `index` (a write, or a strong read) to be applied; `term` tells it is still the same entry. */
export interface Waiter {
  readonly index: number;
  readonly term: number;
  readonly client: ClientId;
  readonly requestId: number;
}

/** A linearizable read in progress (ReadIndex): it may answer once a quorum acknowledged `round` and lastApplied reached `readIndex`. */
export interface PendingRead {
  readonly readIndex: number;
  readonly round: number;
  readonly client: ClientId;
  readonly requestId: number;
}

export type Role =
  | { readonly kind: 'follower'; readonly leader: NodeId | undefined }
  | { readonly kind: 'candidate'; readonly votes: readonly NodeId[] }
  | {
      readonly kind: 'leader';
      /** Figure 2: for each follower, the next index to send and the highest index known replicated. */
      readonly nextIndex: Readonly<Record<NodeId, number>>;
      readonly matchIndex: Readonly<Record<NodeId, number>>;
      /** The heartbeat round last sent, and the highest round each follower has answered in this term. */
      readonly round: number;
      readonly ackedRound: Readonly<Record<NodeId, number>>;
      readonly waiters: readonly Waiter[];
      readonly reads: readonly PendingRead[];
      readonly sinceHeartbeat: number;
    };

export interface RaftState extends RaftDurable {
  readonly id: NodeId;
  readonly peers: readonly NodeId[];
  readonly config: RaftConfig;
  readonly role: Role;
  /** Figure 2's volatile state: highest index known committed, and highest applied to the state machine. */
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly machine: StateMachine;
  /** Ticks since the election timer last restarted, and the timeout drawn for it. */
  readonly electionElapsed: number;
  readonly electionTimeout: number;
  /** Timeouts drawn in this life (with `boot`, picks the next draw). */
  readonly draws: number;
  /** Ticks since this server last heard AppendEntries from a current leader (rqlite's freshness reads it). */
  readonly sinceLeaderContact: number;
}

export type RaftTypes = {
  state: RaftState;
  message: RaftMessage;
  request: RaftRequest;
  response: RaftResponse;
  durable: RaftDurable;
  config: RaftConfig;
};

export type RaftEffect = Effect<RaftTypes>;
export interface RaftStep {
  readonly state: RaftState;
  readonly effects: readonly RaftEffect[];
}

export const durableOf = (s: RaftState): RaftDurable => ({ currentTerm: s.currentTerm, votedFor: s.votedFor, log: s.log, boot: s.boot });
export const EMPTY_MACHINE: StateMachine = { value: null, lastSeq: {} };
