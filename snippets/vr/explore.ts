/**
 * `npm run explore -- vr`: a VR group of 2f + 1 replicas, every interleaving of a put and gets sent to
 * the primary of view 0, with view changes whenever a backup's timer fires; the VR invariants in every
 * state and the clients' history checked as a key-value map whenever an operation returns.
 */
import { checkLinearizability } from '../check/linearizability.ts';
import { counterexampleText } from '../check/counterexample.ts';
import { kvModel } from '../check/models/kv.ts';
import { defineSetup, type ExploreDescriptor } from '../explore/descriptor.ts';
import type { ClientSpec } from '../sim/index.ts';
import { vrInvariants } from './invariants.ts';
import { vrVariants, type VrVariantName } from './variants.ts';
import { replica } from './replica.ts';
import { callArgs, replicaNames, vrHistory } from './run-vr.ts';
import { DEFAULT_CONFIG, type Operation, type VrConfig, type VrTypes } from './types.ts';

// The same names and rules as `npm run snippet -- vr --variant` and the player (variants.ts).
const variants: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(vrVariants).map(([name, v]) => [name, v.description]));

/** One request, to the primary of view 0; no timeout, so no retry (a retry would need the client's memory of its target). */
function once(client: string, op: Operation): ClientSpec<VrTypes>['workload'] {
  return ({ index, nodes }) =>
    index === 0 ? { to: nodes[0]!, request: { client, requestNumber: 1, op }, op: op.f, args: callArgs(op, 1), key: op.key } : undefined;
}

export const explore: ExploreDescriptor = {
  description: 'VR: c1 puts x, then c2 gets x (and c3 puts y, …), each once, to the primary of view 0; backups start view changes when their timers fire.',
  variants,
  // Timers are the widest choice (any backup may start a view change at any moment): two per path keep depth 14 in reach.
  defaults: { nodes: 3, requests: 2, depth: 14, crashes: 0, losses: 0, timers: 2 },
  setup({ nodes: n, requests, variant }) {
    const config: VrConfig = { ...DEFAULT_CONFIG, ...(variant === undefined ? {} : vrVariants[variant as VrVariantName].config) };
    const clients = Array.from({ length: requests }, (_, i) => {
      const op: Operation = i % 2 === 0 ? { f: 'put', key: i % 4 === 0 ? 'x' : 'y', value: i + 1 } : { f: 'get', key: i % 4 === 1 ? 'x' : 'y' };
      return { id: `c${i + 1}`, workload: once(`c${i + 1}`, op) };
    });
    return defineSetup<VrTypes>({
      model: replica,
      nodes: replicaNames(n),
      config,
      clients,
      invariants: vrInvariants,
      historyCheck: (history) => {
        const result = checkLinearizability(kvModel, vrHistory(history));
        return result.ok ? undefined : `not linearizable:\n${counterexampleText(kvModel, result.counterexample)}`;
      },
    });
  },
};
