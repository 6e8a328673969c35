import { expect } from 'vitest';
import { bookkeeperPlay } from '../../snippets/bookkeeper/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: bookkeeperPlay,
  note: '/notes/bookkeeper-pulsar/',
  steps: 55,
  // Step 55 of the takeover script: p2 has marked L0 IN_RECOVERY and fenced b1, which holds entries 0, 2 and 3 with LAC 2.
  expectCard: (cards) => {
    expect(cards.zk!.fields.ledgers).toBe('L0 IN_RECOVERY [0:b1,b2,b3]');
    expect(cards.b1!.fields.ledgers).toBe('L0: 0=1 2=3 3=4, LAC 2, fenced');
  },
  // Its known failing run is the first-entry takeover, which breaks at step 28 (the note's takeover
  // breaks at step 51, and the browser steps there and back past it one key press at a time).
  variant: 'close-at-lac',
  violation: /^The run broke: invariant "every acknowledged entry is at or below its closed ledger's last entry" violated: append 1 was acknowledged as L0:0, but L0 closed at entry -1/,
});
