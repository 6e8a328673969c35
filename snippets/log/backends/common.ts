/** What the adapters share. */
import type { ModelTypes, RunOptions } from '../../sim/index.ts';

/** A model's run options without its own invariants and liveness: the conformance suite brings its own. */
export function withoutChecks<T extends ModelTypes>(options: RunOptions<T>): Omit<RunOptions<T>, 'invariants' | 'liveness'> {
  const { invariants: _invariants, liveness: _liveness, ...rest } = options;
  return rest;
}
