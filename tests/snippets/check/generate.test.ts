import { describe, expect, it } from 'vitest';
import { generateKvHistory, generateRegisterHistory } from '../../../snippets/check/generate.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { kvModel } from '../../../snippets/check/models/kv.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';

describe('generated register histories (for the benchmark)', () => {
  it('the same seed gives the same history', () => {
    const workload = { operations: 300, clients: 6, seed: 42, crashChance: 0.02 };
    expect(generateRegisterHistory(workload)).toEqual(generateRegisterHistory(workload));
  });

  it('operations of one client do not overlap, and clients overlap each other', () => {
    const history = generateRegisterHistory({ operations: 500, clients: 5, seed: 1 });
    const byClient = Map.groupBy(history, (op) => op.process);
    for (const ops of byClient.values()) ops.slice(1).forEach((op, i) => expect(op.call).toBeGreaterThan(ops[i]!.return!));
    expect(history.some((a) => history.some((b) => a.process !== b.process && a.call < b.call && b.call < a.return!))).toBe(true);
  });

  it.each([1, 2, 3, 4, 5])('are linearizable, with crashed clients too (seed %i)', (seed) => {
    const history = generateRegisterHistory({ operations: 2_000, clients: 5 + seed, seed, crashChance: 0.01 });
    expect(history.some((op) => op.return === undefined)).toBe(true);
    expect(checkLinearizability(registerModel, history).ok).toBe(true);
  });

  it('become non-linearizable when one read returns a value never written', () => {
    const history = generateRegisterHistory({ operations: 2_000, clients: 8, seed: 9 });
    const at = history.findIndex((op, i) => i > 1_000 && op.input.f === 'read');
    const broken = history.map((op, i) => (i === at ? { ...op, output: 'never written' } : op));
    const result = checkLinearizability(registerModel, broken);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.counterexample.order.length).toBeGreaterThan(900);
  });

  it('100k operations are checked without overflowing the call stack (the search is iterative)', () => {
    const history = generateRegisterHistory({ operations: 100_000, clients: 8, seed: 1 });
    expect(checkLinearizability(registerModel, history).ok).toBe(true);
  });
});

describe('generated kv histories with appends (for the benchmark)', () => {
  it('the same seed gives the same history; appends carry strings unique to client and operation', () => {
    const workload = { operations: 300, clients: 20, seed: 7 };
    const history = generateKvHistory(workload);
    expect(generateKvHistory(workload)).toEqual(history);
    const appended = history.flatMap((op) => (op.input.f === 'append' ? [op.input.value] : []));
    expect(appended.length).toBeGreaterThan(100);
    expect(new Set(appended).size).toBe(appended.length);
  });

  it.each([1, 2, 3])('are linearizable by construction, with crashed clients too (seed %i)', (seed) => {
    const history = generateKvHistory({ operations: 1_000, clients: 50, keys: 10, seed, crashChance: 0.01 });
    expect(history.some((op) => op.return === undefined)).toBe(true);
    expect(checkLinearizability(kvModel, history).ok).toBe(true);
  });

  it.each([1, 2, 3])('a stale read makes them non-linearizable, and the counterexample is that read (seed %i)', (seed) => {
    const good = generateKvHistory({ operations: 1_000, clients: 10, keys: 10, seed });
    const bad = generateKvHistory({ operations: 1_000, clients: 10, keys: 10, seed, staleReadAt: 0.5 });
    const changed = bad.findIndex((op, i) => op.output !== good[i]!.output);
    expect(bad.filter((op, i) => op.output !== good[i]!.output)).toHaveLength(1);
    const result = checkLinearizability(kvModel, bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.counterexample.stuck).toBe(bad[changed]);
  });
});
