/**
 * A key-value map with get, put and compare-and-set per key. Keys are independent, so the model
 * partitions the history by key (Porcupine's `Partition`; linearizability is local, Herlihy & Wing
 * 1990) and each key is checked as a register: the state of a partition is that one key's value,
 * `null` until the first put. Checking keys apart keeps the search small — it is exponential in the
 * number of concurrent operations it must order, and operations on different keys never need ordering.
 *
 * - `get(k)` returns k's value (`null` if absent).
 * - `put(k, v)` sets it.
 * - `cas(k, from, to)` sets it to `to` if it equals `from`, and returns whether it did.
 */
import type { RawOperation } from '../jepsen-history.ts';
import { partitionBy, type Operation } from '../history.ts';
import type { Model } from '../model.ts';
import { casArguments, casOutcome, casStep, readStep } from './register.ts';
import { DecodeError, decoded, returned, scalar, showScalar, type Scalar } from './values.ts';

export type Key = string | number;

export type KvInput =
  | { readonly f: 'get'; readonly key: Key }
  | { readonly f: 'put'; readonly key: Key; readonly value: Scalar }
  | { readonly f: 'cas'; readonly key: Key; readonly from: Scalar; readonly to: Scalar };

/** get: the value read; put: unused; cas: whether it swapped. */
export type KvOutput = Scalar;

/** The state of one partition: the value of its key. */
export const kvModel: Model<Scalar, KvInput, KvOutput> = {
  name: 'kv',
  init: () => null,
  step(state, input, output) {
    switch (input.f) {
      case 'get':
        return readStep(state, output);
      case 'put':
        return [true, input.value];
      case 'cas':
        return casStep(state, input.from, input.to, output);
    }
  },
  equal: (a, b) => a === b,
  describe: describeKvOperation,
  describeState: showScalar,
  // JSON keeps the key 1 apart from the key "1".
  partition: (history) => partitionBy(history, (input) => JSON.stringify(input.key), (key) => `key ${key}`),
  readOnly: (input) => input.f === 'get',
};

export function describeKvOperation(input: KvInput, output: KvOutput | undefined): string {
  const key = JSON.stringify(input.key);
  switch (input.f) {
    case 'get':
      return output === undefined ? `get(${key})` : `get(${key}) → ${showScalar(output)}`;
    case 'put':
      return `put(${key}, ${showScalar(input.value)})`;
    case 'cas': {
      const call = `cas(${key}, ${showScalar(input.from)}, ${showScalar(input.to)})`;
      return output === undefined ? call : `${call} → ${output === true ? 'ok' : 'failed'}`;
    }
  }
}

/** Reads a recorded operation: `key` names the key; `value` as for the register (put: v; cas: [from, to]). */
export function decodeKvOperation(raw: RawOperation): Operation<KvInput, KvOutput> {
  const { f, key: rawKey, value } = raw.input;
  if (f !== 'get' && f !== 'put' && f !== 'cas') {
    throw new DecodeError(`unknown operation ${JSON.stringify(f)} for the key-value map (expected get, put or cas)`);
  }
  if (typeof rawKey !== 'string' && (typeof rawKey !== 'number' || !Number.isFinite(rawKey))) {
    throw new DecodeError(`${f} needs a "key" (a string or a number), got ${JSON.stringify(rawKey) ?? 'nothing'}`);
  }
  const key: Key = rawKey;
  switch (f) {
    case 'get':
      return decoded(raw, { f, key }, returned(raw) ? scalar(raw.output, 'the value a get returned', 'return') : undefined);
    case 'put':
      return decoded(raw, { f, key, value: scalar(value, 'the value to put') });
    case 'cas': {
      const [from, to] = casArguments(value);
      return decoded(raw, { f, key, from, to }, returned(raw) ? casOutcome(raw.output, from, to) : undefined);
    }
  }
}
