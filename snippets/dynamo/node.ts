/**
 * A Dynamo storage node (DeCandia et al., SOSP 2007) as a pure state machine: every node is both a
 * replica (replica.ts) and, for the requests clients send it, a coordinator (coordinator.ts). Ticks
 * drive its timers: replica timeouts and suspicion (§4.8.3), and the hinted-handoff scan (§4.6).
 */
import { effectsFor, unreachable, type Model } from '../sim/index.ts';
import { onCoordinatorMessage, onCoordinatorTick, onRequest, showVersions } from './coordinator.ts';
import { durableOf, onReplicaMessage, scanHints, type Result } from './replica.ts';
import { buildRing } from './ring.ts';
import type { DynamoConfig, DynamoMessage, DynamoTypes, Durable, NodeState } from './types.ts';
import { showClock } from './vector-clock.ts';
import { showVersion } from './versions.ts';

/** (N, R, W) = (3, 2, 2), the common setting (§6), with timers sized for delays of a few ticks. */
export const DEFAULT_CONFIG: DynamoConfig = {
  n: 3,
  r: 2,
  w: 2,
  tokensPerNode: 8,
  replicaTimeoutTicks: 13,
  suspectTicks: 20,
  handoffEveryTicks: 8,
  operationTicks: 40,
  hintedHandoff: true,
  incarnation: true,
  durableDots: true,
  mergeReplies: true,
  avoidSuspects: true,
};

const EMPTY: Durable = { store: {}, hints: [], issued: 0, boot: 0 };

function init(id: string, peers: readonly string[], config: DynamoConfig, durable: Durable = EMPTY): NodeState {
  // Membership is static here: every node builds the same ring from the same names (§4.8 gossips it).
  const ring = buildRing([id, ...peers], config.tokensPerNode);
  return { id, ring, config, ...durable, now: 0, nextOp: 1, pending: {}, suspects: {} };
}

function onMessage(state: NodeState, from: string, message: DynamoMessage): Result {
  const asReplica = onReplicaMessage(state, from, message);
  const asCoordinator = onCoordinatorMessage(asReplica.state, from, message);
  return { state: asCoordinator.state, effects: [...asReplica.effects, ...asCoordinator.effects] };
}

function onTick(state: NodeState): Result {
  const ticked = { ...state, now: state.now + 1 };
  const coordinator = onCoordinatorTick(ticked);
  const handoff = scanHints(coordinator.state);
  return { state: handoff.state, effects: [...coordinator.effects, ...handoff.effects] };
}

const { persist } = effectsFor<DynamoTypes>();

/**
 * Operations in flight are lost with memory; the store, the hints, the dot counter and the boot count
 * are on disk. Each restart is a new incarnation, so no operation id of this life repeats one of an
 * earlier life (broken variant `durableDots: false`: the counter is lost too).
 */
function recover(id: string, peers: readonly string[], config: DynamoConfig, durable: Durable = EMPTY): NodeState {
  const issued = config.durableDots ? durable.issued : 0;
  return init(id, peers, config, { ...durable, issued, boot: durable.boot + 1 });
}

export const dynamo: Model<DynamoTypes> = {
  name: 'dynamo',
  init: (id, peers, config) => init(id, peers, config),
  recover: (id, peers, config, durable) => recover(id, peers, config, durable),
  step(state, input) {
    switch (input.kind) {
      case 'request':
        return onRequest(state, input.client, input.requestId, input.request);
      case 'message':
        return onMessage(state, input.from, input.message);
      case 'tick':
        return onTick(state);
      case 'restart': // the new incarnation is on disk before the node sends or answers anything
        return { state, effects: [persist(durableOf(state))] };
      default:
        return unreachable(input);
    }
  },
  describeMessage: describeMessage,
  // The context in braces even when it has entries, so `n1=1` reads as a clock entry, not a field.
  describeRequest: (r) => (r.kind === 'get' ? `get(${r.key})` : `put(${r.key}, ${inBraces(showClock(r.context))}, ${r.value})`),
  describeResponse: (r) => (r.kind === 'get-ok' ? `${showVersions(r.siblings)}` : `ok ${r.dot.node}:${r.dot.counter}`),
  describeDurable: (d) => {
    const keys = Object.entries(d.store).map(([k, vs]) => `${k}=${showVersions(vs)}`);
    const hints = d.hints.map((h) => `hint ${h.key}=${showVersion(h.version)} for ${h.home}`);
    return [...keys, ...hints, ...(d.boot > 0 ? [`boot ${d.boot}`] : [])].join('; ') || 'empty';
  },
};

const inBraces = (clock: string) => (clock.startsWith('{') ? clock : `{${clock}}`);

function describeMessage(m: DynamoMessage): string {
  switch (m.kind) {
    case 'replicate':
      return `replicate ${m.key}=${showVersion(m.version)}${m.hint ? ` hint ${m.hint}` : ''}`;
    case 'replicate-ack':
      return `stored, op ${m.op}`;
    case 'read':
      return `read ${m.key}`;
    case 'read-reply':
      return `has ${showVersions(m.versions)}`;
    case 'repair':
      return `repair ${m.key}=${showVersions(m.versions)}`;
    case 'handoff':
      return `handoff ${m.replicas.map((r) => `${r.key}=${showVersion(r.version)}`).join(', ')}`;
    case 'handoff-ack':
      return `took ${m.replicas.map((r) => `${r.key}@${r.dot.node}:${r.dot.counter}`).join(', ')}`;
    default:
      return unreachable(m);
  }
}
