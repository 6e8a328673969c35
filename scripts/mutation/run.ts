/**
 * `npm run mutation [-- FOLDER ...] [-- --force] [-- --concurrency=N]`: Stryker over the model code in snippets/, one
 * folder at a time (all folders when none is named; top-level files such as snippets/swarm-runs.ts are
 * not mutated), each against that folder's own tests (tests/snippets/<folder>/), then the score per folder and every surviving mutant. Incremental: a re-run
 * only tests mutants in code or tests changed since the last run; `--force` tests them all again.
 * Reports land in reports/mutation/<folder>/ (gitignored). See docs/mutation.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chooseFolders, concurrencyArgs, mutationFolders } from './folders.ts';
import { formatScore, summarizeFolder, summaryLines, type FolderSummary, type MutationReport } from './summary.ts';

const STRYKER = join('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');

function linesOfTs(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .reduce((sum, f) => sum + readFileSync(join(dir, f), 'utf8').split('\n').length, 0);
}

function availableFolders(): string[] {
  const entries = readdirSync('snippets', { withFileTypes: true }).map((e) => ({
    name: e.name,
    isDirectory: e.isDirectory(),
    lines: e.isDirectory() ? linesOfTs(join('snippets', e.name)) : 0,
  }));
  return mutationFolders(entries);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function mutate(folder: string, force: boolean, extra: readonly string[]): { summary: FolderSummary; seconds: number; loadBefore: string; loadAfter: string } {
  const out = join('reports', 'mutation', folder);
  mkdirSync(out, { recursive: true });
  const incrementalFile = join(out, 'incremental.json');
  const loadBefore = load();
  const started = Date.now();
  const args = [STRYKER, 'run', 'stryker.config.json', '--mutate', `snippets/${folder}/**/*.ts`, '--testFiles', `tests/snippets/${folder}/**/*.test.ts`, '--incrementalFile', incrementalFile];
  const run = spawnSync(process.execPath, [...args, ...extra, ...(force ? ['--force'] : [])], { stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  if (run.status !== 0) {
    throw new Error(`npm run mutation: Stryker failed on snippets/${folder} (exit ${run.status ?? run.signal}); its output is above.`);
  }
  const html = join('reports', 'mutation', 'mutation.html');
  if (existsSync(html)) renameSync(html, join(out, 'mutation.html'));
  const report = JSON.parse(readFileSync(incrementalFile, 'utf8')) as MutationReport;
  const summary = summarizeFolder(report, folder);
  const loadAfter = load();
  const timing = `time ${Math.round(seconds)} s, load average ${loadBefore} before, ${loadAfter} after`;
  writeFileSync(join(out, 'summary.txt'), [...summaryLines(summary), timing, ''].join('\n'));
  return { summary, seconds, loadBefore, loadAfter };
}

function main(args: readonly string[]): void {
  const folders = chooseFolders(args, availableFolders());
  const extra = concurrencyArgs(args);
  const results = folders.map((folder) => {
    console.log(`\n== npm run mutation: snippets/${folder} (load average ${load()}) ==\n`);
    const result = mutate(folder, args.includes('--force'), extra);
    console.log(['', ...summaryLines(result.summary)].join('\n'));
    return { folder, ...result };
  });
  console.log('\nMutation score per folder (target ≥ 85 %, docs/mutation.md):');
  for (const r of results) {
    console.log(`  snippets/${r.folder}: ${formatScore(r.summary.total.score)} in ${Math.round(r.seconds)} s (load average ${r.loadBefore} → ${r.loadAfter})`);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
