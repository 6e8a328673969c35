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
  const run = kafkaReadLag();
  const log = kafkaLog.observe(run.final);

  it('p1 is acknowledged, b1 crashes, and c1 reads nothing from b2 with high watermark 0', () => {
    const produce = run.history.find((op) => op.op === 'produce')!;
    const consume = run.history.find((op) => op.op === 'consume')!;
    expect(produce.result).toEqual({ kind: 'ack', offset: 0, leader: 'b1' });
    expect(produce.returnTick).toBeLessThan(READ_LAG.crash);
    expect(consume.invokeOrder).toBeGreaterThan(produce.returnOrder!);
    expect(consume.result).toEqual({ kind: 'records', values: [], hw: 0, leader: 'b2' });
  });

  it('the checker finds the read missing the acknowledged record when the promise is made', () => {
    const checker = new ConformanceChecker({ ...kafkaLog.capabilities, readSeesAcked: true });
    expect(checker.finish(log)?.property).toBe('readSeesAcked');
  });

  it('under Kafka\'s declaration the run conforms: the record is kept and in the final log', () => {
    expect(new ConformanceChecker(kafkaLog.capabilities).finish(log)).toBeUndefined();
    expect(log.committed).toEqual(['1']);
  });

  it('the diagram shows the election and the empty read', () => {
    const diagram = scenarios['kafka-read-lag']!();
    expect(diagram).toMatch(/b2 elected leader, epoch 1/);
    expect(diagram).toMatch(/\[\] \(hw=0\)/);
  });
});
