import { describe, expect, it } from 'vitest';
import { beaconSim, eventsOf } from './toy-models.ts';

describe('timers are counters advanced by ticks', () => {
  it('a node’s timer fires every pingEveryTicks ticks', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 5, pingsMax: 3, targets: { r1: ['r2'], r2: [], r3: [] } } });
    sim.runUntil(30);
    expect(eventsOf(sim, 'send').map((e) => e.tick)).toEqual([5, 10, 15]);
  });

  it('every live node gets one tick per virtual tick, and a crashed node none', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 4, pingsMax: 100, targets: { r1: ['r2'], r2: ['r1'], r3: ['r1'] } } });
    sim.at(5, (s) => s.crash('r3'));
    sim.runUntil(20);
    const sendsBy = (node: string) => eventsOf(sim, 'send').filter((e) => e.node === node).length;
    expect([sendsBy('r1'), sendsBy('r2'), sendsBy('r3')]).toEqual([5, 5, 1]);
  });

  it('ticks that only advance counters stay out of the trace', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 5, pingsMax: 3 } });
    sim.runUntil(100);
    // 3 nodes × 3 pings: one timer line each; the other 291 ticks per node leave no line.
    expect(eventsOf(sim, 'timer')).toHaveLength(9);
    expect(eventsOf(sim, 'timer')[0]).toMatchObject({ tick: 5, node: 'r1', effects: 2 });
  });
});
