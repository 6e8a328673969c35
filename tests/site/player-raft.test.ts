import { expect } from 'vitest';
import { raftPlay } from '../../snippets/raft/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: raftPlay,
  note: '/notes/raft-and-rqlite/',
  steps: 20,
  // Step 20 of the normal case: s1 leads term 1 and its followers hold its blank entry.
  expectCard: (cards) => {
    expect(cards.s1!.role).toBe('leader');
    expect(cards.s1!.fields.term).toBe('1');
    expect(cards.s2!.fields['voted for']).toBe('s1');
  },
  variant: 'vote-without-log-check',
  violation: /^The run broke: invariant "Leader Completeness: a leader holds every entry committed in an earlier term" violated: index 2@1 is committed/,
});
