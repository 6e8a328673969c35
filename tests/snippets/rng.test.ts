import { describe, expect, it } from 'vitest';
import { Rng } from '../../snippets/sim/rng.ts';

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
