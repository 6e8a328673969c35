/**
 * The faults and repairs a script or a reader applies to a running cluster, checked and turned into
 * cluster events in one place: the Simulator's scenario API (simulator.ts) and the browser player
 * (snippets/play/player.ts) both call these, so a crash, a cut or a heal means the same in a test, a
 * note's diagram and the player. Each throws, naming what is wrong, if it cannot apply now.
 */
import type { Cluster } from './cluster.ts';
import type { LinkRule } from './link-rules.ts';
import type { NetworkFaults } from './network.ts';
import type { RandomScheduler } from './random-scheduler.ts';
import type { ModelTypes, NodeId } from './types.ts';

export class ClusterControls<T extends ModelTypes> {
  readonly #cluster: Cluster<T>;
  readonly #scheduler: RandomScheduler<T>;

  constructor(cluster: Cluster<T>, scheduler: RandomScheduler<T>) {
    this.#cluster = cluster;
    this.#scheduler = scheduler;
  }

  /** Cuts every link to and from `endpoint`, clients included. */
  isolate(endpoint: string): LinkRule {
    this.checkEndpoints([endpoint]);
    return this.cut({ kind: 'isolate', node: endpoint });
  }

  /** Cuts the links between two groups; with `oneWay`, only messages from `from` to `to` are lost. */
  partition(from: readonly string[], to: readonly string[], options: { oneWay?: boolean } = {}): LinkRule {
    this.checkEndpoints([...from, ...to]);
    if (from.some((e) => to.includes(e))) throw new Error(`partition: groups overlap (${from.join(' ')} | ${to.join(' ')})`);
    return this.cut({ kind: 'partition', from: [...from], to: [...to], oneWay: options.oneWay ?? false });
  }

  cut(rule: LinkRule): LinkRule {
    this.#cluster.apply({ kind: 'cut', rule });
    return rule;
  }

  /** Lifts one rule `cut` set; nothing happens if it is gone. */
  lift(rule: LinkRule): void {
    this.#cluster.apply({ kind: 'lift', rule });
  }

  /** Lifts every link rule, the fault injector's included. */
  heal(): void {
    this.#scheduler.healed();
    this.#cluster.apply({ kind: 'heal' });
  }

  /** Changes fault rates from now on; messages already in flight keep their fate. */
  setNetworkFaults(faults: Partial<NetworkFaults>): void {
    this.#scheduler.networkFaults = { ...this.#scheduler.networkFaults, ...faults };
    const changes = Object.entries(faults).map(([key, value]) => `${key}=${String(value)}`);
    this.#cluster.apply({ kind: 'rates', text: `faults ${changes.join(' ')}` });
  }

  /** Stops a node: its memory is lost, and so is every message on its way to it. Its disk stays. */
  crash(node: NodeId): void {
    this.checkEndpoints([node]);
    if (!this.#cluster.isUp(node)) throw new Error(`crash(${node}): it is already down`);
    this.#cluster.apply({ kind: 'crash', node });
  }

  /** Starts a crashed node from its disk (`model.recover`), then gives it a `restart` input. */
  restart(node: NodeId): void {
    this.checkEndpoints([node]);
    if (this.#cluster.isUp(node)) throw new Error(`restart(${node}): it is up`);
    this.#cluster.apply({ kind: 'restart', node });
  }

  checkEndpoints(endpoints: readonly string[]): void {
    const known = new Set<string>([...this.#cluster.order, ...this.#cluster.clients.map((c) => c.id)]);
    for (const e of endpoints) if (!known.has(e)) throw new Error(`unknown node or client "${e}"`);
  }
}
