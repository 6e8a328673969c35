/** Operations on one key, "k", of the key-value map, for the kv refutation's tests. */
import type { Operation } from '../../../snippets/check/history.ts';
import type { KvInput, KvOutput } from '../../../snippets/check/models/kv.ts';
import type { Scalar } from '../../../snippets/check/models/values.ts';

export type KvOp = Operation<KvInput, KvOutput>;

export const op = (process: number, call: number, ret: number, input: KvInput, output?: KvOutput): KvOp =>
  output === undefined ? { process, call, return: ret, input } : { process, call, return: ret, input, output };
export const put = (value: Scalar): KvInput => ({ f: 'put', key: 'k', value });
export const append = (value: string): KvInput => ({ f: 'append', key: 'k', value });
export const get: KvInput = { f: 'get', key: 'k' };
