/**
 * Runs a VR group on the simulator with VR clients (client-id, request-numbers, retries with the same
 * number), faults, invariants after every step and a liveness phase; and turns the client history into
 * the kv checker's. Tests, the demo and the scenarios all run it through here.
 */
import { answerOf, checkerOperation, Rng, simulate, type ClientOperation, type ClientSpec, type FaultInjection, type NetworkFaults, type RunResult, type Simulator } from '../sim/index.ts';
import { checkLinearizability, type CheckResult } from '../check/linearizability.ts';
import type { History } from '../check/history.ts';
import { kvModel, type KvInput, type KvOutput } from '../check/models/kv.ts';
import type { Scalar } from '../check/models/values.ts';
import { vrFields } from './fields.ts';
import { vrInvariants } from './invariants.ts';
import { replica } from './replica.ts';
import { DEFAULT_CONFIG, type Operation, type VrConfig, type VrResponse, type VrTypes } from './types.ts';

export interface VrRun {
  readonly seed: number;
  /** 2f + 1 replicas (default 3). */
  readonly n?: number;
  readonly config?: Partial<VrConfig>;
  readonly clients?: number;
  readonly operations?: number;
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  /** Crash a replica with this probability per tick (at most f not normal at once); it restarts empty. */
  readonly crashProbability?: number;
  /** Faults of the run's own making instead of `crashProbability`'s crashes (swarm testing: `swarmCrashes`). */
  readonly scenario?: ((sim: Simulator<VrTypes>) => void) | undefined;
  readonly safetyTicks?: number;
  readonly livenessTicks?: number;
}

/** Loss, duplication, reordering through random delays, and partitions; crashes come from `crashProbability`. */
export const FAULTY: { network: Partial<NetworkFaults>; faults: FaultInjection; crashProbability: number } = {
  network: { delayTicksMin: 1, delayTicksMax: 6, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
  faults: { partition: { probabilityPerTick: 0.01, durationTicksMin: 5, durationTicksMax: 40, oneWayProbability: 0.3 } },
  crashProbability: 0.01,
};

export const replicaNames = (n: number) => Array.from({ length: n }, (_, i) => `r${i + 1}`);

/**
 * How a call reads in the history and traces: `put(x, 7, s=2)`, `get(x, s=3)`: the key, the value, and
 * the request-number the client gave it.
 */
export type VrArgs = readonly [key: string, value: number, s: string] | readonly [key: string, s: string];

export function callArgs(op: Operation, requestNumber: number): VrArgs {
  const s = vrFields.show({ s: requestNumber });
  return op.f === 'put' ? [op.key, op.value, s] : [op.key, s];
}

const requestNumberOf = (args: VrArgs): number => Number(args[args.length - 1]!.toString().slice(2));

// #region client
/**
 * A VR client (VRR §4): one request at a time, numbered; it sends to the primary of the latest view it
 * heard of, and after a timeout sends the same request, with the same number, to the next replica.
 */
export function vrClient(client: string, index: number, operations: number): ClientSpec<VrTypes>['workload'] {
  let requestNumber = 0;
  let op: Operation | undefined;
  let target = 0;
  return ({ previous, nodes, rng }) => {
    const retry = previous !== undefined && previous.returnTick === undefined && op !== undefined;
    if (retry) {
      target = (target + 1) % nodes.length; // timed out: same request, next replica
    } else {
      if (previous?.returnTick !== undefined) target = (previous.result as VrResponse).view % nodes.length;
      if (requestNumber >= operations) return undefined;
      requestNumber++;
      const key = rng.pick(['x', 'y']);
      op = rng.chance(0.5) ? { f: 'get', key } : { f: 'put', key, value: index * 1000 + requestNumber };
    }
    const asked: Operation = op!; // set on the first call; a retry only follows one
    return { to: nodes[target]!, request: { client, requestNumber, op: asked }, op: asked.f, args: callArgs(asked, requestNumber), key: asked.key, timeoutTicks: 30, retry };
  };
}
// #endregion

/**
 * Crashes drawn from the run's seed: a normal replica crashes only while fewer than f replicas are down
 * or not normal, since VR counts a recovering replica as failed and is live only with f + 1 normal
 * ones (§8.2); it restarts with an empty memory after 5–40 ticks.
 */
function crashes(seed: number, probability: number, ticks: number) {
  const rng = new Rng(seed).split('vr-crashes');
  return (sim: Simulator<VrTypes>) => {
    for (let t = 1; t <= ticks; t++) {
      if (!rng.chance(probability)) continue;
      const victim = rng.int(0, 1000);
      const down = rng.int(5, 40);
      sim.at(t, (s) => {
        const nodes = s.view().nodes;
        const normal = nodes.filter((n) => n.up && n.state.status === 'normal');
        if (nodes.length - normal.length >= Math.floor((nodes.length - 1) / 2)) return;
        const node = normal[victim % normal.length]!.id;
        s.crash(node);
        s.at(t + down, (later) => {
          if (!later.view().nodes.find((n) => n.id === node)!.up) later.restart(node);
        });
      });
    }
  };
}

export function runVr(run: VrRun): RunResult<VrTypes> {
  const nodes = replicaNames(run.n ?? 3);
  const safetyTicks = run.safetyTicks ?? 200;
  const clients = Array.from({ length: run.clients ?? 2 }, (_, i) => ({
    id: `c${i + 1}`,
    workload: vrClient(`c${i + 1}`, i + 1, run.operations ?? 1000),
    thinkTicksMax: 4,
  }));
  return simulate<VrTypes>({
    model: replica,
    nodes,
    config: { ...DEFAULT_CONFIG, ...run.config },
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    scenario: run.scenario ?? (run.crashProbability ? crashes(run.seed, run.crashProbability, safetyTicks) : undefined),
    clients,
    safetyTicks,
    invariants: vrInvariants(),
    liveness: {
      progress: 'after healing, the replicas agree on a view and every client gets a reply',
      holds: ({ nodes: views, history, settledTick }) => {
        const settled = settledTick ?? Infinity;
        const normal = views.every((v) => v.up && v.state.status === 'normal' && v.state.view === views[0]!.state?.view);
        return normal && clients.every((c) => history.some((op) => op.client === c.id && op.invokeTick > settled && op.returnTick !== undefined));
      },
      withinTicks: run.livenessTicks ?? 300,
    },
  });
}

// #region history
/**
 * The simulator's history in the kv checker's terms. Retries of one request (same client, same
 * request-number) are one operation: called at the first attempt, returned at the reply, if any.
 */
export function vrHistory(history: readonly ClientOperation[]): History<KvInput, KvOutput> {
  const byRequest = new Map<string, ClientOperation[]>();
  for (const op of history) {
    const id = `${op.client}#${requestNumberOf(op.args as VrArgs)}`;
    byRequest.set(id, [...(byRequest.get(id) ?? []), op]);
  }
  return [...byRequest.values()].map((attempts) => {
    const first = attempts[0]!;
    const args = first.args as VrArgs;
    const input: KvInput = args.length === 2 ? { f: 'get', key: args[0] } : { f: 'put', key: args[0], value: args[1] };
    const answered = attempts.find((a) => a.returnTick !== undefined);
    const output = (a: ClientOperation): Scalar => (first.op === 'get' ? (a.result as VrResponse).result : null);
    return checkerOperation(first, input, answered && answerOf(answered, output(answered)));
  });
}
// #endregion

export function checkVr(result: RunResult<VrTypes>): CheckResult<Scalar, KvInput, KvOutput> {
  return checkLinearizability(kvModel, vrHistory(result.history));
}
