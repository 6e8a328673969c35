/** The fields Kafka's messages print with, named as Kafka names them and explained once (the legend lists them). */
import { defineFields } from '../sim/fields.ts';

export const kafkaFields = defineFields({
  le: 'leader epoch: which leader\'s term; a fetch names the one the follower believes current (KIP-320)',
  pe: 'partition epoch: the version of the partition\'s leader and ISR in the metadata log; rises with every change',
  leader: 'the broker that leads the partition (none: no eligible replica, the partition is offline)',
  isr: 'in-sync replicas: those the leader waits for before it moves the high watermark',
  offset: 'a position in the partition\'s log (0 is the first record); in a fetch, the follower\'s log end offset',
  records: 'records as value@epoch: the value and the leader epoch it was appended in',
  hw: 'high watermark: records below it are on every ISR member, committed, and readable by consumers',
  last: 'in OffsetForLeaderEpoch: the epoch asked about (the follower\'s latest); in the answer, the largest epoch at or below it on the leader',
  end: 'where that epoch ends in the leader\'s log: the follower truncates there',
});
