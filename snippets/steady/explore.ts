/**
 * `npm run explore -- steady`: the write-all log at f = 1 (store cfg, controller k1, replicas r1, r2 and
 * the spare r3; `--nodes` does not change it), every interleaving of appends through r1 and one
 * reconfiguration through k1 that leaves r1 out, with the invariants in every state.
 */
import { defineSetup, type ExploreDescriptor } from '../explore/descriptor.ts';
import type { Call, ClientSpec } from '../sim/index.ts';
import { steadyInvariants } from './invariants.ts';
import { steady, type SteadyTypes } from './model.ts';
import { pool, steadyConfig, STORE } from './run-steady.ts';
import { isSteadyVariant, steadyVariants } from './variants.ts';
import { variantDescriptions } from '../demo.ts';

const variants = variantDescriptions(steadyVariants);

const append = (value: number): Call<SteadyTypes> => ({ to: 'r1', request: { kind: 'append', value }, op: 'append', args: value });
const once = (id: string, call: Call<SteadyTypes>): ClientSpec<SteadyTypes> => ({ id, workload: ({ index }) => (index === 0 ? call : undefined) });

export const explore: ExploreDescriptor = {
  description: 'The write-all log, f = 1: c1… append through r1 (epoch 1 = [r1, r2], spare r3) while the operator reconfigures through k1 without r1.',
  variants,
  defaults: { nodes: 5, requests: 2, depth: 20, crashes: 0, losses: 0, timers: 0 },
  variantDefaults: {
    // The early ack is lost only if r1 cannot hand it on: its crash, before the seal reaches it.
    'ack-before-all-replicas': { requests: 2, crashes: 1 },
  },
  setup({ requests, variant }) {
    const clients = [once('admin', { to: 'k1', request: { kind: 'reconfigure', remove: 'r1' }, op: 'reconfigure', args: 'r1' })];
    for (let i = 1; i < requests; i++) clients.push(once(`c${i}`, append(i)));
    const config = { ...steadyConfig(1, isSteadyVariant(variant) ? steadyVariants[variant].config : {}), controllers: ['k1'] };
    return defineSetup<SteadyTypes>({
      model: steady,
      nodes: [STORE, 'k1', ...pool(1)],
      config,
      clients,
      invariants: steadyInvariants,
      // One node down at a time; any node, the store included (it restarts from its disk, as a consensus service would recover).
      maxDown: 1,
    });
  },
};
