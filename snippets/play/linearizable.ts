/**
 * The linearizability checker as a player's `checkHistory` (the one way the player re-checks the
 * clients' history as a call returns; VR and the quorum register use it): undefined while the
 * history is linearizable, else the first answer that fits no order, in words — which call, whose,
 * answered when, and why. A model that refutes the answer outright (check/models/kv-refute.ts) gives
 * its own reason ("get(x) → null is not 1, though put(x, 1) returned before it was called"); otherwise
 * the message names the value that the operations that do fit leave.
 */
import { checkLinearizability } from '../check/linearizability.ts';
import type { History as CheckedHistory } from '../check/history.ts';
import { describeState, type Model as CheckedModel } from '../check/model.ts';
import type { History } from '../sim/index.ts';

export function linearizabilityCheck<State, Input, Output>(
  model: CheckedModel<State, Input, Output>,
  toHistory: (history: History) => CheckedHistory<Input, Output>,
): (history: History) => string | undefined {
  return (history) => {
    const result = checkLinearizability(model, toHistory(history));
    if (result.ok !== false) return undefined;
    const { stuck, state, label, reason } = result.counterexample;
    // A refutation's `state` is only where a shortened prefix ends, so "those that fit leave" would name the wrong value there.
    const why = reason !== undefined ? `: ${reason}` : `, fits no order of the operations acknowledged before it (those that fit leave the value ${describeState(model, state)})`;
    return `not linearizable (${label}): ${model.describe(stuck.input, stuck.output)} by ${stuck.process}, answered at tick ${stuck.return}${why}`;
  };
}
