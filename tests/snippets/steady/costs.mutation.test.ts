/**
 * The cost table's own rules (snippets/steady/costs.ts), for what costs.test.ts does not pin: each
 * design's name, the slowest append (max), and how a row and the table's header read. Written for
 * mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { costLines, majorityCost, majorityNodes, writeAllCost, type Cost } from '../../../snippets/steady/costs.ts';

describe('the cost table (session 17)', () => {
  it('the majority log runs 2f + 1 replicas named m1 (its leader) to m(2f + 1), so m2, the one made slow, is a follower', () => {
    expect(majorityNodes(1)).toEqual(['m1', 'm2', 'm3']);
    expect(majorityNodes(2)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('each design is named, and with every replica prompt no append takes longer than the four one-tick hops', () => {
    const writeAll = writeAllCost(1, 0);
    const majority = majorityCost(1, 0);
    expect([writeAll.design, majority.design]).toEqual(['write-all, f + 1 replicas', 'majority, 2f + 1 replicas']);
    expect([writeAll.maxTicks, majority.maxTicks]).toEqual([4, 4]);
    expect([writeAll.f, writeAll.slowTicks]).toEqual([1, 0]);
  });

  it('a row names the design, f, the replicas (write-all also needs the store), the slow replica, mean, max and messages', () => {
    const row = (o: Partial<Cost>): Cost => ({ design: 'write-all, f + 1 replicas', f: 1, replicas: 2, slowTicks: 0, appends: 20, meanTicks: 4, maxTicks: 4, messagesPerAppend: 2, ...o });
    expect(costLines([row({}), row({ design: 'majority, 2f + 1 replicas', replicas: 3, slowTicks: 10, meanTicks: 4.25, maxTicks: 9, messagesPerAppend: 4 })])).toEqual([
      'Simulated costs: 20 appends one after another, every message 1 virtual tick, no faults (virtual ticks, not wall-clock time).',
      '| design | f | replicas | slow replica | mean ticks per append | max | replica messages per append |',
      '| --- | ---: | ---: | --- | ---: | ---: | ---: |',
      '| write-all, f + 1 replicas | 1 | 2 + store | none | 4.0 | 4 | 2.0 |',
      '| majority, 2f + 1 replicas | 1 | 3 | 10 ticks | 4.3 | 9 | 4.0 |',
    ]);
  });
});
