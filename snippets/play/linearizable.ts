/**
 * The linearizability checker as an invariant, so the player stops at the step where the clients'
 * history stops being linearizable and says why. Only a returned operation can make a history
 * illegal (a pending one may take effect at any later point, or never), so the check runs again only
 * when another operation has returned.
 */
import { checkLinearizability } from '../check/linearizability.ts';
import { counterexampleText } from '../check/counterexample.ts';
import type { History as CheckedHistory } from '../check/history.ts';
import type { Model as CheckedModel } from '../check/model.ts';
import type { ClientOperation, Invariant, ModelTypes } from '../sim/index.ts';

export function linearizableSoFar<T extends ModelTypes, State, Input, Output>(
  model: CheckedModel<State, Input, Output>,
  toHistory: (history: readonly ClientOperation[]) => CheckedHistory<Input, Output>,
): Invariant<T> {
  let checkedReturns = 0;
  return ({ history }) => {
    const returns = history.reduce((n, op) => n + (op.returnTick === undefined ? 0 : 1), 0);
    if (returns === checkedReturns) return undefined;
    checkedReturns = returns;
    const result = checkLinearizability(model, toHistory(history));
    return result.ok ? undefined : counterexampleText(model, result.counterexample, { maxOperations: 8 }).replace(/\s*\n\s*/g, ' ');
  };
}
