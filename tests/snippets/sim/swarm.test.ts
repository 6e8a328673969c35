import { describe, expect, it } from 'vitest';
import { seeds } from '../../../snippets/sim/index.ts';
import { describeProfile, drawFaultProfile, swarmCrashes, type CrashProfile } from '../../../snippets/sim/swarm.ts';
import { beaconSim, eventsOf, script, type Beacon } from './toy-models.ts';

const NODES = ['r1', 'r2', 'r3', 'r4', 'r5'];
const profiles = seeds(400).map((seed) => drawFaultProfile(seed, NODES));
const share = (test: (p: (typeof profiles)[number]) => boolean) => profiles.filter(test).length / profiles.length;

describe('swarm testing: each seed draws its own fault profile', () => {
  it('the profile is a function of the seed', () => {
    expect(drawFaultProfile(7, NODES)).toEqual(drawFaultProfile(7, NODES));
    expect(describeProfile(drawFaultProfile(7, NODES))).toBe(describeProfile(drawFaultProfile(7, NODES)));
    // Only calm profiles (no loss, duplication, partitions or crashes) can repeat: 12 delays × reorder or not × 1–3 clients.
    expect(new Set(profiles.map((p) => JSON.stringify(p))).size).toBeGreaterThan(profiles.length * 0.95);
  });

  it('each kind of fault is left out of about half the runs, so some runs are calm and some brutal', () => {
    for (const [what, off] of [
      ['loss', share((p) => p.network.lossProbability === 0)],
      ['duplication', share((p) => p.network.duplicateProbability === 0)],
      ['partitions', share((p) => p.partition === undefined)],
      ['crashes', share((p) => p.crash === undefined)],
    ] as const) {
      expect(off, what).toBeGreaterThan(0.38);
      expect(off, what).toBeLessThan(0.62);
    }
    expect(share((p) => p.network.lossProbability === 0 && !p.partition && !p.crash)).toBeGreaterThan(0.05); // calm
    expect(share((p) => p.network.lossProbability > 0.2 && !!p.partition && (p.crash?.probabilityPerTick ?? 0) > 0.05)).toBeGreaterThan(0.01); // brutal
  });

  it('when present, rates and lengths spread wide: reboots within the tick, long outages, long partitions, slow links', () => {
    const crashes = profiles.flatMap((p) => (p.crash ? [p.crash] : []));
    expect(crashes.some((c) => c.downTicksMin === 0)).toBe(true);
    expect(Math.max(...crashes.map((c) => c.downTicksMax))).toBeGreaterThan(40);
    expect(Math.max(...profiles.map((p) => p.partition?.durationTicksMax ?? 0))).toBeGreaterThan(60);
    expect(new Set(profiles.map((p) => p.network.delayTicksMax)).size).toBe(12);
    expect(new Set(profiles.map((p) => p.clients))).toEqual(new Set([1, 2, 3]));
  });

  it('crashes aim at any node, busy nodes or fresh ones in about a third of the profiles each, and at a few chosen nodes in about half', () => {
    const crashes = profiles.flatMap((p) => (p.crash ? [p.crash] : []));
    for (const target of ['any', 'busy', 'fresh'] as const) {
      const aimed = crashes.filter((c) => c.target === target).length / crashes.length;
      expect(aimed, target).toBeGreaterThan(0.2);
      expect(aimed, target).toBeLessThan(0.47);
    }
    const few = crashes.filter((c) => c.crashable.length < NODES.length).length / crashes.length;
    expect(few).toBeGreaterThan(0.3);
    // Half reboot within two ticks; about half cut some steps short.
    expect(crashes.filter((c) => c.downTicksMax <= 2).length / crashes.length).toBeGreaterThan(0.4);
    const cut = crashes.filter((c) => c.betweenEffects > 0).length / crashes.length;
    expect(cut).toBeGreaterThan(0.35);
    expect(cut).toBeLessThan(0.65);
    for (const c of crashes) expect(c.crashable.every((n) => NODES.includes(n))).toBe(true);
  });
});

describe('swarm crashes', () => {
  const always = (overrides: Partial<CrashProfile>): CrashProfile => ({
    probabilityPerTick: 1, downTicksMin: 5, downTicksMax: 5, target: 'any', crashable: ['r1', 'r2', 'r3'], betweenEffects: 0, ...overrides,
  });

  it('aimed at busy nodes, they crash the node holding a client request it has not answered', () => {
    for (const seed of seeds(20)) {
      // c1's `hold` reaches r2 at tick 2 (delay 1) and is never answered: from then on r2 is busy.
      const sim = beaconSim({ network: { delayTicksMin: 1, delayTicksMax: 1 }, clients: [{ id: 'c1', workload: script('r2', ['hold']) }] });
      swarmCrashes<Beacon>(seed, always({ target: 'busy' }), { untilTick: 30, canCrash: (view) => view.tick >= 3 })(sim);
      sim.runUntil(3);
      expect(eventsOf(sim, 'crash').map((e) => [e.tick, e.node]), `seed ${seed}`).toEqual([[3, 'r2']]);
    }
  });

  it('aimed at fresh nodes, they crash only a node holding the first request of its current life', () => {
    for (const seed of seeds(10)) {
      // r2 gets `hold` at tick 2, its first request: crashed at tick 3 and rebooted; then it holds nothing.
      const sim = beaconSim({ network: { delayTicksMin: 1, delayTicksMax: 1 }, clients: [{ id: 'c1', workload: script('r2', ['hold']) }] });
      swarmCrashes<Beacon>(seed, always({ target: 'fresh', downTicksMin: 0, downTicksMax: 0 }), { untilTick: 30 })(sim);
      sim.runUntil(30);
      expect(eventsOf(sim, 'crash').map((e) => [e.tick, e.node]), `seed ${seed}`).toEqual([[3, 'r2']]);
    }
    // r2 answers its first request (get) and holds the second: busy, but not fresh, so nobody crashes.
    const sim = beaconSim({ network: { delayTicksMin: 1, delayTicksMax: 1 }, clients: [{ id: 'c1', workload: script('r2', ['get', 'hold']) }] });
    swarmCrashes<Beacon>(1, always({ target: 'fresh' }), { untilTick: 30 })(sim);
    sim.runUntil(30);
    expect(eventsOf(sim, 'crash')).toEqual([]);
  });

  it('aimed at any node, they spread over the crashable ones', () => {
    const victims = new Set<string>();
    for (const seed of seeds(20)) {
      const sim = beaconSim({ network: { delayTicksMin: 1, delayTicksMax: 1 }, clients: [{ id: 'c1', workload: script('r2', ['hold']) }] });
      swarmCrashes<Beacon>(seed, always({}), { untilTick: 30 })(sim);
      sim.runUntil(3);
      for (const e of eventsOf(sim, 'crash')) victims.add(e.node);
    }
    expect([...victims].sort()).toEqual(['r1', 'r2', 'r3']);
  });

  it('a downtime of 0 is a reboot: the node restarts in the tick it crashed', () => {
    const sim = beaconSim();
    swarmCrashes<Beacon>(1, always({ downTicksMin: 0, downTicksMax: 0 }), { untilTick: 10 })(sim);
    sim.runUntil(10);
    const crashes = eventsOf(sim, 'crash');
    expect(crashes).toHaveLength(10);
    expect(eventsOf(sim, 'restart').map((e) => [e.tick, e.node])).toEqual(crashes.map((e) => [e.tick, e.node]));
  });

  it('only crashable nodes crash, never more than a minority at once, and every one restarts', () => {
    const sim = beaconSim({ n: 5 });
    swarmCrashes<Beacon>(3, always({ downTicksMin: 3, downTicksMax: 9, crashable: ['r2', 'r4', 'r5'] }), { untilTick: 60 })(sim);
    for (let tick = 1; tick <= 60; tick++) {
      sim.runUntil(tick);
      expect(sim.view().nodes.filter((n) => !n.up).length).toBeLessThanOrEqual(2);
    }
    expect(new Set(eventsOf(sim, 'crash').map((e) => e.node))).toEqual(new Set(['r2', 'r4', 'r5']));
    sim.runUntil(70);
    expect(sim.view().nodes.every((n) => n.up)).toBe(true);
  });

  it('a budget stops them after that many crashes, and a calm start keeps them off before its tick', () => {
    const sim = beaconSim();
    swarmCrashes<Beacon>(1, always({ downTicksMin: 1, downTicksMax: 1, crashesMax: 2, fromTick: 7 }), { untilTick: 30 })(sim);
    sim.runUntil(30);
    // The coin comes up every tick; at tick 8 the node crashed at 7 is still down (one of three at most).
    expect(eventsOf(sim, 'crash').map((e) => e.tick)).toEqual([7, 9]);
    expect(eventsOf(sim, 'restart')).toHaveLength(2);
  });

  it('about half the crash profiles have a budget of 1 to 3 crashes, and about half a calm start of 10 to 80 ticks', () => {
    const crashes = profiles.flatMap((p) => (p.crash ? [p.crash] : []));
    const budgets = crashes.flatMap((c) => (c.crashesMax === undefined ? [] : [c.crashesMax]));
    const starts = crashes.flatMap((c) => (c.fromTick === undefined ? [] : [c.fromTick]));
    for (const share of [budgets.length / crashes.length, starts.length / crashes.length]) {
      expect(share).toBeGreaterThan(0.35);
      expect(share).toBeLessThan(0.65);
    }
    expect(new Set(budgets)).toEqual(new Set([1, 2, 3]));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...starts)).toBeLessThanOrEqual(80);
    expect(describeProfile(profiles.find((p) => p.crash?.crashesMax !== undefined && p.crash.fromTick !== undefined)!)).toMatch(/at most \d from tick \d+/);
  });

  it('a model\'s own rule decides who may crash (canCrash)', () => {
    const sim = beaconSim();
    swarmCrashes<Beacon>(1, always({ downTicksMin: 1, downTicksMax: 1 }), { untilTick: 20, canCrash: (_view, node) => node === 'r3' })(sim);
    sim.runUntil(20);
    expect(new Set(eventsOf(sim, 'crash').map((e) => e.node))).toEqual(new Set(['r3']));
  });
});
