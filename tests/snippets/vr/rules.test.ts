/**
 * Issue 29 §5: the VR rules no test pinned. Each safety rule has a broken variant and a scripted run
 * where breaking it loses a committed operation, and where keeping it does not. Two rules only make
 * the group faster (the new primary's commit-number, the PrepareOKs after StartView): breaking them
 * delays commits but loses nothing, over seeds as well.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure, seeds, type RunResult } from '../../../snippets/sim/index.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { kvModel } from '../../../snippets/check/models/kv.ts';
import { checkVr, FAULTY, runVr } from '../../../snippets/vr/run-vr.ts';
import { commitAfterViewChange, recoveryAnswers, startViewChangeRound } from '../../../snippets/vr/scenarios.ts';
import { vrVariants } from '../../../snippets/vr/variants.ts';
import type { VrTypes } from '../../../snippets/vr/types.ts';
import { seedCount } from '../../support/mutation-seeds.ts';

const explain = (result: RunResult<VrTypes>): string => (result.ok ? '' : formatFailure(result, 40));
const results = (result: RunResult<VrTypes>) => result.history.map((op) => (op.result as { result: unknown } | undefined)?.result);
const notes = (result: RunResult<VrTypes>) => result.trace.events.flatMap((e) => (e.kind === 'note' ? [`${e.tick} ${e.node} ${e.text}`] : []));

describe('the StartViewChange round (VRR §4.2 step 2, §8.2)', () => {
  const broken = vrVariants['no-start-view-change-round'].config;

  it('without it, r3\'s DoViewChange from before its crash arrives after it recovered and helped commit put(x, 1): r2 starts view 1 without the put', () => {
    const result = startViewChangeRound(broken);
    expect(notes(result)).toContain('32 r3 recovered in view 0, op-number 0');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/committed operations survive .*: r2, primary of view 1, has nothing at op-number 1, where c1#1 was committed/);
  });

  it('and the client sees it: get(x) in view 1 returns null after put(x, 1) returned', () => {
    const check = checkVr(startViewChangeRound(broken, false));
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : counterexampleText(kvModel, check.counterexample)).toMatch(/Cannot place: get\("x"\) → null/);
  });

  it('with it, r3 had sent only StartViewChange; the view change it sets off collects r3\'s new log, and get(x) returns 1', () => {
    const result = startViewChangeRound({});
    expect(result.ok, explain(result)).toBe(true);
    expect(notes(result)).toContain('45 r2 primary of view 1, op-number 1');
    expect(results(result)).toEqual([null, 1]);
  });
});

describe('recovery waits for f + 1 answers (VRR §4.3 step 3)', () => {
  it('on one answer, r3 copies r1, primary of the older view 0, and helps it commit put(x, 2) where put(x, 1) was committed in view 1', () => {
    const result = recoveryAnswers(vrVariants['recover-on-one-answer'].config, false);
    expect(notes(result)).toContain('38 r3 recovered in view 0, op-number 0');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/no two different operations are committed at the same op-number .*op-number 1: r2 committed c1#1 \(view 1\), r1 committed c2#1 \(view 0\)/);
  });

  it('with f + 1, r3 stays recovering while r2\'s answer is lost, so r1 cannot commit and nothing is lost', () => {
    const result = recoveryAnswers({}, false);
    expect(result.ok, explain(result)).toBe(true);
    expect(result.final.nodes.find((n) => n.id === 'r3')!.state?.status).toBe('recovering');
    expect(result.history[1]!.returnTick).toBeUndefined();
  });
});

describe('recovery copies the primary of the latest view reported (VRR §4.3 step 3)', () => {
  it('copying the first primary that answered, r3 takes r1\'s view-0 state although r2 reported view 1, and the same put(x, 2) commits over put(x, 1)', () => {
    const result = recoveryAnswers(vrVariants['recover-from-older-primary'].config, true);
    expect(notes(result)).toContain('38 r3 recovered in view 0, op-number 0');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/op-number 1: r2 committed c1#1 \(view 1\), r1 committed c2#1 \(view 0\)/);
  });

  it('by the rule, the same answers put r3 in view 1 with put(x, 1), and r1 cannot commit put(x, 2)', () => {
    const result = recoveryAnswers({}, true);
    expect(result.ok, explain(result)).toBe(true);
    expect(notes(result)).toContain('38 r3 recovered in view 1, op-number 1');
    expect(result.history[1]!.returnTick).toBeUndefined();
  });
});

/** The tick at which r2, primary of view 1, executed put(x, 1) (it replies to c1 then). */
const executedAt = (result: RunResult<VrTypes>) => result.trace.events.find((e) => e.node === 'r2' && e.kind === 'reply')?.tick;

/** Safety, liveness after the heal and linearizability over seeds, with a variant's config. */
function safeOverSeeds(name: keyof typeof vrVariants, count: number) {
  for (const seed of seeds(seedCount(count))) {
    const result = runVr({ ...FAULTY, seed, config: vrVariants[name].config });
    expect(result.ok, `${name}, seed ${seed}: ${explain(result)}`).toBe(true);
    const check = checkVr(result);
    expect(check.ok, `${name}, seed ${seed} is not linearizable:\n${check.ok ? '' : counterexampleText(kvModel, check.counterexample)}`).toBe(true);
  }
}

describe('the new primary takes the largest commit-number received (VRR §4.2 step 3): a speed rule', () => {
  it('with it, r2 executes put(x, 1), which r3 knew committed, as it starts view 1; with its own k = 0, a PrepareOK round later', () => {
    const rule = commitAfterViewChange({}, true);
    const own = commitAfterViewChange(vrVariants['new-primary-own-commit-number'].config, true);
    expect(rule.ok, explain(rule)).toBe(true);
    expect(own.ok, explain(own)).toBe(true);
    expect(notes(rule)).toContain('28 r2 primary of view 1, op-number 1');
    expect(executedAt(rule)).toBe(28);
    expect(executedAt(own)).toBe(30);
  });

  it('and with its own k nothing is lost: 100 faulty seeds stay safe, live and linearizable', () => {
    safeOverSeeds('new-primary-own-commit-number', 100);
  });
});

describe('backups answer StartView with PrepareOK (VRR §4.2 step 5): a speed rule', () => {
  it('with it, an entry nobody knew committed commits one round trip after StartView; without, only when r2 resends the Prepare', () => {
    const rule = commitAfterViewChange({}, false);
    const silent = commitAfterViewChange(vrVariants['no-prepare-ok-after-start-view'].config, false);
    expect(rule.ok, explain(rule)).toBe(true);
    expect(silent.ok, explain(silent)).toBe(true);
    expect(executedAt(rule)).toBe(30);
    expect(executedAt(silent)).toBe(34);
  });

  it('and without it nothing is lost: 100 faulty seeds stay safe, live and linearizable', () => {
    safeOverSeeds('no-prepare-ok-after-start-view', 100);
  });
});
