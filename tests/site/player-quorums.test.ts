import { expect } from 'vitest';
import { quorumsPlay } from '../../snippets/quorums/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: quorumsPlay,
  note: '/notes/read-write-quorums/',
  steps: 8,
  // Step 8 of the write-then-read script: r1 has stored 7 as (1, r1.1), and so has r2; r3 has heard nothing.
  expectCard: (cards) => {
    expect(cards.r2!.fields).toMatchObject({ value: '7', version: '(1, r1.1)' });
    expect(cards.r3!.fields).toMatchObject({ value: 'none', version: 'none' });
    expect(Object.keys(cards.r1!.fields)).toEqual(['value', 'version', 'boot', 'coordinating']);
  },
  variant: 'r1-w1',
  violation: /^The run broke: not linearizable \(register\): read\(\) → null by c2, answered at tick \d+, fits no order/,
});
