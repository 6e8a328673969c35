/**
 * The network's routing rules, stated on `Network.route` directly: a FIFO link is one direction between
 * two endpoints and never lets a message overtake an earlier one on it; links do not hold each other
 * up; a duplicate on a FIFO link comes no earlier than the first copy; and the delay bounds it refuses.
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { Network, messageKind, type NetworkFaults, type Route } from '../../../snippets/sim/network.ts';
import { Rng } from '../../../snippets/sim/rng.ts';

const FIFO: NetworkFaults = { delayTicksMin: 1, delayTicksMax: 20, lossProbability: 0, duplicateProbability: 0, reorder: false };

const arrivals = (route: Route): readonly number[] => (route.kind === 'deliver' ? route.arrivalTicks : []);

describe('a FIFO link', () => {
  it('delivers in send order: each arrival at or after the one sent before it on the link', () => {
    const net = new Network(new Rng(7), FIFO);
    const ticks = Array.from({ length: 200 }, (_, sent) => arrivals(net.route('r1', 'r2', sent))[0]!);
    ticks.forEach((tick, i) => {
      expect(tick).toBeGreaterThan(i);
      if (i > 0) expect(tick).toBeGreaterThanOrEqual(ticks[i - 1]!);
    });
  });

  it('keeps the latest arrival, not the last drawn: a short delay after a long one still waits for it', () => {
    const net = new Network(new Rng(3), { ...FIFO, delayTicksMax: 100 });
    let latest = 0;
    for (let sent = 0; sent < 50; sent++) {
      const tick = arrivals(net.route('r1', 'r2', sent))[0]!;
      expect(tick).toBeGreaterThanOrEqual(latest);
      latest = tick;
    }
  });

  it('is one direction between two endpoints: other links, and the way back, are not held up by it', () => {
    // Draws alternate between r1→r2 and another link; with one shared queue, the other link would wait too.
    for (const other of [['r2', 'r1'], ['r1', 'r3'], ['r3', 'r2']] as const) {
      const net = new Network(new Rng(11), { ...FIFO, delayTicksMin: 1, delayTicksMax: 50 });
      let overtook = false;
      for (let sent = 0; sent < 40; sent++) {
        const first = arrivals(net.route('r1', 'r2', sent))[0]!;
        const second = arrivals(net.route(other[0], other[1], sent))[0]!;
        if (second < first) overtook = true;
      }
      expect(overtook, `${other.join('→')} may arrive before r1→r2`).toBe(true);
    }
  });

  it("two endpoints whose names join the same way are two links (the key keeps the ends apart)", () => {
    const net = new Network(new Rng(5), { ...FIFO, delayTicksMin: 1, delayTicksMax: 50 });
    let overtook = false;
    for (let sent = 0; sent < 40; sent++) {
      const first = arrivals(net.route('a', 'bc', sent))[0]!;
      const second = arrivals(net.route('ab', 'c', sent))[0]!;
      if (second < first) overtook = true;
    }
    expect(overtook).toBe(true);
  });

  it("a duplicate comes no earlier than the message's first copy", () => {
    const net = new Network(new Rng(9), { ...FIFO, duplicateProbability: 1 });
    for (let sent = 0; sent < 50; sent++) {
      const [first, second] = arrivals(net.route('r1', 'r2', sent));
      expect(second).toBeGreaterThanOrEqual(first!);
    }
  });
});

describe('a reordering link', () => {
  it('lets a later message overtake an earlier one', () => {
    const net = new Network(new Rng(7), { ...FIFO, reorder: true });
    const ticks = Array.from({ length: 50 }, (_, sent) => arrivals(net.route('r1', 'r2', sent))[0]!);
    expect(ticks.some((tick, i) => i > 0 && tick < ticks[i - 1]!)).toBe(true);
  });
});

describe('delays the network refuses', () => {
  const words = (min: number, max: number) => `network delay must be whole ticks with 1 ≤ delayTicksMin ≤ delayTicksMax, got [${min}, ${max}]`;

  it.each([
    ['a minimum of 0 (a message would arrive in the step that sent it)', 0, 3],
    ['a minimum that is not whole', 1.5, 3],
    ['a maximum that is not whole', 1, 2.5],
    ['a maximum below the minimum', 3, 2],
  ])('%s', (_case, min, max) => {
    expect(() => new Network(new Rng(1), { ...FIFO, delayTicksMin: min, delayTicksMax: max })).toThrow(words(min, max));
  });

  it('accepts one fixed delay (minimum = maximum), and every arrival is exactly that far', () => {
    const net = new Network(new Rng(1), { ...FIFO, delayTicksMin: 2, delayTicksMax: 2, reorder: true });
    expect([0, 1, 2].map((sent) => arrivals(net.route('r1', 'r2', sent))[0])).toEqual([2, 3, 4]);
  });

  it('refuses the same when the rates change later', () => {
    const net = new Network(new Rng(1), FIFO);
    expect(() => {
      net.faults = { ...FIFO, delayTicksMax: 0 };
    }).toThrow(words(1, 0));
  });
});

describe('faults aimed at a kind of message or a sender', () => {
  it("a message's kind is its own `kind` tag, else `message`; requests and replies are named so", () => {
    const message = (payload: unknown) => messageKind({ kind: 'message', message: payload });
    expect(message({ kind: 'prepare' })).toBe('prepare');
    expect([message(null), message('text'), message({}), message({ kind: 7 }), message(undefined)]).toEqual(['message', 'message', 'message', 'message', 'message']);
    expect(messageKind({ kind: 'request', message: { kind: 'prepare' } })).toBe('request');
    expect(messageKind({ kind: 'reply' })).toBe('reply');
  });

  it('a message with no kind gets no kind\'s faults, not even those of a kind named "undefined"', () => {
    const net = new Network(new Rng(1), { ...FIFO, byKind: { undefined: { lossProbability: 1 } } });
    expect(net.route('r1', 'r2', 0).kind).toBe('deliver');
    expect(net.route('r1', 'r2', 0, 'undefined').kind).toBe('drop');
  });

  it('accepts the edges of the ranges: a probability of 0, a longest delay equal to the shortest', () => {
    expect(() => new Network(new Rng(1), { ...FIFO, delayTicksMin: 2, byKind: { ping: { lossProbability: 0, duplicateProbability: 1, delayTicksMax: 2, duplicateDelayTicksMax: 2 } } })).not.toThrow();
    expect(() => new Network(new Rng(1), { ...FIFO, bySender: { r1: { lossProbability: -0.01 } } })).toThrow('bySender.r1.lossProbability must be in [0, 1], got -0.01');
    expect(() => new Network(new Rng(1), { ...FIFO, byKind: { ping: { duplicateProbability: 1.01 } } })).toThrow('byKind.ping.duplicateProbability must be in [0, 1], got 1.01');
    expect(() => new Network(new Rng(1), { ...FIFO, delayTicksMin: 2, byKind: { ping: { duplicateDelayTicksMax: 1 } } })).toThrow('byKind.ping.duplicateDelayTicksMax must be a whole number of ticks ≥ delayTicksMin (2), got 1');
  });
});
