/**
 * The data of the steady-state model (Vanlightly, "Steady on! Separating Failure-Free Ordering from
 * Fault-Tolerant Consensus", 2025; Lamport, Malkhi and Zhou, "Vertical Paxos and Primary-Backup
 * Replication", PODC 2009): a write-all primary-backup log over f + 1 replicas per epoch, and
 * controllers that reconfigure it through one external configuration store with compare-and-set.
 * Everything is plain data so traces and diagrams can print it.
 */
import type { NodeId } from '../sim/index.ts';

// #region configuration
/**
 * One epoch's configuration, as the configuration store holds it. `replicas` has f + 1 members and
 * starts with the primary; `start` is the log length the epoch began with (the tail its
 * reconfiguration found); `writer` names the reconfiguration that installed it.
 */
export interface Configuration {
  readonly epoch: number;
  readonly primary: NodeId;
  readonly replicas: readonly NodeId[];
  readonly start: number;
  readonly writer: string;
}
// #endregion

export interface SteadyConfig {
  /** The configuration store: one always-available node standing in for a consensus-backed service. */
  readonly store: NodeId;
  /** Every replica, in order; each epoch uses f + 1 of them, the rest are spares. */
  readonly pool: readonly NodeId[];
  /** The nodes that run reconfigurations (any of them may, at the same time). */
  readonly controllers: readonly NodeId[];
  /** The failures tolerated: f + 1 replicas per epoch. */
  readonly f: number;
  /** Epoch 1's configuration, which every node knows at first boot. */
  readonly initial: Configuration;
  /** Broken variant when false: the primary acknowledges once f of the f + 1 replicas hold an entry. */
  readonly waitForAll: boolean;
  /** Broken variant when false: a reconfiguration reads the tail without sealing the old epoch. */
  readonly seal: boolean;
  /** A primary resends unacknowledged entries, and a controller its unanswered messages, after this many ticks. */
  readonly retryTicks: number;
  /** A controller gives up a reconfiguration after this many ticks. */
  readonly opTicksMax: number;
  /** For the cost measurement: this replica answers the primary this many ticks late. */
  readonly slow?: { readonly node: NodeId; readonly ticks: number } | undefined;
}

export type SteadyMessage =
  // The steady state: the primary sends its log from `from` on; a backup answers with the length it holds.
  | { readonly kind: 'replicate'; readonly epoch: number; readonly writer: string; readonly from: number; readonly entries: readonly number[] }
  | { readonly kind: 'replicated'; readonly epoch: number; readonly length: number }
  /** A backup that has moved to another epoch, or is sealed, refuses: the primary is stale. */
  | { readonly kind: 'refused'; readonly epoch: number; readonly sealed: boolean }
  // Reconfiguration: seal the old epoch, hand the tail to the new replicas, tell the new primary to start.
  | { readonly kind: 'seal'; readonly epoch: number; readonly op: string }
  | { readonly kind: 'sealed'; readonly epoch: number; readonly op: string; readonly log: readonly number[] }
  /** The no-seal variant's read of a replica's log, which leaves it accepting appends. */
  | { readonly kind: 'read-tail'; readonly epoch: number; readonly op: string }
  | { readonly kind: 'tail'; readonly epoch: number; readonly op: string; readonly log: readonly number[] }
  | { readonly kind: 'prepare'; readonly configuration: Configuration; readonly log: readonly number[] }
  | { readonly kind: 'prepared'; readonly epoch: number; readonly op: string }
  | { readonly kind: 'prepare-refused'; readonly epoch: number; readonly op: string; readonly at: number }
  | { readonly kind: 'activate'; readonly epoch: number; readonly op: string }
  | { readonly kind: 'activated'; readonly epoch: number; readonly op: string; readonly ok: boolean }
  // The configuration store.
  | { readonly kind: 'read-config'; readonly op: string }
  | { readonly kind: 'cas'; readonly op: string; readonly expected: number; readonly next: Configuration }
  | { readonly kind: 'config'; readonly op: string; readonly configuration: Configuration; readonly won?: boolean };

/** What clients ask: a replica to append (only the primary does), a controller to reconfigure without `remove`. */
export type SteadyRequest =
  | { readonly kind: 'append'; readonly value: number }
  | { readonly kind: 'reconfigure'; readonly remove?: NodeId | undefined };

export type SteadyResponse =
  | { readonly kind: 'appended'; readonly pos: number; readonly epoch: number }
  | { readonly kind: 'not-primary'; readonly primary?: NodeId | undefined }
  | { readonly kind: 'reconfigured'; readonly won: boolean; readonly epoch: number }
  | { readonly kind: 'busy' }
  | { readonly kind: 'gave-up' };
