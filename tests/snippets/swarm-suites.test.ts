/**
 * Every model under swarm testing (snippets/sim/swarm.ts, snippets/swarm-runs.ts): each seed draws its
 * own fault profile, from calm to brutal, with crashes aimed at nodes that hold a client request. This
 * adds runs no fixed mix makes (reboots within a tick, one node crashed again and again, heavy loss
 * without partitions, a single client) beside each model's own suite. docs/random-search.md says what
 * these searches find and how many seeds they need.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure, seeds, type RunResult } from '../../snippets/sim/index.ts';
import type { ModelTypes } from '../../snippets/sim/types.ts';
import { describeProfile, type FaultProfile } from '../../snippets/sim/swarm.ts';
import { swarmDelos, swarmDynamo, swarmRegister, swarmVr } from '../../snippets/swarm-runs.ts';
import { checkVr } from '../../snippets/vr/run-vr.ts';
import { checkRegister } from '../../snippets/quorums/run-register.ts';
import { checkDelos } from '../../snippets/delos/run-delos.ts';

interface Swarmed<T extends ModelTypes> {
  readonly profile: FaultProfile;
  readonly result: RunResult<T>;
}

/** Runs the seeds; every run must keep its invariants, make progress after settling, and pass `check`. */
function suite<T extends ModelTypes>(count: number, run: (seed: number) => Swarmed<T>, check: (result: RunResult<T>) => boolean = () => true) {
  const kinds = { crash: 0, drop: 0, duplicate: 0, network: 0 };
  for (const seed of seeds(count)) {
    const { profile, result } = run(seed);
    const context = `seed ${seed} (${describeProfile(profile)})`;
    expect(result.ok, `${context}: ${result.ok ? '' : formatFailure(result)}`).toBe(true);
    expect(check(result), `${context}: the client history fails the check`).toBe(true);
    for (const event of result.trace.events) if (event.kind in kinds) kinds[event.kind as keyof typeof kinds]++;
  }
  // The runs did meet faults of every kind.
  for (const [kind, n] of Object.entries(kinds)) expect(n, kind).toBeGreaterThan(count);
}

describe('swarm testing: a fault profile per seed', () => {
  it('VR, n = 3: 100 seeds', () => suite(100, (seed) => swarmVr(seed), (r) => checkVr(r).ok));
  it('Dynamo: 100 seeds', () => suite(100, (seed) => swarmDynamo(seed, { safetyTicks: 100 })));
  it('quorum register, N = 3, R = W = 2, one random quorum per operation: 100 seeds', () =>
    suite(100, (seed) => swarmRegister(seed, { n: 3, r: 2, w: 2, contact: 'quorum' }), (r) => checkRegister(r).ok));
  it('quorum register, N = 5, R = W = 3, contacting all: 50 seeds', () =>
    suite(50, (seed) => swarmRegister(seed, { n: 5, r: 3, w: 3 }), (r) => checkRegister(r).ok));
  it('Delos: 50 seeds', () => suite(50, (seed) => swarmDelos(seed), (r) => checkDelos(r).ok));
});
