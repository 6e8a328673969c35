/**
 * A key-value map with get, put, append and compare-and-set per key. Keys are independent, so the
 * model partitions the history by key (Porcupine's `Partition`; linearizability is local, Herlihy &
 * Wing 1990) and each key is checked alone: the state of a partition is that one key's value, `null`
 * until the first put or append. Checking keys apart keeps the search small — it is exponential in
 * the number of concurrent operations it must order, and operations on different keys never need
 * ordering.
 *
 * - `get(k)` returns k's value: `null` if absent, or `""` (a missing key reads as the empty string in
 *   Porcupine's kv histories and the MIT 6.5840 labs they come from).
 * - `put(k, v)` sets it.
 * - `append(k, s)` adds the string s at the end of k's string value (a missing key counts as `""`),
 *   Porcupine's and Jepsen's kv workload. Appending to a number or boolean is not possible.
 * - `cas(k, from, to)` sets it to `to` if it equals `from`, and returns whether it did.
 *
 * Appends make one set of placed operations reach many states (the same appends in other orders),
 * so the model hashes its state for the memo table (`hash`).
 */
import type { RawOperation } from '../jepsen-history.ts';
import { partitionBy, type Operation } from '../history.ts';
import type { Model } from '../model.ts';
import { refuteKv } from './kv-refute.ts';
import { casArguments, casOutcome, casStep } from './register.ts';
import { DecodeError, decoded, hashScalar, returned, scalar, showScalar, type Scalar } from './values.ts';
import { shown } from '../shown.ts';

export type Key = string | number;

export type KvInput =
  | { readonly f: 'get'; readonly key: Key }
  | { readonly f: 'put'; readonly key: Key; readonly value: Scalar }
  | { readonly f: 'append'; readonly key: Key; readonly value: string }
  | { readonly f: 'cas'; readonly key: Key; readonly from: Scalar; readonly to: Scalar };

/** get: the value read; put and append: unused; cas: whether it swapped. */
export type KvOutput = Scalar;

// #region step
/** The state of one partition: the value of its key. */
export const kvModel: Model<Scalar, KvInput, KvOutput> = {
  name: 'kv',
  init: () => null,
  step(state, input, output) {
    switch (input.f) {
      case 'get':
        return [output === undefined || output === state || (state === null && output === ''), state];
      case 'put':
        return [true, input.value];
      case 'append':
        return state === null || typeof state === 'string' ? [true, (state ?? '') + input.value] : [false, state];
      case 'cas':
        return casStep(state, input.from, input.to, output);
    }
  },
  equal: (a, b) => a === b,
  hash: hashScalar,
  describe: describeKvOperation,
  describeState: showScalar,
  // JSON keeps the key 1 apart from the key "1".
  partition: (history) => partitionBy(history, (input) => JSON.stringify(input.key), (key) => `key ${key}`),
  readOnly: (input) => input.f === 'get',
  refute: (operations) => refuteKv(operations),
  growth: {
    // Appends only extend a string (from null: to any string); on a number or boolean they fail.
    stillFits(state, _input, output) {
      if (output === undefined || state === null) return true;
      if (typeof state === 'string') return typeof output === 'string' && output.startsWith(state);
      return output === state;
    },
    resets: (input) => input.f === 'put' || input.f === 'cas',
    resetTo: (input) => (input.f === 'put' ? input.value : undefined),
  },
};
// #endregion step

export function describeKvOperation(input: KvInput, output: KvOutput | undefined): string {
  const key = JSON.stringify(input.key);
  switch (input.f) {
    case 'get':
      return output === undefined ? `get(${key})` : `get(${key}) → ${showScalar(output)}`;
    case 'put':
      return `put(${key}, ${showScalar(input.value)})`;
    case 'append':
      return `append(${key}, ${showScalar(input.value)})`;
    case 'cas': {
      const call = `cas(${key}, ${showScalar(input.from)}, ${showScalar(input.to)})`;
      return output === undefined ? call : `${call} → ${output === true ? 'ok' : 'failed'}`;
    }
  }
}

/**
 * Reads a recorded operation: `key` names the key; `value` as for the register (put: v; append: the
 * string to add; cas: [from, to]). Without `key`, Jepsen's independent-keys form: `value` is
 * `[key, value]` and so is a completion's.
 */
export function decodeKvOperation(raw: RawOperation): Operation<KvInput, KvOutput> {
  const { f, key: rawKey } = raw.input;
  let value = raw.input.value;
  let output = raw.output;
  if (f !== 'get' && f !== 'put' && f !== 'append' && f !== 'cas') {
    throw new DecodeError(`unknown operation ${JSON.stringify(f)} for the key-value map (expected get, put, append or cas)`);
  }
  let key = rawKey;
  if (key === undefined && Array.isArray(value) && value.length === 2) {
    [key, value] = value;
    if (Array.isArray(output) && output.length === 2 && output[0] === key) output = output[1];
  }
  if (typeof key !== 'string' && (typeof key !== 'number' || !Number.isFinite(key))) {
    throw new DecodeError(`${f} needs a "key" (a string or a number), or a value [key, value], got ${shown(key)}`);
  }
  switch (f) {
    case 'get':
      return decoded(raw, { f, key }, returned(raw) ? scalar(output, 'the value a get returned', 'return') : undefined);
    case 'put':
      return decoded(raw, { f, key, value: scalar(value, 'the value to put') });
    case 'append':
      if (typeof value !== 'string') throw new DecodeError(`append needs a string "value" to add at the end, got ${shown(value)}`);
      return decoded(raw, { f, key, value });
    case 'cas': {
      const [from, to] = casArguments(value);
      return decoded(raw, { f, key, from, to }, returned(raw) ? casOutcome(output, from, to) : undefined);
    }
  }
}
