/**
 * Viewstamped Replication Revisited (Liskov & Cowling, MIT-CSAIL-TR-2012-021): the types of one
 * replica. A replica keeps everything in memory (VRR §4, Figure 2); the only thing it writes to disk
 * is a restart counter that stands in for the clock the paper reads its recovery nonce from (§4.3),
 * since a model has no clock of its own.
 */
import type { Effect, NodeId } from '../sim/index.ts';

/** The service: a key-value map whose operations a client names by (client-id, request-number). */
export type Operation = { readonly f: 'get'; readonly key: string } | { readonly f: 'put'; readonly key: string; readonly value: number };
export type OpResult = number | null;

/** One log entry: the client's Request message (VRR §4.1 step 3), plus where to send the reply. */
export interface Entry {
  readonly client: string;
  readonly requestNumber: number;
  readonly op: Operation;
  /** The simulator's id of the client call that carried it (the reply's address, not protocol state). */
  readonly requestId: number;
}

/** VRR §4: for each client, its latest request-number and, once executed, the result. */
export interface ClientRecord {
  readonly requestNumber: number;
  readonly result?: OpResult;
  /** Where the reply goes: the latest call that carried this request (a retry replaces it). */
  readonly requestId: number;
}

/**
 * 'state-transfer': the replica heard of a later view (or of the view it is changing to) from that
 * view's primary and waits for NewState; until it arrives it keeps its old view, v′ and log (§5.2 as
 * Vanlightly's TLA+ analysis of it corrected, see state-transfer.ts).
 */
export type Status = 'normal' | 'view-change' | 'recovering' | 'state-transfer';

export interface DoViewChange {
  readonly kind: 'do-view-change';
  readonly view: number;
  readonly log: readonly Entry[];
  /** v′: the latest view in which the sender's status was normal. */
  readonly lastNormalView: number;
  readonly opNumber: number;
  readonly commitNumber: number;
  readonly replica: NodeId;
}

export type VrMessage =
  | { readonly kind: 'prepare'; readonly view: number; readonly entry: Entry; readonly opNumber: number; readonly commitNumber: number }
  | { readonly kind: 'prepare-ok'; readonly view: number; readonly opNumber: number; readonly replica: NodeId }
  | { readonly kind: 'commit'; readonly view: number; readonly commitNumber: number }
  | { readonly kind: 'start-view-change'; readonly view: number; readonly replica: NodeId }
  | DoViewChange
  | { readonly kind: 'start-view'; readonly view: number; readonly log: readonly Entry[]; readonly opNumber: number; readonly commitNumber: number }
  | { readonly kind: 'recovery'; readonly replica: NodeId; readonly nonce: number }
  | {
      readonly kind: 'recovery-response';
      readonly view: number;
      readonly nonce: number;
      /** Only the primary sends its log, op-number and commit-number (VRR §4.3 step 2). */
      readonly primaryState?: { readonly log: readonly Entry[]; readonly opNumber: number; readonly commitNumber: number };
      readonly replica: NodeId;
    }
  | { readonly kind: 'get-state'; readonly view: number; readonly opNumber: number; readonly replica: NodeId }
  | { readonly kind: 'new-state'; readonly view: number; readonly after: number; readonly entries: readonly Entry[]; readonly opNumber: number; readonly commitNumber: number };

/** ⟨Request op, c, s⟩ (VRR §4.1): the client names itself and numbers its requests. */
export interface VrRequest {
  readonly client: string;
  readonly requestNumber: number;
  readonly op: Operation;
}

/** ⟨Reply v, s, x⟩. */
export interface VrResponse {
  readonly view: number;
  readonly requestNumber: number;
  readonly result: OpResult;
}

export interface VrConfig {
  /** Ticks a backup waits without Prepare or Commit before starting a view change (VRR §4.2). */
  readonly viewChangeTimeout: number;
  /** Ticks an idle primary waits before sending Commit (VRR §4.1 step 6). */
  readonly heartbeat: number;
  /** Broken variant (a) when 'own': the new primary keeps its own log instead of the §4.2 rule's choice. */
  readonly logChoice: 'rule' | 'own';
  /** Broken variant (b) when true: a restarted replica answers Prepares and view changes before it recovered (§4.3). */
  readonly recoveringTakesPart: boolean;
  /**
   * How a replica that hears of a later view catches up (§5.2). 'after-new-state': it keeps its view,
   * v′ and log until NewState arrives, then truncates and installs in one step. Broken variant
   * 'claim-view-at-once', the paper as worded: it truncates to its commit-number and claims to be
   * normal in the new view (v′ = the new view) before NewState arrives.
   */
  readonly stateTransfer: 'after-new-state' | 'claim-view-at-once';
  /** Broken variant when false: a replica sends DoViewChange as it enters a view change, with no StartViewChange round (§4.2 step 2, §8.2). */
  readonly startViewChangeRound: boolean;
  /** Broken variant when 'one': a recovering replica copies a primary's state after one RecoveryResponse instead of f + 1 (§4.3 step 3). */
  readonly recoveryQuorum: 'f+1' | 'one';
  /** Broken variant when 'any-primary': recovery copies the first primary that answered, not the primary of the latest view reported (§4.3 step 3). */
  readonly recoverFrom: 'latest-primary' | 'any-primary';
  /** Slower variant when 'own': the new primary keeps its own commit-number instead of the largest k received (§4.2 step 3). */
  readonly newPrimaryCommit: 'largest' | 'own';
  /** Slower variant when false: backups send no PrepareOK for the uncommitted entries a StartView gave them (§4.2 step 5). */
  readonly prepareOkAfterStartView: boolean;
}

export const DEFAULT_CONFIG: VrConfig = {
  viewChangeTimeout: 20,
  heartbeat: 5,
  logChoice: 'rule',
  recoveringTakesPart: false,
  stateTransfer: 'after-new-state',
  startViewChangeRound: true,
  recoveryQuorum: 'f+1',
  recoverFrom: 'latest-primary',
  newPrimaryCommit: 'largest',
  prepareOkAfterStartView: true,
};

export interface ReplicaState {
  readonly id: NodeId;
  /** The configuration in cluster order; this replica's number is its index. */
  readonly replicas: readonly NodeId[];
  readonly config: VrConfig;
  readonly view: number;
  readonly status: Status;
  readonly lastNormalView: number;
  /** op-number = log.length; entry i holds op-number i + 1. */
  readonly log: readonly Entry[];
  readonly commitNumber: number;
  readonly clientTable: Readonly<Record<string, ClientRecord>>;
  /** The service state after executing log[0 .. commitNumber). */
  readonly store: Readonly<Record<string, number>>;
  /** Ticks since the last sign of life from the primary (backup) or since the last send (primary). */
  readonly timer: number;
  /** Primary: the highest op-number each backup has acknowledged in this view. */
  readonly acked: Readonly<Record<NodeId, number>>;
  /** View change: who sent StartViewChange for `view`, the DoViewChanges received, whether ours went. */
  readonly startViewChanges: readonly NodeId[];
  readonly doViewChanges: readonly DoViewChange[];
  readonly sentDoViewChange: boolean;
  /** State transfer: the later view whose primary this replica asked for NewState (meaningful in status 'state-transfer'). */
  readonly transferView: number;
  /** Recovery: the nonce of this attempt and the responses carrying it. */
  readonly nonce: number;
  readonly recoveryResponses: ReadonlyArray<Extract<VrMessage, { kind: 'recovery-response' }>>;
}

export type VrTypes = {
  state: ReplicaState;
  message: VrMessage;
  request: VrRequest;
  response: VrResponse;
  durable: { readonly restarts: number };
  config: VrConfig;
};

export type Result = { state: ReplicaState; effects: Effect<VrTypes>[] };

/** VRR §4: the primary of view v is replica v mod n, computed, never stored. */
export const primaryOf = (replicas: readonly NodeId[], view: number): NodeId => replicas[view % replicas.length]!;
export const isPrimary = (s: ReplicaState): boolean => primaryOf(s.replicas, s.view) === s.id;
/** n = 2f + 1. */
export const faultsTolerated = (s: ReplicaState): number => Math.floor((s.replicas.length - 1) / 2);
export const opNumber = (s: ReplicaState): number => s.log.length;
export const others = (s: ReplicaState): NodeId[] => s.replicas.filter((r) => r !== s.id);
