/**
 * A broker's own rules (snippets/kafka/broker.ts), one input at a time: how it boots, which metadata
 * it takes and what it becomes, duplicate requests, heartbeats, and where each message goes in each
 * role. Written for mutation testing (docs/mutation.md): the seeded suites run these paths without
 * pinning them.
 */
import { describe, expect, it } from 'vitest';
import { applyMetadata, brokerStep, initialBroker, newBroker } from '../../../snippets/kafka/broker.ts';
import { append, EMPTY_LOG } from '../../../snippets/kafka/log.ts';
import { kafkaConfig } from '../../../snippets/kafka/run-kafka.ts';
import type { BrokerState, Mode } from '../../../snippets/kafka/state.ts';
import type { KafkaMessage, PartitionState } from '../../../snippets/kafka/types.ts';

type Leading = Extract<Mode, { kind: 'leader' }>;
const config = kafkaConfig();
const meta = (leader: string, leaderEpoch: number, partitionEpoch: number, isr = ['b1', 'b2', 'b3']): PartitionState => ({ leader, leaderEpoch, isr, partitionEpoch });
const log2 = append(EMPTY_LOG, [{ value: 1, epoch: 0 }, { value: 2, epoch: 0 }]);
const booted = (id = 'b1'): BrokerState => newBroker(id, config, { role: 'broker', boot: 2, log: log2, hw: 1 });
const leading = (o: Partial<Leading> = {}): BrokerState => {
  const s = applyMetadata(booted(), meta('b1', 1, 4)).state;
  return { ...s, mode: { ...(s.mode as Leading), ...o } };
};
const message = (s: BrokerState, m: KafkaMessage, from = 'b2') => brokerStep(s, { kind: 'message', from, message: m });

describe('booting', () => {
  it('a broker boots from its disk knowing nothing else: no role, no partition, its first heartbeat due after heartbeatTicks', () => {
    expect(booted()).toEqual({ role: 'broker', boot: 2, log: log2, hw: 1, id: 'b1', config, now: 0, sent: 0, partition: undefined, mode: { kind: 'idle' }, nextHeartbeatAt: 3, lastRequest: {} });
  });

  it('at first boot every broker knows the first record: the first replica leads, the others fetch on their first tick', () => {
    const first = meta('b1', 0, 0);
    expect(initialBroker('b1', config, first).mode).toMatchObject({ kind: 'leader', waiting: [] });
    expect(initialBroker('b2', config, first)).toMatchObject({ sent: 0, partition: first, mode: { kind: 'follower', phase: 'fetching', nextFetchAt: 1 } });
    expect(initialBroker('b2', config, first).mode).not.toHaveProperty('outstanding');
  });
});

describe('metadata', () => {
  it('a newer partition epoch naming this broker leader: it leads, with the new epoch in its cache from its log end, on disk', () => {
    const r = applyMetadata(booted(), meta('b1', 1, 4));
    expect(r.state.mode).toMatchObject({ kind: 'leader', waiting: [] });
    expect(r.state.log.epochs).toEqual([{ epoch: 0, start: 0 }, { epoch: 1, start: 2 }]);
    expect(r.effects).toEqual([{ kind: 'persist', durable: { role: 'broker', boot: 2, log: r.state.log, hw: 1 } }, { kind: 'note', text: 'leads epoch 1 from offset 2' }]);
  });

  it('the same or an older partition epoch is ignored, even one that would change the role', () => {
    const s = leading({ pending: { isr: ['b1'], sentAt: 0 } });
    expect(applyMetadata(s, meta('b1', 1, 4, ['b1']))).toEqual({ state: s, effects: [] });
    expect(applyMetadata(s, meta('b2', 0, 3))).toEqual({ state: s, effects: [] });
  });

  it('a leader told only of an ISR change keeps leading: the pending change is over and the high watermark may move', () => {
    const s = leading({ pending: { isr: ['b1', 'b2'], sentAt: 0 }, followers: { b2: { leo: 2, caughtUpAt: 0, lastFetchLeo: 2, lastFetchAt: 0 } } });
    const r = applyMetadata(s, meta('b1', 1, 5, ['b1', 'b2']));
    expect(r.state.mode).not.toHaveProperty('pending');
    expect((r.state.mode as Leading).followers).toEqual(s.mode.kind === 'leader' ? s.mode.followers : {});
    expect(r.state.hw).toBe(2);
  });

  it('a leader named again in a new leader epoch starts that epoch afresh', () => {
    const s = leading({ waiting: [{ client: 'p1', requestId: 1, offset: 1 }] });
    const r = applyMetadata(s, meta('b1', 2, 6));
    expect(r.state.mode).toMatchObject({ kind: 'leader', waiting: [] });
    expect(r.state.log.epochs.at(-1)).toEqual({ epoch: 2, start: 2 });
  });

  it('a follower named leader leads; a leader deposed tells its producers and follows; with no leader left it waits', () => {
    const follower = applyMetadata(booted(), meta('b2', 1, 4)).state;
    expect(follower.mode.kind).toBe('follower');
    expect(applyMetadata(follower, meta('b1', 2, 5)).state.mode.kind).toBe('leader');
    const s = leading({ waiting: [{ client: 'p1', requestId: 7, offset: 1 }] });
    const deposed = applyMetadata(s, meta('b2', 2, 5));
    expect(deposed.state.mode.kind).toBe('follower');
    expect(deposed.effects[0]).toEqual({ kind: 'reply', client: 'p1', requestId: 7, response: { kind: 'error', error: 'not-leader', leader: 'b2' } });
    const offline = applyMetadata(s, meta('none', 2, 5));
    expect(offline).toEqual({ state: { ...s, partition: meta('none', 2, 5), mode: { kind: 'idle' } }, effects: [{ kind: 'reply', client: 'p1', requestId: 7, response: { kind: 'error', error: 'not-leader', leader: 'none' } }] });
  });

  it('a follower told of an ISR change in the same leader epoch keeps following as it was', () => {
    const follower = applyMetadata(booted('b2'), meta('b1', 1, 4)).state;
    const r = applyMetadata(follower, meta('b1', 1, 5, ['b1', 'b2']));
    expect(r).toEqual({ state: { ...follower, partition: meta('b1', 1, 5, ['b1', 'b2']) }, effects: [] });
  });
});

describe('requests', () => {
  const produce = (s: BrokerState, requestId: number) => brokerStep(s, { kind: 'request', client: 'p1', requestId, request: { kind: 'produce', value: 9 } });

  it('a copy of a request already started is not run again; a newer one is', () => {
    const s = { ...leading(), lastRequest: { p1: 4 } };
    expect(produce(s, 4)).toEqual({ state: s, effects: [] });
    expect(produce(s, 3)).toEqual({ state: s, effects: [] });
    expect(produce(s, 5).state.lastRequest).toEqual({ p1: 5 });
  });

  it('a broker that does not lead answers not-leader, naming the leader it knows (or none)', () => {
    expect(produce(booted(), 1).effects).toEqual([{ kind: 'reply', client: 'p1', requestId: 1, response: { kind: 'error', error: 'not-leader', leader: 'none' } }]);
    const follower = applyMetadata(booted('b2'), meta('b1', 1, 4)).state;
    expect(produce(follower, 1).effects).toEqual([{ kind: 'reply', client: 'p1', requestId: 1, response: { kind: 'error', error: 'not-leader', leader: 'b1' } }]);
  });

  it('a leader runs a produce or a consume', () => {
    expect(produce(leading(), 1).state.log.records).toHaveLength(3);
    const read = brokerStep(leading(), { kind: 'request', client: 'c1', requestId: 1, request: { kind: 'consume' } });
    expect(read.effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 1, response: { kind: 'records', values: [1], hw: 1, leader: 'b1' } }]);
  });
});

describe('ticks and restarts', () => {
  it('heartbeats the controller every heartbeatTicks of its own clock', () => {
    let s = booted();
    const beats: number[] = [];
    for (let t = 1; t <= 7; t++) {
      const r = brokerStep(s, { kind: 'tick' });
      if (r.effects.some((e) => e.kind === 'send' && e.to === 'ctl' && e.message.kind === 'heartbeat')) beats.push(t);
      s = r.state;
    }
    expect(beats).toEqual([3, 6]);
    expect(s.now).toBe(7);
  });

  it('a restart writes the new life to disk and registers with the controller', () => {
    expect(brokerStep(booted(), { kind: 'restart' } as never).effects).toEqual([
      { kind: 'persist', durable: { role: 'broker', boot: 2, log: log2, hw: 1 } },
      { kind: 'send', to: 'ctl', message: { kind: 'heartbeat' } },
    ]);
  });
});

describe('messages, by role', () => {
  it('a broker that does not lead refuses fetches (with its log end) and epoch queries', () => {
    expect(message(booted(), { kind: 'fetch', id: '1.1', offset: 0, epoch: 1 }).effects).toEqual([{ kind: 'send', to: 'b2', message: { kind: 'fetch-error', id: '1.1', error: 'not-leader', leo: 2 } }]);
    expect(message(booted(), { kind: 'epoch-query', id: '1.2', epoch: 1, last: 0 }).effects).toEqual([{ kind: 'send', to: 'b2', message: { kind: 'epoch-error', id: '1.2' } }]);
  });

  it('a leader answers them', () => {
    expect(message(leading(), { kind: 'fetch', id: '1.1', offset: 2, epoch: 1 }).effects.at(-1)).toMatchObject({ kind: 'send', to: 'b2', message: { kind: 'fetched', id: '1.1' } });
    expect(message(leading(), { kind: 'epoch-query', id: '1.2', epoch: 1, last: 0 }).effects).toEqual([{ kind: 'send', to: 'b2', message: { kind: 'epoch-end', id: '1.2', epoch: 1, last: 0, end: 2 } }]);
  });

  it('answers to a follower\'s requests are ignored by a broker that does not follow; heartbeats and AlterPartitions by any broker', () => {
    const s = leading();
    for (const m of [
      { kind: 'fetched', id: '2.1', epoch: 1, offset: 2, records: [], hw: 2 },
      { kind: 'fetch-error', id: '2.1', error: 'not-leader', leo: 0 },
      { kind: 'epoch-end', id: '2.1', epoch: 1, last: 0, end: 0 },
      { kind: 'epoch-error', id: '2.1' },
      { kind: 'heartbeat' },
      { kind: 'alter-partition', leaderEpoch: 1, partitionEpoch: 4, isr: ['b1'] },
    ] as KafkaMessage[]) {
      expect(message(s, m)).toEqual({ state: s, effects: [] });
    }
    const follower = applyMetadata(booted('b2'), meta('b1', 1, 4)).state;
    expect(message(follower, { kind: 'epoch-error', id: `${follower.boot}.1` }).state.mode).toMatchObject({ kind: 'follower', phase: 'truncating' });
  });

  it('an AlterPartition result: a leader clears its pending change and takes the state; one already known changes nothing else', () => {
    const s = leading({ pending: { isr: ['b1'], sentAt: 0 } });
    const same = message(s, { kind: 'alter-partition-result', ok: false, state: meta('b1', 1, 4) }, 'ctl');
    expect(same.effects).toEqual([]);
    expect(same.state.mode).not.toHaveProperty('pending');
    const newer = message(s, { kind: 'alter-partition-result', ok: true, state: meta('b1', 1, 5, ['b1', 'b2']) }, 'ctl');
    expect(newer.state.partition).toEqual(meta('b1', 1, 5, ['b1', 'b2']));
    // A broker that no longer leads takes the state as metadata.
    const follower = applyMetadata(booted('b2'), meta('b1', 1, 4)).state;
    expect(message(follower, { kind: 'alter-partition-result', ok: true, state: meta('b2', 2, 6) }, 'ctl').state.mode.kind).toBe('leader');
  });

  it('metadata goes to applyMetadata', () => {
    expect(message(booted(), { kind: 'metadata', state: meta('b1', 1, 4) }, 'ctl').state.mode.kind).toBe('leader');
  });

  it('metadata already known leaves a leader\'s AlterPartition in flight (only its result clears it)', () => {
    const s = leading({ pending: { isr: ['b1'], sentAt: 0 } });
    expect(message(s, { kind: 'metadata', state: meta('b1', 1, 4) }, 'ctl')).toEqual({ state: s, effects: [] });
  });
});
