/**
 * One `Log` interface for every log model in the notebook. A model here is a simulator-driven state
 * machine, not a library with methods, so the interface is a driver contract: a backend says how to
 * build a cluster of itself whose clients append (and, where the design lets them, read), and how to
 * read what a run did in the log's own terms — what was appended and acknowledged at which position,
 * what readers were given, what each node holds as committed, which segments are sealed. The
 * conformance suite (conformance.ts, tests/snippets/log/) then checks the same properties on all of
 * them, and nothing else about a backend: a backend's own invariants are left out of its runs, so a
 * failure the suite reports is one the interface itself sees.
 *
 * The operations, in the terms Delos's Loglet API and the series' notes use:
 * - append(value) → the acknowledged position (or only "acknowledged", where the design says no more);
 * - read(from) / readNext: a prefix of the log, up to the point the design lets readers see;
 * - checkTail: where the log ends, for a linearizable read;
 * - seal: end a segment for good, so a stale writer gets no more acknowledgements in it;
 * - reconfigure: move the log to new nodes.
 * Not every design offers every operation to a client, and a backend declares which it has
 * (`Capabilities`) instead of faking the rest.
 */
import type { ClusterView, ModelTypes, NodeId, RunOptions } from '../sim/index.ts';

/** An entry as the suite compares them: a client's unique value, or the request a VR log holds (`c1#3`). */
export type Entry = string;

/** One client append, retries of one request folded into one. */
export interface AppendSeen {
  readonly entry: Entry;
  readonly client: string;
  readonly invokeTick: number;
  /** Where the simulator's event order put the acknowledgement; undefined if none came. */
  readonly ackOrder: number | undefined;
  /** The position in the whole log the acknowledgement named, where the backend's answer names one. */
  readonly offset?: number | undefined;
  /** The segment the acknowledgement named (a ledger, an epoch, a Loglet), for a segmented log. */
  readonly segment?: number | undefined;
}

/** One read a client was answered: the log's entries from position 0. */
export interface ReadSeen {
  readonly client: string;
  readonly entries: readonly Entry[];
  readonly invokeOrder: number;
}

/** A sealed segment: it holds the log's positions below `end` and takes no acknowledged entry at or past it. */
export interface SealSeen {
  readonly segment: number;
  readonly end: number;
}

// #region snapshot
/** What a run did, in the log's terms, read from the cluster view: the client history and what nodes hold. */
export interface LogSnapshot {
  readonly appends: readonly AppendSeen[];
  readonly reads: readonly ReadSeen[];
  /**
   * The log as the design defines committed, read from the nodes (disks where the model has them):
   * VR's entries up to the commit-number, Kafka's leader's log below the high watermark, Delos's
   * chain of Loglets, BookKeeper's ledgers up to their close or LAC, the write-all log every replica
   * of the current epoch holds. A position nobody holds is `undefined` (a hole).
   */
  readonly committed: ReadonlyArray<Entry | undefined>;
  /** Per node that keeps a whole copy, its own committed prefix (empty where copies are striped). */
  readonly replicas: ReadonlyArray<{ readonly node: NodeId; readonly log: readonly Entry[] }>;
  readonly seals: readonly SealSeen[];
}
// #endregion

// #region capabilities
/** What a backend offers a client, in words for the table, and the two promises the suite checks only where declared. */
export interface Capabilities {
  /**
   * What an acknowledgement carries: `offset` (a position in the whole log), `segment` (segment and
   * offset), `virtual` (a position in one virtual address space over the segments, as Delos answers;
   * the adapter also records the segment that took it), or `none`.
   */
  readonly ackPosition: 'offset' | 'segment' | 'virtual' | 'none';
  /** How far a reader can read: the committed prefix, only closed segments, or no log read at all. */
  readonly read: 'committed' | 'closed-segments' | 'none';
  /** A read sees every append acknowledged before the read was sent (a linearizable read, checkTail first). */
  readonly readSeesAcked: boolean;
  /** checkTail: offered to clients, used inside the design only, or absent. */
  readonly tail: 'client' | 'internal' | 'none';
  /** Seal: of a segment (the suite checks it), fencing by epoch with no seal a client can see, or none. */
  readonly seal: 'segment' | 'fencing' | 'none';
  /** Reconfiguration: by whom, in a few words (`a client, through the MetaStore`). */
  readonly reconfigure: string;
}
// #endregion

/** A backend's broken variants: name → what the variant breaks (the model's own variant table). */
export type VariantTable = Readonly<Record<string, string>>;

/**
 * The kinds of disaggregation Vanlightly's survey posts classify (A–F): disaggregated roles and
 * participants, a protocol split into control plane and data plane, segmented logs, pointer-based
 * logs (data apart from ordering), a sequencer (ordering apart from IO), leaderless proxies. Which a
 * notebook system uses is our reading of its model, declared by its adapter.
 */
export type DisaggregationKind = 'roles' | 'planes' | 'segments' | 'pointers' | 'sequencer' | 'proxies';

/** The names of the conformance properties (conformance.ts `PROPERTIES`). */
export type PropertyName = 'unique' | 'holes' | 'order' | 'position' | 'seal' | 'readSeesAcked' | 'durable' | 'kept' | 'progress';

/**
 * What the conformance suite found on one broken variant, as the adapter records it and the suite
 * re-checks: `caught` — the run of `seed` breaks `property`; `unseen` — seeds 1..`seeds` break
 * nothing the interface sees, and `seenBy` says what does catch the variant.
 */
export type Finding =
  | { readonly kind: 'caught'; readonly seed: number; readonly property: PropertyName }
  | { readonly kind: 'unseen'; readonly seeds: number; readonly seenBy: string };

/**
 * The cluster a backend runs for one seed: the model, nodes, config, clients and faults, with no
 * invariants or liveness (the suite brings its own), and the ticks after healing within which an
 * append must be acknowledged.
 */
export interface Cluster<T extends ModelTypes> {
  readonly options: Omit<RunOptions<T>, 'invariants' | 'liveness'>;
  readonly progressTicks: number;
}

/** What one adapter file (snippets/log/backends/<model>.ts) provides, typed by its model. */
export interface BackendSpec<T extends ModelTypes> {
  /** The model's directory name under snippets/ (`kafka`). */
  readonly id: string;
  /** The system, as the note's table names it. */
  readonly name: string;
  /** The slug of the note that explains the system. */
  readonly note: string;
  readonly capabilities: Capabilities;
  /** Where the system sits among the kinds of disaggregation (empty: a converged protocol whose servers also play every role, like Raft's). */
  readonly disaggregation: readonly DisaggregationKind[];
  readonly variants: VariantTable;
  /** One finding per variant. */
  readonly findings: Readonly<Record<string, Finding>>;
  /**
   * For a promise the backend does not make (a read that sees every earlier acknowledgement), a seed
   * whose run shows it broken when the suite checks it anyway: the declaration is not just caution.
   */
  readonly witnesses?: { readonly readSeesAcked?: number };
  /** Seed `seed`'s cluster under swarm faults (sim/swarm.ts), with `variant` applied when given. */
  cluster(seed: number, variant?: string): Cluster<T>;
  /** The run so far in the log's terms. Called after every step, so it reads; it never changes anything. */
  observe(view: ClusterView<T>): LogSnapshot;
}
