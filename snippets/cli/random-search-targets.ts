/**
 * The bugs `npm run random-search` hunts (snippets/cli/random-search.ts), each a model's broken variant.
 * A target names its model by its key in `SWARM_ENTRIES` (swarm-seed.ts) and its variant as the
 * command line spells it, so its swarm search runs exactly what `npm run snippet -- MODEL --swarm
 * --seed N --variant V` replays, and the replay command it prints is built from the same two names.
 * A target whose model or variant the registry does not list stops at load, naming both.
 */
import type { RunResult } from '../sim/run.ts';
import type { ModelTypes } from '../sim/types.ts';
import type { SuiteRun } from '../swarm-runs.ts';
import { SWARM_ENTRIES } from './swarm-seed.ts';
import { checkVr, FAULTY as VR_FAULTY, runVr } from '../vr/run-vr.ts';
import { FAULTY as DYNAMO_FAULTY, runDynamo } from '../dynamo/run-dynamo.ts';
import { checkRegister, FAULTY as REGISTER_FAULTY, runRegister } from '../quorums/run-register.ts';
import { FAULTY as BK_FAULTY, runBookkeeper } from '../bookkeeper/run-bookkeeper.ts';
import { bookkeeperVariants, type BookkeeperVariantName } from '../bookkeeper/variants.ts';

export interface Target {
  readonly name: string;
  readonly bug: string;
  /** The model's key in SWARM_ENTRIES: its default random suite, and the NAME of its replay command. */
  readonly model: string;
  /** The broken variant, as `--variant` names it. */
  readonly variant: string;
  /** One run under the model's old fixed mix (its runner's FAULTY), and its finding. */
  readonly fixed: (seed: number) => string | undefined;
}

/** A run's failure (not a mere liveness one) or a failed linearizability check, in a few words. */
function finding<T extends ModelTypes>(result: RunResult<T>, linearizable: (result: RunResult<T>) => boolean = () => true): string | undefined {
  if (!result.ok && result.kind !== 'no-progress') return result.message;
  return linearizable(result) ? undefined : 'not linearizable';
}

const quorum3 = { n: 3, r: 2, w: 2, contact: 'quorum' } as const;

/** A BookKeeper variant (issue 20): the demo's faulty run (three clients, safety until tick 150), and the swarm suite. */
const bookkeeper = (variant: BookkeeperVariantName): Target => ({
  name: `bookkeeper-${variant}`,
  bug: `BookKeeper --variant ${variant}: ${bookkeeperVariants[variant].description}`,
  model: 'bookkeeper',
  variant,
  fixed: (seed) => finding(runBookkeeper({ seed, clients: 3, safetyTicks: 150, rules: bookkeeperVariants[variant].config, ...BK_FAULTY })),
});

export const TARGETS: readonly Target[] = [
  {
    name: 'vr',
    bug: 'VR --variant claim-view-at-once (issue 29 §1): state transfer claims the new view before NewState',
    model: 'vr',
    variant: 'claim-view-at-once',
    fixed: (seed) => finding(runVr({ ...VR_FAULTY, seed, config: { stateTransfer: 'claim-view-at-once' } }), (r) => checkVr(r).ok),
  },
  {
    name: 'dynamo',
    bug: 'Dynamo --variant op-ids-restart (issue 29 §2): operation ids restart at 1 after a crash',
    model: 'dynamo',
    variant: 'op-ids-restart',
    fixed: (seed) => finding(runDynamo({ seed, safetyTicks: 100, ...DYNAMO_FAULTY, config: { incarnation: false } })),
  },
  {
    name: 'register-ids',
    bug: 'ABD register --variant writer-ids-restart (issue 29 §3), N = 3, R = W = 2, one random quorum',
    model: 'quorums',
    variant: 'writer-ids-restart',
    fixed: (seed) => finding(runRegister({ ...quorum3, seed, ...REGISTER_FAULTY, incarnation: false }), (r) => checkRegister(r).ok),
  },
  {
    name: 'register-duplicates',
    bug: 'ABD register --variant reruns-duplicates, N = 3, R = W = 2, one random quorum',
    model: 'quorums',
    variant: 'reruns-duplicates',
    fixed: (seed) => finding(runRegister({ ...quorum3, seed, ...REGISTER_FAULTY, rerunDuplicates: true }), (r) => checkRegister(r).ok),
  },
  ...(Object.keys(bookkeeperVariants) as BookkeeperVariantName[]).map(bookkeeper),
];

for (const { name, model, variant } of TARGETS) {
  const entry = SWARM_ENTRIES[model];
  if (!entry) throw new Error(`random-search target "${name}" names model "${model}", which has no entry in SWARM_ENTRIES (snippets/cli/swarm-seed.ts); add its suite there`);
  if (!entry.variants.includes(variant)) throw new Error(`random-search target "${name}": the ${model} random suite cannot run --variant ${variant}; SWARM_ENTRIES.${model} runs ${entry.variants.join(', ') || 'no variants'}`);
}

/** Seed N of the target's default random suite with its variant on: the run its replay command shows. */
export function swarmRun(target: Target, seed: number): SuiteRun {
  return SWARM_ENTRIES[target.model]!.run(seed, target.variant);
}

/** The command that replays seed N of the target's swarm search, profile and trace included. */
export function replayCommand(target: Target, seed: number): string {
  return `npm run snippet -- ${target.model} --swarm --seed ${seed} --variant ${target.variant}`;
}
