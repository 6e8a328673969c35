/**
 * Tiny models that exercise the simulator, written the way real models are: a type bundle, one
 * dispatcher with an exhaustiveness check, one handler per input kind.
 *
 * Beacon: every `pingEveryTicks` ticks a node sends Ping(n) to its targets (all peers by default), up to
 * `pingsMax` pings; receivers remember what they got (in memory only). Clients can `inc` a counter
 * (persisted), `bump` it (in memory only) and `get` it; `hold` is a request the node never answers.
 * With `ackBeforePersist` (a broken variant), `inc` replies before it writes the count to disk.
 */
import {
  Simulator,
  effectsFor,
  unreachable,
  type ClusterView,
  type Input,
  type Model,
  type NodeId,
  type SimulatorOptions,
  type Step,
  type Trace,
  type TraceEvent,
  type Workload,
} from '../../../snippets/sim/index.ts';

export type BeaconMessage = { readonly type: 'ping'; readonly n: number };
export type BeaconRequest = { readonly op: 'inc' } | { readonly op: 'bump' } | { readonly op: 'get' } | { readonly op: 'hold' };

export interface BeaconState {
  readonly id: NodeId;
  readonly targets: readonly NodeId[];
  /** Ticks since the last ping: a timer is a counter. */
  readonly sinceTicks: number;
  readonly sent: number;
  /** `from:n` of every ping delivered, in arrival order. Volatile. */
  readonly received: readonly string[];
  readonly count: number;
}

export interface BeaconConfig {
  readonly pingEveryTicks: number;
  readonly pingsMax: number;
  readonly targets?: Readonly<Record<NodeId, readonly NodeId[]>>;
  readonly ackBeforePersist?: boolean;
}

export type Beacon = {
  state: BeaconState;
  message: BeaconMessage;
  request: BeaconRequest;
  response: number;
  durable: { readonly count: number };
  config: BeaconConfig;
};

const { send, reply, persist, note } = effectsFor<Beacon>();

function fresh(id: NodeId, peers: readonly NodeId[], config: BeaconConfig, count: number): BeaconState {
  return { id, targets: config.targets?.[id] ?? peers, sinceTicks: 0, sent: 0, received: [], count };
}

function onTick(state: BeaconState, config: BeaconConfig): Step<Beacon> {
  const sinceTicks = state.sinceTicks + 1;
  if (sinceTicks < config.pingEveryTicks || state.sent >= config.pingsMax) return { state: { ...state, sinceTicks }, effects: [] };
  const n = state.sent + 1;
  return { state: { ...state, sinceTicks: 0, sent: n }, effects: state.targets.map((to) => send(to, { type: 'ping', n })) };
}

function onRequest(state: BeaconState, input: Input<Beacon> & { kind: 'request' }, config: BeaconConfig): Step<Beacon> {
  const { client, requestId, request } = input;
  switch (request.op) {
    case 'inc': {
      const count = state.count + 1;
      const [saved, acked] = [persist({ count }), reply(client, requestId, count)];
      return { state: { ...state, count }, effects: config.ackBeforePersist ? [acked, saved] : [saved, acked] };
    }
    case 'bump':
      return { state: { ...state, count: state.count + 1 }, effects: [reply(client, requestId, state.count + 1)] };
    case 'get':
      return { state, effects: [reply(client, requestId, state.count)] };
    case 'hold':
      return { state, effects: [] };
    default:
      return unreachable(request, 'request');
  }
}

export function beacon(config: BeaconConfig): Model<Beacon> {
  return {
    name: 'beacon',
    init: (id, peers) => fresh(id, peers, config, 0),
    recover: (id, peers, _config, durable) => fresh(id, peers, config, durable?.count ?? 0),
    step(state, input) {
      switch (input.kind) {
        case 'tick':
          return onTick(state, config);
        case 'message':
          return { state: { ...state, received: [...state.received, `${input.from}:${input.message.n}`] }, effects: [] };
        case 'request':
          return onRequest(state, input, config);
        case 'restart':
          return { state, effects: [note(`back with count ${state.count}`)] };
        default:
          return unreachable(input);
      }
    },
    describeMessage: (m) => `Ping(${m.n})`,
    describeRequest: (r) => r.op,
    describeResponse: (count) => `count=${count}`,
  };
}

/**
 * Every count a client was told by an `inc` to `node` is on that node's disk: an acknowledged increment
 * survives a crash. It reads only the view, so it can be checked after any event, a reply's included.
 */
export const acknowledgedIsDurable = (node: NodeId) => (view: ClusterView<Beacon>): string | undefined => {
  const saved = view.nodes.find((n) => n.id === node)!.durable?.count ?? 0;
  const told = view.history.filter((op) => op.op === 'inc' && op.returnTick !== undefined).map((op) => op.result as number);
  const highest = Math.max(0, ...told);
  return highest > saved ? `a client was told count ${highest}, but ${node}'s disk holds ${saved}` : undefined;
};

/** Pings that `node` received, as `from:n`. */
export function received(view: ClusterView<Beacon>, node: NodeId): readonly string[] {
  return view.nodes.find((n) => n.id === node)?.state?.received ?? [];
}

/** A workload that sends `ops` in order to `to`, then stops. */
export function script(to: NodeId, ops: ReadonlyArray<BeaconRequest['op']>, timeoutTicks?: number): Workload<Beacon> {
  return ({ index }) => {
    const op = ops[index];
    if (op === undefined) return undefined;
    return { to, request: { op }, op, args: [], ...(timeoutTicks === undefined ? {} : { timeoutTicks }) };
  };
}

/** A beacon cluster r1…rn with sensible defaults; any simulator option can be overridden. */
export function beaconSim(
  options: Partial<SimulatorOptions<Beacon>> & { beacon?: Partial<BeaconConfig>; n?: number } = {},
): Simulator<Beacon> {
  const { beacon: overrides, n = 3, ...rest } = options;
  const config: BeaconConfig = { pingEveryTicks: 1_000_000, pingsMax: 0, ...overrides };
  const nodes = Array.from({ length: n }, (_, i) => `r${i + 1}`);
  return new Simulator<Beacon>({ model: beacon(config), nodes, config, seed: 1, ...rest });
}

/** The trace events of one kind, typed. */
export function eventsOf<K extends TraceEvent['kind']>(sim: { trace: Trace }, kind: K): Array<Extract<TraceEvent, { kind: K }>> {
  return sim.trace.events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
}
