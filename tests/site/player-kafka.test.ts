import { expect } from 'vitest';
import { kafkaPlay } from '../../snippets/kafka/play.ts';
import { describeModelPlayer } from './player-models.ts';

describeModelPlayer({
  descriptor: kafkaPlay,
  note: '/notes/kafka-replication/',
  steps: 20,
  // Step 20 of the normal case: b1 has appended record 1 and waits for its followers to fetch it.
  expectCard: (cards) => {
    expect(cards.ctl!.fields.partition).toBe('leader b1, epoch 0, ISR {b1,b2,b3}, partition epoch 0');
    expect(cards.b1!.fields.log).toBe('1@0');
    expect(cards.b1!.fields.doing).toBe('1 producer(s) waiting');
  },
  variant: 'unclean-election',
  violation: /^The run broke: invariant "no acknowledged record is lost: the leader's log holds it at its offset" violated: produce 1 was acknowledged at offset 0, but leader b3 holds nothing there/,
});
