/**
 * Scripted runs of the Neon model whose diagrams the note draws at build time
 * (```mermaid scenario="neon/skip-sync-from-majority"```), and which the tests run with and without
 * each rule. Delays are one tick, so each script fails (or not) on cue.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult, type Trace } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { neonInvariants } from './invariants.ts';
import { neon } from './model.ts';
import { neonConfig, NODES } from './run-neon.ts';
import type { NeonTypes } from './state.ts';
import type { NeonConfig, NeonMessage } from './types.ts';

const commit = (to: string, value: number): Call<NeonTypes> => ({ to, request: { kind: 'commit', value }, op: 'commit', args: value, timeoutTicks: 30 });

/** A client that makes exactly one call, at `startTick`. */
function once(id: string, startTick: number, call: Call<NeonTypes>): ClientSpec<NeonTypes> {
  return { id, startTick, workload: ({ index }) => (index === 0 ? call : undefined) };
}

function scripted(config: Partial<NeonConfig>, clients: ClientSpec<NeonTypes>[], safetyTicks: number, scenario?: ScriptedRun<NeonTypes>['scenario']): ScriptedRun<NeonTypes> {
  return {
    model: neon,
    nodes: NODES,
    config: neonConfig(config),
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients,
    safetyTicks,
    invariants: neonInvariants(),
    scenario,
  };
}

// #region normal-case
/** The normal case: pg1's commit reaches cA, two safekeepers flush it, commit_lsn passes it, pg1 is acknowledged; the pageserver reads it and a safekeeper uploads it. */
export const normalCaseRun = (): ScriptedRun<NeonTypes> => scripted({}, [once('pg1', 2, commit('cA', 1))], 16);
// #endregion

// #region proposer-change
/**
 * cA leads term 1 but cannot reach sk1, so commit 1 is flushed on sk2 and sk3 and acknowledged.
 * cA crashes; pg2 commits 2 at cB, which greets the safekeepers, asks for votes in term 2, and gets
 * sk1's vote first. Syncing from the majority, cB takes sk2's log (last_log_term 1, flush_lsn 1), so
 * commit 1 stays; taking the first voter's (sk1: empty), it leads term 2 without it.
 */
export function proposerChangeRun(syncFromMajority: boolean): ScriptedRun<NeonTypes> {
  return scripted({ syncFromMajority }, [once('pg1', 2, commit('cA', 1)), once('pg2', 8, commit('cB', 2))], 24, (run) => {
    run.at(1, (s) => s.partition(['cA'], ['sk1']));
    run.at(6, (s) => s.crash('cA'));
    run.at(6, (s) => s.heal());
  });
}
// #endregion

// #region one-flush
/** cA can reach only sk1. With commit_lsn counted from one safekeeper's flush, pg1 is told "committed" while one disk of three has it. */
export function oneFlushRun(quorumCommit: boolean): ScriptedRun<NeonTypes> {
  return scripted({ quorumCommit }, [once('pg1', 2, commit('cA', 1))], 12, (run) => {
    run.at(1, (s) => s.partition(['cA'], ['sk2', 'sk3']));
  });
}
// #endregion

// #region lower-term
/**
 * cB campaigns for term 2 while cA, leading term 1, still streams. pg1's commit reaches the
 * safekeepers after they voted for term 2 but before cB's ProposerElected. Refusing the lower term,
 * they tell cA it is superseded; accepting it, they flush commit 1 for cA, which acknowledges it, and
 * then truncate it away on cB's ProposerElected (cB counted their flush_lsn from the vote).
 */
export function lowerTermRun(refuseLowerTerm: boolean): ScriptedRun<NeonTypes> {
  return scripted({ refuseLowerTerm }, [once('pg2', 2, commit('cB', 2)), once('pg1', 5, commit('cA', 1))], 20);
}
// #endregion

export const normalCase = (): RunResult<NeonTypes> => simulate(normalCaseRun());
export const proposerChange = (sync: boolean): RunResult<NeonTypes> => simulate(proposerChangeRun(sync));
export const oneFlush = (quorum: boolean): RunResult<NeonTypes> => simulate(oneFlushRun(quorum));
export const lowerTerm = (refuse: boolean): RunResult<NeonTypes> => simulate(lowerTermRun(refuse));

// #region quiet
/**
 * The trace without its background noise, for diagrams: the pageserver's reads, an AppendRequest
 * that brings no WAL and no newer commit_lsn, an AppendResponse that repeats the last one, a second
 * ProposerElected or VoteRequest copy resent to the same node, and the same loss again (a cut link
 * drops the leader's resends every few ticks). Every other event stays, in order; the diagrams say
 * what they leave out.
 */
export function quiet(trace: Trace): Trace {
  const idle = new Set<number>();
  const commitAt = new Map<string, number>();
  const lastResponse = new Map<string, string>();
  const told = new Set<string>();
  for (const e of trace.events) {
    if (e.kind !== 'send') continue;
    const m = e.message as NeonMessage;
    const key = `${e.node}>${e.to}`;
    if (m.kind === 'read-wal' || (m.kind === 'wal' && m.records.length === 0)) idle.add(e.msgId);
    if (m.kind === 'append') {
      if (m.records.length === 0 && m.commitLsn <= (commitAt.get(key) ?? -1)) idle.add(e.msgId);
      commitAt.set(key, Math.max(commitAt.get(key) ?? -1, m.commitLsn));
    }
    if (m.kind === 'append-response') {
      const shown = `${m.term}/${m.flushLsn}/${m.commitLsn}`;
      if (lastResponse.get(key) === shown) idle.add(e.msgId);
      lastResponse.set(key, shown);
    }
    if (m.kind === 'elected' || m.kind === 'vote-request' || m.kind === 'greeting') {
      const once = `${key}:${m.kind}:${'term' in m ? m.term : ''}`;
      if (told.has(once)) idle.add(e.msgId);
      told.add(once);
    }
  }
  const dropped = new Set<string>();
  const events = trace.events.filter((e) => {
    if ((e.kind === 'send' || e.kind === 'deliver' || e.kind === 'drop' || e.kind === 'duplicate') && idle.has(e.msgId)) return false;
    if (e.kind === 'drop') {
      const key = `${e.from}>${e.node}:${e.label.split('(')[0]}:${e.reason}`;
      if (dropped.has(key)) return false;
      dropped.add(key);
    }
    return true;
  });
  return { ...trace, events };
}
// #endregion

const withoutStorage = ['pg1', 'pg2', 'cA', 'cB', 'sk1', 'sk2', 'sk3'];

export const scenarios: Scenarios = {
  /** One commit from the client to commit_lsn, then to the pageserver and object storage. */
  'normal-case': () => traceToMermaid(quiet(normalCase().trace), { linesMax: 60, nodes: ['pg1', 'cA', 'sk1', 'sk2', 'sk3', 'ps', 's3'] }),
  /** A new proposer syncs from the majority: commit 1 survives cA's crash. */
  'proposer-change': () => traceToMermaid(quiet(proposerChange(true).trace), { fromTick: 6, toTick: 16, linesMax: 60, nodes: withoutStorage }),
  /** Broken variant: the new proposer takes the first voter's log, and commit 1 is gone. */
  'skip-sync-from-majority': () => traceToMermaid(quiet(proposerChange(false).trace), { fromTick: 6, linesMax: 60, nodes: withoutStorage }),
  /** Broken variant: acknowledged at one safekeeper's flush. */
  'ack-on-one-flush': () => traceToMermaid(quiet(oneFlush(false).trace), { linesMax: 60, nodes: ['pg1', 'cA', 'sk1', 'sk2', 'sk3'] }),
  /** Broken variant: safekeepers take WAL from the lower term. */
  'accept-lower-term': () => traceToMermaid(quiet(lowerTerm(false).trace), { linesMax: 60, nodes: withoutStorage }),
};
