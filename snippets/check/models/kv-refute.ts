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
 * Those rules miss a stale read whose missed append overlaps the put g's value starts with: the
 * append may have come before that put. A third rule takes each put P that can be the last before g
 * in turn: if P is, g's value is P's value and then the strings of the appends placed after P, so an
 * append surely after P that returned before g was called must be in it. An append is surely after P
 * if it was called after P returned, or after an append surely after P returned; and an append is
 * surely after P if some get reads P's value followed by a text that cannot be cut into the strings of
 * the other appends that can fall between them (P being that get's only possible last put, or g's by
 * assumption). When every P whose value g's starts with has such an append missing from g's value, g
 * fits no order.
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

  /** The puts that can be the last before `get`; undefined if none surely precedes it, or a cas or too many can. */
  const lastPuts = (get: KvOperation): KvOperation[] | undefined => {
    const surely = countWhere(puts, (p) => ret(p) < call(get));
    if (surely === 0) return undefined;
    const last = latestCalled[surely - 1]!;
    const candidates = mayComeBetween(call(last), get, last);
    return candidates && putValues([last, ...candidates]) ? [last, ...candidates] : undefined;
  };

  // Gets in call order, so the first refutation found is the earliest get that cannot be placed.
  const gets = history.filter((op) => op.input.f === 'get' && op.return !== undefined && op.output !== undefined).sort((a, b) => call(a) - call(b));
  const lastPutsOf = new Map(gets.map((get) => [get, lastPuts(get)] as const));
  const followers = appendsAfterPut(history, gets, lastPutsOf, call, ret);
  for (const get of gets) {
    const value = get.output!;
    const read = describeKvOperation(get.input, value);

    // The last put before the get.
    const candidates = lastPutsOf.get(get);
    if (candidates) {
      const last = candidates[0]!;
      const starts = putValues(candidates);
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

    // Each put that can be the last before it, with what must follow that put.
    // Puts, and appends whose string the value lacks, can rule a put out (a cheap filter: one whose string sits only inside a put's value is skipped too, left to the search).
    const since = candidates ? Math.min(...candidates.map(call)) : Infinity;
    const suspects =
      candidates && typeof value === 'string'
        ? recentOps(returned, before).filter((op) => ret(op) >= since && (op.input.f === 'put' || (op.input.f === 'append' && !value.includes(op.input.value))))
        : [];
    if (candidates && typeof value === 'string' && suspects.length > 0) {
      const ruledOut: string[] = [];
      for (const put of candidates) {
        const p = put.input.f === 'put' ? (put.input.value as string) : '';
        if (!value.startsWith(p)) continue;
        const tail = value.slice(p.length);
        // The earliest return of an operation surely after the put: the put's own, or an append's that must follow it.
        let after = ret(put);
        for (let i = countWhere(returned, (op) => ret(op) < call(put)), looked = 0; i < returned.length && ret(returned[i]!) < ret(put) && looked < RECENT; i++, looked++) {
          if (followers.follows(put, returned[i]!, tail, get)) {
            after = ret(returned[i]!);
            break;
          }
        }
        const missed = suspects.find(
          (op) =>
            op !== put &&
            ((op.input.f === 'put' && call(op) > after) ||
              (op.input.f === 'append' && !tail.includes(op.input.value) && (call(op) > after || followers.follows(put, op, tail, get)))),
        );
        if (!missed) {
          ruledOut.length = 0;
          break;
        }
        ruledOut.push(`after ${describeKvOperation(put.input, put.output)} comes ${describeKvOperation(missed.input, missed.output)}, which returned before the get was called`);
      }
      if (ruledOut.length > 0) {
        return {
          stuck: get,
          cause: candidates[0]!,
          reason: `${read} can follow none of the puts that can be the last before it: ${ruledOut.join('; ')}, and the value lacks ${ruledOut.length === 1 ? 'it' : 'each'}`,
        };
      }
    }
  }
  return undefined;
}

/** The up to RECENT operations that returned last among the first `before` of `returned`. */
function recentOps(returned: readonly KvOperation[], before: number): KvOperation[] {
  return returned.slice(Math.max(0, before - RECENT), before).reverse();
}

/**
 * Which appends surely follow a put. A get whose only possible last put is P read P's value and then
 * the strings of the appends placed after P, in order; if what it read past P's value cannot be cut
 * into the strings of the other appends that can fall between P and it, append B came after P. The
 * same holds for the get being refuted, under the assumption that P is its last put (the `tail` and
 * `reader` passed in). Cutting allows a string more than once: a relaxation, so "cannot" stays sound.
 */
function appendsAfterPut(
  history: History<KvInput, KvOutput>,
  gets: readonly KvOperation[],
  lastPutsOf: ReadonlyMap<KvOperation, KvOperation[] | undefined>,
  call: (op: KvOperation) => number,
  ret: (op: KvOperation) => number,
) {
  const appends = history.filter((op) => op.input.f === 'append').sort((a, b) => call(a) - call(b));
  // Per prefix of `appends` (by call), the latest return: the scan below stops where none returned late enough.
  const latestReturn: number[] = [];
  for (const a of appends) latestReturn.push(Math.max(latestReturn.at(-1) ?? -Infinity, ret(a)));
  /** Appends that may take effect after a put called at `since` and before a get that returned at `until`; undefined if too many. */
  const appendsWithin = (since: number, until: number): KvOperation[] | undefined => {
    const found: KvOperation[] = [];
    let looked = 0;
    for (let i = countWhere(appends, (a) => call(a) <= until) - 1; i >= 0 && latestReturn[i]! >= since; i--) {
      if (++looked > 4 * MAX_TILES) return undefined;
      const a = appends[i]!;
      if (ret(a) >= since && found.push(a) > MAX_TILES) return undefined;
    }
    return found;
  };

  const tails = new Map<KvOperation, { text: string; reader: KvOperation }[]>();
  for (const get of gets) {
    const value = get.output;
    if (typeof value !== 'string') continue;
    const fitting = (lastPutsOf.get(get) ?? []).filter((put) => put.input.f === 'put' && value.startsWith(put.input.value as string));
    if (fitting.length !== 1) continue;
    const put = fitting[0]!;
    const list = tails.get(put) ?? [];
    if (list.length < MAX_TAILS) list.push({ text: value.slice(put.input.f === 'put' ? String(put.input.value).length : 0), reader: get });
    tails.set(put, list);
  }
  const shows = (put: KvOperation, op: KvOperation, own: string) => ({ text, reader }: { text: string; reader: KvOperation }) => {
    if (!text.includes(own)) return false;
    const others = appendsWithin(call(put), ret(reader));
    return others !== undefined && !cuttable(text, others.filter((a) => a !== op).map(appended));
  };
  // What the other gets show depends only on the put and the append: asked again for every later get.
  const shownByOthers = new Map<KvOperation, Map<KvOperation, boolean>>();
  return {
    follows(put: KvOperation, op: KvOperation, tail: string, get: KvOperation): boolean {
      if (op.input.f !== 'append' || op.input.value === '' || ret(op) < call(put)) return false;
      const own = op.input.value;
      if (shows(put, op, own)({ text: tail, reader: get })) return true;
      const known = shownByOthers.get(put) ?? new Map<KvOperation, boolean>();
      shownByOthers.set(put, known);
      let shown = known.get(op);
      if (shown === undefined) known.set(op, (shown = (tails.get(put) ?? []).some(shows(put, op, own))));
      return shown;
    },
  };
}

/** Tails of gets kept per put, and appends that may fall between a put and a get, at most (any subset is as sound as all). */
const MAX_TAILS = 16;
const MAX_TILES = 256;

/** Whether `text` is a concatenation of `strings` (each any number of times). */
function cuttable(text: string, strings: readonly string[]): boolean {
  const used = [...new Set(strings)].filter((s) => s !== '' && text.includes(s));
  const reach = new Uint8Array(text.length + 1);
  reach[0] = 1;
  for (let i = 0; i < text.length; i++) {
    if (reach[i] === 0) continue;
    for (const s of used) if (text.startsWith(s, i)) reach[i + s.length] = 1;
  }
  return reach[text.length] === 1;
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

/** The string an append adds ('' for anything else). */
function appended(op: KvOperation): string {
  return op.input.f === 'append' ? op.input.value : '';
}
