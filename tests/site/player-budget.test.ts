import { describe, expect, it } from 'vitest';
import { PLAYABLE } from '../../src/components/player/playable.ts';
import { PLAYER_BUDGET_GZIP, playerWeights } from '../../scripts/player-weight.ts';
import { DIST } from './site.ts';

describe('player budget', () => {
  it('every playable model has a module in the build', () => {
    expect(playerWeights(DIST).map((w) => w.name)).toEqual(Object.keys(PLAYABLE));
  });

  it.each(Object.keys(PLAYABLE))('the %s player (player + model + styles) is at most 60 KB gzip', (name) => {
    const weight = playerWeights(DIST).find((w) => w.name === name)!;
    expect(weight.gzip).toBeGreaterThan(1024); // a real bundle, not an empty file
    expect(weight.gzip).toBeLessThanOrEqual(PLAYER_BUDGET_GZIP);
  });
});
