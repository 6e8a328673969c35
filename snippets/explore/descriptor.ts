/**
 * What a model gives the explorer: how to build a small configuration of it (nodes, clients and their
 * workload, broken variant) and what to check. Each model's `snippets/NAME/explore.ts` exports one as
 * `explore`; `npm run explore -- NAME` finds it there.
 */
import type { ClientSpec, ClusterView, History, Invariant, Model, ModelTypes, NodeId } from '../sim/index.ts';

/** The size of the configuration, from the command line. */
export interface Size {
  readonly nodes: number;
  /** Client operations in all (the descriptor spreads them over its clients). */
  readonly requests: number;
  /** A broken variant's name, or undefined for the correct model. */
  readonly variant: string | undefined;
  /**
   * Whose workload and directed phases to use, when not the variant's own: the tests run the correct
   * model (`variant` undefined) in the shape a variant needs, to show the same search finds nothing there.
   */
  readonly shape?: string;
}

/** One configuration to explore. */
export interface Setup<T extends ModelTypes> {
  readonly model: Model<T>;
  readonly nodes: readonly NodeId[];
  readonly config: T['config'];
  /**
   * Workloads must be pure functions of their context (`index`, `previous`): the explorer goes back
   * to earlier states, and a workload that kept state in a closure would not go back with it. Their
   * `rng` is a fresh stream at every call.
   */
  readonly clients: ReadonlyArray<ClientSpec<T>>;
  /**
   * Made fresh for every state checked, so what an invariant remembers is only what it derives from
   * that one state (its nodes, disks and history), never another path's.
   */
  readonly invariants?: () => Readonly<Record<string, Invariant<T>>>;
  /**
   * Checked whenever an operation returns, on the history with `invokeOrder`/`returnOrder` copied
   * into `invokeTick`/`returnTick` (so "precedes" is exact): undefined, or what is wrong (e.g. "not
   * linearizable: …"). Only a return can make a history fail, so this covers every path's end.
   */
  readonly historyCheck?: (history: History) => string | undefined;
  /** At most this many nodes down at once (default: a minority). */
  readonly maxDown?: number;
  /**
   * A directed search, as DSLabs runs them: breadth first to the nearest state where the first goal
   * holds (the shortest path there), from that one state to the nearest where the next holds, and so
   * on; the exhaustive search then starts from the last. Exhaustive only from there, so a run with
   * phases says so. For bugs deeper than a whole search can reach (a committed operation, then a view
   * change, then the fault): the phases walk the common prefix once.
   */
  readonly phases?: ReadonlyArray<Phase<T>>;
}

export interface Phase<T extends ModelTypes> {
  /** What the phase reaches, for the report ("r1 has committed op 1"). */
  readonly goal: string;
  readonly reached: (view: ClusterView<T>) => boolean;
}

/** Bounds and size a descriptor sets for the model, or for one variant. */
export type Defaults = Partial<Bounds> & Partial<Omit<Size, 'variant'>>;

export interface ExploreDescriptor {
  readonly description: string;
  /** Broken variants by name, each with the rule it removes. The explorer finds each within its default bounds. */
  readonly variants: Readonly<Record<string, string>>;
  /**
   * Variants that break no safety property (they only slow the group down, or keep it from
   * converging): the explorer checks safety, so it has nothing to find in them; by name, with what they do.
   */
  readonly livenessOnly?: Readonly<Record<string, string>>;
  /** The bounds `npm run explore -- NAME` uses when none are given. */
  readonly defaults: Defaults;
  /**
   * A variant's own defaults, over the model's, where its bug needs a particular shape (a crash, a
   * lost message, one request fewer so that a deeper search fits).
   */
  readonly variantDefaults?: Readonly<Record<string, Defaults>>;
  /** Builds the configuration (generic in the model's types: see `defineSetup`). */
  readonly setup: (size: Size) => AnySetup;
}

/** A setup with its model's types erased, so descriptors of different models fit one list. */
export interface AnySetup {
  readonly setup: Setup<ModelTypes>;
}

/** Wraps a typed setup for `ExploreDescriptor.setup`. */
export function defineSetup<T extends ModelTypes>(setup: Setup<T>): AnySetup {
  return { setup: setup as unknown as Setup<ModelTypes> };
}

/** How far the search goes. */
export interface Bounds {
  /** Events along one path. */
  readonly depth: number;
  /** Crashes along one path, whole-step and inside a step alike. */
  readonly crashes: number;
  /** Messages lost along one path. */
  readonly losses: number;
  /** Messages duplicated along one path. */
  readonly duplicates: number;
  /** Tick events (timer runs) along one path: timers are always enabled, so they multiply paths fastest. */
  readonly timers: number;
  /** Stop after this many distinct states (the bound is then not exhausted). */
  readonly maxStates: number;
  /** 'fire': one tick event runs a node's ticks until its next timer fires (see explorer.ts); 'each': every tick is an event. */
  readonly ticks: 'fire' | 'each';
  /** The most ticks one 'fire' event runs. */
  readonly tickLimit: number;
}

export const DEFAULT_BOUNDS: Bounds = { depth: 30, crashes: 1, losses: 1, duplicates: 0, timers: 1_000_000, maxStates: 2_000_000, ticks: 'fire', tickLimit: 100 };

/**
 * The size and bounds a run uses: what was asked (`given`, e.g. the command line), else the variant's
 * defaults, else the model's, else DEFAULT_BOUNDS (3 nodes, 2 requests). The CLI and the tests both
 * resolve them here, so "found within its default bounds" means the same thing in both.
 */
export function resolveBounds(descriptor: ExploreDescriptor, variant: string | undefined, given: Defaults = {}): { size: Size; bounds: Bounds } {
  const own = variant === undefined ? {} : (descriptor.variantDefaults?.[variant] ?? {});
  const pick = <K extends keyof Defaults>(key: K): Defaults[K] => given[key] ?? own[key] ?? descriptor.defaults[key];
  const size: Size = { nodes: pick('nodes') ?? 3, requests: pick('requests') ?? 2, variant };
  const bounds: Bounds = {
    depth: pick('depth') ?? DEFAULT_BOUNDS.depth,
    crashes: pick('crashes') ?? DEFAULT_BOUNDS.crashes,
    losses: pick('losses') ?? DEFAULT_BOUNDS.losses,
    duplicates: pick('duplicates') ?? DEFAULT_BOUNDS.duplicates,
    timers: pick('timers') ?? DEFAULT_BOUNDS.timers,
    maxStates: pick('maxStates') ?? DEFAULT_BOUNDS.maxStates,
    ticks: pick('ticks') ?? DEFAULT_BOUNDS.ticks,
    tickLimit: pick('tickLimit') ?? DEFAULT_BOUNDS.tickLimit,
  };
  return { size, bounds };
}
