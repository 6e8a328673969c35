/**
 * `npm run explore -- delos`: the Delos deployment of the model (MetaStore, a simple Loglet, a quorum
 * Loglet of a sequencer and three LogServers, VirtualLog nodes v1 and v2; `--nodes` does not change it),
 * every interleaving of one reconfiguration through v2 and appends through v1 and v2, with the Delos
 * invariants in every state.
 */
import { defineSetup, type ExploreDescriptor } from '../explore/descriptor.ts';
import type { Call, ClientSpec } from '../sim/index.ts';
import { delosInvariants } from './invariants.ts';
import { delos, type DelosTypes } from './model.ts';
import { delosConfig, NODES } from './run-delos.ts';

const variants = {
  'no-seal': 'reconfigures without sealing the old Loglet (§3.2): a stale VirtualLog node still appends to it',
} as const;

const once = (id: string, call: Call<DelosTypes>): ClientSpec<DelosTypes> => ({ id, workload: ({ index }) => (index === 0 ? call : undefined) });

export const explore: ExploreDescriptor = {
  description: 'Delos: the operator reconfigures to a quorum Loglet through v2 while c1 appends through v1 and c2 through v2 (c3… alternate).',
  variants,
  defaults: { nodes: NODES.length, requests: 3, depth: 24, crashes: 0, losses: 0, timers: 0 },
  setup({ requests, variant }) {
    const clients = [once('admin', { to: 'v2', request: { kind: 'reconfigure', to: 'quorum' }, op: 'reconfigure', args: 'quorum' })];
    for (let i = 1; i < requests; i++) {
      const to = i % 2 === 1 ? 'v1' : 'v2';
      clients.push(once(`c${i}`, { to, request: { kind: 'append', value: i }, op: 'append', args: i }));
    }
    return defineSetup<DelosTypes>({ model: delos, nodes: NODES, config: delosConfig(variant !== 'no-seal'), clients, invariants: delosInvariants });
  },
};
