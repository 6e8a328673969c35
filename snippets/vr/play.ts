/**
 * The VR model in the browser player (snippets/play/): the note's scenarios, what a replica's card
 * shows, and the two broken variants. The scenarios are the ones scenarios.ts draws for the note, set
 * up from the same scripts (vrScripts; tests/snippets/play/vr-play.test.ts checks the traces are identical).
 */
import { kvModel } from '../check/models/kv.ts';
import type { PlayClientCall, PlayDescriptor, PlayScenario } from '../play/descriptor.ts';
import { linearizabilityCheck } from '../play/linearizable.ts';
import { readerCall } from '../play/reader-call.ts';
import { vrInvariants } from './invariants.ts';
import { vrVariants } from './variants.ts';
import { replica } from './replica.ts';
import { callArgs, FAULTY, replicaNames, vrClient, vrHistory } from './run-vr.ts';
import { SCRIPTED, vrScripts, type VrScript } from './scenarios.ts';
import { DEFAULT_CONFIG, isPrimary, type Operation, type VrConfig, type VrTypes } from './types.ts';

/** One of scenarios.ts's scripted runs, as the player offers it. */
function scripted(script: VrScript, meta: Pick<PlayScenario<VrTypes>, 'id' | 'label' | 'description'>): PlayScenario<VrTypes> {
  return { ...meta, ...SCRIPTED, config: DEFAULT_CONFIG, clients: script.clients, ticks: script.ticks, ...(script.scenario ? { setup: script.scenario } : {}) };
}

const scenarios: ReadonlyArray<PlayScenario<VrTypes>> = [
  scripted(vrScripts.normalCase, {
    id: 'normal-case',
    label: 'Normal case',
    description: 'c1 puts x = 1 at the primary r1; r2 and r3 prepare it, and it commits with the first PrepareOK (VRR §4.1).',
  }),
  scripted(vrScripts.viewChange, {
    id: 'view-change',
    label: 'View change',
    description: 'The primary r1 crashes at tick 4, before the PrepareOKs reach it; r2 and r3 move to view 1, and r2 commits the put (VRR §4.2).',
  }),
  scripted(vrScripts.recovery, {
    id: 'recovery',
    label: 'Recovery',
    description: 'r3 crashes at tick 6 and restarts at tick 9 with nothing in memory; it recovers from r1 and r2 (VRR §4.3).',
  }),
  scripted(vrScripts.anyLog, {
    id: 'any-log',
    label: 'Whose log the new primary takes',
    description: "r1's messages to r2 are cut; r1 commits put(x, 1) with r3 and crashes at tick 8. r2 starts view 1 and must take r3's log, not its own empty one.",
  }),
  scripted(vrScripts.recovering, {
    id: 'recovering',
    label: 'A recovering replica stays silent',
    description: "r1's messages to r3 are cut; r1 commits put(x, 1) with r2. r2 crashes, then r1, and r2 restarts empty: it must not join r3's view change.",
  }),
  {
    id: 'faulty',
    label: 'Random faults',
    description: 'Two clients put and get x and y while the network loses, duplicates and reorders messages and partitions come and go; crash and heal nodes yourself.',
    nodes: replicaNames(3),
    config: DEFAULT_CONFIG,
    network: FAULTY.network,
    faults: FAULTY.faults,
    clients: () => [1, 2].map((i) => ({ id: `c${i}`, workload: vrClient(`c${i}`, i, 1000), thinkTicksMax: 4 })),
    ticks: 120,
    seed: 1,
  },
];

/** The reader's calls: a put or a get of x, sent to the replica the reader picks, given up after 40 ticks. */
const vrCall = (id: string, label: string, op: (value: number) => Operation): PlayClientCall<VrTypes> =>
  readerCall(id, label, { takesValue: id === 'put', timeoutTicks: 40 }, (value, number, client) => {
    const o = op(value);
    return { request: { client, requestNumber: number, op: o }, op: o.f, args: callArgs(o, number), key: o.key };
  });

const withConfig = (change: Partial<VrConfig>) => (base: VrConfig): VrConfig => ({ ...base, ...change });

export const vrPlay: PlayDescriptor<VrTypes> = {
  name: 'vr',
  title: 'Viewstamped Replication',
  model: replica,
  scenarios,
  variants: [
    { id: 'new-primary-keeps-own-log', label: 'New primary keeps its own log (no §4.2 log choice)', config: withConfig(vrVariants['new-primary-keeps-own-log'].config), failing: { scenario: 'any-log', seed: 1 } },
    {
      id: 'recovering-replica-takes-part',
      label: 'A recovering replica takes part (no §4.3 silence)',
      config: withConfig(vrVariants['recovering-replica-takes-part'].config),
      failing: { scenario: 'recovering', seed: 1 },
    },
  ],
  invariants: vrInvariants,
  nodeView: (s) => ({
    role: s.status === 'normal' ? (isPrimary(s) ? 'primary' : 'backup') : s.status,
    fields: [
      { label: 'view', value: String(s.view) },
      { label: 'status', value: s.status },
      { label: 'op-number', value: String(s.log.length) },
      { label: 'commit-number', value: String(s.commitNumber) },
      { label: 'log', value: s.log.length === 0 ? 'empty' : s.log.map((e, i) => `${i + 1}:${e.op.f === 'put' ? `put(${e.op.key}, ${e.op.value})` : `get(${e.op.key})`}`).join(' ') },
    ],
  }),
  maxTicks: 400,
  // Linearizability of the clients' puts and gets on each key, as run-vr.ts checks it after a run.
  checkHistory: linearizabilityCheck(kvModel, vrHistory),
  clientCalls: [vrCall('put', 'Write x', (value) => ({ f: 'put', key: 'x', value })), vrCall('get', 'Read x', () => ({ f: 'get', key: 'x' }))],
};
