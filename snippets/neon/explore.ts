/**
 * `npm run explore -- neon`: computes cA (leading term 1) and cB, safekeepers sk1..sk3 (`--nodes`
 * does not change it; the pageserver and object storage are left out, their rules are checked by
 * the random runs), pg1 committing 1 at cA and, with two requests or more, pg2 committing 2 at cB,
 * which makes cB campaign. Invariants in every state. Timers are events: a compute's timer event
 * runs its ticks until it resends something.
 */
import { defineSetup, type ExploreDescriptor, type Phase } from '../explore/descriptor.ts';
import type { Call, ClientSpec } from '../sim/index.ts';
import { neonInvariants } from './invariants.ts';
import { neon } from './model.ts';
import { COMPUTES, neonConfig, SAFEKEEPERS } from './run-neon.ts';
import type { NeonTypes } from './state.ts';
import type { NeonConfig } from './types.ts';
import { neonVariants, variantConfig } from './variants.ts';
import { variantDescriptions } from '../demo.ts';

const variants = variantDescriptions(neonVariants);

const NODES = [...COMPUTES, ...SAFEKEEPERS];
const commit = (to: string, value: number): Call<NeonTypes> => ({ to, request: { kind: 'commit', value }, op: 'commit', args: value });
const once = (id: string, call: Call<NeonTypes>): ClientSpec<NeonTypes> => ({ id, workload: ({ index }) => (index === 0 ? call : undefined) });

/** The model's configuration without the pageserver and object storage. */
function coreConfig(overrides: Partial<NeonConfig>): NeonConfig {
  const { pageserver: _ps, objectStore: _s3, ...rest } = neonConfig(overrides);
  return rest;
}

/** skip-sync-from-majority needs a commit acknowledged first (7 events); the search is exhaustive from there. */
const acknowledged: ReadonlyArray<Phase<NeonTypes>> = [
  { goal: 'pg1\'s commit is acknowledged by cA', reached: (view) => view.history.some((op) => op.client === 'pg1' && op.returnTick !== undefined) },
];

/** accept-lower-term needs a majority to have voted for cB's term 2 first (8 events); the search is exhaustive from there. */
const voted: ReadonlyArray<Phase<NeonTypes>> = [
  { goal: 'sk1 and sk2 have voted for term 2', reached: (view) => view.nodes.filter((n) => n.state?.role === 'safekeeper' && n.state.term === 2).length >= 2 },
];

export const explore: ExploreDescriptor = {
  description: 'Neon: computes cA (leading term 1) and cB, safekeepers sk1..sk3; pg1 commits 1 at cA and pg2 commits 2 at cB, which campaigns for a new term.',
  variants,
  defaults: { nodes: NODES.length, requests: 2, depth: 14, crashes: 0, losses: 0, timers: 0 },
  variantDefaults: {
    'ack-on-one-flush': { requests: 1, depth: 10 },
    'skip-sync-from-majority': { depth: 18 },
    'accept-lower-term': { depth: 20 },
  },
  setup({ requests, variant, shape = variant }) {
    const clients = [once('pg1', commit('cA', 1)), ...(requests >= 2 ? [once('pg2', commit('cB', 2))] : [])];
    return defineSetup<NeonTypes>({
      model: neon,
      nodes: NODES,
      config: coreConfig(variantConfig(variant)),
      clients,
      invariants: neonInvariants,
      ...(shape === 'skip-sync-from-majority' ? { phases: acknowledged } : shape === 'accept-lower-term' ? { phases: voted } : {}),
    });
  },
};
