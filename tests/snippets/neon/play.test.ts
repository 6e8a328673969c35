/**
 * The Neon player descriptor (snippets/neon/play.ts) plays, event for event, the scripted runs the
 * note draws, and each broken variant's known failing run breaks an invariant in the player and runs
 * clean without it.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { neonPlay } from '../../../snippets/neon/play.ts';
import { demo } from '../../../snippets/neon/demo.ts';
import { lowerTermRun, normalCaseRun, oneFlushRun, proposerChangeRun } from '../../../snippets/neon/scenarios.ts';
import { cardOf, expectSameRun, frameAtTick, played } from '../play/played.ts';

describe('the Neon descriptor plays the runs the note draws', () => {
  const cases = [
    ['normal-case', undefined, () => simulate(normalCaseRun())],
    ['proposer-change', undefined, () => simulate(proposerChangeRun(true))],
    ['proposer-change', 'skip-sync-from-majority', () => simulate(proposerChangeRun(false))],
    ['one-flush', 'ack-on-one-flush', () => simulate(oneFlushRun(false))],
    ['lower-term', undefined, () => simulate(lowerTermRun(true))],
    ['lower-term', 'accept-lower-term', () => simulate(lowerTermRun(false))],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(neonPlay, scenario, variant, simulated());
  });

  it('offers every broken variant of the demo', () => {
    expect(neonPlay.variants.map((v) => v.id)).toEqual(Object.keys(demo.variants!));
  });

  it.each(neonPlay.variants.map((v) => [v.id, v] as const))('variant %s: its known failing run breaks an invariant, and runs clean without it', (_, variant) => {
    const { scenario, seed } = variant.failing!;
    const broken = played(neonPlay, scenario, variant.id, seed);
    expect(broken.last.failure?.message).toMatch(/^invariant "no acknowledged commit is lost" violated: /);
    const clean = played(neonPlay, scenario, undefined, seed);
    expect(clean.run.ended).toBe(true);
    expect(clean.last.failure).toBeUndefined();
  });

  it('the cards show the proposer\'s term and commit_lsn, and each safekeeper\'s term, history and LSNs', () => {
    const frame = frameAtTick(neonPlay, 'proposer-change', 16);
    expect(cardOf(neonPlay, frame, 'cB')).toMatchObject({ role: 'proposer, term 2', fields: { WAL: '1 2', 'commit_lsn': '2', 'term history': '[1@0 2@1]' } });
    expect(cardOf(neonPlay, frame, 'sk2')).toMatchObject({ role: 'safekeeper, term 2', fields: { WAL: '1 2', 'term history': '[1@0 2@1]' } });
  });
});
