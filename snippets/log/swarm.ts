/**
 * The faults an adapter's cluster runs under: the seed's swarm profile (sim/swarm.ts), applied as
 * snippets/swarm-runs.ts applies it to each model's own random suite — the network's loss,
 * duplication and delays, partitions through the fault injector, crashes through `swarmCrashes` (or,
 * with `injectorCrashes`, through the fault injector, as the Delos suite does) and, with `cutSteps`,
 * steps cut short between their effects.
 */
import type { ClusterView, FaultInjection, ModelTypes, NetworkFaults, NodeId, RunOptions } from '../sim/index.ts';
import { drawFaultProfile, injectorFaults, profileFaults, swarmCrashes, type FaultProfile } from '../sim/swarm.ts';

export interface SwarmFaults<T extends ModelTypes> {
  readonly profile: FaultProfile;
  /** The run options the profile sets, to spread into the model's own: the network, faults and crashes. */
  readonly options: {
    readonly network: Partial<NetworkFaults>;
    readonly faults?: FaultInjection;
    readonly scenario?: RunOptions<T>['scenario'];
  };
}

export interface SwarmSetup<T extends ModelTypes> {
  /** The nodes crashes may hit. */
  readonly crashable: readonly NodeId[];
  readonly clientsMax: number;
  /** The last tick of the fault phase. */
  readonly untilTick: number;
  /** Steps may be cut short between their effects (models that write to disk and send in one step). */
  readonly cutSteps: boolean;
  /** Crash through the fault injector instead of `swarmCrashes` (no crash budget, any node). */
  readonly injectorCrashes?: boolean;
  readonly canCrash?: (view: ClusterView<T>, node: NodeId) => boolean;
  /** Message kinds for aimed faults (drawFaultProfile's `kinds`). */
  readonly kinds?: readonly string[];
}

export function swarmFaults<T extends ModelTypes>(seed: number, setup: SwarmSetup<T>): SwarmFaults<T> {
  const profile = drawFaultProfile(seed, setup.crashable, setup.clientsMax, setup.kinds ?? []);
  if (setup.injectorCrashes) return { profile, options: { network: profile.network, faults: injectorFaults(profile) } };
  const { crash } = profile;
  const scenario = crash ? swarmCrashes<T>(seed, crash, { untilTick: setup.untilTick, ...(setup.canCrash ? { canCrash: setup.canCrash } : {}) }) : undefined;
  return { profile, options: { ...profileFaults(profile, setup.cutSteps), scenario } };
}
