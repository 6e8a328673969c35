/**
 * The partition leader's rules, one step at a time (snippets/kafka/leader.ts): what a fetch is refused
 * for, when a follower counts as caught up, when the high watermark moves and is written to disk,
 * when producers are answered and with what, and when the leader asks the controller to change the
 * ISR. Written for mutation testing (docs/mutation.md): the seeded suites run these paths but do not
 * pin them; each test here states one rule on the smallest state that shows it.
 */
import { describe, expect, it } from 'vitest';
import { newBroker } from '../../../snippets/kafka/broker.ts';
import { afterIsrChange, becomeLeader, clearPending, maximalIsr, onConsume, onEpochQuery, onFetch, onLeaderTick, onProduce, stepDown } from '../../../snippets/kafka/leader.ts';
import { append, EMPTY_LOG } from '../../../snippets/kafka/log.ts';
import { kafkaConfig } from '../../../snippets/kafka/run-kafka.ts';
import type { BrokerState, FollowerProgress, Mode } from '../../../snippets/kafka/state.ts';
import type { KafkaConfig, LogRecord, PartitionState } from '../../../snippets/kafka/types.ts';

type Leading = Extract<Mode, { kind: 'leader' }>;
type Effect = ReturnType<typeof onProduce>['effects'][number];

const partition = (isr: string[] = ['b1', 'b2', 'b3']): PartitionState => ({ leader: 'b1', leaderEpoch: 3, isr, partitionEpoch: 7 });
const records = (n: number): LogRecord[] => Array.from({ length: n }, (_, i) => ({ value: i + 1, epoch: 3 }));
const progress = (p: Partial<FollowerProgress> = {}): FollowerProgress => ({ leo: 0, caughtUpAt: 0, lastFetchLeo: 0, lastFetchAt: 0, ...p });

/** b1 leading epoch 3 at tick `now`, with `n` records and high watermark `hw`. */
function leader(o: { n?: number; hw?: number; now?: number; isr?: string[]; config?: Partial<KafkaConfig>; followers?: Leading['followers']; waiting?: Leading['waiting']; pending?: Leading['pending'] } = {}): { state: BrokerState; mode: Leading } {
  const base = newBroker('b1', kafkaConfig(o.config), { role: 'broker', boot: 1, log: append(EMPTY_LOG, records(o.n ?? 0)), hw: o.hw ?? 0 });
  const mode: Leading = { kind: 'leader', followers: o.followers ?? { b2: progress(), b3: progress() }, waiting: o.waiting ?? [], ...(o.pending ? { pending: o.pending } : {}) };
  return { state: { ...base, now: o.now ?? 10, partition: partition(o.isr), mode }, mode };
}

const persists = (effects: readonly Effect[]) => effects.filter((e) => e.kind === 'persist');
const replies = (effects: readonly Effect[]) => effects.flatMap((e) => (e.kind === 'reply' ? [{ client: e.client, requestId: e.requestId, response: e.response }] : []));
const sent = (effects: readonly Effect[]) => effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));

describe('becoming leader', () => {
  it('tracks every other replica, each from log end 0 and caught up as of now; never itself', () => {
    const { state } = leader({ now: 5 });
    expect(becomeLeader(state)).toEqual({
      kind: 'leader',
      followers: { b2: { leo: 0, caughtUpAt: 5, lastFetchLeo: 0, lastFetchAt: 5 }, b3: { leo: 0, caughtUpAt: 5, lastFetchLeo: 0, lastFetchAt: 5 } },
      waiting: [],
    });
  });

  it('the maximal ISR is the union of the ISR and the one asked for, each once', () => {
    const { mode } = leader({ pending: { isr: ['b1', 'b3'], sentAt: 0 } });
    expect(maximalIsr(partition(['b1', 'b2']), mode)).toEqual(['b1', 'b2', 'b3']);
    expect(maximalIsr(partition(['b1', 'b2']), clearPending(mode))).toEqual(['b1', 'b2']);
  });
});

describe('a produce', () => {
  it('acks=all with an ISR smaller than min.insync.replicas is refused before the append', () => {
    const { state, mode } = leader({ isr: ['b1'] });
    const r = onProduce(state, mode, 'p1', 4, { kind: 'produce', value: 9 });
    expect(r.state).toBe(state);
    expect(r.effects).toEqual([{ kind: 'reply', client: 'p1', requestId: 4, response: { kind: 'error', error: 'not-enough-replicas', leader: 'b1' } }]);
  });

  it('acks=1 is appended and acknowledged at once whatever the ISR', () => {
    const { state, mode } = leader({ isr: ['b1'], config: { acks: '1' }, n: 2 });
    const r = onProduce(state, mode, 'p1', 4, { kind: 'produce', value: 9 });
    expect(r.state.log.records.at(-1)).toEqual({ value: 9, epoch: 3 });
    expect(persists(r.effects)).toHaveLength(1);
    expect(replies(r.effects)).toEqual([{ client: 'p1', requestId: 4, response: { kind: 'ack', offset: 2, leader: 'b1' } }]);
  });

  it('acks=all waits for the high watermark; the append is on disk once, and the high watermark is not written when it did not move', () => {
    const { state, mode } = leader({ n: 1, hw: 1 });
    const r = onProduce(state, mode, 'p1', 4, { kind: 'produce', value: 9 });
    expect(replies(r.effects)).toEqual([]);
    expect(persists(r.effects)).toEqual([{ kind: 'persist', durable: { role: 'broker', boot: 1, log: r.state.log, hw: 1 } }]);
    expect(r.state.mode).toMatchObject({ waiting: [{ client: 'p1', requestId: 4, offset: 1 }] });
    // A second produce waits behind the first; neither is forgotten.
    const r2 = onProduce(r.state, r.state.mode as Leading, 'p2', 1, { kind: 'produce', value: 10 });
    expect(r2.state.mode).toMatchObject({ waiting: [{ client: 'p1', requestId: 4, offset: 1 }, { client: 'p2', requestId: 1, offset: 2 }] });
  });

  it('an ISR member the leader has no progress for counts as log end 0 (no crash, no progress)', () => {
    const { state, mode } = leader({ followers: {} });
    const r = onProduce(state, mode, 'p1', 1, { kind: 'produce', value: 9 });
    expect(r.state.hw).toBe(0);
  });

  it('a consumer reads up to the high watermark, never past it', () => {
    const { state } = leader({ n: 3, hw: 2 });
    expect(onConsume(state, 'c1', 2).effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 2, response: { kind: 'records', values: [1, 2], hw: 2, leader: 'b1' } }]);
  });
});

describe('a fetch', () => {
  const fetch = (offset: number, epoch = 3) => ({ kind: 'fetch' as const, id: '2.5', offset, epoch });

  it.each([
    [2, 4, 'fenced-leader-epoch'],
    [4, 4, 'unknown-leader-epoch'],
    [3, 5, 'offset-out-of-range'],
  ] as const)('in leader epoch %i at offset %i is refused with %s, and the leader\'s log end', (epoch, offset, error) => {
    const { state, mode } = leader({ n: 4 });
    const r = onFetch(state, mode, 'b2', fetch(offset, epoch));
    expect(r.state).toBe(state);
    expect(r.effects).toEqual([{ kind: 'send', to: 'b2', message: { kind: 'fetch-error', id: '2.5', error, leo: 4 } }]);
  });

  it('at the log end is answered with nothing new; from inside the log with the rest of it and the high watermark', () => {
    const { state, mode } = leader({ n: 4, hw: 1, isr: ['b1', 'b2'] });
    expect(sent(onFetch(state, mode, 'b2', fetch(4)).effects).at(-1)).toEqual({ to: 'b2', message: { kind: 'fetched', id: '2.5', epoch: 3, offset: 4, records: [], hw: 4 } });
    expect(sent(onFetch(state, mode, 'b2', fetch(2)).effects).at(-1)).toEqual({ to: 'b2', message: { kind: 'fetched', id: '2.5', epoch: 3, offset: 2, records: records(4).slice(2), hw: 2 } });
  });

  it('moves the high watermark to the smallest log end in the ISR, writes it, and answers the producers it passes', () => {
    const waiting = [{ client: 'p1', requestId: 1, offset: 0 }, { client: 'p2', requestId: 1, offset: 2 }];
    const { state, mode } = leader({ n: 3, isr: ['b1', 'b2'], waiting });
    const r = onFetch(state, mode, 'b2', fetch(2));
    expect(r.state.hw).toBe(2);
    expect(persists(r.effects)).toEqual([{ kind: 'persist', durable: { role: 'broker', boot: 1, log: state.log, hw: 2 } }]);
    expect(replies(r.effects)).toEqual([{ client: 'p1', requestId: 1, response: { kind: 'ack', offset: 0, leader: 'b1' } }]);
    expect(r.state.mode).toMatchObject({ waiting: [{ client: 'p2', requestId: 1, offset: 2 }] });
    // The high watermark never moves back.
    const behind = onFetch({ ...r.state }, r.state.mode as Leading, 'b2', fetch(1));
    expect(behind.state.hw).toBe(2);
    expect(persists(behind.effects)).toEqual([]);
  });

  it('a producer whose record passes the high watermark after the ISR shrank below min.insync.replicas is told so', () => {
    const waiting = [{ client: 'p1', requestId: 1, offset: 0 }];
    const { state, mode } = leader({ n: 1, isr: ['b1'], waiting });
    const r = afterIsrChange(state, mode);
    expect(replies(r.effects)).toEqual([{ client: 'p1', requestId: 1, response: { kind: 'error', error: 'not-enough-replicas-after-append', leader: 'b1' } }]);
    expect(r.state.mode).toMatchObject({ waiting: [] });
  });

  it('a follower with no progress yet is tracked from this fetch', () => {
    const { state, mode } = leader({ n: 2, now: 9, followers: {} });
    const r = onFetch(state, mode, 'b2', fetch(2));
    expect((r.state.mode as Leading).followers.b2).toEqual({ leo: 2, caughtUpAt: 9, lastFetchLeo: 2, lastFetchAt: 9 });
  });

  it('caught up: now, if it has all we have; as of our last answer, if it has all we had then; else not since before', () => {
    const at = (offset: number) => {
      const { state, mode } = leader({ n: 4, now: 20, followers: { b2: progress({ leo: 1, caughtUpAt: 5, lastFetchLeo: 3, lastFetchAt: 12 }), b3: progress() } });
      return (onFetch(state, mode, 'b2', fetch(offset)).state.mode as Leading).followers.b2!;
    };
    expect(at(4)).toEqual({ leo: 4, caughtUpAt: 20, lastFetchLeo: 4, lastFetchAt: 20 });
    expect(at(3).caughtUpAt).toBe(12);
    expect(at(2).caughtUpAt).toBe(5);
    // As of the last answer, but never earlier than it already was.
    const { state, mode } = leader({ n: 4, now: 20, followers: { b2: progress({ leo: 1, caughtUpAt: 15, lastFetchLeo: 3, lastFetchAt: 12 }), b3: progress() } });
    expect((onFetch(state, mode, 'b2', fetch(3)).state.mode as Leading).followers.b2!.caughtUpAt).toBe(15);
  });

  it('a follower out of the ISR that reached the high watermark is asked back in, unless a change is in flight', () => {
    const { state, mode } = leader({ n: 2, hw: 2, isr: ['b1', 'b2'] });
    const r = onFetch(state, mode, 'b3', fetch(2));
    expect(sent(r.effects)[0]).toEqual({ to: 'ctl', message: { kind: 'alter-partition', leaderEpoch: 3, partitionEpoch: 7, isr: ['b1', 'b2', 'b3'] } });
    expect((r.state.mode as Leading).pending).toEqual({ isr: ['b1', 'b2', 'b3'], sentAt: 10 });
    const busy = leader({ n: 2, hw: 2, isr: ['b1', 'b2'], pending: { isr: ['b1'], sentAt: 9 } });
    expect(sent(onFetch(busy.state, busy.mode, 'b3', fetch(2)).effects)).toHaveLength(1);
    // Behind the high watermark: not yet.
    expect(sent(onFetch(state, mode, 'b3', fetch(1)).effects)).toHaveLength(1);
    // Already in the ISR: nothing to ask.
    expect(sent(onFetch(state, mode, 'b2', fetch(2)).effects)).toHaveLength(1);
  });
});

describe('an epoch query (OffsetForLeaderEpoch)', () => {
  it('is answered only in the current leader epoch, with where the asked epoch ends', () => {
    const { state } = leader({ n: 2 });
    expect(onEpochQuery(state, 'b2', { kind: 'epoch-query', id: '1.1', epoch: 2, last: 1 }).effects).toEqual([{ kind: 'send', to: 'b2', message: { kind: 'epoch-error', id: '1.1' } }]);
    const withEpochs = { ...state, log: { ...state.log, epochs: [{ epoch: 1, start: 0 }, { epoch: 3, start: 1 }] } };
    expect(onEpochQuery(withEpochs, 'b2', { kind: 'epoch-query', id: '1.1', epoch: 3, last: 2 }).effects).toEqual([{ kind: 'send', to: 'b2', message: { kind: 'epoch-end', id: '1.1', epoch: 3, last: 1, end: 1 } }]);
  });
});

describe('each tick', () => {
  it('resends an unanswered AlterPartition after fetchRetryTicks, not before', () => {
    const pending = { isr: ['b1', 'b2'], sentAt: 10 };
    const early = leader({ now: 21, pending });
    expect(onLeaderTick(early.state, early.mode)).toEqual({ state: early.state, effects: [] });
    const due = leader({ now: 22, pending });
    const r = onLeaderTick(due.state, due.mode);
    expect(sent(r.effects)).toEqual([{ to: 'ctl', message: { kind: 'alter-partition', leaderEpoch: 3, partitionEpoch: 7, isr: ['b1', 'b2'] } }]);
    expect((r.state.mode as Leading).pending).toEqual({ isr: ['b1', 'b2'], sentAt: 22 });
  });

  it('asks to drop the followers not caught up for more than lagTicks, keeping the leader and the rest', () => {
    const followers = { b2: progress({ caughtUpAt: 10 }), b3: progress({ caughtUpAt: 9 }) };
    const at = (now: number) => {
      const { state, mode } = leader({ now, followers });
      return sent(onLeaderTick(state, mode).effects);
    };
    expect(at(40)).toEqual([{ to: 'ctl', message: { kind: 'alter-partition', leaderEpoch: 3, partitionEpoch: 7, isr: ['b1', 'b2'] } }]);
    expect(at(39)).toEqual([]);
    // An ISR member never heard from counts as caught up at tick 0.
    const silent = leader({ now: 31, followers: { b2: progress({ caughtUpAt: 31 }) } });
    expect(sent(onLeaderTick(silent.state, silent.mode).effects)).toEqual([{ to: 'ctl', message: { kind: 'alter-partition', leaderEpoch: 3, partitionEpoch: 7, isr: ['b1', 'b2'] } }]);
  });
});

describe('stepping down', () => {
  it('tells every waiting producer this broker no longer leads, naming the new leader', () => {
    const { mode } = leader({ waiting: [{ client: 'p1', requestId: 2, offset: 0 }, { client: 'p2', requestId: 5, offset: 1 }] });
    expect(stepDown(mode, 'b2')).toEqual([
      { kind: 'reply', client: 'p1', requestId: 2, response: { kind: 'error', error: 'not-leader', leader: 'b2' } },
      { kind: 'reply', client: 'p2', requestId: 5, response: { kind: 'error', error: 'not-leader', leader: 'b2' } },
    ]);
  });
});
