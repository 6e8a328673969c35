/**
 * Reads a recorded history from JSON (or EDN) lines, one event per line, in either of two styles:
 *
 * Jepsen's (https://jepsen.io, its `history.edn`, as EDN or written as JSON):
 *   {"process": 1, "type": "invoke", "f": "write", "value": 3, "time": 10}
 *   {"process": 1, "type": "ok",     "f": "write", "value": 3, "time": 15}
 *   {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}    (EDN: Porcupine's kv files)
 *   `ok` the operation happened (its `value` is the output); `fail` it certainly did not (dropped);
 *   `info` unknown, it may have happened (kept as never returned). Lines of the `"nemesis"` process
 *   (Jepsen's fault injector) are skipped: they are not client operations. A Jepsen history lists its
 *   events in the order they happened, so when every line is Jepsen style the line numbers are the
 *   operations' event orders (`callOrder`, `returnOrder`): one operation precedes another exactly
 *   when its completion line comes before the other's invoke line, as in Knossos; `time` is kept for
 *   display.
 *
 * A simpler one:
 *   {"process": "A", "kind": "call",   "op": "write", "args": 3, "time": 10}
 *   {"process": "A", "kind": "return", "result": null, "time": 15}
 *   A call that never returns is an operation that may or may not have happened.
 *
 * Both may carry `"key"` (the key-value map's key). `time` is any number, in any unit; give it on
 * every line or on none (then the line number is the time). What `f`/`op`, `value`/`args` and the
 * output mean is the model's business (models/*.ts decode them). Errors name the line.
 */
import { EdnError, parseEdn } from './edn.ts';
import { pairEvents, type HistoryEvent, type Operation, type ProcessId } from './history.ts';
import { shown } from './shown.ts';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** An operation as written in the file, before a model interprets it. */
export interface RawInput {
  readonly f: string;
  readonly value?: Json;
  readonly key?: Json;
}

export type RawOperation = Operation<RawInput, Json>;

/** An operation and the lines it came from (1-based). */
export interface SourcedOperation {
  readonly operation: RawOperation;
  readonly line: number;
  readonly returnLine?: number;
}

export interface LineError {
  readonly line: number;
  readonly message: string;
}

export type ParsedHistory = { readonly ok: true; readonly operations: SourcedOperation[] } | { readonly ok: false; readonly errors: LineError[] };

type Event = HistoryEvent<RawInput, Json>;
type Fields = { readonly [key: string]: Json };

// #region parse
export function parseHistoryLines(text: string): ParsedHistory {
  const events: Event[] = [];
  const lineOf: number[] = [];
  const errors: LineError[] = [];
  let timed: boolean | undefined;
  let jepsenStyle = true;

  text.split(/\r?\n/).forEach((source, index) => {
    const line = index + 1;
    if (source.trim() === '') return;
    try {
      const fields = parseObject(source);
      if (fields.process === 'nemesis') return;
      if (fields.type === undefined) jepsenStyle = false;
      const hasTime = fields.time !== undefined;
      timed ??= hasTime;
      if (hasTime !== timed) throw new BadLine(`${hasTime ? 'has' : 'has no'} "time", unlike the first event; give every line a time, or none`);
      events.push(toEvent(fields, line));
      lineOf.push(line);
    } catch (error) {
      if (!(error instanceof BadLine)) throw error;
      errors.push({ line, message: error.message });
    }
  });

  const paired = pairEvents(events, (event) => `line ${lineOf[event]!}`);
  for (const { event, message } of paired.errors) errors.push({ line: lineOf[event]!, message });
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return {
    ok: true,
    operations: paired.operations.map(({ operation, invokeEvent, completionEvent }) => ({
      operation: jepsenStyle ? withLineOrder(operation, lineOf[invokeEvent]!, completionEvent === undefined ? undefined : lineOf[completionEvent]!) : operation,
      line: lineOf[invokeEvent]!,
      ...(completionEvent !== undefined ? { returnLine: lineOf[completionEvent]! } : {}),
    })),
  };
}
// #endregion parse

function withLineOrder(operation: RawOperation, line: number, returnLine: number | undefined): RawOperation {
  return returnLine === undefined ? { ...operation, callOrder: line } : { ...operation, callOrder: line, returnOrder: returnLine };
}

/** A problem with one line; its message is shown after the line number. */
class BadLine extends Error {}

function parseObject(source: string): Fields {
  let value: unknown;
  const trimmed = source.trimStart();
  if (trimmed.startsWith('{:')) {
    try {
      value = parseEdn(trimmed);
    } catch (error) {
      if (!(error instanceof EdnError)) throw error;
      throw new BadLine(`not valid EDN (${error.message})`);
    }
  } else {
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new BadLine(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadLine('expected a JSON object, one event per line');
  return value as Fields;
}

function toEvent(fields: Fields, line: number): Event {
  const process = processOf(fields.process);
  const time = fields.time === undefined ? line : timeOf(fields.time);
  const key = fields.key !== undefined ? { key: fields.key } : {};
  if (fields.type !== undefined) {
    const type = oneOf(fields.type, ['invoke', 'ok', 'fail', 'info'], '"type"');
    const f = fields.f === undefined && type !== 'invoke' ? undefined : text(fields.f, '"f" (the operation\'s name)');
    return makeEvent(type, process, time, f, fields.value, key);
  }
  if (fields.kind !== undefined) {
    const kind = oneOf(fields.kind, ['call', 'return'], '"kind"');
    const f = fields.op === undefined && kind === 'return' ? undefined : text(fields.op, '"op" (the operation\'s name)');
    return makeEvent(kind === 'call' ? 'invoke' : 'ok', process, time, f, kind === 'call' ? fields.args : fields.result, key);
  }
  throw new BadLine('needs "type" (invoke, ok, fail, info: Jepsen style) or "kind" (call, return)');
}

function makeEvent(type: Event['type'], process: ProcessId, time: number, f: string | undefined, value: Json | undefined, key: { key?: Json }): Event {
  const named = f === undefined ? {} : { f };
  if (type === 'invoke') {
    if (f === undefined) throw new BadLine('an invoke needs "f"');
    return { type, process, time, f, input: { f, ...(value !== undefined ? { value } : {}), ...key } };
  }
  if (type === 'ok') return { type, process, time, ...named, ...(value !== undefined ? { output: value } : {}) };
  return { type, process, time, ...named };
}

function processOf(value: Json | undefined): ProcessId {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new BadLine(`needs "process" (a number or a name), got ${shown(value)}`);
}

function timeOf(value: Json): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new BadLine(`"time" must be a number, got ${shown(value)}`);
}

function text(value: Json | undefined, what: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new BadLine(`needs ${what} as a string, got ${shown(value)}`);
}

function oneOf<T extends string>(value: Json, allowed: readonly T[], what: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new BadLine(`${what} must be one of ${allowed.join(', ')}, got ${shown(value)}`);
}
