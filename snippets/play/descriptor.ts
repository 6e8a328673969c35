/**
 * What makes a model playable: a small descriptor beside the model (`snippets/<model>/play.ts`) with
 * its scenarios, how a node's state reads on a card, and its broken variants. The player does the
 * rest; it holds no protocol logic, it only drives the model's own code through the cluster.
 */
import type { Call, ClientId, ClientSpec, ClusterView, FaultInjection, History, Invariant, Model, ModelTypes, NetworkFaults, NodeId } from '../sim/index.ts';

/** What a scenario's script can do before and during the run (the Simulator's calls a scenario uses). */
export interface ScenarioControls<T extends ModelTypes> {
  readonly now: number;
  view(): ClusterView<T>;
  /** Runs `run` at the start of `tick`. */
  at(tick: number, run: (controls: ScenarioControls<T>) => void): ScenarioControls<T>;
  crash(node: NodeId): ScenarioControls<T>;
  restart(node: NodeId): ScenarioControls<T>;
  isolate(endpoint: string): ScenarioControls<T>;
  partition(from: readonly string[], to: readonly string[], options?: { oneWay?: boolean }): ScenarioControls<T>;
  heal(): ScenarioControls<T>;
}

export interface PlayScenario<T extends ModelTypes> {
  /** In URLs: letters, digits and `-`. */
  readonly id: string;
  readonly label: string;
  /** One or two sentences: what the reader will see. */
  readonly description: string;
  readonly nodes: readonly NodeId[];
  readonly config: T['config'];
  readonly network?: Partial<NetworkFaults> | undefined;
  readonly faults?: FaultInjection | undefined;
  /** Fresh specs for each run (a workload may keep state in its closure). */
  clients(): ReadonlyArray<ClientSpec<T>>;
  setup?(controls: ScenarioControls<T>): void;
  /** How long the scripted part lasts; the reader can play on past it. */
  readonly ticks: number;
  /** The seed the note's diagram of this scenario uses. */
  readonly seed: number;
  /** Checks that hold only in this scenario (a strict quorum with no fallbacks, say), run besides the descriptor's. */
  invariants?(): Readonly<Record<string, Invariant<T>>>;
}

export interface PlayVariant<T extends ModelTypes> {
  /** In URLs: letters, digits and `-`. */
  readonly id: string;
  /** The rule it removes, as the reader knows it from the note. */
  readonly label: string;
  config(base: T['config']): T['config'];
  /** A run known to break with it on (and to run clean with it off). */
  readonly failing?: { readonly scenario: string; readonly seed: number };
}

/** One line of a node's card. */
export interface NodeField {
  readonly label: string;
  readonly value: string;
}

/**
 * A call the reader can make from the player, as the client "you" (a write, a read...). The player
 * puts it in the URL as `<step>.call.<id>.<node>.<value>`.
 */
export interface PlayClientCall<T extends ModelTypes> {
  /** In URLs: letters and digits. */
  readonly id: string;
  /** On its button: `Write x`, `Read x`. */
  readonly label: string;
  /** Whether the reader gives a whole number with it (the value a write writes). */
  readonly takesValue: boolean;
  /**
   * The call `client` makes to `to`, its `number`th (from 1, for request numbers). A call should set
   * `timeoutTicks`, so the reader's client is free again if no answer comes.
   */
  call(client: ClientId, to: NodeId, value: number, number: number): Call<T>;
}

export interface PlayDescriptor<T extends ModelTypes> {
  /** `/play/<name>/`. */
  readonly name: string;
  readonly title: string;
  readonly model: Model<T>;
  readonly scenarios: ReadonlyArray<PlayScenario<T>>;
  readonly variants: ReadonlyArray<PlayVariant<T>>;
  /** A fresh set for each run (invariants may remember what they saw). */
  invariants(): Readonly<Record<string, Invariant<T>>>;
  /** A live node's card: its role (`primary`) and the state that matters, in order. */
  nodeView(state: T['state']): { readonly role: string; readonly fields: readonly NodeField[] };
  /** The run stops here if the reader plays on. */
  readonly maxTicks: number;
  /**
   * Optional: the client history checked as the run goes (after each step in which a call returned),
   * e.g. for linearizability. Returns undefined while it holds, or the counterexample in words (what
   * was acknowledged, what a later read saw instead); the run then stops there, as on a broken invariant.
   */
  checkHistory?(history: History): string | undefined;
  /** Optional: the calls a reader can make ("issue a write / read"); without it the player offers none. */
  readonly clientCalls?: ReadonlyArray<PlayClientCall<T>>;
}

export function scenarioOf<T extends ModelTypes>(descriptor: PlayDescriptor<T>, id: string): PlayScenario<T> {
  const found = descriptor.scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`${descriptor.name}: no scenario "${id}" (${descriptor.scenarios.map((s) => s.id).join(', ')})`);
  return found;
}

export function variantOf<T extends ModelTypes>(descriptor: PlayDescriptor<T>, id: string | undefined): PlayVariant<T> | undefined {
  if (id === undefined) return undefined;
  const found = descriptor.variants.find((v) => v.id === id);
  if (!found) throw new Error(`${descriptor.name}: no variant "${id}" (${descriptor.variants.map((v) => v.id).join(', ')})`);
  return found;
}
