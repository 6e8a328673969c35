/**
 * The fault injector's rules, stated on its `plan` directly (the random suites turn it on, but only
 * through whole runs): how many nodes it may take down, one injected partition at a time, each side of a
 * partition in cluster order, lengths within their bounds; and a scenario's `heal()` ends the injected
 * partition for the injector too. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { FaultInjector, defaultMaxDown, type FaultInjection, type PlannedFault } from '../../../snippets/sim/fault-injector.ts';
import { Rng } from '../../../snippets/sim/rng.ts';
import { beaconSim, eventsOf } from './toy-models.ts';

const NODES = ['r1', 'r2', 'r3', 'r4', 'r5'];
const CRASH_EVERY_TICK = { probabilityPerTick: 1, downTicksMin: 3, downTicksMax: 7 };
const PARTITION_EVERY_TICK = { probabilityPerTick: 1, durationTicksMin: 4, durationTicksMax: 9 };

/** `plan` asked `rounds` times with fresh seeds: every fault it chose. */
function plans(options: FaultInjection, down: readonly string[] = [], partitioned = false, nodes = NODES, rounds = 200): PlannedFault[] {
  return Array.from({ length: rounds }, (_, seed) => new FaultInjector(new Rng(seed + 1), options).plan(nodes, new Set(down), partitioned)).flat();
}

const crashes = (faults: PlannedFault[]) => faults.filter((f): f is Extract<PlannedFault, { kind: 'crash' }> => f.kind === 'crash');
const partitions = (faults: PlannedFault[]) => faults.filter((f): f is Extract<PlannedFault, { kind: 'partition' }> => f.kind === 'partition');

describe('crashes the injector plans', () => {
  it('a minority at most by default: two of five, one of three or four, none of one or two', () => {
    expect([1, 2, 3, 4, 5].map(defaultMaxDown)).toEqual([0, 0, 1, 1, 2]);
    expect(crashes(plans({ crash: CRASH_EVERY_TICK }, ['r1']))).toHaveLength(200);
    expect(crashes(plans({ crash: CRASH_EVERY_TICK }, ['r1', 'r2']))).toEqual([]);
  });

  it('a run may set its own limit on nodes down at once', () => {
    expect(crashes(plans({ crash: { ...CRASH_EVERY_TICK, maxDown: 3 } }, ['r1', 'r2']))).toHaveLength(200);
    expect(crashes(plans({ crash: { ...CRASH_EVERY_TICK, maxDown: 1 } }, ['r1']))).toEqual([]);
  });

  it('only a node that is up, each of them sometimes, down for a length within the bounds', () => {
    const planned = crashes(plans({ crash: CRASH_EVERY_TICK }, ['r2']));
    expect(new Set(planned.map((c) => c.node))).toEqual(new Set(['r1', 'r3', 'r4', 'r5']));
    const lengths = planned.map((c) => c.downTicks);
    expect(Math.min(...lengths)).toBe(3);
    expect(Math.max(...lengths)).toBe(7);
  });

  it('none when every node is down, whatever the limit', () => {
    expect(crashes(plans({ crash: { ...CRASH_EVERY_TICK, maxDown: 9 } }, NODES))).toEqual([]);
  });

  it('at the rate asked: never at 0, about a third of the ticks at 1/3', () => {
    expect(crashes(plans({ crash: { ...CRASH_EVERY_TICK, probabilityPerTick: 0 } }))).toEqual([]);
    const third = crashes(plans({ crash: { ...CRASH_EVERY_TICK, probabilityPerTick: 1 / 3 } }, [], false, NODES, 600)).length;
    expect(third).toBeGreaterThan(150);
    expect(third).toBeLessThan(250);
  });

  it('none without crash options', () => {
    expect(crashes(plans({ partition: PARTITION_EVERY_TICK }))).toEqual([]);
  });
});

describe('partitions the injector plans', () => {
  it('two sides that split the nodes between them, each in cluster order, each side every size', () => {
    const planned = partitions(plans({ partition: PARTITION_EVERY_TICK }));
    expect(planned).toHaveLength(200);
    for (const p of planned) {
      expect(p.from.length).toBeGreaterThan(0);
      expect(p.to.length).toBeGreaterThan(0);
      expect([...p.from, ...p.to].sort()).toEqual(NODES);
      expect(p.from).toEqual(NODES.filter((n) => p.from.includes(n)));
      expect(p.to).toEqual(NODES.filter((n) => p.to.includes(n)));
    }
    expect(new Set(planned.map((p) => p.from.length))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('one at a time: none while an injected partition is on', () => {
    expect(partitions(plans({ partition: PARTITION_EVERY_TICK }, [], true))).toEqual([]);
  });

  it('none for a single node, which has nobody to be cut from; two nodes can be cut apart', () => {
    expect(partitions(plans({ partition: PARTITION_EVERY_TICK }, [], false, ['r1']))).toEqual([]);
    expect(partitions(plans({ partition: PARTITION_EVERY_TICK }, [], false, ['r1', 'r2'])).map((p) => [p.from, p.to])).toContainEqual([['r1'], ['r2']]);
  });

  it('lasting a length within the bounds', () => {
    const lengths = partitions(plans({ partition: PARTITION_EVERY_TICK })).map((p) => p.durationTicks);
    expect(Math.min(...lengths)).toBe(4);
    expect(Math.max(...lengths)).toBe(9);
  });

  it('both ways unless a one-way chance is given', () => {
    expect(partitions(plans({ partition: PARTITION_EVERY_TICK })).every((p) => !p.oneWay)).toBe(true);
    expect(partitions(plans({ partition: { ...PARTITION_EVERY_TICK, oneWayProbability: 1 } })).every((p) => p.oneWay)).toBe(true);
  });

  it('a crash and a partition can start in the same tick', () => {
    const both = new FaultInjector(new Rng(1), { crash: CRASH_EVERY_TICK, partition: PARTITION_EVERY_TICK }).plan(NODES, new Set(), false);
    expect(both.map((f) => f.kind)).toEqual(['crash', 'partition']);
  });
});

describe("a scenario's heal and the injector", () => {
  it('heal() ends the injected partition for the injector too: the next one may start at the next tick', () => {
    const sim = beaconSim({ faults: { partition: { probabilityPerTick: 1, durationTicksMin: 100, durationTicksMax: 100 } } });
    sim.at(5, (s) => s.heal());
    sim.runUntil(8);
    const cuts = eventsOf(sim, 'network').filter((e) => e.text !== 'heal' && !e.text.startsWith('lift'));
    // One partition at tick 1 (it would last to tick 101); healed at 5; a new one at 6 (not 5: faults are
    // injected before the tick's actions), none at 7 or 8 while that one is on.
    expect(cuts.map((e) => e.tick)).toEqual([1, 6]);
  });
});
