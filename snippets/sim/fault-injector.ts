/**
 * Random crashes and partitions, decided tick by tick from the scheduler's random stream (the
 * nemesis of Jepsen, the fault schedule of TigerBeetle's VOPR). It only decides; the simulator acts
 * and later undoes each fault. Scenarios that need a fault at an exact tick use the simulator's
 * `crash`, `isolate` and `partition` instead.
 */
import type { Rng } from './rng.ts';
import type { NodeId } from './types.ts';

export interface FaultInjection {
  /** Crash a random live node, then restart it after a random downtime. */
  readonly crash?: {
    readonly probabilityPerTick: number;
    readonly downTicksMin: number;
    readonly downTicksMax: number;
    /** At most this many nodes down at once (default: a minority, ⌊(n − 1) / 2⌋). */
    readonly maxDown?: number;
    /**
     * Chance that a node step is cut short by a crash after some of its effects (drawn uniformly,
     * never all), in the order the model emitted them: an acknowledgement sent before the write that
     * should back it is caught. Default 0 (existing seeds run as before).
     */
    readonly betweenEffectsProbability?: number;
  };
  /** Split the nodes in two at random, for a random duration; one injected partition at a time. */
  readonly partition?: {
    readonly probabilityPerTick: number;
    readonly durationTicksMin: number;
    readonly durationTicksMax: number;
    /** Chance that the partition cuts only one direction (default 0). */
    readonly oneWayProbability?: number;
  };
}

export type PlannedFault =
  | { readonly kind: 'crash'; readonly node: NodeId; readonly downTicks: number }
  | {
      readonly kind: 'partition';
      readonly from: NodeId[];
      readonly to: NodeId[];
      readonly oneWay: boolean;
      readonly durationTicks: number;
    };

/** At most this many of `nodes` down at once unless a run says otherwise: a minority, so a majority stays up. */
export function defaultMaxDown(nodes: number): number {
  return Math.floor((nodes - 1) / 2);
}

export class FaultInjector {
  readonly #rng: Rng;
  readonly #options: FaultInjection;

  constructor(rng: Rng, options: FaultInjection) {
    this.#rng = rng;
    this.#options = options;
  }

  /** The faults to start this tick, given the nodes in cluster order and which of them are down. */
  plan(nodes: readonly NodeId[], down: ReadonlySet<NodeId>, partitioned: boolean): PlannedFault[] {
    const planned: PlannedFault[] = [];
    const crash = this.#crash(nodes, down);
    if (crash) planned.push(crash);
    const partition = partitioned ? undefined : this.#partition(nodes);
    if (partition) planned.push(partition);
    return planned;
  }

  #crash(nodes: readonly NodeId[], down: ReadonlySet<NodeId>): PlannedFault | undefined {
    const options = this.#options.crash;
    if (!options || !this.#rng.chance(options.probabilityPerTick)) return undefined;
    const maxDown = options.maxDown ?? defaultMaxDown(nodes.length);
    const up = nodes.filter((node) => !down.has(node));
    if (down.size >= maxDown || up.length === 0) return undefined;
    return { kind: 'crash', node: this.#rng.pick(up), downTicks: this.#rng.int(options.downTicksMin, options.downTicksMax) };
  }

  #partition(nodes: readonly NodeId[]): PlannedFault | undefined {
    const options = this.#options.partition;
    if (!options || nodes.length < 2 || !this.#rng.chance(options.probabilityPerTick)) return undefined;
    const shuffled = this.#rng.shuffle(nodes);
    const cut = this.#rng.int(1, nodes.length - 1);
    // Keep each side in cluster order, so the trace reads the same way whatever the shuffle did.
    const inOrder = (side: NodeId[]) => nodes.filter((node) => side.includes(node));
    return {
      kind: 'partition',
      from: inOrder(shuffled.slice(0, cut)),
      to: inOrder(shuffled.slice(cut)),
      oneWay: this.#rng.chance(options.oneWayProbability ?? 0),
      durationTicks: this.#rng.int(options.durationTicksMin, options.durationTicksMax),
    };
  }
}
