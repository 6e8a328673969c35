import { expect } from 'vitest';
import { dynamoPlay } from '../../snippets/dynamo/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: dynamoPlay,
  note: '/notes/dynamo/',
  steps: 10,
  // Step 10 of the hinted-handoff script: the fallbacks n3 and n1 hold put 7 as hints for n4 and n5.
  expectCard: (cards) => {
    expect(cards.n3!.fields.hints).toBe('cart-1 = 7 for n4');
    expect(cards.n1!.fields.hints).toBe('cart-1 = 7 for n5');
    expect(cards.n4!.fields.ring).toMatch(/home of cart-1 #1/);
    expect(Object.keys(cards.n4!.fields)).toEqual(['ring', 'cart-1', 'cart-2', 'hints', 'coordinating']);
  },
  variant: 'no-hinted-handoff',
  violation: /^The run broke: invariant "a get begun after the heal sees every acknowledged put \(hinted handoff, §4\.6\)" violated: get\(cart-1\) at ticks 70-\d+ returned \[\], missing put 7/,
});
