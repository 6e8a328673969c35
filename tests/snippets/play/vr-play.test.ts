import { describe, expect, it } from 'vitest';
import { PlayRun } from '../../../snippets/play/player.ts';
import { anyLog, normalCase, recovery, recoveringTakesPart, viewChange } from '../../../snippets/vr/scenarios.ts';
import { vrPlay } from '../../../snippets/vr/play.ts';
import type { RunResult } from '../../../snippets/sim/index.ts';
import type { VrTypes } from '../../../snippets/vr/types.ts';

/** Plays a scenario to its end (or its failure) and returns the trace up to the last tick the simulator ran. */
function played(scenario: string, variant: string | undefined, untilTick: number) {
  const run = new PlayRun(vrPlay, { scenario, seed: 1, variant, actions: [] });
  let frame = run.frame(0);
  while (!run.ended && frame.tick <= untilTick) frame = run.frame(frame.step + 1);
  const last = run.frame(run.recorded);
  return { run, events: run.trace.events.filter((e) => e.tick <= untilTick), failure: last.tick <= untilTick ? last.failure : undefined };
}

describe('the VR descriptor plays the very runs the note draws', () => {
  const cases: Array<[string, string | undefined, () => RunResult<VrTypes>]> = [
    ['normal-case', undefined, normalCase],
    ['view-change', undefined, viewChange],
    ['recovery', undefined, recovery],
    ['any-log', undefined, () => anyLog('rule')],
    ['any-log', 'new-primary-keeps-own-log', () => anyLog('own')],
    ['recovering', undefined, () => recoveringTakesPart(false)],
    ['recovering', 'recovering-replica-takes-part', () => recoveringTakesPart(true)],
  ];

  it.each(cases)('%s (variant %s): same trace, event for event, as scenarios.ts', (scenario, variant, simulated) => {
    const expected = simulated();
    const { events, failure } = played(scenario, variant, expected.tick);
    expect(events).toEqual(expected.trace.events);
    expect(failure?.message).toBe(expected.ok ? undefined : expected.message);
  });

  it.each(vrPlay.variants.map((v) => [v.id, v] as const))('variant %s: its known failing run breaks an invariant, and runs clean without it', (_, variant) => {
    const failing = variant.failing!;
    const scenario = vrPlay.scenarios.find((s) => s.id === failing.scenario)!;
    const broken = played(failing.scenario, variant.id, scenario.ticks);
    expect(broken.failure?.message).toMatch(/invariant .* violated/);
    const clean = played(failing.scenario, undefined, scenario.ticks);
    expect(clean.failure).toBeUndefined();
  });

  it('a replica card shows role, view, status, op-number, commit-number and log', () => {
    const run = new PlayRun(vrPlay, { scenario: 'normal-case', seed: 1, variant: undefined, actions: [] });
    let frame = run.frame(0);
    while (frame.tick < 9 && !run.ended) frame = run.frame(frame.step + 1);
    const r1 = frame.view.nodes[0]!;
    if (!r1.up) throw new Error('r1 is down');
    const card = vrPlay.nodeView(r1.state);
    expect(card.role).toBe('primary');
    expect(card.fields.map((f) => f.label)).toEqual(['view', 'status', 'op-number', 'commit-number', 'log']);
    expect(Object.fromEntries(card.fields.map((f) => [f.label, f.value]))).toMatchObject({ view: '0', 'op-number': '1', 'commit-number': '1', log: '1:put(x, 1)' });
  });
});
