/**
 * Named runs of the VR model whose diagrams the VRR note can draw at build time
 * (```mermaid scenario="vr/view-change"```), so the pictures are what the model does. Two of them
 * switch off a rule of the paper and show what breaks.
 */
import type { Scenarios } from '../demo.ts';
import type { ScenarioControls } from '../play/descriptor.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type NetworkFaults, type NodeId, type RunResult, type Simulator } from '../sim/index.ts';
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
  readonly scenario?: ((sim: Simulator<VrTypes>) => void) | undefined;
  /** false: let the run go on past a broken invariant, to see what the clients see. */
  readonly invariants?: boolean;
}

/** Three replicas, every message delayed exactly one tick: the runs read like the paper's figures. */
export const SCRIPTED: { readonly nodes: readonly NodeId[]; readonly network: Partial<NetworkFaults>; readonly seed: number } = {
  nodes: replicaNames(3),
  network: { delayTicksMin: 1, delayTicksMax: 1 },
  seed: 1,
};

function scripted(script: Script): RunResult<VrTypes> {
  return simulate<VrTypes>({
    model: replica,
    nodes: SCRIPTED.nodes,
    config: { ...DEFAULT_CONFIG, ...script.config },
    seed: SCRIPTED.seed,
    network: SCRIPTED.network,
    clients: [...script.clients],
    safetyTicks: script.ticks,
    scenario: script.scenario,
    ...(script.invariants === false ? {} : { invariants: vrInvariants() }),
  });
}

/**
 * A scripted run's clients, length and faults, written once for the note's diagrams (below) and the
 * browser player (play.ts), which runs them with the reader's clicks on top. `scenario` takes the
 * Simulator's calls (ScenarioControls is the part of its API both drivers offer).
 */
export interface VrScript {
  clients(): ReadonlyArray<ClientSpec<VrTypes>>;
  readonly ticks: number;
  readonly scenario?: ((run: ScenarioControls<VrTypes>) => void) | undefined;
}

const put = (key: string, value: number): Operation => ({ f: 'put', key, value });
const get = (key: string): Operation => ({ f: 'get', key });

export const vrScripts = {
  /** VRR §4.1: c1's put is prepared at r2 and r3, commits with the first PrepareOK, and goes out in Commit. */
  normalCase: { clients: () => [once('c1', 1, 'r1', put('x', 1))], ticks: 9 },
  /**
   * VRR §4.2: the primary r1 crashes before the PrepareOKs for put(x, 1) reach it. r2 and r3 change to
   * view 1; r2 takes the log that holds the put, commits it, answers c1, and serves c2's get(x).
   */
  viewChange: {
    clients: () => [once('c1', 1, 'r1', put('x', 1)), once('c2', 40, 'r2', get('x'))],
    ticks: 45,
    scenario: (sim) => void sim.at(4, (s) => s.crash('r1')),
  },
  /** VRR §4.3: r3 crashes, restarts with nothing in memory, and recovers from r1 (the primary) and r2. */
  recovery: {
    clients: () => [once('c1', 1, 'r1', put('x', 1))],
    ticks: 16,
    scenario: (sim) => void sim.at(6, (s) => s.crash('r3')).at(9, (s) => s.restart('r3')),
  },
  /** anyLog below, with the log choice the run's config makes. */
  anyLog: {
    clients: () => [once('c1', 1, 'r1', put('x', 1)), once('c2', 32, 'r2', get('x'))],
    ticks: 36,
    scenario: (sim) => void sim.partition(['r1'], ['r2'], { oneWay: true }).at(8, (s) => s.crash('r1')),
  },
  /** recoveringTakesPart below, with the rule the run's config sets. */
  recovering: {
    clients: () => [once('c1', 1, 'r1', put('x', 1)), once('c2', 40, 'r2', get('x'))],
    ticks: 46,
    scenario: (sim) =>
      void sim
        .partition(['r1'], ['r3'], { oneWay: true })
        .at(7, (s) => s.crash('r2'))
        .at(9, (s) => s.crash('r1'))
        .at(10, (s) => s.restart('r2')),
  },
} satisfies Record<string, VrScript>;

function run(script: VrScript, extra: Omit<Script, 'clients' | 'ticks' | 'scenario'> = {}): RunResult<VrTypes> {
  return scripted({ clients: script.clients(), ticks: script.ticks, scenario: script.scenario, ...extra });
}

export const normalCase = () => run(vrScripts.normalCase);

export const viewChange = () => run(vrScripts.viewChange);

export const recovery = () => run(vrScripts.recovery);

// #region any-log-scenario
/**
 * The note's first example for the log-choice rule (VRR §4.2). r1, primary of view 0, commits put(x, 1)
 * with r3's PrepareOK while its messages to r2 are cut. r2 hears nothing, starts view 1 (whose primary
 * it is), and gets r3's DoViewChange with n = 1 besides its own with n = 0. By the rule it takes r3's
 * log; with `logChoice: 'own'` it keeps its empty one, and c2's get(x) in view 1 returns null.
 */
export const anyLog = (logChoice: VrConfig['logChoice'], invariants = true) => run(vrScripts.anyLog, { config: { logChoice }, invariants });
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
  run(vrScripts.recovering, { config: { recoveringTakesPart: takesPart }, invariants });
// #endregion

// #region state-transfer-scenario
/**
 * The state-transfer defect of VRR §5.2 as worded (issue 29; Vanlightly's TLA+ analysis, 2022). r1,
 * primary of view 0, commits put(x, 1) with r2's PrepareOK and answers c1; r3 holds the put
 * uncommitted, since r1's Commits no longer reach it, and r1 and r2 are cut apart. r2 starts view 1
 * with r3's DoViewChange, but its StartView to r3 is lost. r2 resends Prepare(v=1), which tells r3 it
 * is behind, and crashes before r3's GetState arrives. With `claim-view-at-once`, r3 has cut its log
 * to its commit-number (0) and says v′ = 1; in the view-2 change its empty log beats r1's (v′ = 0,
 * n = 1) and the committed put is gone. With the fix r3 still says v′ = 0 with the put in its log, and
 * c2's get(x) in view 2 returns 1. `config` picks the variant.
 */
export const stateTransfer = (config: Partial<VrConfig>, invariants = true) =>
  scripted({
    // Commit every 10 idle ticks rather than 5, so fewer lost heartbeats crowd the diagram.
    config: { heartbeat: 10, ...config },
    clients: [once('c1', 1, 'r1', { f: 'put', key: 'x', value: 1 }), once('c2', 53, 'r3', { f: 'get', key: 'x' })],
    ticks: 57,
    invariants,
    scenario: (sim) =>
      sim
        .at(5, (s) => s.partition(['r1'], ['r2']).partition(['r1'], ['r3'], { oneWay: true }))
        .at(28, (s) => s.partition(['r2'], ['r3'], { oneWay: true }))
        .at(29, (s) => s.heal().partition(['r1'], ['r2']))
        .at(39, (s) => s.crash('r2')),
  });
// #endregion

// #region start-view-change-scenario
/**
 * Why DoViewChange waits for a StartViewChange round (VRR §8.2, the paper's own example). r3 hears
 * nothing from r1, starts view 1, and what it sends then is delayed 15 ticks; r3 crashes, recovers in
 * view 0 from r1 and r2, and helps r1 commit put(x, 1), whose Prepare never reaches r2. Correctly, r3
 * sent only StartViewChange, and the view-1 change that it finally sets off collects r3's new log. With
 * `startViewChangeRound: false`, r3 had sent its empty log in a DoViewChange at once: it reaches r2
 * after the put committed, and r2 starts view 1 from two logs without it.
 */
export const startViewChangeRound = (config: Partial<VrConfig>, invariants = true) =>
  scripted({
    config,
    clients: [once('c1', 33, 'r1', { f: 'put', key: 'x', value: 1 }), once('c2', 50, 'r2', { f: 'get', key: 'x' })],
    ticks: 56,
    invariants,
    scenario: (sim) =>
      sim
        .partition(['r1'], ['r3'], { oneWay: true })
        .at(28, (s) => s.setNetworkFaults({ delayTicksMin: 15, delayTicksMax: 15 }))
        .at(29, (s) => s.setNetworkFaults({ delayTicksMin: 1, delayTicksMax: 1 }).heal().crash('r3'))
        .at(30, (s) => s.restart('r3'))
        .at(33, (s) => s.partition(['r1'], ['r2'], { oneWay: true })),
  });
// #endregion

// #region recovery-scenario
/**
 * What a recovering replica must collect (VRR §4.3 step 3). r1, primary of view 0, is cut off; r2 and
 * r3 move to view 1 and commit put(x, 1). r3 crashes and restarts; r1 (still primary of view 0 in its
 * own eyes) answers its Recovery, and r2's answer is lost (`r2Answers: false`) or comes second, after
 * which r2 falls silent for r3. By the
 * rule r3 waits for f + 1 answers and copies the primary of the latest view, r2. With
 * `recoveryQuorum: 'one'` or `recoverFrom: 'any-primary'` it copies r1's empty log into view 0 and
 * helps r1 commit put(x, 2) at op-number 1, where put(x, 1) is already committed.
 */
export const recoveryAnswers = (config: Partial<VrConfig>, r2Answers: boolean, invariants = true) =>
  scripted({
    config,
    clients: [once('c1', 30, 'r2', { f: 'put', key: 'x', value: 1 }), once('c2', 42, 'r1', { f: 'put', key: 'x', value: 2 })],
    ticks: 50,
    invariants,
    scenario: (sim) => {
      sim.partition(['r1'], ['r2', 'r3']).at(35, (s) => s.crash('r3'));
      sim.at(36, (s) => {
        s.heal().partition(['r1'], ['r2']).restart('r3');
        if (!r2Answers) s.partition(['r2'], ['r3'], { oneWay: true });
      });
      // r2 falls silent for r3 after answering, so only the put's Prepare from r1 can reach r3.
      if (r2Answers) sim.at(39, (s) => s.partition(['r2'], ['r3'], { oneWay: true }));
    },
  });
// #endregion

// #region new-view-commit-scenario
/**
 * How fast a new view commits what the old one left (VRR §4.2 steps 3 and 5). r1 commits put(x, 1)
 * with the PrepareOKs of r2 and r3 and crashes; only r3 heard its Commit when `r3KnowsCommit`. r2
 * starts view 1. With the rules, it takes the largest k (r3's) and executes the put at once, or, if
 * nobody knew it committed, r3's PrepareOK after StartView commits it one round trip later. The slower
 * variants wait for a round of PrepareOKs, or for r2 to resend the Prepare: later, never lost.
 */
export const commitAfterViewChange = (config: Partial<VrConfig>, r3KnowsCommit: boolean) =>
  scripted({
    config,
    clients: [once('c1', 1, 'r1', { f: 'put', key: 'x', value: 1 })],
    ticks: 45,
    scenario: (sim) =>
      sim.at(5, (s) => s.partition(['r1'], r3KnowsCommit ? ['r2'] : ['r2', 'r3'], { oneWay: true })).at(8, (s) => s.crash('r1')),
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
  /** §5.2 as worded (issue 29 §1): r3 claims view 1 with its log cut to k before NewState; view 2 starts from that empty log. */
  'broken-state-transfer': () => traceToMermaid(stateTransfer({ stateTransfer: 'claim-view-at-once' }).trace, { linesMax: 60 }),
  /** The fix, from r2's Prepare(v=1) on: r3 waits for NewState with v′ = 0 and the put, and view 2 keeps it. */
  'state-transfer-fixed': () => traceToMermaid(stateTransfer({}).trace, { fromTick: 37, linesMax: 40 }),
};
