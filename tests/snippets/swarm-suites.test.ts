/**
 * Every model's default random suite (snippets/swarm-runs.ts `RANDOM_SUITES`) under swarm testing
 * (snippets/sim/swarm.ts): each seed draws its own fault profile, from calm to brutal — crashes aimed
 * at nodes that hold a client request or at nodes in their first operation since boot, reboots within
 * a tick or two, a budget of one to three crashes after a calm start, steps cut short between their
 * effects, long partitions, one kind of message lost, slowed or replayed late, one flaky sender, a
 * single client. This runs beside each model's own suite; tests/snippets/swarm-finds-bugs.test.ts
 * runs the same seeds with broken variants. docs/random-search.md says what these searches find and how many seeds they need.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure, seeds } from '../../snippets/sim/index.ts';
import { describeProfile } from '../../snippets/sim/swarm.ts';
import { RANDOM_SUITES, type RandomSuite } from '../../snippets/swarm-runs.ts';

/** Runs the suite's seeds on the correct model: every run keeps its invariants, makes progress after settling, and passes its check. */
function clean(suite: RandomSuite<never>) {
  const kinds = { crash: 0, drop: 0, duplicate: 0, network: 0 };
  for (const seed of seeds(suite.seeds)) {
    const { profile, result, finding } = suite.run(seed);
    const context = `seed ${seed} (${describeProfile(profile)})`;
    expect(finding, `${context}: ${result.ok ? 'the client history fails the check' : formatFailure(result)}`).toBeUndefined();
    for (const event of result.trace.events) if (event.kind in kinds) kinds[event.kind as keyof typeof kinds]++;
  }
  // The runs did meet faults of every kind (VR, whose replicas may crash only while every one is
  // normal, meets about 0.8 crashes a run, with half the crash profiles held to a budget).
  for (const [kind, n] of Object.entries(kinds)) expect(n, kind).toBeGreaterThan(suite.seeds / 2);
}

// A loaded machine can take several times the seconds these take alone (docs/random-search.md).
const TIMEOUT = 300_000;

describe('swarm testing: a fault profile per seed', () => {
  for (const suite of Object.values(RANDOM_SUITES) as RandomSuite<never>[]) {
    it(`${suite.name}: ${suite.seeds} seeds`, () => clean(suite), TIMEOUT);
  }
});
