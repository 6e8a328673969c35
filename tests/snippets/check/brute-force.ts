/**
 * The test oracle: linearizability decided straight from its definition (Herlihy & Wing 1990), with
 * no memo table, no entry list and no shortcuts. It tries every sequence of operations in which
 * each operation comes after every operation that returned before it was called (and after every
 * earlier operation of its own process that returned: program order, by position in the history,
 * so histories given to it list each process's operations in the order it issued them), runs the model
 * along it, and accepts when some sequence includes every operation that returned. Operations that
 * never returned may appear anywhere after their call (they took effect) or not at all (they did
 * not). Exponential, so only for histories of a handful of operations.
 */
import { precedes, type History } from '../../../snippets/check/history.ts';
import type { Model } from '../../../snippets/check/model.ts';

export function bruteForceLinearizable<State, Input, Output>(model: Model<State, Input, Output>, history: History<Input, Output>): boolean {
  const placed = new Array<boolean>(history.length).fill(false);
  const mustPlace = history.filter((op) => op.return !== undefined).length;

  const extend = (state: State, placedCompleted: number): boolean => {
    if (placedCompleted === mustPlace) return true;
    return history.some((candidate, i) => {
      if (placed[i]) return false;
      const ready = history.every((other, j) => placed[j] || !(precedes(other, candidate) || (j < i && other.process === candidate.process && other.return !== undefined)));
      if (!ready) return false;
      const [ok, next] = model.step(state, candidate.input, candidate.output);
      if (!ok) return false;
      placed[i] = true;
      const found = extend(next, placedCompleted + (candidate.return === undefined ? 0 : 1));
      placed[i] = false;
      return found;
    });
  };
  return extend(model.init(), 0);
}
