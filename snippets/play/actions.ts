/**
 * What a reader can do to a run, each at a step: the player applies it right after that step (step 0:
 * before the first), so a run is fully described by (model, scenario, seed, variant, actions, step).
 */

/** The client the reader's calls come from; it joins a run only when the run has a `call` action. */
export const READER = 'you';
import type { NodeId } from '../sim/index.ts';

export type PlayAction = { readonly at: number } & (
  | { readonly kind: 'crash'; readonly node: NodeId }
  | { readonly kind: 'restart'; readonly node: NodeId }
  /** Cut every link to and from the node, clients included. */
  | { readonly kind: 'isolate'; readonly node: NodeId }
  /** Cut the links between two groups, both ways. */
  | { readonly kind: 'partition'; readonly groups: readonly [readonly NodeId[], readonly NodeId[]] }
  /** Lift every link rule. */
  | { readonly kind: 'heal' }
  /** Lose the next message from `from` to `to` (one in flight now, or the next one sent). */
  | { readonly kind: 'drop'; readonly from: string; readonly to: string }
  /** The reader's client ("you") makes one of the model's calls (PlayDescriptor.clientCalls) to a node. */
  | { readonly kind: 'call'; readonly call: string; readonly to: NodeId; readonly value?: number }
  /** Loss and duplication rates from now on, in whole percent. */
  | { readonly kind: 'rates'; readonly lossPercent: number; readonly duplicatePercent: number }
);

export type PlayActionKind = PlayAction['kind'];

/** One line for the action list and the aria-live summary: `crash r1`, `partition r1 | r2 r3`. */
export function describeAction(action: PlayAction): string {
  switch (action.kind) {
    case 'crash':
    case 'restart':
    case 'isolate':
      return `${action.kind} ${action.node}`;
    case 'partition':
      return `partition ${action.groups[0].join(' ')} | ${action.groups[1].join(' ')}`;
    case 'heal':
      return 'heal';
    case 'drop':
      return `drop the next message ${action.from} → ${action.to}`;
    case 'call':
      return `you: ${action.call}${action.value === undefined ? '' : ` ${action.value}`} → ${action.to}`;
    case 'rates':
      return `loss ${action.lossPercent}%, duplication ${action.duplicatePercent}%`;
  }
}
