/**
 * Faults aimed at one kind of message or at one sender (sim/network.ts `byKind`, `bySender`), which
 * swarm testing draws for half its profiles (sim/swarm.ts): they change a message's odds, never how
 * many numbers the network draws, and they end when the faults do.
 */
import { describe, expect, it } from 'vitest';
import { calm, messageKind, Network, RELIABLE_NETWORK, type NetworkFaults } from '../../../snippets/sim/network.ts';
import { Rng } from '../../../snippets/sim/rng.ts';
import { seeds } from '../../../snippets/sim/index.ts';
import { describeProfile, drawFaultProfile } from '../../../snippets/sim/swarm.ts';

const net = (faults: Partial<NetworkFaults>, seed = 1) => new Network(new Rng(seed).split('network'), { ...RELIABLE_NETWORK, ...faults });
const routes = (network: Network, sends: ReadonlyArray<[from: string, kind: string]>) => sends.map(([from, kind], i) => network.route(from, 'r9', i, kind));
const mixed: Array<[string, string]> = Array.from({ length: 600 }, (_, i) => [`r${(i % 3) + 1}`, ['prepare', 'start-view', 'commit'][i % 3]!]);

describe('faults aimed at a kind of message or a sender', () => {
  it('the kind of a message: a model message\'s own kind, else message; request and reply for clients\'', () => {
    expect(messageKind({ kind: 'message', message: { kind: 'start-view', view: 1 } })).toBe('start-view');
    expect(messageKind({ kind: 'message', message: 'ping' })).toBe('message');
    expect(messageKind({ kind: 'message', message: { kind: 3 } })).toBe('message');
    expect(messageKind({ kind: 'request' })).toBe('request');
    expect(messageKind({ kind: 'reply' })).toBe('reply');
  });

  it('a lost kind is lost, and only that kind', () => {
    const fates = routes(net({ byKind: { 'start-view': { lossProbability: 1 } } }), mixed);
    mixed.forEach(([, kind], i) => expect(fates[i]!.kind, `${i} ${kind}`).toBe(kind === 'start-view' ? 'drop' : 'deliver'));
  });

  it('a slow kind or sender takes its own longest delay, and reaches it', () => {
    const fates = routes(net({ delayTicksMax: 3, byKind: { commit: { delayTicksMax: 40 } }, bySender: { r1: { delayTicksMax: 20 } } }), mixed);
    const delays = (test: (from: string, kind: string) => boolean) =>
      fates.flatMap((f, i) => (test(...mixed[i]!) && f.kind === 'deliver' ? [f.arrivalTicks[0]! - i] : []));
    // r1 only ever sends prepare here (i % 3 === 0); the kind's own delay wins over the sender's.
    expect(Math.max(...delays((_, kind) => kind === 'commit'))).toBeGreaterThan(30);
    expect(Math.max(...delays((from) => from === 'r1'))).toBeGreaterThan(15);
    expect(Math.max(...delays((from) => from === 'r1'))).toBeLessThanOrEqual(20);
    expect(Math.max(...delays((from, kind) => from !== 'r1' && kind !== 'commit'))).toBeLessThanOrEqual(3);
  });

  it('a lossy sender loses about its share of what it sends, and nothing of the others', () => {
    const fates = routes(net({ bySender: { r2: { lossProbability: 0.5 } } }), mixed);
    const lost = (from: string) => fates.filter((f, i) => mixed[i]![0] === from && f.kind === 'drop').length;
    expect(lost('r2') / 200).toBeGreaterThan(0.38);
    expect(lost('r2') / 200).toBeLessThan(0.62);
    expect(lost('r1') + lost('r3')).toBe(0);
  });

  it('a replayed kind\'s second copy comes late, its first on time', () => {
    const fates = routes(net({ delayTicksMax: 2, byKind: { prepare: { duplicateProbability: 1, duplicateDelayTicksMax: 50 } } }), mixed);
    const prepares = fates.filter((_, i) => mixed[i]![1] === 'prepare').map((f, n) => (f.kind === 'deliver' ? f.arrivalTicks.map((t) => t - n * 3) : []));
    expect(prepares.every((ticks) => ticks.length === 2 && ticks[0]! <= 2)).toBe(true);
    expect(Math.max(...prepares.map((ticks) => ticks[1]!))).toBeGreaterThan(40);
    expect(fates.filter((_, i) => mixed[i]![1] !== 'prepare').every((f) => f.kind === 'deliver' && f.arrivalTicks.length === 1)).toBe(true);
  });

  it('aiming changes the odds, not the draws: kinds nobody sends leave every fate as it was', () => {
    const plain = routes(net({ lossProbability: 0.2, duplicateProbability: 0.2, delayTicksMax: 9 }, 5), mixed);
    const aimedElsewhere = routes(net({ lossProbability: 0.2, duplicateProbability: 0.2, delayTicksMax: 9, byKind: { recovery: { lossProbability: 1 } }, bySender: { r7: { delayTicksMax: 60 } } }, 5), mixed);
    expect(aimedElsewhere).toEqual(plain);
  });

  it('once the faults stop, nothing is aimed any more (delays and reordering stay)', () => {
    const faults: NetworkFaults = { ...RELIABLE_NETWORK, delayTicksMax: 7, lossProbability: 0.3, byKind: { commit: { lossProbability: 1 } }, bySender: { r1: { delayTicksMax: 30 } } };
    expect(calm(faults)).toEqual({ ...RELIABLE_NETWORK, delayTicksMax: 7, lossProbability: 0, duplicateProbability: 0 });
  });

  it('bad aimed faults stop the run, naming the field', () => {
    expect(() => net({ byKind: { commit: { lossProbability: 2 } } })).toThrow('byKind.commit.lossProbability must be in [0, 1], got 2');
    expect(() => net({ bySender: { r1: { delayTicksMax: 0 } } })).toThrow('bySender.r1.delayTicksMax must be a whole number of ticks ≥ delayTicksMin (1), got 0');
    expect(() => net({ byKind: { commit: { duplicateDelayTicksMax: 1.5 } } })).toThrow('byKind.commit.duplicateDelayTicksMax');
  });
});

describe('swarm profiles aim faults at kinds and senders', () => {
  const NODES = ['r1', 'r2', 'r3'];
  const KINDS = ['prepare', 'commit', 'start-view', 'request', 'reply'];
  const profiles = seeds(400).map((seed) => drawFaultProfile(seed, NODES, 3, KINDS));

  it('aiming leaves the rest of a seed\'s profile as it was', () => {
    for (const seed of seeds(50)) {
      const { network: { byKind: _k, bySender: _s, ...network }, ...rest } = drawFaultProfile(seed, NODES, 3, KINDS);
      const { network: { byKind: _k2, bySender: _s2, ...unaimed }, ...restUnaimed } = drawFaultProfile(seed, NODES, 3, []);
      expect({ network, ...rest }).toEqual({ network: unaimed, ...restUnaimed });
    }
  });

  it('about half the profiles aim at one to three of the kinds, each lost, slow or replayed; about half make one sender flaky', () => {
    const aimed = profiles.filter((p) => p.network.byKind !== undefined);
    expect(aimed.length / profiles.length).toBeGreaterThan(0.4);
    expect(aimed.length / profiles.length).toBeLessThan(0.6);
    const counts = new Set(aimed.map((p) => Object.keys(p.network.byKind!).length));
    expect(counts).toEqual(new Set([1, 2, 3]));
    const all = aimed.flatMap((p) => Object.entries(p.network.byKind!));
    expect(new Set(all.map(([kind]) => kind))).toEqual(new Set(KINDS));
    expect(all.some(([, k]) => k.lossProbability !== undefined)).toBe(true);
    expect(all.some(([, k]) => k.delayTicksMax !== undefined)).toBe(true);
    expect(all.some(([, k]) => k.duplicateDelayTicksMax !== undefined && k.duplicateProbability! >= 0.3)).toBe(true);
    const flaky = profiles.filter((p) => p.network.bySender !== undefined);
    expect(flaky.length / profiles.length).toBeGreaterThan(0.4);
    expect(flaky.length / profiles.length).toBeLessThan(0.6);
    for (const p of flaky) expect(Object.keys(p.network.bySender!).every((n) => NODES.includes(n))).toBe(true);
    expect(describeProfile(aimed[0]!)).toMatch(/(lost|delays|duplicated) /);
  });
});
