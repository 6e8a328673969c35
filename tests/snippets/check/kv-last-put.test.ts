/**
 * The kv refutation's third rule (models/kv-refute.ts): a get is refuted when, for every put that can
 * be the last before it, an append that must follow that put (by real time, or because another get
 * read it after the put's value) returned before the get was called and is missing from its value.
 * Against the brute-force oracle on small one-key histories (unique append strings, or a few that repeat), shaped like the
 * stale reads the bench makes: puts overlapping appends, and one get's value set back to an earlier state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../snippets/check/history.ts';
import type { KvInput, KvOutput } from '../../../snippets/check/models/kv.ts';
import { refuteKv } from '../../../snippets/check/models/kv-refute.ts';
import { kvModel } from '../../../snippets/check/models/kv.ts';
import { bruteForceLinearizable } from './brute-force.ts';

type KvOperation = Operation<KvInput, KvOutput>;

const slot = fc.record({
  client: fc.nat(3),
  gap: fc.nat(2),
  duration: fc.nat(8),
  effect: fc.nat(100),
  kind: fc.constantFrom('get', 'get', 'append', 'append', 'append', 'put', 'put'),
  stale: fc.nat(1000),
});

/** Strings an append adds: unique to the slot, or drawn from a few that repeat and can be cut into one another. */
type Strings = 'unique' | 'ambiguous';
const ambiguous = ['a', 'b', 'ab', 'ba', 'aba'];

/** One key: outputs of an atomic run in effect order, then (if asked) one get set back to an earlier value. */
const histories = (strings: Strings) => fc.record({ slots: fc.array(slot, { minLength: 4, maxLength: 10 }), staleGet: fc.nat(3).map((n) => n > 0) }).map(({ slots, staleGet }) => {
  const cursor = [0, 0, 0, 0];
  const laid = slots.map((s, i) => {
    const call = cursor[s.client]! + s.gap;
    const end = call + s.duration;
    cursor[s.client] = end + 1;
    const unique = `${s.kind === 'put' ? 'P' : 'a'}${i};`;
    const value = strings === 'ambiguous' && s.kind === 'append' ? ambiguous[s.stale % ambiguous.length]! : unique;
    const input: KvInput = s.kind === 'get' ? { f: 'get', key: 'k' } : { f: s.kind, key: 'k', value };
    return { s, call, end, at: call + (s.duration * s.effect) / 100, input };
  });
  const outputs = new Array<string | undefined>(laid.length);
  const seen: string[] = [''];
  let value = '';
  for (const i of [...laid.keys()].sort((a, b) => laid[a]!.at - laid[b]!.at || a - b)) {
    const { input } = laid[i]!;
    if (input.f === 'get') outputs[i] = value;
    else if (input.f === 'append') value += input.value;
    else if (input.f === 'put') value = input.value as string;
    seen.push(value);
  }
  const gets = laid.flatMap((l, i) => (l.input.f === 'get' ? [i] : []));
  if (staleGet && gets.length > 0) {
    const g = gets[laid[0]!.s.stale % gets.length]!;
    outputs[g] = seen[laid[g]!.s.stale % seen.length]!;
  }
  return laid.map(({ s, call, end, input }, i): KvOperation => {
    const base = { process: s.client, call, return: end, input };
    return outputs[i] === undefined ? base : { ...base, output: outputs[i] };
  });
});

const byLastPut = (reason: string | undefined) => reason?.includes('can follow none of the puts') ?? false;

describe('refuting a get by the appends that must follow each put that can be last before it', () => {
  const firesSoundly = (strings: Strings, runs: number, least: number) => {
    let fired = 0;
    fc.assert(
      fc.property(histories(strings), (history) => {
        const refutation = refuteKv(history);
        if (!refutation || !byLastPut(refutation.reason)) return;
        fired++;
        expect(bruteForceLinearizable(kvModel, history)).toBe(false);
      }),
      { numRuns: runs },
    );
    expect(fired).toBeGreaterThan(least);
  };

  it('fires only on keys with no linearization, and does fire (unique append strings, as Jepsen and Porcupine write them)', () => {
    firesSoundly('unique', 20_000, 25);
  });

  it('stays sound when append strings repeat or can be cut into one another', () => {
    firesSoundly('ambiguous', 20_000, 8);
  });

  it('a bench stale read it refutes: the missed append overlaps the put the value starts with', () => {
    // put P; append a (ends after P ends) must follow P, since get r read P then a; the stale get misses a.
    const op = (process: number, call: number, ret: number, input: KvInput, output?: string): KvOperation =>
      output === undefined ? { process, call, return: ret, input } : { process, call, return: ret, input, output };
    const history = [
      op(0, 0, 10, { f: 'put', key: 'k', value: 'P;' }),
      op(1, 5, 12, { f: 'append', key: 'k', value: 'a;' }),
      op(2, 11, 20, { f: 'get', key: 'k' }, 'P;a;'),
      op(3, 13, 14, { f: 'get', key: 'k' }, 'P;'),
    ];
    const refutation = refuteKv(history);
    expect(refutation?.stuck).toBe(history[3]);
    expect(refutation?.reason).toContain('after put("k", "P;") comes append("k", "a;")');
    expect(bruteForceLinearizable(kvModel, history)).toBe(false);
  });
});
