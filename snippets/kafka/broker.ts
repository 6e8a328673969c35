/**
 * A broker holding one replica of the partition: it learns the partition's state from the
 * controller (metadata pushed on every change, and in answer to each heartbeat), and leads or
 * follows as that state says. A newer partition epoch replaces an older one; an older one is ignored.
 */
import { effectsFor, unreachable, type ClientId, type Input, type NodeId } from '../sim/index.ts';
import { assignEpoch, EMPTY_LOG } from './log.ts';
import { clearPending, afterIsrChange, becomeLeader, onConsume, onEpochQuery, onFetch, onLeaderTick, onProduce, stepDown } from './leader.ts';
import { onFollowerMessage, onFollowerTick, startFollowing } from './follower.ts';
import { durableOf, type BrokerDurable, type BrokerState, type KafkaTypes, type BrokerStep } from './state.ts';
import { NO_LEADER, type KafkaConfig, type KafkaRequest, type PartitionState } from './types.ts';

type Result = BrokerStep;
type Effects = Result['effects'][number][];
const { send, reply, persist, note } = effectsFor<KafkaTypes>();

/** A broker as it boots: its disk, nothing in memory; it learns the partition's state from the controller. */
export function newBroker(id: NodeId, config: KafkaConfig, durable: BrokerDurable): BrokerState {
  return { ...durable, id, config, now: 0, sent: 0, partition: undefined, mode: { kind: 'idle' }, nextHeartbeatAt: config.heartbeatTicks, lastRequest: {} };
}

/** At first boot every broker has read the partition's first record (the topic was just created). */
export function initialBroker(id: NodeId, config: KafkaConfig, first: PartitionState): BrokerState {
  const fresh = newBroker(id, config, { role: 'broker', boot: 0, log: EMPTY_LOG, hw: 0 });
  const started = applyMetadata(fresh, first).state;
  // Nothing is sent at boot: a follower's first fetch leaves on its first tick.
  return started.mode.kind === 'follower' ? { ...started, sent: 0, mode: { kind: 'follower', phase: 'fetching', nextFetchAt: 1 } } : started;
}

// #region metadata
/** A newer partition epoch: lead, follow, or wait, as it says. */
export function applyMetadata(state: BrokerState, next: PartitionState): Result {
  const known = state.partition;
  if (known && next.partitionEpoch <= known.partitionEpoch) return { state, effects: [] };
  const updated: BrokerState = { ...state, partition: next };
  const mode = state.mode;
  const sameEpoch = known !== undefined && known.leaderEpoch === next.leaderEpoch;
  if (next.leader === state.id) {
    if (mode.kind === 'leader' && sameEpoch) {
      // Only the ISR changed (our AlterPartition, or the controller fencing a follower).
      const moved = afterIsrChange(updated, clearPending(mode));
      return { state: moved.state, effects: moved.effects };
    }
    const log = assignEpoch(state.log, next.leaderEpoch, state.log.records.length);
    const leading: BrokerState = { ...updated, log, mode: becomeLeader(updated) };
    return { state: leading, effects: [persist(durableOf(leading)), note(`leads epoch ${next.leaderEpoch} from offset ${log.records.length}`)] };
  }
  const goodbye: Effects = mode.kind === 'leader' ? stepDown(mode, next.leader) : [];
  if (next.leader === NO_LEADER) return { state: { ...updated, mode: { kind: 'idle' } }, effects: goodbye };
  if (mode.kind === 'follower' && sameEpoch) return { state: updated, effects: goodbye };
  const r = startFollowing(updated);
  return { state: r.state, effects: [...goodbye, ...r.effects] };
}
// #endregion

function onRequest(state: BrokerState, client: ClientId, requestId: number, request: KafkaRequest): Result {
  if ((state.lastRequest[client] ?? -1) >= requestId) return { state, effects: [] }; // a duplicate copy
  const seen: BrokerState = { ...state, lastRequest: { ...state.lastRequest, [client]: requestId } };
  const leader = state.partition?.leader ?? NO_LEADER;
  if (seen.mode.kind !== 'leader') return { state: seen, effects: [reply(client, requestId, { kind: 'error', error: 'not-leader', leader })] };
  return request.kind === 'produce' ? onProduce(seen, seen.mode, client, requestId, request) : onConsume(seen, client, requestId);
}

function onTick(before: BrokerState): Result {
  const state: BrokerState = { ...before, now: before.now + 1 };
  const effects: Effects = [];
  let s = state;
  if (s.now >= s.nextHeartbeatAt) {
    s = { ...s, nextHeartbeatAt: s.now + s.config.heartbeatTicks };
    effects.push(send(s.config.controller, { kind: 'heartbeat' }));
  }
  const r = s.mode.kind === 'leader' ? onLeaderTick(s, s.mode) : s.mode.kind === 'follower' ? onFollowerTick(s, s.mode) : { state: s, effects: [] };
  return { state: r.state, effects: [...effects, ...r.effects] };
}

export function brokerStep(state: BrokerState, input: Input<KafkaTypes>): Result {
  switch (input.kind) {
    case 'request':
      return onRequest(state, input.client, input.requestId, input.request);
    case 'tick':
      return onTick(state);
    case 'restart':
      // The new incarnation is on disk before any request of this life is named; then register with the controller.
      return { state, effects: [persist(durableOf(state)), send(state.config.controller, { kind: 'heartbeat' })] };
    case 'message': {
      const m = input.message;
      switch (m.kind) {
        case 'metadata':
          return applyMetadata(state, m.state);
        case 'alter-partition-result': {
          if (state.mode.kind !== 'leader') return applyMetadata(state, m.state);
          const cleared: BrokerState = { ...state, mode: clearPending(state.mode) };
          const applied = applyMetadata(cleared, m.state);
          return applied.state === cleared ? { state: cleared, effects: [] } : applied;
        }
        case 'fetch':
          return state.mode.kind === 'leader' ? onFetch(state, state.mode, input.from, m) : { state, effects: [send(input.from, { kind: 'fetch-error', id: m.id, error: 'not-leader', leo: state.log.records.length })] };
        case 'epoch-query':
          return state.mode.kind === 'leader' ? onEpochQuery(state, input.from, m) : { state, effects: [send(input.from, { kind: 'epoch-error', id: m.id })] };
        case 'fetched':
        case 'fetch-error':
        case 'epoch-end':
        case 'epoch-error':
          return state.mode.kind === 'follower' ? onFollowerMessage(state, state.mode, m) : { state, effects: [] };
        case 'heartbeat':
        case 'alter-partition':
          return { state, effects: [] };
        default:
          return unreachable(m);
      }
    }
    default:
      return unreachable(input);
  }
}
