import { describe, expect, it } from 'vitest';
import {
  assertPassed,
  firstFailure,
  formatFailure,
  seeds,
  simulate,
  type Invariant,
  type Model,
  type RunOptions,
} from '../../../snippets/sim/index.ts';
import { beacon, script, type Beacon, type BeaconConfig } from './toy-models.ts';

const config: BeaconConfig = { pingEveryTicks: 2, pingsMax: 5 };

function options(overrides: Partial<RunOptions<Beacon>> = {}): RunOptions<Beacon> {
  return { model: beacon(config), nodes: ['r1', 'r2', 'r3'], config, seed: 42, safetyTicks: 50, ...overrides };
}

/** Fails as soon as any node has received `n` pings. */
const fewerThan = (n: number): Invariant<Beacon> => (view) => {
  const busy = view.nodes.find((node) => node.up && node.state.received.length >= n);
  return busy ? `${busy.id} received ${n} pings` : undefined;
};

/** Progress: some client operation issued after settling has returned. */
const answeredAfterSettling = (view: Parameters<Invariant<Beacon>>[0]) =>
  view.history.some((op) => op.returnTick !== undefined && op.invokeTick >= (view.settledTick ?? Infinity));

describe('two-phase runs: safety, then liveness', () => {
  it('passes when no invariant is violated', () => {
    const result = simulate(options({ invariants: { 'fewer than 11 pings': fewerThan(11) } }));
    expect(result).toMatchObject({ ok: true, seed: 42, tick: 50 });
  });

  it('an invariant violation stops the run and reports seed, tick and message', () => {
    const result = simulate(options({ invariants: { 'fewer than 3 pings': fewerThan(3) } }));
    expect(result).toMatchObject({
      ok: false,
      phase: 'safety',
      seed: 42,
      message: expect.stringMatching(/^invariant "fewer than 3 pings" violated: r\d received 3 pings$/),
    });
    if (result.ok) return;
    const last = result.trace.events.at(-1)!;
    expect(last).toMatchObject({ kind: 'failure', tick: result.tick });
    expect(result.tick).toBeLessThan(50);
  });

  it('invariants are checked after every step, not once per tick', () => {
    // Two increments land on r1 in the same tick: the count is odd between them, for one step only.
    const result = simulate(options({
      network: { delayTicksMin: 1, delayTicksMax: 1 },
      clients: ['c1', 'c2'].map((id) => ({ id, workload: script('r1', ['inc']) })),
      invariants: {
        'count is even': (view) => (view.nodes.some((n) => n.up && n.state.count % 2 === 1) ? 'odd count' : undefined),
      },
    }));
    expect(result).toMatchObject({ ok: false, tick: 2, message: 'invariant "count is even" violated: odd count' });
    // The failure comes right after the step that broke the invariant, before the second increment.
    expect(result.trace.events.slice(-5).map((e) => e.kind)).toEqual(['invoke', 'deliver', 'persist', 'reply', 'failure']);
  });

  it('the failure report carries the seed, tick, message and the end of the trace', () => {
    const result = simulate(options({ invariants: { 'fewer than 3 pings': fewerThan(3) } }));
    if (result.ok) throw new Error('expected a failure');
    const report = formatFailure(result, 5);
    expect(report).toContain(`beacon: invariant violated in the safety phase at tick ${result.tick} with seed 42`);
    expect(report).toContain('reproduce: run again with seed 42');
    expect(report.split('\n').slice(-5).at(-1)).toMatch(/failure\s+invariant "fewer than 3 pings" violated/);
    expect(() => assertPassed(result)).toThrow(/seed 42/);
  });

  it('a model that throws fails the run instead of crashing the test', () => {
    const base = beacon(config);
    const broken: Model<Beacon> = {
      ...base,
      step: (state, input) => (input.kind === 'message' ? boom() : base.step(state, input)),
    };
    const result = simulate(options({ model: broken }));
    expect(result).toMatchObject({ ok: false, phase: 'safety', message: expect.stringMatching(/^r\d on message threw: boom$/) });
  });

  it('a model that mutates its state in place is caught: states are frozen', () => {
    const base = beacon(config);
    const mutating: Model<Beacon> = {
      ...base,
      step: (state, input) => {
        if (input.kind === 'message') (state.received as string[]).push('sneaky');
        return base.step(state, input);
      },
    };
    expect(simulate(options({ model: mutating }))).toMatchObject({ ok: false, message: expect.stringMatching(/threw/) });
  });

  it('liveness passes when progress comes within the budget after faults are healed', () => {
    const result = simulate(options({
      scenario: (sim) => sim.isolate('r1'),
      clients: [{ id: 'c1', workload: script('r1', Array(20).fill('inc'), 5) }],
      liveness: { progress: 'a call made after settling is answered', holds: answeredAfterSettling, withinTicks: 30 },
    }));
    assertPassed(result);
    expect(result.history.filter((op) => op.invokeTick < 50).every((op) => op.returnTick === undefined)).toBe(true);
  });

  it('liveness fails with a clear message when progress does not come within the budget', () => {
    const result = simulate(options({
      clients: [{ id: 'c1', workload: script('r1', Array(20).fill('hold'), 5) }],
      liveness: { progress: 'a call made after settling is answered', holds: answeredAfterSettling, withinTicks: 30 },
    }));
    expect(result).toMatchObject({
      ok: false,
      phase: 'liveness',
      tick: 80,
      message: 'no progress: "a call made after settling is answered" still false 30 ticks after settling at tick 50',
    });
  });

  it('settling heals links, restarts crashed nodes, stops loss and drops pending scenario actions', () => {
    const result = simulate(options({
      network: { lossProbability: 0.5 },
      scenario: (sim) => sim.partition(['r1'], ['r2', 'r3']).at(10, (s) => s.crash('r2')).at(60, (s) => s.crash('r3')),
      liveness: { progress: 'never', holds: () => false, withinTicks: 20 },
    }));
    expect(result.final.nodes.every((node) => node.up)).toBe(true);
    const afterSettling = result.trace.events.filter((e) => e.tick > 50);
    expect(afterSettling.filter((e) => e.kind === 'drop')).toEqual([]);
    expect(afterSettling.filter((e) => e.kind === 'crash')).toEqual([]);
    expect(result.trace.events.filter((e) => e.kind === 'phase')).toHaveLength(1);
  });

  it('firstFailure finds the first failing seed', () => {
    const run = (seed: number) => simulate(options({ seed, invariants: { 'fewer than 3 pings': fewerThan(seed >= 4 ? 3 : 99) } }));
    expect(firstFailure(seeds(10), run)).toMatchObject({ ok: false, seed: 4 });
    expect(firstFailure(seeds(3), run)).toBeUndefined();
  });
});

function boom(): never {
  throw new Error('boom');
}
