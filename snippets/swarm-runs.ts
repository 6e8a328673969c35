/**
 * Each model's run under swarm testing (sim/swarm.ts): the seed draws the run's fault profile, and the
 * model's own runner runs with it. The random suites in tests/snippets/ and the measurement in
 * docs/random-search.md (`npm run random-search`) run the models through here.
 */
import type { ModelTypes, NodeId } from './sim/types.ts';
import type { RunResult } from './sim/run.ts';
import { drawFaultProfile, swarmCrashes, type FaultProfile } from './sim/swarm.ts';
import { checkDelos, NODES as DELOS_NODES, runDelos, type DelosRun } from './delos/run-delos.ts';
import type { DelosTypes } from './delos/model.ts';
import { nodeNames, runDynamo, type DynamoRun } from './dynamo/run-dynamo.ts';
import type { DynamoConfig, DynamoTypes } from './dynamo/types.ts';
import { checkRegister, replicaNames as registerNames, runRegister, type RegisterRun } from './quorums/run-register.ts';
import type { RegisterTypes } from './quorums/register.ts';
import { checkVr, replicaNames as vrNames, runVr, type VrRun } from './vr/run-vr.ts';
import type { VrConfig, VrTypes } from './vr/types.ts';
import { nodesFor as steadyNodes, runSteady, STORE as STEADY_STORE, type SteadyRules, type SteadyRun } from './steady/run-steady.ts';
import type { SteadyTypes } from './steady/model.ts';

/**
 * The simulator options a profile sets: the network; partitions, and with `cutSteps` crashes inside a
 * step, through the fault injector (its own crash coin stays at 0: `swarmCrashes` makes the others).
 */
function faultOptions(profile: FaultProfile, cutSteps: boolean) {
  const { crash, partition } = profile;
  const between = cutSteps && crash && crash.betweenEffects > 0
    ? { crash: { probabilityPerTick: 0, downTicksMin: crash.downTicksMin, downTicksMax: crash.downTicksMax, betweenEffectsProbability: crash.betweenEffects } }
    : {};
  const faults = { ...(partition ? { partition } : {}), ...between };
  return { network: profile.network, ...(Object.keys(faults).length > 0 ? { faults } : {}) };
}

type Swarmed<R> = Omit<R, 'seed' | 'network' | 'faults' | 'scenario' | 'crashProbability'>;

/**
 * VR without a disk counts a recovering replica as failed (VRR §8.2): a replica may crash only while
 * it is normal and fewer than f replicas are down or not normal, as `runVr`'s own crashes do.
 */
export function swarmVr(seed: number, run: Swarmed<VrRun> = {}): { profile: FaultProfile; result: RunResult<VrTypes> } {
  const nodes: NodeId[] = vrNames(run.n ?? 3);
  const profile = drawFaultProfile(seed, nodes, run.clients ?? 2);
  const f = Math.floor((nodes.length - 1) / 2);
  const scenario = profile.crash
    ? swarmCrashes<VrTypes>(seed, profile.crash, {
        untilTick: run.safetyTicks ?? 200,
        canCrash: (view, node) => {
          const normal = view.nodes.filter((n) => n.up && n.state.status === 'normal');
          return nodes.length - normal.length < f && normal.some((n) => n.id === node);
        },
      })
    : undefined;
  return { profile, result: runVr({ ...run, seed, clients: profile.clients, ...faultOptions(profile, false), ...(scenario ? { scenario } : {}) }) };
}

export function swarmDynamo(seed: number, run: Swarmed<DynamoRun> = {}): { profile: FaultProfile; result: RunResult<DynamoTypes> } {
  const profile = drawFaultProfile(seed, nodeNames(run.nodes ?? 5), run.clients ?? 3);
  const untilTick = run.safetyTicks ?? 150;
  const scenario = profile.crash ? swarmCrashes<DynamoTypes>(seed, profile.crash, { untilTick }) : undefined;
  return { profile, result: runDynamo({ ...run, seed, clients: profile.clients, ...faultOptions(profile, true), ...(scenario ? { scenario } : {}) }) };
}

export function swarmRegister(seed: number, run: Swarmed<RegisterRun>): { profile: FaultProfile; result: RunResult<RegisterTypes> } {
  const profile = drawFaultProfile(seed, registerNames(run.n), run.clients ?? 3);
  const untilTick = run.safetyTicks ?? 400;
  const scenario = profile.crash ? swarmCrashes<RegisterTypes>(seed, profile.crash, { untilTick }) : undefined;
  return { profile, result: runRegister({ ...run, seed, clients: profile.clients, ...faultOptions(profile, true), ...(scenario ? { scenario } : {}) }) };
}

/**
 * Delos through the fault injector's crashes, as its own suite does: the profile's crash rate and
 * downtimes, but any node (its runner takes no scenario, and its roles differ too much for one notion
 * of "busy").
 */
export function swarmDelos(seed: number, run: Omit<DelosRun, 'seed' | 'network' | 'faults'> = {}): { profile: FaultProfile; result: RunResult<DelosTypes> } {
  const profile = drawFaultProfile(seed, DELOS_NODES, run.clients ?? 2);
  const { crash, partition, network } = profile;
  const faults = {
    ...(partition ? { partition } : {}),
    ...(crash ? { crash: { probabilityPerTick: crash.probabilityPerTick, downTicksMin: Math.max(1, crash.downTicksMin), downTicksMax: Math.max(1, crash.downTicksMax) } } : {}),
  };
  return { profile, result: runDelos({ ...run, seed, clients: profile.clients, network, faults }) };
}

/**
 * The write-all log with external reconfiguration: the scheduled crashes hit replicas and controllers,
 * never the configuration store, which stands in for an always-available consensus service. A step
 * cut short between its effects can still hit any node (the store too: it restarts from its disk).
 */
export function swarmSteady(seed: number, run: Omit<SteadyRun, 'seed' | 'network' | 'faults' | 'scenario'> = {}): { profile: FaultProfile; result: RunResult<SteadyTypes> } {
  const crashable = steadyNodes(run.f ?? 1).filter((n) => n !== STEADY_STORE);
  const profile = drawFaultProfile(seed, crashable, run.clients ?? 2);
  const untilTick = run.safetyTicks ?? 150;
  const scenario = profile.crash ? swarmCrashes<SteadyTypes>(seed, profile.crash, { untilTick, canCrash: (_view, node) => node !== STEADY_STORE }) : undefined;
  return { profile, result: runSteady({ ...run, seed, clients: profile.clients, ...faultOptions(profile, true), ...(scenario ? { scenario } : {}) }) };
}

// ── The default random suites ────────────────────────────────────────────────────────────────

/** One seed of a random suite: its profile, the run, and what is wrong with it (undefined: nothing). */
export interface SuiteRun {
  readonly profile: FaultProfile;
  readonly result: RunResult<ModelTypes>;
  /** The failure's kind and message, or "not linearizable" when only the client history fails its check. */
  readonly finding: string | undefined;
}

/**
 * A model's default random suite: seeds 1 to `seeds` under swarm testing, each run keeping its
 * invariants, recovering after the faults, and (where the model has one) passing the linearizability
 * check. `npm test` runs every suite on the correct model (tests/snippets/swarm-suites.test.ts) and
 * on the broken variants it must catch (tests/snippets/swarm-finds-bugs.test.ts): `run`'s `options`
 * are the only difference.
 */
export interface RandomSuite<Options> {
  readonly name: string;
  readonly seeds: number;
  readonly run: (seed: number, options?: Options) => SuiteRun;
}

function finding<T extends ModelTypes>(profile: FaultProfile, result: RunResult<T>, linearizable?: (result: RunResult<T>) => boolean): SuiteRun {
  const found = !result.ok ? `${result.kind}: ${result.message}` : linearizable && !linearizable(result) ? 'not linearizable' : undefined;
  return { profile, result: result as RunResult<ModelTypes>, finding: found };
}

type RegisterOptions = Pick<RegisterRun, 'incarnation' | 'rerunDuplicates'>;

export const RANDOM_SUITES = {
  vr: {
    name: 'VR, n = 3',
    seeds: 100,
    run: (seed: number, config: Partial<VrConfig> = {}) => {
      const { profile, result } = swarmVr(seed, { config });
      return finding(profile, result, (r) => checkVr(r).ok);
    },
  } satisfies RandomSuite<Partial<VrConfig>>,
  dynamo: {
    name: 'Dynamo',
    seeds: 100,
    run: (seed: number, config: Partial<DynamoConfig> = {}) => {
      const { profile, result } = swarmDynamo(seed, { safetyTicks: 100, config });
      return finding(profile, result);
    },
  } satisfies RandomSuite<Partial<DynamoConfig>>,
  registerQuorum: {
    name: 'quorum register, N = 3, R = W = 2, one random quorum per operation',
    seeds: 300,
    run: (seed: number, variant: RegisterOptions = {}) => {
      const { profile, result } = swarmRegister(seed, { n: 3, r: 2, w: 2, contact: 'quorum', ...variant });
      return finding(profile, result, (r) => checkRegister(r).ok);
    },
  } satisfies RandomSuite<RegisterOptions>,
  registerAll: {
    name: 'quorum register, N = 5, R = W = 3, contacting all',
    seeds: 50,
    run: (seed: number, variant: RegisterOptions = {}) => {
      const { profile, result } = swarmRegister(seed, { n: 5, r: 3, w: 3, ...variant });
      return finding(profile, result, (r) => checkRegister(r).ok);
    },
  } satisfies RandomSuite<RegisterOptions>,
  delos: {
    name: 'Delos',
    seeds: 50,
    run: (seed: number) => {
      const { profile, result } = swarmDelos(seed);
      return finding(profile, result, (r) => checkDelos(r).ok);
    },
  } satisfies RandomSuite<never>,
  steady: {
    name: 'write-all log with external reconfiguration, f = 1',
    seeds: 500,
    run: (seed: number, rules: SteadyRules = {}) => {
      const { profile, result } = swarmSteady(seed, { rules });
      return finding(profile, result);
    },
  } satisfies RandomSuite<SteadyRules>,
};
