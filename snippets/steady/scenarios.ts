/**
 * Scripted runs of the write-all model whose diagrams the note draws at build time
 * (```mermaid scenario="steady/reconfigure"```), so the pictures are what the model does. One tick
 * per message, so each run is the same whatever the seed.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type NodeId, type RunResult } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { steadyInvariants } from './invariants.ts';
import { steady, type SteadyTypes } from './model.ts';
import { nodesFor, steadyConfig, type SteadyRules } from './run-steady.ts';

/** A client that makes exactly one call, at `startTick`. */
function once(id: string, startTick: number, call: Call<SteadyTypes>): ClientSpec<SteadyTypes> {
  return { id, startTick, workload: ({ index }) => (index === 0 ? call : undefined) };
}
const append = (to: NodeId, value: number): Call<SteadyTypes> => ({ to, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: 30 });
/** One append, sent again after a timeout: the primary answers the copy from where the entry already is. */
function withRetry(id: string, startTick: number, to: NodeId, value: number, timeoutTicks: number): ClientSpec<SteadyTypes> {
  const call: Call<SteadyTypes> = { ...append(to, value), timeoutTicks };
  return { id, startTick, workload: ({ index }) => (index === 0 ? call : index === 1 ? { ...call, retry: true } : undefined) };
}
const reconfigure = (to: NodeId, remove?: NodeId): Call<SteadyTypes> => ({ to, request: { kind: 'reconfigure', remove }, op: 'reconfigure', args: remove ?? null, timeoutTicks: 60 });

function scripted(clients: ClientSpec<SteadyTypes>[], rules: SteadyRules, safetyTicks: number, scenario?: ScriptedRun<SteadyTypes>['scenario'], checkInvariants = true): ScriptedRun<SteadyTypes> {
  return {
    model: steady,
    nodes: nodesFor(1),
    config: steadyConfig(1, rules),
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients,
    safetyTicks,
    ...(checkInvariants ? { invariants: steadyInvariants() } : {}),
    ...(scenario ? { scenario } : {}),
  };
}

/** The steady state alone: r1 appends, r2 stores, r1 acknowledges once both hold the entry. */
export const steadyStateRun = (): ScriptedRun<SteadyTypes> => scripted([once('c1', 1, append('r1', 1)), once('c2', 6, append('r1', 2))], {}, 14);

// #region replace-backup
/**
 * Backup r2 crashes, and c1's append 2 waits at r1: the steady state does not recover by itself. The
 * operator asks k1 to reconfigure without r2: k1 reads epoch 1 from the store, seals r1 and r2 (r2 is
 * down; r1's seal is enough), prepares r1 and the spare r3 with r1's log, installs epoch 2 = [r1, r3]
 * with compare-and-set, and activates r1. The seal ended r1's wait; c1 sends 2 again, and r1, whose
 * epoch 2 started from its whole log, answers it from position 1.
 */
export const replaceBackupRun = (): ScriptedRun<SteadyTypes> =>
  scripted([once('c0', 1, append('r1', 1)), withRetry('c1', 8, 'r1', 2, 16), once('admin', 12, reconfigure('k1', 'r2'))], {}, 40, (run) => {
    run.at(6, (s) => s.crash('r2'));
  });
// #endregion

// #region stale-primary
/**
 * The primary r1 loses touch with the controller, and the operator replaces it: k1 seals epoch 1 on
 * r2, starts epoch 2 = [r2, r3] from r2's log and installs it. c2's append 2 still reaches r1, which
 * appends and sends it to r2. With the seal, r2 refuses: r1 acknowledges nothing and stops. Without
 * it (`seal: false`), k1 only read r2's tail; r2 takes 2, r1 acknowledges it, and then k1's prepare
 * replaces r2's log with the tail it read: epoch 2 starts without the acknowledged 2.
 */
export const stalePrimaryRun = (rules: SteadyRules = {}, checkInvariants = true): ScriptedRun<SteadyTypes> =>
  scripted([once('c1', 1, append('r1', 1)), once('admin', 8, reconfigure('k1', 'r1')), once('c2', 11, append('r1', 2))], rules, 30, (run) => {
    run.at(7, (s) => s.partition(['k1'], ['r1']));
  }, checkInvariants);
// #endregion

// #region ack-early
/**
 * The broken variant that acknowledges before every replica holds an entry (`waitForAll: false`):
 * r1 is cut off from r2, takes c1's append 1, and acknowledges it alone. Then r1 crashes, and the
 * operator replaces it: k1 seals r2, whose log is empty, and epoch 2 starts from nothing. One crash,
 * and an acknowledged append is gone. With write-all, 1 is never acknowledged.
 */
export const ackEarlyRun = (rules: SteadyRules = {}, checkInvariants = true): ScriptedRun<SteadyTypes> =>
  scripted([once('c1', 2, append('r1', 1)), once('admin', 10, reconfigure('k1', 'r1'))], rules, 40, (run) => {
    run.at(1, (s) => s.partition(['r1'], ['r2']));
    run.at(8, (s) => s.crash('r1'));
  }, checkInvariants);
// #endregion

/** Two operators reconfigure epoch 1 at once, through k1 and k2: both seal and prepare, one compare-and-set wins. */
export const racingRun = (): ScriptedRun<SteadyTypes> =>
  scripted([once('c1', 1, append('r1', 1)), once('admin1', 8, reconfigure('k1', 'r2')), once('admin2', 8, reconfigure('k2', 'r1')), once('c2', 30, append('r1', 2))], {}, 50);

export const steadyState = (): RunResult<SteadyTypes> => simulate(steadyStateRun());
export const replaceBackup = (): RunResult<SteadyTypes> => simulate(replaceBackupRun());
export const stalePrimary = (rules: SteadyRules = {}, checkInvariants = true): RunResult<SteadyTypes> => simulate(stalePrimaryRun(rules, checkInvariants));
export const ackEarly = (rules: SteadyRules = {}, checkInvariants = true): RunResult<SteadyTypes> => simulate(ackEarlyRun(rules, checkInvariants));
export const racing = (): RunResult<SteadyTypes> => simulate(racingRun());

const lanes = (clients: readonly string[], idle: readonly string[] = []) => [...clients, ...nodesFor(1).filter((n) => !idle.includes(n))];

export const scenarios: Scenarios = {
  /** The failure-free path: one round trip from the primary to its one backup per append. */
  'steady-state': () => traceToMermaid(steadyState().trace, { linesMax: 40, nodes: lanes(['c1', 'c2'], ['cfg', 'k1', 'k2', 'r3']) }),
  /** A backup fails; the controller seals, prepares a spare, installs epoch 2, and the stuck append completes. */
  reconfigure: () => traceToMermaid(replaceBackup().trace, { fromTick: 6, linesMax: 60, nodes: lanes(['c1', 'admin'], ['k2']) }),
  /** A stale primary meets the seal: it appends, its backup refuses, nothing is acknowledged. */
  'stale-primary': () => traceToMermaid(stalePrimary().trace, { fromTick: 8, linesMax: 60, nodes: lanes(['admin', 'c2'], ['k2']) }),
  /** Broken variant, reconfigure without sealing: the stale primary acknowledges 2, and epoch 2 starts without it. */
  // Without the checks, so the run goes on past the first broken rule to the acknowledged append that epoch 2 lacks.
  'no-seal': () => traceToMermaid(stalePrimary({ seal: false }, false).trace, { fromTick: 8, linesMax: 60, nodes: lanes(['admin', 'c2'], ['k2']) }),
  /** Broken variant, acknowledge before every replica holds the entry: one crash loses it. */
  'ack-before-all-replicas': () => traceToMermaid(ackEarly({ waitForAll: false }, false).trace, { linesMax: 60, nodes: lanes(['c1', 'admin'], ['k2']) }),
  /** Two reconfigurations of epoch 1 race; the store's compare-and-set lets one win. */
  'racing-reconfigurations': () => traceToMermaid(racing().trace, { fromTick: 8, linesMax: 70, nodes: lanes(['admin1', 'admin2', 'c2']) }),
};
