/**
 * The Raft player descriptor plays, event for event, the scripted runs the note draws, and each
 * broken variant's known failing run breaks an invariant (or the history check) in the player and
 * runs clean without it.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { raftPlay } from '../../../snippets/raft/play.ts';
import { demo } from '../../../snippets/raft/demo.ts';
import { raftVariants } from '../../../snippets/raft/variants.ts';
import { figure8Run, normalCaseRun, staleNoneReadRun, staleReadRun, voteWithoutLogCheckRun } from '../../../snippets/raft/scenarios.ts';
import { cardOf, expectSameRun, frameAtTick, played } from '../play/played.ts';

describe('the Raft descriptor plays the runs the note draws', () => {
  const cases = [
    ['normal-case', undefined, () => simulate(normalCaseRun())],
    ['stale-weak-read', undefined, () => simulate(staleReadRun('weak'))],
    ['linearizable-read', undefined, () => simulate(staleReadRun('linearizable'))],
    ['linearizable-read', 'read-index-without-quorum-check', () => simulate(staleReadRun('linearizable', raftVariants['read-index-without-quorum-check'].config))],
    ['stale-none-read', undefined, () => simulate(staleNoneReadRun())],
    ['figure-8', undefined, () => simulate(figure8Run(true))],
    ['figure-8', 'commit-previous-term-by-count', () => simulate(figure8Run(false))],
    ['vote-without-log-check', undefined, () => simulate(voteWithoutLogCheckRun(true))],
    ['vote-without-log-check', 'vote-without-log-check', () => simulate(voteWithoutLogCheckRun(false))],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(raftPlay, scenario, variant, simulated());
  });

  it('offers every broken variant of the demo (npm run snippet -- raft --variant list)', () => {
    expect(raftPlay.variants.map((v) => v.id)).toEqual(Object.keys(demo.variants!));
  });

  it.each(raftPlay.variants.map((v) => [v.id, v] as const))('variant %s: its known failing run breaks, and runs clean without it', (_, variant) => {
    const { scenario, seed } = variant.failing!;
    const broken = played(raftPlay, scenario, variant.id, seed);
    expect(broken.last.failure?.message).toMatch(/^(invariant "(State Machine Safety|Leader Completeness)|not linearizable \(register\): read\(\) → 1 by r1)/);
    const clean = played(raftPlay, scenario, undefined, seed);
    expect(clean.run.ended).toBe(true);
    expect(clean.last.failure).toBeUndefined();
  });

  it('the cards show role, term, log, commit index and the applied value', () => {
    const frame = frameAtTick(raftPlay, 'normal-case', 16);
    expect(cardOf(raftPlay, frame, 's1')).toMatchObject({ role: 'leader', fields: { term: '1', log: 'nop@1 w1@1', 'commit index': '2', value: '1 (applied 2)' } });
    expect(cardOf(raftPlay, frame, 's2')).toMatchObject({ role: 'follower', fields: { 'voted for': 's1', doing: 'following s1' } });
  });
});
