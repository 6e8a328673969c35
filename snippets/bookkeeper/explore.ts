/**
 * `npm run explore -- bookkeeper`: a small deployment (store zk, bookies b1 and b2 with E = Qw = Qa = 2,
 * brokers p1 and p2; `--nodes` does not change it), every interleaving of c1's appends through p1 and
 * c2's append through p2, which takes the topic over and recovers p1's ledger, with the invariants in
 * every state. A directed prefix walks the common start by its shortest path (p1 owns the topic and
 * c1's first append is acknowledged); the search is exhaustive from there.
 */
import { defineSetup, type ExploreDescriptor, type Phase } from '../explore/descriptor.ts';
import type { Call, ClientSpec } from '../sim/index.ts';
import { bkInvariants } from './invariants.ts';
import { bookkeeper, type BkTypes } from './model.ts';
import { bkConfig } from './run-bookkeeper.ts';
import { bookkeeperVariants, isBookkeeperVariant } from './variants.ts';
import { variantDescriptions } from '../demo.ts';

const NODES = ['zk', 'b1', 'b2', 'p1', 'p2'];

const variants = variantDescriptions(bookkeeperVariants);

const append = (to: string, value: number): Call<BkTypes> => ({ to, request: { kind: 'append', value }, op: 'append', args: value, key: to });
/** A client's calls, one after the other (its workload is a pure function of `index`). */
const inTurn = (id: string, calls: ReadonlyArray<Call<BkTypes>>): ClientSpec<BkTypes> => ({ id, workload: ({ index }) => calls[index] });

const phases: ReadonlyArray<Phase<BkTypes>> = [
  {
    goal: 'p1 owns the topic and c1\'s first append is acknowledged',
    reached: (view) => view.history.some((op) => op.client === 'c1' && op.returnTick !== undefined),
  },
];

export const explore: ExploreDescriptor = {
  description: 'BookKeeper and Pulsar: c1 appends through p1 (the topic\'s first owner) while c2\'s append through p2 takes the topic over, recovering p1\'s ledger; bookies b1, b2 with E = Qw = Qa = 2.',
  variants,
  defaults: { nodes: NODES.length, requests: 3, depth: 34, crashes: 0, losses: 0, timers: 0 },
  setup({ requests, variant }) {
    const config = { ...bkConfig(isBookkeeperVariant(variant) ? bookkeeperVariants[variant].config : {}, { ensembleSize: 2, writeQuorum: 2, ackQuorum: 2 }), bookies: ['b1', 'b2'] };
    const c1 = Array.from({ length: Math.max(1, requests - 1) }, (_, i) => append('p1', i + 1));
    const clients = [inTurn('c1', c1), inTurn('c2', [append('p2', 10)])];
    return defineSetup<BkTypes>({
      model: bookkeeper,
      nodes: NODES,
      config,
      clients,
      invariants: () => bkInvariants(config),
      phases,
    });
  },
};
