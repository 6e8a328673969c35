/**
 * Runs the Neon model on the simulator: computes cA and cB (cA elected in term 1 when the timeline
 * is created), safekeepers sk1..sk3, the pageserver ps and object storage s3, with clients committing
 * unique values. Tests, the demo, the swarm suite and the scenarios run it through here.
 */
import { simulate, type ClientSpec, type FaultInjection, type NetworkFaults, type RunOptions, type RunResult } from '../sim/index.ts';
import { neonInvariants } from './invariants.ts';
import { neon } from './model.ts';
import type { NeonTypes } from './state.ts';
import type { NeonConfig, NeonResponse } from './types.ts';
import { LEADER_LOG_FAULTS, type FaultMix } from '../sim/fault-mixes.ts';

export const COMPUTES = ['cA', 'cB'] as const;
export const SAFEKEEPERS = ['sk1', 'sk2', 'sk3'] as const;
export const PAGESERVER = 'ps';
export const OBJECT_STORE = 's3';
export const NODES = [...COMPUTES, ...SAFEKEEPERS, PAGESERVER, OBJECT_STORE];

/** The correct model: votes compared by <last_log_term, flush_lsn> over the majority, majority commit, lower terms refused. */
export function neonConfig(overrides: Partial<NeonConfig> = {}): NeonConfig {
  return {
    computes: COMPUTES,
    safekeepers: SAFEKEEPERS,
    pageserver: PAGESERVER,
    objectStore: OBJECT_STORE,
    firstProposer: 'cA',
    syncFromMajority: true,
    quorumCommit: true,
    refuseLowerTerm: true,
    heartbeatTicks: 4,
    campaignTicks: 16,
    backoffTicks: 12,
    readTicks: 5,
    backupTicks: 6,
    ...overrides,
  };
}

/** A lossy, duplicating, reordering network with crashes and partitions: the demo's faulty run. */
export const FAULTY: FaultMix = LEADER_LOG_FAULTS;

export interface NeonRun {
  readonly seed: number;
  readonly config?: Partial<NeonConfig>;
  readonly clients?: number;
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  readonly scenario?: RunOptions<NeonTypes>['scenario'];
  readonly safetyTicks?: number;
}

const TIMEOUT_TICKS = 100;

/**
 * A Postgres client committing unique values (client × 1000 + index): to the compute that last
 * acknowledged it, else (first call, or after a timeout) to either compute. Pure in its context.
 */
export function committer(client: number, calls = Infinity): ClientSpec<NeonTypes>['workload'] {
  return ({ index, previous, rng }) => {
    if (index >= calls) return undefined;
    const value = client * 1000 + index;
    const last = previous?.returnTick !== undefined ? (previous.result as NeonResponse).by.split('.')[0] : undefined;
    const to = last ?? rng.pick(COMPUTES);
    return { to, request: { kind: 'commit', value }, op: 'commit', args: value, timeoutTicks: TIMEOUT_TICKS };
  };
}

export function neonRunOptions(run: NeonRun): RunOptions<NeonTypes> {
  const clients: ClientSpec<NeonTypes>[] = Array.from({ length: run.clients ?? 2 }, (_, i) => ({ id: `pg${i + 1}`, workload: committer(i + 1), thinkTicksMax: 4 }));
  return {
    model: neon,
    nodes: NODES,
    config: neonConfig(run.config),
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    scenario: run.scenario,
    clients,
    safetyTicks: run.safetyTicks ?? 200,
    invariants: neonInvariants(),
    liveness: {
      progress: 'a commit made after the network heals is acknowledged',
      holds: ({ history, settledTick }) => history.some((op) => settledTick !== undefined && op.invokeTick > settledTick && op.returnTick !== undefined),
      withinTicks: 250,
    },
  };
}

export function runNeon(run: NeonRun): RunResult<NeonTypes> {
  return simulate<NeonTypes>(neonRunOptions(run));
}
