/**
 * Raft in the browser player (snippets/play/): the note's scripted runs, imported from scenarios.ts
 * and run-raft.ts rather than copied, what each server's card shows (role, term, vote, log, commit
 * index, what it has applied), the broken variants, and the reader's own calls: a write, and a read at
 * each of rqlite's levels. tests/snippets/raft/play.test.ts checks that the scenarios play the runs
 * the note draws.
 */
import type { RunOptions } from '../sim/index.ts';
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { linearizabilityCheck } from '../play/linearizable.ts';
import { readerCall } from '../play/reader-call.ts';
import { registerModel } from '../check/models/register.ts';
import { raftInvariants } from './invariants.ts';
import { raft, showLog } from './model.ts';
import { FAULTY, raftHistory, raftRunOptions, TIMEOUT_TICKS, type ReadArgs, type WriteArgs } from './run-raft.ts';
import { figure8Run, normalCaseRun, staleNoneReadRun, staleReadRun, voteWithoutLogCheckRun } from './scenarios.ts';
import type { RaftState, RaftTypes } from './state.ts';
import { READ_LEVELS, type RaftConfig } from './types.ts';
import { raftVariants, type RaftVariantName } from './variants.ts';

function card(s: RaftState): { role: string; fields: Array<{ label: string; value: string }> } {
  const doing =
    s.role.kind === 'leader'
      ? `${s.role.waiters.length} call(s) waiting for a commit, ${s.role.reads.length} read(s) for a quorum round`
      : s.role.kind === 'candidate'
        ? `asking for votes (${s.role.votes.join(', ')})`
        : s.role.leader ? `following ${s.role.leader}` : 'waiting for a leader';
  return {
    role: s.role.kind,
    fields: [
      { label: 'term', value: String(s.currentTerm) },
      { label: 'voted for', value: s.votedFor ?? 'nobody' },
      { label: 'log', value: s.log.length === 0 ? 'empty' : showLog(s.log).slice(1, -1) },
      { label: 'commit index', value: String(s.commitIndex) },
      { label: 'value', value: `${s.machine.value ?? 'nothing'} (applied ${s.lastApplied})` },
      { label: 'doing', value: doing },
    ],
  };
}

/** The demo's run has no script of its own (its faults are random), so the player's scenario takes none. */
function withoutScript(options: RunOptions<RaftTypes>): Omit<RunOptions<RaftTypes>, 'scenario'> {
  const { scenario: _, ...rest } = options;
  return rest;
}

const withConfig = (change: Partial<RaftConfig>) => (base: RaftConfig): RaftConfig => ({ ...base, ...change });

/** A broken variant from the one table (variants.ts), with the player's short label and the scripted run that shows it failing. */
const variant = (id: RaftVariantName, label: string, scenario: string) => ({ id, label, config: withConfig(raftVariants[id].config), failing: { scenario, seed: 1 } });

/** The reader's calls: write a value, or read the register at one of rqlite's levels, at the server the reader picks. */
const readerCalls: ReadonlyArray<PlayClientCall<RaftTypes>> = [
  readerCall<RaftTypes>('write', 'Write a value', { takesValue: true, timeoutTicks: TIMEOUT_TICKS }, (value, number, client) => ({
    request: { kind: 'write', value, session: client, seq: number }, op: 'write', args: [number, value] satisfies WriteArgs,
  })),
  ...READ_LEVELS.map((level) =>
    readerCall<RaftTypes>(`read-${level}`, `Read (${level})`, { takesValue: false, timeoutTicks: TIMEOUT_TICKS }, (_value, number) => ({
      request: { kind: 'read', level }, op: 'read', args: [number, level] satisfies ReadArgs,
    })),
  ),
];

export const raftPlay: PlayDescriptor<RaftTypes> = {
  name: 'raft',
  title: 'Raft and rqlite\'s read levels',
  model: raft,
  scenarios: [
    scenarioFromRun(
      { id: 'normal-case', label: 'A write, then a read at each level', description: 's1 wins term 1, p1\'s write of 1 is committed, and r1 reads it at weak, linearizable, strong (through s1) and none (from s2).' },
      () => normalCaseRun(),
    ),
    scenarioFromRun(
      { id: 'stale-weak-read', label: 'A weak read from a deposed leader', description: 's1 is cut off at tick 16; s2 wins term 2 and commits p2\'s write of 2. At tick 40 s1, still believing it leads, answers r1\'s weak read with 1: a stale read (weak promises no more, so the player does not stop; the note shows the checker rejecting it).' },
      () => staleReadRun('weak'),
    ),
    scenarioFromRun(
      { id: 'linearizable-read', label: 'The same read at level linearizable', description: 'The same script: s1\'s heartbeat round reaches no quorum, the read times out, and r1\'s retry at s2 returns 2.' },
      () => staleReadRun('linearizable'),
    ),
    scenarioFromRun(
      { id: 'stale-none-read', label: 'A none read from a cut-off follower', description: 's3 is cut off after applying the write of 1; s1 and s2 commit 2; s3 answers r1\'s none read with 1.' },
      () => staleNoneReadRun(),
    ),
    scenarioFromRun(
      { id: 'figure-8', label: 'Figure 8: an old term\'s entry on a majority', description: 's1 copies its term-1 write to s3 while leading term 4, then is cut off; s2, whose last entry is of term 2, wins term 6 and overwrites it. With the rule, nothing committed is lost.' },
      () => figure8Run(true),
    ),
    scenarioFromRun(
      { id: 'vote-without-log-check', label: 'A server that missed a committed write asks for votes', description: 's3 misses p1\'s committed write; s1 crashes; s3 times out first. With the up-to-date check s2 refuses it and is elected itself.' },
      () => voteWithoutLogCheckRun(true),
    ),
    scenarioFromRun(
      { id: 'faulty', label: 'Random faults', description: 'The demo: two writers, a linearizable and a strong reader, on a network that loses, duplicates and reorders messages while servers crash and partitions come and go; add your own faults and reads.' },
      () => withoutScript(raftRunOptions({ seed: 1, safetyTicks: 150, ...FAULTY })),
    ),
  ],
  variants: [
    variant('commit-previous-term-by-count', 'A leader commits an older term\'s entry by counting (Figure 8)', 'figure-8'),
    variant('vote-without-log-check', 'Votes without the up-to-date log check', 'vote-without-log-check'),
    variant('read-index-without-quorum-check', 'Linearizable reads without the quorum round', 'linearizable-read'),
  ],
  invariants: raftInvariants,
  nodeView: card,
  maxTicks: 400,
  // What Raft promises: the writes with linearizable and strong reads are linearizable (weak and none reads are left out: they promise less).
  checkHistory: linearizabilityCheck(registerModel, (history) => raftHistory(history)),
  clientCalls: readerCalls,
};
