/**
 * The partition leader: it appends produced records stamped with its leader epoch, answers followers'
 * fetches, moves the high watermark to the smallest log end offset in the ISR, acknowledges acks=all
 * records once the high watermark passes them, and asks the controller to shrink or expand the ISR.
 */
import { effectsFor, type ClientId, type NodeId } from '../sim/index.ts';
import { append, endOffsetFor } from './log.ts';
import { durableOf, type BrokerState, type KafkaTypes, type BrokerStep, type Mode, type WaitingAck } from './state.ts';
import type { KafkaMessage, KafkaRequest, PartitionState } from './types.ts';

type Result = BrokerStep;
type Effects = Result['effects'][number][];
type Leading = Extract<Mode, { kind: 'leader' }>;
const { send, reply, persist } = effectsFor<KafkaTypes>();

export function becomeLeader(state: BrokerState): Leading {
  const followers = Object.fromEntries(state.config.replicas.filter((b) => b !== state.id).map((b) => [b, { leo: 0, caughtUpAt: state.now, lastFetchLeo: 0, lastFetchAt: state.now }]));
  return { kind: 'leader', followers, waiting: [] };
}

// #region high-watermark
/**
 * The ISR the high watermark counts: while an AlterPartition is in flight, the union of the ISR the
 * controller holds and the one asked for (KIP-497's "maximal ISR"), so neither a shrink nor an
 * expansion the controller has not written yet can move the high watermark past a replica that would
 * be in the ISR if the controller answered the other way.
 */
export function maximalIsr(partition: PartitionState, mode: Leading): NodeId[] {
  return [...new Set([...partition.isr, ...(mode.pending?.isr ?? [])])];
}

/** The high watermark moves to the smallest log end offset in the maximal ISR, and never back. */
function advanceHighWatermark(state: BrokerState, mode: Leading): { state: BrokerState; effects: Effects } {
  const partition = state.partition!;
  const leos = maximalIsr(partition, mode).map((b) => (b === state.id ? state.log.records.length : (mode.followers[b]?.leo ?? 0)));
  const hw = Math.max(state.hw, Math.min(...leos));
  const effects: Effects = [];
  let next: BrokerState = { ...state, mode };
  if (hw > state.hw) {
    next = { ...next, hw };
    effects.push(persist(durableOf(next)));
  }
  // An acks=all record is acknowledged once the high watermark passes it, if the ISR is still large enough.
  const done = mode.waiting.filter((w) => w.offset < next.hw);
  if (done.length === 0) return { state: next, effects };
  const enough = partition.isr.length >= state.config.minInsyncReplicas;
  for (const w of done) {
    effects.push(reply(w.client, w.requestId, enough ? { kind: 'ack', offset: w.offset, leader: state.id } : { kind: 'error', error: 'not-enough-replicas-after-append', leader: state.id }));
  }
  next = { ...next, mode: { ...mode, waiting: mode.waiting.filter((w) => w.offset >= next.hw) } };
  return { state: next, effects };
}
// #endregion

// #region produce
export function onProduce(state: BrokerState, mode: Leading, client: ClientId, requestId: number, request: Extract<KafkaRequest, { kind: 'produce' }>): Result {
  const partition = state.partition!;
  const { acks, minInsyncReplicas } = state.config;
  if (acks === 'all' && partition.isr.length < minInsyncReplicas) {
    return { state, effects: [reply(client, requestId, { kind: 'error', error: 'not-enough-replicas', leader: state.id })] };
  }
  const log = append(state.log, [{ value: request.value, epoch: partition.leaderEpoch }]);
  const offset = state.log.records.length;
  const appended: BrokerState = { ...state, log };
  const effects: Effects = [persist(durableOf(appended))];
  if (acks === '1') {
    // acks=1: the leader's own append is enough; followers may not have it yet.
    return { state: { ...appended, mode }, effects: [...effects, reply(client, requestId, { kind: 'ack', offset, leader: state.id })] };
  }
  const waiting: WaitingAck[] = [...mode.waiting, { client, requestId, offset }];
  const moved = advanceHighWatermark(appended, { ...mode, waiting });
  return { state: moved.state, effects: [...effects, ...moved.effects] };
}
// #endregion

/** A consumer reads from offset 0 up to the high watermark, never past it. */
export function onConsume(state: BrokerState, client: ClientId, requestId: number): Result {
  const values = state.log.records.slice(0, state.hw).map((r) => r.value);
  return { state, effects: [reply(client, requestId, { kind: 'records', values, hw: state.hw, leader: state.id })] };
}

// #region fetch
/**
 * A follower's fetch. KIP-320: the fetch names the leader epoch the follower believes current; an
 * older one is fenced, a newer one means this broker has not yet learned it was deposed. The fetch
 * offset is the follower's log end offset: all it has, so the leader can move the high watermark.
 */
export function onFetch(state: BrokerState, mode: Leading, from: NodeId, m: Extract<KafkaMessage, { kind: 'fetch' }>): Result {
  const partition = state.partition!;
  const leo = state.log.records.length;
  const refuse = (error: 'fenced-leader-epoch' | 'unknown-leader-epoch' | 'offset-out-of-range'): Result =>
    ({ state, effects: [send(from, { kind: 'fetch-error', id: m.id, error, leo })] });
  if (m.epoch < partition.leaderEpoch) return refuse('fenced-leader-epoch');
  if (m.epoch > partition.leaderEpoch) return refuse('unknown-leader-epoch');
  if (m.offset > leo) return refuse('offset-out-of-range');
  const before = mode.followers[from] ?? { leo: 0, caughtUpAt: state.now, lastFetchLeo: 0, lastFetchAt: state.now };
  // Caught up now if it has all we have; caught up as of our last answer if it has all we had then.
  const caughtUpAt = m.offset >= leo ? state.now : m.offset >= before.lastFetchLeo ? Math.max(before.caughtUpAt, before.lastFetchAt) : before.caughtUpAt;
  const followers = { ...mode.followers, [from]: { leo: m.offset, caughtUpAt, lastFetchLeo: leo, lastFetchAt: state.now } };
  const moved = advanceHighWatermark(state, { ...mode, followers });
  const expanded = maybeExpand(moved.state, from);
  const answer = send(from, { kind: 'fetched', id: m.id, epoch: partition.leaderEpoch, offset: m.offset, records: state.log.records.slice(m.offset), hw: expanded.state.hw });
  return { state: expanded.state, effects: [...moved.effects, ...expanded.effects, answer] };
}
// #endregion

/** KIP-101's OffsetForLeaderEpoch, answered from the leader's epoch cache (KIP-320: only in the leader epoch the asker names). */
export function onEpochQuery(state: BrokerState, from: NodeId, m: Extract<KafkaMessage, { kind: 'epoch-query' }>): Result {
  if (m.epoch !== state.partition!.leaderEpoch) return { state, effects: [send(from, { kind: 'epoch-error', id: m.id })] };
  const { epoch, end } = endOffsetFor(state.log, m.last);
  return { state, effects: [send(from, { kind: 'epoch-end', id: m.id, epoch: m.epoch, last: epoch, end })] };
}

// #region isr-change
function alter(state: BrokerState, mode: Leading, isr: readonly NodeId[]): Result {
  const partition = state.partition!;
  const pending = { isr, sentAt: state.now };
  return {
    state: { ...state, mode: { ...mode, pending } },
    effects: [send(state.config.controller, { kind: 'alter-partition', leaderEpoch: partition.leaderEpoch, partitionEpoch: partition.partitionEpoch, isr })],
  };
}

/** A follower out of the ISR whose fetch reached the high watermark is caught up: ask to add it. */
function maybeExpand(state: BrokerState, follower: NodeId): { state: BrokerState; effects: Effects } {
  const mode = state.mode as Leading;
  const progress = mode.followers[follower];
  if (mode.pending || state.partition!.isr.includes(follower) || !progress || progress.leo < state.hw) return { state, effects: [] };
  const r = alter(state, mode, [...state.partition!.isr, follower]);
  return { state: r.state, effects: [...r.effects] };
}

/** Each tick: drop from the ISR the followers that have not caught up for `lagTicks`; resend an unanswered AlterPartition. */
export function onLeaderTick(state: BrokerState, mode: Leading): Result {
  const partition = state.partition!;
  if (mode.pending) {
    if (state.now - mode.pending.sentAt < state.config.fetchRetryTicks) return { state, effects: [] };
    return alter(state, mode, mode.pending.isr);
  }
  const lagging = partition.isr.filter((b) => b !== state.id && state.now - (mode.followers[b]?.caughtUpAt ?? 0) > state.config.lagTicks);
  if (lagging.length === 0) return { state, effects: [] };
  return alter(state, mode, partition.isr.filter((b) => !lagging.includes(b)));
}
// #endregion

/** The controller's answer to AlterPartition: the pending change is over either way; the state it sends is the truth. */
export function clearPending(mode: Leading): Leading {
  const { pending: _, ...rest } = mode;
  return rest;
}

/** Steps down: every producer still waiting is told this broker no longer leads. */
export function stepDown(mode: Leading, leader: NodeId): Effects {
  return mode.waiting.map((w) => reply(w.client, w.requestId, { kind: 'error', error: 'not-leader', leader }));
}

/** After a new ISR is known, the high watermark may move (a shrink) and waiting producers may be answered. */
export function afterIsrChange(state: BrokerState, mode: Leading): { state: BrokerState; effects: Effects } {
  return advanceHighWatermark(state, mode);
}
