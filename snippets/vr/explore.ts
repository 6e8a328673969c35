/**
 * `npm run explore -- vr`: a VR group of 2f + 1 replicas, every interleaving of a few client requests,
 * each sent once to a fixed replica (by default c1 puts x and c2 gets x, both at the primary of view 0),
 * with view changes whenever a backup's timer fires; the VR invariants in every state and the clients'
 * history checked as a key-value map whenever an operation returns.
 */
import { checkLinearizability } from '../check/linearizability.ts';
import { counterexampleText } from '../check/counterexample.ts';
import { kvModel } from '../check/models/kv.ts';
import { defineSetup, type Defaults, type ExploreDescriptor, type Phase } from '../explore/descriptor.ts';
import type { ClientSpec, ClusterView } from '../sim/index.ts';
import { vrInvariants } from './invariants.ts';
import { isVrVariant, vrVariants, type VrVariantName } from './variants.ts';
import { replica } from './replica.ts';
import { callArgs, replicaNames, vrHistory } from './run-vr.ts';
import { DEFAULT_CONFIG, type Operation, type VrConfig, type VrTypes } from './types.ts';
import { variantDescriptions } from '../demo.ts';

// The same names and rules as `npm run snippet -- vr --variant` and the player (variants.ts).
const named = (breaks: 'safety' | 'speed') =>
  variantDescriptions(vrVariants, (v) => v.breaks === breaks);

/** One request, to `to`; no timeout, so no retry (a retry would need the client's memory of its target). */
function once(client: string, to: string, op: Operation): ClientSpec<VrTypes>['workload'] {
  return ({ index }) => (index === 0 ? { to, request: { client, requestNumber: 1, op }, op: op.f, args: callArgs(op, 1), key: op.key } : undefined);
}

/** Client i's request: put x, get x, put y, get y, … */
function defaultOperation(i: number): Operation {
  return i % 2 === 0 ? { f: 'put', key: i % 4 === 0 ? 'x' : 'y', value: i + 1 } : { f: 'get', key: i % 4 === 1 ? 'x' : 'y' };
}

/**
 * Where a variant's bug needs other requests: the recovery rules matter only once a view change has
 * moved the group on without the old primary, so c1 puts x at r2 (primary of view 1, once it starts)
 * and c2 puts x again at r1, the old primary, which a wrongly recovered replica helps commit.
 */
const requestsOf: Partial<Record<VrVariantName, ReadonlyArray<{ to: number; op: Operation }>>> = {
  'recover-on-one-answer': [{ to: 1, op: { f: 'put', key: 'x', value: 1 } }, { to: 0, op: { f: 'put', key: 'x', value: 2 } }],
  'recover-from-older-primary': [{ to: 1, op: { f: 'put', key: 'x', value: 1 } }, { to: 0, op: { f: 'put', key: 'x', value: 2 } }],
};

/**
 * Each variant's bounds, the smallest that reach its bug (each found breadth first in tests/snippets/explore/).
 * The model's defaults fit the log-choice rule; the others need a crash, more view changes, or both.
 */
const variantDefaults: Partial<Record<VrVariantName, Defaults>> = {
  'new-primary-keeps-own-log': { requests: 1, depth: 10, crashes: 0, timers: 2 },
  'no-start-view-change-round': { requests: 1, depth: 16, crashes: 1, timers: 2 },
  'recovering-replica-takes-part': { requests: 1, depth: 10, crashes: 1, timers: 1 },
  'claim-view-at-once': { requests: 1, depth: 16, crashes: 1, timers: 3 },
  'recover-on-one-answer': { requests: 2, depth: 17, crashes: 1, timers: 1 },
  'recover-from-older-primary': { requests: 2, depth: 19, crashes: 1, timers: 1 },
};

const replicaState = (view: ClusterView<VrTypes>, id: string) => view.nodes.find((node) => node.id === id && node.up)?.state;

/**
 * Directed phases (see Setup.phases) for bugs deeper than a whole search reaches: the §5.2 defect
 * needs a committed operation, a view change, and then a StartView that does not arrive and a second
 * view change; the recovery rules need a view change that commits without r1 first. The phases walk
 * those prefixes by their shortest paths; everything after is exhaustive.
 */
const primaryOfView1: Phase<VrTypes> = { goal: 'r2 is the primary of view 1', reached: (view) => { const r2 = replicaState(view, 'r2'); return r2?.view === 1 && r2.status === 'normal'; } };
const r1StillInView0 = (view: ClusterView<VrTypes>) => { const r1 = replicaState(view, 'r1'); return r1?.view === 0 && r1.status === 'normal'; };
/** The recovery rules matter once the group has moved on without r1 (still primary of view 0 in its own eyes): view 1 has committed c1's put. */
const movedOn: ReadonlyArray<Phase<VrTypes>> = [
  { goal: 'r2 is the primary of view 1 and r1 still the normal primary of view 0', reached: (view) => primaryOfView1.reached(view) && r1StillInView0(view) },
  { goal: 'r2 has committed op 1 in view 1, r1 still in view 0', reached: (view) => { const r2 = replicaState(view, 'r2'); return r2?.view === 1 && r2.commitNumber >= 1 && r1StillInView0(view); } },
];

const phasesOf: Partial<Record<VrVariantName, ReadonlyArray<Phase<VrTypes>>>> = {
  // §8.2's example: r3 starts view 1 (and, without the round, sends its DoViewChange at once), then
  // crashes and recovers into view 0 while that message is still on its way.
  'no-start-view-change-round': [
    { goal: 'r3 has started a view change to view 1', reached: (view) => { const r3 = replicaState(view, 'r3'); return r3?.view === 1 && r3.status === 'view-change'; } },
    {
      goal: 'r3 has restarted and recovered into view 0',
      reached: (view) => { const r3 = view.nodes.find((node) => node.id === 'r3'); return r3?.up === true && (r3.durable?.restarts ?? 0) >= 1 && r3.state.status === 'normal' && r3.state.view === 0; },
    },
  ],
  'recover-on-one-answer': movedOn,
  'recover-from-older-primary': movedOn,
  'claim-view-at-once': [
    { goal: 'r1, primary of view 0, has committed op 1', reached: (view) => (replicaState(view, 'r1')?.commitNumber ?? 0) >= 1 },
    primaryOfView1,
  ],
};

export const explore: ExploreDescriptor = {
  description: 'VR: c1 puts x, then c2 gets x (and c3 puts y, …), each once, to the primary of view 0; backups start view changes when their timers fire.',
  variants: named('safety'),
  livenessOnly: named('speed'),
  // Timers are the widest choice (any backup may start a view change at any moment): two per path keep depth 14 in reach.
  defaults: { nodes: 3, requests: 2, depth: 14, crashes: 0, losses: 0, timers: 2 },
  variantDefaults,
  setup({ nodes: n, requests, variant, shape = variant }) {
    const known = variant !== undefined && isVrVariant(variant) ? variant : undefined;
    const shaped = shape !== undefined && isVrVariant(shape) ? shape : undefined;
    const config: VrConfig = { ...DEFAULT_CONFIG, ...(known ? vrVariants[known].config : {}) };
    const nodes = replicaNames(n);
    const special = shaped ? requestsOf[shaped] : undefined;
    const clients = Array.from({ length: requests }, (_, i) => {
      const { to, op } = special?.[i] ?? { to: 0, op: defaultOperation(i) };
      return { id: `c${i + 1}`, workload: once(`c${i + 1}`, nodes[to % n]!, op) };
    });
    return defineSetup<VrTypes>({
      model: replica,
      nodes,
      config,
      clients,
      invariants: vrInvariants,
      ...(shaped && phasesOf[shaped] ? { phases: phasesOf[shaped] } : {}),
      historyCheck: (history) => {
        const result = checkLinearizability(kvModel, vrHistory(history));
        return result.ok ? undefined : `not linearizable:\n${counterexampleText(kvModel, result.counterexample)}`;
      },
    });
  },
};
