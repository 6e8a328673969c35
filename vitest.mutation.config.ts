import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import projects from './vitest.config.ts';
import { MUTATION_SEEDS_ENV } from './tests/support/mutation-seeds.ts';

/**
 * The Vitest config Stryker loads for `npm run mutation`: the `snippets` project of vitest.config.ts
 * alone. Stryker's Vitest runner cannot pick a project, and the site project's global setup would
 * build the whole site before the first mutant; taking the project from vitest.config.ts (instead
 * of copying it) keeps its include and timeouts in one place.
 */
const snippets = projects.test?.projects?.find(
  (project) => typeof project === 'object' && 'test' in project && project.test?.name === 'snippets',
);
if (typeof snippets !== 'object' || !('test' in snippets) || snippets.test === undefined) {
  throw new Error('vitest.mutation.config.ts: vitest.config.ts has no project named "snippets"; mutation testing runs that project.');
}

/**
 * Under mutation testing every test runs instrumented (each branch counts its hits) and the machine is
 * often shared: at a load average of 25 on 2 cores, Stryker's initial run failed three times on a slow
 * test passing the suite's 30 s timeout (docs/mutation.md). A mutant that truly loops is caught by
 * Stryker's own timeout (`timeoutMS`, `timeoutFactor` in stryker.config.json), not by this one, so the
 * only cost of a long limit here is none; `npm test` keeps its own 30 s.
 */
const MUTATION_TEST_TIMEOUT_MS = 300_000;

/**
 * Mutation-run mode: the seeded suites that check a correct model over 100–500 seeds run at most this
 * many (tests/support/mutation-seeds.ts). A survivor runs every covering test to the end, and those
 * suites were most of each folder's time; fewer seeds can only let a mutant survive, so the score is a
 * lower bound of the full suite's (docs/mutation.md says which folders were measured this way).
 */
export const MUTATION_SEEDS = 20;

/**
 * Per mutant, Stryker runs the tests that cover it and stops at the first failure. The
 * `*.mutation.test.ts` files state one rule per test on a small state, in milliseconds, so they go
 * first; the seeded suites (seconds each) run only for the mutants those did not kill. Vitest's own
 * order (slowest file first) is kept within each group.
 */
class RuleTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rules = (f: TestSpecification) => f.moduleId.endsWith('.mutation.test.ts');
    return [...sorted.filter(rules), ...sorted.filter((f) => !rules(f))];
  }
}

export default defineConfig({
  test: {
    ...snippets.test,
    name: 'snippets',
    testTimeout: MUTATION_TEST_TIMEOUT_MS,
    // One worker keeps its modules between mutants (Stryker switches mutants at run time, and the
    // models are pure): each mutant no longer pays a new process and a fresh import of every model.
    isolate: false,
    sequence: { sequencer: RuleTestsFirst },
    env: { ...snippets.test.env, [MUTATION_SEEDS_ENV]: String(MUTATION_SEEDS) },
  },
});
