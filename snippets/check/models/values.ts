/**
 * Values the built-in models store: JSON scalars, compared with `===`, so states are cheap to compare
 * and to memoize. And the error a model's decoder throws for an operation it cannot read.
 */
import type { Operation } from '../history.ts';
import { shown } from '../shown.ts';

export type Scalar = string | number | boolean | null;

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** `3`, `"x"`, `null`: JSON, so strings are told apart from numbers. */
export function showScalar(value: Scalar): string {
  return JSON.stringify(value);
}

/** An operation the model cannot interpret; the CLI prints it with the line it came from. */
export class DecodeError extends Error {
  override name = 'DecodeError';
  /** Which line to blame: the call's (a bad input) or the return's (a bad output). */
  readonly at: 'call' | 'return';

  constructor(message: string, at: 'call' | 'return' = 'call') {
    super(message);
    this.at = at;
  }
}

/** The scalar at `value`, or a DecodeError saying what `what` should have been. */
export function scalar(value: unknown, what: string, at: 'call' | 'return' = 'call'): Scalar {
  if (!isScalar(value)) throw new DecodeError(`${what} must be a string, number, boolean or null, got ${shown(value)}`, at);
  return value;
}

/** The same operation (process, ticks, event orders) with decoded input and output; no output when unknown. */
export function decoded<Input, Output = never>(raw: Operation<unknown, unknown>, input: Input, output?: Output): Operation<Input, Output> {
  const orders = raw.callOrder === undefined ? {} : raw.returnOrder === undefined ? { callOrder: raw.callOrder } : { callOrder: raw.callOrder, returnOrder: raw.returnOrder };
  const base = { process: raw.process, call: raw.call, input, ...orders };
  const withReturn = raw.return === undefined ? base : { ...base, return: raw.return };
  return output === undefined ? withReturn : { ...withReturn, output };
}

/** Whether the operation returned, so its output is known and must be given. */
export function returned(raw: Operation<unknown, unknown>): boolean {
  return raw.return !== undefined;
}

/**
 * A 32-bit hash of a scalar, for models' `hash`: FNV-1a over a string's UTF-16 code units, the
 * number itself mixed for numbers, and fixed words for true, false and null. Strings and numbers
 * may collide (the memo then compares the states), but equal scalars always hash alike.
 */
export function hashScalar(value: Scalar): number {
  if (typeof value === 'string') return hashString(value);
  if (typeof value === 'number') return Number.isInteger(value) ? Math.imul(value | 0, 0x9e3779b1) ^ ((value / 0x1_0000_0000) | 0) : hashString(String(value));
  return value === null ? 0x6e756c6c : value ? 0x74727565 : 0x66616c73;
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
