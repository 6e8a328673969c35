import { defineConfig } from 'vitest/config';
import projects from './vitest.config.ts';

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

export default defineConfig({ test: { ...snippets.test, name: 'snippets' } });
