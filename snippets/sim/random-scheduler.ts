/**
 * The seeded random scheduler: decides when things happen, with a virtual clock and one event queue
 * ordered by (tick, sequence), drawing delays, loss and duplication (network.ts), clients' think
 * times and injected faults (fault-injector.ts) from streams split from one seed. It drives a
 * Cluster, which only applies what it is told; given the same seed, the same run, byte for byte.
 *
 * One tick: the fault injector may start faults, then every event due at this tick runs in
 * (tick, sequence) order (deliveries, client calls and timeouts, scenario actions), then every live
 * node gets one `tick` input, in cluster order.
 */
import type { Envelope, InFlight, Scheduling, StepEvent } from './cluster-events.ts';
import type { Cluster } from './cluster.ts';
import { EventQueue } from './event-queue.ts';
import { FaultInjector, defaultMaxDown, type FaultInjection, type PlannedFault } from './fault-injector.ts';
import type { LinkRule } from './link-rules.ts';
import { calm, messageKind, Network, RELIABLE_NETWORK, type NetworkFaults } from './network.ts';
import { Rng } from './rng.ts';
import type { ClientSpec } from './client.ts';
import type { ClientId, ModelTypes, NodeId } from './types.ts';
import { unreachable } from './unreachable.ts';

/** What the queue holds: cluster events due at a tick, and scenario actions. */
type Scheduled =
  | { readonly kind: 'deliver'; readonly copy: number }
  | { readonly kind: 'call'; readonly client: ClientId }
  | { readonly kind: 'timeout'; readonly client: ClientId; readonly opId: number }
  | { readonly kind: 'injected-restart'; readonly node: NodeId }
  | { readonly kind: 'injected-heal'; readonly rule: LinkRule }
  | { readonly kind: 'action'; readonly run: () => void };

export interface RandomSchedulerOptions<T extends ModelTypes> {
  readonly seed: number;
  readonly network?: Partial<NetworkFaults> | undefined;
  readonly faults?: FaultInjection | undefined;
  readonly clients?: ReadonlyArray<ClientSpec<T>>;
}

export class RandomScheduler<T extends ModelTypes> implements Scheduling<T> {
  readonly #queue = new EventQueue<Scheduled>();
  readonly #network: Network;
  readonly #injector: FaultInjector | undefined;
  readonly #injectorRng: Rng;
  readonly #crashOptions: FaultInjection['crash'];
  readonly #clientRngs = new Map<ClientId, Rng>();
  readonly #thinkTicksMax = new Map<ClientId, number>();
  #cluster: Cluster<T> | undefined;
  /** Arrival ticks the network drew for the message being sent, until its copies are queued. */
  #arrivals: readonly number[] = [];
  #injectedRule: LinkRule | undefined;
  /** The node step `#step` is applying, while crashes between effects are on: nodes down before it, and the cut it drew. */
  #stepping: { readonly down: number; cut: { node: NodeId; downTicks: number } | undefined } | undefined;

  constructor(options: RandomSchedulerOptions<T>) {
    // One seed, one stream per component: more draws in one never shift the numbers another sees.
    const root = new Rng(options.seed);
    this.#network = new Network(root.split('network'), { ...RELIABLE_NETWORK, ...options.network });
    this.#injectorRng = root.split('scheduler');
    this.#injector = options.faults ? new FaultInjector(this.#injectorRng, options.faults) : undefined;
    this.#crashOptions = options.faults?.crash;
    const clientsRng = root.split('clients');
    for (const spec of options.clients ?? []) {
      const startTick = spec.startTick ?? 1;
      if (!Number.isInteger(startTick) || startTick < 1) throw new Error(`client ${spec.id}: startTick must be a whole number ≥ 1`);
      this.#clientRngs.set(spec.id, clientsRng.split(spec.id));
      this.#thinkTicksMax.set(spec.id, spec.thinkTicksMax ?? 0);
      this.#queue.push(startTick, { kind: 'call', client: spec.id });
    }
  }

  /** The cluster it drives (set once; the cluster is built with this scheduler as its `Scheduling`). */
  drive(cluster: Cluster<T>): void {
    this.#cluster = cluster;
  }

  get networkFaults(): NetworkFaults {
    return this.#network.faults;
  }

  set networkFaults(faults: NetworkFaults) {
    this.#network.faults = faults;
  }

  /** Runs `run` at the start of `tick` (after faults are injected, before deliveries due then). */
  at(tick: number, run: () => void): void {
    this.#queue.push(tick, { kind: 'action', run });
  }

  /** A scenario healed every link: the injected partition, if any, is gone too. */
  healed(): void {
    this.#injectedRule = undefined;
  }

  /** The fault phase is over: scenario actions, injected heals and restarts not yet run are dropped. */
  settle(): void {
    this.#network.faults = calm(this.#network.faults);
    this.#queue.retain((event) => event.kind !== 'action' && event.kind !== 'injected-heal' && event.kind !== 'injected-restart');
  }

  /** Runs one tick; stops at the first failure. */
  runTick(tick: number): void {
    const cluster = this.#given();
    cluster.apply({ kind: 'clock', tick });
    this.#injectFaults();
    for (let event = this.#queue.popDue(tick); event !== undefined && !cluster.failure; event = this.#queue.popDue(tick)) this.#handle(event);
    for (const node of cluster.order) {
      if (cluster.failure) return;
      if (cluster.isUp(node)) this.#step({ kind: 'tick', node });
    }
  }

  // ── Scheduling: what the cluster tells us while it applies an event ──────────────────────

  send(envelope: Envelope<T>): { readonly lost: true } | { readonly lost: false; readonly copies: 1 | 2 } {
    const route = this.#network.route(envelope.from, envelope.to, this.#given().now, messageKind(envelope));
    if (route.kind === 'drop') return { lost: true };
    this.#arrivals = route.arrivalTicks;
    return { lost: false, copies: route.arrivalTicks.length > 1 ? 2 : 1 };
  }

  inFlight(copies: ReadonlyArray<InFlight<T>>): void {
    copies.forEach(({ copy }, i) => this.#queue.push(this.#arrivals[i]!, { kind: 'deliver', copy }));
  }

  cancel(copies: ReadonlyArray<InFlight<T>>): ReadonlyArray<InFlight<T>> {
    const byCopy = new Map(copies.map((c) => [c.copy, c]));
    const removed = this.#queue.retain((event) => !(event.kind === 'deliver' && byCopy.has(event.copy)));
    return removed.flatMap((event) => (event.kind === 'deliver' ? [byCopy.get(event.copy)!] : []));
  }

  clientRng(client: ClientId): Rng {
    return this.#clientRngs.get(client)!;
  }

  clientReady(client: ClientId): void {
    const think = this.#clientRngs.get(client)!.int(0, this.#thinkTicksMax.get(client)!);
    this.#queue.push(this.#given().now + think, { kind: 'call', client });
  }

  timeoutArmed(client: ClientId, opId: number, afterTicks: number): void {
    this.#queue.push(this.#given().now + afterTicks, { kind: 'timeout', client, opId });
  }

  // ── Handling what comes due ────────────────────────────────────────────────────────────────

  #handle(event: Scheduled): void {
    const cluster = this.#given();
    switch (event.kind) {
      case 'deliver':
        return this.#step({ kind: 'deliver', copy: event.copy });
      case 'call':
      case 'timeout':
        return cluster.apply(event);
      case 'injected-restart':
        if (!cluster.isUp(event.node)) this.#step({ kind: 'restart', node: event.node });
        return;
      case 'injected-heal':
        if (this.#injectedRule === event.rule) this.#injectedRule = undefined;
        return cluster.apply({ kind: 'lift', rule: event.rule });
      case 'action':
        return event.run();
      default:
        return unreachable(event, 'scheduled event');
    }
  }

  /**
   * Applies a node step. With `faults.crash.betweenEffectsProbability`, the node may crash inside it
   * (the cluster asks `cutStep` once the model has run, so the model steps once), and restarts after
   * the crash's usual downtime.
   */
  #step(event: StepEvent): void {
    const cluster = this.#given();
    const p = this.#crashOptions?.betweenEffectsProbability ?? 0;
    // Counted before the event: a restarting node is still down, as when the step was planned.
    const down = p === 0 || cluster.settledTick !== undefined ? undefined : cluster.order.filter((id) => !cluster.isUp(id)).length;
    this.#stepping = down === undefined ? undefined : { down, cut: undefined };
    cluster.apply(event);
    const cut = this.#stepping?.cut;
    this.#stepping = undefined;
    if (cut !== undefined && !cluster.failure) this.#queue.push(cluster.now + cut.downTicks, { kind: 'injected-restart', node: cut.node });
  }

  /** Whether the step `#step` is applying crashes after some of its `effects` (never all: that is an ordinary crash). */
  cutStep(node: NodeId, effects: number): number | undefined {
    const stepping = this.#stepping;
    const options = this.#crashOptions;
    if (stepping === undefined || options === undefined || !this.#injectorRng.chance(options.betweenEffectsProbability ?? 0)) return undefined;
    if (stepping.down >= (options.maxDown ?? defaultMaxDown(this.#given().order.length))) return undefined;
    const after = this.#injectorRng.int(0, effects - 1);
    stepping.cut = { node, downTicks: this.#injectorRng.int(options.downTicksMin, options.downTicksMax) };
    return after;
  }

  #injectFaults(): void {
    const cluster = this.#given();
    if (!this.#injector || cluster.settledTick !== undefined) return;
    const down = new Set(cluster.order.filter((id) => !cluster.isUp(id)));
    for (const fault of this.#injector.plan(cluster.order, down, this.#injectedRule !== undefined)) this.#inject(fault);
  }

  #inject(fault: PlannedFault): void {
    const cluster = this.#given();
    if (fault.kind === 'crash') {
      cluster.apply({ kind: 'crash', node: fault.node });
      this.#queue.push(cluster.now + fault.downTicks, { kind: 'injected-restart', node: fault.node });
      return;
    }
    const rule: LinkRule = { kind: 'partition', from: fault.from, to: fault.to, oneWay: fault.oneWay };
    this.#injectedRule = rule;
    cluster.apply({ kind: 'cut', rule });
    this.#queue.push(cluster.now + fault.durationTicks, { kind: 'injected-heal', rule });
  }

  #given(): Cluster<T> {
    if (!this.#cluster) throw new Error('RandomScheduler: drive(cluster) first');
    return this.#cluster;
  }
}
