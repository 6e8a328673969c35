/**
 * An append-only log (the shared log of Corfu and Delos, a Kafka partition):
 *
 * - `append(x)` adds x at the end and returns its position, counting from 0.
 * - `read()` returns the whole log, oldest entry first.
 * - `read(limit)` returns the first `min(limit, length)` entries: a prefix. A reader that got fewer
 *   than `limit` entries learns the exact length; one that got `limit` learns only that the log had
 *   at least that many. Either way the output is determined by the state, as the checker requires.
 *
 * The state is a persistent list linked from the newest entry back, so an append is O(1) and shares
 * everything before it; two states that share a tail compare in time proportional to where they
 * differ. Copying an array per append would make a long history's search quadratic.
 */
import type { RawOperation } from '../jepsen-history.ts';
import type { Operation } from '../history.ts';
import type { Model, StepResult } from '../model.ts';
import { DecodeError, decoded, hashScalar, returned, scalar, showScalar, type Scalar } from './values.ts';
import { shown } from '../shown.ts';

/**
 * The newest entry, the log's length, the log before it, and a hash of all entries (built as the log
 * grows, so hashing a state for the memo is O(1)); `null` is the empty log.
 */
export type LogState = { readonly entry: Scalar; readonly length: number; readonly before: LogState; readonly hash: number } | null;

export type LogInput = { readonly f: 'append'; readonly value: Scalar } | { readonly f: 'read'; readonly limit?: number };

/** append: the position; read: the entries. */
export type LogOutput = number | readonly Scalar[];

const lengthOf = (log: LogState) => log?.length ?? 0;

/** The entries, oldest first. */
export function logEntries(log: LogState): Scalar[] {
  const entries: Scalar[] = new Array<Scalar>(lengthOf(log));
  for (let node = log; node; node = node.before) entries[node.length - 1] = node.entry;
  return entries;
}

/** Whether `output` is exactly the log's first `count` entries. */
function isPrefix(log: LogState, count: number, output: readonly Scalar[]): boolean {
  if (output.length !== count) return false;
  let node = log;
  while (node && node.length > count) node = node.before;
  for (; node; node = node.before) if (output[node.length - 1] !== node.entry) return false;
  return true;
}

// #region step
export const logModel: Model<LogState, LogInput, LogOutput> = {
  name: 'log',
  init: () => null,
  step(state, input, output): StepResult<LogState> {
    switch (input.f) {
      case 'append': {
        const position = lengthOf(state);
        const hash = Math.imul((state?.hash ?? 0x4c4f4721) ^ hashScalar(input.value), 0x01000193) ^ position;
        return [output === undefined || output === position, { entry: input.value, length: position + 1, before: state, hash }];
      }
      case 'read': {
        if (output === undefined) return [true, state];
        const count = Math.min(input.limit ?? Infinity, lengthOf(state));
        return [typeof output !== 'number' && isPrefix(state, count, output), state];
      }
    }
  },
  equal(a, b) {
    for (; a !== b; a = a.before, b = b.before) {
      if (a === null || b === null || a.length !== b.length || a.entry !== b.entry) return false;
    }
    return true;
  },
  hash: (log) => log?.hash ?? 0,
  describe: describeLogOperation,
  describeState: (log) => showEntries(logEntries(log)),
  readOnly: (input) => input.f === 'read',
};
// #endregion step

export function describeLogOperation(input: LogInput, output: LogOutput | undefined): string {
  if (input.f === 'append') {
    const call = `append(${showScalar(input.value)})`;
    return typeof output === 'number' ? `${call} → ${output}` : call;
  }
  const call = input.limit === undefined ? 'read()' : `read(${input.limit})`;
  return output === undefined || typeof output === 'number' ? call : `${call} → ${showEntries(output)}`;
}

/** `[1, 2, 3]`, or the last eight entries when there are more. */
function showEntries(entries: readonly Scalar[]): string {
  const shown = entries.length > 8 ? ['…', ...entries.slice(-8).map(showScalar)] : entries.map(showScalar);
  return `[${shown.join(', ')}]`;
}

/**
 * Reads a recorded operation: append's `value` is the entry and its output the position; read's
 * `value` is the optional limit (null or absent: the whole log) and its output the array of entries.
 */
export function decodeLogOperation(raw: RawOperation): Operation<LogInput, LogOutput> {
  const { f, value } = raw.input;
  if (f === 'append') {
    const input: LogInput = { f, value: scalar(value, 'the entry to append') };
    if (!returned(raw)) return decoded(raw, input);
    const output = raw.output;
    if (typeof output !== 'number' || !Number.isInteger(output) || output < 0) {
      throw new DecodeError(`a completed append needs the position it got (a whole number from 0), got ${shown(output)}`, 'return');
    }
    return decoded(raw, input, output);
  }
  if (f === 'read') {
    if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw new DecodeError(`a read's value is its limit, a whole number from 0 (or null for the whole log), got ${shown(value)}`);
    }
    const input: LogInput = typeof value === 'number' ? { f, limit: value } : { f };
    if (!returned(raw)) return decoded(raw, input);
    if (!Array.isArray(raw.output)) throw new DecodeError(`a completed read needs the entries it read (an array), got ${shown(raw.output)}`, 'return');
    return decoded(raw, input, raw.output.map((entry, i) => scalar(entry, `entry ${i} of the read`, 'return')));
  }
  throw new DecodeError(`unknown operation ${JSON.stringify(f)} for the log (expected append or read)`);
}
