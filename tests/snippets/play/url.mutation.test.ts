/**
 * The player's URLs, one rule each: what the encoders refuse to write (so that every URL they make
 * reads back), and what the decoders refuse to read, each refusal naming the field and what is wrong.
 */
import { describe, expect, it } from 'vitest';
import type { Move } from '../../../snippets/explore/explorer.ts';
import { decodePath, decodeReplaySpec, decodeSpec, encodePath, encodeReplaySpec, encodeSpec, type PlaySpec, type ReplaySpec } from '../../../snippets/play/url.ts';

const run = (over: Partial<PlaySpec> = {}): PlaySpec => ({ scenario: 'normal-case', seed: 1, variant: undefined, actions: [], step: 0, ...over });
const replay = (over: Partial<ReplaySpec> = {}): ReplaySpec => ({ explore: 'vr', variant: undefined, nodes: 3, requests: 1, path: [], step: 0, ...over });
const read = (query: string) => decodeSpec(query, { scenario: 'normal-case' });
const readReplay = (rest: string) => decodeReplaySpec(`explore=vr&nodes=3&requests=1&${rest}`);

describe('writing a scenario run as a URL', () => {
  it('refuses an action argument that is not letters and digits, naming the action and the argument', () => {
    expect(() => encodeSpec(run({ actions: [{ at: 1, kind: 'crash', node: 'r-1' }] }))).toThrow('action crash: "r-1" cannot go in a URL (letters and digits only)');
  });

  it('refuses a scenario name outside letters, digits and "-"', () => {
    expect(() => encodeSpec(run({ scenario: 'view change' }))).toThrow('scenario "view change": letters, digits and "-" only');
  });

  it('refuses a variant name outside letters, digits and "-"', () => {
    expect(() => encodeSpec(run({ variant: 'no_quorum' }))).toThrow('variant "no_quorum": letters, digits and "-" only');
  });

  it('writes no `at` field when the reader took no action', () => {
    expect(encodeSpec(run())).toBe('scenario=normal-case&seed=1&step=0');
  });
});

describe('reading a scenario run from a URL', () => {
  it('refuses an explorer URL known by its path alone, or by its explore field alone', () => {
    expect(() => read('path=call.c1')).toThrow(/explore\/path: this is an explorer replay URL/);
    expect(() => read('explore=vr')).toThrow(/explore\/path: this is an explorer replay URL/);
  });

  it('refuses a variant name outside letters, digits and "-"', () => {
    expect(() => read('variant=a%20b')).toThrow('variant "a b": letters, digits and "-" only');
  });

  it('names the step field when the step is not a whole number', () => {
    expect(() => read('step=x')).toThrow('step: "x" is not a whole number');
  });

  it('takes only whole numbers of 1 to 9 digits, with nothing before or after', () => {
    expect(() => read('seed=x1')).toThrow('seed: "x1" is not a whole number');
    expect(() => read('seed=1x')).toThrow('seed: "1x" is not a whole number');
    expect(read('seed=123456789').seed).toBe(123456789);
  });

  it('refuses an action with no kind, quoting the empty kind', () => {
    expect(() => read('at=3')).toThrow('at "3": unknown action "" (crash, restart, isolate, partition, heal, drop, rates, call)');
  });

  it('names the action whose step is not a whole number', () => {
    expect(() => read('at=x.crash.r1')).toThrow('at "x.crash.r1": the step: "x" is not a whole number');
  });

  it('refuses an empty argument, in the singular for one argument', () => {
    expect(() => read('at=3.crash.')).toThrow(/^at "3\.crash\.": crash takes 1 argument$/);
  });

  it('counts the arguments of a partition, a heal, a drop and a rates change, in the plural', () => {
    expect(() => read('at=1.partition.r1')).toThrow(/^at "1\.partition\.r1": partition takes 2 arguments$/);
    expect(() => read('at=1.heal.r1')).toThrow(/^at "1\.heal\.r1": heal takes 0 arguments$/);
    expect(() => read('at=1.drop.r1')).toThrow(/^at "1\.drop\.r1": drop takes 2 arguments$/);
    expect(() => read('at=1.rates.5')).toThrow(/^at "1\.rates\.5": rates takes 2 arguments$/);
  });

  it('names the rate that is not a whole number', () => {
    expect(() => read('at=1.rates.x.5')).toThrow('at "1.rates.x.5": a rate: "x" is not a whole number');
  });

  it('takes rates of 0 to 100 percent: 100 is the top, 101 is refused for loss or duplication', () => {
    expect(read('at=1.rates.100.100').actions).toEqual([{ at: 1, kind: 'rates', lossPercent: 100, duplicatePercent: 100 }]);
    expect(() => read('at=1.rates.101.0')).toThrow('at "1.rates.101.0": rates are whole percent, 0 to 100');
    expect(() => read('at=1.rates.0.101')).toThrow('at "1.rates.0.101": rates are whole percent, 0 to 100');
  });

  it('refuses a call with an empty argument', () => {
    expect(() => read('at=1.call.put.')).toThrow('at "1.call.put.": call has an empty argument');
  });
});

describe('writing an explorer replay as a URL', () => {
  it('refuses an explore, variant or shape name outside letters, digits and "-", naming the field', () => {
    expect(() => encodeReplaySpec(replay({ explore: 'v r' }))).toThrow('explore "v r": letters, digits and "-" only');
    expect(() => encodeReplaySpec(replay({ variant: 'a_b' }))).toThrow('variant "a_b": letters, digits and "-" only');
    expect(() => encodeReplaySpec(replay({ shape: 'a.b' }))).toThrow('shape "a.b": letters, digits and "-" only');
  });

  it('refuses a move the explorer never takes (a clock event is the cluster\'s, not a move)', () => {
    expect(() => encodePath([{ kind: 'clock', tick: 1 } as Move])).toThrow('a path has no "clock" move (the explorer never takes one)');
  });

  it('refuses a move argument that is not letters and digits, naming the move and the argument', () => {
    expect(() => encodePath([{ kind: 'crash', node: 'r-1' }])).toThrow('move crash: "r-1" cannot go in a URL (letters and digits only)');
  });
});

describe('reading an explorer replay from a URL', () => {
  it('names the step field when the step is not a whole number', () => {
    expect(() => readReplay('path=call.c1&step=x')).toThrow('step: "x" is not a whole number');
  });

  it('gives no shape when the URL names none (not a shape of undefined)', () => {
    expect(readReplay('path=call.c1')).toStrictEqual({ explore: 'vr', variant: undefined, nodes: 3, requests: 1, path: [{ kind: 'call', client: 'c1' }], step: 1 });
  });

  it('gives no cut to a move that was not cut short', () => {
    expect(decodePath('deliver.1')).toStrictEqual([{ kind: 'deliver', copy: 1 }]);
  });

  it('reads a last argument as a cut only when it is all of "cut" and digits', () => {
    expect(decodePath('tick.rcut1')).toEqual([{ kind: 'tick', node: 'rcut1' }]);
    expect(decodePath('tick.cut1x')).toEqual([{ kind: 'tick', node: 'cut1x' }]);
    expect(decodePath('tick.r1.cut2')).toEqual([{ kind: 'tick', node: 'r1', crashAfter: 2 }]);
  });

  it('names the cut when its count is not a whole number', () => {
    expect(() => decodePath('deliver.1.cut1234567890')).toThrow('path "deliver.1.cut1234567890": the cut: "1234567890" is not a whole number');
  });

  it('refuses a move argument outside letters and digits, in the singular for one argument', () => {
    expect(() => decodePath('crash.r-1')).toThrow(/^path "crash\.r-1": crash takes 1 argument \(letters and digits\)$/);
  });

  it('refuses any bad argument of a move, not only when all are bad', () => {
    expect(() => decodePath('timeout.c1.x-1')).toThrow(/^path "timeout\.c1\.x-1": timeout takes 2 arguments \(letters and digits\)$/);
  });

  it('refuses a cut on a move that is not a step: lose, duplicate, call, timeout', () => {
    const notAStep = /only a step \(deliver, tick, ticks, restart\) can be cut, after at least 1 effect/;
    for (const text of ['lose.3.cut1', 'duplicate.3.cut1', 'call.c1.cut1', 'timeout.c1.1.cut1']) expect(() => decodePath(text), text).toThrow(notAStep);
  });
});
