/**
 * What a model gives the explorer: how to build a small configuration of it (nodes, clients and their
 * workload, broken variant) and what to check. Each model's `snippets/NAME/explore.ts` exports one as
 * `explore`; `npm run explore -- NAME` finds it there.
 */
import type { ClientSpec, History, Invariant, Model, ModelTypes, NodeId } from '../sim/index.ts';

/** The size of the configuration, from the command line. */
export interface Size {
  readonly nodes: number;
  /** Client operations in all (the descriptor spreads them over its clients). */
  readonly requests: number;
  /** A broken variant's name, or undefined for the correct model. */
  readonly variant: string | undefined;
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
}

export interface ExploreDescriptor {
  readonly description: string;
  /** Broken variants by name, each with the rule it removes. */
  readonly variants: Readonly<Record<string, string>>;
  /** The bounds `npm run explore -- NAME` uses when none are given. */
  readonly defaults: Partial<Bounds> & Partial<Omit<Size, 'variant'>>;
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
