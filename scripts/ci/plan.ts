/**
 * Reads CI's plan (`scripts/ci/steps.sh plan`) and the GitHub Actions workflow, and says where they
 * disagree with each other or with `npm test`. tests/unit/ci-steps.test.ts runs these checks on the real
 * files; they live here, apart from the test, so the test can also show each check failing on a
 * deliberately broken plan or workflow.
 */

/** One step of the plan: its name and the words of its command. */
export interface PlanStep {
  readonly name: string;
  readonly words: readonly string[];
}

/** Parses `steps.sh plan`: one step a line, its name, a tab, then its command. */
export function parsePlan(text: string): PlanStep[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name, command] = line.split('\t');
      if (name === undefined || command === undefined) throw new Error(`steps.sh plan: "${line}" is not "NAME<tab>COMMAND"`);
      return { name, words: command.split(' ') };
    });
}

/** What the workflow's steps do: the `run:` commands and the `uses:` actions, in file order. */
export interface WorkflowCalls {
  readonly runs: readonly string[];
  readonly uses: readonly string[];
}

/**
 * The `run:` and `uses:` values of a workflow, read line by line. Our workflow keeps each on one line.
 * Anything else named `run:` is reported as it stands (`|` for a block, "" for a mapping such as
 * `defaults: run:`), which no check accepts: a command cannot hide from the checks, at the price of
 * writing the workflow in this one plain form.
 */
export function workflowCalls(yaml: string): WorkflowCalls {
  const runs: string[] = [];
  const uses: string[] = [];
  for (const line of yaml.split('\n')) {
    const run = line.match(/^\s*(?:-\s+)?run:\s*(.*?)\s*$/);
    if (run) runs.push(run[1]!);
    const use = line.match(/^\s*(?:-\s+)?uses:\s*(.*?)\s*$/);
    if (use) uses.push(use[1]!);
  }
  return { runs, uses };
}

const STEP_COMMAND = /^scripts\/ci\/steps\.sh (\S+)$/;

/** Problems with the workflow running the plan: every `run:` must be one plan step, all of them, in order. */
export function workflowDrift(calls: WorkflowCalls, plan: readonly PlanStep[]): string[] {
  const problems: string[] = [];
  const stepsRun: string[] = [];
  for (const run of calls.runs) {
    const step = run.match(STEP_COMMAND)?.[1];
    if (step === undefined) problems.push(`the workflow runs "${run}", which is not a step of scripts/ci/steps.sh (add it there, so .ci/run runs it too)`);
    else stepsRun.push(step);
  }
  const planned = plan.map((s) => s.name);
  if (stepsRun.join(' ') !== planned.join(' ')) {
    problems.push(`the workflow runs the steps [${stepsRun.join(', ')}], scripts/ci/steps.sh has [${planned.join(', ')}]: they must be the same, in the same order`);
  }
  return problems;
}

/** Problems with the actions a workflow uses: each pinned by a full commit SHA, with its version in a comment. */
export function unpinnedActions(calls: WorkflowCalls): string[] {
  return calls.uses
    .filter((use) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/.test(use))
    .map((use) => `"uses: ${use}" is not pinned as owner/action@<40-hex commit> # vX.Y.Z`);
}

/** One Vitest run of the plan: its project, the files it names and the files it excludes. */
interface VitestPart {
  readonly step: string;
  readonly project: string;
  readonly files: readonly string[];
  readonly excludes: readonly string[];
  readonly reusesBuild: boolean;
}

/** Reads a step's command as a Vitest run, or says why it is not one we can account for. */
function vitestPart(step: PlanStep): VitestPart | string {
  const words = [...step.words];
  let reusesBuild = false;
  if (words[0] === 'env') {
    words.shift();
    while (words[0]?.includes('=')) if (words.shift() === 'PAPERLOG_REUSE_BUILD=1') reusesBuild = true;
  }
  if (words.slice(0, 3).join(' ') !== 'npx vitest run') return `step ${step.name}: "${step.words.join(' ')}" is not "npx vitest run …"`;
  let project: string | undefined;
  const files: string[] = [];
  const excludes: string[] = [];
  for (let i = 3; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--project') project = words[++i];
    else if (word === '--exclude') excludes.push(words[++i] ?? '');
    else if (word.startsWith('-')) return `step ${step.name}: option ${word} would run less than its part of npm test`;
    else files.push(word);
  }
  if (project === undefined) return `step ${step.name}: names no --project, so it would run every project again`;
  return { step: step.name, project, files, excludes, reusesBuild };
}

/** Whether a step runs tests (Vitest). */
export const isVitestStep = (step: PlanStep): boolean => step.words.includes('vitest');

/**
 * Problems with the plan's test steps adding up to `npm test`, which is `astro check` and then
 * `vitest run` over every project. Each project must be run whole: by one step, or by steps that name
 * files plus exactly one step that excludes exactly those files, so no test runs twice or never.
 */
export function testCoverageProblems(
  plan: readonly PlanStep[],
  npmScripts: Readonly<Record<string, string>>,
  vitestProjects: readonly string[],
): string[] {
  const problems: string[] = [];
  if (npmScripts['test'] !== `${npmScripts['check']} && vitest run`) {
    problems.push(`npm test is "${npmScripts['test']}", not "npm run check && vitest run" (${npmScripts['check']}): update scripts/ci/steps.sh to match it`);
  }
  const typecheck = plan.find((s) => s.words.join(' ') === 'npm run check');
  if (typecheck === undefined) problems.push('no step runs "npm run check", the first half of npm test');

  const parts: VitestPart[] = [];
  for (const step of plan.filter(isVitestStep)) {
    const part = vitestPart(step);
    if (typeof part === 'string') problems.push(part);
    else parts.push(part);
  }
  for (const part of parts) {
    if (!vitestProjects.includes(part.project)) problems.push(`step ${part.step} runs project "${part.project}", which vitest.config.ts does not have`);
  }
  for (const project of vitestProjects) {
    const mine = parts.filter((p) => p.project === project);
    const whole = mine.filter((p) => p.files.length === 0);
    const named = mine.flatMap((p) => p.files);
    if (whole.length !== 1) {
      problems.push(`project ${project} is run without a file filter by ${whole.length} steps; it must be exactly one (the rest of the project)`);
      continue;
    }
    if (new Set(named).size !== named.length) problems.push(`project ${project}: a file is named by two steps, so it runs twice`);
    const excluded = [...whole[0]!.excludes].sort();
    if (excluded.join(' ') !== [...named].sort().join(' ')) {
      problems.push(`project ${project}: step ${whole[0]!.step} excludes [${excluded.join(', ')}] but the other steps run [${named.join(', ')}]; they must be the same files, or some test runs twice or never`);
    }
  }

  const build = plan.findIndex((s) => s.words.join(' ') === 'npm run build');
  for (const part of parts.filter((p) => p.reusesBuild)) {
    if (build === -1 || build > plan.findIndex((s) => s.name === part.step)) problems.push(`step ${part.step} reuses the site build, but no "npm run build" step runs before it`);
  }
  return problems;
}
