/**
 * The note's scripted runs do what its text says of them, and `quiet` (the filter every Kafka diagram
 * goes through) hides only noise. Written for the survivors of the whole-folder mutation run
 * (docs/mutation.md, 7 December 2026): the scripts' faults that no test read, and `quiet`'s fetch ids,
 * which are each follower's own count (boot.n), so two followers send fetches with the same id.
 */
import { describe, expect, it } from 'vitest';
import { acks, quiet, scenarios, truncateToHighWatermark, uncleanElection } from '../../../snippets/kafka/scenarios.ts';
import { currentState, type BrokerState, type ControllerState, type KafkaTypes } from '../../../snippets/kafka/state.ts';
import type { KafkaMessage, PartitionState } from '../../../snippets/kafka/types.ts';
import type { RunResult, Trace, TraceEvent } from '../../../snippets/sim/index.ts';

const notes = (r: RunResult<KafkaTypes>) => r.trace.events.flatMap((e) => (e.kind === 'note' ? [e.text] : []));
/** A broker's log as the run left it (values), or undefined if it is down. */
const logOf = (r: RunResult<KafkaTypes>, id: string) => {
  const node = r.final.nodes.find((n) => n.id === id)!;
  return node.up ? (node.state as BrokerState).log.records.map((rec) => rec.value) : undefined;
};
/** The partition as the controller's metadata log ends. */
const partitionOf = (r: RunResult<KafkaTypes>) => currentState(r.final.nodes.find((n) => n.id === 'ctl')!.state as ControllerState);

describe('the scripted runs do what the note says', () => {
  it('clean election: b1 and b2 both return, both followers rejoin the ISR, and every broker ends with records 1 and 2', () => {
    const clean = uncleanElection(false);
    expect(notes(clean)).toContain('b1 elected leader, epoch 2, ISR {b1}');
    expect(partitionOf(clean)).toMatchObject({ leader: 'b1', isr: ['b1', 'b2', 'b3'] });
    for (const broker of ['b1', 'b2', 'b3']) expect(logOf(clean, broker), broker).toEqual([1, 2]);
  });

  it.each(['high-watermark', 'leader-epoch'] as const)('KIP-101 (%s truncation): b3 is cut off from the start, so record 1 is on b1 and b2 only, and b2 is elected as the only ISR member left', (truncation) => {
    const run = truncateToHighWatermark(truncation);
    expect(notes(run)).toContain('b3 fenced, out of the ISR');
    expect(notes(run)).toContain('b1 fenced; b2 elected leader, epoch 1, ISR {b2}');
    expect(logOf(run, 'b3')).toEqual([]);
  });

  it('acks: the network heals once b1 has crashed, so the diagram shows the followers\' fetches lost to the crash, not to the partition', () => {
    const run = acks('1');
    const heal = run.trace.events.find((e) => e.kind === 'network' && e.text === 'heal');
    const crash = run.trace.events.find((e) => e.kind === 'crash' && e.node === 'b1');
    expect(heal!.tick).toBeGreaterThan(crash!.tick);
    const diagram = scenarios['acks-1']!();
    expect(diagram).toContain('heal');
    expect(diagram).toContain('b2→b1 lost (crashed)');
    expect(diagram).toContain('b3→b1 lost (crashed)');
  });
});

describe('the diagrams show every fetch that brings news, whichever follower sent it', () => {
  it('the normal case: b2 learns the new high watermark a fetch after b3 (the note: "b2 learns it a fetch later")', () => {
    expect(scenarios['normal-case']!()).toContain('b1->>b2: Fetched(offset=1, records=[], hw=1)');
  });

  it('clean election: b3 is shown fetching records 1 and 2 from b1, not only joining the ISR', () => {
    const diagram = scenarios['clean-election']!();
    expect(diagram).toContain('b1->>b3: Fetched(offset=0, records=[1@0], hw=1)');
    expect(diagram).toContain('b1->>b3: Fetched(offset=1, records=[2@2], hw=1)');
  });
});

// A hand-written trace: each event at its own tick.
let tick = 0;
const ev = (e: Record<string, unknown>): TraceEvent => ({ tick: ++tick, ...e }) as unknown as TraceEvent;
const deliver = (from: string, node: string, message: KafkaMessage): TraceEvent => ev({ kind: 'deliver', node, from, msgId: tick, label: message.kind, duplicate: false, message });
const trace = (events: TraceEvent[]): Trace => ({ model: 'kafka', seed: 1, nodes: ['ctl', 'b1', 'b2', 'b3'], clients: [], events });
const kept = (events: TraceEvent[]) => quiet(trace(events)).events;
const fetch = (follower: string, leader: string, id: string, offset: number) => deliver(follower, leader, { kind: 'fetch', id, offset, epoch: 0 });
const fetched = (leader: string, follower: string, id: string, records: number, hw: number) =>
  deliver(leader, follower, { kind: 'fetched', id, epoch: 0, offset: 0, records: Array.from({ length: records }, (_, i) => ({ value: i, epoch: 0 })), hw });
const metadata = (node: string, partitionEpoch: number) => {
  const state: PartitionState = { leader: 'b1', leaderEpoch: 0, isr: ['b1', 'b2', 'b3'], partitionEpoch };
  return deliver('ctl', node, { kind: 'metadata', state });
};

describe('quiet: a fetch round trip is its follower\'s', () => {
  it('b3\'s idle round trip does not hide b2\'s round trip with the same id, which brings a new high watermark', () => {
    const firsts = [fetch('b2', 'b1', '0.1', 1), fetched('b1', 'b2', '0.1', 0, 0), fetch('b3', 'b1', '0.1', 1), fetched('b1', 'b3', '0.1', 0, 1)];
    const b2News = [fetch('b2', 'b1', '0.2', 1), fetched('b1', 'b2', '0.2', 0, 1)];
    const b3Idle = [fetch('b3', 'b1', '0.2', 1), fetched('b1', 'b3', '0.2', 0, 1)];
    expect(kept([...firsts, ...b2News, ...b3Idle])).toEqual([...firsts, ...b2News]);
  });

  it('a broker that followed and now leads: its own idle fetch does not hide another follower\'s fetch to it, or its answer, with the same id', () => {
    const b2Follows = [fetch('b2', 'b1', '0.1', 0), fetched('b1', 'b2', '0.1', 0, 0)];
    const b2Idle = [fetch('b2', 'b1', '0.2', 0), fetched('b1', 'b2', '0.2', 0, 0)];
    const b1Follows = [fetch('b1', 'b2', '0.2', 0), fetched('b2', 'b1', '0.2', 1, 0)];
    expect(kept([...b2Follows, ...b2Idle, ...b1Follows])).toEqual([...b2Follows, ...b1Follows]);
  });
});

describe('quiet: an idle fetch is one that repeats its follower\'s last fetch', () => {
  it('what the follower sends in between (a heartbeat to the controller) does not make the repeat news', () => {
    const first = [fetch('b2', 'b1', '0.1', 1), fetched('b1', 'b2', '0.1', 0, 1)];
    const heartbeat = deliver('b2', 'ctl', { kind: 'heartbeat' });
    const repeat = [fetch('b2', 'b1', '0.2', 1), fetched('b1', 'b2', '0.2', 0, 1)];
    expect(kept([...first, heartbeat, ...repeat])).toEqual(first);
  });
});

describe('quiet: a restart forgets only the restarted broker\'s metadata', () => {
  it('after b2 restarts, b2 is shown the metadata again, and b1\'s repeat of what it knows is still left out', () => {
    const b1Knows = metadata('b1', 1);
    const b2Knows = metadata('b2', 1);
    const restart = ev({ kind: 'restart', node: 'b2', fromDurable: true });
    const b2Again = metadata('b2', 1);
    const b1Again = metadata('b1', 1);
    expect(kept([b1Knows, b2Knows, restart, b2Again, b1Again])).toEqual([b1Knows, b2Knows, restart, b2Again]);
  });
});
