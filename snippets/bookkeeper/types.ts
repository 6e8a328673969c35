/**
 * The data of the BookKeeper model (Apache BookKeeper's replication protocol, "The BookKeeper
 * protocol" in its documentation; Pulsar's managed ledger on top): ledger metadata in a
 * compare-and-set store, the messages between brokers (the BookKeeper clients), bookies and that
 * store, and what Pulsar's clients ask a broker. Everything is plain data so traces can print it.
 */
import type { NodeId } from '../sim/index.ts';

/** The protocol doc's three ledger states: a writer appends while OPEN; recovery marks IN_RECOVERY; the CAS that records the last entry makes it CLOSED. */
export type LedgerState = 'OPEN' | 'IN_RECOVERY' | 'CLOSED';

/** One ensemble of a ledger: the bookies that store the entries from `first` on, up to the next fragment's first entry. */
export interface Fragment {
  readonly first: number;
  readonly bookies: readonly NodeId[];
}

// #region ledger-metadata
/** A ledger's metadata as the store holds it (E, Qw and Qa are the run's config, the same for every ledger here). */
export interface LedgerMeta {
  readonly kind: 'ledger';
  readonly id: number;
  readonly state: LedgerState;
  /** The last entry of a CLOSED ledger (-1: it closed empty); -1 while it is not closed. */
  readonly lastEntry: number;
  /** The fragments, oldest first; an ensemble change adds one (or replaces the last, if it holds no entry yet). */
  readonly ensembles: readonly Fragment[];
}
// #endregion

/** Pulsar's managed ledger: the topic's log is this list of ledgers, in order (a VirtualLog of loglets, as in Delos). */
export interface ManagedInfo {
  readonly kind: 'managed';
  readonly ledgers: readonly number[];
}

export type StoredValue = LedgerMeta | ManagedInfo;

export interface BkConfig {
  /** The metadata store (ZooKeeper in BookKeeper and Pulsar); one durable node here. */
  readonly store: NodeId;
  readonly bookies: readonly NodeId[];
  readonly brokers: readonly NodeId[];
  /** Ensemble size E, write quorum Qw, ack quorum Qa: E ≥ Qw ≥ Qa. */
  readonly ensembleSize: number;
  readonly writeQuorum: number;
  readonly ackQuorum: number;
  /** Broken variant when false: recovery asks the bookies for their LAC but does not fence them. */
  readonly fencing: boolean;
  /** Broken variant when false: recovery fences the ledger but its reads past the LAC do not carry the fence flag. */
  readonly fencingReads: boolean;
  /** Broken variant when false: recovery closes the ledger at the highest LAC it heard, without reading past it. */
  readonly readPastLac: boolean;
  /** A broker resends an unanswered request after this many ticks. */
  readonly retryTicks: number;
  /** A writer replaces a bookie (an ensemble change) after this many unanswered resends of an entry to it. */
  readonly suspectAfterRetries: number;
  /** A broker fenced out of the topic answers appends "fenced" for this many ticks before it takes the topic again. */
  readonly yieldTicks: number;
}

export type StoreMessage =
  | { readonly kind: 'get'; readonly op: string; readonly key: string }
  /** Write `value` under `key` only if its version is still `expected`. */
  | { readonly kind: 'cas'; readonly op: string; readonly key: string; readonly expected: number; readonly value: StoredValue }
  /** Allocate a new ledger id and store its first metadata (version 1). */
  | { readonly kind: 'create'; readonly op: string; readonly ensemble: readonly NodeId[] }
  /** The key's version and value now (version 0: absent); `ok` answers a cas; `ledger` a create. */
  | { readonly kind: 'value'; readonly op: string; readonly key: string; readonly version: number; readonly value: StoredValue | undefined; readonly ok?: boolean };

// #region bookie-messages
export type BookieMessage =
  /** addEntry: the entry, its value, and the writer's last-add-confirmed piggybacked; `recovery`: a recovery re-write, which a fenced bookie still takes. */
  | { readonly kind: 'add'; readonly ledger: number; readonly entry: number; readonly value: number; readonly lac: number; readonly recovery: boolean }
  | { readonly kind: 'added'; readonly ledger: number; readonly entry: number }
  /** The bookie has fenced the ledger: it refuses the writer's adds for good. */
  | { readonly kind: 'add-fenced'; readonly ledger: number; readonly entry: number }
  /** Recovery's first message (readLac with the fence flag); `fence: false` only reads the LAC (the broken variant). */
  | { readonly kind: 'fence'; readonly op: string; readonly ledger: number; readonly fence: boolean }
  | { readonly kind: 'lac'; readonly op: string; readonly ledger: number; readonly lac: number }
  /** A read of entries from..to-1; recovery's reads carry the fence flag too (`fence`), so every bookie it asks is fenced before it answers. */
  | { readonly kind: 'read'; readonly op: string; readonly ledger: number; readonly from: number; readonly to: number; readonly fence: boolean }
  /** What the bookie holds of entries from..to-1 (null: no such entry). */
  | { readonly kind: 'entries'; readonly op: string; readonly ledger: number; readonly from: number; readonly values: ReadonlyArray<number | null> };
// #endregion

export type BkMessage = StoreMessage | BookieMessage;

/** What a Pulsar client asks a broker: publish a value on the topic, or read every closed ledger of it. */
export type BkRequest = { readonly kind: 'append'; readonly value: number } | { readonly kind: 'read' };

export type BkResponse =
  /** The message id: ledger and entry (Pulsar's MessageId holds both). */
  | { readonly kind: 'appended'; readonly ledger: number; readonly entry: number }
  | { readonly kind: 'read'; readonly ledgers: ReadonlyArray<{ readonly ledger: number; readonly entries: readonly number[] }> }
  /** The broker lost the topic (its ledger was fenced): the append may or may not be in the log. */
  | { readonly kind: 'fenced' };
