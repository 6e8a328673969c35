/**
 * Builds Paperlog against generated notes, the way tests/support/build-fixture-site.ts does: the real
 * src/ and snippets/, with notes, cache and output in a scratch folder chosen by environment
 * variables. Cold build (empty cache), then a rebuild after editing one sentence of one note.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { distStats } from './dist-stats.ts';
import { editFirstSentence, EDITED_SENTENCE } from './edit-note.ts';
import type { GeneratedNote } from './generate-notes.ts';
import { measure, type Measurement } from './measure.ts';
import { pageWeight, type PageWeight } from './page-weight.ts';
import { contentStoreCleared, pagesBuilt } from './parse-output.ts';
import { progress } from './progress.ts';
import { maxOrNull, sumOrNull, toMB, type SiteRow } from './row.ts';
import { sourceDigest } from './source-digest.ts';

export interface PaperlogRow extends SiteRow {
  /** A note page with a Mermaid diagram, when one was generated. */
  diagramPage: PageWeight | null;
}

/** The note whose page is measured and edited: the first at or after the middle that embeds model code and has no diagram. */
export function typicalNote(notes: readonly GeneratedNote[]): GeneratedNote {
  const middle = Math.floor((notes.length - 1) / 2);
  const order = [...notes.slice(middle), ...notes.slice(0, middle)];
  return order.find((n) => n.snippet && !n.diagram) ?? order.find((n) => !n.diagram) ?? order[0]!;
}

/**
 * `outDir` must lie inside the repository. For such an outDir Astro writes its prerender bundle to
 * `<outDir>/.prerender/`; for one elsewhere, to `<repo>/.astro/.prerender/`, which every build of this
 * checkout with an outside outDir (fixture-site tests, another benchmark) shares and deletes.
 */
export async function benchPaperlog(options: { root: string; work: string; outDir: string; notes: readonly GeneratedNote[] }): Promise<PaperlogRow> {
  const { root, work, notes } = options;
  const dirs = { notes: join(work, 'notes'), concepts: join(work, 'concepts'), cache: join(work, 'cache'), dist: options.outDir, logs: join(work, 'logs'), tmp: join(work, 'tmp') };
  for (const dir of [dirs.notes, dirs.concepts, dirs.logs, dirs.tmp]) mkdirSync(dir, { recursive: true });
  for (const note of notes) writeFileSync(join(dirs.notes, note.fileName), note.text);
  progress(`paperlog: wrote ${notes.length} notes to ${dirs.notes}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // What `npm run build` does: the project's node_modules/.bin (and its Node 24) first.
    PATH: [join(root, 'node_modules/.bin'), process.env['PATH'] ?? ''].join(delimiter),
    PAPERLOG_NOTES_DIR: dirs.notes,
    // No concepts: an empty folder, so the notebook's own concepts stay out of the generated site.
    PAPERLOG_CONCEPTS_DIR: dirs.concepts,
    PAPERLOG_SNIPPETS_DIR: join(root, 'snippets'),
    PAPERLOG_CACHE_DIR: dirs.cache,
    PAPERLOG_OUT_DIR: dirs.dist,
    // Astro's CLI turns on Node's compile cache in $TMPDIR/node-compile-cache, shared by every build on
    // the machine: a temporary folder per run keeps "cold" cold. Not NODE_COMPILE_CACHE, which would
    // also turn the cache on in worker threads, where `npm run build` does not. See docs/performance.md.
    TMPDIR: dirs.tmp,
    NO_COLOR: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  delete env['NODE_ENV'];

  const build = async (label: string): Promise<{ astro: Measurement; pagefind: Measurement }> => {
    progress(`paperlog: ${label}: astro build …`);
    const astro = await measure('astro', ['build'], { cwd: root, env, logFile: join(dirs.logs, `${label}-astro.log`) });
    progress(`paperlog: ${label}: astro build ${(astro.wallMs / 1000).toFixed(1)}s; pagefind …`);
    const pagefind = await measure('pagefind', ['--site', dirs.dist], { cwd: root, env, logFile: join(dirs.logs, `${label}-pagefind.log`) });
    progress(`paperlog: ${label}: pagefind ${(pagefind.wallMs / 1000).toFixed(1)}s`);
    return { astro, pagefind };
  };

  const sourcesBefore = sourceDigest(root);
  const cold = await build('cold');
  const stats = distStats(dirs.dist);
  const typical = typicalNote(notes);
  const page = pageWeight(dirs.dist, `notes/${typical.id}/index.html`);
  const withDiagram = notes.find((n, i) => n.diagram && i >= Math.floor((notes.length - 1) / 2)) ?? notes.find((n) => n.diagram);
  const diagramPage = withDiagram ? pageWeight(dirs.dist, `notes/${withDiagram.id}/index.html`) : null;

  const file = join(dirs.notes, typical.fileName);
  writeFileSync(file, editFirstSentence(readFileSync(file, 'utf8')));
  progress(`paperlog: edited one sentence of ${typical.fileName}; rebuilding with the same cache`);
  const rebuild = await build('rebuild');
  if (!readFileSync(join(dirs.dist, `notes/${typical.id}/index.html`), 'utf8').includes(EDITED_SENTENCE)) {
    throw new Error(`the rebuild did not publish the edit to ${typical.fileName}: the rebuild time would be meaningless`);
  }

  const warnings: string[] = [];
  if (sourceDigest(root) !== sourcesBefore) {
    warnings.push("the site's sources (astro.config.mjs, package-lock.json, src/, snippets/, public/) changed during the run: the builds may mix two versions of the site");
  }
  if (contentStoreCleared(rebuild.astro.output)) {
    warnings.push('the rebuild re-rendered every note (Astro cleared its content cache because its config changed), so rebuildMs is not an incremental rebuild');
  }
  const coldMs = cold.astro.wallMs + cold.pagefind.wallMs;
  const pages = pagesBuilt(cold.astro.output) ?? null;
  return {
    notes: notes.length,
    coldMs,
    astroMs: cold.astro.wallMs,
    pagefindMs: cold.pagefind.wallMs,
    coldCpuMs: sumOrNull([cold.astro.cpuMs, cold.pagefind.cpuMs]),
    rebuildMs: rebuild.astro.wallMs + rebuild.pagefind.wallMs,
    rebuildPagefindMs: rebuild.pagefind.wallMs,
    rebuildCpuMs: sumOrNull([rebuild.astro.cpuMs, rebuild.pagefind.cpuMs]),
    pages,
    htmlFiles: stats.htmlFiles,
    pagesPerSecond: pages === null ? null : Math.round((pages / (coldMs / 1000)) * 10) / 10,
    peakRssMB: toMB(Math.max(cold.astro.peakTreeRssBytes, cold.pagefind.peakTreeRssBytes)),
    maxProcessRssMB: nullableMB(maxOrNull([cold.astro.maxProcessRssBytes, cold.pagefind.maxProcessRssBytes])),
    distBytes: stats.bytes,
    page,
    diagramPage,
    warnings,
  };
}

const nullableMB = (bytes: number | null): number | null => (bytes === null ? null : toMB(bytes));
