/**
 * Runs the write-all model on the simulator: a configuration store `cfg`, controllers k1 and k2, and
 * a pool of f + 2 replicas (epoch 1 uses the first f + 1; one spare). Clients append through the
 * primary they believe in; an operator asks a random controller to reconfigure, now and then naming
 * a replica to leave out. Tests, the demo, the swarm suite and the scenarios all run it through here.
 */
import { simulate, type ClientSpec, type FaultInjection, type NetworkFaults, type NodeId, type RunOptions, type RunResult, type WorkloadContext } from '../sim/index.ts';
import { steadyInvariants } from './invariants.ts';
import { steady, type SteadyTypes } from './model.ts';
import type { Configuration, SteadyConfig, SteadyResponse } from './types.ts';

export const STORE = 'cfg';
export const CONTROLLERS = ['k1', 'k2'] as const;
export const pool = (f: number): NodeId[] => Array.from({ length: f + 2 }, (_, i) => `r${i + 1}`);
export const nodesFor = (f: number): NodeId[] => [STORE, ...CONTROLLERS, ...pool(f)];

/** The rules the broken variants turn off, by name. */
export type SteadyRules = Partial<Pick<SteadyConfig, 'waitForAll' | 'seal'>>;

export function steadyConfig(f = 1, rules: SteadyRules = {}, slow?: SteadyConfig['slow']): SteadyConfig {
  const replicas = pool(f).slice(0, f + 1);
  const initial: Configuration = { epoch: 1, primary: replicas[0]!, replicas, start: 0, writer: 'init' };
  return { store: STORE, pool: pool(f), controllers: [...CONTROLLERS], f, initial, waitForAll: true, seal: true, retryTicks: 8, opTicksMax: 120, ...rules, ...(slow ? { slow } : {}) };
}

export interface SteadyRun {
  readonly seed: number;
  readonly f?: number;
  readonly rules?: SteadyRules;
  readonly clients?: number;
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  readonly scenario?: RunOptions<SteadyTypes>['scenario'];
  readonly safetyTicks?: number;
  /** Most ticks between the operator's reconfigurations. */
  readonly reconfigureEveryTicks?: number;
}

/** A lossy, duplicating, reordering network with crashes and partitions: the demo's safety phase. */
export const FAULTY: { network: Partial<NetworkFaults>; faults: FaultInjection } = {
  network: { delayTicksMin: 1, delayTicksMax: 5, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
  faults: {
    crash: { probabilityPerTick: 0.01, downTicksMin: 3, downTicksMax: 25 },
    partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 30, oneWayProbability: 0.3 },
  },
};

const TIMEOUT_TICKS = 40;

// #region client
/** Appends of unique values (client × 1000 + index) to the primary it last heard of; after a timeout, to any replica. */
export function appendWorkload(client: number, replicas: readonly NodeId[]): ClientSpec<SteadyTypes>['workload'] {
  let target: NodeId = replicas[0]!;
  return ({ index, previous, rng }: WorkloadContext) => {
    const r = previous?.result as SteadyResponse | undefined;
    if (previous && previous.returnTick === undefined) target = rng.pick(replicas);
    else if (r?.kind === 'not-primary') target = r.primary && r.primary !== target ? r.primary : rng.pick(replicas);
    const value = client * 1000 + index;
    return { to: target, request: { kind: 'append', value }, op: 'append', args: value, timeoutTicks: TIMEOUT_TICKS };
  };
}
// #endregion

/** The operator: reconfigure through a random controller, leaving out a random replica half the time. */
function operator(replicas: readonly NodeId[]): ClientSpec<SteadyTypes>['workload'] {
  return ({ rng }) => {
    const remove = rng.chance(0.5) ? rng.pick(replicas) : undefined;
    return { to: rng.pick(CONTROLLERS), request: { kind: 'reconfigure', remove }, op: 'reconfigure', args: remove ?? null, timeoutTicks: 150 };
  };
}

const appended = (r: unknown) => (r as SteadyResponse | undefined)?.kind === 'appended';

/** runSteady's options: what the player's random-faults scenario plays. */
export function steadyRunOptions(run: SteadyRun): RunOptions<SteadyTypes> {
  const f = run.f ?? 1;
  const replicas = pool(f);
  const clients: ClientSpec<SteadyTypes>[] = Array.from({ length: run.clients ?? 2 }, (_, i) => ({ id: `c${i + 1}`, workload: appendWorkload(i + 1, replicas), thinkTicksMax: 3 }));
  clients.push({ id: 'admin', workload: operator(replicas), startTick: 10, thinkTicksMax: run.reconfigureEveryTicks ?? 40 });
  return {
    model: steady,
    nodes: nodesFor(f),
    config: steadyConfig(f, run.rules),
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    scenario: run.scenario,
    clients,
    safetyTicks: run.safetyTicks ?? 150,
    invariants: steadyInvariants(),
    liveness: {
      progress: 'every client has an append acknowledged after the network heals',
      holds: ({ history, settledTick }) =>
        clients.filter((c) => c.id !== 'admin').every((c) => history.some((op) => op.client === c.id && settledTick !== undefined && op.invokeTick > settledTick && op.returnTick !== undefined && appended(op.result))),
      withinTicks: 400,
    },
  };
}

export const runSteady = (run: SteadyRun): RunResult<SteadyTypes> => simulate<SteadyTypes>(steadyRunOptions(run));
