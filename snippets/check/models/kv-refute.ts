/**
 * Refuting one key's history without a search, for the key-value map. Between two puts a key's value
 * only grows at its end (appends), so what an operation x that surely took effect before a get g (x
 * returned before g was called) left behind is still there when g reads — unless a put comes between:
 * - x = append(s): g's value contains s (and is a string, never null);
 * - x = put(p), p a string: g's value starts with p; p a number or boolean: g reads p;
 * - x = get that returned a non-empty string w: g's value starts with w.
 * If puts of strings can come between x and g, g's value may instead start with one of theirs. And
 * the value g reads starts with what the last put before it wrote: when some put surely came before
 * g, the last put is one of those not surely overwritten before g, so g's value starts with one of
 * theirs. A cas may fail and leave the value alone, so one where these rules look turns them off.
 *
 * A get that breaks a rule cannot be placed in any order, so the key is not linearizable. The search
 * would prove that only by ruling out every order of everything before the get (with 50 clients, up
 * to millions of configurations); this is one pass over the key's operations. Sound, not complete:
 * it finds stale reads and reads that go back in time, and leaves everything else to the search.
 * Ticks and event orders are read as the checker reads them (history.ts).
 */
import { callTime, hasEventOrder, returnTime, type History, type Operation } from '../history.ts';
import type { Refutation } from '../model.ts';
import type { Scalar } from './values.ts';
import { describeKvOperation, type KvInput, type KvOutput } from './kv.ts';

type KvOperation = Operation<KvInput, KvOutput>;

/**
 * Caps that keep a key of 100,000 operations linear rather than quadratic: a get is compared with the
 * operations that returned last before its call, and a rule gives up when more puts than this could
 * come between. Any subset of the comparisons is as sound as all of them, and a stale read misses one
 * of the latest writes.
 */
const RECENT = 64;
const MAX_PUTS = 64;

export function refuteKv(history: History<KvInput, KvOutput>): Refutation<KvInput, KvOutput> | undefined {
  const ordered = hasEventOrder(history);
  const call = (op: KvOperation) => callTime(op, ordered);
  const ret = (op: KvOperation) => returnTime(op, ordered);
  const returned = history.filter((op) => op.return !== undefined).sort((a, b) => ret(a) - ret(b));
  const resets = history.filter((op) => op.input.f === 'put' || op.input.f === 'cas').sort((a, b) => call(a) - call(b));
  const puts = returned.filter((op) => op.input.f === 'put');
  // Per prefix of `puts` (by return), the one called last: it overwrites whatever returned before its call.
  const latestCalled: KvOperation[] = [];
  for (const put of puts) latestCalled.push(latestCalled.length > 0 && call(latestCalled.at(-1)!) >= call(put) ? latestCalled.at(-1)! : put);

  // Per prefix of `resets` (by call), the latest return: the scan below stops where no earlier reset
  // returned late enough, so it looks at about the resets in flight, not at all of them.
  const latestReturn: number[] = [];
  for (const r of resets) latestReturn.push(Math.max(latestReturn.at(-1) ?? -Infinity, ret(r)));

  /** Puts and cas that may take effect before `get` and after a point at `since` (none returned before it); undefined if too many. */
  const mayComeBetween = (since: number, get: KvOperation, except: KvOperation): KvOperation[] | undefined => {
    const found: KvOperation[] = [];
    let looked = 0;
    for (let i = countWhere(resets, (r) => call(r) <= ret(get)) - 1; i >= 0 && latestReturn[i]! >= since; i--) {
      // Pending resets keep `latestReturn` at infinity: past the cap, give up rather than scan them all.
      if (++looked > 4 * MAX_PUTS) return undefined;
      const r = resets[i]!;
      if (r === except || ret(r) < since) continue;
      if (found.push(r) > MAX_PUTS) return undefined;
    }
    return found;
  };

  // Gets in call order, so the first refutation found is the earliest get that cannot be placed.
  const gets = history.filter((op) => op.input.f === 'get' && op.return !== undefined && op.output !== undefined).sort((a, b) => call(a) - call(b));
  for (const get of gets) {
    const value = get.output!;
    const read = describeKvOperation(get.input, value);

    // The last put before the get.
    const surely = countWhere(puts, (p) => ret(p) < call(get));
    if (surely > 0) {
      const last = latestCalled[surely - 1]!;
      const candidates = mayComeBetween(call(last), get, last);
      const starts = candidates && putValues([last, ...candidates]);
      if (starts && !startsWithAny(value, starts)) {
        return {
          stuck: get,
          cause: last,
          reason: `${read} starts with none of ${starts.map((s) => JSON.stringify(s)).join(', ')}, the values the last put before it can have written (${describeKvOperation(last.input, last.output)} returned before it was called), and a value only grows by appends`,
        };
      }
    }

    // Each recent operation that surely came before it.
    const before = countWhere(returned, (op) => ret(op) < call(get));
    for (let i = before - 1; i >= Math.max(0, before - RECENT); i--) {
      const earlier = returned[i]!;
      const left = leftBehind(earlier);
      if (left === undefined || fits(value, left)) continue;
      const between = mayComeBetween(call(earlier), get, earlier);
      const starts = between && putValues(between);
      if (!starts || startsWithAny(value, starts)) continue;
      const what = left.kind === 'contains' ? `misses ${JSON.stringify(left.text)}` : left.kind === 'starts' ? `does not start with ${JSON.stringify(left.text)}` : `is not ${JSON.stringify(left.value)}`;
      const puts = starts.length === 0 ? 'no put can come between them' : `nor with ${starts.map((s) => JSON.stringify(s)).join(', ')}, written by the puts that can come between them`;
      return {
        stuck: get,
        cause: earlier,
        reason: `${read} ${what}, though ${describeKvOperation(earlier.input, earlier.output)} returned before it was called, ${puts}, and a value only grows by appends`,
      };
    }
  }
  return undefined;
}

/** What an operation leaves in the value for every later read until a put. */
type Trace =
  | { readonly kind: 'contains'; readonly text: string }
  | { readonly kind: 'starts'; readonly text: string }
  | { readonly kind: 'equals'; readonly value: number | boolean };

function leftBehind(op: KvOperation): Trace | undefined {
  const { input } = op;
  if (input.f === 'append') return { kind: 'contains', text: input.value };
  if (input.f === 'put' && typeof input.value === 'string') return { kind: 'starts', text: input.value };
  // Appending to a number or boolean fails, so it stays until a put.
  if (input.f === 'put' && (typeof input.value === 'number' || typeof input.value === 'boolean')) return { kind: 'equals', value: input.value };
  if (input.f === 'get' && typeof op.output === 'string' && op.output !== '') return { kind: 'starts', text: op.output };
  return undefined;
}

function fits(value: Scalar, trace: Trace): boolean {
  if (trace.kind === 'equals') return value === trace.value;
  if (typeof value !== 'string') return false;
  return trace.kind === 'contains' ? value.includes(trace.text) : value.startsWith(trace.text);
}

/** The strings these puts write; undefined if one is a cas or writes something else (it turns the rule off). */
function putValues(ops: readonly KvOperation[]): string[] | undefined {
  const values: string[] = [];
  for (const { input } of ops) {
    if (input.f !== 'put' || typeof input.value !== 'string') return undefined;
    values.push(input.value);
  }
  return values;
}

function startsWithAny(value: Scalar, starts: readonly string[]): boolean {
  return typeof value === 'string' && starts.some((s) => value.startsWith(s));
}

/** How many items, from the front, satisfy `below` (which must hold for a prefix of `sorted`). */
function countWhere<T>(sorted: readonly T[], below: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
