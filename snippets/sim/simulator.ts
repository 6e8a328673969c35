/**
 * The deterministic simulator: owns the seed, the virtual clock, the event queue, the network, the
 * nodes' memory and disks, and the clients; runs every step of every node, applies the effects,
 * records the trace and checks invariants after each step. Given the same options it does exactly the
 * same thing, so a seed is a complete bug report (TigerBeetle's VOPR, FoundationDB's simulation).
 *
 * One tick: the fault injector may start faults, then every event due at this tick runs in
 * (tick, sequence) order (deliveries, client calls and timeouts, scenario actions), then every live
 * node gets one `tick` input, in cluster order.
 */
import { Client, type CallNumber, type ClientSpec } from './client.ts';
import { EventQueue } from './event-queue.ts';
import { FaultInjector, type FaultInjection, type PlannedFault } from './fault-injector.ts';
import { deepFreeze } from './freeze.ts';
import type { ClusterView, Failure, FailureKind, Invariant, NodeView } from './cluster-view.ts';
import type { ClientOperation, History } from './history.ts';
import { Network, RELIABLE_NETWORK, describeRule, type LinkRule, type NetworkFaults } from './network.ts';
import { Rng } from './rng.ts';
import { CLUSTER, callLabel, compactLabel, type Trace, type TraceEvent } from './trace.ts';
import type { ClientId, Effect, Input, Model, ModelTypes, NodeId } from './types.ts';
import { unreachable } from './unreachable.ts';

export interface SimulatorOptions<T extends ModelTypes> {
  readonly model: Model<T>;
  /** Node names in cluster order: the order of `peers`, of trace columns and of diagram participants. */
  readonly nodes: readonly NodeId[];
  readonly config: T['config'];
  readonly seed: number;
  /** Defaults: RELIABLE_NETWORK. */
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  readonly clients?: ReadonlyArray<ClientSpec<T>>;
  /** Checked after every step, by name: `{ 'one primary per view': (view) => … }`. */
  readonly invariants?: Readonly<Record<string, Invariant<T>>>;
}

/** A message on the wire, with what the trace needs to name it. */
type Envelope<T extends ModelTypes> = {
  readonly msgId: number;
  readonly from: string;
  readonly to: string;
  readonly label: string;
} & (
  | { readonly kind: 'message'; readonly message: T['message'] }
  | { readonly kind: 'request'; readonly opId: number; readonly client: ClientId; readonly request: T['request'] }
  | { readonly kind: 'reply'; readonly opId: number; readonly response: T['response'] }
);

type Scheduled<T extends ModelTypes> =
  | { readonly kind: 'deliver'; readonly envelope: Envelope<T> }
  | { readonly kind: 'client-call'; readonly client: ClientId }
  | { readonly kind: 'client-timeout'; readonly client: ClientId; readonly opId: number; readonly afterTicks: number }
  | { readonly kind: 'injected-restart'; readonly node: NodeId }
  | { readonly kind: 'injected-heal'; readonly ruleId: number; readonly rule: LinkRule }
  | { readonly kind: 'action'; readonly run: (sim: Simulator<T>) => void };

interface Slot<T extends ModelTypes> {
  readonly id: NodeId;
  readonly peers: readonly NodeId[];
  up: boolean;
  state: T['state'] | undefined;
  durable: T['durable'] | undefined;
}

/** Thrown to unwind a step when the run fails; caught where the caller handed over control. */
class StopRun extends Error {}

export class Simulator<T extends ModelTypes> {
  readonly model: Model<T>;
  readonly seed: number;
  readonly #config: T['config'];
  readonly #order: readonly NodeId[];
  readonly #slots = new Map<NodeId, Slot<T>>();
  readonly #clients = new Map<ClientId, Client<T>>();
  readonly #queue = new EventQueue<Scheduled<T>>();
  readonly #network: Network;
  readonly #injector: FaultInjector | undefined;
  readonly #invariants: ReadonlyArray<[string, Invariant<T>]>;
  readonly #history: ClientOperation[] = [];
  readonly #events: TraceEvent[] = [];
  /** Messages the network copied, until one copy is delivered; then until the other is. */
  readonly #duplicated = new Set<number>();
  readonly #deliveredOnce = new Set<number>();
  #now = 0;
  #nextMsgId = 1;
  #nextOpId = 1;
  #nextCall = 1;
  /** Each attempt's client call and attempt number, by op id, for the trace's client lines. */
  readonly #callNumbers = new Map<number, CallNumber>();
  #injectedRuleId: number | undefined;
  #settledTick: number | undefined;
  #failure: Failure | undefined;
  #inside = false;

  constructor(options: SimulatorOptions<T>) {
    checkNames(options.nodes, (options.clients ?? []).map((c) => c.id));
    this.model = options.model;
    this.seed = options.seed;
    this.#config = options.config;
    this.#order = [...options.nodes];
    // One seed, one stream per component: more draws in one never shift the numbers another sees.
    const root = new Rng(options.seed);
    this.#network = new Network(root.split('network'), { ...RELIABLE_NETWORK, ...options.network });
    this.#injector = options.faults ? new FaultInjector(root.split('scheduler'), options.faults) : undefined;
    this.#invariants = Object.entries(options.invariants ?? {});
    for (const id of this.#order) this.#boot(id);
    const clientsRng = root.split('clients');
    for (const spec of options.clients ?? []) this.#addClient(spec, clientsRng.split(spec.id));
  }

  /** The current virtual tick (0 before the first tick runs). */
  get now(): number {
    return this.#now;
  }

  /** The first failure (invariant violated, model threw), once there is one; the run stops there. */
  get failure(): Failure | undefined {
    return this.#failure;
  }

  get trace(): Trace {
    const clients = [...this.#clients.keys()];
    return { model: this.model.name, seed: this.seed, nodes: this.#order, clients, events: this.#events };
  }

  get history(): History {
    return this.#history;
  }

  /** The network's fault rates now. */
  get networkFaults(): NetworkFaults {
    return this.#network.faults;
  }

  view(): ClusterView<T> {
    const nodes = this.#order.map((id): NodeView<T> => {
      const slot = this.#slot(id);
      return slot.up
        ? { id, up: true, state: slot.state, durable: slot.durable }
        : { id, up: false, state: undefined, durable: slot.durable };
    });
    return { tick: this.#now, nodes, history: this.#history, settledTick: this.#settledTick };
  }

  // ── Running ────────────────────────────────────────────────────────────────────────────────

  /** Runs ticks until `tick` (inclusive) or the first failure, which it returns. */
  runUntil(tick: number): Failure | undefined {
    while (this.#now < tick && !this.#failure) this.#guard(() => this.#runTick(this.#now + 1));
    return this.#failure;
  }

  runFor(ticks: number): Failure | undefined {
    return this.runUntil(this.#now + ticks);
  }

  /** Runs `action` at the start of `tick` (after faults are injected, before deliveries due then). */
  at(tick: number, action: (sim: Simulator<T>) => void): this {
    if (!Number.isInteger(tick) || tick <= this.#now) {
      throw new Error(`at(${tick}): schedule a whole tick after now (${this.#now})`);
    }
    this.#queue.push(tick, { kind: 'action', run: action });
    return this;
  }

  /**
   * Ends the fault phase: heals every link, restarts crashed nodes, turns off loss and duplication,
   * stops the injector and drops scenario actions not yet run. Delays and reordering stay: they are
   * how the network works, not faults.
   */
  settle(): void {
    this.#guard(() => {
      this.#settledTick = this.#now;
      this.#record({ node: CLUSTER, kind: 'phase', text: 'settle: heal links, restart crashed nodes, stop faults' });
      this.heal();
      this.#network.faults = { ...this.#network.faults, lossProbability: 0, duplicateProbability: 0 };
      this.#queue.retain((event) => event.kind !== 'action' && event.kind !== 'injected-heal' && event.kind !== 'injected-restart');
      for (const id of this.#order) if (!this.#slot(id).up) this.restart(id);
    });
  }

  /** Ends the run as failed (the runner uses it when progress does not come); returns the failure. */
  fail(message: string, kind: FailureKind = 'no-progress'): Failure {
    this.#guard(() => this.#fail(message, kind));
    return this.#failure!;
  }

  // ── Faults a scenario sets (each takes effect now and is recorded) ────────────────────────

  /** Cuts every link to and from `endpoint`, clients included. */
  isolate(endpoint: string): this {
    this.#checkEndpoints([endpoint]);
    return this.#addRule({ kind: 'isolate', node: endpoint });
  }

  /** Cuts the links between two groups; with `oneWay`, only messages from `from` to `to` are lost. */
  partition(from: readonly string[], to: readonly string[], options: { oneWay?: boolean } = {}): this {
    this.#checkEndpoints([...from, ...to]);
    if (from.some((e) => to.includes(e))) throw new Error(`partition: groups overlap (${from.join(' ')} | ${to.join(' ')})`);
    return this.#addRule({ kind: 'partition', from: [...from], to: [...to], oneWay: options.oneWay ?? false });
  }

  /** Changes fault rates from now on (`{ lossProbability: 0.5 }`); messages already in flight keep their fate. */
  setNetworkFaults(faults: Partial<NetworkFaults>): this {
    this.#network.faults = { ...this.#network.faults, ...faults };
    const changes = Object.entries(faults).map(([key, value]) => `${key}=${String(value)}`);
    this.#record({ node: CLUSTER, kind: 'network', text: `faults ${changes.join(' ')}` });
    return this;
  }

  /** Lifts every link rule, the injector's included. */
  heal(): this {
    this.#network.heal();
    this.#injectedRuleId = undefined;
    this.#record({ node: CLUSTER, kind: 'network', text: 'heal' });
    return this;
  }

  /** Stops a node: its memory is lost, and so is every message on its way to it. Its disk stays. */
  crash(node: NodeId): this {
    const slot = this.#slot(node);
    if (!slot.up) throw new Error(`crash(${node}): it is already down`);
    this.#guard(() => this.#crash(slot));
    return this;
  }

  /** Starts a crashed node from its disk (`model.recover`), then gives it a `restart` input. */
  restart(node: NodeId): this {
    const slot = this.#slot(node);
    if (slot.up) throw new Error(`restart(${node}): it is up`);
    this.#guard(() => this.#restart(slot));
    return this;
  }

  // ── One tick ───────────────────────────────────────────────────────────────────────────────

  #runTick(tick: number): void {
    this.#now = tick;
    this.#injectFaults();
    for (let event = this.#queue.popDue(tick); event !== undefined; event = this.#queue.popDue(tick)) this.#handle(event);
    for (const id of this.#order) {
      const slot = this.#slot(id);
      if (slot.up) this.#step(slot, { kind: 'tick' });
    }
  }

  #handle(event: Scheduled<T>): void {
    switch (event.kind) {
      case 'deliver':
        return this.#deliver(event.envelope);
      case 'client-call':
        return this.#clientCall(this.#client(event.client));
      case 'client-timeout':
        return this.#clientTimeout(this.#client(event.client), event.opId, event.afterTicks);
      case 'injected-restart':
        if (!this.#slot(event.node).up) this.#restart(this.#slot(event.node));
        return;
      case 'injected-heal':
        return this.#liftInjectedRule(event.ruleId, event.rule);
      case 'action':
        return event.run(this);
      default:
        return unreachable(event, 'scheduled event');
    }
  }

  // ── Nodes ──────────────────────────────────────────────────────────────────────────────────

  #boot(id: NodeId): void {
    const peers = this.#order.filter((other) => other !== id);
    const state = deepFreeze(this.model.init(id, peers, this.#config));
    this.#slots.set(id, { id, peers, up: true, state, durable: undefined });
  }

  /** Feeds one input to a live node, applies what it asks, then checks every invariant. */
  #step(slot: Slot<T>, input: Input<T>): void {
    const result = this.#callModel(`${slot.id} on ${input.kind}`, () => this.model.step(slot.state, input));
    slot.state = deepFreeze(result.state);
    const effects = deepFreeze(result.effects);
    if (input.kind === 'tick' && effects.length > 0) this.#record({ node: slot.id, kind: 'timer', effects: effects.length });
    for (const effect of effects) this.#apply(slot, effect);
    this.#checkInvariants();
  }

  #apply(slot: Slot<T>, effect: Effect<T>): void {
    switch (effect.kind) {
      case 'send':
        return this.#send(slot.id, effect.to, effect.message);
      case 'reply':
        return this.#reply(slot.id, effect.client, effect.requestId, effect.response);
      case 'persist':
        slot.durable = effect.durable;
        this.#record({ node: slot.id, kind: 'persist', label: this.#label('durable', effect.durable) });
        return;
      case 'note':
        this.#record({ node: slot.id, kind: 'note', text: effect.text });
        return;
      default:
        return unreachable(effect, 'effect');
    }
  }

  #crash(slot: Slot<T>): void {
    slot.up = false;
    slot.state = undefined;
    this.#record({ node: slot.id, kind: 'crash' });
    const inFlight = this.#queue.retain((event) => !(event.kind === 'deliver' && event.envelope.to === slot.id));
    for (const event of inFlight) if (event.kind === 'deliver') this.#recordDrop(event.envelope, 'crashed');
    this.#checkInvariants();
  }

  #restart(slot: Slot<T>): void {
    const recovered = this.#callModel(`${slot.id} on recover`, () =>
      this.model.recover(slot.id, slot.peers, this.#config, slot.durable),
    );
    slot.up = true;
    slot.state = deepFreeze(recovered);
    this.#record({ node: slot.id, kind: 'restart', fromDurable: slot.durable !== undefined });
    this.#step(slot, { kind: 'restart' });
  }

  // ── Network ────────────────────────────────────────────────────────────────────────────────

  #send(from: NodeId, to: NodeId, message: T['message']): void {
    if (!this.#slots.has(to)) this.#fail(`${from} sent to unknown node "${to}"`);
    const label = this.#label('message', message);
    const envelope: Envelope<T> = { msgId: this.#nextMsgId++, from, to, label, kind: 'message', message };
    this.#record({ node: from, kind: 'send', to, msgId: envelope.msgId, label: envelope.label, message });
    this.#transmit(envelope);
  }

  #reply(from: NodeId, client: ClientId, opId: number, response: T['response']): void {
    if (!this.#clients.has(client)) this.#fail(`${from} replied to unknown client "${client}"`);
    const label = this.#label('response', response);
    const envelope: Envelope<T> = { msgId: this.#nextMsgId++, from, to: client, label, kind: 'reply', opId, response };
    this.#record({ node: from, kind: 'reply', to: client, msgId: envelope.msgId, opId, label: envelope.label, ...this.#callNumbers.get(opId) });
    this.#transmit(envelope);
  }

  #transmit(envelope: Envelope<T>): void {
    const route = this.#network.route(envelope.from, envelope.to, this.#now);
    if (route.kind === 'drop') return this.#recordDrop(envelope, route.reason);
    const { msgId, label, to } = envelope;
    if (route.arrivalTicks.length > 1) {
      this.#record({ node: envelope.from, kind: 'duplicate', to, msgId, label });
      this.#duplicated.add(msgId);
    }
    for (const tick of route.arrivalTicks) this.#queue.push(tick, { kind: 'deliver', envelope });
  }

  #deliver(envelope: Envelope<T>): void {
    // A link cut while the message was in flight loses it too.
    if (this.#network.blocked(envelope.from, envelope.to)) return this.#recordDrop(envelope, 'partition');
    if (envelope.kind === 'reply') return this.#clientReply(envelope);
    const slot = this.#slot(envelope.to);
    if (!slot.up) return this.#recordDrop(envelope, 'crashed');
    const { from, msgId, label } = envelope;
    const message = envelope.kind === 'message' ? envelope.message : envelope.request;
    // Whichever copy arrives second is the duplicate, so the trace reads in arrival order.
    const duplicate = this.#deliveredOnce.delete(msgId);
    if (this.#duplicated.delete(msgId)) this.#deliveredOnce.add(msgId);
    this.#record({ node: slot.id, kind: 'deliver', from, msgId, label, duplicate, message });
    if (envelope.kind === 'message') return this.#step(slot, { kind: 'message', from, message: envelope.message });
    this.#step(slot, { kind: 'request', client: envelope.client, requestId: envelope.opId, request: envelope.request });
  }

  #recordDrop(envelope: Envelope<T>, reason: 'loss' | 'partition' | 'crashed'): void {
    const { to, from, msgId, label } = envelope;
    this.#record({ node: to, kind: 'drop', from, msgId, label, reason });
  }

  #addRule(rule: LinkRule): this {
    this.#network.addRule(rule);
    this.#record({ node: CLUSTER, kind: 'network', text: describeRule(rule) });
    return this;
  }

  // ── Clients ────────────────────────────────────────────────────────────────────────────────

  #addClient(spec: ClientSpec<T>, rng: Rng): void {
    const startTick = spec.startTick ?? 1;
    if (!Number.isInteger(startTick) || startTick < 1) throw new Error(`client ${spec.id}: startTick must be a whole number ≥ 1`);
    this.#clients.set(spec.id, new Client(spec, rng, this.#order));
    this.#queue.push(startTick, { kind: 'client-call', client: spec.id });
  }

  #clientCall(client: Client<T>): void {
    const issued = client.issue(this.#now, this.#nextOpId, this.#nextCall);
    if (!issued) return;
    const { call, operation, number } = issued;
    if (!this.#slots.has(call.to)) throw new Error(`client ${client.id} called unknown node "${call.to}"`);
    this.#nextOpId++;
    if (number.attempt === 1) this.#nextCall++;
    this.#callNumbers.set(operation.id, number);
    this.#history.push(operation);
    const envelope: Envelope<T> = {
      msgId: this.#nextMsgId++, from: client.id, to: call.to, label: this.#label('request', call.request),
      kind: 'request', opId: operation.id, client: client.id, request: deepFreeze(call.request),
    };
    const label = callLabel(call.op, call.args, call.key);
    this.#record({ node: client.id, kind: 'invoke', to: call.to, msgId: envelope.msgId, opId: operation.id, label, ...number });
    this.#transmit(envelope);
    if (call.timeoutTicks !== undefined) {
      const timeout = { kind: 'client-timeout', client: client.id, opId: operation.id, afterTicks: call.timeoutTicks } as const;
      this.#queue.push(this.#now + call.timeoutTicks, timeout);
    }
  }

  #clientReply(envelope: Envelope<T> & { kind: 'reply' }): void {
    const client = this.#client(envelope.to);
    const { from, msgId, opId, label } = envelope;
    if (!client.complete(opId, envelope.response, this.#now)) {
      return this.#record({ node: client.id, kind: 'ignore', from, msgId, opId, label, ...this.#callNumbers.get(opId) });
    }
    this.#record({ node: client.id, kind: 'return', from, msgId, opId, label, ...this.#callNumbers.get(opId) });
    this.#queue.push(this.#now + client.thinkTicks(), { kind: 'client-call', client: client.id });
  }

  #clientTimeout(client: Client<T>, opId: number, afterTicks: number): void {
    if (!client.giveUp(opId)) return;
    this.#record({ node: client.id, kind: 'timeout', opId, afterTicks, ...this.#callNumbers.get(opId) });
    this.#queue.push(this.#now + client.thinkTicks(), { kind: 'client-call', client: client.id });
  }

  // ── Injected faults ────────────────────────────────────────────────────────────────────────

  #injectFaults(): void {
    if (!this.#injector || this.#settledTick !== undefined) return;
    const down = new Set(this.#order.filter((id) => !this.#slot(id).up));
    for (const fault of this.#injector.plan(this.#order, down, this.#injectedRuleId !== undefined)) this.#inject(fault);
  }

  #inject(fault: PlannedFault): void {
    if (fault.kind === 'crash') {
      this.#crash(this.#slot(fault.node));
      this.#queue.push(this.#now + fault.downTicks, { kind: 'injected-restart', node: fault.node });
      return;
    }
    const rule: LinkRule = { kind: 'partition', from: fault.from, to: fault.to, oneWay: fault.oneWay };
    const ruleId = this.#network.addRule(rule);
    this.#injectedRuleId = ruleId;
    this.#record({ node: CLUSTER, kind: 'network', text: describeRule(rule) });
    this.#queue.push(this.#now + fault.durationTicks, { kind: 'injected-heal', ruleId, rule });
  }

  #liftInjectedRule(ruleId: number, rule: LinkRule): void {
    if (this.#injectedRuleId === ruleId) this.#injectedRuleId = undefined;
    // heal() may have lifted it already.
    if (this.#network.removeRule(ruleId)) this.#record({ node: CLUSTER, kind: 'network', text: `lift ${describeRule(rule)}` });
  }

  // ── Checks, failures, trace ────────────────────────────────────────────────────────────────

  #checkInvariants(): void {
    if (this.#invariants.length === 0) return;
    const view = this.view();
    for (const [name, invariant] of this.#invariants) {
      const problem = this.#callModel(`invariant "${name}"`, () => invariant(view));
      if (problem !== undefined) this.#fail(`invariant "${name}" violated: ${problem}`, 'invariant-violated');
    }
  }

  /** Runs model (or invariant) code; an exception there is a finding of the run, not a crash of the simulator. */
  #callModel<R>(where: string, run: () => R): R {
    try {
      return run();
    } catch (error) {
      if (error instanceof StopRun) throw error;
      return this.#fail(`${where} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #fail(message: string, kind: FailureKind = 'model-threw'): never {
    this.#failure ??= { kind, tick: this.#now, message };
    this.#record({ node: CLUSTER, kind: 'failure', text: message });
    throw new StopRun(message);
  }

  /**
   * Entry points (runUntil, and crash or restart called from a test) stop a failing run here. Nested
   * calls (a scenario action calling crash inside a tick) let the failure unwind to the outermost one,
   * so nothing else runs after it.
   */
  #guard(run: () => void): void {
    if (this.#failure) return;
    if (this.#inside) return run();
    this.#inside = true;
    try {
      run();
    } catch (error) {
      if (!(error instanceof StopRun)) throw error;
    } finally {
      this.#inside = false;
    }
  }

  #record(event: DistributiveOmit<TraceEvent, 'tick'>): void {
    this.#events.push({ tick: this.#now, ...event } as TraceEvent);
  }

  #label(what: 'message' | 'request' | 'response' | 'durable', value: unknown): string {
    const m = this.model;
    const custom =
      what === 'message' ? m.describeMessage?.(value)
      : what === 'request' ? m.describeRequest?.(value)
      : what === 'response' ? m.describeResponse?.(value)
      : m.describeDurable?.(value);
    return custom ?? compactLabel(value);
  }

  #slot(id: NodeId): Slot<T> {
    const slot = this.#slots.get(id);
    if (!slot) throw new Error(`unknown node "${id}"`);
    return slot;
  }

  #client(id: ClientId): Client<T> {
    const client = this.#clients.get(id);
    if (!client) throw new Error(`unknown client "${id}"`);
    return client;
  }

  #checkEndpoints(endpoints: readonly string[]): void {
    for (const e of endpoints) if (!this.#slots.has(e) && !this.#clients.has(e)) throw new Error(`unknown node or client "${e}"`);
  }
}

type DistributiveOmit<U, K extends PropertyKey> = U extends unknown ? Omit<U, K> : never;

function checkNames(nodes: readonly NodeId[], clients: readonly ClientId[]): void {
  if (nodes.length === 0) throw new Error('a cluster needs at least one node');
  const all = [...nodes, ...clients];
  const repeated = all.find((name, i) => all.indexOf(name) !== i);
  if (repeated !== undefined) throw new Error(`"${repeated}" is used twice: node and client names share one namespace`);
  if (all.some((name) => name === CLUSTER || name.trim() === '' || /\s/.test(name))) {
    throw new Error(`names must be non-empty, without spaces, and not "${CLUSTER}": ${all.join(', ')}`);
  }
}
