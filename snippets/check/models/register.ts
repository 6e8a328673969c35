/**
 * A read/write register with compare-and-set: the object Jepsen's `cas-register` checks and
 * Porcupine's first example. It starts at `null` (no value written yet).
 *
 * - `read()` returns the value.
 * - `write(v)` sets it; its output carries nothing.
 * - `cas(from, to)` sets the value to `to` if it equals `from`, and returns whether it did. A failed
 *   cas changes nothing, but it still tells us the value was not `from` at that instant.
 *
 * An operation that never returned has an unknown output: a read then says nothing, a write may have
 * happened, and a cas did whatever the state at its instant made it do.
 */
import type { RawOperation } from '../jepsen-history.ts';
import type { Operation } from '../history.ts';
import type { Model, StepResult } from '../model.ts';
import { DecodeError, decoded, hashScalar, returned, scalar, showScalar, type Scalar } from './values.ts';
import { shown } from '../shown.ts';

export type RegisterInput =
  | { readonly f: 'read' }
  | { readonly f: 'write'; readonly value: Scalar }
  | { readonly f: 'cas'; readonly from: Scalar; readonly to: Scalar };

/** read: the value read; write: unused; cas: `true` if it swapped, `false` if the compare failed. */
export type RegisterOutput = Scalar;

// #region step
/** A read is possible when it returned the current value (or its output is unknown). */
export function readStep(state: Scalar, output: Scalar | undefined): StepResult<Scalar> {
  return [output === undefined || output === state, state];
}

/** A cas swaps exactly when the current value equals `from`; the reported outcome must agree. */
export function casStep(state: Scalar, from: Scalar, to: Scalar, output: Scalar | undefined): StepResult<Scalar> {
  const swapped = state === from;
  return [output === undefined || output === swapped, swapped ? to : state];
}

export const registerModel: Model<Scalar, RegisterInput, RegisterOutput> = {
  name: 'register',
  init: () => null,
  step(state, input, output) {
    switch (input.f) {
      case 'read':
        return readStep(state, output);
      case 'write':
        return [true, input.value];
      case 'cas':
        return casStep(state, input.from, input.to, output);
    }
  },
  equal: (a, b) => a === b,
  hash: hashScalar,
  describe: describeRegisterOperation,
  describeState: showScalar,
  readOnly: (input) => input.f === 'read',
};
// #endregion step

export function describeRegisterOperation(input: RegisterInput, output: RegisterOutput | undefined): string {
  switch (input.f) {
    case 'read':
      return output === undefined ? 'read()' : `read() → ${showScalar(output)}`;
    case 'write':
      return `write(${showScalar(input.value)})`;
    case 'cas': {
      const call = `cas(${showScalar(input.from)}, ${showScalar(input.to)})`;
      return output === undefined ? call : `${call} → ${output === true ? 'ok' : 'failed'}`;
    }
  }
}

/**
 * Reads a recorded operation: `f` is read, write or cas; a write's `value` is the value written; a
 * cas's `value` is `[from, to]`. A completed read needs the value it read; a completed cas needs
 * `true` or `false` — or, as in Jepsen, an `ok` completion (which echoes `[from, to]`) meaning it
 * swapped, since Jepsen records a failed compare as `fail` and the parser has already dropped it.
 */
export function decodeRegisterOperation(raw: RawOperation): Operation<RegisterInput, RegisterOutput> {
  const { f, value } = raw.input;
  switch (f) {
    case 'read':
      return decoded(raw, { f }, returned(raw) ? scalar(raw.output, 'the value a read returned', 'return') : undefined);
    case 'write':
      return decoded(raw, { f, value: scalar(value, 'the value to write') });
    case 'cas': {
      const [from, to] = casArguments(value);
      return decoded(raw, { f, from, to }, returned(raw) ? casOutcome(raw.output, from, to) : undefined);
    }
    default:
      throw new DecodeError(`unknown operation ${JSON.stringify(f)} for the register (expected read, write or cas)`);
  }
}

export function casArguments(value: unknown): [Scalar, Scalar] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new DecodeError(`a cas needs [from, to] as its value, got ${shown(value)}`);
  }
  return [scalar(value[0], 'cas from'), scalar(value[1], 'cas to')];
}

export function casOutcome(output: unknown, from: Scalar, to: Scalar): boolean {
  if (typeof output === 'boolean') return output;
  if (Array.isArray(output) && output.length === 2 && output[0] === from && output[1] === to) return true;
  throw new DecodeError(`a completed cas needs its outcome, true or false (or Jepsen's [from, to] on ok), got ${shown(output)}`, 'return');
}
