/**
 * What invariants and progress predicates see of a run: each node's memory (if it is up) and disk, the
 * client history, the clock. Read only — a check that changed a state would change the run it checks.
 */
import type { History } from './history.ts';
import type { ModelTypes, NodeId } from './types.ts';

/** One node: its memory if it is up, and its disk either way. */
export type NodeView<T extends ModelTypes> =
  | { readonly id: NodeId; readonly up: true; readonly state: T['state']; readonly durable: T['durable'] | undefined }
  | { readonly id: NodeId; readonly up: false; readonly state: undefined; readonly durable: T['durable'] | undefined };

export interface ClusterView<T extends ModelTypes> {
  readonly tick: number;
  /** In cluster order. */
  readonly nodes: ReadonlyArray<NodeView<T>>;
  readonly history: History;
  /** The tick the liveness phase began (faults healed), if it has. */
  readonly settledTick: number | undefined;
}

/** Returns undefined while the property holds, or a message saying what is wrong. */
export type Invariant<T extends ModelTypes> = (view: ClusterView<T>) => string | undefined;

/**
 * What went wrong, whatever the phase it happened in: an invariant broke (a safety violation, even if
 * it is found after settling), model or invariant code threw (a bug in the model or its checks), or
 * progress did not come within its budget after settling (liveness), or messages in flight grew past
 * the cluster's limit (a message storm: traffic that multiplies instead of settling).
 */
export type FailureKind = 'invariant-violated' | 'model-threw' | 'no-progress' | 'message-storm';

/** Why a run stopped early: an invariant broke, the model threw, progress did not come, or messages stormed. */
export interface Failure {
  readonly kind: FailureKind;
  readonly tick: number;
  readonly message: string;
}
