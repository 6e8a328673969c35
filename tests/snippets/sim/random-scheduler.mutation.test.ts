/**
 * The seeded scheduler's own bookkeeping of the faults it injects, stated on small runs: one injected
 * partition at a time, healed after its length (and an old heal never ends a newer one); an injected
 * restart leaves alone a node someone else already restarted; settling drops the injector's pending
 * restarts and stops cutting steps short. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { beaconSim, eventsOf } from './toy-models.ts';

const cutsOf = (sim: Parameters<typeof eventsOf>[0]) => eventsOf(sim, 'network').filter((e) => e.text.startsWith('partition '));

describe('injected partitions', () => {
  it('each cuts the links between two sides, is lifted after its length, and the next comes only after that', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 100 }, faults: { partition: { probabilityPerTick: 1, durationTicksMin: 3, durationTicksMax: 3 } } });
    sim.runUntil(12);
    expect(eventsOf(sim, 'drop').filter((e) => e.reason === 'partition').length).toBeGreaterThan(0);
    expect(cutsOf(sim).map((e) => e.tick)).toEqual([1, 5, 9]);
    expect(eventsOf(sim, 'network').filter((e) => e.text.startsWith('lift partition ')).map((e) => e.tick)).toEqual([4, 8, 12]);
  });

  it('the heal of a partition a scenario already healed does not end the newer one for the injector', () => {
    const sim = beaconSim({ faults: { partition: { probabilityPerTick: 1, durationTicksMin: 10, durationTicksMax: 10 } } });
    sim.at(2, (s) => s.heal());
    sim.runUntil(13);
    // The first (tick 1) would have healed at 11; the second, from tick 3, is on until 13.
    expect(cutsOf(sim).map((e) => e.tick)).toEqual([1, 3]);
  });
});

describe('injected crashes', () => {
  it('an injected restart leaves alone a node someone else already restarted', () => {
    const sim = beaconSim({ faults: { crash: { probabilityPerTick: 1, downTicksMin: 5, downTicksMax: 5 } } });
    sim.at(3, (s) => {
      for (const node of s.view().nodes) if (!node.up) s.restart(node.id);
    });
    expect(sim.runUntil(12)).toBeUndefined();
    // Every restart is of a node that was down.
    const up = new Map<string, boolean>();
    for (const e of sim.trace.events) {
      if (e.kind === 'crash') up.set(e.node, false);
      if (e.kind === 'restart') {
        expect(up.get(e.node), `${e.node} at tick ${e.tick}`).toBe(false);
        up.set(e.node, true);
      }
    }
    expect(eventsOf(sim, 'restart').length).toBeGreaterThan(1);
  });

  it('settling drops the injector\'s pending restarts: a node crashed after it stays down', () => {
    const sim = beaconSim({ faults: { crash: { probabilityPerTick: 1, downTicksMin: 10, downTicksMax: 10 } } });
    sim.runUntil(1);
    const [victim] = eventsOf(sim, 'crash').map((e) => e.node);
    sim.settle();
    sim.crash(victim!);
    sim.runUntil(20);
    expect(eventsOf(sim, 'crash').map((e) => [e.tick, e.node])).toEqual([[1, victim], [1, victim]]);
    expect(sim.view().nodes.find((n) => n.id === victim)!.up).toBe(false);
  });

  it('after settling no step is cut short', () => {
    const sim = beaconSim({
      beacon: { pingEveryTicks: 1, pingsMax: 100 },
      faults: { crash: { probabilityPerTick: 0, downTicksMin: 1, downTicksMax: 1, betweenEffectsProbability: 1 } },
    });
    sim.runUntil(10);
    expect(eventsOf(sim, 'crash').length).toBeGreaterThan(0);
    sim.settle();
    sim.runUntil(30);
    expect(eventsOf(sim, 'crash').filter((e) => e.tick > 10)).toEqual([]);
  });
});
