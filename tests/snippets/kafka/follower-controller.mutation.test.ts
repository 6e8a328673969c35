/**
 * A follower's and the controller's rules one input at a time (snippets/kafka/follower.ts,
 * controller.ts), and the invariants' verdicts on the smallest views that break them
 * (invariants.ts). Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { newBroker } from '../../../snippets/kafka/broker.ts';
import { newController, onControllerMessage, onControllerTick } from '../../../snippets/kafka/controller.ts';
import { onFollowerMessage, onFollowerTick, startFollowing } from '../../../snippets/kafka/follower.ts';
import { kafkaInvariants } from '../../../snippets/kafka/invariants.ts';
import { append, EMPTY_LOG } from '../../../snippets/kafka/log.ts';
import { kafkaConfig } from '../../../snippets/kafka/run-kafka.ts';
import type { BrokerState, ControllerState, Mode } from '../../../snippets/kafka/state.ts';
import type { KafkaConfig, KafkaMessage, LogRecord, PartitionState } from '../../../snippets/kafka/types.ts';

type Following = Extract<Mode, { kind: 'follower' }>;
const rec = (value: number, epoch: number): LogRecord => ({ value, epoch });
const meta = (leader: string, leaderEpoch: number, partitionEpoch: number, isr = ['b1', 'b2', 'b3']): PartitionState => ({ leader, leaderEpoch, isr, partitionEpoch });

function follower(records: LogRecord[], o: { hw?: number; config?: Partial<KafkaConfig>; now?: number } = {}): BrokerState {
  const base = newBroker('b2', kafkaConfig(o.config), { role: 'broker', boot: 1, log: append(EMPTY_LOG, records), hw: o.hw ?? 0 });
  return { ...base, now: o.now ?? 10, partition: meta('b1', 2, 5) };
}
const mode = (phase: Following['phase'], o: Partial<Following> = {}): Following => ({ kind: 'follower', phase, nextFetchAt: 0, ...o });
const sends = (r: { effects: readonly { kind: string }[] }) => r.effects.filter((e) => e.kind === 'send');

describe('a follower', () => {
  it('with KIP-101 and a log asks where its last epoch ends; with an empty log it just fetches', () => {
    const r = startFollowing(follower([rec(1, 0), rec(2, 1)]));
    expect(r.state.mode).toEqual({ kind: 'follower', phase: 'truncating', outstanding: { id: '1.1', sentAt: 10 }, nextFetchAt: 10 });
    expect(r.effects).toEqual([{ kind: 'send', to: 'b1', message: { kind: 'epoch-query', id: '1.1', epoch: 2, last: 1 } }]);
    const empty = startFollowing(follower([]));
    expect(empty.effects).toEqual([{ kind: 'send', to: 'b1', message: { kind: 'fetch', id: '1.1', offset: 0, epoch: 2 } }]);
  });

  it('before KIP-101 it truncates to its own high watermark (on disk, with a note), then fetches; nothing to cut, nothing written', () => {
    const r = startFollowing(follower([rec(1, 0), rec(2, 0)], { hw: 1, config: { truncation: 'high-watermark' } }));
    expect(r.state.log.records).toEqual([rec(1, 0)]);
    expect(r.effects).toEqual([
      { kind: 'persist', durable: { role: 'broker', boot: 1, log: r.state.log, hw: 1 } },
      { kind: 'note', text: 'truncated to high watermark 1' },
      { kind: 'send', to: 'b1', message: { kind: 'fetch', id: '1.1', offset: 1, epoch: 2 } },
    ]);
    expect(startFollowing(follower([rec(1, 0)], { hw: 1, config: { truncation: 'high-watermark' } })).effects.map((e) => e.kind)).toEqual(['send']);
  });

  it('takes an epoch-end only while truncating, in its leader epoch, of this life', () => {
    const s = follower([rec(1, 0), rec(2, 1), rec(3, 1)], { hw: 3 });
    const m = (o: Partial<Extract<KafkaMessage, { kind: 'epoch-end' }>> = {}): KafkaMessage => ({ kind: 'epoch-end', id: '1.1', epoch: 2, last: 1, end: 2, ...o });
    const r = onFollowerMessage(s, mode('truncating'), m());
    expect(r.state.log.records).toEqual([rec(1, 0), rec(2, 1)]);
    expect(r.state.hw).toBe(2);
    expect(r.effects.slice(0, 2)).toEqual([{ kind: 'persist', durable: { role: 'broker', boot: 1, log: r.state.log, hw: 2 } }, { kind: 'note', text: 'truncated to offset 2 (epoch 1 ends there on the leader)' }]);
    expect(r.state.mode).toMatchObject({ phase: 'fetching' });
    for (const ignored of [onFollowerMessage(s, mode('fetching'), m()), onFollowerMessage(s, mode('truncating'), m({ epoch: 1 })), onFollowerMessage(s, mode('truncating'), m({ id: '0.1' }))]) {
      expect(ignored).toEqual({ state: s, effects: [] });
    }
    // The leader knows only an older epoch: keep up to where that epoch ends in our own log, if smaller.
    const older = onFollowerMessage(s, mode('truncating'), m({ last: 0, end: 5 }));
    expect(older.state.log.records).toEqual([rec(1, 0)]);
    // Nothing to cut: nothing written, just the fetch.
    expect(onFollowerMessage(s, mode('truncating'), m({ end: 3 })).effects.map((e) => e.kind)).toEqual(['send']);
  });

  it('takes fetched records only in its leader epoch, while fetching, at its own log end; fetches again at once after records', () => {
    const s = follower([rec(1, 2)]);
    const m = (o: Partial<Extract<KafkaMessage, { kind: 'fetched' }>> = {}): KafkaMessage => ({ kind: 'fetched', id: '1.4', epoch: 2, offset: 1, records: [rec(2, 2)], hw: 5, ...o });
    const r = onFollowerMessage(s, mode('fetching'), m());
    expect(r.state.log.records).toEqual([rec(1, 2), rec(2, 2)]);
    expect(r.state.hw).toBe(2);
    expect(sends(r)).toEqual([{ kind: 'send', to: 'b1', message: { kind: 'fetch', id: '1.1', offset: 2, epoch: 2 } }]);
    for (const ignored of [m({ epoch: 1 }), m({ offset: 0 })]) expect(onFollowerMessage(s, mode('fetching'), ignored)).toEqual({ state: s, effects: [] });
    expect(onFollowerMessage(s, mode('truncating'), m())).toEqual({ state: s, effects: [] });
    // Nothing new: idle until two ticks from now; the high watermark written only if it moved.
    const idle = onFollowerMessage(s, mode('fetching'), m({ records: [], hw: 0 }));
    expect(idle).toEqual({ state: { ...s, mode: { kind: 'follower', phase: 'fetching', nextFetchAt: 12 } }, effects: [] });
    const newHw = onFollowerMessage(s, mode('fetching'), m({ records: [], hw: 1 }));
    expect(newHw.effects).toEqual([{ kind: 'persist', durable: { role: 'broker', boot: 1, log: s.log, hw: 1 } }]);
  });

  it('a longer log than the leader\'s is cut to the leader\'s end on offset-out-of-range; other fetch errors wait two ticks', () => {
    const s = follower([rec(1, 0), rec(2, 0), rec(3, 0)], { hw: 3 });
    const err = (error: string, leo: number): KafkaMessage => ({ kind: 'fetch-error', id: '1.3', error, leo } as KafkaMessage);
    const r = onFollowerMessage(s, mode('fetching'), err('offset-out-of-range', 1));
    expect(r.state).toMatchObject({ log: { records: [rec(1, 0)] }, hw: 1, mode: { kind: 'follower', phase: 'fetching', nextFetchAt: 12 } });
    expect(r.effects).toEqual([{ kind: 'persist', durable: { role: 'broker', boot: 1, log: r.state.log, hw: 1 } }, { kind: 'note', text: 'truncated to the leader\'s log end 1' }]);
    expect(onFollowerMessage(s, mode('truncating'), err('offset-out-of-range', 3))).toEqual({ state: { ...s, mode: { kind: 'follower', phase: 'truncating', nextFetchAt: 12 } }, effects: [] });
    expect(onFollowerMessage(s, mode('fetching'), err('not-leader', 0)).state.mode).toEqual({ kind: 'follower', phase: 'fetching', nextFetchAt: 12 });
    expect(onFollowerMessage(s, mode('fetching'), { kind: 'epoch-error', id: '1.3' }).state.mode).toEqual({ kind: 'follower', phase: 'truncating', nextFetchAt: 12 });
    expect(onFollowerMessage(s, mode('fetching'), { kind: 'heartbeat' })).toEqual({ state: s, effects: [] });
    expect(onFollowerMessage(s, mode('fetching'), { kind: 'metadata', state: meta('b1', 2, 5) } as KafkaMessage)).toEqual({ state: s, effects: [] });
  });

  it('each tick: resends what went unanswered for fetchRetryTicks, fetches when due, else waits', () => {
    const s = follower([], { now: 22 });
    expect(sends(onFollowerTick(s, mode('fetching', { outstanding: { id: '1.1', sentAt: 10 } })))).toHaveLength(1);
    expect(onFollowerTick(s, mode('fetching', { outstanding: { id: '1.1', sentAt: 11 } }))).toEqual({ state: s, effects: [] });
    expect(sends(onFollowerTick(s, mode('truncating', { nextFetchAt: 22 })))[0]).toMatchObject({ message: { kind: 'epoch-query' } });
    expect(onFollowerTick(s, mode('fetching', { nextFetchAt: 23 }))).toEqual({ state: s, effects: [] });
  });
});

describe('the controller', () => {
  const cfg = kafkaConfig();
  const ctl = (state: PartitionState, o: Partial<ControllerState> = {}): ControllerState => ({ ...newController({ role: 'controller', config: cfg, records: [{ state, cause: { kind: 'created' } }], fenced: [] }), ...o });
  const alter = (o: Partial<Extract<KafkaMessage, { kind: 'alter-partition' }>> = {}): KafkaMessage => ({ kind: 'alter-partition', leaderEpoch: 1, partitionEpoch: 4, isr: ['b1', 'b2'], ...o });

  it('starts with every broker heard from just now', () => {
    expect(ctl(meta('b1', 1, 4)).silentFor).toEqual({ b1: 0, b2: 0, b3: 0 });
  });

  it('takes an AlterPartition from the current leader on the current epochs, writes it in replica order and answers ok', () => {
    const r = onControllerMessage(ctl(meta('b1', 1, 4)), 'b1', alter({ isr: ['b2', 'b1'] }));
    const next = meta('b1', 1, 5, ['b1', 'b2']);
    expect(r.state.records.at(-1)).toEqual({ state: next, cause: { kind: 'alter', by: 'b1', leaderEpoch: 1, partitionEpoch: 4 } });
    expect(r.effects[0]).toEqual({ kind: 'persist', durable: { role: 'controller', records: r.state.records, fenced: [] } });
    expect(r.effects[1]).toEqual({ kind: 'note', text: 'ISR {b1,b2} at partition epoch 5, asked by b1' });
    expect(r.effects.at(-1)).toEqual({ kind: 'send', to: 'b1', message: { kind: 'alter-partition-result', ok: true, state: next } });
  });

  it.each([
    ['another broker', 'b2', {}],
    ['an old leader epoch', 'b1', { leaderEpoch: 0 }],
    ['an old partition epoch', 'b1', { partitionEpoch: 3 }],
    ['an empty ISR', 'b1', { isr: [] }],
    ['a fenced broker not in the ISR', 'b1', { isr: ['b1', 'b3'] }],
  ] as const)('rejects one from %s, answering the current state', (_, from, change) => {
    const s = ctl(meta('b1', 1, 4, ['b1', 'b2']), { fenced: ['b3'] });
    expect(onControllerMessage(s, from, alter(change))).toEqual({ state: s, effects: [{ kind: 'send', to: from, message: { kind: 'alter-partition-result', ok: false, state: meta('b1', 1, 4, ['b1', 'b2']) } }] });
  });

  it('lets a fenced broker stay in an ISR it is already in, and without the epoch check takes a stale one', () => {
    expect(onControllerMessage(ctl(meta('b1', 1, 4), { fenced: ['b3'] }), 'b1', alter({ isr: ['b1', 'b3'] })).effects.at(-1)).toMatchObject({ message: { ok: true } });
    const loose = { ...ctl(meta('b1', 1, 4)), config: kafkaConfig({ checkPartitionEpoch: false }) };
    expect(onControllerMessage(loose, 'b2', alter({ leaderEpoch: 0 })).effects.at(-1)).toMatchObject({ message: { ok: true } });
  });

  it('a heartbeat resets the broker\'s silence, unfences it (on disk), and is answered with the current state', () => {
    const s = ctl(meta('b1', 1, 4), { fenced: ['b2'], silentFor: { b1: 3, b2: 30, b3: 1 } });
    const r = onControllerMessage(s, 'b2', { kind: 'heartbeat' });
    expect(r.state.silentFor).toEqual({ b1: 3, b2: 0, b3: 1 });
    expect(r.state.fenced).toEqual([]);
    expect(r.effects).toEqual([{ kind: 'persist', durable: { role: 'controller', records: s.records, fenced: [] } }, { kind: 'send', to: 'b2', message: { kind: 'metadata', state: meta('b1', 1, 4) } }]);
    expect(onControllerMessage(ctl(meta('b1', 1, 4)), 'b2', { kind: 'heartbeat' }).effects).toEqual([{ kind: 'send', to: 'b2', message: { kind: 'metadata', state: meta('b1', 1, 4) } }]);
  });

  it('an offline partition gets a leader as soon as an ISR member heartbeats', () => {
    const s = ctl(meta('none', 2, 6, ['b1']), { fenced: ['b1', 'b2', 'b3'] });
    const r = onControllerMessage(s, 'b1', { kind: 'heartbeat' });
    expect(r.state.records.at(-1)!.state).toEqual(meta('b1', 3, 7, ['b1']));
    expect(r.effects.some((e) => e.kind === 'note' && e.text === 'b1 elected leader, epoch 3, ISR {b1}')).toBe(true);
    // A heartbeat from a broker out of the ISR does not bring it back (no unclean election).
    const still = onControllerMessage(s, 'b2', { kind: 'heartbeat' });
    expect(still.state.records).toEqual(s.records);
  });

  it('ignores every other message', () => {
    const s = ctl(meta('b1', 1, 4));
    expect(onControllerMessage(s, 'b1', { kind: 'metadata', state: meta('b1', 1, 4) })).toEqual({ state: s, effects: [] });
  });

  it('each tick fences the first broker silent past the session timeout, one per tick: out of the ISR, or, if it led, replaced', () => {
    const s = ctl(meta('b1', 1, 4), { silentFor: { b1: 18, b2: 18, b3: 18 } });
    const r = onControllerTick(s);
    expect(r.state.fenced).toEqual(['b1']);
    expect(r.state.records.at(-1)).toEqual({ state: meta('b2', 2, 5, ['b2', 'b3']), cause: { kind: 'election', unclean: false } });
    expect(r.effects.find((e) => e.kind === 'note')).toEqual({ kind: 'note', text: 'b1 fenced; b2 elected leader, epoch 2, ISR {b2,b3}' });
    const r2 = onControllerTick(r.state);
    expect(r2.state.fenced).toEqual(['b1', 'b2']);
    expect(r2.state.records.at(-1)).toEqual({ state: meta('b3', 3, 6, ['b3']), cause: { kind: 'election', unclean: false } });
    const follower = onControllerTick(ctl(meta('b1', 1, 4), { silentFor: { b1: 0, b2: 0, b3: 18 } }));
    expect(follower.state.records.at(-1)).toEqual({ state: meta('b1', 1, 5, ['b1', 'b2']), cause: { kind: 'fenced', broker: 'b3' } });
    expect(onControllerTick(ctl(meta('b1', 1, 4), { silentFor: { b1: 17, b2: 0, b3: 0 } })).state.fenced).toEqual([]);
  });

  it('fencing the last ISR member takes the partition offline (clean) or elects any live replica (unclean); a fenced non-member only goes on disk', () => {
    const last = ctl(meta('b1', 1, 4, ['b1']), { fenced: ['b3'], silentFor: { b1: 18, b2: 0, b3: 0 } });
    const offline = onControllerTick(last);
    expect(offline.state.records.at(-1)!.state).toEqual(meta('none', 2, 5, ['b1']));
    expect(offline.effects.find((e) => e.kind === 'note')).toEqual({ kind: 'note', text: 'b1 fenced; no ISR member left: partition offline' });
    const unclean = onControllerTick({ ...last, config: kafkaConfig({ uncleanLeaderElection: true }) });
    expect(unclean.state.records.at(-1)).toEqual({ state: meta('b2', 2, 5, ['b2']), cause: { kind: 'election', unclean: true } });
    expect(unclean.effects.find((e) => e.kind === 'note')).toEqual({ kind: 'note', text: 'b1 fenced; unclean election: b2 (not in the ISR) leads epoch 2' });
    const outside = onControllerTick(ctl(meta('b1', 1, 4, ['b1', 'b2']), { silentFor: { b1: 0, b2: 0, b3: 18 } }));
    expect(outside.state.records).toHaveLength(1);
    expect(outside.effects).toEqual([{ kind: 'persist', durable: { role: 'controller', records: outside.state.records, fenced: ['b3'] } }, { kind: 'note', text: 'b3 fenced' }]);
  });
});

describe('the invariants, each on the smallest view that breaks it', () => {
  const inv = kafkaInvariants();
  const view = (nodes: unknown[], history: unknown[] = []) => ({ nodes, history }) as never;
  const brokerNode = (id: string, records: LogRecord[], hw: number) => ({ id, durable: { role: 'broker', boot: 0, log: append(EMPTY_LOG, records), hw } });
  const ctlNode = (state: PartitionState, records: unknown[] = [{ state, cause: { kind: 'created' } }]) => ({ id: 'ctl', durable: { role: 'controller', records, fenced: [] } });
  const acked = (value: number, offset: number) => ({ op: 'produce', args: value, returnTick: 5, result: { kind: 'ack', offset, leader: 'b1' } });
  const named = (prefix: string) => Object.entries(inv).find(([name]) => name.startsWith(prefix))![1];

  it('an acknowledged record the leader lacks, or holds another value at, is lost; nothing is judged while no one leads', () => {
    const lost = named('no acknowledged record is lost');
    expect(lost(view([ctlNode(meta('b1', 0, 0)), brokerNode('b1', [], 0)], [acked(7, 0)]))).toBe('produce 7 was acknowledged at offset 0, but leader b1 holds nothing there');
    expect(lost(view([ctlNode(meta('b1', 0, 0)), brokerNode('b1', [rec(8, 1)], 0)], [acked(7, 0)]))).toBe('produce 7 was acknowledged at offset 0, but leader b1 holds 8@1 there');
    expect(lost(view([ctlNode(meta('b1', 0, 0)), brokerNode('b1', [rec(7, 1)], 0)], [acked(7, 0)]))).toBeUndefined();
    expect(lost(view([ctlNode(meta('none', 0, 0)), brokerNode('b1', [], 0)], [acked(7, 0)]))).toBeUndefined();
    // Only acknowledged produces count.
    const refused = { op: 'produce', args: 7, returnTick: 5, result: { kind: 'error', error: 'not-leader', leader: 'b2' } };
    expect(lost(view([ctlNode(meta('b1', 0, 0)), brokerNode('b1', [], 0)], [refused, { op: 'produce', args: 9 }]))).toBeUndefined();
    // Before its first write the controller's state is read from memory.
    expect(lost(view([{ id: 'ctl', state: { role: 'controller', records: [{ state: meta('b1', 0, 0), cause: { kind: 'created' } }], fenced: [] } }, brokerNode('b1', [], 0)], [acked(7, 0)]))).toMatch(/holds nothing/);
  });

  it('two replicas that differ below both high watermarks disagree, in value or in epoch', () => {
    const agree = named('replicas agree below their high watermarks');
    expect(agree(view([brokerNode('b1', [rec(1, 0), rec(2, 0)], 2), brokerNode('b2', [rec(1, 0), rec(3, 0)], 1)]))).toBeUndefined();
    expect(agree(view([brokerNode('b1', [rec(1, 0), rec(2, 0)], 2), brokerNode('b2', [rec(1, 0), rec(3, 0)], 2)]))).toBe('offset 1 is below both high watermarks (b1 hw=2, b2 hw=2), but b1 holds 2@0 and b2 holds 3@0');
    expect(agree(view([brokerNode('b1', [rec(1, 0)], 1), brokerNode('b2', [rec(1, 1)], 1)]))).toMatch(/offset 0[^]*b1 holds 1@0 and b2 holds 1@1/);
    expect(agree(view([brokerNode('b1', [rec(1, 0)], 1), brokerNode('b2', [], 1)]))).toMatch(/b2 holds nothing$/);
    expect(agree(view([brokerNode('b1', [rec(1, 0)], 1), brokerNode('b2', [rec(1, 0)], 1), brokerNode('b3', [rec(2, 0)], 1)]))).toMatch(/b1 holds 1@0 and b3 holds 2@0/);
  });

  it('an ISR change not based on the state it was written over is from a deposed leader', () => {
    const deposed = named('only the current leader changes the ISR');
    const s0 = meta('b1', 1, 4);
    const change = (by: string, leaderEpoch: number, partitionEpoch: number) => ({ state: meta('b1', 1, 5, ['b1']), cause: { kind: 'alter', by, leaderEpoch, partitionEpoch } });
    expect(deposed(view([ctlNode(s0, [{ state: s0, cause: { kind: 'created' } }, change('b1', 1, 4)])]))).toBeUndefined();
    for (const [by, le, pe] of [['b2', 1, 4], ['b1', 0, 4], ['b1', 1, 3]] as const) {
      expect(deposed(view([ctlNode(s0, [{ state: s0, cause: { kind: 'created' } }, change(by, le, pe)])]))).toBe(`${by} changed the ISR to {b1} from leader epoch ${le}, partition epoch ${pe}, but b1 led epoch 1 at partition epoch 4`);
    }
    expect(deposed(view([ctlNode(s0, [{ state: s0, cause: { kind: 'created' } }, { state: s0, cause: { kind: 'fenced', broker: 'b3' } }])]))).toBeUndefined();
    expect(deposed(view([]))).toBeUndefined();
  });

  it('a consumer read past its high watermark, or what the leader no longer holds, breaks the consumers\' rule', () => {
    const consumers = named('consumers read only committed records');
    const read = (values: number[], hw: number) => ({ op: 'consume', returnTick: 3, result: { kind: 'records', values, hw, leader: 'b1' } });
    const nodes = [ctlNode(meta('b1', 0, 0)), brokerNode('b1', [rec(1, 0), rec(2, 0)], 2)];
    expect(consumers(view(nodes, [read([1, 2], 2)]))).toBeUndefined();
    expect(consumers(view(nodes, [read([1, 2], 1)]))).toBe('a consumer read 2 records from b1, past its high watermark 1');
    expect(consumers(view(nodes, [read([1, 3], 2)]))).toBe('a consumer read 3 at offset 1 from b1, but leader b1 now holds 2@0 there');
    expect(consumers(view(nodes, [read([1, 2, 3], 3)]))).toBe('a consumer read 3 at offset 2 from b1, but leader b1 now holds nothing there');
    expect(consumers(view([ctlNode(meta('none', 0, 0)), nodes[1]], [read([5], 1)]))).toBeUndefined();
    expect(consumers(view(nodes, [{ op: 'consume' }, { op: 'consume', returnTick: 2, result: { kind: 'error', error: 'not-leader', leader: 'b2' } }, { op: 'produce', returnTick: 1, result: read([9], 1).result }]))).toBeUndefined();
  });
});
