import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../snippets/sim/index.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { checkRegister, FAULTY, runRegister } from '../../../snippets/quorums/run-register.ts';
import type { RegisterTypes } from '../../../snippets/quorums/register.ts';

/**
 * Seeds found by random search (docs/random-search.md, "ABD"): N = 3, R = W = 2, one random quorum,
 * the faulty network. In each, the network duplicates a client's write request and, without
 * recognising the copy, the coordinator runs the write twice.
 */
const SEEDS = [1394, 5502, 8010];
const run = (seed: number, rerunDuplicates: boolean) => runRegister({ n: 3, r: 2, w: 2, contact: 'quorum', seed, ...FAULTY, rerunDuplicates });

/** Every version under which a replica wrote each value to disk, from the trace's persist lines (`2001 (v1 by r1.2)`). */
function versionsByValue(result: RunResult<RegisterTypes>): Map<number, Set<string>> {
  const versions = new Map<number, Set<string>>();
  for (const event of result.trace.events) {
    if (event.kind !== 'persist') continue;
    const match = /^(\d+) \((v\d+ by \S+)\)/.exec(event.label);
    if (!match) continue;
    const value = Number(match[1]);
    versions.set(value, (versions.get(value) ?? new Set()).add(match[2]!));
  }
  return versions;
}

const storedTwice = (result: RunResult<RegisterTypes>) => [...versionsByValue(result)].filter(([, v]) => v.size > 1).map(([value]) => value);

describe('a duplicated request is one operation, not two', () => {
  it('broken variant rerunDuplicates, seed 1394: 2001 is stored at v1 by r1.2, then again at v2 by r1.4; reads see 3001, then 2001', () => {
    const result = run(1394, true);
    expect(versionsByValue(result).get(2001)).toEqual(new Set(['v1 by r1.2', 'v2 by r1.4']));
    const check = checkRegister(result);
    expect(check.ok).toBe(false);
    const text = check.ok ? '' : counterexampleText(registerModel, check.counterexample);
    expect(text).toMatch(/read\(\) → 3001/);
    expect(text).toMatch(/Cannot place: read\(\) → 2001/);
  });

  it.each(SEEDS)('broken variant rerunDuplicates, seed %i: some value is stored under two versions and the history is not linearizable', (seed) => {
    const result = run(seed, true);
    expect(storedTwice(result)).not.toEqual([]);
    expect(checkRegister(result).ok).toBe(false);
  });

  it.each(SEEDS)('the register, seed %i: the copy is recognised, each value has one version, and the history is linearizable', (seed) => {
    const result = run(seed, false);
    expect(result.trace.events.some((e) => e.kind === 'duplicate'), 'the run still duplicates messages').toBe(true);
    expect(storedTwice(result)).toEqual([]);
    const check = checkRegister(result);
    expect(check.ok, check.ok ? '' : counterexampleText(registerModel, check.counterexample)).toBe(true);
  });
});
