import { describe, expect, it } from 'vitest';
import { firstFailure, formatFailure, seeds, simulate, type Invariant, type Model, type RunOptions } from '../../../snippets/sim/index.ts';
import { reportLines } from '../../../snippets/report.ts';
import { beacon, type Beacon, type BeaconConfig } from './toy-models.ts';

// Every node pings both peers every 2 ticks, so each receives about one ping a tick: 16 come after tick 10.
const config: BeaconConfig = { pingEveryTicks: 2, pingsMax: 100 };

const fewerThan = (n: number): Invariant<Beacon> => (view) => {
  const busy = view.nodes.find((node) => node.up && node.state.received.length >= n);
  return busy ? `${busy.id} received ${n} pings` : undefined;
};

/** The safety phase ends at tick 10; the liveness phase waits up to 50 ticks for progress that never comes. */
function options(overrides: Partial<RunOptions<Beacon>> = {}): RunOptions<Beacon> {
  return {
    model: beacon(config),
    nodes: ['r1', 'r2', 'r3'],
    config,
    seed: 42,
    safetyTicks: 10,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    liveness: { progress: 'never', holds: () => false, withinTicks: 50 },
    ...overrides,
  };
}

describe('a failure says its kind, apart from the phase it came in', () => {
  it('an invariant broken after settling is an invariant violation, found in the liveness phase', () => {
    const result = simulate(options({ invariants: { 'fewer than 16 pings': fewerThan(16) } }));
    expect(result).toMatchObject({ ok: false, kind: 'invariant-violated', phase: 'liveness' });
    if (result.ok) return;
    expect(result.tick).toBeGreaterThan(10);
    expect(result.tick).toBeLessThan(60);
    expect(result.message).toMatch(/^invariant "fewer than 16 pings" violated/);
    expect(formatFailure(result)).toContain(`beacon: invariant violated in the liveness phase at tick ${result.tick} with seed 42`);
    // The demos' Run line keeps its shape; the message names the kind (`invariant "…" violated: …`).
    const run = reportLines({ result, checked: 'pings', outcome: 'fine' })[0];
    expect(run).toBe(`Run: FAILED in the liveness phase at tick ${result.tick}: ${result.message}`);
  });

  it('a hunt for violations over seeds keeps one found after settling (by kind, not phase)', () => {
    const found = firstFailure(seeds(3), (seed) => simulate(options({ seed, invariants: { 'fewer than 16 pings': fewerThan(16) } })));
    expect(found?.kind).toBe('invariant-violated');
    expect(found?.phase).toBe('liveness');
  });

  it('the same invariant broken while faults are on is an invariant violation in the safety phase', () => {
    expect(simulate(options({ invariants: { 'fewer than 3 pings': fewerThan(3) } }))).toMatchObject({
      ok: false,
      kind: 'invariant-violated',
      phase: 'safety',
    });
  });

  it('progress that does not come is the only "no progress" failure', () => {
    const result = simulate(options({ invariants: { 'fewer than 1000 pings': fewerThan(1000) } }));
    expect(result).toMatchObject({ ok: false, kind: 'no-progress', phase: 'liveness', tick: 60 });
  });

  it('a model that throws after settling is "model threw", not "no progress"', () => {
    const base = beacon(config);
    const throwsLate: Model<Beacon> = {
      ...base,
      step: (state, input) => {
        if (input.kind === 'message' && state.received.length >= 14) throw new Error('late boom');
        return base.step(state, input);
      },
    };
    const result = simulate(options({ model: throwsLate }));
    expect(result).toMatchObject({ ok: false, kind: 'model-threw', phase: 'liveness', message: expect.stringMatching(/late boom$/) });
  });

  it('an invariant that throws counts as model code that threw', () => {
    const result = simulate(options({ invariants: { broken: () => { throw new Error('bad check'); } } }));
    expect(result).toMatchObject({ ok: false, kind: 'model-threw', phase: 'safety', message: 'invariant "broken" threw: bad check' });
  });
});
