/**
 * The steady-state player descriptor (snippets/steady/play.ts) plays the very runs the note draws,
 * event for event, and each broken variant's known run breaks and runs clean without it.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { steadyPlay } from '../../../snippets/steady/play.ts';
import { demo } from '../../../snippets/steady/demo.ts';
import { ackEarlyRun, racingRun, replaceBackupRun, stalePrimaryRun, steadyStateRun } from '../../../snippets/steady/scenarios.ts';
import { cardOf, expectSameRun, frameAtTick, played } from '../play/played.ts';

describe('the steady-state descriptor plays the runs the note draws', () => {
  const cases = [
    ['steady-state', undefined, () => simulate(steadyStateRun())],
    ['reconfigure', undefined, () => simulate(replaceBackupRun())],
    ['stale-primary', undefined, () => simulate(stalePrimaryRun())],
    ['stale-primary', 'reconfigure-without-seal', () => simulate(stalePrimaryRun({ seal: false }))],
    ['ack-early', 'ack-before-all-replicas', () => simulate(ackEarlyRun({ waitForAll: false }))],
    ['racing-reconfigurations', undefined, () => simulate(racingRun())],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(steadyPlay, scenario, variant, simulated());
  });

  it('offers every broken variant of the demo', () => {
    expect(steadyPlay.variants.map((v) => v.id)).toEqual(Object.keys(demo.variants!));
  });

  it.each(steadyPlay.variants.map((v) => [v.id, v] as const))('variant %s: its known failing run breaks an invariant, and runs clean without it', (_, variant) => {
    const { scenario, seed } = variant.failing!;
    const broken = played(steadyPlay, scenario, variant.id, seed);
    expect(broken.last.failure?.message).toMatch(/^invariant "(no acknowledged append is lost|a sealed, stale primary appends nothing[^"]*)" violated: /);
    const clean = played(steadyPlay, scenario, undefined, seed);
    expect(clean.run.ended).toBe(true);
    expect(clean.last.failure).toBeUndefined();
  });

  it('the cards show the store\'s configuration, each replica\'s epoch, seal and log, and what a controller is doing', () => {
    const frame = frameAtTick(steadyPlay, 'reconfigure', 30);
    expect(cardOf(steadyPlay, frame, 'cfg')).toEqual({ role: 'configuration store', fields: { current: 'e2 [r1 r3] from 2' } });
    expect(cardOf(steadyPlay, frame, 'r3')).toEqual({ role: 'replica of e2', fields: { epoch: 'e2', log: '[1,2]' } });
    expect(cardOf(steadyPlay, frame, 'r1')).toEqual({ role: 'primary of e2', fields: { epoch: 'e2', log: '[1,2]', 'acknowledged below': '2' } });
    const sealing = frameAtTick(steadyPlay, 'reconfigure', 16);
    expect(cardOf(steadyPlay, sealing, 'k1')).toEqual({ role: 'controller', fields: { doing: 'reconfigure without r2 for admin: seal' } });
  });
});
