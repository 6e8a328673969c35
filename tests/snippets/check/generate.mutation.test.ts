/**
 * The contract of the generated histories (snippets/check/generate.ts) that the benchmark and the
 * other tests rely on without stating it: which operations carry an output, the mix of operations,
 * how a crashed operation takes effect, the values a client writes, when an operation takes effect
 * with a `requestDelayMax`, and which get a stale read goes to. (Written for mutation testing,
 * docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { generateKvHistory, generateRegisterHistory } from '../../../snippets/check/generate.ts';
import type { Operation } from '../../../snippets/check/history.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';

type KvOp = Operation<KvInput, KvOutput>;

/** The share of `history` whose input is `f`. */
const share = (history: readonly { input: { f: string } }[], f: string) => history.filter((op) => op.input.f === f).length / history.length;

/** The keys an operation record has, sorted. */
const fields = (op: object) => Object.keys(op).sort();

/**
 * With requestDelayMax 0 and no crashes, each operation takes effect at its call, ties in list order:
 * the key's value just before operation `upTo` (exclusive), folding the writes before it in the list.
 */
function valueBefore(history: readonly KvOp[], key: string, upTo: number): string {
  let value = '';
  for (const op of history.slice(0, upTo)) {
    if (op.input.key !== key) continue;
    if (op.input.f === 'append') value += op.input.value;
    else if (op.input.f === 'put') value = String(op.input.value);
  }
  return value;
}

describe('generated register histories', () => {
  it('a completed read carries the value it read, a completed cas whether it swapped, a write nothing; a crashed operation has no return and no output', () => {
    const history = generateRegisterHistory({ operations: 2_000, clients: 6, seed: 3, crashChance: 0.1 });
    expect(history.some((op) => op.return === undefined)).toBe(true);
    for (const op of history) {
      if (op.return === undefined) expect(fields(op)).toEqual(['call', 'input', 'process']);
      else if (op.input.f === 'write') expect(fields(op)).toEqual(['call', 'input', 'process', 'return']);
      else {
        expect(fields(op)).toEqual(['call', 'input', 'output', 'process', 'return']);
        if (op.input.f === 'cas') expect(typeof op.output).toBe('boolean');
        else expect(op.output === null || typeof op.output === 'number').toBe(true);
      }
    }
  });

  it('has as many operations as asked', () => {
    expect(generateRegisterHistory({ operations: 37, clients: 4, seed: 1 })).toHaveLength(37);
  });

  it('an operation takes effect anywhere between its call and its return: some read sees a write called after it', () => {
    const history = generateRegisterHistory({ operations: 2_000, clients: 8, seed: 4, values: 1_000_000 });
    const readsLater = history.some((r) => r.input.f === 'read' && history.some((w) => w.input.f === 'write' && w.call > r.call && w.input.value === r.output));
    expect(readsLater).toBe(true);
  });

  it('about half the operations are reads, 30 % writes and 20 % compare-and-sets', () => {
    const history = generateRegisterHistory({ operations: 4_000, clients: 8, seed: 5 });
    expect(share(history, 'read')).toBeCloseTo(0.5, 1);
    expect(share(history, 'write')).toBeCloseTo(0.3, 1);
    expect(share(history, 'cas')).toBeCloseTo(0.2, 1);
  });

  it('a crashed operation takes effect only sometimes: with one client, the read after a crashed write sees it or the value before', () => {
    // One client: each operation is called after the previous one returned (or crashed), so the history is sequential.
    const history = generateRegisterHistory({ operations: 4_000, clients: 1, seed: 2, crashChance: 0.2, values: 1_000_000 });
    let seen = 0;
    let missed = 0;
    for (let i = 0; i < history.length; i++) {
      const crashed = history[i]!;
      if (crashed.return !== undefined || crashed.input.f !== 'write') continue;
      const next = history.slice(i + 1).find((op) => op.input.f !== 'read' || op.return !== undefined);
      if (next?.input.f !== 'read') continue;
      if (next.output === crashed.input.value) seen++;
      else missed++;
    }
    expect(seen).toBeGreaterThan(10);
    expect(missed).toBeGreaterThan(10);
  });
});

describe('generated kv histories', () => {
  it('a completed get carries the value it read, an append or put nothing; a crashed operation has no return and no output', () => {
    const history = generateKvHistory({ operations: 2_000, clients: 20, seed: 4, crashChance: 0.1 });
    expect(history.some((op) => op.return === undefined && op.input.f === 'get')).toBe(true);
    for (const op of history) {
      if (op.return === undefined) expect(fields(op)).toEqual(['call', 'input', 'process']);
      else if (op.input.f === 'get') {
        expect(fields(op)).toEqual(['call', 'input', 'output', 'process', 'return']);
        expect(typeof op.output).toBe('string');
      } else expect(fields(op)).toEqual(['call', 'input', 'process', 'return']);
    }
  });

  it('has as many operations as asked, on the keys "0" to "n - 1"', () => {
    const history = generateKvHistory({ operations: 500, clients: 10, keys: 7, seed: 2 });
    expect(history).toHaveLength(500);
    expect(new Set(history.map((op) => op.input.key))).toEqual(new Set(['0', '1', '2', '3', '4', '5', '6']));
  });

  it('with requestDelayMax Infinity an operation takes effect anywhere up to its return: some get sees an append called after it, and it stays linearizable', () => {
    const history = generateKvHistory({ operations: 600, clients: 10, keys: 2, seed: 5, requestDelayMax: Infinity });
    expect(history).toHaveLength(600);
    const seesLater = history.some((g) => g.input.f === 'get' && history.some((a) => a.input.f === 'append' && a.call > g.call && String(g.output).includes(a.input.value)));
    expect(seesLater).toBe(true);
    expect(checkLinearizability(kvModel, history).ok).toBe(true);
  });

  it('45 % gets, 50 % appends, 5 % puts', () => {
    const history = generateKvHistory({ operations: 4_000, clients: 20, seed: 6 });
    expect(share(history, 'get')).toBeCloseTo(0.45, 1);
    expect(share(history, 'append')).toBeCloseTo(0.5, 1);
    expect(share(history, 'put')).toBeGreaterThan(0.03);
    expect(share(history, 'put')).toBeLessThan(0.07);
  });

  it('a client numbers the strings it appends or puts 0, 1, 2, … in the order it issues them ("x 3 17 y": client 3\'s 17th)', () => {
    const history = generateKvHistory({ operations: 1_000, clients: 10, seed: 8, crashChance: 0.05 });
    const issued = new Map<number | string, number>();
    for (const op of history) {
      if (op.input.f !== 'append' && op.input.f !== 'put') continue;
      const n = issued.get(op.process) ?? 0;
      issued.set(op.process, n + 1);
      expect(op.input.value).toBe(`x ${op.process} ${n} y`);
    }
    expect(Math.max(...issued.values())).toBeGreaterThan(20);
  });

  it('with requestDelayMax 0 each operation takes effect at its call, ties in the order listed: a get reads the writes listed before it', () => {
    const history = generateKvHistory({ operations: 2_000, clients: 40, keys: 3, seed: 1, durationTicksMax: 6, requestDelayMax: 0 });
    const calls = history.map((op) => op.call);
    expect(new Set(calls).size).toBeLessThan(calls.length / 2); // many operations share a call tick
    history.forEach((op, i) => {
      if (op.input.f === 'get') expect(op.output).toBe(valueBefore(history, String(op.input.key), i));
    });
  });

  it.each([2, 5])('with requestDelayMax %i an operation still takes effect between its call and its return: linearizable', (requestDelayMax) => {
    for (const seed of [1, 2, 3]) {
      const history = generateKvHistory({ operations: 1_000, clients: 10, keys: 2, seed, requestDelayMax });
      expect(checkLinearizability(kvModel, history).ok).toBe(true);
    }
  });

  it('a crashed append takes effect only sometimes: with one client, the get after it sees it or not', () => {
    const history = generateKvHistory({ operations: 4_000, clients: 1, keys: 1, seed: 3, crashChance: 0.2 });
    let seen = 0;
    let missed = 0;
    for (let i = 0; i < history.length; i++) {
      const crashed = history[i]!;
      if (crashed.return !== undefined || crashed.input.f !== 'append') continue;
      const next = history.slice(i + 1).find((op) => op.input.f !== 'get' || op.return !== undefined);
      if (next?.input.f !== 'get') continue;
      if (String(next.output).endsWith(crashed.input.value)) seen++;
      else missed++;
    }
    expect(seen).toBeGreaterThan(10);
    expect(missed).toBeGreaterThan(10);
  });
});

describe('a generated stale read', () => {
  it.each([
    { clients: 30, keys: 40, durationTicksMax: 12, staleReadAt: 0.3 },
    { clients: 40, keys: 2, durationTicksMax: 4, staleReadAt: 0.3 },
    { clients: 40, keys: 1, durationTicksMax: 4, staleReadAt: 0 },
  ])('goes to the first completed get past the fraction whose key had a write complete before its call, and reads the value from just before the last such write (%o)', ({ staleReadAt, ...shape }) => {
    for (let seed = 1; seed <= 12; seed++) {
      const workload = { ...shape, operations: 400, seed, requestDelayMax: 0 };
      const good = generateKvHistory(workload);
      const bad = generateKvHistory({ ...workload, staleReadAt });
      const completedBefore = (get: KvOp) =>
        good.filter((w) => w.input.f !== 'get' && w.input.key === get.input.key && w.return !== undefined && w.return < get.call);
      const expected = good.findIndex((op, i) => i >= Math.floor(staleReadAt * good.length) && op.input.f === 'get' && op.return !== undefined && completedBefore(op).length > 0);
      const changed = bad.flatMap((op, i) => (op.output !== good[i]!.output ? [i] : []));
      expect(changed).toEqual([expected]);
      // With requestDelayMax 0 a write takes effect at its call: the last one is the latest called (the first listed of a tie).
      const last = completedBefore(good[expected]!).reduce((a, b) => (b.call > a.call ? b : a));
      expect(bad[expected]!.output).toBe(valueBefore(good, String(last.input.key), good.indexOf(last)));
    }
  });

  it('makes the history non-linearizable', () => {
    const bad = generateKvHistory({ operations: 600, clients: 30, keys: 40, seed: 11, durationTicksMax: 12, requestDelayMax: 0, staleReadAt: 0.3 });
    expect(checkLinearizability(kvModel, bad).ok).toBe(false);
  });

  it('never goes to a crashed get (it has no output to change)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const workload = { operations: 400, clients: 10, keys: 4, seed, crashChance: 0.3 };
      const good = generateKvHistory(workload);
      const bad = generateKvHistory({ ...workload, staleReadAt: 0.5 });
      const changed = bad.filter((op, i) => op.output !== good[i]!.output);
      expect(changed).toHaveLength(1);
      expect(changed[0]!.return).toBeDefined();
      expect(checkLinearizability(kvModel, bad).ok).toBe(false);
    }
  });

  it('is refused when no get past the fraction can be made stale', () => {
    expect(() => generateKvHistory({ operations: 50, clients: 5, seed: 1, staleReadAt: 1 })).toThrow(
      'no get late enough to make stale: use more operations or an earlier staleReadAt',
    );
  });
});
