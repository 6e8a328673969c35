/** The Dynamo model's types: configuration, client API, messages between nodes, and a node's state. */
import type { NodeId } from '../sim/index.ts';
import type { Ring } from './ring.ts';
import type { VectorClock } from './vector-clock.ts';
import type { Dot, Version } from './versions.ts';

export interface DynamoConfig {
  /** Dynamo §4.5: N replicas per key, reads wait for R answers, writes for W acknowledgements. */
  readonly n: number;
  readonly r: number;
  readonly w: number;
  /** §4.2: virtual nodes per physical node. */
  readonly tokensPerNode: number;
  /** §4.8.3: a replica silent this long is suspected, and its share goes to the next node of the list. */
  readonly replicaTimeoutTicks: number;
  /** How long a suspicion lasts before the node is tried again. */
  readonly suspectTicks: number;
  /** §4.6: how often a node scans its hinted database and tries to hand replicas back. */
  readonly handoffEveryTicks: number;
  /** A coordinator forgets an operation this long after it began. */
  readonly operationTicks: number;
  /** Broken variant when false: a fallback keeps the replica as its own and never hands it back. */
  readonly hintedHandoff: boolean;
  /**
   * Broken variant when false: operation ids restart at 1 after a crash, with no incarnation in them,
   * so a replica's answer to an operation of the node's previous life counts for one of this life.
   */
  readonly incarnation: boolean;
  /** Broken variant when false: the dot counter is lost in a crash, so a restarted coordinator stamps dots it already used. */
  readonly durableDots: boolean;
  /** Broken variant when false: a get answers with one reply's versions (the highest-ranked node that answered) instead of merging all R. */
  readonly mergeReplies: boolean;
  /** Efficiency variant when false: targets are chosen without the failure detector, so every operation waits out a dead node. */
  readonly avoidSuspects: boolean;
}

/** §4.1: get(key) and put(key, context, object). */
export type DynamoRequest =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'put'; readonly key: string; readonly context: VectorClock; readonly value: number };

export type DynamoResponse =
  | { readonly kind: 'get-ok'; readonly siblings: readonly Version[]; readonly context: VectorClock }
  | { readonly kind: 'put-ok'; readonly dot: Dot };

/**
 * Names one operation of one coordinator: `4` is the 4th of the node's first life, `2.4` the 4th
 * after its second restart. The incarnation keeps a late answer to an old life's operation from
 * counting for a new one.
 */
export type OpId = string;

export type DynamoMessage =
  | { readonly kind: 'replicate'; readonly op: OpId; readonly key: string; readonly version: Version; readonly hint: NodeId | null }
  | { readonly kind: 'replicate-ack'; readonly op: OpId }
  | { readonly kind: 'read'; readonly op: OpId; readonly key: string }
  | { readonly kind: 'read-reply'; readonly op: OpId; readonly versions: readonly Version[] }
  | { readonly kind: 'repair'; readonly key: string; readonly versions: readonly Version[] }
  | { readonly kind: 'handoff'; readonly replicas: readonly { readonly key: string; readonly version: Version }[] }
  | { readonly kind: 'handoff-ack'; readonly replicas: readonly { readonly key: string; readonly dot: Dot }[] };

/** §4.6: a replica held for a home node that could not be reached. */
export interface Hint {
  readonly home: NodeId;
  readonly key: string;
  readonly version: Version;
}

/** One replica a coordinator asked; `home` is the node it stands in for when it is a fallback. */
export interface Asked {
  readonly node: NodeId;
  readonly home: NodeId | null;
  readonly sentTick: number;
  readonly answered: boolean;
  /** Timed out and handed its share to the next node of the list. */
  readonly replaced: boolean;
  /** What it answered, for a get. */
  readonly versions: readonly Version[];
}

export interface Pending {
  readonly kind: 'get' | 'put';
  readonly client: string;
  readonly requestId: number;
  readonly key: string;
  readonly startedTick: number;
  readonly asked: readonly Asked[];
  /** The client has its answer; the coordinator is finishing (hints for a put, read repair for a get). */
  readonly replied: boolean;
  /** The version a put writes. */
  readonly version: Version | null;
}

export type Store = Readonly<Record<string, readonly Version[]>>;

export interface Durable {
  readonly store: Store;
  readonly hints: readonly Hint[];
  /** Highest counter this node has stamped: dots stay unique across crashes. */
  readonly issued: number;
  /** How many times the node restarted, on disk before it speaks again: its operation ids never repeat. */
  readonly boot: number;
}

export interface NodeState extends Durable {
  readonly id: NodeId;
  readonly ring: Ring;
  readonly config: DynamoConfig;
  readonly now: number;
  /** The next operation's number within this incarnation. */
  readonly nextOp: number;
  readonly pending: Readonly<Record<OpId, Pending>>;
  /** §4.8.3: local failure detection, node → tick the suspicion ends. */
  readonly suspects: Readonly<Record<NodeId, number>>;
}

export type DynamoTypes = {
  state: NodeState;
  message: DynamoMessage;
  request: DynamoRequest;
  response: DynamoResponse;
  durable: Durable;
  config: DynamoConfig;
};
