/**
 * How a Kafka run is set up (snippets/kafka/run-kafka.ts): the clients' workloads, what a run's options
 * pass through to the simulator, and the liveness rule. The seeded suites run all of it, but a wrong
 * target or a liveness rule that always holds would not fail them; these tests state each rule on a
 * hand-made context. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { consumer, kafkaRunOptions, producer } from '../../../snippets/kafka/run-kafka.ts';

const firstOf = { pick: (xs: readonly string[]) => xs[0]! };
const lastOf = { pick: (xs: readonly string[]) => xs.at(-1)! };
type Context = Parameters<ReturnType<typeof producer>>[0];
const ctx = (index: number, previous?: unknown, rng = firstOf) => ({ index, previous, rng }) as unknown as Context;

describe('the workloads', () => {
  it('a producer sends unique values (client × 1000 + index) and stops after its calls', () => {
    const p = producer(2, 3);
    expect(p(ctx(0))).toEqual({ to: 'b1', request: { kind: 'produce', value: 2000 }, op: 'produce', args: 2000, timeoutTicks: 60 });
    expect(p(ctx(2))?.args).toBe(2002);
    expect(p(ctx(3))).toBeUndefined();
    expect(producer(1)(ctx(10_000))?.args).toBe(11_000);
  });

  it('a consumer reads, and stops after its calls', () => {
    expect(consumer(1)(ctx(0))).toEqual({ to: 'b1', request: { kind: 'consume' }, op: 'consume', args: null, timeoutTicks: 60 });
    expect(consumer(1)(ctx(1))).toBeUndefined();
    expect(consumer()(ctx(500))).toBeDefined();
  });

  it('a client calls the leader its last answer named; after no answer, or one naming no leader, any broker', () => {
    const answered = { returnTick: 4, result: { kind: 'error', error: 'not-leader', leader: 'b3' } };
    expect(producer(1)(ctx(1, answered))?.to).toBe('b3');
    expect(consumer()(ctx(1, answered))?.to).toBe('b3');
    expect(producer(1)(ctx(1, { result: answered.result }))?.to).toBe('b1');
    expect(producer(1)(ctx(1, { returnTick: 4, result: { kind: 'error', error: 'not-leader', leader: 'none' } }, lastOf))?.to).toBe('b3');
    expect(producer(1)(ctx(1, { returnTick: 4, result: { kind: 'error', error: 'not-leader', leader: 'none' } }))?.to).toBe('b1');
  });
});

describe('a run\'s options', () => {
  it('have two producers and a consumer by default, and pass the network, faults and scenario through (none when not given)', () => {
    const plain = kafkaRunOptions({ seed: 3 });
    expect(plain.clients!.map((c) => c.id)).toEqual(['p1', 'p2', 'c1']);
    expect(plain.safetyTicks).toBe(200);
    expect([plain.network, plain.faults, plain.scenario]).toEqual([undefined, undefined, undefined]);
    const network = { lossRate: 0.1 } as never;
    const faults = { crashRate: 0.1 } as never;
    const scenario = { steps: [] } as never;
    const given = kafkaRunOptions({ seed: 3, clients: 1, network, faults, scenario, safetyTicks: 50 });
    expect(given.clients!.map((c) => c.id)).toEqual(['p1', 'c1']);
    expect(given.network).toBe(network);
    expect(given.faults).toBe(faults);
    expect(given.scenario).toBe(scenario);
    expect(given.safetyTicks).toBe(50);
    // Producer p1 is client 1: its values start at 1000, p2's at 2000.
    expect(plain.clients!.map((c) => c.workload(ctx(0))?.args)).toEqual([1000, 2000, null]);
  });

  it('liveness: every producer, not the consumer, has a record acknowledged that it asked for after the network healed', () => {
    const { liveness } = kafkaRunOptions({ seed: 3, clients: 2 });
    expect(liveness!.progress).toBe('every producer has a record acknowledged after the network heals');
    const acked = (client: string, invokeTick: number) => ({ client, invokeTick, returnTick: invokeTick + 3, result: { kind: 'ack', offset: 0, leader: 'b1' } });
    const holds = (history: unknown[], settledTick: number | undefined) => liveness!.holds({ history, settledTick } as never);
    expect(holds([acked('p1', 101), acked('p2', 150)], 100)).toBe(true);
    expect(holds([acked('p1', 101)], 100)).toBe(false);
    expect(holds([acked('p1', 101), acked('p2', 100)], 100)).toBe(false);
    expect(holds([acked('p1', 101), acked('p2', 150)], undefined)).toBe(false);
    expect(holds([acked('p1', 101), { ...acked('p2', 150), returnTick: undefined }], 100)).toBe(false);
    expect(holds([acked('p1', 101), { ...acked('p2', 150), result: { kind: 'error', error: 'not-leader', leader: 'b1' } }], 100)).toBe(false);
    expect(holds([acked('p1', 101), acked('c1', 150)], 100)).toBe(false);
  });
});
