/**
 * Swarm testing's fault profile stated directly (swarm.test.ts reads it only as shares over 400 seeds):
 * with each of the seed's `swarm…` streams made to draw numbers the test chooses, which faults are in,
 * the two ends of every range (a draw of 0 gives the lowest value, the largest draw, just under 1, the
 * highest), how a profile becomes a run's options and a line of text, and how the crash driver picks its
 * victims (`swarmCrashes`, `BusyNodes`). (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../snippets/sim/rng.ts';
import {
  BusyNodes,
  describeProfile,
  drawFaultProfile,
  injectorFaults,
  profileFaults,
  swarmCrashes,
  type CrashProfile,
  type FaultProfile,
} from '../../../snippets/sim/swarm.ts';
import type { TraceEvent } from '../../../snippets/sim/trace.ts';
import { beaconSim, eventsOf, script, type Beacon } from './toy-models.ts';

const NODES = ['r1', 'r2', 'r3', 'r4', 'r5'];

/** The smallest draw: an integer range's low end, a range of rates' low end, the first of a pick; and a coin that comes up. */
const LOW = 0;
const YES = 0;
/** The largest draw `Rng.next()` returns (0xffffffff / 2^32): an integer range's high end, a rate just under its range's high end, the last of a pick; and a coin (p < 1) that does not come up. */
const HIGH = 1 - 2 ** -32;
const NO = HIGH;
/** The middle of three, for `pick`. */
const SECOND_OF_THREE = 0.5;

/** The draws that make `Rng.shuffle` (Fisher–Yates, last place first) turn `items` into `wanted`. */
function shuffleDraws(items: readonly string[], wanted: readonly string[]): number[] {
  const out = [...items];
  const draws: number[] = [];
  for (let i = out.length - 1; i > 0; i--) {
    const j = out.indexOf(wanted[i]!);
    draws.push((j + 0.5) / (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return draws;
}

/**
 * Runs `body` with each stream named in `draws` (a `split` label: `swarm`, `swarm-crash-budget`,
 * `swarm-kinds`, `swarm-senders`, `swarm-crashes`) drawing exactly those numbers, in order; a stream
 * that draws more, or fewer, than scripted fails the test. Other streams draw as usual.
 */
function withDraws<R>(draws: Record<string, readonly number[]>, body: () => R): R {
  const labels = new WeakMap<Rng, string>();
  const queues = new Map(Object.entries(draws).map(([label, values]) => [label, [...values]]));
  const { split, next } = Rng.prototype;
  Rng.prototype.split = function (this: Rng, label: string) {
    const child = split.call(this, label);
    labels.set(child, label);
    return child;
  };
  Rng.prototype.next = function (this: Rng) {
    const label = labels.get(this);
    const queue = label === undefined ? undefined : queues.get(label);
    if (queue === undefined) return next.call(this);
    const value = queue.shift();
    if (value === undefined) throw new Error(`the ${label} stream drew more than scripted`);
    return value;
  };
  try {
    const result = body();
    for (const [label, left] of queues) if (left.length > 0) throw new Error(`the ${label} stream left ${left.length} scripted draws unused`);
    return result;
  } finally {
    Rng.prototype.split = split;
    Rng.prototype.next = next;
  }
}

/** The `swarm` stream's draws for a profile with every fault in and every number at its lowest (five nodes, three clients at most). */
const ALL_IN_LOWEST = [
  LOW, // longest delay: 1 tick
  YES, LOW, // loss, 1 %
  YES, LOW, // duplication, 1 %
  YES, // reordering
  YES, LOW, LOW, LOW, LOW, // partitions: 1 tick at least, 0.3 %/tick, 1 tick at most, 0 % one-way
  YES, LOW, YES, LOW, // crashes: at any node, a quick reboot, down 0 ticks at most
  ...shuffleDraws(NODES, ['r2', 'r3', 'r4', 'r5', 'r1']), LOW, // the few nodes: the first one of the shuffle
  LOW, YES, YES, LOW, // 0.5 %/tick; all nodes crashable; steps cut short, 0.5 %
  LOW, // one client
];

describe('a fault profile: which faults are in, and the ends of their ranges', () => {
  it('every fault in at its lowest: delays 1–1, 1 % loss and duplication, short rare partitions, quick reboots of any node, a budget of 1 from tick 10', () => {
    const profile = withDraws({ swarm: ALL_IN_LOWEST, 'swarm-crash-budget': [YES, LOW, YES, LOW], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES));
    expect(profile).toStrictEqual({
      network: { delayTicksMin: 1, delayTicksMax: 1, lossProbability: 0.01, duplicateProbability: 0.01, reorder: true },
      partition: { probabilityPerTick: 0.003, durationTicksMin: 1, durationTicksMax: 1, oneWayProbability: 0 },
      crash: {
        target: 'any', probabilityPerTick: 0.005, downTicksMin: 0, downTicksMax: 0, crashable: NODES, betweenEffects: 0.005,
        crashesMax: 1, fromTick: 10,
      },
      clients: 1,
    });
  });

  it('every coin down: a calm run (no loss, duplication, reordering, partitions or crashes), the longest delays, the most clients', () => {
    // No crash profile, so the crash budget's stream draws nothing.
    const profile = withDraws({ swarm: [HIGH, NO, NO, NO, NO, NO, HIGH], 'swarm-crash-budget': [], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES, 4));
    expect(profile).toStrictEqual({
      network: { delayTicksMin: 1, delayTicksMax: 12, lossProbability: 0, duplicateProbability: 0, reorder: false },
      partition: undefined,
      crash: undefined,
      clients: 4,
    });
  });

  it('every fault in at its highest: loss under 40 %, duplication under 20 %, partitions of 20–80 ticks, crashes aimed at fresh nodes down 10–60 ticks, a budget of 3 from tick 80', () => {
    const swarm = [
      HIGH, YES, HIGH, YES, HIGH, YES, // delays 1–12, loss, duplication, reordering
      YES, HIGH, HIGH, HIGH, HIGH, // partitions
      YES, HIGH, NO, HIGH, HIGH, // crashes: at fresh nodes, not quick, down 10 + 50 ticks at most
      ...shuffleDraws(NODES, NODES), HIGH, // the few nodes: all five
      HIGH, NO, YES, HIGH, // the rate; crashable: the few; steps cut short
      HIGH, // clients
    ];
    const { network, partition, crash, clients } = withDraws({ swarm, 'swarm-crash-budget': [YES, HIGH, YES, HIGH], 'swarm-senders': [NO] }, () =>
      drawFaultProfile(1, NODES),
    );
    expect(network.delayTicksMax).toBe(12);
    for (const [rate, high] of [[network.lossProbability, 0.4], [network.duplicateProbability, 0.2], [partition!.probabilityPerTick, 0.05], [partition!.oneWayProbability!, 0.6], [crash!.probabilityPerTick, 0.5], [crash!.betweenEffects, 0.1]] as const) {
      expect(rate).toBeLessThan(high);
      expect(rate).toBeCloseTo(high, 6);
    }
    expect([partition!.durationTicksMin, partition!.durationTicksMax]).toEqual([20, 80]);
    expect(crash).toMatchObject({ target: 'fresh', downTicksMin: 10, downTicksMax: 60, crashable: NODES, crashesMax: 3, fromTick: 80 });
    expect(clients).toBe(3);
  });

  it('a partition lasts at least its drawn shortest length: the longest is drawn from there up', () => {
    const swarm = [LOW, NO, NO, NO, YES, HIGH, LOW, LOW, LOW, NO, LOW];
    const { partition } = withDraws({ swarm, 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES));
    expect(partition).toMatchObject({ durationTicksMin: 20, durationTicksMax: 20 });
  });

  it('a quick reboot is back within 0 to 2 ticks', () => {
    const swarm = [...ALL_IN_LOWEST];
    swarm[14] = HIGH; // the quick reboot's longest downtime
    const { crash } = withDraws({ swarm, 'swarm-crash-budget': [NO, NO], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES));
    expect([crash!.downTicksMin, crash!.downTicksMax]).toEqual([0, 2]);
  });

  it('crashes aimed at busy nodes come at 0.5–10 % a tick (only a fresh node\'s rate goes up to 50 %)', () => {
    const swarm = [...ALL_IN_LOWEST];
    swarm[12] = SECOND_OF_THREE; // busy
    swarm[20] = HIGH; // the rate at its highest
    const { crash } = withDraws({ swarm, 'swarm-crash-budget': [NO, NO], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES));
    expect(crash!.target).toBe('busy');
    expect(crash!.probabilityPerTick).toBeLessThan(0.1);
    expect(crash!.probabilityPerTick).toBeCloseTo(0.1, 6);
  });

  it('a few nodes picked for the seed by the shuffle are the only crashable ones, in cluster order', () => {
    const swarm = [...ALL_IN_LOWEST];
    swarm.splice(15, 5, ...shuffleDraws(NODES, ['r4', 'r2', 'r5', 'r1', 'r3']), 0.3); // the first two of that shuffle
    swarm[21] = NO; // not every node: the few
    const { crash } = withDraws({ swarm, 'swarm-crash-budget': [NO, NO], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES));
    expect(crash!.crashable).toEqual(['r2', 'r4']);
  });

  it('with its coins down, the crash budget adds neither a limit nor a calm start', () => {
    const { crash } = withDraws({ swarm: ALL_IN_LOWEST, 'swarm-crash-budget': [NO, NO], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES));
    expect(crash).not.toHaveProperty('crashesMax');
    expect(crash).not.toHaveProperty('fromTick');
  });

  it('each newer dimension has its own stream: the profile\'s older draws are the same with or without kinds to aim at', () => {
    const plain = drawFaultProfile(5, NODES);
    const aimed = drawFaultProfile(5, NODES, 3, ['Prepare', 'Commit']);
    expect({ ...aimed, network: { ...aimed.network, byKind: undefined } }).toEqual({ ...plain, network: { ...plain.network, byKind: undefined } });
  });
});

const KINDS = ['Commit', 'Prepare', 'StartView', 'reply', 'request'];
/** A calm `swarm` stream whose longest delay is 12 ticks. */
const CALM = [HIGH, NO, NO, NO, NO, NO, LOW];

describe('faults aimed at kinds of message (the swarm-kinds stream)', () => {
  it('none when the model names no kinds, and then the stream draws nothing', () => {
    const { network } = withDraws({ swarm: CALM, 'swarm-kinds': [], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES));
    expect(network).not.toHaveProperty('byKind');
  });

  it('none when its coin is down', () => {
    const { network } = withDraws({ swarm: CALM, 'swarm-kinds': [NO], 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES, 3, KINDS));
    expect(network).not.toHaveProperty('byKind');
  });

  it('at most three of the kinds, chosen by a shuffle, each drawing its fault in alphabetical order: lost 30 %, slow by 60 ticks more, replayed 30 % within 10 ticks more', () => {
    const kinds = [
      YES,
      ...shuffleDraws(KINDS, ['request', 'Prepare', 'StartView', 'Commit', 'reply']), HIGH, // three kinds: request, Prepare, StartView
      LOW, LOW, // Prepare: lost, 30 %
      SECOND_OF_THREE, HIGH, // StartView: slow, 12 + 60 ticks at most
      HIGH, LOW, LOW, // request: replayed, 30 %, second copy within 12 + 10 ticks
    ];
    const { network } = withDraws({ swarm: CALM, 'swarm-kinds': kinds, 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES, 3, KINDS));
    expect(network.byKind).toStrictEqual({
      Prepare: { lossProbability: 0.3 },
      StartView: { delayTicksMax: 72 },
      request: { duplicateProbability: 0.3, duplicateDelayTicksMax: 22 },
    });
    expect(Object.keys(network.byKind!)).toEqual(['Prepare', 'StartView', 'request']);
  });

  it('the other ends: lost just under 100 %, slow by 5 ticks more, replayed just under 90 % within 80 ticks more; one kind at least', () => {
    const draws = (how: number, ...values: number[]) => [YES, ...shuffleDraws(['a', 'b'], ['b', 'a']), LOW, how, ...values];
    const aimed = (kindDraws: number[]) => withDraws({ swarm: CALM, 'swarm-kinds': kindDraws, 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES, 3, ['a', 'b'])).network.byKind!;
    const lost = aimed(draws(LOW, HIGH)).b!.lossProbability!;
    expect(lost).toBeLessThan(1);
    expect(lost).toBeCloseTo(1, 6);
    expect(aimed(draws(SECOND_OF_THREE, LOW))).toStrictEqual({ b: { delayTicksMax: 17 } });
    const replayed = aimed(draws(HIGH, HIGH, HIGH)).b!;
    expect(replayed.duplicateProbability).toBeLessThan(0.9);
    expect(replayed.duplicateProbability).toBeCloseTo(0.9, 6);
    expect(replayed.duplicateDelayTicksMax).toBe(92);
  });

  it('with two kinds, a draw of 0.4 aims at one of them (one or two, uniformly)', () => {
    const kinds = [YES, ...shuffleDraws(['a', 'b'], ['a', 'b']), 0.4, LOW, LOW];
    const { network } = withDraws({ swarm: CALM, 'swarm-kinds': kinds, 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES, 3, ['a', 'b']));
    expect(Object.keys(network.byKind!)).toEqual(['a']);
  });
});

describe('one flaky sender (the swarm-senders stream)', () => {
  it('when its coin is up, one node picked for the seed: most of its sends lost (30 % up to just under 90 %)', () => {
    const lowest = withDraws({ swarm: CALM, 'swarm-senders': [YES, HIGH, YES, LOW] }, () => drawFaultProfile(1, NODES)).network.bySender;
    expect(lowest).toStrictEqual({ r5: { lossProbability: 0.3 } });
    const highest = withDraws({ swarm: CALM, 'swarm-senders': [YES, LOW, YES, HIGH] }, () => drawFaultProfile(1, NODES)).network.bySender!;
    expect(Object.keys(highest)).toEqual(['r1']);
    expect(highest.r1!.lossProbability).toBeLessThan(0.9);
    expect(highest.r1!.lossProbability).toBeCloseTo(0.9, 6);
  });

  it('or slow: its longest delay 5 to 60 ticks past the network\'s', () => {
    const slow = (draw: number) => withDraws({ swarm: CALM, 'swarm-senders': [YES, LOW, NO, draw] }, () => drawFaultProfile(1, NODES)).network.bySender;
    expect(slow(LOW)).toStrictEqual({ r1: { delayTicksMax: 17 } });
    expect(slow(HIGH)).toStrictEqual({ r1: { delayTicksMax: 72 } });
  });

  it('none when its coin is down, and none (without a draw) in a cluster of no nodes', () => {
    expect(withDraws({ swarm: CALM, 'swarm-senders': [NO] }, () => drawFaultProfile(1, NODES)).network).not.toHaveProperty('bySender');
    expect(withDraws({ swarm: CALM, 'swarm-senders': [] }, () => drawFaultProfile(1, [])).network).not.toHaveProperty('bySender');
  });
});

const CALM_PROFILE: FaultProfile = {
  network: { delayTicksMin: 1, delayTicksMax: 4, lossProbability: 0, duplicateProbability: 0, reorder: true },
  partition: undefined,
  crash: undefined,
  clients: 1,
};
const PARTITIONS = { probabilityPerTick: 0.01, durationTicksMin: 2, durationTicksMax: 9 };
const CRASHES: CrashProfile = { probabilityPerTick: 0.2, downTicksMin: 0, downTicksMax: 3, target: 'busy', crashable: ['r1'], betweenEffects: 0.05 };

describe('a profile as a run\'s options', () => {
  it('profileFaults: the network as drawn, and no fault injector when there are no partitions and no steps to cut', () => {
    expect(profileFaults(CALM_PROFILE, true)).toStrictEqual({ network: CALM_PROFILE.network });
    expect(profileFaults({ ...CALM_PROFILE, crash: CRASHES }, false)).toStrictEqual({ network: CALM_PROFILE.network });
    expect(profileFaults({ ...CALM_PROFILE, crash: { ...CRASHES, betweenEffects: 0 } }, true)).toStrictEqual({ network: CALM_PROFILE.network });
  });

  it('profileFaults: partitions go to the injector, and with cutSteps the injector cuts steps short (its own crash rate 0: the crash driver crashes)', () => {
    expect(profileFaults({ ...CALM_PROFILE, partition: PARTITIONS }, false)).toStrictEqual({ network: CALM_PROFILE.network, faults: { partition: PARTITIONS } });
    expect(profileFaults({ ...CALM_PROFILE, crash: CRASHES }, true)).toStrictEqual({
      network: CALM_PROFILE.network,
      faults: { crash: { probabilityPerTick: 0, downTicksMin: 0, downTicksMax: 3, betweenEffectsProbability: 0.05 } },
    });
  });

  it('injectorFaults: partitions and crashes both through the injector, down at least a tick', () => {
    expect(injectorFaults(CALM_PROFILE)).toStrictEqual({});
    expect(injectorFaults({ ...CALM_PROFILE, partition: PARTITIONS, crash: CRASHES })).toStrictEqual({
      partition: PARTITIONS,
      crash: { probabilityPerTick: 0.2, downTicksMin: 1, downTicksMax: 3 },
    });
    expect(injectorFaults({ ...CALM_PROFILE, crash: { ...CRASHES, downTicksMin: 4, downTicksMax: 0 } }).crash).toMatchObject({ downTicksMin: 4, downTicksMax: 1 });
  });

  it('in one line, faults aimed at a kind or a sender say what each one gets', () => {
    const aimed: FaultProfile = {
      ...CALM_PROFILE,
      network: {
        ...CALM_PROFILE.network,
        byKind: { Prepare: { lossProbability: 0.3 }, request: { duplicateProbability: 0.5, duplicateDelayTicksMax: 30 } },
        bySender: { r2: { delayTicksMax: 40 } },
      },
    };
    expect(describeProfile(aimed)).toBe(
      'loss 0%, duplicates 0%, delays 1–4, Prepare lost 30%, request duplicated 50% second copy within 30 ticks, from r2 delays 1–40, no partitions, no crashes, 1 client',
    );
  });
});

describe('the crash driver', () => {
  const always = (overrides: Partial<CrashProfile>): CrashProfile => ({
    probabilityPerTick: 1, downTicksMin: 5, downTicksMax: 5, target: 'any', crashable: ['r1', 'r2', 'r3'], betweenEffects: 0, ...overrides,
  });

  it('draws from the seed\'s swarm-crashes stream, up front: per tick a coin, then which candidate and how long it stays down', () => {
    const sim = beaconSim();
    // Tick 1: tails. Tick 2: heads, the last candidate, the longest downtime. Tick 3: tails.
    withDraws({ 'swarm-crashes': [NO, YES, HIGH, HIGH, NO] }, () =>
      swarmCrashes<Beacon>(1, always({ probabilityPerTick: 0.5, downTicksMin: 2, downTicksMax: 4 }), { untilTick: 3 })(sim),
    );
    sim.runUntil(10);
    expect(eventsOf(sim, 'crash').map((e) => [e.tick, e.node])).toEqual([[2, 'r3']]);
    expect(eventsOf(sim, 'restart').map((e) => [e.tick, e.node])).toEqual([[6, 'r3']]);
  });

  it('aimed at any node, a busy node is no likelier than the others', () => {
    const victims = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      // r2 holds an unanswered request from tick 2; the one crash comes at tick 3.
      const sim = beaconSim({ network: { delayTicksMin: 1, delayTicksMax: 1 }, clients: [{ id: 'c1', workload: script('r2', ['hold']) }] });
      swarmCrashes<Beacon>(seed, always({ fromTick: 3 }), { untilTick: 3 })(sim);
      sim.runUntil(3);
      for (const e of eventsOf(sim, 'crash')) victims.add(e.node);
    }
    expect([...victims].sort()).toEqual(['r1', 'r2', 'r3']);
  });

  it('aimed at busy nodes, a node holding its second request is busy (not only one in its first)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      // r2 answers `get` and holds `hold` from tick 4 on.
      const sim = beaconSim({ network: { delayTicksMin: 1, delayTicksMax: 1 }, clients: [{ id: 'c1', workload: script('r2', ['get', 'hold']) }] });
      swarmCrashes<Beacon>(seed, always({ target: 'busy', fromTick: 6 }), { untilTick: 6 })(sim);
      sim.runUntil(6);
      expect(eventsOf(sim, 'crash').map((e) => [e.tick, e.node]), `seed ${seed}`).toEqual([[6, 'r2']]);
    }
  });

  it('a node restarted by someone else before its downtime is over is not restarted again', () => {
    const sim = beaconSim();
    swarmCrashes<Beacon>(1, always({ crashable: ['r1'] }), { untilTick: 1 })(sim);
    sim.at(3, (s) => s.restart('r1'));
    sim.runUntil(10);
    expect(eventsOf(sim, 'crash').map((e) => e.tick)).toEqual([1]);
    expect(eventsOf(sim, 'restart').map((e) => e.tick)).toEqual([3]);
  });
});

describe('busy nodes, read from the trace', () => {
  const invoke = (tick: number, msgId: number, opId: number): TraceEvent => ({ tick, node: 'c1', kind: 'invoke', to: 'r1', msgId, opId, label: 'get' });
  const deliver = (tick: number, msgId: number, from = 'c1'): TraceEvent => ({ tick, node: 'r1', kind: 'deliver', from, msgId, label: 'get', duplicate: false, message: null });
  const reply = (tick: number, opId: number, node = 'r1'): TraceEvent => ({ tick, node, kind: 'reply', to: 'c1', msgId: 100 + opId, opId, label: 'ok' });
  const crash = (tick: number): TraceEvent => ({ tick, node: 'r1', kind: 'crash' });

  it('a node that answered every request it got is not busy', () => {
    expect([...new BusyNodes().update([invoke(1, 1, 1), deliver(2, 1), reply(2, 1)])]).toEqual([]);
  });

  it('a message from another node is not a client request: it makes no node busy', () => {
    expect([...new BusyNodes().update([deliver(2, 7, 'r2')])]).toEqual([]);
  });

  it('a reply from a node that holds nothing is read without harm', () => {
    expect([...new BusyNodes().update([reply(2, 1, 'r3')])]).toEqual([]);
  });

  it('a crash forgets what the node held, and the next request it gets is the first of its new life', () => {
    const events = [invoke(1, 1, 1), deliver(2, 1), crash(3)];
    const busy = new BusyNodes();
    expect([...busy.update(events)]).toEqual([]);
    const later = [...events, invoke(4, 2, 2), deliver(5, 2)];
    expect([...busy.update(later, true)]).toEqual(['r1']);
  });
});
