/**
 * Edges of Kafka's rules that the whole-folder mutation run (docs/mutation.md, 7 December 2026) showed
 * no test pinned: the leader-epoch cache after a truncation, the controller's offline record and its
 * last ISR member, a fenced-out fetch error, a follower the leader meets for the first time. One rule
 * per test, on the smallest state that shows it. docs/mutation.md explains the survivors no test can kill.
 */
import { describe, expect, it } from 'vitest';
import { newBroker } from '../../../snippets/kafka/broker.ts';
import { newController, onControllerMessage, onControllerTick } from '../../../snippets/kafka/controller.ts';
import { demo } from '../../../snippets/kafka/demo.ts';
import { onFollowerMessage, startFollowing } from '../../../snippets/kafka/follower.ts';
import { kafkaInvariants, metadataLog } from '../../../snippets/kafka/invariants.ts';
import { onFetch } from '../../../snippets/kafka/leader.ts';
import { describeMessage } from '../../../snippets/kafka/model.ts';
import { kafkaPlay } from '../../../snippets/kafka/play.ts';
import { append, EMPTY_LOG, endOffsetFor, truncate } from '../../../snippets/kafka/log.ts';
import { kafkaConfig } from '../../../snippets/kafka/run-kafka.ts';
import type { BrokerState, ControllerState, Mode } from '../../../snippets/kafka/state.ts';
import type { KafkaMessage, LogRecord, PartitionState } from '../../../snippets/kafka/types.ts';

const rec = (value: number, epoch: number): LogRecord => ({ value, epoch });
const meta = (leader: string, leaderEpoch: number, partitionEpoch: number, isr = ['b1', 'b2', 'b3']): PartitionState => ({ leader, leaderEpoch, isr, partitionEpoch });

describe('the leader-epoch cache', () => {
  it('a truncation drops the epochs that began at or past the cut, and keeps the ones before it', () => {
    const log = append(EMPTY_LOG, [rec(1, 0), rec(2, 1), rec(3, 2)]);
    expect(truncate(log, 1)).toEqual({ records: [rec(1, 0)], epochs: [{ epoch: 0, start: 0 }] });
    expect(truncate(log, 2).epochs).toEqual([{ epoch: 0, start: 0 }, { epoch: 1, start: 1 }]);
  });

  it('has no end for an epoch older than all it holds: epoch -1, ending at offset 0', () => {
    const log = append(EMPTY_LOG, [rec(1, 2), rec(2, 2)]);
    expect(endOffsetFor(log, 1)).toEqual({ epoch: -1, end: 0 });
    expect(endOffsetFor(log, 2)).toEqual({ epoch: 2, end: 2 });
  });
});

describe('the controller', () => {
  const ctl = (state: PartitionState, o: Partial<ControllerState> = {}): ControllerState => ({ ...newController({ role: 'controller', config: kafkaConfig(), records: [{ state, cause: { kind: 'created' } }], fenced: [] }), ...o });

  it('writes a partition going offline as a clean election of no one', () => {
    const r = onControllerTick(ctl(meta('b1', 1, 4, ['b1']), { silentFor: { b1: 18, b2: 0, b3: 0 } }));
    expect(r.state.records.at(-1)!.cause).toEqual({ kind: 'election', unclean: false });
  });

  it('fencing an ISR member that does not lead takes it out of the ISR, and says so', () => {
    const r = onControllerTick(ctl(meta('b1', 1, 4), { silentFor: { b1: 0, b2: 0, b3: 18 } }));
    expect(r.effects.find((e) => e.kind === 'note')).toEqual({ kind: 'note', text: 'b3 fenced, out of the ISR' });
  });

  it('never empties the ISR: the last member, fenced while another broker leads, stays in it', () => {
    // Only a stale AlterPartition (the variant without the partition-epoch check) can leave the ISR without its leader.
    const r = onControllerTick(ctl(meta('b2', 2, 5, ['b1']), { silentFor: { b1: 18, b2: 0, b3: 0 } }));
    expect(r.state.records).toHaveLength(1);
    expect(r.state.fenced).toEqual(['b1']);
  });

  it('lets the leader bring a live broker back into the ISR', () => {
    const s = ctl(meta('b1', 1, 4, ['b1', 'b2']));
    const r = onControllerMessage(s, 'b1', { kind: 'alter-partition', leaderEpoch: 1, partitionEpoch: 4, isr: ['b1', 'b2', 'b3'] });
    expect(r.state.records.at(-1)!.state).toEqual(meta('b1', 1, 5, ['b1', 'b2', 'b3']));
  });
});

describe('a follower', () => {
  it('cuts its log only when the leader says offset-out-of-range, never for another fetch error, however short the leader\'s log', () => {
    const base = newBroker('b2', kafkaConfig(), { role: 'broker', boot: 1, log: append(EMPTY_LOG, [rec(1, 0), rec(2, 0)]), hw: 2 });
    const s: BrokerState = { ...base, now: 10, partition: meta('b1', 2, 5) };
    const fetching: Extract<Mode, { kind: 'follower' }> = { kind: 'follower', phase: 'fetching', nextFetchAt: 0 };
    const r = onFollowerMessage(s, fetching, { kind: 'fetch-error', id: '1.3', error: 'fenced-leader-epoch', leo: 0 } as KafkaMessage);
    expect(r.state.log).toBe(s.log);
    expect(r.state.hw).toBe(2);
    expect(r.effects).toEqual([]);
  });
});

describe('a follower before KIP-101', () => {
  it('after truncating to its high watermark, is fetching', () => {
    const base = newBroker('b2', kafkaConfig({ truncation: 'high-watermark' }), { role: 'broker', boot: 1, log: append(EMPTY_LOG, [rec(1, 0), rec(2, 0)]), hw: 1 });
    const r = startFollowing({ ...base, now: 10, partition: meta('b1', 2, 5) });
    expect(r.state.mode).toMatchObject({ kind: 'follower', phase: 'fetching' });
  });
});

describe('the leader', () => {
  it('counts a follower it meets for the first time, behind it, as caught up as of now', () => {
    const base = newBroker('b1', kafkaConfig(), { role: 'broker', boot: 1, log: append(EMPTY_LOG, [rec(1, 3), rec(2, 3), rec(3, 3), rec(4, 3)]), hw: 0 });
    const mode: Extract<Mode, { kind: 'leader' }> = { kind: 'leader', followers: {}, waiting: [] };
    const state: BrokerState = { ...base, now: 10, partition: { leader: 'b1', leaderEpoch: 3, isr: ['b1', 'b2', 'b3'], partitionEpoch: 7 }, mode };
    const r = onFetch(state, mode, 'b2', { kind: 'fetch', id: '2.5', offset: 2, epoch: 3 });
    expect(r.state.mode).toMatchObject({ followers: { b2: { leo: 2, caughtUpAt: 10, lastFetchLeo: 4, lastFetchAt: 10 } } });
  });
});

describe('the invariants', () => {
  const view = (nodes: unknown[], history: unknown[] = []) => ({ nodes, history }) as never;
  const created = (state: PartitionState) => ({ state, cause: { kind: 'created' } });
  const named = (prefix: string) => Object.entries(kafkaInvariants()).find(([name]) => name.startsWith(prefix))![1];

  it('read the controller\'s state before its first write, never a broker\'s', () => {
    const controller = { role: 'controller', records: [created(meta('b1', 0, 0))], fenced: [] };
    const nodes = [{ id: 'b1', state: { role: 'broker' } }, { id: 'ctl', state: controller }];
    expect(metadataLog(view(nodes))).toBe(controller);
  });

  it('name every member of the ISR a deposed leader wrote', () => {
    const s0 = meta('b1', 1, 4);
    const records = [created(s0), { state: meta('b1', 1, 5, ['b2', 'b3']), cause: { kind: 'alter', by: 'b2', leaderEpoch: 1, partitionEpoch: 4 } }];
    const message = named('only the current leader changes the ISR')(view([{ id: 'ctl', durable: { role: 'controller', records, fenced: [] } }]));
    expect(message).toBe('b2 changed the ISR to {b2,b3} from leader epoch 1, partition epoch 4, but b1 led epoch 1 at partition epoch 4');
  });

  it('catch a consumer read that the leader no longer holds at offset 0', () => {
    const nodes = [{ id: 'ctl', durable: { role: 'controller', records: [created(meta('b1', 0, 0))], fenced: [] } }, { id: 'b1', durable: { role: 'broker', boot: 0, log: append(EMPTY_LOG, [rec(1, 0)]), hw: 1 } }];
    const read = { op: 'consume', returnTick: 3, result: { kind: 'records', values: [7], hw: 1, leader: 'b1' } };
    expect(named('consumers read only committed records')(view(nodes, [read]))).toBe('a consumer read 7 at offset 0 from b1, but leader b1 now holds 1@0 there');
  });
});

describe('the trace', () => {
  it('labels an AlterPartition with every ISR member it asks for, comma-separated', () => {
    expect(describeMessage({ kind: 'alter-partition', leaderEpoch: 2, partitionEpoch: 5, isr: ['b1', 'b2'] })).toBe('AlterPartition(le=2, pe=5, isr={b1,b2})');
  });
});

describe('the player', () => {
  it('a leader\'s card names every ISR member of the AlterPartition it waits on, comma-separated', () => {
    const base = newBroker('b1', kafkaConfig(), { role: 'broker', boot: 0, log: EMPTY_LOG, hw: 0 });
    const leading: BrokerState = { ...base, partition: meta('b1', 2, 5), mode: { kind: 'leader', followers: {}, waiting: [], pending: { isr: ['b1', 'b2'], sentAt: 0 } } };
    const doing = kafkaPlay.nodeView(leading).fields.find((f) => f.label === 'doing')?.value;
    expect(doing).toBe('0 producer(s) waiting, asked for ISR {b1,b2}');
  });
});

describe('the demo', () => {
  it('a scripted run: a blank line after the legend, then the trace; says what it checked, and names the outcome in its verdict', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'normal-case' });
    expect(out.split('\n')[4]).toBe('');
    expect(out).toContain('\nChecked: no acknowledged record lost, replicas agree below their high watermarks, only the current leader changes the ISR, consumers read only committed records (after every step).\n');
    expect(out).toContain('\nVerdict: no acknowledged record lost — 2 client calls: 2 completed');
  });
});
