import { describe, expect, it } from 'vitest';
import { beaconSim, eventsOf, received, script } from './toy-models.ts';

const nodeView = (sim: ReturnType<typeof beaconSim>, id: string) => sim.view().nodes.find((n) => n.id === id)!;

describe('crash and restart', () => {
  it('a crash loses the node’s memory; restart does not bring it back', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 1 } });
    sim.runUntil(5);
    expect(received(sim.view(), 'r2')).toHaveLength(2);
    sim.crash('r2');
    expect(nodeView(sim, 'r2')).toMatchObject({ up: false, state: undefined });
    sim.restart('r2');
    expect(nodeView(sim, 'r2').up).toBe(true);
    expect(received(sim.view(), 'r2')).toEqual([]);
  });

  it('a crash drops the messages in flight to the node, even if it restarts before they would arrive', () => {
    const sim = beaconSim({
      beacon: { pingEveryTicks: 1, pingsMax: 1, targets: { r1: ['r2'], r2: [], r3: [] } },
      network: { delayTicksMin: 4, delayTicksMax: 4 },
    });
    sim.at(2, (s) => s.crash('r2')).at(3, (s) => s.restart('r2'));
    sim.runUntil(10);
    expect(eventsOf(sim, 'drop')).toMatchObject([{ tick: 2, node: 'r2', from: 'r1', reason: 'crashed' }]);
    expect(received(sim.view(), 'r2')).toEqual([]);
  });

  it('messages sent to a node while it is down are dropped on arrival', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 1, targets: { r1: ['r2'], r2: [], r3: [] } } });
    sim.crash('r2');
    sim.runUntil(10);
    expect(eventsOf(sim, 'drop')).toMatchObject([{ node: 'r2', reason: 'crashed' }]);
  });

  it('restart recovers from the last persisted state only', () => {
    // inc persists the count; bump changes it in memory only.
    const sim = beaconSim({ clients: [{ id: 'c1', workload: script('r1', ['inc', 'inc', 'bump']) }] });
    sim.runUntil(30);
    expect(nodeView(sim, 'r1').state?.count).toBe(3);
    expect(nodeView(sim, 'r1').durable).toEqual({ count: 2 });
    sim.crash('r1').restart('r1');
    expect(nodeView(sim, 'r1').state?.count).toBe(2);
  });

  it('a node that never persisted restarts with nothing', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: script('r1', ['bump']) }] });
    sim.runUntil(10);
    sim.crash('r1').restart('r1');
    expect(nodeView(sim, 'r1').state?.count).toBe(0);
    expect(eventsOf(sim, 'restart')).toMatchObject([{ node: 'r1', fromDurable: false }]);
  });

  it('a restarted node gets a restart input, so it can act first', () => {
    const sim = beaconSim();
    sim.crash('r3').restart('r3');
    expect(eventsOf(sim, 'note')).toMatchObject([{ node: 'r3', text: 'back with count 0' }]);
  });

  it('injected crashes keep a majority up and restart every crashed node', () => {
    const sim = beaconSim({ n: 5, faults: { crash: { probabilityPerTick: 0.5, downTicksMin: 2, downTicksMax: 8 } } });
    const downCounts: number[] = [];
    for (let t = 1; t <= 300; t++) {
      sim.runUntil(t);
      downCounts.push(sim.view().nodes.filter((n) => !n.up).length);
    }
    expect(Math.max(...downCounts)).toBe(2);
    expect(eventsOf(sim, 'crash').length).toBeGreaterThan(20);
    sim.settle();
    expect(sim.view().nodes.every((n) => n.up)).toBe(true);
  });

  it('crashing a node that is down is a scenario bug, reported at once', () => {
    const sim = beaconSim();
    sim.crash('r1');
    expect(() => sim.crash('r1')).toThrow(/already down/);
  });
});
