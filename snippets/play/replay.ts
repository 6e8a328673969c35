/**
 * The player's fourth driver: an explorer's counterexample replayed move by move (url.ts's
 * ReplaySpec). No scheduler decides anything: the explorer's own setup (the model's explore.ts) is
 * built again and the path's moves are applied in order by the explorer's own code (replayMove,
 * checkState), so step k shows exactly the state the explorer reached after k moves, and the last
 * step the same violation. A path the cluster cannot take (a stale or edited URL) stops with an
 * error naming the move, never as some other run.
 */
import type { ExploreDescriptor, Size } from '../explore/descriptor.ts';
import { checkState, replayCluster, replayMove } from '../explore/explorer.ts';
import type { ModelTypes, NodeId, Trace } from '../sim/index.ts';
import type { Frame } from './player.ts';
import type { ReplaySpec } from './url.ts';

export class ReplayRun {
  readonly spec: ReplaySpec;
  /** Frame k is the state after k moves; every frame is recorded up front (paths are short). */
  readonly frames: ReadonlyArray<Frame<ModelTypes>>;
  readonly trace: Trace;
  readonly nodes: readonly NodeId[];
  /** The violation the last move reached, as the explorer words it; undefined if the path ends clean. */
  readonly violation: string | undefined;

  constructor(descriptor: ExploreDescriptor, spec: ReplaySpec) {
    this.spec = spec;
    const setup = descriptor.setup(sizeOf(descriptor, spec)).setup;
    // The trace and frames come from the traced cluster (tick k = move k, as the explorer prints
    // the path); the checks run on the cluster as the search had it, so they say what it said.
    const cluster = replayCluster(setup, 'traced');
    const searched = replayCluster(setup, 'searched');
    const frames: Array<Frame<ModelTypes>> = [];
    const record = (step: number) =>
      frames.push({ step, tick: cluster.now, view: cluster.view(), inFlight: cluster.inFlight, rules: cluster.rules, traceLength: cluster.trace.events.length, failure: cluster.failure });
    record(0);
    let violation: string | undefined;
    spec.path.forEach((move, i) => {
      if (violation !== undefined) throw new Error(`path: move ${i + 1} comes after the violation at move ${i}; the explorer's path ends there`);
      try {
        replayMove(searched, move, i, false);
        replayMove(cluster, move, i, true);
      } catch (error) {
        throw new Error(`path: ${error instanceof Error ? error.message : String(error)} (this URL was made for another version of the model, or edited)`);
      }
      violation = checkState(setup, searched);
      // As the explorer's own replay ends its trace: the violation is the run's failure.
      if (violation !== undefined && !cluster.failure) cluster.apply({ kind: 'fail', message: violation, failure: 'invariant-violated' });
      record(i + 1);
    });
    this.frames = frames;
    this.trace = cluster.trace;
    this.nodes = cluster.order;
    this.violation = violation;
  }

  /** The frame after `step` moves (clamped to the path). */
  frame(step: number): Frame<ModelTypes> {
    return this.frames[Math.max(0, Math.min(step, this.frames.length - 1))]!;
  }
}

/** The setup's Size, refusing names the descriptor does not know (its setup would quietly build the correct model). */
function sizeOf(descriptor: ExploreDescriptor, spec: ReplaySpec): Size {
  const known = { ...descriptor.variants, ...descriptor.livenessOnly };
  for (const [field, name] of [['variant', spec.variant], ['shape', spec.shape]] as const) {
    if (name !== undefined && !(name in known)) throw new Error(`${field}: the explorer has no variant "${name}" (${Object.keys(known).join(', ')})`);
  }
  if (spec.nodes < 1 || spec.nodes > 9) throw new Error(`nodes: ${spec.nodes} is not between 1 and 9`);
  if (spec.requests < 1 || spec.requests > 9) throw new Error(`requests: ${spec.requests} is not between 1 and 9`);
  return { nodes: spec.nodes, requests: spec.requests, variant: spec.variant, ...(spec.shape === undefined ? {} : { shape: spec.shape }) };
}

/** The reader's session on a replay: the step shown; back and forward move along the recorded path. */
export class ReplayPlayer {
  readonly run: ReplayRun;
  #step: number;

  constructor(descriptor: ExploreDescriptor, spec: ReplaySpec) {
    this.run = new ReplayRun(descriptor, spec);
    this.#step = spec.step;
  }

  get step(): number {
    return this.#step;
  }

  get frame(): Frame<ModelTypes> {
    return this.run.frame(this.#step);
  }

  get spec(): ReplaySpec {
    return { ...this.run.spec, step: this.#step };
  }

  get atEnd(): boolean {
    return this.#step >= this.run.frames.length - 1;
  }

  forward(): Frame<ModelTypes> {
    return this.goTo(this.#step + 1);
  }

  back(): Frame<ModelTypes> {
    return this.goTo(this.#step - 1);
  }

  goTo(step: number): Frame<ModelTypes> {
    this.#step = Math.max(0, Math.min(step, this.run.frames.length - 1));
    return this.frame;
  }
}
