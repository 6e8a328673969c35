/**
 * A Pulsar broker's state: the BookKeeper client that owns the topic's managed ledger (writes its
 * current ledger), or takes the topic over (recovers the last ledger, then starts a new one), and
 * serves reads. Every request it sends carries a tag `broker.boot.n`, fresh per phase, so a late
 * answer to an earlier phase (or an earlier life: `boot` is on disk) is ignored.
 */
import type { ClientId, NodeId } from '../sim/index.ts';
import type { BkConfig, BkRequest, BkResponse, Fragment, LedgerMeta } from './types.ts';

// #region recovery-phases
/** Recovery of a ledger someone else opened, one phase at a time (the protocol doc's "Closing a ledger as a reader"). */
export type Recovery =
  | { readonly step: 'meta'; readonly ledger: number }
  /** CAS the metadata to IN_RECOVERY (skipped if it already is). */
  | { readonly step: 'mark'; readonly ledger: number; readonly version: number; readonly meta: LedgerMeta }
  /** Fence the last ensemble; each answer carries the bookie's LAC. */
  | { readonly step: 'fence'; readonly ledger: number; readonly version: number; readonly meta: LedgerMeta; readonly lacs: Readonly<Record<NodeId, number>> }
  /** Read entry `entry` (past the LAC) from its write set. */
  | { readonly step: 'read'; readonly ledger: number; readonly version: number; readonly meta: LedgerMeta; readonly entry: number; readonly missing: readonly NodeId[] }
  /** Write it back to its write set, until an ack quorum has it. */
  | { readonly step: 'rewrite'; readonly ledger: number; readonly version: number; readonly meta: LedgerMeta; readonly entry: number; readonly value: number; readonly acks: readonly NodeId[] }
  /** CAS the metadata to CLOSED at `last`. */
  | { readonly step: 'close'; readonly ledger: number; readonly version: number; readonly meta: LedgerMeta; readonly last: number };
// #endregion

/** Taking the topic over: read the managed ledger, recover its last ledger, create a new one, link it with a CAS. */
export type AcquirePhase =
  | { readonly step: 'managed' }
  | { readonly step: 'recover'; readonly managedVersion: number; readonly ledgers: readonly number[]; readonly recovery: Recovery }
  | { readonly step: 'create'; readonly managedVersion: number; readonly ledgers: readonly number[] }
  | { readonly step: 'link'; readonly managedVersion: number; readonly ledgers: readonly number[]; readonly meta: LedgerMeta };

export interface Pending {
  readonly value: number;
  readonly client: ClientId;
  readonly requestId: number;
  readonly acks: readonly NodeId[];
  readonly waitTicks: number;
  readonly retries: number;
}

/** The writer of the current ledger. */
export interface Owner {
  readonly kind: 'owner';
  readonly ledger: number;
  readonly version: number;
  readonly ensembles: readonly Fragment[];
  readonly nextEntry: number;
  /** Last add confirmed: every entry up to it has an ack quorum, and its client was answered. */
  readonly lac: number;
  readonly pending: Readonly<Record<number, Pending>>;
  /** An ensemble change in flight: its tag and the fragments it writes. */
  readonly change: { readonly tag: string; readonly ensembles: readonly Fragment[]; readonly waitTicks: number } | undefined;
}

export interface Acquire {
  readonly kind: 'acquire';
  readonly tag: string;
  readonly phase: AcquirePhase;
  readonly waitTicks: number;
}

export type ReadPhase =
  | { readonly step: 'managed' }
  | { readonly step: 'meta'; readonly ledgers: readonly number[]; readonly index: number }
  | { readonly step: 'entries'; readonly ledgers: readonly number[]; readonly index: number; readonly meta: LedgerMeta; readonly values: ReadonlyArray<number | null> };

export interface ReadOp {
  readonly tag: string;
  readonly client: ClientId;
  readonly requestId: number;
  readonly phase: ReadPhase;
  readonly got: ReadonlyArray<{ readonly ledger: number; readonly entries: readonly number[] }>;
  readonly waitTicks: number;
}

export interface Waiting {
  readonly client: ClientId;
  readonly requestId: number;
  readonly request: BkRequest;
}

export interface BrokerState {
  readonly role: 'broker';
  readonly id: NodeId;
  readonly config: BkConfig;
  /** How many times it restarted (on disk), part of every tag. */
  readonly boot: number;
  readonly nextOp: number;
  readonly task: Owner | Acquire | undefined;
  readonly read: ReadOp | undefined;
  readonly queue: readonly Waiting[];
  /**
   * Ticks left during which this broker, fenced out of the topic, sends appends away ("fenced") instead
   * of taking the topic back. Pulsar clients look the owner up; this stands in for that, so two
   * brokers do not take the topic from each other in turn. Memory only: a restarted broker may take it.
   */
  readonly yieldTicks: number;
  /** Per client, the last request started and, once answered, the answer (a duplicate gets it again). */
  readonly requests: Readonly<Record<ClientId, { readonly requestId: number; readonly response?: BkResponse }>>;
}

export const newBroker = (id: NodeId, config: BkConfig, boot = 0): BrokerState =>
  ({ role: 'broker', id, config, boot, nextOp: 0, task: undefined, read: undefined, queue: [], requests: {}, yieldTicks: 0 });

/** A fresh tag for the next phase. */
export function nextTag(state: BrokerState): [string, BrokerState] {
  return [`${state.id}.${state.boot}.${state.nextOp}`, { ...state, nextOp: state.nextOp + 1 }];
}
