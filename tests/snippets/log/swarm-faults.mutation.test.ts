/**
 * The faults an adapter's cluster runs under (snippets/log/swarm.ts): the seed's swarm profile, with
 * faults aimed at a message kind only for the kinds the adapter names. Written for mutation testing
 * (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { swarmFaults } from '../../../snippets/log/swarm.ts';
import { drawFaultProfile } from '../../../snippets/sim/swarm.ts';

const setup = { crashable: ['n1', 'n2', 'n3'], clientsMax: 2, untilTick: 100, cutSteps: false };
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

describe('swarmFaults: the seed\'s swarm profile', () => {
  it('an adapter that names no message kinds gets the profile drawn with none: no fault is aimed at a kind', () => {
    for (const seed of SEEDS) {
      const { profile } = swarmFaults(seed, setup);
      expect(profile, `seed ${seed}`).toEqual(drawFaultProfile(seed, setup.crashable, setup.clientsMax, []));
      expect(profile.network.byKind, `seed ${seed}`).toBeUndefined();
    }
  });

  it('an adapter that names its kinds gets faults aimed at them in some seeds, at no other kind', () => {
    const aimed = SEEDS.map((seed) => swarmFaults(seed, { ...setup, kinds: ['prepare', 'commit'] }).profile.network.byKind).filter((k) => k !== undefined);
    expect(aimed.length).toBeGreaterThan(0);
    for (const byKind of aimed) for (const kind of Object.keys(byKind)) expect(['prepare', 'commit']).toContain(kind);
  });
});
