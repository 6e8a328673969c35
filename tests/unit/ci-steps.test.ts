import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import vitestConfig from '../../vitest.config.ts';
import { isVitestStep, parsePlan, testCoverageProblems, unpinnedActions, workflowCalls, workflowDrift, type PlanStep } from '../../scripts/ci/plan.ts';

/**
 * CI runs the same steps everywhere: .ci/run runs `scripts/ci/steps.sh all`, the GitHub Actions workflow
 * runs the same script one step at a time, and the test steps together are `npm test`. These tests read
 * the real files; each rule is also shown failing on a broken copy, so it cannot pass by accident.
 */

const WORKFLOW = '.github/workflows/ci.yml';
const plan = parsePlan(execFileSync('bash', ['scripts/ci/steps.sh', 'plan'], { encoding: 'utf8' }));
const workflow = readFileSync(WORKFLOW, 'utf8');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

/** The project names of vitest.config.ts, which `vitest run` (the second half of npm test) runs. */
function vitestProjects(): string[] {
  return (vitestConfig.test?.projects ?? []).map((project) => {
    const name = typeof project === 'object' && 'test' in project ? project.test?.name : undefined;
    if (typeof name !== 'string') throw new Error('every project in vitest.config.ts needs a test.name for CI to run it by name');
    return name;
  });
}

const step = (name: string, command: string): PlanStep => ({ name, words: command.split(' ') });

describe('CI: .ci/run and the GitHub Actions workflow run the same steps', () => {
  it('.ci/run runs every step of scripts/ci/steps.sh, and nothing else', () => {
    const commands = readFileSync('.ci/run', 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(commands).toEqual(['set -euo pipefail', 'cd "$(dirname "$0")/.."', 'exec bash scripts/ci/steps.sh all < /dev/null']);
    expect(execFileSync('bash', ['scripts/ci/steps.sh', 'list'], { encoding: 'utf8' }).trim().split('\n')).toEqual(plan.map((s) => s.name));
  });

  it('the workflow runs exactly those steps, in the same order, and nothing else', () => {
    expect(plan.map((s) => s.name)).toEqual(['chromium', 'install', 'typecheck', 'unit', 'models', 'build', 'links', 'budgets', 'site']);
    expect(workflowDrift(workflowCalls(workflow), plan)).toEqual([]);
  });

  it('a workflow that adds, drops or reorders a step is caught', () => {
    const real = workflowCalls(workflow);
    const extra = { ...real, runs: [...real.runs, 'npm run lint'] };
    expect(workflowDrift(extra, plan).join('\n')).toMatch(/runs "npm run lint", which is not a step/);
    const dropped = { ...real, runs: real.runs.filter((r) => !r.endsWith(' budgets')) };
    expect(workflowDrift(dropped, plan).join('\n')).toMatch(/must be the same, in the same order/);
    const swapped = { ...real, runs: [...real.runs].reverse() };
    expect(workflowDrift(swapped, plan)).toHaveLength(1);
    expect(workflowDrift(workflowCalls('    steps:\n      - run: |\n          npm test\n'), plan).join('\n')).toMatch(/runs "\|"/);
  });

  it('the workflow takes Node from .nvmrc, which is the Node the project pins, and caches npm', () => {
    expect(readFileSync('.nvmrc', 'utf8').trim()).toBe(packageJson.devDependencies['node']);
    expect(workflow).toMatch(/^\s+node-version-file: \.nvmrc$/m);
    expect(workflow).toMatch(/^\s+cache: npm$/m);
  });

  it('runs on pull requests and on pushes to main', () => {
    expect(workflow).toMatch(/^on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]$/m);
  });

  it('pins every action by a full commit SHA with its version in a comment', () => {
    const calls = workflowCalls(workflow);
    expect(calls.uses.length).toBeGreaterThanOrEqual(2);
    expect(unpinnedActions(calls)).toEqual([]);
    expect(unpinnedActions({ runs: [], uses: ['actions/checkout@v7', 'actions/setup-node@82076278 # v7.0.0'] })).toHaveLength(2);
  });
});

describe('CI: the test steps together are exactly npm test', () => {
  it('astro check, then every Vitest project whole: the site project in parts that add up, after one build', () => {
    expect(vitestProjects()).toEqual(['unit', 'snippets', 'site']);
    expect(testCoverageProblems(plan, packageJson.scripts, vitestProjects())).toEqual([]);
  });

  it('the steps that take Vitest arguments (steps.sh) are the test steps these checks account for (plan.ts)', () => {
    const takeArguments = execFileSync('bash', ['scripts/ci/steps.sh', 'tests'], { encoding: 'utf8' }).trim().split('\n');
    expect(takeArguments).toEqual(plan.filter(isVitestStep).map((s) => s.name));
    expect(takeArguments).toContain('site');
  });

  it('the files the link-check and budget steps run exist, so the rest step excludes real files', () => {
    const named = plan.flatMap((s) => s.words.filter((w) => w.startsWith('tests/')));
    expect(named.length).toBeGreaterThan(0);
    for (const file of named) expect(existsSync(file), file).toBe(true);
  });

  it('catches a plan that would run a test twice, never, or on a stale build', () => {
    const projects = ['unit', 'site'];
    const scripts = { check: 'astro check', test: 'astro check && vitest run' };
    const good = [
      step('typecheck', 'npm run check'),
      step('unit', 'npx vitest run --project unit'),
      step('build', 'npm run build'),
      step('links', 'env PAPERLOG_REUSE_BUILD=1 npx vitest run --project site tests/site/links.test.ts'),
      step('site', 'env PAPERLOG_REUSE_BUILD=1 npx vitest run --project site --exclude tests/site/links.test.ts'),
    ];
    expect(testCoverageProblems(good, scripts, projects)).toEqual([]);

    const without = (name: string) => good.filter((s) => s.name !== name);
    const replace = (name: string, command: string) => good.map((s) => (s.name === name ? step(name, command) : s));
    const problems = (steps: PlanStep[], s = scripts, p = projects) => testCoverageProblems(steps, s, p).join('\n');

    expect(problems(without('unit'))).toMatch(/project unit is run without a file filter by 0 steps/);
    expect(problems(without('links'))).toMatch(/excludes \[tests\/site\/links.test.ts\] but the other steps run \[\]/);
    expect(problems(replace('site', 'env PAPERLOG_REUSE_BUILD=1 npx vitest run --project site'))).toMatch(/excludes \[\] but the other steps run \[tests\/site\/links.test.ts\]/);
    expect(problems([...good, step('again', 'npx vitest run --project site tests/site/links.test.ts')])).toMatch(/named by two steps/);
    expect(problems(replace('unit', 'npx vitest run --project unit -t schema'))).toMatch(/option -t would run less/);
    expect(problems(replace('unit', 'npx vitest run'))).toMatch(/names no --project/);
    expect(problems(without('typecheck'))).toMatch(/no step runs "npm run check"/);
    expect(problems(without('build'))).toMatch(/reuses the site build, but no "npm run build" step runs before it/);
    expect(problems(good, scripts, [...projects, 'e2e'])).toMatch(/project e2e is run without a file filter by 0 steps/);
    expect(problems(good, { ...scripts, test: 'astro check && vitest run --project unit' })).toMatch(/npm test is "astro check && vitest run --project unit"/);
  });
});
