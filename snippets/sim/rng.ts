/**
 * Seeded randomness. One seed drives a whole run; each component (network, clients, scheduler) takes
 * its own stream with `split(label)`, so adding a random draw in one component does not shift the
 * numbers another sees, and a failing run is reproduced from its seed alone.
 *
 * Streams must be independent, not just different. The generator used to be a 32-bit SplitMix: every
 * stream of every seed walked the same cycle of 2^32 states, so one seed's network stream was another
 * seed's shifted (seed 105's, from its 6,423rd draw on, was seed 184's), and seeds were cut to 32 bits
 * (2^32 + 1 ran as 1, 1.5 as 1). Now:
 * - a stream is named by a 64-bit key: the seed (any safe integer, as a 64-bit two's complement), then
 *   each label of the `split` path absorbed in turn, each step through SplitMix64's finalizer (a
 *   bijection on 64 bits with full avalanche), so different seeds or paths give unrelated keys;
 * - the draws come from xoshiro128** (Blackman & Vigna), seeded from the key by SplitMix64 as its
 *   authors advise: a cycle of 2^128 − 1 states, on which streams start at unrelated points, so two
 *   streams that meet within any window a run could draw are as unlikely as guessing a 128-bit key.
 * All arithmetic is on 32-bit halves (Math.imul and friends): no BigInt, the same numbers in every
 * JavaScript engine. `split` depends on the stream's key only, never on how much was drawn from it.
 *
 * Not for cryptography.
 */

/** A 64-bit value as two unsigned 32-bit halves. */
type U64 = readonly [hi: number, lo: number];

const GOLDEN: U64 = [0x9e3779b9, 0x7f4a7c15];
const MIX1: U64 = [0xbf58476d, 0x1ce4e5b9];
const MIX2: U64 = [0x94d049bb, 0x133111eb];

function add64([ah, al]: U64, [bh, bl]: U64): U64 {
  const lo = al + bl;
  return [(ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0, lo >>> 0];
}

function xor64([ah, al]: U64, [bh, bl]: U64): U64 {
  return [(ah ^ bh) >>> 0, (al ^ bl) >>> 0];
}

/** x ^ (x >>> s), for 0 < s < 32. */
function xorShiftRight([h, l]: U64, s: number): U64 {
  return [(h ^ (h >>> s)) >>> 0, (l ^ ((l >>> s) | (h << (32 - s)))) >>> 0];
}

/** a · b mod 2^64. */
function mul64([ah, al]: U64, [bh, bl]: U64): U64 {
  // The full 64-bit product of the low halves, from 16-bit pieces (every partial sum stays below 2^53).
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const low = a0 * b0;
  const mid1 = a1 * b0;
  const mid2 = a0 * b1;
  const carry = Math.floor(((low >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) / 0x10000);
  const lowHigh = a1 * b1 + Math.floor(mid1 / 0x10000) + Math.floor(mid2 / 0x10000) + carry;
  const hi = (lowHigh + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
  return [hi, Math.imul(al, bl) >>> 0];
}

/** SplitMix64's output function (Stafford's mix 13): a bijection on 64 bits. */
export function mix64(z: U64): U64 {
  z = mul64(xorShiftRight(z, 30), MIX1);
  z = mul64(xorShiftRight(z, 27), MIX2);
  return xorShiftRight(z, 31);
}

/** The first outputs of SplitMix64 started at `state`, for seeding (exported for its test). */
export function splitMix64(state: U64, count: number): U64[] {
  const out: U64[] = [];
  for (let i = 0; i < count; i++) {
    state = add64(state, GOLDEN);
    out.push(mix64(state));
  }
  return out;
}

/** A safe integer as a 64-bit two's complement. */
function seedBits(seed: number): U64 {
  return [Math.floor(seed / 0x1_0000_0000) >>> 0, seed >>> 0];
}

/** Where each kind of input enters the key, so a seed can never be read as a label or the reverse. */
const ROOT: U64 = [0x5345_4544, 0]; // "SEED"
const LABEL: U64 = [0x4c41_4245, 0]; // "LABE"

function rootKey(seed: number): U64 {
  return mix64(add64(xor64(seedBits(seed), ROOT), GOLDEN));
}

/** Absorbs the label's length, then each UTF-16 code unit, each step through the mixer. */
function childKey(parent: U64, label: string): U64 {
  let key = mix64(add64(xor64(parent, LABEL), [0, label.length]));
  for (let i = 0; i < label.length; i++) key = mix64(add64(key, [label.charCodeAt(i), 0x9e3779b9]));
  return key;
}

/** Seeds are whole numbers a double holds exactly; anything else would run as some other seed. */
export function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`seed must be a whole number from -(2^53 - 1) to 2^53 - 1 (a safe integer), got ${String(seed)}`);
  }
  return seed;
}

/** One step of xoshiro128** (Blackman & Vigna, xoshiro128starstar.c) on a state of four 32-bit words. */
export function xoshiro128StarStar(s: Int32Array): number {
  const s1 = s[1]!;
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  s[2]! ^= s[0]!;
  s[3]! ^= s1;
  s[1]! ^= s[2]!;
  s[0]! ^= s[3]!;
  s[2]! ^= t;
  s[3] = (s[3]! << 11) | (s[3]! >>> 21);
  return result;
}

export class Rng {
  #key: U64 = [0, 0];
  readonly #state = new Int32Array(4);

  constructor(seed: number) {
    this.#start(rootKey(checkSeed(seed)));
  }

  #start(key: U64): void {
    this.#key = key;
    const [[a, b], [c, d]] = splitMix64(key, 2) as [U64, U64];
    this.#state.set([a, b, c, d]);
    // The all-zero state is xoshiro's one fixed point; SplitMix64 reaching it is a 2^-128 event.
    if ((a | b | c | d) === 0) this.#state[0] = 1;
  }

  /** A uint32. */
  nextUint32(): number {
    return xoshiro128StarStar(this.#state);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new Error(`bad range [${min}, ${max}]`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** A uniformly shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /**
   * An independent stream for one component, named by this stream's key and the label: the same
   * whatever was drawn from this stream before, and unrelated to every other seed's and label's.
   */
  split(label: string): Rng {
    const child = new Rng(0);
    child.#start(childKey(this.#key, label));
    return child;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
