/**
 * What the Kafka folder shows a reader, stated as rules: the demo's text (`npm run snippet -- kafka`),
 * the note's diagrams and the `quiet` filter they go through, the player's cards and calls, and the
 * explorer's setup. Written for mutation testing (docs/mutation.md): these were covered only by the
 * CLI, site and explorer tests outside tests/snippets/kafka/. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/kafka/demo.ts';
import { explore } from '../../../snippets/kafka/explore.ts';
import { kafkaPlay } from '../../../snippets/kafka/play.ts';
import { quiet, scenarios } from '../../../snippets/kafka/scenarios.ts';
import { kafkaConfig } from '../../../snippets/kafka/run-kafka.ts';
import { newBroker } from '../../../snippets/kafka/broker.ts';
import { newController } from '../../../snippets/kafka/controller.ts';
import { EMPTY_LOG } from '../../../snippets/kafka/log.ts';
import { isKafkaVariant, kafkaVariants, variantConfig } from '../../../snippets/kafka/variants.ts';
import { kafka } from '../../../snippets/kafka/model.ts';
import type { BrokerState, KafkaState } from '../../../snippets/kafka/state.ts';
import type { KafkaConfig, KafkaMessage, PartitionState } from '../../../snippets/kafka/types.ts';
import type { Trace, TraceEvent } from '../../../snippets/sim/index.ts';

const lines = (text: string) => text.split('\n');

describe('the demo', () => {
  it('a scripted run names itself, what it shows and the rules it runs with, and says it has no liveness phase', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'normal-case' });
    expect(lines(out).slice(0, 4)).toEqual([
      'Kafka replication: scripted run "normal-case" on brokers b1..b3 and controller ctl, every message delayed one tick unless the script says otherwise.',
      'It shows: a record fetched by both followers and acknowledged once the high watermark passes it.',
      'Running the protocol with its rules: acks=all, min.insync.replicas=2, clean elections, KIP-101 truncation, epoch-checked AlterPartition.',
      'Legend: npm run snippet -- kafka --legend',
    ]);
    expect(out).toContain('\nRun: invariants held after every step of the script (a scripted run has no liveness phase).\n');
    expect(out).toContain('\n0 elections; the metadata log ends at leader b1, leader epoch 0, ISR {b1,b2,b3}, partition epoch 0.\n');
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n'), 'no blank line after the diagram').toBe(false);
  });

  it.each([
    ['unclean-election', 'unclean-election', /but leader b3 holds nothing there/],
    ['truncate-to-high-watermark', 'truncate-to-high-watermark', /no acknowledged record is lost/],
    ['acks-1', 'acks-1', /produce 1 was acknowledged at offset 0, but leader b2 holds nothing there/],
    ['stale-isr-change', 'accepts-stale-isr-change', /only the current leader changes the ISR/],
  ])('scenario %s fails under --variant %s, and holds without it', (scenario, variant, caught) => {
    const broken = demo.run({ seed: 1, mermaid: false, scenario, variant });
    expect(broken).toContain(`Running variant ${variant}: ${kafkaVariants[variant as keyof typeof kafkaVariants].description}.`);
    expect(broken).toMatch(/\nRun: FAILED/);
    expect(broken).toMatch(caught);
    const clean = demo.run({ seed: 1, mermaid: false, scenario });
    expect(clean).toContain('Run: invariants held after every step of the script');
    expect(clean).toContain(`It shows: ${demo.runs![scenario]}.`);
  });

  it('counts elections with the right plural, and a random run names its seed and faults', () => {
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'acks-1', variant: 'acks-1' })).toContain('\n1 election; the metadata log ends at leader b2, leader epoch 1, ISR {b2,b3}, partition epoch 1.\n');
    const random = demo.run({ seed: 3, mermaid: false });
    expect(lines(random).slice(0, 2)).toEqual([
      'Kafka replication: one partition on brokers b1..b3, controller ctl, producers p1 and p2, consumer c1; seed 3.',
      'Faults until tick 150 (5% loss, 5% duplicates, delays of 1-4 ticks, crashes, partitions), then healed.',
    ]);
    expect(random).toContain('Run: invariants held after every step; liveness held after the heal');
    expect(random).toMatch(/\n(\d+) elections?; the metadata log ends at leader b\d, leader epoch \d+, ISR \{[b\d,]+\}, partition epoch \d+\.\n/);
    const elections = Number(/\n(\d+) elections?;/.exec(random)![1]);
    expect(random).toContain(elections === 1 ? '\n1 election;' : `\n${elections} elections;`);
  });

  it('counts only the notes that elect a leader, not every note (seed 6: fencing, an offline partition and a truncation are noted too)', () => {
    const out = demo.run({ seed: 6, mermaid: false });
    const noteLines = lines(out).filter((l) => / note {2,}/.test(l));
    const electing = noteLines.filter((l) => /elected leader|unclean election/.test(l));
    expect(noteLines.length).toBeGreaterThan(electing.length);
    expect(out).toContain(`\n${electing.length} elections;`);
  });

  it('the random run runs the variant it names: acks=1 answers producers sooner, so the same seed runs differently', () => {
    const body = (o: string) => lines(o).slice(4).join('\n');
    const broken = demo.run({ seed: 1, mermaid: false, variant: 'acks-1' });
    expect(broken).toContain('Running variant acks-1: ');
    expect(body(broken)).not.toEqual(body(demo.run({ seed: 1, mermaid: false })));
  });

  it('--mermaid prints the run as a sequence diagram, one line per event', () => {
    const out = demo.run({ seed: 1, mermaid: true, scenario: 'normal-case' });
    expect(lines(out)[0]).toBe('sequenceDiagram');
    expect(out).toContain('p1->>b1: produce 1');
    expect(out).not.toContain('Legend:');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('--mermaid on a random run draws its first 60 steps and says how many more there were', () => {
    const drawn = lines(demo.run({ seed: 1, mermaid: true })).filter((l) => /^ {4}(?!%%|actor |participant )/.test(l));
    expect(drawn.at(-1)).toMatch(/^ {4}Note over p1,b3: \d+ more steps not shown$/);
    expect(drawn.length - 1).toBe(60);
  });

  it('refuses an unknown variant or scenario by name', () => {
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toThrow('no Kafka variant named "nope"');
    expect(() => demo.run({ seed: 1, mermaid: false, scenario: 'nope' })).toThrow('no Kafka scenario named "nope"');
  });

  it('lists every variant with its description and every scripted run with what it shows', () => {
    expect(demo.variants).toEqual(Object.fromEntries(Object.entries(kafkaVariants).map(([k, v]) => [k, v.description])));
    expect(Object.keys(demo.runs!)).toEqual(['normal-case', 'unclean-election', 'truncate-to-high-watermark', 'acks-1', 'stale-isr-change']);
    for (const shows of Object.values(demo.runs!)) expect(shows.length).toBeGreaterThan(40);
  });
});

describe('the variants table', () => {
  it('knows its own names only, and a name that is not one changes nothing', () => {
    expect(isKafkaVariant('acks-1')).toBe(true);
    expect(isKafkaVariant(undefined)).toBe(false);
    expect(isKafkaVariant('toString')).toBe(false);
    expect(variantConfig('acks-1')).toEqual({ acks: '1' });
    expect(variantConfig('nope')).toEqual({});
    expect(variantConfig(undefined)).toEqual({});
  });
});

// A hand-written trace for `quiet`: each event at its own tick.
let tick = 0;
const ev = (e: Record<string, unknown>): TraceEvent => ({ tick: ++tick, ...e }) as unknown as TraceEvent;
const deliver = (from: string, node: string, message: KafkaMessage, label = message.kind): TraceEvent => ev({ kind: 'deliver', node, from, msgId: tick, label, duplicate: false, message });
const send = (node: string, to: string, message: KafkaMessage, label = message.kind): TraceEvent => ev({ kind: 'send', node, to, msgId: tick, label, message });
const trace = (events: TraceEvent[]): Trace => ({ model: 'kafka', seed: 1, nodes: ['ctl', 'b1', 'b2'], clients: [], events });
const kept = (events: TraceEvent[]) => quiet(trace(events)).events;
const state = (partitionEpoch: number): PartitionState => ({ leader: 'b1', leaderEpoch: 0, isr: ['b1', 'b2'], partitionEpoch });

describe('quiet: the diagrams leave out background noise, and only that', () => {
  it('drops heartbeats, sent and delivered', () => {
    const hb = [send('b1', 'ctl', { kind: 'heartbeat' }), deliver('b1', 'ctl', { kind: 'heartbeat' })];
    const note = ev({ kind: 'note', node: 'b1', text: 'kept' });
    expect(kept([...hb, note])).toEqual([note]);
  });

  it('drops a metadata record a broker already knows (boot knows epoch 0), keeps the first of each newer one, and forgets on restart', () => {
    const old = deliver('ctl', 'b2', { kind: 'metadata', state: state(0) });
    const sendNew = send('ctl', 'b2', { kind: 'metadata', state: state(1) });
    const newer = deliver('ctl', 'b2', { kind: 'metadata', state: state(1) });
    const again = deliver('ctl', 'b2', { kind: 'metadata', state: state(1) });
    const otherBroker = deliver('ctl', 'b1', { kind: 'metadata', state: state(1) });
    const restart = ev({ kind: 'restart', node: 'b2', fromDurable: true });
    const afterRestart = deliver('ctl', 'b2', { kind: 'metadata', state: state(1) });
    expect(kept([old, sendNew, newer, again, otherBroker, restart, afterRestart])).toEqual([sendNew, newer, otherBroker, restart, afterRestart]);
  });

  it('a metadata record only sent (not yet delivered) does not count as known', () => {
    const s1 = send('ctl', 'b2', { kind: 'metadata', state: state(1) });
    const s2 = send('ctl', 'b2', { kind: 'metadata', state: state(1) });
    expect(kept([s1, s2])).toEqual([s1, s2]);
  });

  it('drops an idle fetch round trip (same offset as the last fetch, nothing new back, same high watermark), keeps the rest', () => {
    const fetch = (id: string, offset: number) => deliver('b2', 'b1', { kind: 'fetch', id, offset, epoch: 0 });
    const fetched = (id: string, records: number, hw: number) =>
      deliver('b1', 'b2', { kind: 'fetched', id, epoch: 0, offset: 0, records: Array.from({ length: records }, (_, i) => ({ value: i, epoch: 0 })), hw });
    const first = [fetch('1.1', 0), fetched('1.1', 0, 0)];
    const idle = [fetch('1.2', 0), fetched('1.2', 0, 0)];
    const newHw = [fetch('1.3', 0), fetched('1.3', 0, 1)];
    const withRecords = [fetch('1.4', 0), fetched('1.4', 1, 1)];
    const moved = [fetch('1.5', 1), fetched('1.5', 0, 1)];
    const sentIdle = send('b2', 'b1', { kind: 'fetch', id: '1.2', offset: 0, epoch: 0 });
    expect(kept([...first, ...idle, sentIdle, ...newHw, ...withRecords, ...moved])).toEqual([...first, ...newHw, ...withRecords, ...moved]);
  });

  it('keeps the first of each loss and drops repeats and lost heartbeats; other messages stay', () => {
    const drop = (from: string, node: string, label: string, reason = 'loss') => ev({ kind: 'drop', node, from, msgId: tick, label, reason });
    const a = drop('b2', 'b1', 'Fetch(offset=0, le=0)');
    const a2 = drop('b2', 'b1', 'Fetch(offset=0, le=0)');
    const otherReason = drop('b2', 'b1', 'Fetch(offset=0, le=0)', 'partition');
    const otherSender = drop('ctl', 'b1', 'Fetch(offset=0, le=0)');
    const hb = drop('b1', 'ctl', 'Heartbeat');
    const epochQuery = deliver('b2', 'b1', { kind: 'epoch-query', id: '1.1', epoch: 1, last: 0 });
    expect(kept([a, a2, otherReason, otherSender, hb, epochQuery])).toEqual([a, otherReason, otherSender, epochQuery]);
  });

  it('keeps the trace\'s other fields', () => {
    const t = trace([]);
    expect(quiet(t)).toEqual(t);
  });
});

describe('the note\'s diagrams', () => {
  it.each([
    ['normal-case', 1, ['p1', 'c1', 'ctl', 'b1', 'b2', 'b3']],
    ['unclean-election', 14, ['p1', 'ctl', 'b1', 'b2', 'b3']],
    ['clean-election', 40, undefined],
    ['truncate-to-high-watermark', 20, undefined],
    ['leader-epoch-truncation', 20, undefined],
    ['acks-1', 1, undefined],
    ['stale-isr-change', 10, undefined],
  ] as const)('%s: a sequence diagram from tick %i, without heartbeats, at most 60 lines', (name, from, participants) => {
    const diagram = scenarios[name]!();
    expect(lines(diagram)[0]).toBe('sequenceDiagram');
    const first = Number(/%% kafka, seed \d+, ticks (\d+)–\d+/.exec(diagram)![1]);
    expect(first).toBeGreaterThanOrEqual(from);
    expect(first).toBeLessThan(from + 5);
    expect(diagram).not.toContain('Heartbeat');
    expect(lines(diagram).filter((l) => /->>|-->>|-x|--x/.test(l)).length).toBeLessThanOrEqual(60);
    if (participants) {
      const declared = lines(diagram).flatMap((l) => /^\s+(?:actor|participant) (\S+)/.exec(l)?.[1] ?? []);
      expect(declared).toEqual(participants);
    }
  });

  it('each diagram shows its story: the unclean leader, the truncation and the rejected AlterPartition', () => {
    expect(scenarios['unclean-election']!()).toContain('unclean election: b3 (not in the ISR) leads epoch');
    expect(scenarios['clean-election']!()).toContain('b1 elected leader');
    expect(scenarios['truncate-to-high-watermark']!()).toContain('truncated to high watermark 0');
    expect(scenarios['leader-epoch-truncation']!()).toContain('OffsetForLeaderEpoch');
    expect(scenarios['acks-1']!()).toContain('ack, offset 0');
    expect(scenarios['stale-isr-change']!()).toMatch(/AlterPartition ok/);
  });
});

describe('the player', () => {
  const config = kafkaConfig();
  const partition: PartitionState = { leader: 'b1', leaderEpoch: 2, isr: ['b1', 'b2'], partitionEpoch: 5 };
  const broker = (change: Partial<BrokerState>): KafkaState => ({ ...newBroker('b2', config, { role: 'broker', boot: 0, log: EMPTY_LOG, hw: 0 }), ...change });
  const card = (s: KafkaState) => {
    const c = kafkaPlay.nodeView(s);
    return { role: c.role, ...Object.fromEntries(c.fields.map((f) => [f.label, f.value])) } as Record<string, string>;
  };

  it('a controller\'s card: the partition as the metadata log ends, and the fenced brokers', () => {
    const ctl = newController({ role: 'controller', config, records: [{ state: partition, cause: { kind: 'created' } }], fenced: [] });
    expect(card(ctl)).toEqual({ role: 'controller', partition: 'leader b1, epoch 2, ISR {b1,b2}, partition epoch 5', fenced: 'none' });
    expect(card({ ...ctl, fenced: ['b2', 'b3'] }).fenced).toBe('b2, b3');
    const offline = newController({ role: 'controller', config, records: [{ state: { ...partition, leader: 'none' }, cause: { kind: 'created' } }], fenced: [] });
    expect(card(offline).partition).toBe('leader none, epoch 2, ISR {b1,b2}, partition epoch 5');
  });

  it('a broker\'s card: its log, high watermark, what it knows and what it is doing, in each mode', () => {
    expect(card(broker({}))).toEqual({ role: 'no role yet', log: 'empty', 'high watermark': '0', knows: 'nothing yet', doing: 'waiting for metadata' });
    const log = { records: [{ value: 1, epoch: 0 }, { value: 2, epoch: 2 }], epochs: [] };
    expect(card(broker({ log, hw: 1, partition, mode: { kind: 'follower', phase: 'fetching', nextFetchAt: 3 } }))).toEqual({
      role: 'follower', log: '1@0 2@2', 'high watermark': '1', knows: 'leader b1, epoch 2, ISR {b1,b2}, partition epoch 5', doing: 'fetching',
    });
    expect(card(broker({ partition, mode: { kind: 'follower', phase: 'truncating', nextFetchAt: 3 } })).doing).toBe('asking where its epoch ends');
    const waiting = [{ client: 'p1', requestId: 1, offset: 0 }, { client: 'p2', requestId: 1, offset: 1 }];
    expect(card(broker({ partition, mode: { kind: 'leader', followers: {}, waiting } }))).toMatchObject({ role: 'leader', doing: '2 producer(s) waiting' });
    expect(card(broker({ partition, mode: { kind: 'leader', followers: {}, waiting: [], pending: { isr: ['b1'], sentAt: 0 } } })).doing).toBe('0 producer(s) waiting, asked for ISR {b1}');
  });

  it('offers the reader a produce that takes a value and a consume that does not, each with a timeout', () => {
    const [produce, consume] = kafkaPlay.clientCalls!;
    expect(produce).toMatchObject({ id: 'produce', takesValue: true });
    expect(produce!.call('p1', 'b2', 7, 1)).toEqual({ to: 'b2', request: { kind: 'produce', value: 7 }, op: 'produce', args: 7, timeoutTicks: 60 });
    expect(consume).toMatchObject({ id: 'consume', takesValue: false });
    expect(consume!.call('c1', 'b1', 0, 1)).toEqual({ to: 'b1', request: { kind: 'consume' }, op: 'consume', args: null, timeoutTicks: 60 });
  });

  it('its random scenario is the demo\'s faulty run without a script; each variant changes only its own rule', () => {
    const faulty = kafkaPlay.scenarios.find((s) => s.id === 'faulty')!;
    expect(faulty.setup).toBeUndefined();
    expect(faulty).toMatchObject({ seed: 1, ticks: 150, faults: expect.any(Object) });
    expect(kafkaPlay.scenarios.find((s) => s.id === 'acks-1')!.setup).toEqual(expect.any(Function));
    for (const v of kafkaPlay.variants) {
      expect(v.config(config)).toEqual({ ...config, ...kafkaVariants[v.id as keyof typeof kafkaVariants].config });
      expect(v.failing).toEqual({ scenario: expect.any(String), seed: 1 });
    }
  });
});

describe('the explorer\'s setup', () => {
  it('b1 leads with every broker in the ISR; each producer writes its own value to b1 once', () => {
    const { setup } = explore.setup({ nodes: 4, requests: 2, variant: undefined });
    expect(setup.nodes).toEqual(['ctl', 'b1', 'b2', 'b3']);
    expect((setup.config as KafkaConfig).initialIsr).toEqual(['b1', 'b2', 'b3']);
    expect(setup.phases).toBeUndefined();
    expect(setup.clients.map((c) => c.id)).toEqual(['p1', 'p2']);
    const calls = setup.clients.map((c) => [0, 1].map((index) => c.workload({ index } as never)));
    expect(calls).toEqual([
      [{ to: 'b1', request: { kind: 'produce', value: 1 }, op: 'produce', args: 1 }, undefined],
      [{ to: 'b1', request: { kind: 'produce', value: 2 }, op: 'produce', args: 2 }, undefined],
    ]);
  });

  it('unclean-election and truncate-to-high-watermark start with b3 out of the ISR; only the latter walks a directed prefix', () => {
    const unclean = explore.setup({ nodes: 4, requests: 1, variant: 'unclean-election' }).setup;
    expect(unclean.config).toMatchObject({ initialIsr: ['b1', 'b2'], uncleanLeaderElection: true });
    expect(unclean.phases).toBeUndefined();
    const truncate = explore.setup({ nodes: 4, requests: 1, variant: 'truncate-to-high-watermark' }).setup;
    expect(truncate.config).toMatchObject({ initialIsr: ['b1', 'b2'], truncation: 'high-watermark' });
    expect(truncate.phases).toHaveLength(1);
    // The correct model in a variant's shape: that shape's ISR, the correct rules.
    const shaped = explore.setup({ nodes: 4, requests: 1, variant: undefined, shape: 'truncate-to-high-watermark' }).setup;
    expect(shaped.config).toMatchObject({ initialIsr: ['b1', 'b2'], truncation: 'leader-epoch' });
    expect(explore.setup({ nodes: 4, requests: 1, variant: 'acks-1' }).setup.config).toMatchObject({ initialIsr: ['b1', 'b2', 'b3'], acks: '1' });
  });

  it('the directed prefix is reached when p1 is acknowledged, not before', () => {
    const [phase] = explore.setup({ nodes: 4, requests: 1, variant: 'truncate-to-high-watermark' }).setup.phases!;
    const view = (history: Array<{ client: string; result?: unknown }>) => ({ history }) as never;
    expect(phase!.reached(view([]))).toBe(false);
    expect(phase!.reached(view([{ client: 'p2', result: { kind: 'ack' } }]))).toBe(false);
    expect(phase!.reached(view([{ client: 'p1', result: { kind: 'error' } }, { client: 'p1' }]))).toBe(false);
    expect(phase!.reached(view([{ client: 'p1', result: { kind: 'ack' } }]))).toBe(true);
  });

  it('describes the shape and lists every variant with its bounds', () => {
    expect(explore.description).toMatch(/^Kafka: a KRaft controller and brokers b1\.\.b3/);
    expect(explore.variants).toEqual(Object.fromEntries(Object.entries(kafkaVariants).map(([k, v]) => [k, v.description])));
    expect(explore.defaults).toEqual({ nodes: 4, requests: 1, depth: 14, crashes: 0, losses: 0, timers: 4 });
    expect(explore.variantDefaults).toEqual({
      'truncate-to-high-watermark': { crashes: 1, depth: 14, timers: 3 },
      'unclean-election': { timers: 3 },
      'accepts-stale-isr-change': { depth: 16, timers: 6 },
    });
  });
});

describe('the model\'s labels', () => {
  it('a controller ignores requests and restarts; its disk prints the partition and the fenced brokers', () => {
    const ctl = kafka.init('ctl', [], kafkaConfig());
    expect(kafka.step(ctl, { kind: 'restart' } as never)).toEqual({ state: ctl, effects: [] });
    const durable = { role: 'controller' as const, records: [{ state: { leader: 'none', leaderEpoch: 1, isr: ['b1'], partitionEpoch: 2 }, cause: { kind: 'created' as const } }], fenced: [] };
    expect(kafka.describeDurable!(durable)).toBe('leader=none, le=1, isr={b1}, pe=2');
    expect(kafka.describeDurable!({ ...durable, fenced: ['b1', 'b2'] })).toBe('leader=none, le=1, isr={b1}, pe=2, fenced {b1,b2}');
  });
});

describe('the trace\'s labels for each message, request, response and disk', () => {
  it('names every message the way Kafka does, with its fields', () => {
    const s = { leader: 'b1', leaderEpoch: 2, isr: ['b1', 'b3'], partitionEpoch: 5 };
    const labels = ([
      { kind: 'fetch', id: '1.1', offset: 3, epoch: 2 },
      { kind: 'fetched', id: '1.1', epoch: 2, offset: 3, records: [{ value: 7, epoch: 2 }, { value: 8, epoch: 2 }], hw: 4 },
      { kind: 'fetch-error', id: '1.1', error: 'fenced-leader-epoch', leo: 3 },
      { kind: 'epoch-query', id: '1.1', epoch: 2, last: 1 },
      { kind: 'epoch-end', id: '1.1', epoch: 2, last: 1, end: 3 },
      { kind: 'epoch-error', id: '1.1' },
      { kind: 'heartbeat' },
      { kind: 'metadata', state: s },
      { kind: 'metadata', state: { ...s, leader: 'none' } },
      { kind: 'alter-partition', leaderEpoch: 2, partitionEpoch: 5, isr: ['b1'] },
      { kind: 'alter-partition-result', ok: true, state: s },
      { kind: 'alter-partition-result', ok: false, state: s },
    ] as KafkaMessage[]).map((m) => kafka.describeMessage!(m));
    expect(labels).toEqual([
      'Fetch(offset=3, le=2)',
      'Fetched(offset=3, records=[7@2 8@2], hw=4)',
      'Fetch error FENCED_LEADER_EPOCH',
      'OffsetForLeaderEpoch(le=2, last=1)',
      'EpochEnd(last=1, end=3)',
      'OffsetForLeaderEpoch error FENCED_LEADER_EPOCH',
      'Heartbeat',
      'Metadata(leader=b1, le=2, isr={b1,b3}, pe=5)',
      'Metadata(leader=none, le=2, isr={b1,b3}, pe=5)',
      'AlterPartition(le=2, pe=5, isr={b1})',
      'AlterPartition ok(leader=b1, le=2, isr={b1,b3}, pe=5)',
      'AlterPartition rejected(leader=b1, le=2, isr={b1,b3}, pe=5)',
    ]);
  });

  it('requests, responses and a broker\'s disk', () => {
    expect(kafka.describeRequest!({ kind: 'produce', value: 4 })).toBe('produce 4');
    expect(kafka.describeRequest!({ kind: 'consume' })).toBe('consume');
    expect(kafka.describeResponse!({ kind: 'ack', offset: 2, leader: 'b1' })).toBe('ack, offset 2');
    expect(kafka.describeResponse!({ kind: 'records', values: [1, 2], hw: 2, leader: 'b1' })).toBe('[1,2] (hw=2)');
    expect(kafka.describeResponse!({ kind: 'error', error: 'not-enough-replicas-after-append', leader: 'b1' })).toBe('NOT_ENOUGH_REPLICAS_AFTER_APPEND');
    expect(kafka.describeDurable!({ role: 'broker', boot: 2, log: { records: [{ value: 1, epoch: 0 }, { value: 2, epoch: 1 }], epochs: [] }, hw: 1 })).toBe('boot 2, log [1@0 2@1], hw=1');
  });

  it('a broker recovers from its disk in its next life; with no disk, from an empty log; the controller from its metadata log', () => {
    const cfg = kafkaConfig();
    const disk = { role: 'broker' as const, boot: 2, log: { records: [{ value: 1, epoch: 0 }], epochs: [{ epoch: 0, start: 0 }] }, hw: 1 };
    expect(kafka.recover('b2', [], cfg, disk)).toMatchObject({ id: 'b2', boot: 3, log: disk.log, hw: 1, mode: { kind: 'idle' }, partition: undefined });
    expect(kafka.recover('b2', [], cfg, undefined)).toMatchObject({ boot: 1, log: { records: [] }, hw: 0 });
    const records = [{ state: { leader: 'b2', leaderEpoch: 1, isr: ['b2'], partitionEpoch: 3 }, cause: { kind: 'created' as const } }];
    expect(kafka.recover('ctl', [], cfg, { role: 'controller', records, fenced: ['b1'] })).toMatchObject({ role: 'controller', records, fenced: ['b1'], silentFor: { b1: 0, b2: 0, b3: 0 } });
    expect(kafka.recover('ctl', [], cfg, undefined)).toEqual(kafka.init('ctl', [], cfg));
    expect(kafka.init('ctl', [], cfg)).toMatchObject({ records: [{ state: { leader: 'b1', leaderEpoch: 0, isr: ['b1', 'b2', 'b3'], partitionEpoch: 0 }, cause: { kind: 'created' } }], fenced: [] });
  });
});
