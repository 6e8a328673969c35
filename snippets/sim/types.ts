/**
 * The contract between a protocol model and the simulator. A node is a pure state machine,
 * `step(state, input) → { state, effects }`: the simulator owns the clock, the network, the disk and
 * randomness, and a model only reacts to inputs and asks for effects (etcd raft's core works this way;
 * its host does the I/O). Every run is then reproducible from its seed.
 *
 * A model names its types once, in one bundle, and every other type derives from it:
 *
 *   type Echo = { state: EchoState; message: EchoMessage; request: string; response: string;
 *                 durable: number; config: undefined };
 *   const echo: Model<Echo> = { name: 'echo', init, step, recover };
 */

/** A node's name in the cluster (`r1`, `B2`). */
export type NodeId = string;
/** A client's name (`c1`). Clients and nodes share one network namespace, so names must differ. */
export type ClientId = string;

/** The types one model is built from. All must be plain data (JSON-able): traces and diagrams print them. */
export interface ModelTypes {
  /** Everything a node holds in memory; lost on crash. */
  state: unknown;
  /** Node-to-node messages. */
  message: unknown;
  /** What a client asks a node. */
  request: unknown;
  /** What a node answers a client. */
  response: unknown;
  /** What survives a crash: the last value persisted replaces the one before. */
  durable: unknown;
  /** Parameters shared by all nodes of a run (cluster size is implied by `peers`). */
  config: unknown;
}

/**
 * What can happen to a node. Timers are counters in the state advanced by `tick` (one per virtual tick
 * per live node), never callbacks, so timeouts replay exactly (TigerBeetle and etcd raft both do this).
 * `restart` arrives once, right after `recover`, so a recovering node can speak first (VR §4.3).
 */
export type Input<T extends ModelTypes> =
  | { readonly kind: 'message'; readonly from: NodeId; readonly message: T['message'] }
  | { readonly kind: 'tick' }
  | { readonly kind: 'request'; readonly client: ClientId; readonly requestId: number; readonly request: T['request'] }
  | { readonly kind: 'restart' };

/**
 * What a node asks the world to do. Effects of one step are applied in the order given, and a crash can
 * fall between any two of them (a node can die between the send and the fsync): persist first, then
 * acknowledge.
 */
export type Effect<T extends ModelTypes> =
  | { readonly kind: 'send'; readonly to: NodeId; readonly message: T['message'] }
  | { readonly kind: 'reply'; readonly client: ClientId; readonly requestId: number; readonly response: T['response'] }
  | { readonly kind: 'persist'; readonly durable: T['durable'] }
  | { readonly kind: 'note'; readonly text: string };

/** The result of one step. */
export interface Step<T extends ModelTypes> {
  readonly state: T['state'];
  readonly effects: ReadonlyArray<Effect<T>>;
}

/**
 * A protocol. `peers` lists the other nodes (never `id` itself) in the cluster's order, the same on every node.
 * The simulator freezes states and messages, so a step that mutates its input throws instead of
 * silently breaking replay: build new objects.
 */
export interface Model<T extends ModelTypes> {
  /** Shown in traces and failure reports. */
  readonly name: string;
  /** A node's state at its first boot. */
  init(id: NodeId, peers: readonly NodeId[], config: T['config']): T['state'];
  /** One input in, the next state and effects out. Pure. */
  step(state: T['state'], input: Input<T>): Step<T>;
  /** A node's state after a crash, from what it last persisted (undefined if it never persisted). */
  recover(id: NodeId, peers: readonly NodeId[], config: T['config'], durable: T['durable'] | undefined): T['state'];
  /** Short labels for traces and diagrams (`Prepare(v=4, n=17)`); compact JSON when absent. */
  describeMessage?(message: T['message']): string;
  describeRequest?(request: T['request']): string;
  describeResponse?(response: T['response']): string;
  describeDurable?(durable: T['durable']): string;
}
