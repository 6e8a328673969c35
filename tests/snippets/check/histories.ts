/**
 * A compact way to write register histories in tests, close to how papers draw them:
 * `op('A', 0, 3, write(1))` is client A calling write(1) at tick 0 and returning at tick 3;
 * `op('B', 2, null, read())` never returned.
 */
import type { Operation, ProcessId } from '../../../snippets/check/history.ts';
import type { Key, KvInput, KvOutput } from '../../../snippets/check/models/kv.ts';
import type { RegisterInput, RegisterOutput } from '../../../snippets/check/models/register.ts';
import type { Scalar } from '../../../snippets/check/models/values.ts';

export interface Io<Input, Output> {
  readonly input: Input;
  readonly output?: Output;
}

export type RegisterOp = Operation<RegisterInput, RegisterOutput>;

export const write = (value: Scalar): Io<RegisterInput, RegisterOutput> => ({ input: { f: 'write', value } });
/** A read that returned `value`; without an argument, a read whose output is unknown. */
export const read = (...value: [Scalar] | []): Io<RegisterInput, RegisterOutput> =>
  value.length === 0 ? { input: { f: 'read' } } : { input: { f: 'read' }, output: value[0] };
export const cas = (from: Scalar, to: Scalar, swapped?: boolean): Io<RegisterInput, RegisterOutput> =>
  swapped === undefined ? { input: { f: 'cas', from, to } } : { input: { f: 'cas', from, to }, output: swapped };

/** The key-value map's get of `key` that returned `value`, its put and its append: `op('A', 0, 1, kvPut('x', 1))`. */
export const kvGet = (key: Key, value: Scalar): Io<KvInput, KvOutput> => ({ input: { f: 'get', key }, output: value });
export const kvPut = (key: Key, value: Scalar): Io<KvInput, KvOutput> => ({ input: { f: 'put', key, value } });
export const kvAppend = (key: Key, value: string): Io<KvInput, KvOutput> => ({ input: { f: 'append', key, value } });

/** One operation; `ret` null means it never returned (its output, if given, is ignored). */
export function op<Input, Output>(process: ProcessId, call: number, ret: number | null, io: Io<Input, Output>): Operation<Input, Output> {
  if (ret === null) return { process, call, input: io.input };
  return io.output === undefined ? { process, call, return: ret, input: io.input } : { process, call, return: ret, input: io.input, output: io.output };
}
