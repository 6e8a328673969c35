import { expect } from 'vitest';
import { delosPlay } from '../../snippets/delos/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: delosPlay,
  note: '/notes/virtual-consensus-delos/',
  steps: 36,
  // Step 36 of the stale-appender script: chain v2 is installed, L0 is sealed, and v1 retries c3's append on L1.
  expectCard: (cards) => {
    expect(cards.meta!.fields.chain).toBe('v2: L0 simple from 0, L1 quorum from 1');
    expect(cards.s1!.fields.Loglets).toBe('L0: tail 1, sealed');
    expect(cards.l1!.fields.Loglets).toMatch(/^L1: tail \d+$/);
  },
  variant: 'no-seal',
  violation: /^The run broke: invariant "no append is acknowledged past its seal, one value per position, readers see one sequence" violated: position 1 acknowledged twice: to append 2 and to append 3/,
});
