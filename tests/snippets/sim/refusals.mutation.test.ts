/**
 * What the simulator refuses, and the words it uses: a scenario or a test that asks for something
 * impossible is told what and why, at once. Also the small rules next to those checks: a node can
 * always reach itself, the fault rates read back as set, settling stops the fault injector, a swarm
 * profile reads as one line. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../snippets/sim/cluster.ts';
import { ClusterControls } from '../../../snippets/sim/controls.ts';
import { EventQueue } from '../../../snippets/sim/event-queue.ts';
import { describeRule } from '../../../snippets/sim/link-rules.ts';
import { RandomScheduler } from '../../../snippets/sim/random-scheduler.ts';
import { Rng } from '../../../snippets/sim/rng.ts';
import { BusyNodes, describeProfile, type FaultProfile } from '../../../snippets/sim/swarm.ts';
import { unreachable } from '../../../snippets/sim/unreachable.ts';
import { beacon, beaconSim, eventsOf, received, script, type Beacon } from './toy-models.ts';

describe('scenario faults that cannot apply', () => {
  it('a partition whose groups overlap', () => {
    expect(() => beaconSim().partition(['r1', 'r2'], ['r2', 'r3'])).toThrow('partition: groups overlap (r1 r2 | r2 r3)');
  });

  it('an endpoint nobody knows', () => {
    expect(() => beaconSim().isolate('r9')).toThrow('unknown node or client "r9"');
    expect(() => beaconSim().partition(['r1'], ['x'])).toThrow('unknown node or client "x"');
    expect(() => beaconSim().crash('c1')).toThrow('unknown node or client "c1"');
  });

  it('a client is an endpoint a scenario may cut off, but not a node to crash or restart', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: script('r1', []) }] });
    expect(() => sim.isolate('c1')).not.toThrow();
    expect(() => sim.crash('c1')).toThrow('unknown node "c1"');
    expect(() => sim.restart('r9')).toThrow('unknown node or client "r9"');
  });

  it('a restart of a node that is up', () => {
    expect(() => beaconSim().restart('r2')).toThrow('restart(r2): it is up');
  });

  it('an action at a tick that is not a whole tick after now', () => {
    const sim = beaconSim();
    sim.runUntil(3);
    expect(() => sim.at(3, () => {})).toThrow('at(3): schedule a whole tick after now (3)');
    expect(() => sim.at(4.5, () => {})).toThrow('at(4.5): schedule a whole tick after now (3)');
  });

  it('a client that starts before tick 1', () => {
    expect(() => beaconSim({ clients: [{ id: 'c1', workload: script('r1', []), startTick: 0 }] })).toThrow('client c1: startTick must be a whole number ≥ 1');
  });

  it('a probability outside [0, 1]', () => {
    expect(() => beaconSim({ network: { lossProbability: 1.5 } })).toThrow('lossProbability must be in [0, 1], got 1.5');
    expect(() => beaconSim().setNetworkFaults({ duplicateProbability: -0.1 })).toThrow('duplicateProbability must be in [0, 1], got -0.1');
  });

  it('a scheduler asked to run before it drives a cluster', () => {
    expect(() => new RandomScheduler({ seed: 1 }).runTick(1)).toThrow('RandomScheduler: drive(cluster) first');
  });
});

describe('the small parts refuse in words too', () => {
  it('the event queue: tick 0 is a tick; an empty queue has no next tick', () => {
    const queue = new EventQueue<string>();
    expect(queue.peekTick()).toBeUndefined();
    queue.push(0, 'first');
    expect(queue.peekTick()).toBe(0);
  });

  it('the event queue: a tick that is not a whole number ≥ 0', () => {
    expect(() => new EventQueue<string>().push(-1, 'e')).toThrow('event tick must be a whole number ≥ 0, got -1');
    expect(() => new EventQueue<string>().push(0.5, 'e')).toThrow('event tick must be a whole number ≥ 0, got 0.5');
  });

  it('randomness: an unsafe seed, a bad range, a pick from nothing', () => {
    expect(() => new Rng(0.5)).toThrow('seed must be a whole number from -(2^53 - 1) to 2^53 - 1 (a safe integer), got 0.5');
    expect(() => new Rng(1).int(3, 2)).toThrow('bad range [3, 2]');
    expect(() => new Rng(1).int(0, 1.5)).toThrow('bad range [0, 1.5]');
    expect(() => new Rng(1).pick([])).toThrow('pick from an empty list');
  });

  it('a dispatcher\'s default names the stray value, as an input unless told otherwise', () => {
    expect(() => unreachable({ kind: 'odd' } as never)).toThrow('unhandled input: {"kind":"odd"}');
    expect(() => unreachable(3 as never, 'message')).toThrow('unhandled message: 3');
  });
});

describe('the controls the player uses', () => {
  it('lift takes away the one rule a cut set, and nothing else', () => {
    const scheduler = new RandomScheduler<Beacon>({ seed: 1 });
    const cluster = new Cluster<Beacon>({ model: beacon({ pingEveryTicks: 1, pingsMax: 1 }), nodes: ['r1', 'r2', 'r3'], config: { pingEveryTicks: 1, pingsMax: 1 }, seed: 1 }, scheduler);
    scheduler.drive(cluster);
    const controls = new ClusterControls(cluster, scheduler);
    const isolated = controls.isolate('r2');
    const cut = controls.partition(['r1'], ['r3'], { oneWay: true });
    controls.lift(isolated);
    expect(cluster.rules).toEqual([cut]);
    expect(eventsOf(cluster, 'network').map((e) => e.text)).toEqual(['isolate r2', 'partition r1 → r3', 'lift isolate r2']);
  });
});

describe('rules beside the checks', () => {
  it('an isolated node still reaches itself', () => {
    const sim = beaconSim({ beacon: { pingEveryTicks: 1, pingsMax: 1, targets: { r1: ['r1', 'r2'], r2: [], r3: [] } } });
    sim.isolate('r1');
    sim.runUntil(5);
    expect(received(sim.view(), 'r1')).toEqual(['r1:1']);
    expect(received(sim.view(), 'r2')).toEqual([]);
  });

  it('a change of rates is one trace line naming every rate changed', () => {
    const sim = beaconSim();
    sim.setNetworkFaults({ lossProbability: 0.1, reorder: false });
    expect(eventsOf(sim, 'network').map((e) => e.text)).toEqual(['faults lossProbability=0.1 reorder=false']);
  });

  it('the fault rates read back as set, defaults filled in', () => {
    const sim = beaconSim({ network: { lossProbability: 0.25 } });
    expect(sim.networkFaults).toEqual({ delayTicksMin: 1, delayTicksMax: 3, lossProbability: 0.25, duplicateProbability: 0, reorder: true });
    sim.setNetworkFaults({ reorder: false });
    expect(sim.networkFaults.reorder).toBe(false);
  });

  it('a run ended by fail() is, unless told otherwise, a failure to make progress', () => {
    const sim = beaconSim();
    sim.runUntil(2);
    expect(sim.fail('stuck')).toEqual({ kind: 'no-progress', tick: 2, message: 'stuck' });
  });

  it('after settling the fault injector starts no more crashes', () => {
    const sim = beaconSim({ n: 5, faults: { crash: { probabilityPerTick: 1, downTicksMin: 1, downTicksMax: 1 } } });
    sim.runUntil(10);
    expect(eventsOf(sim, 'crash').length).toBeGreaterThan(0);
    sim.settle();
    const settledAt = sim.now;
    sim.runUntil(30);
    expect(eventsOf(sim, 'crash').filter((e) => e.tick > settledAt)).toEqual([]);
  });
});

describe('link rules in words', () => {
  it('a partition names each side\'s endpoints, | both ways, → one way', () => {
    expect(describeRule({ kind: 'partition', from: ['r1', 'r2'], to: ['r3', 'c1'], oneWay: false })).toBe('partition r1 r2 | r3 c1');
    expect(describeRule({ kind: 'partition', from: ['r1'], to: ['r2', 'r3'], oneWay: true })).toBe('partition r1 → r2 r3');
  });
});

describe('a swarm profile in one line', () => {
  const calm: FaultProfile = {
    network: { delayTicksMin: 1, delayTicksMax: 4, lossProbability: 0, duplicateProbability: 0, reorder: false },
    partition: undefined,
    crash: undefined,
    clients: 1,
  };

  it('a calm profile: no loss, FIFO links, no partitions or crashes, one client', () => {
    expect(describeProfile(calm)).toBe('loss 0%, duplicates 0%, delays 1–4 FIFO, no partitions, no crashes, 1 client');
  });

  it('crashes without steps cut short say nothing about cutting', () => {
    const crashing: FaultProfile = { ...calm, crash: { probabilityPerTick: 0.5, downTicksMin: 1, downTicksMax: 2, target: 'fresh', crashable: ['r2'], betweenEffects: 0 }, clients: 2 };
    expect(describeProfile(crashing)).toBe('loss 0%, duplicates 0%, delays 1–4 FIFO, no partitions, crashes 50%/tick of nodes in their first operation since boot among r2, down 1–2 ticks, 2 clients');
  });

  it('a brutal one: every fault with its rates, steps cut short, clients counted', () => {
    const brutal: FaultProfile = {
      network: { ...calm.network, lossProbability: 0.125, duplicateProbability: 0.05, reorder: true },
      partition: { probabilityPerTick: 0.01, durationTicksMin: 2, durationTicksMax: 9 },
      crash: { probabilityPerTick: 0.2, downTicksMin: 0, downTicksMax: 3, target: 'busy', crashable: ['r1', 'r3'], betweenEffects: 0.05 },
      clients: 3,
    };
    expect(describeProfile(brutal)).toBe(
      'loss 12.5%, duplicates 5%, delays 1–4, partitions 1%/tick for 2–9 ticks (0% one-way), ' +
        'crashes 20%/tick of busy nodes among r1 r3, down 0–3 ticks, 5% of steps cut short, 3 clients',
    );
  });
});

describe('busy nodes', () => {
  it('by default any node holding an unanswered request is busy, not only one in its first request', () => {
    const busy = new BusyNodes();
    const events = [
      { tick: 1, node: 'c1', kind: 'invoke', to: 'r1', msgId: 1, opId: 1, label: 'get' },
      { tick: 2, node: 'r1', kind: 'deliver', from: 'c1', msgId: 1, label: 'get', duplicate: false, message: null },
      { tick: 2, node: 'r1', kind: 'reply', to: 'c1', msgId: 2, opId: 1, label: 'ok' },
      { tick: 3, node: 'c1', kind: 'invoke', to: 'r1', msgId: 3, opId: 2, label: 'get' },
      { tick: 4, node: 'r1', kind: 'deliver', from: 'c1', msgId: 3, label: 'get', duplicate: false, message: null },
    ] as const;
    expect([...busy.update(events)]).toEqual(['r1']);
    expect([...busy.update(events, true)]).toEqual([]);
  });
});
