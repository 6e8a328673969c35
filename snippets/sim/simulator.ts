/**
 * The deterministic simulator: a Cluster (cluster.ts: state, and the rules that apply an event)
 * driven by the seeded RandomScheduler (random-scheduler.ts: when things happen), behind the API that
 * models, scenarios and tests use. Given the same options it does exactly the same thing, so a seed is
 * a complete bug report (TigerBeetle's VOPR, FoundationDB's simulation).
 */
import type { ClientSpec } from './client.ts';
import { Cluster } from './cluster.ts';
import { ClusterControls } from './controls.ts';
import type { ClusterView, Failure, FailureKind, Invariant } from './cluster-view.ts';
import type { FaultInjection } from './fault-injector.ts';
import type { History } from './history.ts';
import type { NetworkFaults } from './network.ts';
import { RandomScheduler } from './random-scheduler.ts';
import type { Trace } from './trace.ts';
import type { Model, ModelTypes, NodeId } from './types.ts';

export interface SimulatorOptions<T extends ModelTypes> {
  readonly model: Model<T>;
  /** Node names in cluster order: the order of `peers`, of trace columns and of diagram participants. */
  readonly nodes: readonly NodeId[];
  readonly config: T['config'];
  readonly seed: number;
  /** Defaults: RELIABLE_NETWORK. */
  readonly network?: Partial<NetworkFaults> | undefined;
  readonly faults?: FaultInjection | undefined;
  readonly clients?: ReadonlyArray<ClientSpec<T>>;
  /** Checked after every event (a step, a crash, a client's call, reply or timeout), by name: `{ 'one primary per view': (view) => … }`. */
  readonly invariants?: Readonly<Record<string, Invariant<T>>>;
  /** Messages in flight at once above which the run fails as a message storm (default DEFAULT_MAX_IN_FLIGHT, cluster.ts). */
  readonly maxInFlight?: number;
}

export class Simulator<T extends ModelTypes> {
  readonly model: Model<T>;
  readonly seed: number;
  readonly #cluster: Cluster<T>;
  readonly #scheduler: RandomScheduler<T>;
  readonly #controls: ClusterControls<T>;

  constructor(options: SimulatorOptions<T>) {
    this.model = options.model;
    this.seed = options.seed;
    this.#scheduler = new RandomScheduler(options);
    this.#cluster = new Cluster(options, this.#scheduler);
    this.#scheduler.drive(this.#cluster);
    this.#controls = new ClusterControls(this.#cluster, this.#scheduler);
  }

  /** The current virtual tick (0 before the first tick runs). */
  get now(): number {
    return this.#cluster.now;
  }

  /** The first failure (invariant violated, model threw, message storm…), once there is one; the run stops there. */
  get failure(): Failure | undefined {
    return this.#cluster.failure;
  }

  get trace(): Trace {
    return this.#cluster.trace;
  }

  get history(): History {
    return this.#cluster.history;
  }

  /** The network's fault rates now. */
  get networkFaults(): NetworkFaults {
    return this.#scheduler.networkFaults;
  }

  view(): ClusterView<T> {
    return this.#cluster.view();
  }

  // ── Running ────────────────────────────────────────────────────────────────────────────────

  /** Runs ticks until `tick` (inclusive) or the first failure, which it returns. */
  runUntil(tick: number): Failure | undefined {
    while (this.now < tick && !this.failure) this.#scheduler.runTick(this.now + 1);
    return this.failure;
  }

  runFor(ticks: number): Failure | undefined {
    return this.runUntil(this.now + ticks);
  }

  /** Runs `action` at the start of `tick` (after faults are injected, before deliveries due then). */
  at(tick: number, action: (sim: Simulator<T>) => void): this {
    if (!Number.isInteger(tick) || tick <= this.now) throw new Error(`at(${tick}): schedule a whole tick after now (${this.now})`);
    this.#scheduler.at(tick, () => action(this));
    return this;
  }

  /**
   * Ends the fault phase: heals every link, restarts crashed nodes, turns off loss, duplication and
   * faults aimed at a kind of message or a sender, stops the injector and drops scenario actions not
   * yet run. Delays and reordering stay: they are how the network works, not faults.
   */
  settle(): void {
    if (this.failure) return;
    this.#cluster.apply({ kind: 'settle' });
    this.heal();
    this.#scheduler.settle();
    for (const node of this.#cluster.order) if (!this.#cluster.isUp(node)) this.#cluster.apply({ kind: 'restart', node });
  }

  /** Ends the run as failed (the runner uses it when progress does not come); returns the failure. */
  fail(message: string, kind: FailureKind = 'no-progress'): Failure {
    this.#cluster.apply({ kind: 'fail', message, failure: kind });
    return this.failure!;
  }

  // ── Faults a scenario sets (each takes effect now and is recorded) ────────────────────────

  /** Cuts every link to and from `endpoint`, clients included. */
  isolate(endpoint: string): this {
    this.#controls.isolate(endpoint);
    return this;
  }

  /** Cuts the links between two groups; with `oneWay`, only messages from `from` to `to` are lost. */
  partition(from: readonly string[], to: readonly string[], options: { oneWay?: boolean } = {}): this {
    this.#controls.partition(from, to, options);
    return this;
  }

  /** Changes fault rates from now on (`{ lossProbability: 0.5 }`); messages already in flight keep their fate. */
  setNetworkFaults(faults: Partial<NetworkFaults>): this {
    this.#controls.setNetworkFaults(faults);
    return this;
  }

  /** Lifts every link rule, the injector's included. */
  heal(): this {
    this.#controls.heal();
    return this;
  }

  /** Stops a node: its memory is lost, and so is every message on its way to it. Its disk stays. */
  crash(node: NodeId): this {
    this.#controls.crash(node);
    return this;
  }

  /** Starts a crashed node from its disk (`model.recover`), then gives it a `restart` input. */
  restart(node: NodeId): this {
    this.#controls.restart(node);
    return this;
  }
}
