/**
 * Each model's run under swarm testing (sim/swarm.ts): the seed draws the run's fault profile, and the
 * model's own runner runs with it. The random suites in tests/snippets/ and the measurement in
 * docs/random-search.md (`npm run random-search`) run the models through here.
 */
import type { NodeId } from './sim/types.ts';
import type { RunResult } from './sim/run.ts';
import { drawFaultProfile, swarmCrashes, type FaultProfile } from './sim/swarm.ts';
import { NODES as DELOS_NODES, runDelos, type DelosRun } from './delos/run-delos.ts';
import type { DelosTypes } from './delos/model.ts';
import { nodeNames, runDynamo, type DynamoRun } from './dynamo/run-dynamo.ts';
import type { DynamoTypes } from './dynamo/types.ts';
import { replicaNames as registerNames, runRegister, type RegisterRun } from './quorums/run-register.ts';
import type { RegisterTypes } from './quorums/register.ts';
import { replicaNames as vrNames, runVr, type VrRun } from './vr/run-vr.ts';
import type { VrTypes } from './vr/types.ts';

/** The simulator options a profile sets: the network, partitions through the injector. */
function faultOptions(profile: FaultProfile) {
  return { network: profile.network, ...(profile.partition ? { faults: { partition: profile.partition } } : {}) };
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
  return { profile, result: runVr({ ...run, seed, clients: profile.clients, ...faultOptions(profile), ...(scenario ? { scenario } : {}) }) };
}

export function swarmDynamo(seed: number, run: Swarmed<DynamoRun> = {}): { profile: FaultProfile; result: RunResult<DynamoTypes> } {
  const profile = drawFaultProfile(seed, nodeNames(run.nodes ?? 5), run.clients ?? 3);
  const untilTick = run.safetyTicks ?? 150;
  const scenario = profile.crash ? swarmCrashes<DynamoTypes>(seed, profile.crash, { untilTick }) : undefined;
  return { profile, result: runDynamo({ ...run, seed, clients: profile.clients, ...faultOptions(profile), ...(scenario ? { scenario } : {}) }) };
}

export function swarmRegister(seed: number, run: Swarmed<RegisterRun>): { profile: FaultProfile; result: RunResult<RegisterTypes> } {
  const profile = drawFaultProfile(seed, registerNames(run.n), run.clients ?? 3);
  const untilTick = run.safetyTicks ?? 400;
  const scenario = profile.crash ? swarmCrashes<RegisterTypes>(seed, profile.crash, { untilTick }) : undefined;
  return { profile, result: runRegister({ ...run, seed, clients: profile.clients, ...faultOptions(profile), ...(scenario ? { scenario } : {}) }) };
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
