/**
 * A run in two phases (the VOPR's, and our DESIGN's "safety, then liveness"):
 * 1. safety: faults on, every invariant checked after every step, for `safetyTicks`;
 * 2. liveness: faults healed and stopped, and a progress predicate must come true within `withinTicks`.
 * Either phase can fail; the result then carries the seed, the tick, the message and the trace, and
 * `formatFailure` turns it into the text a failing test prints. A failure says its `kind` (an invariant
 * violated, model code threw, no progress) apart from its `phase`: an invariant can break after
 * settling too, and that is still a safety violation, not a liveness failure.
 */
import type { ClientOperation } from './history.ts';
import type { ClusterView, Failure, FailureKind } from './cluster-view.ts';
import { Simulator, type SimulatorOptions } from './simulator.ts';
import type { Trace } from './trace.ts';
import { formatTrace } from './trace-text.ts';
import type { ModelTypes } from './types.ts';

export interface Liveness<T extends ModelTypes> {
  /** Named for the failure message: `every client gets an answer`. */
  readonly progress: string;
  readonly holds: (view: ClusterView<T>) => boolean;
  /** Ticks after settling within which `holds` must become true. */
  readonly withinTicks: number;
}

export interface RunOptions<T extends ModelTypes> extends SimulatorOptions<T> {
  /** Length of the fault phase. */
  readonly safetyTicks: number;
  /** Sets up the run before tick 1: link rules now, or actions at later ticks (`sim.at(5, (s) => s.crash('r1'))`). */
  readonly scenario?: ((sim: Simulator<T>) => void) | undefined;
  /** Without it, the run ends after the safety phase. */
  readonly liveness?: Liveness<T>;
}

interface RunOutcome<T extends ModelTypes> {
  readonly seed: number;
  /** The tick the run ended at. */
  readonly tick: number;
  readonly trace: Trace;
  readonly history: readonly ClientOperation[];
  /** The cluster as the run left it. */
  readonly final: ClusterView<T>;
}

export interface RunPassed<T extends ModelTypes> extends RunOutcome<T> {
  readonly ok: true;
}

export interface RunFailed<T extends ModelTypes> extends RunOutcome<T> {
  readonly ok: false;
  /** What went wrong: hunt safety bugs with `kind === 'invariant-violated'`, never with the phase. */
  readonly kind: FailureKind;
  /** When it went wrong: with faults on (`safety`), or after settling (`liveness`). */
  readonly phase: 'safety' | 'liveness';
  readonly message: string;
}

export type RunResult<T extends ModelTypes> = RunPassed<T> | RunFailed<T>;

export function simulate<T extends ModelTypes>(options: RunOptions<T>): RunResult<T> {
  const sim = new Simulator(options);
  options.scenario?.(sim);
  const safety = sim.runUntil(options.safetyTicks);
  if (safety) return failed(sim, 'safety', safety);
  if (!options.liveness) return outcome(sim, { ok: true });
  sim.settle();
  const problem = sim.failure ?? awaitProgress(sim, options.liveness);
  return problem ? failed(sim, 'liveness', problem) : outcome(sim, { ok: true });
}

function awaitProgress<T extends ModelTypes>(sim: Simulator<T>, liveness: Liveness<T>) {
  const settledTick = sim.now;
  while (!liveness.holds(sim.view())) {
    if (sim.now - settledTick >= liveness.withinTicks) {
      const { progress, withinTicks } = liveness;
      return sim.fail(`no progress: "${progress}" still false ${withinTicks} ticks after settling at tick ${settledTick}`, 'no-progress');
    }
    const failure = sim.runFor(1);
    if (failure) return failure;
  }
  return undefined;
}

function failed<T extends ModelTypes>(sim: Simulator<T>, phase: 'safety' | 'liveness', failure: Failure): RunFailed<T> {
  return outcome(sim, { ok: false, kind: failure.kind, phase, message: failure.message });
}

/** How a failure kind reads in reports: `invariant violated`. */
export const FAILURE_KIND_TEXT: Readonly<Record<FailureKind, string>> = {
  'invariant-violated': 'invariant violated',
  'model-threw': 'model threw',
  'no-progress': 'no progress',
  'message-storm': 'message storm',
};

function outcome<T extends ModelTypes, R extends object>(sim: Simulator<T>, result: R): R & RunOutcome<T> {
  return { ...result, seed: sim.seed, tick: sim.now, trace: sim.trace, history: sim.history, final: sim.view() };
}

/**
 * What a failing test prints: the model, the kind of failure and the phase it came in, the tick and
 * seed to reproduce it, the message, and the last lines of the trace.
 */
export function formatFailure(result: RunFailed<ModelTypes>, traceLinesMax = 30): string {
  const text = formatTrace(result.trace);
  const lines = text.split('\n').slice(0, -1);
  const tail = lines.slice(-traceLinesMax);
  return [
    `${result.trace.model}: ${FAILURE_KIND_TEXT[result.kind]} in the ${result.phase} phase at tick ${result.tick} with seed ${result.seed}`,
    `  ${result.message}`,
    `reproduce: run again with seed ${result.seed}`,
    `last ${tail.length} of ${lines.length} trace lines:`,
    ...tail,
  ].join('\n');
}

/** Throws the formatted failure (seed included) unless the run passed; for tests and demos. */
export function assertPassed<T extends ModelTypes>(result: RunResult<T>): asserts result is RunPassed<T> {
  if (!result.ok) throw new Error(formatFailure(result));
}

/** Runs one simulation per seed and returns the first that fails (property testing over seeds). */
export function firstFailure<T extends ModelTypes>(
  seeds: Iterable<number>,
  run: (seed: number) => RunResult<T>,
): RunFailed<T> | undefined {
  for (const seed of seeds) {
    const result = run(seed);
    if (!result.ok) return result;
  }
  return undefined;
}

/** Seeds `from`, `from + 1`, … (`count` of them). */
export function seeds(count: number, from = 1): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}
