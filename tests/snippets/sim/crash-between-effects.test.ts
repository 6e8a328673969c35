import { describe, expect, it } from 'vitest';
import { firstFailure, formatTrace, seeds, simulate, type RunOptions } from '../../../snippets/sim/index.ts';
import { acknowledgedIsDurable, beacon, eventsOf, script, type Beacon, type BeaconConfig } from './toy-models.ts';

/** c1 increments r1's counter over and over; crashes fall only inside steps, after some of their effects. */
function run(config: BeaconConfig, seed: number, betweenEffectsProbability = 0.3): RunOptions<Beacon> {
  return {
    model: beacon(config),
    nodes: ['r1', 'r2', 'r3'],
    config,
    seed,
    faults: { crash: { probabilityPerTick: 0, downTicksMin: 2, downTicksMax: 5, betweenEffectsProbability } },
    clients: [{ id: 'c1', workload: script('r1', Array(20).fill('inc'), 12) }],
    invariants: { 'an acknowledged increment is on disk': acknowledgedIsDurable('r1') },
    safetyTicks: 200,
  };
}

const correct: BeaconConfig = { pingEveryTicks: 1_000_000, pingsMax: 0 };
const ackFirst: BeaconConfig = { ...correct, ackBeforePersist: true };

describe('a crash can fall between the effects of one step', () => {
  it('catches a node that acknowledges before it persists', () => {
    const failed = firstFailure(seeds(30), (seed) => simulate(run(ackFirst, seed)));
    expect(failed?.message).toMatch(/invariant "an acknowledged increment is on disk" violated: a client was told count \d+, but r1's disk holds \d+/);
    expect(formatTrace(failed!.trace)).toMatch(/r1\s+crash\s+memory and in-flight messages lost, after 1 of the step's 2 effects/);
  });

  it('finds nothing wrong with a node that persists first, on the same seeds', () => {
    for (const seed of seeds(30)) {
      const result = simulate(run(correct, seed));
      expect(result.ok, `seed ${seed}`).toBe(true);
      expect(eventsOf(result, 'crash').length, `seed ${seed} crashed inside steps`).toBeGreaterThan(0);
    }
  });

  it('only the effects before the crash happen, in the order the model emitted them', () => {
    const result = simulate(run(correct, 1, 1));
    const crashes = eventsOf(result, 'crash');
    expect(crashes.length).toBeGreaterThan(0);
    for (const crash of crashes) {
      const at = result.trace.events.indexOf(crash);
      const ofStep = result.trace.events.slice(at - crash.afterEffects!, at);
      // The step's effects are a persist, then a reply: a crash after 1 keeps only the persist.
      expect(ofStep.map((e) => e.kind)).toEqual(['persist', 'reply'].slice(0, crash.afterEffects));
      expect(crash.of).toBe(2);
    }
  });

  it('is off unless asked for: without the probability, no crash falls inside a step', () => {
    const result = simulate(run(ackFirst, 1, 0));
    expect(result.ok).toBe(true);
    expect(eventsOf(result, 'crash')).toEqual([]);
  });
});
