/**
 * A FIFO queue, for Herlihy & Wing's (1990) queue histories (their Fig. 1): `enq(x)` appends x;
 * `deq()` removes and returns the oldest item, or `null` when the queue is empty.
 */
import type { Model } from '../../../snippets/check/model.ts';
import type { Io } from './histories.ts';

export type QueueInput = { readonly f: 'enq'; readonly item: string } | { readonly f: 'deq' };
export type QueueOutput = string | null;
type Queue = readonly string[];

export const queueModel: Model<Queue, QueueInput, QueueOutput> = {
  name: 'queue',
  init: () => [],
  step(queue, input, output) {
    if (input.f === 'enq') return [true, [...queue, input.item]];
    const head = queue[0] ?? null;
    return [output === undefined || output === head, queue.slice(1)];
  },
  equal: (a, b) => a.length === b.length && a.every((item, i) => item === b[i]),
  describe: (input, output) => (input.f === 'enq' ? `E(${input.item})` : output === undefined ? 'D()' : `D(${String(output)})`),
  describeState: (queue) => `[${queue.join(', ')}]`,
};

export const enq = (item: string): Io<QueueInput, QueueOutput> => ({ input: { f: 'enq', item } });
export const deq = (item: string | null): Io<QueueInput, QueueOutput> => ({ input: { f: 'deq' }, output: item });
