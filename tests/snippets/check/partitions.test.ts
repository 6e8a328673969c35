/**
 * Issue 28: partitions are searched smallest first, taking turns, and the check stops at the first
 * one that is not linearizable; with a time limit the answer may be "unknown", never a wrong verdict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verdictText } from '../../../snippets/check/counterexample.ts';
import { generateKvHistory } from '../../../snippets/check/generate.ts';
import type { Operation } from '../../../snippets/check/history.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { bruteForceLinearizable } from './brute-force.ts';

type KvOp = Operation<KvInput, KvOutput>;

/** A linearizable key that takes the search a long time: 50 clients, effects anywhere in their intervals. */
function slowKey(key: string): KvOp[] {
  return generateKvHistory({ operations: 400, clients: 50, keys: 1, seed: 3, requestDelayMax: Infinity }).map((op) => ({ ...op, input: { ...op.input, key } }));
}

/** One client's sequential appends and reads, with one read wrong near the start: fails at once. */
function quickBadKey(key: string, operations: number): KvOp[] {
  const ops: KvOp[] = [];
  let value = '';
  for (let i = 0; i < operations; i++) {
    const t = 10_000 + 2 * i;
    if (i % 2 === 0) {
      value += `${i},`;
      ops.push({ process: 'Z', call: t, return: t + 1, input: { f: 'append', key, value: `${i},` } });
    } else {
      ops.push({ process: 'Z', call: t, return: t + 1, input: { f: 'get', key }, output: i === 3 ? 'wrong' : value });
    }
  }
  return ops;
}

describe('partitions: smallest first, in turns, stop at the first illegal one', () => {
  it('the slow key really is slow: its search does not finish in five turns', () => {
    const result = checkLinearizability(kvModel, slowKey('slow'), { timeoutMs: 5, now: counter() });
    expect(result.verdict).toBe('unknown');
  });

  it('a small illegal key after a slow legal one is reported, and the slow one left unfinished', () => {
    const result = checkLinearizability(kvModel, [...slowKey('slow'), ...quickBadKey('bad', 20)]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.counterexample.label).toBe('key "bad"');
    expect(result.unchecked.map((p) => p.label)).toEqual(['key "slow"']);
  });

  it('a larger illegal key after a slow legal one is found too, taking turns (not waiting for the slow one)', () => {
    const slow = slowKey('slow');
    const bad = quickBadKey('bad', 2 * slow.length);
    const result = checkLinearizability(kvModel, [...slow, ...bad]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.counterexample.label).toBe('key "bad"');
    const [unfinished] = result.unchecked;
    expect(unfinished?.label).toBe('key "slow"');
    expect(unfinished?.progress?.explored).toBeGreaterThan(0);
    expect(unfinished!.progress!.placed).toBeLessThan(unfinished!.progress!.completed);
    expect(verdictText(result)).toMatch(/1 of 2 independent keys; the check stops at the first key that fails: 0 others linearizable, 1 not checked/);
  });

  it('keys that are all linearizable are all checked', () => {
    const history = generateKvHistory({ operations: 400, clients: 10, keys: 4, seed: 1 });
    const result = checkLinearizability(kvModel, history);
    expect(result.ok).toBe(true);
    expect(result.partitions).toHaveLength(4);
    expect(result.unchecked).toEqual([]);
  });
});

/** A clock that moves one millisecond each time it is read: deadlines without real time. */
function counter(): () => number {
  let t = 0;
  return () => t++;
}

describe('a deadline gives "unknown", never a wrong verdict', () => {
  it('a hard search stopped by its deadline says unknown and how far it got', () => {
    const result = checkLinearizability(kvModel, slowKey('slow'), { timeoutMs: 3, now: counter() });
    expect(result.verdict).toBe('unknown');
    expect(result.ok).toBeUndefined();
    expect(result.unchecked[0]?.progress?.explored).toBeGreaterThan(0);
    expect(verdictText(result)).toMatch(/^Unknown: no answer within 0\.003 s\. 0 of 1 independent keys found linearizable; still searching key "slow": \d+ of \d+ placed, \d+ configurations\.$/);
  });

  it('whatever the deadline, the verdict is unknown or the true one (small random register histories)', () => {
    const op = fc.record({
      process: fc.constantFrom('A', 'B', 'C'),
      call: fc.nat(6),
      length: fc.nat(3),
      pending: fc.boolean(),
      write: fc.boolean(),
      value: fc.constantFrom(null, 1, 2),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), fc.nat(3), (raw, timeoutMs) => {
        // One operation at a time per process: lay each process's operations end to end.
        const free = new Map<string, number>();
        const history = raw.map((r) => {
          const call = Math.max(r.call, free.get(r.process) ?? 0);
          free.set(r.process, r.pending ? Infinity : call + r.length + 1);
          const input = r.write ? { f: 'write' as const, value: r.value } : { f: 'read' as const };
          if (r.pending) return { process: r.process, call, input };
          return r.write ? { process: r.process, call, return: call + r.length, input } : { process: r.process, call, return: call + r.length, input, output: r.value };
        }).filter((o) => Number.isFinite(o.call));
        const result = checkLinearizability(registerModel, history, { timeoutMs, now: counter() });
        if (result.verdict !== 'unknown') expect(result.ok).toBe(bruteForceLinearizable(registerModel, history));
      }),
      { numRuns: 300 },
    );
  });
});
