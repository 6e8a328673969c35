/**
 * `npm run random-search`: how many seeds each random search needs before it finds each bug of issue
 * 29, and each broken variant of the BookKeeper model (issue 20). The bugs are fixed; each target turns
 * its broken variant back on and runs seeds 1, 2, … under the old fixed fault mix (each runner's
 * FAULTY) and under the default random suite (swarm testing, snippets/swarm-runs.ts `RANDOM_SUITES`,
 * the seeds and profiles `npm test` runs), and prints the first seeds that fail, what caught them,
 * and the time taken. docs/random-search.md records the results and how to read them.
 *
 *   npm run random-search -- [--seeds N] [--target NAME] [--hits K]
 */
import { performance } from 'node:perf_hooks';
import { parseCommandLine, usageError } from './parse-command-line.ts';
import { describeProfile, type FaultProfile } from '../sim/swarm.ts';
import type { RunResult } from '../sim/run.ts';
import type { ModelTypes } from '../sim/types.ts';
import { RANDOM_SUITES } from '../swarm-runs.ts';
import { checkVr, FAULTY as VR_FAULTY, runVr } from '../vr/run-vr.ts';
import { FAULTY as DYNAMO_FAULTY, runDynamo } from '../dynamo/run-dynamo.ts';
import { checkRegister, FAULTY as REGISTER_FAULTY, runRegister } from '../quorums/run-register.ts';
import { FAULTY as BK_FAULTY, runBookkeeper } from '../bookkeeper/run-bookkeeper.ts';
import { bookkeeperVariants, type BookkeeperVariantName } from '../bookkeeper/variants.ts';

interface Target {
  readonly name: string;
  readonly bug: string;
  /** One run under the old fixed mix, and its finding. */
  readonly fixed: (seed: number) => string | undefined;
  /** One run of the default random suite, and its finding and profile. */
  readonly swarm: (seed: number) => { found: string | undefined; profile: FaultProfile };
}

/** A run's failure (not a mere liveness one) or a failed linearizability check, in a few words. */
function finding<T extends ModelTypes>(result: RunResult<T>, linearizable: (result: RunResult<T>) => boolean = () => true): string | undefined {
  if (!result.ok && result.kind !== 'no-progress') return result.message;
  return linearizable(result) ? undefined : 'not linearizable';
}

const swarm = (run: (seed: number) => { finding: string | undefined; profile: FaultProfile }) => (seed: number) => {
  const { finding: found, profile } = run(seed);
  return { found, profile };
};

const quorum3 = { n: 3, r: 2, w: 2, contact: 'quorum' } as const;

/** A BookKeeper variant (issue 20): the demo's faulty run (three clients, safety until tick 150), and the swarm suite. */
const bookkeeper = (variant: BookkeeperVariantName): Target => {
  const rules = bookkeeperVariants[variant].config;
  return {
    name: `bookkeeper-${variant}`,
    bug: `BookKeeper --variant ${variant}: ${bookkeeperVariants[variant].description}`,
    fixed: (seed) => finding(runBookkeeper({ seed, clients: 3, safetyTicks: 150, rules, ...BK_FAULTY })),
    swarm: swarm((seed) => RANDOM_SUITES.bookkeeper.run(seed, rules)),
  };
};

const TARGETS: readonly Target[] = [
  {
    name: 'vr',
    bug: 'VR --variant claim-view-at-once (issue 29 §1): state transfer claims the new view before NewState',
    fixed: (seed) => finding(runVr({ ...VR_FAULTY, seed, config: { stateTransfer: 'claim-view-at-once' } }), (r) => checkVr(r).ok),
    swarm: swarm((seed) => RANDOM_SUITES.vr.run(seed, { stateTransfer: 'claim-view-at-once' })),
  },
  {
    name: 'dynamo',
    bug: 'Dynamo --variant op-ids-restart (issue 29 §2): operation ids restart at 1 after a crash',
    fixed: (seed) => finding(runDynamo({ seed, safetyTicks: 100, ...DYNAMO_FAULTY, config: { incarnation: false } })),
    swarm: swarm((seed) => RANDOM_SUITES.dynamo.run(seed, { incarnation: false })),
  },
  {
    name: 'register-ids',
    bug: 'ABD register --variant writer-ids-restart (issue 29 §3), N = 3, R = W = 2, one random quorum',
    fixed: (seed) => finding(runRegister({ ...quorum3, seed, ...REGISTER_FAULTY, incarnation: false }), (r) => checkRegister(r).ok),
    swarm: swarm((seed) => RANDOM_SUITES.registerQuorum.run(seed, { incarnation: false })),
  },
  {
    name: 'register-duplicates',
    bug: 'ABD register --variant reruns-duplicates, N = 3, R = W = 2, one random quorum',
    fixed: (seed) => finding(runRegister({ ...quorum3, seed, ...REGISTER_FAULTY, rerunDuplicates: true }), (r) => checkRegister(r).ok),
    swarm: swarm((seed) => RANDOM_SUITES.registerQuorum.run(seed, { rerunDuplicates: true })),
  },
  ...(Object.keys(bookkeeperVariants) as BookkeeperVariantName[]).map(bookkeeper),
];

const usage = `Usage: npm run random-search -- [--seeds N] [--target NAME] [--hits K]
  --seeds N    seeds to try per search (default 2000)
  --target     one of ${TARGETS.map((t) => t.name).join(', ')} (default: all)
  --hits K     stop a search after K failing seeds (default 5)`;

const { values } = parseCommandLine(process.argv.slice(2), { seeds: { type: 'string' }, target: { type: 'string' }, hits: { type: 'string' } }, usage);
const seedCount = Number(values.seeds ?? 2000);
const hitsMax = Number(values.hits ?? 5);
if (!Number.isSafeInteger(seedCount) || seedCount < 1) usageError(`--seeds must be a whole number ≥ 1, got ${values.seeds}\n${usage}`);
if (!Number.isSafeInteger(hitsMax) || hitsMax < 1) usageError(`--hits must be a whole number ≥ 1, got ${values.hits}\n${usage}`);
const targets = values.target ? TARGETS.filter((t) => t.name === values.target) : TARGETS;
if (targets.length === 0) usageError(`unknown target "${values.target}"\n${usage}`);

for (const target of targets) {
  console.log(`\n## ${target.name}: ${target.bug}`);
  for (const search of ['fixed', 'swarm'] as const) {
    const started = performance.now();
    const hits: string[] = [];
    let tried = 0;
    for (let seed = 1; seed <= seedCount && hits.length < hitsMax; seed++) {
      tried = seed;
      if (search === 'fixed') {
        const found = target.fixed(seed);
        if (found) hits.push(`  seed ${seed}: ${found}`);
      } else {
        const { found, profile } = target.swarm(seed);
        if (found) hits.push(`  seed ${seed}: ${found}\n    profile: ${describeProfile(profile)}`);
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${search}: ${hits.length} failing of ${tried} seeds tried, ${seconds} s`);
    for (const hit of hits) console.log(hit);
  }
}
