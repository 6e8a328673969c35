/**
 * `npm run random-search`: how many seeds each random search needs before it finds each bug of issue
 * 29, and each broken variant of the BookKeeper model (issue 20). The bugs are fixed; each target turns
 * its broken variant back on and runs seeds 1, 2, … under the old fixed fault mix (each runner's
 * FAULTY) and under the default random suite (swarm testing, snippets/swarm-runs.ts `RANDOM_SUITES`,
 * the seeds and profiles `npm test` runs), and prints the first seeds that fail, what caught them,
 * the command that replays each swarm seed, and the time taken. The targets are in
 * random-search-targets.ts. docs/random-search.md records the results and how to read them.
 *
 *   npm run random-search -- [--seeds N] [--target NAME] [--hits K]
 */
import './blocking-output.ts';
import { performance } from 'node:perf_hooks';
import { parseCommandLine, usageError } from './parse-command-line.ts';
import { describeProfile } from '../sim/swarm.ts';
import { replayCommand, swarmRun, TARGETS } from './random-search-targets.ts';

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
        const { finding: found, profile } = swarmRun(target, seed);
        if (found) hits.push(`  seed ${seed}: ${found}\n    profile: ${describeProfile(profile)}\n    replay: ${replayCommand(target, seed)}`);
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${search}: ${hits.length} failing of ${tried} seeds tried, ${seconds} s`);
    for (const hit of hits) console.log(hit);
  }
}
