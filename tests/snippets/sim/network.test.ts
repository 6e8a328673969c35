import { describe, expect, it } from 'vitest';
import { received } from './toy-models.ts';
import { beaconSim, eventsOf } from './toy-models.ts';

/** r1 pings r2 once a tick; nobody else talks. */
const oneLink = (pingsMax: number) => ({ beacon: { pingEveryTicks: 1, pingsMax, targets: { r1: ['r2'], r2: [], r3: [] } } });

describe('network faults', () => {
  it('loss drops roughly the configured fraction of messages', () => {
    const sim = beaconSim({ ...oneLink(4000), network: { lossProbability: 0.3 } });
    sim.runUntil(4010);
    const lost = eventsOf(sim, 'drop').filter((e) => e.reason === 'loss').length;
    expect(eventsOf(sim, 'send')).toHaveLength(4000);
    expect(lost / 4000).toBeGreaterThan(0.27);
    expect(lost / 4000).toBeLessThan(0.33);
    expect(received(sim.view(), 'r2')).toHaveLength(4000 - lost);
  });

  it('duplication delivers a message twice', () => {
    const sim = beaconSim({ ...oneLink(3), network: { duplicateProbability: 1 } });
    sim.runUntil(20);
    expect(eventsOf(sim, 'duplicate')).toHaveLength(3);
    expect([...received(sim.view(), 'r2')].sort()).toEqual(['r1:1', 'r1:1', 'r1:2', 'r1:2', 'r1:3', 'r1:3']);
    expect(eventsOf(sim, 'deliver').filter((e) => e.duplicate)).toHaveLength(3);
  });

  it('delays stay within the configured range and reach both ends', () => {
    const sim = beaconSim({ ...oneLink(500), network: { delayTicksMin: 2, delayTicksMax: 5 } });
    sim.runUntil(600);
    const sentAt = new Map(eventsOf(sim, 'send').map((e) => [e.msgId, e.tick]));
    const delays = new Set(eventsOf(sim, 'deliver').map((e) => e.tick - sentAt.get(e.msgId)!));
    expect([...delays].sort()).toEqual([2, 3, 4, 5]);
  });

  it('random delays reorder messages on a link', () => {
    const sim = beaconSim({ ...oneLink(50), network: { delayTicksMin: 1, delayTicksMax: 10 } });
    sim.runUntil(80);
    const order = received(sim.view(), 'r2').map((p) => Number(p.split(':')[1]));
    expect(order).toHaveLength(50);
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
  });

  it('with reorder off, each link delivers in send order', () => {
    const sim = beaconSim({ ...oneLink(50), network: { delayTicksMin: 1, delayTicksMax: 10, reorder: false } });
    sim.runUntil(80);
    const order = received(sim.view(), 'r2').map((p) => Number(p.split(':')[1]));
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('isolate cuts both directions, and only links that touch the isolated node', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 1 } });
    sim.isolate('r2');
    sim.runUntil(10);
    expect(received(sim.view(), 'r2')).toEqual([]);
    expect(received(sim.view(), 'r1')).toEqual(['r3:1']);
    expect(received(sim.view(), 'r3')).toEqual(['r1:1']);
    expect(eventsOf(sim, 'drop').map((e) => `${e.from}→${e.node} ${e.reason}`).sort()).toEqual([
      'r1→r2 partition', 'r2→r1 partition', 'r2→r3 partition', 'r3→r2 partition',
    ]);
  });

  it('a one-way partition cuts only messages from the first group to the second', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 1 } });
    sim.partition(['r1'], ['r2', 'r3'], { oneWay: true });
    sim.runUntil(10);
    expect([...received(sim.view(), 'r1')].sort()).toEqual(['r2:1', 'r3:1']);
    expect(received(sim.view(), 'r2')).toEqual(['r3:1']);
    expect(received(sim.view(), 'r3')).toEqual(['r2:1']);
  });

  it('a symmetric partition cuts both ways between the groups and nothing inside them', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 1 } });
    sim.partition(['r1'], ['r2', 'r3']);
    sim.runUntil(10);
    expect(received(sim.view(), 'r1')).toEqual([]);
    expect(received(sim.view(), 'r2')).toEqual(['r3:1']);
  });

  it('heal restores delivery', () => {
    const sim = beaconSim({ ...oneLink(10) });
    sim.isolate('r2');
    sim.at(5, (s) => s.heal());
    sim.runUntil(20);
    const got = received(sim.view(), 'r2').map((p) => Number(p.split(':')[1]));
    expect(got.length).toBeGreaterThan(0);
    expect(Math.min(...got)).toBeGreaterThanOrEqual(5); // pings 1–4 were sent into the cut link
  });

  it('a link cut while a message is in flight loses the message', () => {
    const sim = beaconSim({ ...oneLink(1), network: { delayTicksMin: 5, delayTicksMax: 5 } });
    sim.at(3, (s) => s.isolate('r2'));
    sim.runUntil(10);
    expect(eventsOf(sim, 'drop')).toMatchObject([{ tick: 6, node: 'r2', from: 'r1', reason: 'partition' }]);
  });

  it('fault rates can change mid-run, and the change is in the trace', () => {
    const sim = beaconSim({ ...oneLink(20) });
    sim.at(11, (s) => s.setNetworkFaults({ lossProbability: 1 }));
    sim.runUntil(30);
    expect(eventsOf(sim, 'drop').map((e) => e.tick)).toEqual(Array.from({ length: 10 }, (_, i) => 11 + i));
    expect(eventsOf(sim, 'network')).toMatchObject([{ tick: 11, text: 'faults lossProbability=1' }]);
  });

  it('rejects a delay of zero ticks, which would let a message arrive in the step that sent it', () => {
    expect(() => beaconSim({ network: { delayTicksMin: 0 } })).toThrow(/delayTicksMin/);
  });
});
