/**
 * A player scenario made from the very run a test or a note's diagram simulates. The run's options
 * are written once, with a script that uses only what both the Simulator and the player can do
 * (ScenarioControls), so the scenario in the browser cannot drift from the one the tests check.
 */
import type { ModelTypes, RunOptions } from '../sim/index.ts';
import type { PlayScenario, ScenarioControls } from './descriptor.ts';

/** `simulate`'s options, with a script the player can run too. */
export type ScriptedRun<T extends ModelTypes> = Omit<RunOptions<T>, 'scenario'> & { readonly scenario?: ((run: ScenarioControls<T>) => void) | undefined };

/**
 * What the reader sees of a scenario; the rest comes from the run. `ticks` defaults to the run's
 * `safetyTicks`; `invariants` (checks true of this script only) to the run's own.
 */
export type ScenarioText<T extends ModelTypes> = Pick<PlayScenario<T>, 'id' | 'label' | 'description'> & Partial<Pick<PlayScenario<T>, 'ticks' | 'invariants'>>;

/** `options` is called again for each run, so a workload that keeps state in its closure starts fresh. */
export function scenarioFromRun<T extends ModelTypes>(text: ScenarioText<T>, options: () => ScriptedRun<T>): PlayScenario<T> {
  const run = options();
  return {
    id: text.id,
    label: text.label,
    description: text.description,
    nodes: run.nodes,
    config: run.config,
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    clients: () => options().clients ?? [],
    ...(run.scenario ? { setup: (controls: ScenarioControls<T>) => options().scenario?.(controls) } : {}),
    ...(text.invariants ? { invariants: text.invariants } : run.invariants ? { invariants: () => options().invariants ?? {} } : {}),
    ticks: text.ticks ?? run.safetyTicks,
  };
}
