/**
 * The last lines every demo prints: what the run held, what was checked, and one verdict line that
 * accounts for every client call. Every model reports through here, so the four read alike:
 *
 *   Verdict: linearizable — 23 client calls: 22 completed, 1 timed out, 0 still waiting when the run ended
 *   (may or may not have taken effect).
 *
 * Calls are counted from the trace, where a retry is an attempt of the call it repeats (`call 3
 * (attempt 2)`), so a call retried twice is one call, not three.
 */
import type { ClientOperation } from './sim/history.ts';
import type { RunResult } from './sim/run.ts';
import type { Trace } from './sim/trace.ts';
import type { ModelTypes } from './sim/types.ts';

export interface CallCounts {
  /** Distinct client calls; each has one or more attempts. */
  readonly calls: number;
  readonly attempts: number;
  /** Calls sent more than once after a timeout. */
  readonly retried: number;
  /** An answer reached the client. */
  readonly completed: number;
  /** Of the completed, those whose answer was "don't know" (Delos's `unknown`). */
  readonly answeredUnknown: number;
  /** The client gave up on the last attempt and did not retry. */
  readonly timedOut: number;
  /** The run ended while the client waited for the last attempt. */
  readonly waiting: number;
}

/**
 * Counts each client call once, whatever its attempts. `outcomeUnknown` marks an answered attempt
 * whose answer says the outcome is not known.
 */
export function countCalls(
  trace: Trace,
  history: readonly ClientOperation[],
  outcomeUnknown: (op: ClientOperation) => boolean = () => false,
): CallCounts {
  const byId = new Map(history.map((op) => [op.id, op]));
  const calls = new Map<number, { attempts: number[]; returned?: number; timedOut: Set<number> }>();
  for (const e of trace.events) {
    if (e.kind === 'invoke') {
      const call = calls.get(e.call ?? e.opId) ?? { attempts: [], timedOut: new Set() };
      call.attempts.push(e.opId);
      calls.set(e.call ?? e.opId, call);
    } else if (e.kind === 'return') {
      calls.get(e.call ?? e.opId)!.returned = e.opId;
    } else if (e.kind === 'timeout') {
      calls.get(e.call ?? e.opId)!.timedOut.add(e.opId);
    }
  }
  let completed = 0, answeredUnknown = 0, timedOut = 0, waiting = 0, attempts = 0, retried = 0;
  for (const call of calls.values()) {
    attempts += call.attempts.length;
    if (call.attempts.length > 1) retried++;
    if (call.returned !== undefined) {
      completed++;
      const op = byId.get(call.returned);
      if (op !== undefined && outcomeUnknown(op)) answeredUnknown++;
    } else if (call.timedOut.has(call.attempts[call.attempts.length - 1]!)) {
      timedOut++;
    } else {
      waiting++;
    }
  }
  return { calls: calls.size, attempts, retried, completed, answeredUnknown, timedOut, waiting };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `22 client calls: 21 completed, 0 timed out, 1 still waiting when the run ended (may or may not
 * have taken effect)`: every call lands in exactly one of the three counts.
 */
export function callsText(counts: CallCounts): string {
  const unknown = counts.answeredUnknown > 0 ? ` (${counts.answeredUnknown} answered "unknown", which may or may not have taken effect)` : '';
  const open = counts.timedOut + counts.waiting > 0 ? ' (may or may not have taken effect)' : '';
  return `${plural(counts.calls, 'client call')}: ${counts.completed} completed${unknown}, ${counts.timedOut} timed out, ${counts.waiting} still waiting when the run ended${open}`;
}

export interface ReportOptions<T extends ModelTypes> {
  readonly result: RunResult<T>;
  /** What was checked, as a sentence: "Checked: …". */
  readonly checked: string;
  /** The outcome of the check in a few words ("linearizable"), or undefined when it failed. */
  readonly outcome: string;
  /** The check failed: why, in a few words ("not linearizable"), and the lines that show it. */
  readonly failed?: { readonly outcome: string; readonly details: readonly string[] };
  readonly outcomeUnknown?: (op: ClientOperation) => boolean;
  /** The run checked invariants after every step (default true); say so in the Run line. */
  readonly invariants?: boolean;
  /** Lines about the run worth a reader's eye (views changed, chain installed), before the verdict. */
  readonly extra?: readonly string[];
}

/** The report's lines: Run, Checked, any extra lines, then the Verdict (and a failure's details). */
export function reportLines<T extends ModelTypes>(options: ReportOptions<T>): string[] {
  const { result } = options;
  const counts = countCalls(result.trace, result.history, options.outcomeUnknown);
  const retries = counts.retried === 0
    ? 'no call was retried'
    : `${plural(counts.retried, 'call')} retried after a timeout (${counts.attempts} attempts in all)`;
  const run = result.ok
    ? `Run: ${options.invariants === false ? '' : 'invariants held after every step; '}liveness held after the heal; ${retries}.`
    : `Run: FAILED in the ${result.phase} phase at tick ${result.tick}: ${result.message}`;
  const calls = callsText(counts);
  const verdict = !result.ok
    ? `Verdict: run failed — ${calls}.`
    : `Verdict: ${options.failed?.outcome ?? options.outcome} — ${calls}.`;
  return [run, `Checked: ${options.checked}`, ...(options.extra ?? []), verdict, ...(options.failed?.details ?? [])];
}
