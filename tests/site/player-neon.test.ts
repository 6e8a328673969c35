import { expect } from 'vitest';
import { neonPlay } from '../../snippets/neon/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: neonPlay,
  note: '/notes/multipaxos-in-neon/',
  steps: 20,
  // Step 20 of the normal case: sk2 and sk3 have flushed commit 1 and cA has moved commit_lsn past it.
  expectCard: (cards) => {
    expect(cards.cA!.role).toBe('proposer, term 1');
    expect(cards.cA!.fields.WAL).toBe('1');
    expect(cards.sk2!.fields.WAL).toBe('1');
  },
  variant: 'skip-sync-from-majority',
  violation: /^The run broke: invariant "no acknowledged commit is lost" violated: commit 1 was acknowledged at LSN 1, but cB, leading term 2, streams/,
});
