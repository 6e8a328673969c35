/**
 * `npm run bench -- [--notes N] [--vs-starlight] [--rounds R] [--keep]`: builds Paperlog against N
 * generated notes (cold, then after editing one note), measures time, memory, output size and a typical
 * note page's weight, optionally does the same for the Starlight baseline right after, repeats that R
 * times (rows give medians), and prints JSON on stdout.
 * Progress goes to stderr. What each number means: docs/performance.md.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, USAGE } from './args.ts';
import { findRegions } from './find-regions.ts';
import { generateNotes } from './generate-notes.ts';
import { gitState } from './git-state.ts';
import { stopRunning } from './measure.ts';
import { benchPaperlog, typicalNote, type PaperlogRow } from './paperlog.ts';
import { progress } from './progress.ts';
import { median, medianRow, ratio, type SiteRow } from './row.ts';
import { benchStarlight } from './starlight.ts';

const root = resolve(import.meta.dirname, '../..');
const baseline = resolve(root, '../shared/bench/starlight');
const cacheRoot = join(root, 'node_modules/.cache/paperlog-bench/starlight');
// Paperlog's output folder must lie inside the repository (see benchPaperlog); removed like the rest.
const buildsRoot = join(root, 'node_modules/.cache/paperlog-bench/builds');

const parsed = parseArgs(process.argv.slice(2));
if (!parsed.ok) {
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  console.error(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
const options = parsed.options;

const scratch: string[] = [];
const cleanUp = () => {
  if (options.keep) return;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
};
for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    stopRunning();
    cleanUp();
    process.exit(status);
  });
}
const scratchDir = (prefix: string, parent = tmpdir()): string => {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, prefix));
  scratch.push(dir);
  return dir;
};
const load = () => Math.round(loadavg()[0]! * 100) / 100;

try {
  const machine = { cpus: availableParallelism(), loadAverage1m: load(), node: process.version };
  const site = gitState(root);
  progress(`${options.notes} notes; ${machine.cpus} CPUs, load average ${machine.loadAverage1m}`);
  const regions = findRegions(join(root, 'snippets'));
  const notes = generateNotes({ count: options.notes, regions });
  const paperlogRows: PaperlogRow[] = [];
  const starlightRows: SiteRow[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) progress(`round ${round} of ${options.rounds}`);
    const paperlogWork = scratchDir('paperlog-bench-');
    const outDir = join(scratchDir('paperlog-', buildsRoot), 'dist');
    paperlogRows.push(await benchPaperlog({ root, work: paperlogWork, outDir, notes }));
    if (options.vsStarlight) {
      // Strictly after Paperlog has finished: the two builds never share the machine.
      const starlightWork = scratchDir('starlight-bench-');
      starlightRows.push(await benchStarlight({ baseline, cacheRoot, work: starlightWork, count: options.notes, pageId: typicalNote(notes).id }));
    }
    // Each round's folders go as soon as it is measured, so several rounds need no more disk than one.
    cleanUp();
  }
  const paperlog = medianRow(paperlogRows);
  const result: Record<string, unknown> = { paperlog };
  const warnings = paperlog.warnings.map((w) => `paperlog: ${w}`);
  if (options.vsStarlight) {
    const starlight = medianRow(starlightRows);
    result['starlight'] = starlight;
    result['ratio'] = {
      cold: ratio(starlight.coldMs, paperlog.coldMs),
      rebuild: ratio(starlight.rebuildMs, paperlog.rebuildMs),
      coldCpu: ratio(starlight.coldCpuMs, paperlog.coldCpuMs),
      rebuildCpu: ratio(starlight.rebuildCpuMs, paperlog.rebuildCpuMs),
      peakRss: ratio(starlight.peakRssMB, paperlog.peakRssMB),
      distBytes: ratio(starlight.distBytes, paperlog.distBytes),
      pageHtmlCssGzip: ratio(starlight.page.htmlCssGzip, paperlog.page.htmlCssGzip),
    };
    warnings.push(...starlight.warnings.map((w) => `starlight: ${w}`));
  }
  if (options.rounds > 1) {
    // Every round's times; with Starlight, the ratios of the two builds that ran next to each other.
    const times = (row: SiteRow) => ({ coldMs: row.coldMs, rebuildMs: row.rebuildMs, coldCpuMs: row.coldCpuMs, rebuildCpuMs: row.rebuildCpuMs });
    const rounds = paperlogRows.map((p, i) => {
      const s = starlightRows[i];
      return s ? { paperlog: times(p), starlight: times(s), ratio: { cold: ratio(s.coldMs, p.coldMs), rebuild: ratio(s.rebuildMs, p.rebuildMs) } } : { paperlog: times(p) };
    });
    result['rounds'] = rounds;
    if (options.vsStarlight) {
      // The median of those paired ratios: steadier than `ratio` when the machine drifts during the run,
      // since each pair shares its spell while the two medians may come from different rounds.
      const paired = (key: 'cold' | 'rebuild') => median(rounds.map((r) => r.ratio?.[key] ?? null));
      result['pairedRatio'] = { cold: paired('cold'), rebuild: paired('rebuild') };
    }
  }
  result['machine'] = { ...machine, loadAverage1mAtEnd: load() };
  result['site'] = site;
  result['warnings'] = warnings;
  for (const warning of warnings) progress(`WARNING ${warning}`);
  if (options.keep) {
    result['kept'] = scratch;
    progress(`kept: ${scratch.join(' ')}`);
  }
  console.log(JSON.stringify(result, null, 2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (!options.keep && scratch.length) console.error('(temporary folders removed; rerun with --keep to inspect them)');
  process.exitCode = 1;
} finally {
  cleanUp();
}
