import { describe, expect, it } from 'vitest';
import { buildRing, hash, loadBalance, preferenceList, tokenWalk } from '../../../snippets/dynamo/ring.ts';

const NODES = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);
const KEYS = Array.from({ length: 20_000 }, (_, i) => `key-${i}`);

describe('consistent hashing with virtual nodes (Dynamo §4.2)', () => {
  it('many tokens per node spread keys evenly: max/mean keys owned falls as tokens grow', () => {
    const balance = [1, 8, 64, 256].map((tokens) => loadBalance(buildRing(NODES, tokens), NODES, KEYS).maxOverMean);
    // Reported so a reader sees the numbers: with 1 token per node the busiest node holds several times the mean.
    console.log(`max/mean keys owned over 10 nodes, 20k keys, tokens 1/8/64/256: ${balance.map((b) => b.toFixed(2)).join(' / ')}`);
    expect(balance[0]!).toBeGreaterThan(1.5);
    expect(balance[2]!).toBeLessThan(1.35);
    expect(balance[3]!).toBeLessThan(1.2);
    expect(balance[3]!).toBeLessThan(balance[0]!);
  });

  it('every key has exactly one owner, and every node owns some keys with many tokens', () => {
    const { owned } = loadBalance(buildRing(NODES, 64), NODES, KEYS);
    expect(Object.values(owned).reduce((a, b) => a + b, 0)).toBe(KEYS.length);
    expect(Object.values(owned).every((n) => n > 0)).toBe(true);
  });

  it('a node that leaves moves only its own keys (the other owners keep theirs)', () => {
    const before = buildRing(NODES, 64);
    const after = buildRing(NODES.slice(1), 64);
    const moved = KEYS.filter((k) => preferenceList(before, k, 1)[0] !== preferenceList(after, k, 1)[0]);
    expect(moved.every((k) => preferenceList(before, k, 1)[0] === 'n1')).toBe(true);
  });

  it('the hash is stable (the ring is the same on every node and every run)', () => {
    expect(hash('cart-1')).toBe(hash('cart-1'));
    expect(buildRing(NODES, 8)).toEqual(buildRing([...NODES].reverse(), 8));
  });
});

describe('preference list (Dynamo §4.3)', () => {
  const ring = buildRing(NODES.slice(0, 5), 8);

  it('lists N distinct physical nodes, skipping tokens of a node already listed', () => {
    for (const key of KEYS.slice(0, 2000)) {
      const list = preferenceList(ring, key, 3);
      expect(new Set(list).size).toBe(3);
    }
  });

  it('the raw clockwise walk does hit the same machine twice for some keys: the skip matters', () => {
    const doubled = KEYS.slice(0, 2000).filter((key) => new Set(tokenWalk(ring, key, 3)).size < 3);
    expect(doubled.length).toBeGreaterThan(0);
    const key = doubled[0]!;
    expect(preferenceList(ring, key, 3)).not.toEqual(tokenWalk(ring, key, 3));
  });

  it('extends past N with fallbacks, in ring order, up to every node once (§4.6)', () => {
    const list = preferenceList(ring, 'cart-1', 5);
    expect(list.slice(0, 3)).toEqual(preferenceList(ring, 'cart-1', 3));
    expect([...list].sort()).toEqual(NODES.slice(0, 5));
  });
});
