/**
 * The random stream's edges, in the folder's own tests (tests/snippets/rng.test.ts checks the generator
 * against its published outputs, but runs outside `tests/snippets/sim/`): SplitMix64's carry from the
 * low half at exactly 2^32, as many seeding outputs as asked, a seed's high 32 bits, a coin that comes
 * up only for draws strictly below its probability, `int`'s two ends, and Fisher–Yates' draws.
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { Rng, splitMix64 } from '../../../snippets/sim/rng.ts';

const MASK = (1n << 64n) - 1n;
const GOLDEN = 0x9e3779b97f4a7c15n;
/** SplitMix64's next output on BigInt (Vigna's splitmix64.c): add the golden gamma, then mix. */
function referenceSplitMix(state: bigint): bigint {
  let z = (state + GOLDEN) & MASK;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}
const toBig = ([hi, lo]: readonly [number, number]) => (BigInt(hi) << 32n) | BigInt(lo);

/** A stream whose draws the test chooses; it counts them, and fails when asked for more. */
class Scripted extends Rng {
  readonly #draws: number[];
  drawn = 0;
  constructor(draws: readonly number[]) {
    super(1);
    this.#draws = [...draws];
  }
  override next(): number {
    const value = this.#draws.shift();
    if (value === undefined) throw new Error('drew more than scripted');
    this.drawn++;
    return value;
  }
}
const HIGH = 1 - 2 ** -32; // the largest draw next() returns

describe('seeding', () => {
  it('SplitMix64 adds the golden gamma with a carry from the low half exactly when the low sum reaches 2^32', () => {
    const goldenLow = 0x7f4a7c15;
    for (const low of [0xffffffff - goldenLow - 1, 0xffffffff - goldenLow, 0x1_0000_0000 - goldenLow, 0xffffffff]) {
      const state: [number, number] = [0x12345678, low];
      expect(toBig(splitMix64(state, 1)[0]!), `low half ${low.toString(16)}`).toBe(referenceSplitMix(toBig(state)));
    }
  });

  it('SplitMix64 gives as many outputs as asked', () => {
    expect(splitMix64([0, 0], 2)).toHaveLength(2);
    expect(splitMix64([0, 0], 0)).toEqual([]);
  });

  it('a seed\'s high 32 bits count: -1 is not 2^32 − 1, and 2^32 + 1 is not 1', () => {
    expect(new Rng(-1).nextUint32()).not.toBe(new Rng(2 ** 32 - 1).nextUint32());
    expect(new Rng(2 ** 32 + 1).nextUint32()).not.toBe(new Rng(1).nextUint32());
  });
});

describe('distributions', () => {
  it('chance(p) comes up for a draw strictly below p: not for a draw equal to it', () => {
    const draw = new Rng(8).next();
    expect(new Rng(8).chance(draw)).toBe(false);
    expect(new Rng(8).chance(draw + 2 ** -40)).toBe(true);
  });

  it('chance(0) never comes up and takes no draw; chance(1) always comes up', () => {
    expect(new Scripted([]).chance(0)).toBe(false);
    expect(new Scripted([HIGH]).chance(1)).toBe(true);
  });

  it('int(lo, hi): a draw of 0 gives lo, the largest draw gives hi, never beyond', () => {
    expect(new Scripted([0]).int(2, 5)).toBe(2);
    expect(new Scripted([HIGH]).int(2, 5)).toBe(5);
    expect(new Scripted([HIGH]).int(-3, -3)).toBe(-3);
  });

  it('shuffle is Fisher–Yates: one draw for each place but the first, last place first', () => {
    // Place 3 takes the item at 0, place 2 keeps its own, place 1 takes the item at 0:
    // [a b c d] → swap 3,0 → [d b c a] → swap 2,2 → [d b c a] → swap 1,0 → [b d c a].
    const rng = new Scripted([0, HIGH, 0]);
    expect(rng.shuffle(['a', 'b', 'c', 'd'])).toEqual(['b', 'd', 'c', 'a']);
    expect(rng.drawn).toBe(3);
    const one = new Scripted([]);
    expect(one.shuffle(['a'])).toEqual(['a']);
    expect(one.drawn).toBe(0);
  });
});

/**
 * The construction rng.ts documents, restated on BigInt: the seed as a 64-bit two's complement, xor
 * "SEED", plus the golden gamma, mixed; each label absorbed (xor "LABE", plus its length, mixed; then
 * each code unit in the high half and the gamma's high half in the low, mixed); two SplitMix64
 * outputs as xoshiro128**'s four words.
 */
const U32 = 0xffffffffn;
const mix = (z: bigint) => {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
};
function referenceKey(seed: number, labels: readonly string[]): bigint {
  let key = mix(((BigInt.asUintN(64, BigInt(seed)) ^ (0x53454544n << 32n)) + GOLDEN) & MASK);
  for (const label of labels) {
    key = mix(((key ^ (0x4c414245n << 32n)) + BigInt(label.length)) & MASK);
    for (const unit of label) key = mix((key + ((BigInt(unit.charCodeAt(0)) << 32n) | 0x9e3779b9n)) & MASK);
  }
  return key;
}
function referenceDraws(seed: number, labels: readonly string[], count: number): number[] {
  const key = referenceKey(seed, labels);
  const a = referenceSplitMix(key);
  const b = referenceSplitMix((key + GOLDEN) & MASK);
  const s = [a >> 32n, a & U32, b >> 32n, b & U32];
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & U32;
  return Array.from({ length: count }, () => {
    const result = (rotl((s[1]! * 5n) & U32, 7n) * 9n) & U32;
    const t = (s[1]! << 9n) & U32;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
    return Number(result);
  });
}

describe('a seed\'s first values are the documented construction\'s', () => {
  it('for seeds 0, 1, -1 and 2^53 − 1, and the streams a run splits off (swarm, clients/c1)', () => {
    for (const seed of [0, 1, -1, Number.MAX_SAFE_INTEGER]) {
      for (const labels of [[], ['swarm'], ['clients', 'c1']]) {
        const rng = labels.reduce((stream, label) => stream.split(label), new Rng(seed));
        expect(Array.from({ length: 4 }, () => rng.nextUint32()), `${seed} ${labels.join('/')}`).toEqual(referenceDraws(seed, labels, 4));
      }
    }
  });

  it('next() is the next uint32 over 2^32', () => {
    const [first] = referenceDraws(7, [], 1);
    expect(new Rng(7).next()).toBe(first! / 2 ** 32);
  });
});
