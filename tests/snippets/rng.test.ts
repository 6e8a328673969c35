import { describe, expect, it } from 'vitest';
import { mix64, Rng, splitMix64, xoshiro128StarStar } from '../../snippets/sim/rng.ts';

const draws = (rng: Rng, n = 8) => Array.from({ length: n }, () => rng.nextUint32());

describe('seeded randomness', () => {
  it('the same seed gives the same numbers', () => {
    expect(draws(new Rng(42))).toEqual(draws(new Rng(42)));
  });

  it('different seeds give different numbers', () => {
    expect(draws(new Rng(1))).not.toEqual(draws(new Rng(2)));
  });

  it('split streams are independent of draws made on other streams', () => {
    const a = new Rng(7);
    const network = a.split('network');
    const clients = a.split('clients');
    const b = new Rng(7);
    const clientsFirst = b.split('clients');
    b.split('network').nextUint32(); // drawing on the network stream…
    expect(draws(clientsFirst)).toEqual(draws(clients)); // …does not move the clients stream
    expect(draws(network)).not.toEqual(draws(new Rng(7).split('clients')));
  });

  it('a split stream depends on the parent\'s seed and label only, not on how much the parent drew', () => {
    const drawn = new Rng(7);
    draws(drawn, 100);
    expect(draws(drawn.split('network'))).toEqual(draws(new Rng(7).split('network')));
  });

  it('a path of labels is not the same as their concatenation, whichever way it is cut', () => {
    const root = new Rng(3);
    const ab_c = draws(root.split('ab').split('c'));
    expect(ab_c).not.toEqual(draws(root.split('a').split('bc')));
    expect(ab_c).not.toEqual(draws(root.split('abc')));
    expect(draws(root.split(''))).not.toEqual(draws(root));
  });

  it('int stays within its inclusive bounds and hits both ends', () => {
    const rng = new Rng(3);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('next is roughly uniform over [0, 1)', () => {
    const rng = new Rng(11);
    const xs = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('shuffle is a permutation', () => {
    expect(new Rng(5).shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('seeds are safe integers, each its own', () => {
  it.each([1.5, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY])('refuses %s, naming it', (seed) => {
    expect(() => new Rng(seed)).toThrow(new RegExp(`seed must be a whole number .*safe integer.*got ${String(seed).replace('+', '\\+')}$`));
  });

  it('seeds that agree in their low 32 bits are different seeds (2^32 + 1 used to run as 1)', () => {
    expect(draws(new Rng(2 ** 32 + 1))).not.toEqual(draws(new Rng(1)));
    expect(draws(new Rng(Number.MAX_SAFE_INTEGER))).not.toEqual(draws(new Rng(2 ** 32 - 1)));
    expect(draws(new Rng(-1))).not.toEqual(draws(new Rng(2 ** 32 - 1)));
    expect(draws(new Rng(0))).not.toEqual(draws(new Rng(2 ** 32)));
  });
});

/** The streams a run takes (simulator.ts, run-vr.ts): the network's, the scheduler's, each client's, VR's crashes, the swarm's. */
const PATHS: ReadonlyArray<readonly string[]> = [[], ['network'], ['scheduler'], ['clients', 'c1'], ['clients', 'c2'], ['clients', 'c3'], ['vr-crashes'], ['swarm']];
const streamOf = (seed: number, path: readonly string[]) => path.reduce((rng, label) => rng.split(label), new Rng(seed));
/** Two consecutive draws as one number (the first's 32 bits and the second's top 21): a 53-bit fingerprint. */
const pairKey = (a: number, b: number) => a * 2 ** 21 + (b >>> 11);

describe('streams are independent: no stream replays another at any offset', () => {
  it('the issue\'s case: seed 105\'s network stream, from its 6,423rd draw, is not seed 184\'s', () => {
    const start = draws(streamOf(184, ['network']), 2);
    const later = draws(streamOf(105, ['network']), 6424).slice(6422);
    expect(later).not.toEqual(start);
  });

  it('200 seeds × 8 streams, 10,000 draws each: no stream contains the first two draws of any other', () => {
    // The old 32-bit SplitMix put every stream on one cycle of 2^32 states, and this window showed
    // three replays (seed 105's network stream was seed 184's from draw 6,423 on; 148's scheduler
    // was 113's c1 client; 172's c3 was 30's c1).
    const starts = new Map<number, string>();
    for (let seed = 1; seed <= 200; seed++) {
      for (const path of PATHS) {
        const rng = streamOf(seed, path);
        starts.set(pairKey(rng.nextUint32(), rng.nextUint32()), `${seed}/${path.join('/')}`);
      }
    }
    expect(starts.size).toBe(200 * PATHS.length); // no two streams even start alike
    const replays: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      for (const path of PATHS) {
        const rng = streamOf(seed, path);
        let previous = rng.nextUint32();
        for (let draw = 1; draw < 10_000; draw++) {
          const next = rng.nextUint32();
          const replayed = draw > 1 ? starts.get(pairKey(previous, next)) : undefined;
          if (replayed) replays.push(`${seed}/${path.join('/')} from draw ${draw} replays ${replayed}`);
          previous = next;
        }
      }
    }
    expect(replays).toEqual([]);
  });
});

describe('the generator is the published one', () => {
  const toBig = ([hi, lo]: readonly [number, number]) => (BigInt(hi) << 32n) | BigInt(lo);
  const MASK = (1n << 64n) - 1n;
  const referenceMix = (z: bigint) => {
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };

  it('SplitMix64 from state 0 starts 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4 (Vigna\'s splitmix64.c)', () => {
    expect(splitMix64([0, 0], 2).map(toBig)).toEqual([0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n]);
  });

  it('the 64-bit mixer on 32-bit halves equals the same mixer on BigInt, edge cases and 10,000 random inputs', () => {
    const rng = new Rng(99);
    const inputs: Array<[number, number]> = [[0, 0], [0xffffffff, 0xffffffff], [0x80000000, 0], [0, 0x80000000], [1, 0xffffffff]];
    for (let i = 0; i < 10_000; i++) inputs.push([rng.nextUint32(), rng.nextUint32()]);
    for (const input of inputs) expect(toBig(mix64(input))).toBe(referenceMix(toBig(input)));
  });

  it('xoshiro128** from state (1, 2, 3, 4) gives 11520, 0, 5927040, 70819200, 2031721883 (xoshiro128starstar.c)', () => {
    const state = Int32Array.of(1, 2, 3, 4);
    expect(Array.from({ length: 5 }, () => xoshiro128StarStar(state))).toEqual([11520, 0, 5927040, 70819200, 2031721883]);
  });
});
