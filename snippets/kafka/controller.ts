/**
 * The KRaft controller for one partition: it owns the partition's leader and ISR, and writes every
 * change to its metadata log with a higher partition epoch (KIP-631). Brokers heartbeat it; one it
 * has not heard from for `sessionTicks` is fenced: removed from the ISR and, if it led, replaced by
 * another ISR member (a clean election), or by any live replica if unclean election is enabled.
 * A leader changes the ISR only through AlterPartition (KIP-497 introduced it as AlterIsr), and the
 * controller takes it only from the current leader, based on the current partition epoch.
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { currentState, type ControllerState, type KafkaTypes, type ControllerStep } from './state.ts';
import { NO_LEADER, type ChangeCause, type KafkaMessage, type PartitionState } from './types.ts';

type Result = ControllerStep;
const { send, persist, note, broadcast } = effectsFor<KafkaTypes>();

export function newController(state: Omit<ControllerState, 'silentFor'>): ControllerState {
  return { ...state, silentFor: Object.fromEntries(state.config.replicas.map((b) => [b, 0])) };
}

/** Writes a record to the metadata log (on disk first) and tells every broker. */
function write(state: ControllerState, next: PartitionState, cause: ChangeCause, why: string): Result {
  const records = [...state.records, { state: next, cause }];
  const written = { ...state, records };
  return {
    state: written,
    effects: [
      persist({ role: 'controller', records, fenced: state.fenced }),
      note(why),
      ...broadcast(state.config.replicas, { kind: 'metadata', state: next }),
    ],
  };
}

const ordered = (state: ControllerState, brokers: readonly NodeId[]) => state.config.replicas.filter((b) => brokers.includes(b));

// #region election
/**
 * A new leader from the ISR members that are not fenced; with none, any live replica if unclean
 * election is on (its ISR is then just itself), else no leader until an ISR member returns.
 */
function elect(state: ControllerState, cur: PartitionState, cause: ChangeCause['kind']): { next: PartitionState; cause: ChangeCause; why: string } | undefined {
  const live = (b: NodeId) => !state.fenced.includes(b);
  const clean = ordered(state, cur.isr).find(live);
  const bump = { leaderEpoch: cur.leaderEpoch + 1, partitionEpoch: cur.partitionEpoch + 1 };
  if (clean !== undefined) {
    const isr = cur.isr.filter(live);
    return { next: { leader: clean, isr, ...bump }, cause: { kind: 'election', unclean: false }, why: `${clean} elected leader, epoch ${bump.leaderEpoch}, ISR {${isr.join(',')}}` };
  }
  const any = state.config.uncleanLeaderElection ? state.config.replicas.find(live) : undefined;
  if (any !== undefined) {
    return { next: { leader: any, isr: [any], ...bump }, cause: { kind: 'election', unclean: true }, why: `unclean election: ${any} (not in the ISR) leads epoch ${bump.leaderEpoch}` };
  }
  if (cur.leader === NO_LEADER || cause !== 'fenced') return undefined;
  return { next: { ...cur, leader: NO_LEADER, ...bump }, cause: { kind: 'election', unclean: false }, why: `no ISR member left: partition offline` };
}
// #endregion

function fence(state: ControllerState, broker: NodeId): Result {
  const fenced = [...state.fenced, broker];
  const withFence = { ...state, fenced };
  const cur = currentState(state);
  if (cur.leader === broker) {
    const e = elect(withFence, cur, 'fenced');
    if (e) return write(withFence, e.next, e.cause, `${broker} fenced; ${e.why}`);
  } else if (cur.isr.includes(broker) && cur.isr.length > 1) {
    const isr = cur.isr.filter((b) => b !== broker);
    return write(withFence, { ...cur, isr, partitionEpoch: cur.partitionEpoch + 1 }, { kind: 'fenced', broker }, `${broker} fenced, out of the ISR`);
  }
  return { state: withFence, effects: [persist({ role: 'controller', records: state.records, fenced }), note(`${broker} fenced`)] };
}

/**
 * Each tick, fences the first broker silent for longer than the session timeout, one per tick: the
 * others whose sessions ran out go in the ticks that follow, so every order of fencing and heartbeats
 * is a path the explorer can take.
 */
export function onControllerTick(state: ControllerState): Result {
  const silentFor = Object.fromEntries(Object.entries(state.silentFor).map(([b, n]) => [b, n + 1]));
  const ticked: ControllerState = { ...state, silentFor };
  const expired = state.config.replicas.find((b) => !state.fenced.includes(b) && silentFor[b]! > state.config.sessionTicks);
  return expired === undefined ? { state: ticked, effects: [] } : fence(ticked, expired);
}

function onHeartbeat(state: ControllerState, from: NodeId): Result {
  let s: ControllerState = { ...state, silentFor: { ...state.silentFor, [from]: 0 } };
  const effects: Result['effects'][number][] = [];
  if (s.fenced.includes(from)) {
    s = { ...s, fenced: s.fenced.filter((b) => b !== from) };
    effects.push(persist({ role: 'controller', records: s.records, fenced: s.fenced }));
  }
  const cur = currentState(s);
  if (cur.leader === NO_LEADER) {
    const e = elect(s, cur, 'election');
    if (e) {
      const written = write(s, e.next, e.cause, e.why);
      return { state: written.state, effects: [...effects, ...written.effects] };
    }
  }
  return { state: s, effects: [...effects, send(from, { kind: 'metadata', state: cur })] };
}

// #region alter-partition
/**
 * AlterPartition: accepted only from the leader of the current leader epoch, based on the current
 * partition epoch; anything else is stale (FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION) and is
 * answered with the current state. Kafka answers a rejection with an error code only and the leader waits
 * for the metadata log; sending the state is the model's simplification (the note lists it). A fenced
 * broker is not let into the ISR (KIP-841).
 */
function onAlterPartition(state: ControllerState, from: NodeId, m: Extract<KafkaMessage, { kind: 'alter-partition' }>): Result {
  const cur = currentState(state);
  const current = from === cur.leader && m.leaderEpoch === cur.leaderEpoch && m.partitionEpoch === cur.partitionEpoch;
  const eligible = m.isr.every((b) => b === from || !state.fenced.includes(b) || cur.isr.includes(b));
  if (!(current || !state.config.checkPartitionEpoch) || !eligible || m.isr.length === 0) {
    return { state, effects: [send(from, { kind: 'alter-partition-result', ok: false, state: cur })] };
  }
  const next: PartitionState = { ...cur, isr: ordered(state, m.isr), partitionEpoch: cur.partitionEpoch + 1 };
  const written = write(state, next, { kind: 'alter', by: from, leaderEpoch: m.leaderEpoch, partitionEpoch: m.partitionEpoch }, `ISR {${next.isr.join(',')}} at partition epoch ${next.partitionEpoch}, asked by ${from}`);
  return { state: written.state, effects: [...written.effects, send(from, { kind: 'alter-partition-result', ok: true, state: next })] };
}
// #endregion

export function onControllerMessage(state: ControllerState, from: NodeId, m: KafkaMessage): Result {
  if (m.kind === 'heartbeat') return onHeartbeat(state, from);
  if (m.kind === 'alter-partition') return onAlterPartition(state, from, m);
  return { state, effects: [] };
}
