import { describe, expect, it } from 'vitest';
import { beaconSim, eventsOf, received } from './toy-models.ts';

/**
 * What the network does with a message whose receiver is down (snippets/README.md, "Read a trace"): its
 * fate is decided when it arrives, as in TigerBeetle's packet simulator. A crash loses what was already
 * on its way to the node (the old process's connections and buffers die with it), but a message sent
 * while the node is down travels on and is delivered if the node is back up by the time it arrives.
 */
describe('messages to a node that is down', () => {
  // r1 pings r2 once, at tick 1, and the message takes 4 ticks: it arrives at tick 5.
  const oneSlowPing = () =>
    beaconSim({
      beacon: { pingEveryTicks: 1, pingsMax: 1, targets: { r1: ['r2'], r2: [], r3: [] } },
      network: { delayTicksMin: 4, delayTicksMax: 4 },
    });

  it('a message sent while the receiver is down is delivered if it has restarted when the message arrives', () => {
    const sim = oneSlowPing();
    sim.crash('r2'); // down before r1 sends
    sim.at(3, (s) => s.restart('r2'));
    sim.runUntil(10);
    expect(eventsOf(sim, 'drop')).toEqual([]);
    expect(received(sim.view(), 'r2')).toEqual(['r1:1']);
  });

  it('it is dropped, as "crashed", if the receiver is still down when it arrives', () => {
    const sim = oneSlowPing();
    sim.crash('r2');
    sim.at(7, (s) => s.restart('r2'));
    sim.runUntil(10);
    expect(eventsOf(sim, 'drop')).toMatchObject([{ tick: 5, node: 'r2', from: 'r1', reason: 'crashed' }]);
    expect(received(sim.view(), 'r2')).toEqual([]);
  });

  it('a message already on its way when the receiver crashes is lost, even if the receiver is back before it would arrive', () => {
    const sim = oneSlowPing();
    sim.at(2, (s) => s.crash('r2')).at(3, (s) => s.restart('r2'));
    sim.runUntil(10);
    expect(eventsOf(sim, 'drop')).toMatchObject([{ tick: 2, node: 'r2', from: 'r1', reason: 'crashed' }]);
    expect(received(sim.view(), 'r2')).toEqual([]);
  });
});
