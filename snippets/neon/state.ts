/**
 * What each node holds, split into what survives a crash (durable, written with `persist`) and what
 * a crash wipes. A safekeeper's term, term history, WAL and LSNs are on its disk (Neon keeps them in
 * its control file and WAL segments). A compute is stateless: it keeps only a boot count, so that
 * replies to a previous life (an old connection, in Neon) are not taken for answers to this one.
 */
import type { ClientId, Effect, NodeId } from '../sim/index.ts';
import type { NeonConfig, NeonMessage, NeonRequest, NeonResponse, TermHistory, Vote } from './types.ts';

// #region safekeeper-durable
export interface SafekeeperDurable {
  readonly role: 'safekeeper';
  readonly boot: number;
  /** The highest term this safekeeper has voted for: it refuses anything from a lower one. */
  readonly term: number;
  readonly termHistory: TermHistory;
  /** WAL is held from `walBase` on (below it, trimmed after upload); flush_lsn = walBase + wal.length. */
  readonly walBase: number;
  readonly wal: readonly number[];
  /** What the proposer said a majority has flushed (never past this safekeeper's own flush_lsn). */
  readonly commitLsn: number;
  /** WAL below this is in object storage. */
  readonly backupLsn: number;
  /** WAL below this the pageserver has made durable (its remote_consistent_lsn). */
  readonly remoteConsistentLsn: number;
  /** The proposer's truncate_lsn: below it every safekeeper has the WAL. */
  readonly peerHorizonLsn: number;
}
// #endregion

export interface SafekeeperState extends SafekeeperDurable {
  readonly id: NodeId;
  readonly config: NeonConfig;
  readonly now: number;
  /** When the last upload left (one at a time). */
  readonly uploadSentAt: number | undefined;
}

/** A client's commit the proposer is holding: queued before it leads, or waiting for commit_lsn. */
export interface Held {
  readonly client: ClientId;
  readonly requestId: number;
  readonly value: number;
  /** The end LSN of its record, once appended. */
  readonly lsn?: number;
}

/** What a leader knows of one safekeeper in its term. */
export interface Stream {
  /** Sent ProposerElected with this start (the safekeeper truncates there). */
  readonly startStreamingAt: number;
  /** The safekeeper's flush_lsn from its last AppendResponse in this term, if any. */
  readonly flushLsn: number | undefined;
  /** The commit_lsn the safekeeper last reported. */
  readonly commitLsn: number;
}

// #region proposer-mode
export type ProposerMode =
  | { readonly kind: 'idle'; readonly campaignAfter: number }
  | { readonly kind: 'greeting'; readonly since: number; readonly terms: Readonly<Record<NodeId, number>> }
  | { readonly kind: 'campaign'; readonly since: number; readonly term: number; readonly votes: ReadonlyArray<{ id: NodeId; vote: Vote }> }
  | {
      readonly kind: 'leader';
      readonly term: number;
      readonly termHistory: TermHistory;
      /** propTermStartLsn: the donor's flush_lsn, where this term's WAL begins. */
      readonly termStartLsn: number;
      readonly donor: NodeId;
      /** The log this proposer streams, from `walBase` (the donor's WAL, then its own records). */
      readonly walBase: number;
      readonly wal: readonly number[];
      readonly commitLsn: number;
      readonly truncateLsn: number;
      readonly streams: Readonly<Record<NodeId, Stream>>;
      readonly lastBeat: number;
    };
// #endregion

export interface ComputeDurable {
  readonly role: 'compute';
  readonly boot: number;
}

export interface ComputeState extends ComputeDurable {
  readonly id: NodeId;
  readonly config: NeonConfig;
  readonly now: number;
  readonly mode: ProposerMode;
  /** The highest term this life has heard of. */
  readonly knownTerm: number;
  readonly held: readonly Held[];
  /** Per client, the last request started: a duplicate copy is not run twice. */
  readonly lastRequest: Readonly<Record<ClientId, number>>;
}

export interface PageserverDurable {
  readonly role: 'pageserver';
  /** The WAL ingested, in order from LSN 0 (its length is the remote_consistent_lsn it reports). */
  readonly wal: readonly number[];
}
export interface PageserverState extends PageserverDurable {
  readonly id: NodeId;
  readonly config: NeonConfig;
  readonly now: number;
  readonly asked: number;
}

export interface ObjectStoreDurable {
  readonly role: 'object-store';
  /** The offloaded WAL from LSN 0 (Neon uploads whole segments; one record is one object here). */
  readonly wal: readonly number[];
}
export interface ObjectStoreState extends ObjectStoreDurable {
  readonly id: NodeId;
}

export type NeonState = SafekeeperState | ComputeState | PageserverState | ObjectStoreState;
export type NeonDurable = SafekeeperDurable | ComputeDurable | PageserverDurable | ObjectStoreDurable;

export type NeonTypes = {
  state: NeonState;
  message: NeonMessage;
  request: NeonRequest;
  response: NeonResponse;
  durable: NeonDurable;
  config: NeonConfig;
};

export interface RoleStep<S extends NeonState> {
  readonly state: S;
  readonly effects: ReadonlyArray<Effect<NeonTypes>>;
}

export const flushLsn = (s: { walBase: number; wal: readonly number[] }): number => s.walBase + s.wal.length;

export function safekeeperDurable(s: SafekeeperState): SafekeeperDurable {
  const { role, boot, term, termHistory, walBase, wal, commitLsn, backupLsn, remoteConsistentLsn, peerHorizonLsn } = s;
  return { role, boot, term, termHistory, walBase, wal, commitLsn, backupLsn, remoteConsistentLsn, peerHorizonLsn };
}

/** A proposer's name for one life, as the acknowledgements carry it: `cA.2` is cA after its second restart. */
export const proposerName = (s: ComputeState): string => `${s.id}.${s.boot}`;

export type { NeonMessage, NeonRequest, NeonResponse };
