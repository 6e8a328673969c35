import { describe, expect, it } from 'vitest';
import { buildTree, differingRanges, keysToSync } from '../../../snippets/dynamo/merkle.ts';

const replica = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`key-${i}`, `v${i}`]));

describe('Merkle-tree anti-entropy (Dynamo §4.7)', () => {
  it('equal replicas compare roots only', () => {
    const { ranges, compared } = differingRanges(buildTree(replica, 6), buildTree({ ...replica }, 6));
    expect(ranges).toEqual([]);
    expect(compared).toBe(1);
  });

  it('finds exactly the out-of-sync keys, descending only where hashes differ', () => {
    const other = { ...replica, 'key-7': 'stale', 'key-300': 'newer' } as Record<string, string>;
    delete other['key-42'];
    expect(keysToSync(replica, other, 6)).toEqual(['key-300', 'key-42', 'key-7']);
    const { ranges, compared } = differingRanges(buildTree(replica, 6), buildTree(other, 6));
    expect(ranges.length).toBeLessThanOrEqual(3);
    // At most 3 root-to-leaf paths of 7 levels, and their siblings: far fewer than the 127 nodes of the tree.
    expect(compared).toBeLessThan(40);
  });
});
