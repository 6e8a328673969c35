import { describe, expect, it } from 'vitest';
import { formatFailure, formatTrace, seeds, type RunResult } from '../../../snippets/sim/index.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { checkRegister, FAULTY, runRegister, type RegisterRun } from '../../../snippets/quorums/run-register.ts';
import { staleReadProbability } from '../../../snippets/quorums/stale-read.ts';
import type { RegisterTypes } from '../../../snippets/quorums/register.ts';
import { halfFinishedWrite, restartedWriter, scenarios } from '../../../snippets/quorums/scenarios.ts';
import { seedCount } from '../../support/mutation-seeds.ts';

/** The first seed whose run breaks linearizability, with the counterexample to print. */
function firstViolation(run: Omit<RegisterRun, 'seed'>, seedList: number[]) {
  for (const seed of seedList) {
    const result = runRegister({ ...run, seed });
    const check = checkRegister(result);
    if (!check.ok) return { seed, text: counterexampleText(registerModel, check.counterexample) };
  }
  return undefined;
}

function explain(result: RunResult<RegisterTypes>): string {
  return result.ok ? '' : formatFailure(result);
}

describe('quorum register, R + W > N (Dynamo §4.5; ABD)', () => {
  it.each([
    { n: 3, r: 2, w: 2 },
    { n: 5, r: 3, w: 3 },
    { n: 5, r: 2, w: 4 },
  ])('is linearizable under loss, duplication, reordering, partitions and crashes, and recovers: %j', (nrw) => {
    for (const seed of seeds(seedCount(nrw.n === 3 ? 250 : 120))) {
      const result = runRegister({ ...nrw, seed, ...FAULTY });
      expect(result.ok, `seed ${seed}: ${explain(result)}`).toBe(true);
      const check = checkRegister(result);
      expect(check.ok, `seed ${seed} is not linearizable:\n${check.ok ? '' : counterexampleText(registerModel, check.counterexample)}`).toBe(true);
    }
  });

  it('contacting one random quorum (not everyone) is linearizable too', () => {
    for (const seed of seeds(seedCount(100))) {
      const result = runRegister({ n: 5, r: 3, w: 3, contact: 'quorum', seed, ...FAULTY });
      expect(checkRegister(result).ok, `seed ${seed}`).toBe(true);
    }
  });
});

describe('broken variant: R + W ≤ N', () => {
  it('the checker finds a stale read, with the seed that reproduces it', () => {
    const violation = firstViolation({ n: 3, r: 1, w: 1, ...FAULTY }, seeds(50));
    expect(violation, 'no seed of 50 produced a stale read').toBeDefined();
    expect(violation!.text).toMatch(/Cannot place: read\(\) → /);
    expect(violation!.seed).toBeGreaterThan(0);
  });

  it('even with no faults at all, a read can miss an acknowledged write', () => {
    const violation = firstViolation({ n: 5, r: 2, w: 2, contact: 'quorum' }, seeds(50));
    expect(violation).toBeDefined();
  });
});

describe('broken variant: reads that skip the write-back (ABD)', () => {
  it('a read sees a half-finished write, and a later read does not: the checker rejects the history', () => {
    const check = checkRegister(halfFinishedWrite(false));
    expect(check.ok).toBe(false);
    const text = check.ok ? '' : counterexampleText(registerModel, check.counterexample);
    expect(text).toMatch(/read\(\) → 7/);
    expect(text).toMatch(/Cannot place: read\(\) → null/);
  });

  it('the same run with the write-back is linearizable: the second read returns 7', () => {
    const result = halfFinishedWrite(true);
    expect(checkRegister(result).ok).toBe(true);
    expect(result.history.filter((op) => op.op === 'read').map((op) => (op.result as { value: number }).value)).toEqual([7, 7]);
  });
});

describe('broken variant: writer and op ids restart after a crash (issue 29 §3)', () => {
  const reads = (result: RunResult<RegisterTypes>) => result.history.filter((op) => op.op === 'read').map((op) => (op.result as { value: number | null }).value);

  it('scripted: the restarted r1 writes 222 under the version (1, r1.1) that r2 holds for 111; the invariant catches it', () => {
    const broken = restartedWriter(false);
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.message).toMatch(/a version names one value.*version \(1, r1\.1\) names 222 on r1 and 111 on r2/);
  });

  it('scripted, run on past the invariant: c3 reads 111 after the write of 222 completed, c4 then reads 222, and the checker rejects the history', () => {
    const broken = restartedWriter(false, false);
    expect(reads(broken)).toEqual([111, 222]);
    const check = checkRegister(broken);
    expect(check.ok).toBe(false);
    const text = check.ok ? '' : counterexampleText(registerModel, check.counterexample);
    expect(text).toMatch(/read\(\) → 111/);
    expect(text).toMatch(/Cannot place: read\(\) → 222/);
  });

  it('with the incarnation the new write is (1, r1.1.1), newer than 111\'s (1, r1.1): both reads return 222 and the history is linearizable', () => {
    const result = restartedWriter(true);
    expect(result.ok, explain(result)).toBe(true);
    expect(reads(result)).toEqual([222, 222]);
    expect(checkRegister(result).ok).toBe(true);
    const trace = formatTrace(result.trace).split('\n');
    const restart = trace.findIndex((l) => / r1 +restart /.test(l));
    expect(trace[restart + 1], 'the boot count is on disk before r1 speaks').toMatch(/ r1 +persist +nothing; boot 1$/);
    expect(trace.join('\n')).toMatch(/store 222 \(v1 by r1\.1\.1\), op 1\.1/);
  });
});

describe('the note describes the writer-ids-restart diagram', () => {
  it('111 reaches only r2; after the restart 222 takes the same version (1, r1.1); c3 reads 111, c4 reads 222', () => {
    const lines = scenarios['writer-ids-restart']!().split('\n').map((l) => l.trim());
    expect(lines).toEqual(expect.arrayContaining([
      'r1->>r2: store 111 (v1 by r1.1), op 1', 'Note over r1,r3: store 111 (v1 by r1.1), op 1 r1→r3 lost (partition)', 'Note over r1: crashed',
      'r1->>r3: store 222 (v1 by r1.1), op 1', 'r1-->>c2: ok', 'r3->>r2: has 222 (v1 by r1.1), op 1', 'r2-->>c3: read 111', 'r3-->>c4: read 222',
    ]));
  });
});

describe('stale-read probability for R + W ≤ N', () => {
  /**
   * One write then one read on a fresh cluster, each to a uniformly random quorum: the read is stale
   * when its R replicas miss the write's W. Over many seeds the fraction must match C(N−W, R)/C(N, R)
   * within four standard errors (a false alarm about once in 16,000 runs of this test).
   */
  it.each([
    [5, 1, 2],
    [5, 2, 2],
    [6, 2, 3],
  ])('N=%i R=%i W=%i: the simulated fraction matches the closed form', (n, r, w) => {
    const trials = 1500;
    let stale = 0;
    for (const seed of seeds(trials)) {
      const result = runRegister({ seed, n, r, w, contact: 'quorum', clients: 1, operations: 2, safetyTicks: 60, sequence: ['write', 'read'] });
      const read = result.history.find((op) => op.op === 'read');
      expect(read?.returnTick, `seed ${seed}: the read must return`).toBeDefined();
      if ((read!.result as { value: number | null }).value === null) stale++;
    }
    const p = staleReadProbability(n, r, w);
    const standardError = Math.sqrt((p * (1 - p)) / trials);
    expect(Math.abs(stale / trials - p)).toBeLessThanOrEqual(4 * standardError);
  });
});
