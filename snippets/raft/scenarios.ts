/**
 * Scripted runs of the Raft model whose diagrams the note draws at build time
 * (```mermaid scenario="raft/stale-weak-read"```), and which the tests run with and without each
 * rule. Every message takes one tick and each server's election timeout is fixed (s1 4 ticks, s2 8,
 * s3 12), so each script fails (or not) on cue.
 */
import type { Scenarios } from '../demo.ts';
import { checkLinearizability, historyDiagram } from '../check/index.ts';
import { registerModel } from '../check/models/register.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult, type Trace } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { raftInvariants } from './invariants.ts';
import { raft } from './model.ts';
import { raftConfig, raftHistory, SERVERS, type ReadArgs, type WriteArgs } from './run-raft.ts';
import type { RaftTypes } from './state.ts';
import type { RaftConfig, RaftMessage, ReadLevel } from './types.ts';

/** Fixed election timeouts: s1 always times out first, then s2, then s3. */
export const SCRIPT_TIMEOUTS = { s1: 4, s2: 8, s3: 12 } as const;

const write = (to: string, value: number, session: string, seq = 1): Call<RaftTypes> => ({ to, request: { kind: 'write', value, session, seq }, op: 'write', args: [seq, value] satisfies WriteArgs, timeoutTicks: 30 });
const read = (to: string, level: ReadLevel, freshness?: number): Call<RaftTypes> => ({
  to, request: { kind: 'read', level, ...(freshness !== undefined ? { freshness } : {}) }, op: 'read', args: [1, level] satisfies ReadArgs, timeoutTicks: 30,
});

/** A client that makes the given calls in turn, the first at `startTick`, each after the last one ended (answered or timed out). */
function calls(id: string, startTick: number, ...list: Call<RaftTypes>[]): ClientSpec<RaftTypes> {
  return { id, startTick, workload: ({ index }) => list[index] };
}

function scripted(config: Partial<RaftConfig>, clients: ClientSpec<RaftTypes>[], safetyTicks: number, scenario?: ScriptedRun<RaftTypes>['scenario']): ScriptedRun<RaftTypes> {
  return {
    model: raft,
    nodes: [...SERVERS],
    config: raftConfig(1, { fixedElectionTicks: SCRIPT_TIMEOUTS, ...config }),
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients,
    safetyTicks,
    invariants: raftInvariants(),
    scenario,
  };
}

// #region normal-case
/** s1 is elected in term 1, p1's write of 1 is replicated and committed, and r1 reads it at each level in turn. */
export const normalCaseRun = (): ScriptedRun<RaftTypes> =>
  scripted({}, [calls('p1', 10, write('s1', 1, 'p1')), calls('r1', 18, read('s1', 'weak'), read('s1', 'linearizable'), read('s1', 'strong'), read('s2', 'none'))], 40);
// #endregion

// #region stale-read
/**
 * The old leader partitioned away. s1 leads term 1 and commits p1's write of 1; at tick 16 it is cut
 * off from s2 and s3. s2 times out, wins term 2 with s3's vote and commits p2's write of 2. At tick 40
 * r1 asks s1, which still believes it leads, to read at `level`: at weak it answers 1, a value
 * overwritten before the read began; at linearizable its heartbeat round finds no quorum, the read
 * times out, and r1 asks s2 instead.
 */
export function staleReadRun(level: ReadLevel, config: Partial<RaftConfig> = {}): ScriptedRun<RaftTypes> {
  return scripted(config, [calls('p1', 10, write('s1', 1, 'p1')), calls('p2', 32, write('s2', 2, 'p2')), calls('r1', 40, read('s1', level), read('s2', level))], 80, (run) => {
    run.at(16, (s) => s.partition(['s1'], ['s2', 's3']));
  });
}
// #endregion

// #region stale-none-read
/**
 * A follower partitioned away. s3 is cut off at tick 16, after it has applied p1's write of 1; s1 and
 * s2 commit p2's write of 2. At tick 40 r1 reads from s3 at level none: s3 answers 1. With a
 * freshness bound of 10 ticks, s3 has not heard from a leader for longer than that and refuses.
 */
export function staleNoneReadRun(freshness?: number): ScriptedRun<RaftTypes> {
  return scripted({}, [calls('p1', 10, write('s1', 1, 'p1')), calls('p2', 24, write('s1', 2, 'p2')), calls('r1', 40, read('s3', 'none', freshness))], 60, (run) => {
    run.at(16, (s) => s.partition(['s3'], ['s1', 's2']));
  });
}
// #endregion

// #region figure-8
/**
 * The Raft paper's Figure 8 on three servers, one entry per AppendEntries. s1 leads term 1 and, cut
 * off, appends p1's write of 1 at index 2 alone. s2 wins term 2 with s3's vote and appends its blank
 * entry at index 2 alone (its AppendEntries to s3 are cut), then crashes. s3 times out; s1 wins
 * term 4, appends its blank entry at index 3, and copies the write of 1 (term 1) to s3: now on two of
 * three servers. Before index 3 reaches s3, s1 is cut off again. Counting replicas, s1 commits index
 * 2; then s2 returns and, its last entry of term 2 newer than s3's of term 1, wins term 5 with s3's vote.
 */
export function figure8Run(commitOnlyCurrentTerm: boolean): ScriptedRun<RaftTypes> {
  return scripted({ commitOnlyCurrentTerm, maxEntriesPerMessage: 1 }, [calls('p1', 11, write('s1', 1, 'p1'))], 90, (run) => {
    run.at(10, (s) => s.partition(['s1'], ['s2', 's3']));
    run.at(FIG8.cutS2, (s) => s.partition(['s2'], ['s3'], { oneWay: true }));
    run.at(FIG8.cutS2 + 2, (s) => s.crash('s2'));
    run.at(FIG8.cutS2 + 3, (s) => s.heal());
    run.at(FIG8.cutS1, (s) => s.partition(['s1'], ['s2', 's3'], { oneWay: true }));
    run.at(FIG8.restartS2, (s) => s.restart('s2'));
  });
}
/** The ticks Figure 8's script acts at (found by reading the trace: s2 wins term 2 at tick 21, s3's Appended reaches s1 at tick 43). */
const FIG8 = { cutS2: 18, cutS1: 38, restartS2: 40 };
// #endregion

// #region vote-without-log-check
/**
 * s3 is cut off at tick 10 and misses p1's write of 1, which s1 and s2 commit. s1 crashes at tick 20
 * and the partition heals. s3 times out first and asks for votes: with the check, s2 refuses (its log
 * ends at 2@1, s3's at 1@1) and is elected itself; without it, s2 votes for s3, which leads term 2
 * without the committed write.
 */
export function voteWithoutLogCheckRun(voteLogCheck: boolean): ScriptedRun<RaftTypes> {
  return scripted({ voteLogCheck, fixedElectionTicks: { s1: 4, s2: 14, s3: 8 } }, [calls('p1', 11, write('s1', 1, 'p1'))], 60, (run) => {
    run.at(10, (s) => s.partition(['s3'], ['s1', 's2']));
    run.at(20, (s) => s.crash('s1'));
    run.at(20, (s) => s.heal());
  });
}
// #endregion

export const normalCase = (): RunResult<RaftTypes> => simulate(normalCaseRun());
export const staleRead = (level: ReadLevel, config?: Partial<RaftConfig>): RunResult<RaftTypes> => simulate(staleReadRun(level, config));
export const staleNoneRead = (freshness?: number): RunResult<RaftTypes> => simulate(staleNoneReadRun(freshness));
export const figure8 = (commitOnlyCurrentTerm: boolean): RunResult<RaftTypes> => simulate(figure8Run(commitOnlyCurrentTerm));
export const voteWithoutLogCheck = (voteLogCheck: boolean): RunResult<RaftTypes> => simulate(voteWithoutLogCheckRun(voteLogCheck));

/** The checker's verdict on a scripted run, reads of the given level included. */
export const checkedAt = (result: RunResult<RaftTypes>, level: ReadLevel) => checkLinearizability(registerModel, raftHistory(result.history, [level]));

// #region quiet
/**
 * The trace without background noise, for diagrams: an AppendEntries that repeats one already sent on
 * its link (a heartbeat with nothing new, or the same entries resent), the success replies to those,
 * and every loss on a cut link after the first. Every other event stays, in order; the diagrams say so.
 */
export function quiet(trace: Trace): Trace {
  const sent = new Set<string>();
  const hidden = new Set<number>();
  const shownRounds = new Set<string>();
  const dropped = new Set<string>();
  const events = trace.events.filter((e) => {
    if (e.kind === 'drop') {
      const key = `${e.from}>${e.node}:${e.reason}`;
      if (dropped.has(key)) return false;
      dropped.add(key);
      return true;
    }
    if (e.kind !== 'deliver' && e.kind !== 'send') return true;
    const m = e.message as RaftMessage;
    const link = e.kind === 'send' ? `${e.node}>${e.to}` : `${e.from}>${e.node}`;
    if (m.kind === 'append-entries') {
      if (e.kind === 'send') {
        const content = `${link}:${m.term}:${m.prevLogIndex}:${m.entries.length}:${m.leaderCommit}`;
        if (sent.has(content)) hidden.add(e.msgId);
        else shownRounds.add(`${link}:${m.term}:${m.round}`);
        sent.add(content);
      }
      return !hidden.has(e.msgId);
    }
    if (m.kind === 'append-result' && m.success) {
      const back = e.kind === 'send' ? `${e.to}>${e.node}` : `${e.node}>${e.from}`;
      return shownRounds.has(`${back}:${m.term}:${m.round}`);
    }
    return true;
  });
  return { ...trace, events };
}
// #endregion

/** The checker's counterexample for the stale weak read, as a diagram: the history, not the messages. */
export function staleWeakReadCounterexample(): string {
  const result = checkedAt(staleRead('weak'), 'weak');
  if (result.ok) throw new Error('the stale weak read is linearizable: the scenario no longer shows what the note says');
  return historyDiagram(registerModel, result.counterexample);
}

export const scenarios: Scenarios = {
  'normal-case': () => traceToMermaid(quiet(normalCase().trace), { linesMax: 70 }),
  'stale-weak-read': () => traceToMermaid(quiet(staleRead('weak').trace), { fromTick: 14, toTick: 44, linesMax: 70 }),
  'stale-weak-read-history': staleWeakReadCounterexample,
  'linearizable-read': () => traceToMermaid(quiet(staleRead('linearizable').trace), { fromTick: 38, toTick: 76, linesMax: 60 }),
  'stale-none-read': () => traceToMermaid(quiet(staleNoneRead().trace), { fromTick: 14, toTick: 44, linesMax: 60 }),
  'figure-8': () => traceToMermaid(quiet(figure8(false).trace), { fromTick: 9, linesMax: 90 }),
  'figure-8-correct': () => traceToMermaid(quiet(figure8(true).trace), { fromTick: 40, linesMax: 70 }),
  'vote-without-log-check': () => traceToMermaid(quiet(voteWithoutLogCheck(false).trace), { fromTick: 9, toTick: 26, linesMax: 60 }),
  'read-index-without-quorum-check': () => traceToMermaid(quiet(staleRead('linearizable', { confirmLeadership: false }).trace), { fromTick: 38, toTick: 44, linesMax: 50 }),
};
