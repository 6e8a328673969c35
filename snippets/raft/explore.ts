/**
 * `npm run explore -- raft`: servers s1..s3 (`--nodes 5` for five), with
 * the Figure 3 invariants in every state and the register's linearizability whenever a call returns
 * (writes with linearizable reads). Timers are events: a follower's timer event runs its clock until
 * it starts an election, a leader's until it sends a heartbeat round, so every order of timeouts is
 * tried. Each variant gets the workload and directed phases its bug needs (DSLabs' way of walking a
 * long common prefix once): an election, a write committed, then the exhaustive search.
 */
import { defineSetup, type ExploreDescriptor, type Phase } from '../explore/descriptor.ts';
import { checkLinearizability, verdictText } from '../check/index.ts';
import { registerModel } from '../check/models/register.ts';
import type { Call, ClientSpec, ClusterView, History } from '../sim/index.ts';
import { raftInvariants } from './invariants.ts';
import { raft } from './model.ts';
import { raftConfig, raftHistory, serverNames, type ReadArgs, type WriteArgs } from './run-raft.ts';
import type { RaftTypes } from './state.ts';
import type { RaftResponse } from './types.ts';
import { raftVariants, variantConfig } from './variants.ts';
import { variantDescriptions } from '../demo.ts';

const variants = variantDescriptions(raftVariants);

type View = ClusterView<RaftTypes>;
const write = (to: string, value: number, session: string): Call<RaftTypes> => ({ to, request: { kind: 'write', value, session, seq: 1 }, op: 'write', args: [1, value] satisfies WriteArgs });
const linearizableRead = (to: string): Call<RaftTypes> => ({ to, request: { kind: 'read', level: 'linearizable' }, op: 'read', args: [1, 'linearizable'] satisfies ReadArgs });
const once = (id: string, call: Call<RaftTypes>): ClientSpec<RaftTypes> => ({ id, workload: ({ index }) => (index === 0 ? call : undefined) });

const server = (view: View, id: string) => view.nodes.find((n) => n.id === id);
const leads = (view: View, id: string) => server(view, id)?.state?.role.kind === 'leader';
const acknowledged = (view: View, client: string) => view.history.some((op) => op.client === client && (op.result as RaftResponse | undefined)?.kind === 'written');


/** Figure 8: s1 holds p1's write alone; s2 leads a later term with its own entry at index 2; s1 leads a later term still. */
const figure8: ReadonlyArray<Phase<RaftTypes>> = [
  {
    goal: 's1 leads and holds p1\'s write, which no other server has',
    reached: (view) => leads(view, 's1') && server(view, 's1')!.state!.log.some((e) => e.command.kind === 'write') && view.nodes.every((n) => n.id === 's1' || !(n.state?.log ?? []).some((e) => e.command.kind === 'write')),
  },
  {
    goal: 's2 leads a later term, its own entry at index 2',
    reached: (view) => leads(view, 's2') && (server(view, 's2')!.state!.log[1]?.term ?? 0) > 1,
  },
  {
    goal: 's1 leads again, in a term after s2\'s',
    reached: (view) => leads(view, 's1') && server(view, 's1')!.state!.currentTerm > (server(view, 's2')?.durable?.currentTerm ?? 0),
  },
  {
    goal: 's1 has committed index 2 (p1\'s write, of term 1), and s3 holds it but nothing of s1\'s new term',
    reached: (view) => {
      const s1 = server(view, 's1')!.state, s3 = server(view, 's3')!.state;
      return s1 !== undefined && s3 !== undefined && s1.role.kind === 'leader' && s1.commitIndex >= 2 && s3.log[1]?.command.kind === 'write' && s3.log.length === 2;
    },
  },
];

/** read-index-without-quorum-check: s1 leads and has committed its blank entry; s2 leads a later term and p2's write is acknowledged through it. */
const deposed: ReadonlyArray<Phase<RaftTypes>> = [
  { goal: 's1 leads and has committed an entry of its term', reached: (view) => leads(view, 's1') && server(view, 's1')!.state!.commitIndex >= 1 },
  { goal: 's2 leads a later term, while s1 still believes it leads', reached: (view) => leads(view, 's2') && leads(view, 's1') },
  { goal: 'p2\'s write is acknowledged by s2, and s1 still believes it leads', reached: (view) => acknowledged(view, 'p2') && leads(view, 's1') },
];

/** Writes with linearizable (and strong) reads, as a register; checked whenever a call returns. */
function historyCheck(history: History): string | undefined {
  const result = checkLinearizability(registerModel, raftHistory(history, ['linearizable', 'strong']));
  return result.ok ? undefined : `not linearizable: ${verdictText(result)}`;
}

export const explore: ExploreDescriptor = {
  description: 'Raft on s1..s3 (one entry per AppendEntries for Figure 8): a write through s1, or through s2 with a linearizable read at s1, with the Figure 3 invariants and linearizability checked in every state.',
  variants,
  defaults: { nodes: 3, requests: 1, depth: 14, crashes: 0, losses: 0, timers: 4 },
  variantDefaults: {
    'vote-without-log-check': { depth: 12, timers: 3 },
    'commit-previous-term-by-count': { depth: 24, timers: 7 },
    'read-index-without-quorum-check': { requests: 2, depth: 22, timers: 3 },
  },
  setup({ nodes, requests, variant, shape = variant }) {
    // read-index-without-quorum-check: a write through the new leader s2, and a linearizable read at the old one, s1.
    const clients: ClientSpec<RaftTypes>[] =
      shape === 'read-index-without-quorum-check' ? [once('p2', write('s2', 2, 'p2')), once('r1', linearizableRead('s1'))] : [once('p1', write('s1', 1, 'p1'))];
    for (let i = clients.length; i < requests; i++) clients.push(once(`r${i}`, linearizableRead('s1')));
    const phases = shape === 'commit-previous-term-by-count' ? figure8 : shape === 'read-index-without-quorum-check' ? deposed : undefined;
    return defineSetup<RaftTypes>({
      model: raft,
      nodes: serverNames(nodes),
      // One entry per AppendEntries where Figure 8 needs an old entry to move ahead of the new leader's own.
      config: raftConfig(1, { ...variantConfig(variant), maxEntriesPerMessage: shape === 'commit-previous-term-by-count' ? 1 : 4 }),
      clients,
      invariants: raftInvariants,
      historyCheck,
      ...(phases ? { phases } : {}),
    });
  },
};
