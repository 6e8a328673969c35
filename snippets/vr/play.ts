/**
 * The VR model in the browser player (snippets/play/): the note's scenarios, what a replica's card
 * shows, and the two broken variants. The scenarios are the ones scenarios.ts draws for the note, set
 * up the same way (tests/snippets/play/vr-play.test.ts checks the traces are identical).
 */
import type { PlayDescriptor, PlayScenario } from '../play/descriptor.ts';
import type { Call, ClientSpec } from '../sim/index.ts';
import { vrInvariants } from './invariants.ts';
import { vrVariants } from './variants.ts';
import { replica } from './replica.ts';
import { callArgs, FAULTY, replicaNames, vrClient } from './run-vr.ts';
import { DEFAULT_CONFIG, isPrimary, type Operation, type VrConfig, type VrTypes } from './types.ts';

/** A client that makes exactly one call, at `startTick`, to `to` (as scenarios.ts's). */
function once(id: string, startTick: number, to: string, op: Operation): ClientSpec<VrTypes> {
  const call: Call<VrTypes> = { to, request: { client: id, requestNumber: 1, op }, op: op.f, args: callArgs(op, 1), key: op.key, timeoutTicks: 40 };
  return { id, startTick, workload: ({ index }) => (index === 0 ? call : undefined) };
}

const put = (key: string, value: number): Operation => ({ f: 'put', key, value });
const get = (key: string): Operation => ({ f: 'get', key });

/** Three replicas, every message delayed exactly one tick, as the note's diagrams. */
const scripted = {
  nodes: replicaNames(3),
  config: DEFAULT_CONFIG,
  network: { delayTicksMin: 1, delayTicksMax: 1 },
  seed: 1,
} as const;

const scenarios: ReadonlyArray<PlayScenario<VrTypes>> = [
  {
    ...scripted,
    id: 'normal-case',
    label: 'Normal case',
    description: 'c1 puts x = 1 at the primary r1; r2 and r3 prepare it, and it commits with the first PrepareOK (VRR §4.1).',
    clients: () => [once('c1', 1, 'r1', put('x', 1))],
    ticks: 9,
  },
  {
    ...scripted,
    id: 'view-change',
    label: 'View change',
    description: 'The primary r1 crashes at tick 4, before the PrepareOKs reach it; r2 and r3 move to view 1, and r2 commits the put (VRR §4.2).',
    clients: () => [once('c1', 1, 'r1', put('x', 1)), once('c2', 40, 'r2', get('x'))],
    setup: (run) => void run.at(4, (s) => s.crash('r1')),
    ticks: 45,
  },
  {
    ...scripted,
    id: 'recovery',
    label: 'Recovery',
    description: 'r3 crashes at tick 6 and restarts at tick 9 with nothing in memory; it recovers from r1 and r2 (VRR §4.3).',
    clients: () => [once('c1', 1, 'r1', put('x', 1))],
    setup: (run) => void run.at(6, (s) => s.crash('r3')).at(9, (s) => s.restart('r3')),
    ticks: 16,
  },
  {
    ...scripted,
    id: 'any-log',
    label: 'Whose log the new primary takes',
    description: "r1's messages to r2 are cut; r1 commits put(x, 1) with r3 and crashes at tick 8. r2 starts view 1 and must take r3's log, not its own empty one.",
    clients: () => [once('c1', 1, 'r1', put('x', 1)), once('c2', 32, 'r2', get('x'))],
    setup: (run) => void run.partition(['r1'], ['r2'], { oneWay: true }).at(8, (s) => s.crash('r1')),
    ticks: 36,
  },
  {
    ...scripted,
    id: 'recovering',
    label: 'A recovering replica stays silent',
    description: "r1's messages to r3 are cut; r1 commits put(x, 1) with r2. r2 crashes, then r1, and r2 restarts empty: it must not join r3's view change.",
    clients: () => [once('c1', 1, 'r1', put('x', 1)), once('c2', 40, 'r2', get('x'))],
    setup: (run) =>
      void run
        .partition(['r1'], ['r3'], { oneWay: true })
        .at(7, (s) => s.crash('r2'))
        .at(9, (s) => s.crash('r1'))
        .at(10, (s) => s.restart('r2')),
    ticks: 46,
  },
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
};
