/**
 * Runs the quorum register on the simulator with a seeded workload and checks what its clients saw
 * with the linearizability checker. Tests, the demo and the notes' diagrams all run it through here.
 */
import { answerOf, checkerOperation, simulate, type ClientOperation, type ClientSpec, type FaultInjection, type Invariant, type NetworkFaults, type RunResult, type Simulator } from '../sim/index.ts';
import { checkLinearizability, type CheckResult } from '../check/linearizability.ts';
import type { History } from '../check/history.ts';
import { registerModel, type RegisterInput } from '../check/models/register.ts';
import type { Scalar } from '../check/models/values.ts';
import { thresholds } from './quorum-system.ts';
import { register, type RegisterConfig, type RegisterTypes } from './register.ts';
import type { RunOptions } from '../sim/index.ts';

export interface RegisterRun {
  readonly seed: number;
  /** Dynamo's (N, R, W): N replicas, reads wait for R, writes for W. */
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly contact?: RegisterConfig['contact'];
  /** false: the broken variant whose reads skip the write-back. */
  readonly writeBack?: boolean;
  /** false: the broken variant whose writer and op ids restart after a crash. */
  readonly incarnation?: boolean;
  /** true: the broken variant whose coordinators run every copy of a duplicated request. */
  readonly rerunDuplicates?: boolean;
  readonly clients?: number;
  /** Operations per client (enough by default to keep clients busy into the liveness phase). */
  readonly operations?: number;
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  /** Faults of the run's own making (swarm testing: `swarmCrashes`). */
  readonly scenario?: ((sim: Simulator<RegisterTypes>) => void) | undefined;
  readonly safetyTicks?: number;
  /** A fixed sequence of operations per client instead of random ones (`['write', 'read']`). */
  readonly sequence?: ReadonlyArray<'read' | 'write'>;
}

/** A lossy, duplicating, reordering network with crashes and partitions: the safety phase of the suite. */
export const FAULTY: { network: Partial<NetworkFaults>; faults: FaultInjection } = {
  network: { delayTicksMin: 1, delayTicksMax: 8, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
  faults: {
    crash: { probabilityPerTick: 0.01, downTicksMin: 5, downTicksMax: 40 },
    partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 40, oneWayProbability: 0.3 },
  },
};

export const replicaNames = (n: number) => Array.from({ length: n }, (_, i) => `r${i + 1}`);

/** Each client writes its own distinct values and reads, at random replicas, with a timeout. */
function workload(client: number, operations: number, sequence?: RegisterRun['sequence']): ClientSpec<RegisterTypes>['workload'] {
  return ({ index, nodes, rng }) => {
    if (index >= (sequence?.length ?? operations)) return undefined;
    const to = rng.pick(nodes);
    const pick = rng.nextUint32();
    const read = sequence ? sequence[index] === 'read' : rng.chance(0.5);
    if (read) return { to, request: { kind: 'read', pick }, op: 'read', args: null, timeoutTicks: 60 };
    const value = client * 1000 + index + 1; // unique, so a stale read names the write it missed
    return { to, request: { kind: 'write', value, pick }, op: 'write', args: value, timeoutTicks: 60 };
  };
}

/** What every run checks after every step, besides the clients' history (checked for linearizability after the run). */
export function registerInvariants(): Record<string, Invariant<RegisterTypes>> {
  return {
    'replicas only hold values some client wrote': ({ nodes: views, history }) => {
      const written = new Set(history.filter((op) => op.op === 'write').map((op) => op.args));
      for (const view of views) {
        const value = view.up ? view.state.stored.value : null;
        if (value !== null && !written.has(value)) return `${view.id} holds ${value}, which no client wrote`;
      }
      return undefined;
    },
    // A version names one write: two disks holding different values under one version cannot both be right.
    'a version names one value': ({ nodes: views }) => {
      const seen = new Map<string, { value: number | null; id: string }>();
      for (const view of views) {
        const stored = view.durable?.stored;
        if (!stored || stored.version.counter === 0) continue;
        const key = `(${stored.version.counter}, ${stored.version.writer})`;
        const other = seen.get(key);
        if (other && other.value !== stored.value) return `version ${key} names ${other.value} on ${other.id} and ${stored.value} on ${view.id}`;
        seen.set(key, { value: stored.value, id: view.id });
      }
      return undefined;
    },
  };
}

export function runRegister(run: RegisterRun): RunResult<RegisterTypes> {
  return simulate<RegisterTypes>({ ...registerRunOptions(run), scenario: run.scenario });
}

/** runRegister's options without the run's own script: what the player's random-faults scenario plays. */
export function registerRunOptions(run: Omit<RegisterRun, 'scenario'>): Omit<RunOptions<RegisterTypes>, 'scenario'> {
  const nodes = replicaNames(run.n);
  const clients = Array.from({ length: run.clients ?? 3 }, (_, i) => ({
    id: `c${i + 1}`,
    workload: workload(i + 1, run.operations ?? 10_000, run.sequence),
    thinkTicksMax: 6,
  }));
  return {
    model: register,
    nodes,
    config: { system: thresholds(nodes, run.r, run.w), contact: run.contact ?? 'all', writeBack: run.writeBack ?? true, incarnation: run.incarnation ?? true, ...(run.rerunDuplicates ? { rerunDuplicates: true } : {}) },
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    clients,
    safetyTicks: run.safetyTicks ?? 400,
    invariants: registerInvariants(),
    // Once faults stop, every client must get answers again: one operation invoked after healing returns.
    ...(run.sequence ? {} : { liveness: {
      progress: 'every client completes an operation after the network heals',
      holds: ({ history, settledTick }) =>
        clients.every((c) => history.some((op) => op.client === c.id && settledTick !== undefined && op.invokeTick > settledTick && op.returnTick !== undefined)),
      withinTicks: 300,
    } }),
  };
}

/** The simulator's client history in the checker's terms. */
export function registerHistory(history: readonly ClientOperation[]): History<RegisterInput, Scalar> {
  return history.map((op) => {
    const input: RegisterInput = op.op === 'read' ? { f: 'read' } : { f: 'write', value: op.args as number };
    const output = op.result as { kind: string; value?: number | null } | undefined;
    return checkerOperation(op, input, answerOf<Scalar>(op, output?.kind === 'read-ok' ? (output.value ?? null) : undefined));
  });
}

export function checkRegister(result: RunResult<RegisterTypes>): CheckResult<Scalar, RegisterInput, Scalar> {
  return checkLinearizability(registerModel, registerHistory(result.history));
}
