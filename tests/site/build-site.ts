import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { childEnv } from '../support/child-env.ts';

/**
 * Global setup for the site tests: build the real site once with the README's build command
 * (astro build, then Pagefind). PAPERLOG_REUSE_BUILD=1 skips it when dist/ exists, for quick
 * iteration on the browser tests. CI builds once in a step of its own (scripts/ci/steps.sh build) and sets
 * it for the site steps that follow, so the site tests check that build and nothing builds twice.
 */
export default function buildSite(): void {
  if (process.env.PAPERLOG_REUSE_BUILD === '1' && existsSync('dist/pagefind/pagefind.js')) return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'], env: childEnv() });
}
