/**
 * `npm run explore -- kafka`: the controller and brokers b1..b3 (`--nodes` does not change it), b1
 * leading epoch 0, producers p1, p2… each writing one record to b1, with the invariants in every
 * state. Each variant has the smallest shape its bug needs: acks-1 and the correct model start with
 * every broker in the ISR; unclean-election and truncate-to-high-watermark start with b3 out of the
 * ISR (a replica still catching up), so one acknowledged record is on b1 and b2 only. Timers are
 * events: a controller's timer event runs its ticks until it fences a broker whose heartbeats it has
 * not heard for a session; a broker's, until it fetches or heartbeats.
 */
import { defineSetup, type ExploreDescriptor, type Phase } from '../explore/descriptor.ts';
import type { Call, ClientSpec } from '../sim/index.ts';
import { kafkaInvariants } from './invariants.ts';
import { kafka } from './model.ts';
import { BROKERS, kafkaConfig, NODES } from './run-kafka.ts';
import type { KafkaTypes } from './state.ts';
import type { KafkaResponse } from './types.ts';
import { kafkaVariants, variantConfig } from './variants.ts';
import { variantDescriptions } from '../demo.ts';

const variants = variantDescriptions(kafkaVariants);

const produce = (value: number): Call<KafkaTypes> => ({ to: 'b1', request: { kind: 'produce', value }, op: 'produce', args: value });
const once = (id: string, call: Call<KafkaTypes>): ClientSpec<KafkaTypes> => ({ id, workload: ({ index }) => (index === 0 ? call : undefined) });

/** Shapes whose record must be on b1 and b2 only: b3 starts out of the ISR. */
const outOfSync = new Set(['unclean-election', 'truncate-to-high-watermark']);

/**
 * truncate-to-high-watermark needs a committed record, then a crash and restart of b2 and its
 * rejoining as a follower, then b1's fencing: 12 events. A directed prefix walks the first part
 * (the record acknowledged to p1) by its shortest path; the search is exhaustive from there.
 */
const acknowledged: ReadonlyArray<Phase<KafkaTypes>> = [
  { goal: 'p1\'s record is acknowledged by b1 (b2 has fetched it)', reached: (view) => view.history.some((op) => op.client === 'p1' && (op.result as KafkaResponse | undefined)?.kind === 'ack') },
];

export const explore: ExploreDescriptor = {
  description: 'Kafka: a KRaft controller and brokers b1..b3 holding one partition, b1 leading; producers write one record each to b1 (for unclean-election and truncate-to-high-watermark, b3 starts out of the ISR).',
  variants,
  defaults: { nodes: NODES.length, requests: 1, depth: 14, crashes: 0, losses: 0, timers: 4 },
  variantDefaults: {
    'truncate-to-high-watermark': { crashes: 1, depth: 14, timers: 3 },
    'unclean-election': { timers: 3 },
    'accepts-stale-isr-change': { depth: 16, timers: 6 },
  },
  setup({ requests, variant, shape = variant }) {
    const clients = Array.from({ length: requests }, (_, i) => once(`p${i + 1}`, produce(i + 1)));
    const initialIsr = shape !== undefined && outOfSync.has(shape) ? BROKERS.slice(0, 2) : BROKERS;
    return defineSetup<KafkaTypes>({
      model: kafka,
      nodes: NODES,
      config: kafkaConfig({ ...variantConfig(variant), initialIsr }),
      clients,
      invariants: kafkaInvariants,
      ...(shape === 'truncate-to-high-watermark' ? { phases: acknowledged } : {}),
    });
  },
};
