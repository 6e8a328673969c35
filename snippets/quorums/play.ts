/**
 * The quorum register in the browser player (snippets/play/): the note's scripted runs, imported from
 * scenarios.ts and run-register.ts rather than copied, what a replica's card shows (its copy of the
 * register, and which replicas each operation it coordinates has reached), and the four broken
 * variants. The linearizability checker runs as the player's history check (as VR's), so a stale read
 * stops the run where it returns. tests/snippets/play/quorums-play.test.ts checks the traces match the scripted runs.
 */
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { linearizabilityCheck } from '../play/linearizable.ts';
import { readerCall } from '../play/reader-call.ts';
import { registerModel } from '../check/models/register.ts';
import { register, type RegisterState, type RegisterTypes, type Stored } from './register.ts';
import { FAULTY, registerHistory, registerInvariants, registerRunOptions } from './run-register.ts';
import { halfFinishedWriteRun, restartedWriterRun, writeThenReadRun } from './scenarios.ts';
import { quorumsVariants, type QuorumsVariantName } from './variants.ts';

const version = (s: Stored) => (s.version.counter === 0 ? 'none' : `(${s.version.counter}, ${s.version.writer})`);

/** One operation a replica coordinates: what it is, its phase, and the replicas that have answered it. */
function coordinating(state: RegisterState): string {
  const ops = Object.values(state.pending).map((p) => {
    const what = p.request.kind === 'write' ? `write ${p.request.value}` : 'read';
    const reached = p.answered.length === 0 ? 'no answer yet' : `reached ${p.answered.join(', ')}`;
    const phase = p.phase === 'query' ? 'query' : `store ${p.stored.value ?? 'nothing'} ${version(p.stored)}`;
    return `${what}: ${phase}, ${reached}`;
  });
  return ops.length === 0 ? 'nothing' : ops.join('; ');
}

const variant = (id: QuorumsVariantName, label: string, failing: { scenario: string; seed: number }) => ({ id, label, config: quorumsVariants[id].config, failing });

/**
 * The reader's calls: a write of the value the reader gives, or a read, coordinated by the replica the
 * reader picks, given up after 60 ticks as the workload's are. `pick` (which quorum a "one quorum per
 * operation" scenario asks) comes from the call's number, so a URL replays the same quorum.
 */
const readerCalls: ReadonlyArray<PlayClientCall<RegisterTypes>> = [
  readerCall('write', 'Write a value', { takesValue: true, timeoutTicks: 60 }, (value, number) => ({ request: { kind: 'write', value, pick: number }, op: 'write', args: value })),
  readerCall('read', 'Read', { takesValue: false, timeoutTicks: 60 }, (_value, number) => ({ request: { kind: 'read', pick: number }, op: 'read', args: null })),
];

export const quorumsPlay: PlayDescriptor<RegisterTypes> = {
  name: 'quorums',
  title: 'the quorum register',
  model: register,
  scenarios: [
    scenarioFromRun(
      { id: 'write-then-read', label: 'A write, then a read', description: "N = 3, R = W = 2. c1 writes 7 through r1 while r1's store to r3 is late; c2 reads through r3, and its read quorum includes a replica that has 7." },
      () => writeThenReadRun(2, 2),
    ),
    scenarioFromRun(
      { id: 'half-finished-write', label: 'A half-finished write', description: "c1's write of 7 reaches only r1 before its stores are cut. c2 reads through r2 and hears r1 first; c3 reads through r3, which cannot hear r1. The write-back makes c3 read 7 too." },
      () => halfFinishedWriteRun(true),
    ),
    scenarioFromRun(
      { id: 'restarted-writer', label: 'A writer that restarts', description: 'Each operation asks one quorum. r1 writes 111 to r2 only, crashes and restarts, then writes 222 to r1 and r3; the boot count on disk gives 222 a higher version, so both later reads return 222.' },
      () => restartedWriterRun(true),
    ),
    scenarioFromRun(
      { id: 'faulty', label: 'Random faults', description: 'The demo: two clients read and write through random replicas while the network loses, duplicates and reorders messages and replicas crash; add your own faults.' },
      () => registerRunOptions({ seed: 1, n: 3, r: 2, w: 2, clients: 2, safetyTicks: 60, ...FAULTY }),
    ),
    scenarioFromRun(
      { id: 'faulty-one-quorum', label: 'Random faults, one quorum per operation', description: "The fault suite's setting: three clients, and each operation asks one random quorum instead of every replica, so fewer answers hide a bug by luck." },
      () => registerRunOptions({ seed: 1, n: 3, r: 2, w: 2, contact: 'quorum', ...FAULTY }),
    ),
  ],
  variants: [
    variant('r1-w1', 'R = W = 1: reads no longer meet writes (R + W ≤ N)', { scenario: 'write-then-read', seed: 1 }),
    variant('no-write-back', 'Reads do not write back', { scenario: 'half-finished-write', seed: 1 }),
    variant('writer-ids-restart', 'Operation numbers restart after a crash (no incarnation)', { scenario: 'restarted-writer', seed: 1 }),
    variant('reruns-duplicates', 'A duplicated request runs twice (a request no longer runs once)', { scenario: 'faulty-one-quorum', seed: 1394 }),
  ],
  invariants: registerInvariants,
  nodeView: (s) => ({
    role: Object.keys(s.pending).length > 0 ? 'coordinating' : 'replica',
    fields: [
      { label: 'value', value: s.stored.value === null ? 'none' : String(s.stored.value) },
      { label: 'version', value: version(s.stored) },
      { label: 'boot', value: String(s.boot) },
      { label: 'coordinating', value: coordinating(s) },
    ],
  }),
  maxTicks: 400,
  checkHistory: linearizabilityCheck(registerModel, registerHistory),
  clientCalls: readerCalls,
};
