/**
 * Named runs of the VR model whose diagrams the VRR note can draw at build time
 * (```mermaid scenario="vr/view-change"```), so the pictures are what the model does. Two of them
 * switch off a rule of the paper and show what breaks.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult, type Simulator } from '../sim/index.ts';
import { vrInvariants } from './invariants.ts';
import { replica } from './replica.ts';
import { callArgs, replicaNames } from './run-vr.ts';
import { DEFAULT_CONFIG, type Operation, type VrConfig, type VrTypes } from './types.ts';

/** A client that makes exactly one call, at `startTick`, to `to`. */
function once(id: string, startTick: number, to: string, op: Operation): ClientSpec<VrTypes> {
  const call: Call<VrTypes> = {
    to,
    request: { client: id, requestNumber: 1, op },
    op: op.f,
    args: callArgs(op, 1),
    key: op.key,
    timeoutTicks: 40,
  };
  return { id, startTick, workload: ({ index }) => (index === 0 ? call : undefined) };
}

interface Script {
  readonly config?: Partial<VrConfig>;
  readonly clients: ReadonlyArray<ClientSpec<VrTypes>>;
  readonly ticks: number;
  readonly scenario?: (sim: Simulator<VrTypes>) => void;
  /** false: let the run go on past a broken invariant, to see what the clients see. */
  readonly invariants?: boolean;
}

/** Three replicas, every message delayed exactly one tick: the runs read like the paper's figures. */
function scripted(script: Script): RunResult<VrTypes> {
  return simulate<VrTypes>({
    model: replica,
    nodes: replicaNames(3),
    config: { ...DEFAULT_CONFIG, ...script.config },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [...script.clients],
    safetyTicks: script.ticks,
    ...(script.scenario ? { scenario: script.scenario } : {}),
    ...(script.invariants === false ? {} : { invariants: vrInvariants() }),
  });
}

/** VRR §4.1: c1's put is prepared at r2 and r3, commits with the first PrepareOK, and goes out in Commit. */
export const normalCase = () =>
  scripted({ clients: [once('c1', 1, 'r1', { f: 'put', key: 'x', value: 1 })], ticks: 9 });

/**
 * VRR §4.2: the primary r1 crashes before the PrepareOKs for put(x, 1) reach it. r2 and r3 change to
 * view 1; r2 takes the log that holds the put, commits it, answers c1, and serves c2's get(x).
 */
export const viewChange = () =>
  scripted({
    clients: [once('c1', 1, 'r1', { f: 'put', key: 'x', value: 1 }), once('c2', 40, 'r2', { f: 'get', key: 'x' })],
    ticks: 45,
    scenario: (sim) => sim.at(4, (s) => s.crash('r1')),
  });

/** VRR §4.3: r3 crashes, restarts with nothing in memory, and recovers from r1 (the primary) and r2. */
export const recovery = () =>
  scripted({
    clients: [once('c1', 1, 'r1', { f: 'put', key: 'x', value: 1 })],
    ticks: 16,
    scenario: (sim) => sim.at(6, (s) => s.crash('r3')).at(9, (s) => s.restart('r3')),
  });

// #region any-log-scenario
/**
 * The note's first example for the log-choice rule (VRR §4.2). r1, primary of view 0, commits put(x, 1)
 * with r3's PrepareOK while its messages to r2 are cut. r2 hears nothing, starts view 1 (whose primary
 * it is), and gets r3's DoViewChange with n = 1 besides its own with n = 0. By the rule it takes r3's
 * log; with `logChoice: 'own'` it keeps its empty one, and c2's get(x) in view 1 returns null.
 */
export const anyLog = (logChoice: VrConfig['logChoice'], invariants = true) =>
  scripted({
    config: { logChoice },
    clients: [once('c1', 1, 'r1', { f: 'put', key: 'x', value: 1 }), once('c2', 32, 'r2', { f: 'get', key: 'x' })],
    ticks: 36,
    invariants,
    scenario: (sim) => sim.partition(['r1'], ['r2'], { oneWay: true }).at(8, (s) => s.crash('r1')),
  });
// #endregion

// #region recovering-scenario
/**
 * Why a recovering replica stays silent (VRR §4.3). r1, primary of view 0, commits put(x, 1) with r2's
 * PrepareOK while its messages to r3 are cut. r2 crashes, then r1, and r2 restarts with nothing.
 * r2 must wait for a RecoveryResponse from a primary, which no one can send: view 1 cannot start
 * (two of three replicas are failed, more than f) and nothing is lost. With
 * `recoveringTakesPart`, r2 joins r3's view change with an empty log, becomes primary of view 1
 * without put(x, 1), and c2's get(x) returns null.
 */
export const recoveringTakesPart = (takesPart: boolean, invariants = true) =>
  scripted({
    config: { recoveringTakesPart: takesPart },
    clients: [once('c1', 1, 'r1', { f: 'put', key: 'x', value: 1 }), once('c2', 40, 'r2', { f: 'get', key: 'x' })],
    ticks: 46,
    invariants,
    scenario: (sim) =>
      sim
        .partition(['r1'], ['r3'], { oneWay: true })
        .at(7, (s) => s.crash('r2'))
        .at(9, (s) => s.crash('r1'))
        .at(10, (s) => s.restart('r2')),
  });
// #endregion

export const scenarios: Scenarios = {
  'normal-case': () => traceToMermaid(normalCase().trace),
  'view-change': () => traceToMermaid(viewChange().trace, { linesMax: 40 }),
  recovery: () => traceToMermaid(recovery().trace),
  /** Broken variant (a): the new primary keeps its own log; a committed put is lost. */
  'broken-any-log': () => traceToMermaid(anyLog('own').trace, { linesMax: 40 }),
  /** Broken variant (b): a restarted replica joins a view change with an empty log; a committed put is lost. */
  'broken-recovering-takes-part': () => traceToMermaid(recoveringTakesPart(true).trace, { linesMax: 50 }),
};
