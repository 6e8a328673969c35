/** What a Kafka trace shows, for the legend (`npm run snippet -- kafka --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { kafkaFields } from './fields.ts';
import { describeMessage, kafka } from './model.ts';

export const kafkaLegend: ModelLegend = {
  name: 'Kafka replication',
  endpoints: [
    { term: 'ctl', meaning: 'the KRaft controller: keeps the metadata log with the partition\'s leader, leader epoch, ISR and partition epoch' },
    { term: 'b1, b2, b3', meaning: 'brokers, each holding a replica of the one partition; b1 leads epoch 0' },
    { term: 'p1, p2', meaning: 'producers, writing one record at a time to the broker they believe leads' },
    { term: 'c1', meaning: 'a consumer, reading the partition from offset 0 up to the high watermark' },
  ],
  example: {
    node: 'b2', peer: 'b1', client: 'p1',
    // Printed by the model's own describe functions, so the legend shows what the trace shows.
    message: describeMessage({ kind: 'fetch', id: '0.3', offset: 1, epoch: 0 }),
    call: callLabel('produce', 1001),
    response: kafka.describeResponse!({ kind: 'ack', offset: 0, leader: 'b1' }),
    note: 'b1 fenced; b2 elected leader, epoch 1, ISR {b2,b3}',
  },
  fields: kafkaFields,
  notation: [
    { term: 'produce(1001), consume()', meaning: 'client calls: append the value 1001 to the partition; read it from offset 0' },
    { term: '1001@0', meaning: 'a record in a log: value 1001, appended by the leader of epoch 0' },
    { term: 'boot 1, log [...], hw=1', meaning: 'what a broker wrote to disk: its restart count, its log and its high watermark' },
    { term: 'NOT_LEADER, NOT_ENOUGH_REPLICAS', meaning: 'answers to a producer: ask another broker; the ISR is smaller than min.insync.replicas' },
    { term: 'FENCED_LEADER_EPOCH', meaning: 'a fetch or epoch query named an older leader epoch than the broker\'s (KIP-320)' },
  ],
  verdict: 'the invariants after every step (no acknowledged record lost, replicas agree below their high watermarks, only the current leader changes the ISR, consumers read only committed records) and progress after the heal: every producer is acknowledged again.',
};
