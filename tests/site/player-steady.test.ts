import { expect } from 'vitest';
import { steadyPlay } from '../../snippets/steady/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: steadyPlay,
  note: '/notes/steady-state-vs-reconfiguration/',
  steps: 10,
  // The end of the steady-state script: both appends acknowledged, both replicas hold [1,2].
  expectCard: (cards) => {
    expect(cards.r1!.fields.log).toBe('[1,2]');
    expect(cards.r1!.fields['acknowledged below']).toBe('2');
    expect(cards.r2!.fields.log).toBe('[1,2]');
    expect(cards.cfg!.fields.current).toBe('e1 [r1 r2] from 0');
  },
  variant: 'reconfigure-without-seal',
  violation: /^The run broke: invariant "a sealed, stale primary appends nothing: no replica takes an entry past the tail it gave" violated: r2 gave epoch 1's tail as 1 entries/,
});
