/**
 * `npm run explore -- delos`: the Delos deployment of the model (MetaStore, a simple Loglet, a quorum
 * Loglet of a sequencer and three LogServers, VirtualLog nodes v1 and v2; `--nodes` does not change it),
 * every interleaving of one reconfiguration through v2 and appends through v1 and v2, with the Delos
 * invariants in every state. `weak-seal` has a shape of its own: two reconfigurations, the second
 * from the quorum Loglet the first installed, behind a directed prefix (see `weakSealPhases` below).
 */
import { defineSetup, type ExploreDescriptor, type Phase } from '../explore/descriptor.ts';
import type { Call, ClientSpec, ClusterView } from '../sim/index.ts';
import { delosInvariants } from './invariants.ts';
import { delos, type DelosTypes } from './model.ts';
import { delosConfig, NODES } from './run-delos.ts';
import type { LogletKind } from './types.ts';
import { delosVariants, isDelosVariant, type DelosVariant } from './variants.ts';
import { activeSegment } from './virtual-log.ts';
import { variantDescriptions } from '../demo.ts';

// The same names and rules as `npm run snippet -- delos --variant` and the player (variants.ts).
const variants = variantDescriptions(delosVariants);

const reconfigure = (to: LogletKind): Call<DelosTypes> => ({ to: 'v2', request: { kind: 'reconfigure', to }, op: 'reconfigure', args: to });
const append = (to: string, value: number): Call<DelosTypes> => ({ to, request: { kind: 'append', value }, op: 'append', args: value });
const once = (id: string, call: Call<DelosTypes>): ClientSpec<DelosTypes> => ({ id, workload: ({ index }) => (index === 0 ? call : undefined) });
/** The operator's calls, one after the other (its workload is a pure function of `index`). */
const inTurn = (id: string, calls: ReadonlyArray<Call<DelosTypes>>): ClientSpec<DelosTypes> => ({ id, workload: ({ index }) => calls[index] });

/** v1 or v2's operation in flight, if that node is up. */
const vlogOp = (view: ClusterView<DelosTypes>, id: string) => {
  const state = view.nodes.find((node) => node.id === id && node.up)?.state;
  return state?.role === 'vlog' ? state.op : undefined;
};

/**
 * The weak seal matters only on a quorum Loglet (a simple Loglet has one node, so one ack is all of
 * them). Directed phases walk the common prefix of the note's scripted run (scenarios.ts,
 * `halfSealedRun`) by its shortest path: the operator moves the log onto quorum Loglet L1; c1's append
 * through v1 heads for L1; the operator's second move seals L1 (one ack with the weak seal, a majority
 * in the correct model) and asks for its tail. The search is exhaustive from there: every order of
 * the seals still in flight, the tails, the stores and the answers still to come.
 */
const weakSealPhases: ReadonlyArray<Phase<DelosTypes>> = [
  {
    goal: 'the operator has moved the log onto quorum Loglet L1 (chain v2 installed and answered)',
    reached: (view) => view.history.some((op) => op.client === 'admin' && op.args === 'quorum' && op.returnTick !== undefined),
  },
  {
    goal: 'v1 sends c1\'s append to L1',
    reached: (view) => { const op = vlogOp(view, 'v1'); return op?.phase.kind === 'append' && op.phase.segment.kind === 'quorum'; },
  },
  {
    goal: 'v2, for the operator\'s second move, has sealed L1 by its own rule and asks for L1\'s tail',
    reached: (view) => { const op = vlogOp(view, 'v2'); return op?.phase.kind === 'check' && activeSegment(op.phase.base.chain).kind === 'quorum'; },
  },
];

export const explore: ExploreDescriptor = {
  description: 'Delos: the operator reconfigures to a quorum Loglet through v2 while c1 appends through v1 and c2 through v2 (c3… alternate); for weak-seal, onto a quorum Loglet and off it again while c1 appends through v1.',
  variants,
  defaults: { nodes: NODES.length, requests: 3, depth: 24, crashes: 0, losses: 0, timers: 0 },
  variantDefaults: {
    // Two reconfigurations and one append: no crash, loss or timer is needed, since a seal that never
    // arrives is one still in flight.
    'weak-seal': { requests: 3, depth: 33 },
  },
  setup({ requests, variant, shape = variant }) {
    const weakSeal = shape === 'weak-seal';
    // The weak-seal shape spends two of its requests on the operator's two moves.
    const clients = [weakSeal ? inTurn('admin', [reconfigure('quorum'), reconfigure('simple')]) : once('admin', reconfigure('quorum'))];
    for (let i = 1; i < requests - (weakSeal ? 1 : 0); i++) clients.push(once(`c${i}`, append(i % 2 === 1 ? 'v1' : 'v2', i)));
    const { seal = true, ...rules }: DelosVariant['config'] = isDelosVariant(variant) ? delosVariants[variant].config : {};
    return defineSetup<DelosTypes>({
      model: delos,
      nodes: NODES,
      config: delosConfig(seal, rules),
      clients,
      invariants: delosInvariants,
      ...(weakSeal ? { phases: weakSealPhases } : {}),
    });
  },
};
