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
import type { ClusterEvent, InFlight } from '../sim/cluster-events.ts';
import type { LinkRule, LinkRules } from '../sim/link-rules.ts';
import { RandomScheduler } from '../sim/random-scheduler.ts';
import type { ClusterView, Failure, ModelTypes, NodeId, Trace } from '../sim/index.ts';
import { describeAction, type PlayAction } from './actions.ts';
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
  readonly #cluster: SteppedCluster<T>;
  readonly #scheduler: RandomScheduler<T>;
  readonly #maxTicks: number;
  readonly #frames: Array<Frame<T>> = [];
  /** Actions not applied yet, in step order. */
  readonly #actions: PlayAction[];
  /** Rules set by `drop` actions, lifted once they drop a message. */
  #drops: Array<{ rule: LinkRule; from: string; to: string }> = [];
  #scanned = 0;
  #inAction = false;
  #ended = false;

  constructor(descriptor: PlayDescriptor<T>, spec: RunSpec) {
    this.spec = spec;
    const scenario = scenarioOf(descriptor, spec.scenario);
    const variant = variantOf(descriptor, spec.variant);
    this.#actions = [...spec.actions].sort((a, b) => a.at - b.at);
    this.#maxTicks = descriptor.maxTicks;
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
    this.#cluster = new SteppedCluster<T>(options, this.#scheduler);
    this.#scheduler.drive(this.#cluster);
    this.#cluster.onApplied = (grew) => this.#applied(grew);
    // What the scenario sets before tick 1 (a partition, say) is part of step 0, not a step of its own.
    this.#inAction = true;
    scenario.setup?.(this.#controls());
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

  /** True once the run cannot go on: an invariant broke, the model threw, or it reached the descriptor's maxTicks. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The frame after `step`, running as far as needed; the last one if the run ended before it. */
  frame(step: number): Frame<T> {
    while (this.#frames.length <= step && !this.#ended) this.#runTick();
    return this.#frames[Math.min(step, this.#frames.length - 1)]!;
  }

  #runTick(): void {
    if (this.#cluster.failure || this.#cluster.now >= this.#maxTicks) {
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
    this.#applyActionsAt(step);
    this.#record(step);
  }

  #record(step: number): void {
    const c = this.#cluster;
    this.#frames.push({ step, tick: c.now, view: c.view(), inFlight: c.inFlight, rules: c.rules, traceLength: c.trace.events.length, failure: c.failure });
  }

  #applyActionsAt(step: number): void {
    while (this.#actions.length > 0 && this.#actions[0]!.at <= step) {
      const action = this.#actions.shift()!;
      const problem = this.#problemWith(action);
      if (problem) {
        this.ignored.push({ action, reason: problem });
        continue;
      }
      this.#inAction = true;
      try {
        this.#apply(action);
      } finally {
        this.#inAction = false;
      }
      this.#watchDrops();
    }
  }

  #problemWith(action: PlayAction): string | undefined {
    const c = this.#cluster;
    const known = (name: string) => c.order.includes(name) || c.clients.some((client) => client.id === name);
    const names = action.kind === 'partition' ? [...action.groups[0], ...action.groups[1]] : action.kind === 'drop' ? [action.from, action.to] : 'node' in action ? [action.node] : [];
    const unknown = names.find((n) => !known(n));
    if (unknown !== undefined) return `${describeAction(action)}: no node or client "${unknown}"`;
    if (action.kind === 'crash' && !c.isUp(action.node)) return `${describeAction(action)}: it is already down`;
    if (action.kind === 'restart' && c.isUp(action.node)) return `${describeAction(action)}: it is up`;
    if (action.kind === 'partition' && action.groups[0].some((n) => action.groups[1].includes(n))) return `${describeAction(action)}: the groups overlap`;
    if (c.failure) return `${describeAction(action)}: the run has already failed`;
    return undefined;
  }

  #apply(action: PlayAction): void {
    const c = this.#cluster;
    switch (action.kind) {
      case 'crash':
      case 'restart':
        return c.apply({ kind: action.kind, node: action.node });
      case 'isolate':
        return c.apply({ kind: 'cut', rule: { kind: 'isolate', node: action.node } });
      case 'partition':
        return c.apply({ kind: 'cut', rule: { kind: 'partition', from: action.groups[0], to: action.groups[1], oneWay: false } });
      case 'heal':
        this.#drops = [];
        this.#scheduler.healed();
        return c.apply({ kind: 'heal' });
      case 'drop': {
        const rule: LinkRule = { kind: 'partition', from: [action.from], to: [action.to], oneWay: true };
        this.#drops.push({ rule, from: action.from, to: action.to });
        return c.apply({ kind: 'cut', rule });
      }
      case 'rates': {
        const lossProbability = action.lossPercent / 100;
        const duplicateProbability = action.duplicatePercent / 100;
        this.#scheduler.networkFaults = { ...this.#scheduler.networkFaults, lossProbability, duplicateProbability };
        return c.apply({ kind: 'rates', text: `faults lossProbability=${lossProbability} duplicateProbability=${duplicateProbability}` });
      }
    }
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
      const inAction = this.#inAction;
      this.#inAction = true;
      try {
        this.#cluster.apply({ kind: 'lift', rule: done.rule });
      } finally {
        this.#inAction = inAction;
      }
    }
  }

  #controls(): ScenarioControls<T> {
    const cluster = this.#cluster;
    const scheduler = this.#scheduler;
    const controls: ScenarioControls<T> = {
      get now() {
        return cluster.now;
      },
      view: () => cluster.view(),
      at: (tick, run) => {
        scheduler.at(tick, () => run(controls));
        return controls;
      },
      crash: (node) => (cluster.apply({ kind: 'crash', node }), controls),
      restart: (node) => (cluster.apply({ kind: 'restart', node }), controls),
      isolate: (node) => (cluster.apply({ kind: 'cut', rule: { kind: 'isolate', node } }), controls),
      partition: (from, to, options = {}) => (cluster.apply({ kind: 'cut', rule: { kind: 'partition', from: [...from], to: [...to], oneWay: options.oneWay ?? false } }), controls),
      heal: () => {
        scheduler.healed();
        cluster.apply({ kind: 'heal' });
        return controls;
      },
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
