/**
 * The cost comparison the note quotes (snippets/steady/costs.ts), from the simulator's virtual time:
 * the write-all log needs f + 1 replicas and waits for the slowest of them; the majority log needs
 * 2f + 1 and waits for the fastest f followers.
 */
import { describe, expect, it } from 'vitest';
import { costLines, costTable, majorityCost, writeAllCost } from '../../../snippets/steady/costs.ts';
import { demo } from '../../../snippets/steady/demo.ts';

describe('what each design costs, on the same workload', () => {
  it.each([1, 2])('f = %i: f + 1 replicas against 2f + 1, the same latency when every replica is prompt, and half the replica messages', (f) => {
    const writeAll = writeAllCost(f, 0);
    const majority = majorityCost(f, 0);
    expect([writeAll.replicas, majority.replicas]).toEqual([f + 1, 2 * f + 1]);
    expect(writeAll.appends).toBe(20);
    expect(majority.appends).toBe(20);
    // Client → primary, primary → backups, backups → primary, primary → client: one tick each.
    expect(writeAll.meanTicks).toBe(4);
    expect(majority.meanTicks).toBe(4);
    expect(writeAll.messagesPerAppend).toBe(2 * f);
    expect(majority.messagesPerAppend).toBe(4 * f);
  });

  it.each([1, 2])('f = %i, one replica 10 ticks late: write-all waits for it on every append, the majority log does not notice', (f) => {
    const writeAll = writeAllCost(f, 10);
    const majority = majorityCost(f, 10);
    expect(writeAll.appends).toBe(20);
    expect(writeAll.meanTicks).toBeGreaterThanOrEqual(4 + 9);
    expect(majority.meanTicks).toBe(4);
  });

  it('the demo prints the table: `npm run snippet -- steady --scenario costs`', () => {
    const text = demo.run({ seed: 1, mermaid: false, scenario: 'costs' });
    expect(text).toBe(costLines(costTable()).join('\n') + '\n');
    expect(text).toMatch(/\| write-all, f \+ 1 replicas \| 1 \| 2 \+ store \| 10 ticks \| 13\.0 \|/);
  });
});

describe('the demo', () => {
  it('runs the correct model clean, and each scripted variant run fails on its rule', () => {
    expect(demo.run({ seed: 3, mermaid: false })).toMatch(/Verdict: no acknowledged append lost/);
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'stale-primary', variant: 'reconfigure-without-seal' })).toMatch(/FAILED[^\n]*a sealed, stale primary appends nothing/);
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'ack-early', variant: 'ack-before-all-replicas' })).toMatch(/FAILED[^\n]*no acknowledged append is lost/);
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toThrow(/no steady variant named "nope"/);
  });
});

describe('the note quotes the measurement as it comes out', () => {
  it('every row of the cost table in content/notes/steady-state-vs-reconfiguration.md is a row of costTable()', async () => {
    const { readFileSync } = await import('node:fs');
    const note = readFileSync('content/notes/steady-state-vs-reconfiguration.md', 'utf8');
    const rows = [...note.matchAll(/^\| (write-all|majority) \| (\d) \| ([^|]+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \|$/gm)].map((m) => ({
      design: m[1], f: Number(m[2]), slow: Number(m[4]), ticks: Number(m[5]), messages: Number(m[6]),
    }));
    const measured = costTable().map((c) => ({
      design: c.design.startsWith('write-all') ? 'write-all' : 'majority', f: c.f, slow: c.slowTicks, ticks: Number(c.meanTicks.toFixed(1)), messages: Number(c.messagesPerAppend.toFixed(1)),
    }));
    expect(rows).toEqual(measured);
  });
});
