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
}

/** §4.1: get(key) and put(key, context, object). */
export type DynamoRequest =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'put'; readonly key: string; readonly context: VectorClock; readonly value: number };

export type DynamoResponse =
  | { readonly kind: 'get-ok'; readonly siblings: readonly Version[]; readonly context: VectorClock }
  | { readonly kind: 'put-ok'; readonly dot: Dot };

export type DynamoMessage =
  | { readonly kind: 'replicate'; readonly op: number; readonly key: string; readonly version: Version; readonly hint: NodeId | null }
  | { readonly kind: 'replicate-ack'; readonly op: number }
  | { readonly kind: 'read'; readonly op: number; readonly key: string }
  | { readonly kind: 'read-reply'; readonly op: number; readonly versions: readonly Version[] }
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
}

export interface NodeState extends Durable {
  readonly id: NodeId;
  readonly ring: Ring;
  readonly config: DynamoConfig;
  readonly now: number;
  readonly nextOp: number;
  readonly pending: Readonly<Record<number, Pending>>;
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
