/**
 * The cluster: the nodes' memory and disks, the messages in flight, the link rules, the clients and
 * their history, the trace. `apply(event)` is the only way any of it changes, and `enabled()` lists
 * what could happen next; a scheduler picks (random.ts: seeded and timed, the way the tests run;
 * snippets/explore/: every choice, breadth first). Invariants are checked after every event.
 *
 * Given the same events in the same order it does exactly the same thing: the scheduler is the only
 * source of choice.
 */
import { complete, giveUp, issue, newClient, type CallNumber, type ClientSpec, type ClientState } from './client.ts';
import type { ClusterEvent, Envelope, InFlight, Scheduling } from './cluster-events.ts';
import type { ClusterView, Failure, FailureKind, Invariant, NodeView } from './cluster-view.ts';
import { deepFreeze } from './freeze.ts';
import type { ClientOperation, History } from './history.ts';
import { blocked, describeRule, type LinkRules } from './link-rules.ts';
import type { DropReason } from './network.ts';
import { CLUSTER, callLabel, compactLabel, type Trace, type TraceEvent } from './trace.ts';
import type { ClientId, Effect, Input, Model, ModelTypes, NodeId } from './types.ts';
import { unreachable } from './unreachable.ts';

export interface ClusterOptions<T extends ModelTypes> {
  readonly model: Model<T>;
  /** Node names in cluster order: the order of `peers`, of trace columns and of diagram participants. */
  readonly nodes: readonly NodeId[];
  readonly config: T['config'];
  readonly clients?: ReadonlyArray<ClientSpec<T>>;
  /** Checked after every event, by name. */
  readonly invariants?: Readonly<Record<string, Invariant<T>>>;
  /** Shown in the trace (the random scheduler's seed). */
  readonly seed: number;
  /** false: record no trace (the explorer replays the one path it reports, with the trace on). */
  readonly trace?: boolean;
  /**
   * How new states, effects and requests are frozen (default `deepFreeze`). The explorer passes one that
   * also fingerprints each new object as it freezes it, in the one walk over what is new.
   */
  readonly freeze?: <V>(value: V) => V;
  /**
   * Messages in flight at once above which the run fails as a message storm (default
   * `DEFAULT_MAX_IN_FLIGHT`). A model that answers every copy of a duplicated message with new sends
   * multiplies its traffic without bound; without this limit such a run does not fail, it only slows
   * down, and a suite of seeds stalls for hours instead of naming the seed.
   */
  readonly maxInFlight?: number;
}

/**
 * Far above any correct model's need: the busiest seeds of every default suite keep a few dozen
 * messages in flight (3 to 5 nodes, 2 to 4 clients, delays of at most tens of ticks).
 */
export const DEFAULT_MAX_IN_FLIGHT = 1000;

/** One node: memory (while up) and disk. Replaced, never changed, so a snapshot can share it. */
export interface NodeRecord<T extends ModelTypes> {
  readonly up: boolean;
  readonly state: T['state'] | undefined;
  readonly durable: T['durable'] | undefined;
}

/** Everything that decides what the cluster does next, as shared immutable parts; the trace is left out. */
export interface ClusterSnapshot<T extends ModelTypes> {
  readonly nodes: ReadonlyArray<NodeRecord<T>>;
  readonly clients: readonly ClientState[];
  readonly inFlight: ReadonlyArray<InFlight<T>>;
  readonly history: History;
  readonly rules: LinkRules;
  readonly counters: readonly [now: number, handled: number, msgId: number, copy: number, opId: number, call: number];
  readonly settledTick: number | undefined;
  readonly failure: Failure | undefined;
}

/** Thrown to unwind an event when the run fails; `apply` catches it. */
class StopRun extends Error {}

export class Cluster<T extends ModelTypes> {
  readonly model: Model<T>;
  readonly order: readonly NodeId[];
  readonly seed: number;
  readonly #config: T['config'];
  readonly #index = new Map<NodeId, number>();
  readonly #peers: ReadonlyArray<readonly NodeId[]>;
  readonly #specs: ReadonlyMap<ClientId, ClientSpec<T>>;
  readonly #clientIndex = new Map<ClientId, number>();
  readonly #invariants: ReadonlyArray<[string, Invariant<T>]>;
  readonly #scheduling: Scheduling<T>;
  readonly #tracing: boolean;
  readonly #freeze: <V>(value: V) => V;
  readonly #maxInFlight: number;
  #nodes: Array<NodeRecord<T>>;
  #clients: ClientState[];
  #inFlight: Array<InFlight<T>> = [];
  #history: ClientOperation[] = [];
  #rules: LinkRules = [];
  #now = 0;
  /** Events handled so far: the run's one total order (history's invokeOrder and returnOrder). */
  #handled = 0;
  #nextMsgId = 1;
  #nextCopy = 1;
  #nextOpId = 1;
  #nextCall = 1;
  #settledTick: number | undefined;
  #failure: Failure | undefined;
  #lastStepEffects: number | undefined;
  #lastStepLastPersist = -1;
  // The trace and what only it needs.
  readonly #events: TraceEvent[] = [];
  readonly #callNumbers = new Map<number, CallNumber>();
  /** Messages the network copied, until one copy is delivered; then until the other is. */
  readonly #duplicated = new Set<number>();
  readonly #deliveredOnce = new Set<number>();

  constructor(options: ClusterOptions<T>, scheduling: Scheduling<T>) {
    const clients = options.clients ?? [];
    checkNames(options.nodes, clients.map((c) => c.id));
    this.model = options.model;
    this.order = [...options.nodes];
    this.seed = options.seed;
    this.#config = options.config;
    this.#scheduling = scheduling;
    this.#tracing = options.trace ?? true;
    this.#freeze = options.freeze ?? deepFreeze;
    this.#maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.#invariants = Object.entries(options.invariants ?? {});
    this.order.forEach((id, i) => this.#index.set(id, i));
    this.#peers = this.order.map((id) => this.order.filter((other) => other !== id));
    this.#nodes = this.order.map((id, i) => ({ up: true, state: this.#freeze(this.model.init(id, this.#peers[i]!, this.#config)), durable: undefined }));
    this.#specs = new Map(clients.map((spec) => [spec.id, spec]));
    clients.forEach((spec, i) => this.#clientIndex.set(spec.id, i));
    this.#clients = clients.map((spec) => newClient(spec.id));
  }

  get now(): number {
    return this.#now;
  }

  get failure(): Failure | undefined {
    return this.#failure;
  }

  get settledTick(): number | undefined {
    return this.#settledTick;
  }

  get history(): History {
    return this.#history;
  }

  get rules(): LinkRules {
    return this.#rules;
  }

  get inFlight(): ReadonlyArray<InFlight<T>> {
    return this.#inFlight;
  }

  get clients(): readonly ClientState[] {
    return this.#clients;
  }

  /** The nodes as they are now (memory and disk), shared with snapshots: read them, never change them. */
  get nodeRecords(): ReadonlyArray<NodeRecord<T>> {
    return this.#nodes;
  }

  /** The id the next client operation gets (requests carry it, so it is part of the state). */
  get nextOpId(): number {
    return this.#nextOpId;
  }

  /** How many effects the last event's node step emitted (undefined when it stepped no node). */
  get lastStepEffects(): number | undefined {
    return this.#lastStepEffects;
  }

  /** The index of the last `persist` among the last step's effects, or -1 (a crash cut only matters if it skips one). */
  get lastStepLastPersist(): number {
    return this.#lastStepLastPersist;
  }

  get trace(): Trace {
    const clients = [...this.#specs.keys()];
    return { model: this.model.name, seed: this.seed, nodes: this.order, clients, events: this.#events };
  }

  isUp(node: NodeId): boolean {
    return this.#node(node).up;
  }

  /** A node's memory (undefined while it is down). */
  stateOf(node: NodeId): T['state'] | undefined {
    return this.#node(node).state;
  }

  view(): ClusterView<T> {
    const nodes = this.order.map((id, i): NodeView<T> => {
      const node = this.#nodes[i]!;
      return node.up ? { id, up: true, state: node.state, durable: node.durable } : { id, up: false, state: undefined, durable: node.durable };
    });
    return { tick: this.#now, nodes, history: this.#history, settledTick: this.#settledTick };
  }

  /** What could happen now, besides rule changes and the clock: every delivery, loss, copy, tick, call, timeout, crash and restart. */
  enabled(): ClusterEvent[] {
    if (this.#failure) return [];
    const events: ClusterEvent[] = [];
    for (const { copy } of this.#inFlight) events.push({ kind: 'deliver', copy });
    this.order.forEach((node, i) => events.push(this.#nodes[i]!.up ? { kind: 'tick', node } : { kind: 'restart', node }));
    for (const client of this.#clients) {
      if (client.ready) events.push({ kind: 'call', client: client.id });
      if (client.pending && client.timeoutTicks !== undefined) events.push({ kind: 'timeout', client: client.id, opId: client.pending.id });
    }
    this.order.forEach((node, i) => this.#nodes[i]!.up && events.push({ kind: 'crash', node }));
    for (const { copy } of this.#inFlight) events.push({ kind: 'lose', copy }, { kind: 'duplicate', copy });
    return events;
  }

  // ── Applying events ─────────────────────────────────────────────────────────────────────────

  /** Applies one event, then checks every invariant. After a failure, events change nothing. */
  apply(event: ClusterEvent): void {
    if (this.#failure) return;
    this.#handled++;
    this.#lastStepEffects = undefined;
    try {
      this.#handle(event);
      if (WATCHED.has(event.kind)) this.#checkInvariants();
    } catch (error) {
      if (!(error instanceof StopRun)) throw error;
    }
  }

  #handle(event: ClusterEvent): void {
    switch (event.kind) {
      case 'clock':
        if (!Number.isInteger(event.tick) || event.tick < this.#now) throw new Error(`clock: tick ${event.tick} is before now (${this.#now})`);
        this.#now = event.tick;
        return;
      case 'deliver':
        return this.#deliver(this.#take(event.copy), event.crashAfter);
      case 'lose':
        return this.#recordDrop(this.#take(event.copy).envelope, 'loss');
      case 'duplicate':
        return this.#duplicate(this.#find(event.copy));
      case 'tick':
        if (!this.#node(event.node).up) throw new Error(`tick: ${event.node} is down`);
        return this.#step(event.node, { kind: 'tick' }, event.crashAfter);
      case 'call':
        return this.#call(event.client);
      case 'timeout':
        return this.#timeout(event.client, event.opId);
      case 'crash':
        if (!this.#node(event.node).up) throw new Error(`crash(${event.node}): it is already down`);
        return this.#crash(event.node);
      case 'restart':
        if (this.#node(event.node).up) throw new Error(`restart(${event.node}): it is up`);
        return this.#restart(event.node, event.crashAfter);
      case 'cut':
        this.#rules = [...this.#rules, event.rule];
        return this.#record({ node: CLUSTER, kind: 'network', text: describeRule(event.rule) });
      case 'lift':
        if (!this.#rules.includes(event.rule)) return;
        this.#rules = this.#rules.filter((rule) => rule !== event.rule);
        return this.#record({ node: CLUSTER, kind: 'network', text: `lift ${describeRule(event.rule)}` });
      case 'heal':
        this.#rules = [];
        return this.#record({ node: CLUSTER, kind: 'network', text: 'heal' });
      case 'rates':
        return this.#record({ node: CLUSTER, kind: 'network', text: event.text });
      case 'settle':
        this.#settledTick = this.#now;
        return this.#record({ node: CLUSTER, kind: 'phase', text: 'settle: heal links, restart crashed nodes, stop faults' });
      case 'fail':
        return this.#fail(event.message, event.failure);
      default:
        return unreachable(event, 'cluster event');
    }
  }

  // ── Nodes ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Feeds one input to a live node and applies what it asks, in order; with `crashAfter` (or if the
   * scheduler's `cutStep` says so), only that many before it crashes.
   */
  #step(id: NodeId, input: Input<T>, crashAfter?: number): void {
    const i = this.#index.get(id)!;
    const node = this.#nodes[i]!;
    const result = this.#callModel(`${id} on ${input.kind}`, () => this.model.step(node.state, input));
    this.#nodes[i] = { ...node, state: this.#freeze(result.state) };
    const effects = this.#freeze(result.effects);
    this.#lastStepEffects = effects.length;
    this.#lastStepLastPersist = effects.findLastIndex((effect) => effect.kind === 'persist');
    if (input.kind === 'tick' && effects.length > 0) this.#record({ node: id, kind: 'timer', effects: effects.length });
    const cut = crashAfter ?? (effects.length > 0 ? this.#scheduling.cutStep?.(id, effects.length) : undefined);
    const applied = cut === undefined ? effects.length : Math.min(cut, effects.length);
    for (let k = 0; k < applied; k++) this.#effect(id, effects[k]!);
    if (cut !== undefined) this.#crash(id, { afterEffects: applied, of: effects.length });
  }

  #effect(id: NodeId, effect: Effect<T>): void {
    switch (effect.kind) {
      case 'send':
        return this.#send(id, effect.to, effect.message);
      case 'reply':
        return this.#reply(id, effect.client, effect.requestId, effect.response);
      case 'persist': {
        const i = this.#index.get(id)!;
        this.#nodes[i] = { ...this.#nodes[i]!, durable: effect.durable };
        return this.#record({ node: id, kind: 'persist', label: this.#label('durable', effect.durable) });
      }
      case 'note':
        return this.#record({ node: id, kind: 'note', text: effect.text });
      default:
        return unreachable(effect, 'effect');
    }
  }

  #crash(id: NodeId, cut?: { afterEffects: number; of: number }): void {
    const i = this.#index.get(id)!;
    this.#nodes[i] = { up: false, state: undefined, durable: this.#nodes[i]!.durable };
    this.#record({ node: id, kind: 'crash', ...(cut ? { afterEffects: cut.afterEffects, of: cut.of } : {}) });
    const doomed = this.#inFlight.filter((f) => f.envelope.to === id);
    if (doomed.length === 0) return;
    this.#inFlight = this.#inFlight.filter((f) => f.envelope.to !== id);
    for (const { envelope } of this.#scheduling.cancel(doomed)) this.#recordDrop(envelope, 'crashed');
  }

  #restart(id: NodeId, crashAfter?: number): void {
    const i = this.#index.get(id)!;
    const { durable } = this.#nodes[i]!;
    const recovered = this.#callModel(`${id} on recover`, () => this.model.recover(id, this.#peers[i]!, this.#config, durable));
    this.#nodes[i] = { up: true, state: this.#freeze(recovered), durable };
    this.#record({ node: id, kind: 'restart', fromDurable: durable !== undefined });
    this.#step(id, { kind: 'restart' }, crashAfter);
  }

  // ── Network ────────────────────────────────────────────────────────────────────────────────

  #send(from: NodeId, to: NodeId, message: T['message']): void {
    if (!this.#index.has(to)) this.#fail(`${from} sent to unknown node "${to}"`);
    const envelope: Envelope<T> = { msgId: this.#nextMsgId++, from, to, kind: 'message', message };
    this.#record({ node: from, kind: 'send', to, msgId: envelope.msgId, label: this.#label('message', message), message });
    this.#transmit(envelope);
  }

  #reply(from: NodeId, client: ClientId, opId: number, response: T['response']): void {
    if (!this.#specs.has(client)) this.#fail(`${from} replied to unknown client "${client}"`);
    const envelope: Envelope<T> = { msgId: this.#nextMsgId++, from, to: client, kind: 'reply', opId, response };
    this.#record({ node: from, kind: 'reply', to: client, msgId: envelope.msgId, opId, label: this.#label('response', response), ...this.#callNumbers.get(opId) });
    this.#transmit(envelope);
  }

  #transmit(envelope: Envelope<T>): void {
    if (blocked(this.#rules, envelope.from, envelope.to)) return this.#recordDrop(envelope, 'partition');
    const fate = this.#scheduling.send(envelope);
    if (fate.lost) return this.#recordDrop(envelope, 'loss');
    if (fate.copies > 1) this.#markDuplicated(envelope);
    this.#putInFlight(envelope, fate.copies);
  }

  #duplicate({ envelope }: InFlight<T>): void {
    this.#markDuplicated(envelope);
    this.#putInFlight(envelope, 1);
  }

  #markDuplicated(envelope: Envelope<T>): void {
    this.#record({ node: envelope.from, kind: 'duplicate', to: envelope.to, msgId: envelope.msgId, label: this.#envelopeLabel(envelope) });
    this.#duplicated.add(envelope.msgId);
  }

  #putInFlight(envelope: Envelope<T>, count: number): void {
    const copies = Array.from({ length: count }, () => ({ copy: this.#nextCopy++, envelope }));
    this.#inFlight = [...this.#inFlight, ...copies];
    if (this.#inFlight.length > this.#maxInFlight) {
      this.#fail(`message storm: ${this.#inFlight.length} messages in flight at once (the limit is ${this.#maxInFlight}); the last sent: ${envelope.from} → ${envelope.to} ${this.#envelopeLabel(envelope)}`, 'message-storm');
    }
    this.#scheduling.inFlight(copies);
  }

  #deliver({ envelope }: InFlight<T>, crashAfter: number | undefined): void {
    // A link cut while the message was in flight loses it too.
    if (blocked(this.#rules, envelope.from, envelope.to)) return this.#recordDrop(envelope, 'partition');
    if (envelope.kind === 'reply') return this.#clientReply(envelope);
    if (!this.#node(envelope.to).up) return this.#recordDrop(envelope, 'crashed');
    const { from, msgId } = envelope;
    if (this.#tracing) {
      // Whichever copy arrives second is the duplicate, so the trace reads in arrival order.
      const duplicate = this.#deliveredOnce.delete(msgId);
      if (this.#duplicated.delete(msgId)) this.#deliveredOnce.add(msgId);
      const message = envelope.kind === 'message' ? envelope.message : envelope.request;
      this.#record({ node: envelope.to, kind: 'deliver', from, msgId, label: this.#envelopeLabel(envelope), duplicate, message });
    }
    this.#step(envelope.to, inputOf(envelope), crashAfter);
  }

  #recordDrop(envelope: Envelope<T>, reason: DropReason): void {
    const { to, from, msgId } = envelope;
    if (this.#tracing) this.#record({ node: to, kind: 'drop', from, msgId, label: this.#envelopeLabel(envelope), reason });
  }

  /** Removes a copy from flight. */
  #take(copy: number): InFlight<T> {
    const found = this.#find(copy);
    this.#inFlight = this.#inFlight.filter((f) => f !== found);
    return found;
  }

  #find(copy: number): InFlight<T> {
    const found = this.#inFlight.find((f) => f.copy === copy);
    if (!found) throw new Error(`no message copy ${copy} in flight`);
    return found;
  }

  // ── Clients ────────────────────────────────────────────────────────────────────────────────

  #call(id: ClientId): void {
    const i = this.#clientIndexOf(id);
    const client = this.#clients[i]!;
    if (!client.ready) throw new Error(`call: client ${id} is not ready to call`);
    const rng = this.#scheduling.clientRng(id);
    const issued = issue(this.#specs.get(id)!, client, { tick: this.#now, order: this.#handled, opId: this.#nextOpId, nextCall: this.#nextCall, nodes: this.order, rng });
    this.#clients[i] = issued.state;
    if (issued.call === undefined) return;
    const { call, operation, number } = issued;
    if (!this.#index.has(call.to)) throw new Error(`client ${id} called unknown node "${call.to}"`);
    this.#nextOpId++;
    if (number.attempt === 1) this.#nextCall++;
    if (this.#tracing) this.#callNumbers.set(operation.id, number);
    this.#history = [...this.#history, operation];
    const envelope: Envelope<T> = { msgId: this.#nextMsgId++, from: id, to: call.to, kind: 'request', opId: operation.id, client: id, request: this.#freeze(call.request) };
    this.#record({ node: id, kind: 'invoke', to: call.to, msgId: envelope.msgId, opId: operation.id, label: callLabel(call.op, call.args, call.key), ...number });
    this.#transmit(envelope);
    if (call.timeoutTicks !== undefined) this.#scheduling.timeoutArmed(id, operation.id, call.timeoutTicks);
  }

  #clientReply(envelope: Envelope<T> & { kind: 'reply' }): void {
    const i = this.#clientIndexOf(envelope.to);
    const { from, msgId, opId } = envelope;
    const done = complete(this.#clients[i]!, opId, envelope.response, this.#now, this.#handled);
    const label = this.#tracing ? this.#envelopeLabel(envelope) : '';
    if (!done) return this.#record({ node: envelope.to, kind: 'ignore', from, msgId, opId, label, ...this.#callNumbers.get(opId) });
    this.#clients[i] = done.state;
    this.#history = this.#history.map((op) => (op.id === opId ? done.operation : op));
    this.#record({ node: envelope.to, kind: 'return', from, msgId, opId, label, ...this.#callNumbers.get(opId) });
    this.#scheduling.clientReady(envelope.to);
  }

  #timeout(id: ClientId, opId: number): void {
    const i = this.#clientIndexOf(id);
    const client = this.#clients[i]!;
    const afterTicks = client.timeoutTicks ?? 0;
    const next = giveUp(client, opId);
    if (!next) return;
    this.#clients[i] = next;
    this.#record({ node: id, kind: 'timeout', opId, afterTicks, ...this.#callNumbers.get(opId) });
    this.#scheduling.clientReady(id);
  }

  // ── Snapshots (for the explorer: copy a state, try an event, go back) ──────────────────────

  snapshot(): ClusterSnapshot<T> {
    return {
      nodes: [...this.#nodes],
      clients: [...this.#clients],
      inFlight: this.#inFlight,
      history: this.#history,
      rules: this.#rules,
      counters: [this.#now, this.#handled, this.#nextMsgId, this.#nextCopy, this.#nextOpId, this.#nextCall],
      settledTick: this.#settledTick,
      failure: this.#failure,
    };
  }

  /** Puts the cluster back in a snapshot's state. The trace is not part of it: restore only an untraced cluster. */
  restore(snapshot: ClusterSnapshot<T>): void {
    if (this.#tracing) throw new Error('restore: a traced cluster cannot go back (its trace would lie); replay the events instead');
    this.#nodes = [...snapshot.nodes];
    this.#clients = [...snapshot.clients];
    this.#inFlight = snapshot.inFlight as Array<InFlight<T>>;
    this.#history = snapshot.history as ClientOperation[];
    this.#rules = snapshot.rules;
    [this.#now, this.#handled, this.#nextMsgId, this.#nextCopy, this.#nextOpId, this.#nextCall] = snapshot.counters;
    this.#settledTick = snapshot.settledTick;
    this.#failure = snapshot.failure;
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

  #record(event: DistributiveOmit<TraceEvent, 'tick'>): void {
    if (this.#tracing) this.#events.push({ tick: this.#now, ...event } as TraceEvent);
  }

  #envelopeLabel(envelope: Envelope<T>): string {
    return this.#tracing ? envelopeLabel(this.model, envelope) : '';
  }

  #label(what: 'message' | 'request' | 'response' | 'durable', value: unknown): string {
    return this.#tracing ? describeValue(this.model, what, value) : '';
  }

  #node(id: NodeId): NodeRecord<T> {
    const i = this.#index.get(id);
    if (i === undefined) throw new Error(`unknown node "${id}"`);
    return this.#nodes[i]!;
  }

  #clientIndexOf(id: ClientId): number {
    const i = this.#clientIndex.get(id);
    if (i === undefined) throw new Error(`unknown client "${id}"`);
    return i;
  }
}

/** How the trace names a message on the wire (and the player labels one in flight): the model's `describe…` hook for its kind, or compact JSON. */
export function envelopeLabel<T extends ModelTypes>(model: Model<T>, envelope: Envelope<T>): string {
  switch (envelope.kind) {
    case 'message':
      return describeValue(model, 'message', envelope.message);
    case 'request':
      return describeValue(model, 'request', envelope.request);
    case 'reply':
      return describeValue(model, 'response', envelope.response);
  }
}

function describeValue<T extends ModelTypes>(model: Model<T>, what: 'message' | 'request' | 'response' | 'durable', value: unknown): string {
  const custom =
    what === 'message' ? model.describeMessage?.(value)
    : what === 'request' ? model.describeRequest?.(value)
    : what === 'response' ? model.describeResponse?.(value)
    : model.describeDurable?.(value);
  return custom ?? compactLabel(value);
}

/** The events after which invariants run: every one that changes what they see (nodes, disks, history, phase). */
const WATCHED = new Set<ClusterEvent['kind']>(['deliver', 'tick', 'call', 'timeout', 'crash', 'restart', 'settle']);

function inputOf<T extends ModelTypes>(envelope: Envelope<T>): Input<T> {
  switch (envelope.kind) {
    case 'message':
      return { kind: 'message', from: envelope.from, message: envelope.message };
    case 'request':
      return { kind: 'request', client: envelope.client, requestId: envelope.opId, request: envelope.request };
    case 'reply':
      throw new Error('a reply goes to a client, not a node');
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
