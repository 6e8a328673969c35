/**
 * Kafka's replication protocol under faults (one partition, three brokers, a KRaft controller):
 * the invariants hold after every step on a lossy, duplicating, reordering network with crashes and
 * partitions; after the heal every producer is acknowledged again; and each rule the note says
 * matters, switched off, is caught by an invariant, on a scripted run where random seeds are slow.
 * The 500-seed swarm suite (a fault profile per seed) is RANDOM_SUITES.kafka, run by
 * tests/snippets/swarm-suites.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure, seeds } from '../../../snippets/sim/index.ts';
import { seedCount } from '../../support/mutation-seeds.ts';
import { FAULTY, runKafka } from '../../../snippets/kafka/run-kafka.ts';
import { acks, normalCase, staleIsr, truncateToHighWatermark, uncleanElection } from '../../../snippets/kafka/scenarios.ts';
import { RANDOM_SUITES } from '../../../snippets/swarm-runs.ts';
import { kafkaVariants } from '../../../snippets/kafka/variants.ts';
import type { KafkaResponse } from '../../../snippets/kafka/types.ts';
import type { RunResult } from '../../../snippets/sim/index.ts';
import type { KafkaTypes } from '../../../snippets/kafka/state.ts';

const acked = (r: RunResult<KafkaTypes>) => r.history.filter((op) => op.returnTick !== undefined && (op.result as KafkaResponse).kind === 'ack');
/** The violation's message, or '' for a run that passed. */
const failure = (r: RunResult<KafkaTypes>) => (r.ok ? '' : r.message);
const notes = (r: RunResult<KafkaTypes>) => r.trace.events.flatMap((e) => (e.kind === 'note' ? [e.text] : []));

describe('the correct model under faults', () => {
  it('keeps every invariant after every step, and acknowledges every producer again after the heal (150 seeds)', () => {
    let elections = 0, truncations = 0, acks = 0;
    // All 150 in npm test; fewer in a mutation run, with the floors below scaled to match.
    const runs = seedCount(150), share = runs / 150;
    for (const seed of seeds(runs)) {
      const result = runKafka({ seed, ...FAULTY });
      expect(result.ok, result.ok ? '' : formatFailure(result)).toBe(true);
      elections += notes(result).filter((n) => n.includes('elected leader')).length;
      truncations += notes(result).filter((n) => n.startsWith('truncated to offset')).length;
      acks += acked(result).length;
    }
    // The runs did what the properties are about: leaders changed, followers truncated, records were acknowledged.
    expect(elections).toBeGreaterThan(50 * share);
    expect(truncations).toBeGreaterThan(10 * share);
    expect(acks).toBeGreaterThan(1000 * share);
  }, 120_000);

  it('the normal case: one record, fetched by both followers, acknowledged once the high watermark passes it, read by a consumer', () => {
    const result = normalCase();
    expect(result.ok).toBe(true);
    expect(acked(result).map((op) => op.result)).toEqual([{ kind: 'ack', offset: 0, leader: 'b1' }]);
    const read = result.history.find((op) => op.op === 'consume')!.result as KafkaResponse;
    expect(read).toEqual({ kind: 'records', values: [1], hw: 1, leader: 'b1' });
  });
});

describe('each rule, switched off, is caught', () => {
  it('unclean election: an out-of-sync replica leads, and an acknowledged record is lost; with it off the partition waits for b1 and loses nothing', () => {
    const broken = uncleanElection(true);
    expect(broken.ok).toBe(false);
    expect(failure(broken)).toMatch(/no acknowledged record is lost[^]*produce 1 was acknowledged at offset 0, but leader b3 holds nothing there/);
    const clean = uncleanElection(false);
    expect(failure(clean)).toBe('');
    expect(notes(clean)).toContain('b1 fenced; no ISR member left: partition offline');
    // Both records acknowledged: 1 before the failures, 2 once b1 is back and leads.
    expect(acked(clean).map((op) => op.args)).toEqual([1, 2]);
  });

  it('truncate to the high watermark (before KIP-101): a restarted follower drops an acknowledged record and is elected without it', () => {
    const broken = truncateToHighWatermark('high-watermark');
    expect(broken.ok).toBe(false);
    expect(failure(broken)).toMatch(/produce 1 was acknowledged at offset 0, but leader b2 holds nothing there/);
    expect(notes(broken)).toContain('truncated to high watermark 0');
    const clean = truncateToHighWatermark('leader-epoch');
    expect(failure(clean)).toBe('');
    expect(notes(clean).some((n) => n.startsWith('b1 fenced; b2 elected leader'))).toBe(true);
  });

  it('acks=1: the leader acknowledges before any follower has the record, crashes, and the record is gone; acks=all waits and loses nothing', () => {
    const broken = acks('1');
    expect(broken.ok).toBe(false);
    expect(failure(broken)).toMatch(/produce 1 was acknowledged at offset 0, but leader b2 holds nothing there/);
    const clean = acks('all');
    expect(failure(clean)).toBe('');
    expect(acked(clean)).toHaveLength(0); // never acknowledged, so never promised
  });

  it('a controller that does not check AlterPartition\'s epochs lets a deposed leader shrink the ISR; with the check it is rejected', () => {
    const broken = staleIsr(false);
    expect(broken.ok).toBe(false);
    expect(failure(broken)).toMatch(/only the current leader changes the ISR[^]*b1 changed the ISR to \{b1\} from leader epoch 0, partition epoch 0, but b2 led epoch 1/);
    const clean = staleIsr(true);
    expect(failure(clean)).toBe('');
    expect(clean.trace.events.some((e) => e.kind === 'send' && e.label.startsWith('AlterPartition rejected'))).toBe(true);
  });

  it('the swarm suite\'s random seeds find acks-1, unclean-election and accepts-stale-isr-change too', () => {
    for (const name of ['acks-1', 'unclean-election', 'accepts-stale-isr-change'] as const) {
      let found: string | undefined;
      for (const seed of seeds(60)) {
        found = RANDOM_SUITES.kafka.run(seed, kafkaVariants[name].config).finding;
        if (found) break;
      }
      expect(found, name).toMatch(/^invariant-violated/);
    }
  }, 60_000);
});
