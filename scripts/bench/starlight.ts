/**
 * The Starlight baseline from ../shared/bench/starlight, measured like Paperlog. That folder is
 * read-only: it is copied to a scratch folder, with its dependencies installed once into
 * node_modules/.cache/paperlog-bench/starlight/<hash of its package.json> and hard-linked (or copied)
 * into each run. Its notes come from its own gen-notes.mjs (Starlight's frontmatter differs).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { distStats } from './dist-stats.ts';
import { editFirstSentence, EDITED_SENTENCE } from './edit-note.ts';
import { measure } from './measure.ts';
import { pageWeight } from './page-weight.ts';
import { contentStoreCleared, pagesBuilt, starlightPagefindMs } from './parse-output.ts';
import { progress } from './progress.ts';
import { toMB, type SiteRow } from './row.ts';

/** What the baseline folder holds besides its sources; never copied. */
const SKIP = new Set(['node_modules', 'dist', '.astro', 'results', 'package-lock.json']);
const NOTES = 'src/content/docs/notes';

/** Installs the baseline's dependencies once per version of its package.json; returns the cached folder. */
export function ensureInstalled(baseline: string, cacheRoot: string): string {
  const key = createHash('sha256').update(readFileSync(join(baseline, 'package.json'))).digest('hex').slice(0, 16);
  const cached = join(cacheRoot, key);
  if (existsSync(join(cached, '.installed'))) {
    progress(`starlight: dependencies from cache ${relative(process.cwd(), cached)}`);
    return cached;
  }
  const staging = `${cached}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  copySources(baseline, staging);
  progress(`starlight: npm install in ${staging} (once per version of its package.json; takes a minute) …`);
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, stdio: ['ignore', 2, 2] }); // stdout carries only the JSON
  if (npm.status !== 0) throw new Error(`npm install for the Starlight baseline failed (exit ${npm.status}) in ${staging}`);
  writeFileSync(join(staging, '.installed'), new Date().toISOString() + '\n');
  rmSync(cached, { recursive: true, force: true });
  renameSync(staging, cached);
  return cached;
}

function copySources(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (source) => !SKIP.has(relative(from, source).split('/')[0] ?? '') && !relative(from, source).startsWith(NOTES) });
}

/** Hard links when the cache and the scratch folder share a file system (fast, no extra space), else a copy. */
function linkOrCopy(from: string, to: string): void {
  const linked = spawnSync('cp', ['-al', from, to], { stdio: 'ignore' });
  if (linked.status !== 0) {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

export async function benchStarlight(options: { baseline: string; cacheRoot: string; work: string; count: number; pageId: string }): Promise<SiteRow> {
  const { baseline, work, count, pageId } = options;
  const installed = ensureInstalled(baseline, options.cacheRoot);
  const site = join(work, 'site');
  const logs = join(work, 'logs');
  const tmp = join(work, 'tmp');
  for (const dir of [logs, tmp]) mkdirSync(dir, { recursive: true });
  copySources(baseline, site);
  linkOrCopy(join(installed, 'node_modules'), join(site, 'node_modules'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [join(site, 'node_modules/.bin'), process.env['PATH'] ?? ''].join(delimiter),
    TMPDIR: tmp, // as for Paperlog: a compile cache of its own, so cold is cold
    NO_COLOR: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  delete env['NODE_ENV'];

  const gen = spawnSync('node', ['gen-notes.mjs', String(count), NOTES], { cwd: site, env, encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`Starlight's gen-notes.mjs failed: ${gen.stderr}`);
  progress(`starlight: ${gen.stdout.trim()}`);

  // Cold: no content cache (node_modules/.astro), no .astro, no dist; nothing in a fresh copy has them.
  for (const stale of ['dist', '.astro', 'node_modules/.astro']) rmSync(join(site, stale), { recursive: true, force: true });
  progress('starlight: cold: astro build (runs Pagefind itself) …');
  const cold = await measure('astro', ['build'], { cwd: site, env, logFile: join(logs, 'cold-astro.log') });
  progress(`starlight: cold: ${(cold.wallMs / 1000).toFixed(1)}s`);
  const dist = join(site, 'dist');
  const stats = distStats(dist);
  const pagePath = `notes/${pageId}/index.html`;
  const page = pageWeight(dist, pagePath);

  const file = join(site, NOTES, `${pageId}.md`);
  writeFileSync(file, editFirstSentence(readFileSync(file, 'utf8')));
  progress(`starlight: edited one sentence of ${pageId}.md; rebuilding with the same cache …`);
  const rebuild = await measure('astro', ['build'], { cwd: site, env, logFile: join(logs, 'rebuild-astro.log') });
  progress(`starlight: rebuild: ${(rebuild.wallMs / 1000).toFixed(1)}s`);
  if (!readFileSync(join(dist, pagePath), 'utf8').includes(EDITED_SENTENCE)) {
    throw new Error(`the Starlight rebuild did not publish the edit to ${pageId}.md`);
  }

  const pages = pagesBuilt(cold.output) ?? null;
  return {
    notes: count,
    coldMs: cold.wallMs,
    astroMs: cold.wallMs,
    pagefindMs: starlightPagefindMs(cold.output) ?? null,
    coldCpuMs: cold.cpuMs ?? null,
    rebuildMs: rebuild.wallMs,
    rebuildPagefindMs: starlightPagefindMs(rebuild.output) ?? null,
    rebuildCpuMs: rebuild.cpuMs ?? null,
    pages,
    htmlFiles: stats.htmlFiles,
    pagesPerSecond: pages === null ? null : Math.round((pages / (cold.wallMs / 1000)) * 10) / 10,
    peakRssMB: toMB(cold.peakTreeRssBytes),
    maxProcessRssMB: cold.maxProcessRssBytes === undefined ? null : toMB(cold.maxProcessRssBytes),
    distBytes: stats.bytes,
    page,
    warnings: contentStoreCleared(rebuild.output) ? ['the rebuild re-rendered every note (Astro cleared its content cache), so rebuildMs is not an incremental rebuild'] : [],
  };
}
