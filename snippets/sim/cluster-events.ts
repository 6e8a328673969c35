/**
 * What can happen to a cluster: the events its `apply` takes, and what a message in flight is. A
 * scheduler (seeded random, exhaustive, or the reader's clicks) picks events; the cluster only applies
 * them, so one cluster serves every way of driving it.
 */
import type { FailureKind } from './cluster-view.ts';
import type { LinkRule } from './link-rules.ts';
import type { Rng } from './rng.ts';
import type { ClientId, ModelTypes, NodeId } from './types.ts';

/** A message on the wire. `msgId` names it in the trace; a duplicated message has two copies with one msgId. */
export type Envelope<T extends ModelTypes> = {
  readonly msgId: number;
  readonly from: string;
  readonly to: string;
} & (
  | { readonly kind: 'message'; readonly message: T['message'] }
  | { readonly kind: 'request'; readonly opId: number; readonly client: ClientId; readonly request: T['request'] }
  | { readonly kind: 'reply'; readonly opId: number; readonly response: T['response'] }
);

/** One copy of a message in flight; `copy` is unique in the run. */
export interface InFlight<T extends ModelTypes> {
  readonly copy: number;
  readonly envelope: Envelope<T>;
}

/**
 * A node step can be cut short: `crashAfter: k` applies the first k of the step's effects, in the order
 * the model emitted them, then crashes the node (a real node can die between the send and the fsync).
 */
type MaybeCrash = { readonly crashAfter?: number };

export type ClusterEvent =
  /** Sets the virtual clock (never backwards): the tick traces and histories are stamped with. */
  | { readonly kind: 'clock'; readonly tick: number }
  /** One copy arrives: the receiver steps on it (or it is dropped: link cut, receiver down). */
  | ({ readonly kind: 'deliver'; readonly copy: number } & MaybeCrash)
  /** One copy is lost on the way. */
  | { readonly kind: 'lose'; readonly copy: number }
  /** The network makes one more copy of a message in flight. */
  | { readonly kind: 'duplicate'; readonly copy: number }
  /** A live node's `tick` input: its timers advance. */
  | ({ readonly kind: 'tick'; readonly node: NodeId } & MaybeCrash)
  /** A ready client makes its next call (or finds its workload done). */
  | { readonly kind: 'call'; readonly client: ClientId }
  /** A client gives up on its pending operation `opId`; nothing happens if it returned meanwhile. */
  | { readonly kind: 'timeout'; readonly client: ClientId; readonly opId: number }
  | { readonly kind: 'crash'; readonly node: NodeId }
  /** A crashed node recovers from its disk and steps on its `restart` input. */
  | ({ readonly kind: 'restart'; readonly node: NodeId } & MaybeCrash)
  | { readonly kind: 'cut'; readonly rule: LinkRule }
  /** Lifts one rule (the very object `cut` set); nothing happens if it is gone. */
  | { readonly kind: 'lift'; readonly rule: LinkRule }
  | { readonly kind: 'heal' }
  /** Fault rates changed (the scheduler's business): only a trace line. */
  | { readonly kind: 'rates'; readonly text: string }
  /** The liveness phase begins. */
  | { readonly kind: 'settle' }
  /** The run fails with this message (a runner saw no progress). */
  | { readonly kind: 'fail'; readonly message: string; readonly failure: FailureKind };

/** The events a node steps on, and so the ones a crash can cut short. */
export type StepEvent = Extract<ClusterEvent, { kind: 'deliver' | 'tick' | 'restart' }>;

/**
 * What the cluster tells its scheduler while it applies an event. The seeded random scheduler
 * answers by drawing (loss, delays, think times) and queueing arrivals and timeouts; the exhaustive
 * explorer keeps every copy and lets its search decide.
 */
export interface Scheduling<T extends ModelTypes> {
  /** A message left on a link no rule cuts: lost, or how many copies travel (2: duplicated). */
  send(envelope: Envelope<T>): { readonly lost: true } | { readonly lost: false; readonly copies: 1 | 2 };
  /** Copies were put in flight (after `send`); the scheduler decides when each arrives. */
  inFlight(copies: ReadonlyArray<InFlight<T>>): void;
  /** Their receiver crashed, so these copies will never arrive: forget them, and return them in the order they would have arrived. */
  cancel(copies: ReadonlyArray<InFlight<T>>): ReadonlyArray<InFlight<T>>;
  /** The random stream a client's workload draws from (`WorkloadContext.rng`). */
  clientRng(client: ClientId): Rng;
  /** The client finished an operation and is free to call again. */
  clientReady(client: ClientId): void;
  /** The client's pending operation `opId` gives up after `afterTicks`. */
  timeoutArmed(client: ClientId, opId: number, afterTicks: number): void;
  /**
   * Optional, asked once for each node step that emitted effects and was not told where to crash,
   * after the model ran and before any effect applies: crash `node` after this many of its `effects`
   * (fewer than all), or undefined to apply them all. The random scheduler's crashes between effects.
   */
  cutStep?(node: NodeId, effects: number): number | undefined;
}
