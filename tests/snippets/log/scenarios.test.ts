/**
 * The run the note draws for Kafka's read (snippets/log/scenarios.ts): a consumer reads after an
 * acknowledgement and is served nothing. The conformance checker flags it when a read is promised to
 * see earlier acknowledgements, and passes it under Kafka's own declaration.
 */
import { describe, expect, it } from 'vitest';
import { ConformanceChecker } from '../../../snippets/log/conformance.ts';
import { kafkaLog } from '../../../snippets/log/backends/kafka.ts';
import { kafkaReadLag, READ_LAG, scenarios } from '../../../snippets/log/scenarios.ts';

describe('Kafka: a read after an acknowledgement, served by a new leader', () => {
  // Each test runs the scenario itself: a run made in the describe body is made while no test runs,
  // so Stryker would count scenarios.ts as static and leave its mutants out (docs/mutation.md).
  it('each client makes one call: p1 produces once, c1 consumes once', () => {
    expect(kafkaReadLag().history.map((op) => `${op.client} ${op.op}`)).toEqual(['p1 produce', 'c1 consume']);
  });

  it('p1 is acknowledged, b1 crashes, and c1 reads nothing from b2 with high watermark 0', () => {
    const run = kafkaReadLag();
    const produce = run.history.find((op) => op.op === 'produce')!;
    const consume = run.history.find((op) => op.op === 'consume')!;
    expect(produce.result).toEqual({ kind: 'ack', offset: 0, leader: 'b1' });
    expect(produce.returnTick).toBeLessThan(READ_LAG.crash);
    expect(consume.invokeOrder).toBeGreaterThan(produce.returnOrder!);
    expect(consume.result).toEqual({ kind: 'records', values: [], hw: 0, leader: 'b2' });
  });

  it('the checker finds the read missing the acknowledged record when the promise is made', () => {
    const log = kafkaLog.observe(kafkaReadLag().final);
    const checker = new ConformanceChecker({ ...kafkaLog.capabilities, readSeesAcked: true });
    expect(checker.finish(log)?.property).toBe('readSeesAcked');
  });

  it('under Kafka\'s declaration the run conforms: the record is kept and in the final log', () => {
    const log = kafkaLog.observe(kafkaReadLag().final);
    expect(new ConformanceChecker(kafkaLog.capabilities).finish(log)).toBeUndefined();
    expect(log.committed).toEqual(['1']);
  });

  it('the diagram shows the election and the empty read', () => {
    const diagram = scenarios['kafka-read-lag']!();
    expect(diagram).toMatch(/b2 elected leader, epoch 1/);
    expect(diagram).toMatch(/\[\] \(hw=0\)/);
  });

  it('the diagram draws both clients, p1 producing to b1 and acknowledged before b1 crashes', () => {
    const lines = scenarios['kafka-read-lag']!().split('\n').map((l) => l.trim());
    expect(lines).toContain('actor p1');
    expect(lines).toContain('actor c1');
    const produce = lines.indexOf('p1->>b1: produce 1');
    const ack = lines.findIndex((l) => l.startsWith('b1-->>p1: ack'));
    const crash = lines.indexOf('Note over b1: crashed');
    expect(produce).toBeGreaterThan(0);
    expect(ack).toBeGreaterThan(produce);
    expect(crash).toBeGreaterThan(ack);
  });
});
