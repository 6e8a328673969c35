/**
 * `npm run random-search`: how many seeds each random search needs before it finds each bug.
 * For every target (a model configuration and the check that catches its bug), it runs seeds 1, 2, …
 * under the old fixed fault mix (each runner's FAULTY) and under swarm testing (sim/swarm.ts), and
 * prints the first seeds that fail and the time taken. docs/random-search.md records the results and
 * how to read them.
 *
 *   npm run random-search -- [--seeds N] [--target NAME] [--hits K]
 */
import { performance } from 'node:perf_hooks';
import { parseCommandLine, usageError } from './parse-command-line.ts';
import { describeProfile, type FaultProfile } from '../sim/swarm.ts';
import type { RunResult } from '../sim/run.ts';
import type { ModelTypes } from '../sim/types.ts';
import { swarmDynamo, swarmRegister, swarmVr } from '../swarm-runs.ts';
import { checkVr, FAULTY as VR_FAULTY, runVr } from '../vr/run-vr.ts';
import { FAULTY as DYNAMO_FAULTY, runDynamo } from '../dynamo/run-dynamo.ts';
import { checkRegister, FAULTY as REGISTER_FAULTY, runRegister, type RegisterRun } from '../quorums/run-register.ts';

/** What a run found, in a few words, or undefined if it found nothing. */
type Verdict<T extends ModelTypes> = (result: RunResult<T>) => string | undefined;

interface Target {
  readonly name: string;
  readonly bug: string;
  /** One run under the old fixed mix, and its finding. */
  readonly fixed: (seed: number) => string | undefined;
  /** One run under swarm testing, and its finding and profile. */
  readonly swarm: (seed: number) => { found: string | undefined; profile: FaultProfile };
}

const violated = <T extends ModelTypes>(pattern: RegExp): Verdict<T> => (result) =>
  !result.ok && result.kind === 'invariant-violated' && pattern.test(result.message) ? result.message.replace(/^invariant "([^"]+)" violated: /, '$1: ') : undefined;

const vrLost = violated(/committed operations survive/);
const vrFinding: Verdict<Parameters<typeof checkVr>[0] extends RunResult<infer T> ? T : never> = (result) =>
  vrLost(result) ?? (checkVr(result).ok ? undefined : 'not linearizable');

const dynamoLost = violated(/no acknowledged put is lost/);

const registerFinding = (result: RunResult<Parameters<typeof checkRegister>[0] extends RunResult<infer T> ? T : never>) =>
  !result.ok && result.kind !== 'no-progress' ? result.message : checkRegister(result).ok ? undefined : 'not linearizable';

function registerTarget(name: string, nrw: Omit<RegisterRun, 'seed'>): Target {
  return {
    name,
    bug: 'ABD writer ids reused after a crash (issue 29 §3): the linearizability checker',
    fixed: (seed) => registerFinding(runRegister({ ...nrw, seed, ...REGISTER_FAULTY })),
    swarm: (seed) => {
      const { profile, result } = swarmRegister(seed, nrw);
      return { found: registerFinding(result), profile };
    },
  };
}

const TARGETS: readonly Target[] = [
  {
    name: 'vr',
    bug: 'VR state transfer claims the new view before NewState (issue 29 §1): "committed operations survive every later view change"',
    fixed: (seed) => vrFinding(runVr({ ...VR_FAULTY, seed })),
    swarm: (seed) => {
      const { profile, result } = swarmVr(seed);
      return { found: vrFinding(result), profile };
    },
  },
  {
    name: 'dynamo',
    bug: 'Dynamo op ids restart at 1 after a crash (issue 29 §2): "no acknowledged put is lost (§4.4)"',
    fixed: (seed) => dynamoLost(runDynamo({ seed, safetyTicks: 100, ...DYNAMO_FAULTY })),
    swarm: (seed) => {
      const { profile, result } = swarmDynamo(seed, { safetyTicks: 100 });
      return { found: dynamoLost(result), profile };
    },
  },
  registerTarget('register-n3', { n: 3, r: 2, w: 2 }),
  registerTarget('register-n3-quorum', { n: 3, r: 2, w: 2, contact: 'quorum' }),
  registerTarget('register-n5-quorum', { n: 5, r: 3, w: 3, contact: 'quorum' }),
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
