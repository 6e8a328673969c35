/**
 * A follower: after learning of a new leader epoch it finds where its log stops matching the new
 * leader's and truncates there (KIP-101's OffsetForLeaderEpoch, or, in the broken variant, its own
 * high watermark), then fetches from its log end. Each fetch carries the leader epoch it believes
 * current (KIP-320); it takes records only from an answer to its latest request, in that epoch.
 */
import { effectsFor } from '../sim/index.ts';
import { append, endOffsetFor, lastEpoch, truncate } from './log.ts';
import { durableOf, type BrokerState, type KafkaTypes, type BrokerStep, type Mode } from './state.ts';
import type { KafkaMessage } from './types.ts';

type Result = BrokerStep;
type Effects = Result['effects'][number][];
type Following = Extract<Mode, { kind: 'follower' }>;
const { send, persist, note } = effectsFor<KafkaTypes>();

/** Sends the next fetch (or epoch query) with a fresh id `boot.n`. */
function request(state: BrokerState, phase: Following['phase']): Result {
  const partition = state.partition!;
  const sent = state.sent + 1;
  const id = `${state.boot}.${sent}`;
  const leo = state.log.records.length;
  if (phase === 'truncating') {
    const last = lastEpoch(state.log);
    const mode: Following = { kind: 'follower', phase, outstanding: { id, sentAt: state.now }, nextFetchAt: state.now };
    return { state: { ...state, sent, mode }, effects: [send(partition.leader, { kind: 'epoch-query', id, epoch: partition.leaderEpoch, last })] };
  }
  const mode: Following = { kind: 'follower', phase, outstanding: { id, sentAt: state.now }, nextFetchAt: state.now };
  return { state: { ...state, sent, mode }, effects: [send(partition.leader, { kind: 'fetch', id, offset: leo, epoch: partition.leaderEpoch })] };
}

// #region become-follower
/**
 * A new leader epoch with another leader. KIP-101: ask the leader where our last epoch ends in its
 * log, truncate there, then fetch. Before KIP-101 a follower truncated to its own high watermark,
 * which can be behind what the old leader acknowledged (its high watermark arrives a fetch later).
 */
export function startFollowing(state: BrokerState): Result {
  if (state.config.truncation === 'high-watermark') {
    const log = truncate(state.log, state.hw);
    const truncated = { ...state, log };
    const effects: Effects = log === state.log ? [] : [persist(durableOf(truncated)), note(`truncated to high watermark ${state.hw}`)];
    const r = request(truncated, 'fetching');
    return { state: r.state, effects: [...effects, ...r.effects] };
  }
  if (state.log.records.length === 0) return request(state, 'fetching');
  return request(state, 'truncating');
}
// #endregion

// #region truncate
/**
 * The leader's answer: `last` is the largest epoch at or below ours in its log, `end` where that epoch
 * ends there. If the leader knows our epoch, we keep our log up to `end`; if not (KIP-279), up to
 * where its epoch `last` ends in our own log, whichever is smaller. What is cut never reached the
 * old leader's high watermark, or the new leader would have it.
 */
function onEpochEnd(state: BrokerState, m: Extract<KafkaMessage, { kind: 'epoch-end' }>): Result {
  const asked = lastEpoch(state.log); // unchanged since we asked: a truncating follower appends nothing
  const own = m.last === asked ? state.log.records.length : endOffsetFor(state.log, m.last).end;
  const to = Math.min(m.end, own);
  const log = truncate(state.log, to);
  const truncated: BrokerState = { ...state, log, hw: Math.min(state.hw, log.records.length) };
  const effects: Effects = log === state.log ? [] : [persist(durableOf(truncated)), note(`truncated to offset ${to} (epoch ${m.last} ends there on the leader)`)];
  const r = request(truncated, 'fetching');
  return { state: r.state, effects: [...effects, ...r.effects] };
}
// #endregion

function onFetched(state: BrokerState, m: Extract<KafkaMessage, { kind: 'fetched' }>): Result {
  if (m.offset !== state.log.records.length) return { state, effects: [] }; // an answer to a fetch from another log end
  const log = m.records.length > 0 ? append(state.log, m.records) : state.log;
  const hw = Math.min(m.hw, log.records.length);
  const next: BrokerState = { ...state, log, hw, mode: idleFollower(state) };
  const effects: Effects = log !== state.log || hw !== state.hw ? [persist(durableOf(next))] : [];
  if (m.records.length === 0) return { state: next, effects };
  // More records may follow: fetch again at once, so the leader learns our new log end offset.
  const r = request(next, 'fetching');
  return { state: r.state, effects: [...effects, ...r.effects] };
}

/** Nothing in flight; fetch again two ticks from now (Kafka's leader holds an empty fetch for up to replica.fetch.wait.max.ms). */
const idleFollower = (state: BrokerState): Following => ({ kind: 'follower', phase: 'fetching', nextFetchAt: state.now + 2 });

export function onFollowerMessage(state: BrokerState, mode: Following, m: KafkaMessage): Result {
  // An answer to a request of an earlier life is not ours (its id has that life's boot count); of
  // this life, one that still fits (same epoch, same log end) is as good as the latest, so a retry
  // does not make a slow answer useless.
  if (!('id' in m) || !m.id.startsWith(`${state.boot}.`)) return { state, effects: [] };
  const leaderEpoch = state.partition!.leaderEpoch;
  switch (m.kind) {
    case 'epoch-end':
      return m.epoch === leaderEpoch && mode.phase === 'truncating' ? onEpochEnd(state, m) : { state, effects: [] };
    case 'fetched':
      return m.epoch === leaderEpoch && mode.phase === 'fetching' ? onFetched(state, m) : { state, effects: [] };
    case 'fetch-error':
      if (m.error === 'offset-out-of-range' && state.log.records.length > m.leo) {
        // Our log is longer than the leader's: what is past its end was never committed.
        const log = truncate(state.log, m.leo);
        const next: BrokerState = { ...state, log, hw: Math.min(state.hw, m.leo), mode: idleFollower(state) };
        return { state: next, effects: [persist(durableOf(next)), note(`truncated to the leader's log end ${m.leo}`)] };
      }
      return { state: { ...state, mode: { kind: 'follower', phase: mode.phase, nextFetchAt: state.now + 2 } }, effects: [] };
    case 'epoch-error':
      return { state: { ...state, mode: { kind: 'follower', phase: 'truncating', nextFetchAt: state.now + 2 } }, effects: [] };
    default:
      return { state, effects: [] };
  }
}

/** Each tick: resend what went unanswered for `fetchRetryTicks`, or fetch again when due. */
export function onFollowerTick(state: BrokerState, mode: Following): Result {
  if (mode.outstanding) {
    return state.now - mode.outstanding.sentAt >= state.config.fetchRetryTicks ? request(state, mode.phase) : { state, effects: [] };
  }
  return state.now >= mode.nextFetchAt ? request(state, mode.phase) : { state, effects: [] };
}
