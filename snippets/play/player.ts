/**
 * The player: a third way to drive the cluster (after the seeded random scheduler and the explorer),
 * where the reader decides. The seeded RandomScheduler still decides when messages arrive and clients
 * call, so a seed means the same thing here as in `npm run snippet`; the reader's actions
 * (actions.ts) are applied between its events, each right after a given step.
 *
 * A step is one cluster event that shows in the trace (a delivery, a timer that fired, a crash, a
 * client's call...); events that change nothing visible, such as a node's silent tick or the clock,
 * are folded into the next step. The player records a frame after each step, so stepping back is
 * exact: it shows the state that a fresh run of the same spec reaches at that step (tests prove it).
 * Adding an action at step k replays the run from the seed with the new list of actions.
 */
import { Cluster } from '../sim/cluster.ts';
import type { ClusterEvent, InFlight, Scheduling } from '../sim/cluster-events.ts';
import { ClusterControls } from '../sim/controls.ts';
import type { LinkRule, LinkRules } from '../sim/link-rules.ts';
import { RandomScheduler } from '../sim/random-scheduler.ts';
import { Rng, type Call, type ClientSpec, type ClusterView, type Failure, type ModelTypes, type NodeId, type Trace } from '../sim/index.ts';
import { READER, type PlayAction } from './actions.ts';
import { scenarioOf, variantOf, type PlayDescriptor, type ScenarioControls } from './descriptor.ts';
import type { PlaySpec } from './url.ts';

/** The run after one step (and after the reader's actions at that step). */
export interface Frame<T extends ModelTypes> {
  readonly step: number;
  readonly tick: number;
  readonly view: ClusterView<T>;
  readonly inFlight: ReadonlyArray<InFlight<T>>;
  readonly rules: LinkRules;
  /** How many trace events the run had recorded then (the trace up to this step is `trace.events.slice(0, traceLength)`). */
  readonly traceLength: number;
  readonly failure: Failure | undefined;
}

/** A reader's action that could not apply when its step came (crash a node that is down...). */
export interface Ignored {
  readonly action: PlayAction;
  readonly reason: string;
}

/** Reports each applied event, so the player can count steps; events applied from inside the hook are reported too. */
class SteppedCluster<T extends ModelTypes> extends Cluster<T> {
  onApplied: (traceGrew: boolean) => void = () => {};

  override apply(event: ClusterEvent): void {
    const before = this.trace.events.length;
    super.apply(event);
    this.onApplied(this.trace.events.length > before);
  }
}

export type RunSpec = Omit<PlaySpec, 'step'>;

export class PlayRun<T extends ModelTypes> {
  readonly spec: RunSpec;
  readonly ignored: Ignored[] = [];
  readonly #descriptor: PlayDescriptor<T>;
  readonly #cluster: SteppedCluster<T>;
  readonly #scheduler: RandomScheduler<T>;
  readonly #controls: ClusterControls<T>;
  readonly #frames: Array<Frame<T>> = [];
  /** Actions not applied yet, in step order. */
  readonly #actions: PlayAction[];
  /** Rules set by `drop` actions, lifted once they drop a message. */
  #drops: Array<{ rule: LinkRule; from: string; to: string }> = [];
  /** The call the reader's client makes when it is next told to call. */
  #readerCall: Call<T> | undefined;
  #readerCalls = 0;
  /** How many operations had returned when the history was last checked. */
  #returnsChecked = 0;
  #scanned = 0;
  #inAction = false;
  #ended = false;

  constructor(descriptor: PlayDescriptor<T>, spec: RunSpec) {
    this.spec = spec;
    this.#descriptor = descriptor;
    const scenario = scenarioOf(descriptor, spec.scenario);
    const variant = variantOf(descriptor, spec.variant);
    this.#actions = [...spec.actions].sort((a, b) => a.at - b.at);
    const clients = scenario.clients();
    const options = {
      model: descriptor.model,
      nodes: scenario.nodes,
      config: variant ? variant.config(scenario.config) : scenario.config,
      seed: spec.seed,
      clients,
      invariants: { ...descriptor.invariants(), ...scenario.invariants?.() },
      ...(scenario.network ? { network: scenario.network } : {}),
      ...(scenario.faults ? { faults: scenario.faults } : {}),
    };
    this.#scheduler = new RandomScheduler<T>(options);
    // The reader's client joins only runs it calls in, so every other run (and its diagram) is the scenario's own.
    const reader = descriptor.clientCalls && spec.actions.some((a) => a.kind === 'call') ? [this.#readerSpec()] : [];
    this.#cluster = new SteppedCluster<T>({ ...options, clients: [...clients, ...reader] }, this.#scheduling(reader.length > 0));
    this.#scheduler.drive(this.#cluster);
    this.#controls = new ClusterControls(this.#cluster, this.#scheduler);
    this.#cluster.onApplied = (grew) => this.#applied(grew);
    // What the scenario sets before tick 1 (a partition, say) is part of step 0, not a step of its own.
    this.#inAction = true;
    scenario.setup?.(this.#scenarioControls());
    this.#inAction = false;
    this.#applyActionsAt(0);
    this.#record(0);
  }

  get trace(): Trace {
    return this.#cluster.trace;
  }

  /** The model's node order. */
  get nodes(): readonly NodeId[] {
    return this.#cluster.order;
  }

  /** Steps recorded so far (the run goes on lazily, as far as asked). */
  get recorded(): number {
    return this.#frames.length - 1;
  }

  /** True once the run cannot go on: an invariant or the history check broke, the model threw, or it reached the descriptor's maxTicks. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The frame after `step`, running as far as needed; the last one if the run ended before it. */
  frame(step: number): Frame<T> {
    while (this.#frames.length <= step && !this.#ended) this.#runTick();
    return this.#frames[Math.min(step, this.#frames.length - 1)]!;
  }

  #runTick(): void {
    if (this.#cluster.failure || this.#cluster.now >= this.#descriptor.maxTicks) {
      this.#ended = true;
      return;
    }
    this.#scheduler.runTick(this.#cluster.now + 1);
    if (this.#cluster.failure) this.#ended = true;
  }

  #applied(traceGrew: boolean): void {
    this.#watchDrops();
    if (this.#inAction || !traceGrew) return;
    const step = this.#frames.length;
    this.#checkHistory();
    this.#applyActionsAt(step);
    this.#record(step);
  }

  #record(step: number): void {
    const c = this.#cluster;
    this.#frames.push({ step, tick: c.now, view: c.view(), inFlight: c.inFlight, rules: c.rules, traceLength: c.trace.events.length, failure: c.failure });
  }

  /** Runs the descriptor's history check once more calls have returned; a violation fails the run at this step. */
  #checkHistory(): void {
    const check = this.#descriptor.checkHistory;
    const history = this.#cluster.history;
    if (!check || this.#cluster.failure) return;
    const returns = history.reduce((n, op) => n + (op.returnTick === undefined ? 0 : 1), 0);
    if (returns === this.#returnsChecked) return;
    this.#returnsChecked = returns;
    const problem = check(history);
    if (problem !== undefined) this.#quietly(() => this.#cluster.apply({ kind: 'fail', message: problem, failure: 'invariant-violated' }));
  }

  #applyActionsAt(step: number): void {
    while (this.#actions.length > 0 && this.#actions[0]!.at <= step) {
      const action = this.#actions.shift()!;
      try {
        if (this.#cluster.failure) throw new Error('the run has already failed');
        this.#quietly(() => this.#apply(action));
      } catch (error) {
        this.ignored.push({ action, reason: error instanceof Error ? error.message : String(error) });
      }
      this.#watchDrops();
    }
  }

  /** Runs `change` without counting the events it applies as steps: they belong to the step under way. */
  #quietly(change: () => void): void {
    const inAction = this.#inAction;
    this.#inAction = true;
    try {
      change();
    } finally {
      this.#inAction = inAction;
    }
  }

  #apply(action: PlayAction): void {
    const controls = this.#controls;
    switch (action.kind) {
      case 'crash':
        return controls.crash(action.node);
      case 'restart':
        return controls.restart(action.node);
      case 'isolate':
        return void controls.isolate(action.node);
      case 'partition':
        return void controls.partition(action.groups[0], action.groups[1]);
      case 'heal':
        this.#drops = [];
        return controls.heal();
      case 'drop': {
        controls.checkEndpoints([action.from, action.to]);
        if (action.from === action.to) throw new Error(`drop: ${action.from} → ${action.to} is not a link`);
        const rule = controls.cut({ kind: 'partition', from: [action.from], to: [action.to], oneWay: true });
        this.#drops.push({ rule, from: action.from, to: action.to });
        return;
      }
      case 'rates':
        return controls.setNetworkFaults({ lossProbability: action.lossPercent / 100, duplicateProbability: action.duplicatePercent / 100 });
      case 'call':
        return this.#readerCallsOut(action);
    }
  }

  /** The reader's client makes its call now, if the model offers it and the client is not waiting for an answer. */
  #readerCallsOut(action: Extract<PlayAction, { kind: 'call' }>): void {
    const offered = this.#descriptor.clientCalls?.find((c) => c.id === action.call);
    if (!offered) throw new Error(`call: the model offers no call "${action.call}" (${(this.#descriptor.clientCalls ?? []).map((c) => c.id).join(', ') || 'none'})`);
    this.#controls.checkEndpoints([action.to]);
    if (!this.#cluster.order.includes(action.to)) throw new Error(`call: "${action.to}" is not a node`);
    const you = this.#cluster.clients.find((c) => c.id === READER)!;
    if (you.pending) throw new Error(`call: you are still waiting for the answer to your last call`);
    this.#readerCall = offered.call(READER, action.to, action.value ?? 0, ++this.#readerCalls);
    try {
      this.#cluster.apply({ kind: 'call', client: READER });
    } finally {
      this.#readerCall = undefined;
    }
  }

  #readerSpec(): ClientSpec<T> {
    return { id: READER, workload: () => this.#readerCall };
  }

  /**
   * What the cluster tells its scheduler. The reader's client, if there is one, is not the
   * scheduler's: it calls when the reader says, so the seeded streams of every other client stay as
   * they are without it.
   */
  #scheduling(withReader: boolean): Scheduling<T> {
    const scheduler = this.#scheduler;
    if (!withReader) return scheduler;
    const readerRng = new Rng(0);
    return {
      send: (envelope) => scheduler.send(envelope),
      inFlight: (copies) => scheduler.inFlight(copies),
      cancel: (copies) => scheduler.cancel(copies),
      clientRng: (client) => (client === READER ? readerRng : scheduler.clientRng(client)),
      clientReady: (client) => (client === READER ? undefined : scheduler.clientReady(client)),
      timeoutArmed: (client, opId, afterTicks) => scheduler.timeoutArmed(client, opId, afterTicks),
      // Passed on too: without it a run with a reader's call would stop crashing between effects and shift the injector's stream.
      ...(scheduler.cutStep ? { cutStep: scheduler.cutStep.bind(scheduler) } : {}),
    };
  }

  /** A `drop` rule has done its job once its link dropped a message: lift it. */
  #watchDrops(): void {
    const events = this.#cluster.trace.events;
    const from = this.#scanned;
    this.#scanned = events.length;
    if (this.#drops.length === 0) return;
    for (let i = from; i < events.length; i++) {
      const e = events[i]!;
      if (e.kind !== 'drop' || e.reason !== 'partition') continue;
      const done = this.#drops.find((d) => d.from === e.from && d.to === e.node);
      if (!done) continue;
      this.#drops = this.#drops.filter((d) => d !== done);
      this.#quietly(() => this.#controls.lift(done.rule));
    }
  }

  /** The Simulator's calls a scenario script uses, on this run (ScenarioControls). */
  #scenarioControls(): ScenarioControls<T> {
    const cluster = this.#cluster;
    const scheduler = this.#scheduler;
    const c = this.#controls;
    const controls: ScenarioControls<T> = {
      get now() {
        return cluster.now;
      },
      view: () => cluster.view(),
      at: (tick, run) => {
        scheduler.at(tick, () => run(controls));
        return controls;
      },
      crash: (node) => (c.crash(node), controls),
      restart: (node) => (c.restart(node), controls),
      isolate: (node) => (c.isolate(node), controls),
      partition: (from, to, options = {}) => (c.partition(from, to, options), controls),
      heal: () => (c.heal(), controls),
    };
    return controls;
  }
}

/**
 * The reader's session: a run, the step shown, and the actions taken. Adding an action drops the
 * actions after the current step (like typing after an undo) and replays from the seed.
 */
export class Player<T extends ModelTypes> {
  readonly descriptor: PlayDescriptor<T>;
  #run: PlayRun<T>;
  #step: number;

  constructor(descriptor: PlayDescriptor<T>, spec: PlaySpec) {
    this.descriptor = descriptor;
    this.#run = new PlayRun(descriptor, spec);
    this.#step = this.#run.frame(spec.step).step;
  }

  get run(): PlayRun<T> {
    return this.#run;
  }

  get step(): number {
    return this.#step;
  }

  get frame(): Frame<T> {
    return this.#run.frame(this.#step);
  }

  get spec(): PlaySpec {
    return { ...this.#run.spec, step: this.#step };
  }

  /** Whether a step forward would change anything. */
  get atEnd(): boolean {
    return this.#run.frame(this.#step + 1).step === this.#step;
  }

  forward(): Frame<T> {
    this.#step = this.#run.frame(this.#step + 1).step;
    return this.frame;
  }

  back(): Frame<T> {
    this.#step = Math.max(0, this.#step - 1);
    return this.frame;
  }

  goTo(step: number): Frame<T> {
    this.#step = this.#run.frame(Math.max(0, step)).step;
    return this.frame;
  }

  /** Applies an action right after the current step; returns why not, if it could not apply. */
  act(action: DistributiveOmit<PlayAction, 'at'>): string | undefined {
    const kept = this.#run.spec.actions.filter((a) => a.at <= this.#step);
    const added = { ...action, at: this.#step } as PlayAction;
    const run = new PlayRun(this.descriptor, { ...this.#run.spec, actions: [...kept, added] });
    run.frame(this.#step);
    const ignored = run.ignored.find((i) => i.action === added);
    if (ignored) return ignored.reason;
    this.#run = run;
    return undefined;
  }

  /** A new run from step 0: another scenario, seed or variant; the reader's actions are dropped. */
  restart(spec: Omit<RunSpec, 'actions'>): void {
    this.#run = new PlayRun(this.descriptor, { ...spec, actions: [] });
    this.#step = 0;
  }
}

type DistributiveOmit<U, K extends PropertyKey> = U extends unknown ? Omit<U, K> : never;
