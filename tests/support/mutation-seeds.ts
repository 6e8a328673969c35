/**
 * The mutation-run mode of the seeded property suites (docs/mutation.md, "Mutation-run mode").
 *
 * Under `npm run mutation` every surviving mutant runs each test that covers it to the end, and the
 * suites that check a correct model over 100–500 seeds are most of that time. vitest.mutation.config.ts
 * sets PAPERLOG_MUTATION_SEEDS, and such a suite then runs at most that many of its seeds. Only suites
 * that must *pass* on every seed read it (fewer seeds can only miss a mutant, never fail a good model),
 * so a score measured in this mode is a lower bound of the full suite's. Suites that must *find* a
 * failure within their seeds never read it. `npm test` does not set it: every suite runs all its seeds.
 */
export const MUTATION_SEEDS_ENV = 'PAPERLOG_MUTATION_SEEDS';

export function seedCount(full: number, env: NodeJS.ProcessEnv = process.env): number {
  const cap = env[MUTATION_SEEDS_ENV];
  if (cap === undefined || cap === '') return full;
  const n = Number(cap);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${MUTATION_SEEDS_ENV}="${cap}" is not a number of seeds; set a whole number ≥ 1 (vitest.mutation.config.ts) or unset it to run every seed.`);
  }
  return Math.min(full, n);
}
