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
