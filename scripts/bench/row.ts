import type { PageWeight } from './page-weight.ts';

/** One site's measurements: the same fields for Paperlog and Starlight, so rows compare directly. */
export interface SiteRow {
  notes: number;
  /** Cold build, whole build command (Astro, then the Pagefind index), with an empty cache. */
  coldMs: number;
  /** The `astro build` part of coldMs (Starlight: includes its own Pagefind step). */
  astroMs: number;
  /** The Pagefind part of coldMs (Starlight: as its log reports it, inside astroMs). */
  pagefindMs: number | null;
  /** CPU time (user + system, all processes) of the cold build; null without GNU time. */
  coldCpuMs: number | null;
  /** Rebuild after changing one sentence in one note, reusing the cold build's cache. */
  rebuildMs: number;
  rebuildPagefindMs: number | null;
  rebuildCpuMs: number | null;
  /** Astro's "N page(s) built". */
  pages: number | null;
  htmlFiles: number;
  /** pages ÷ cold build seconds. */
  pagesPerSecond: number | null;
  /** Peak summed RSS of the build's process tree (max over the cold build's steps), MB. */
  peakRssMB: number;
  /** Peak RSS of the largest single process (GNU time -v), MB; what the Starlight figure reports. */
  maxProcessRssMB: number | null;
  distBytes: number;
  /** A typical note page (Paperlog: embeds a model region, no diagram). */
  page: PageWeight;
  /** Why some numbers of this row may not mean what they say (sources edited mid-run, cache thrown away). */
  warnings: string[];
}

export const MB = 1024 * 1024;
export const toMB = (bytes: number): number => Math.round(bytes / MB);

/** a / b to two decimals, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

/** Sum of values, or null when any is missing. */
export const sumOrNull = (values: ReadonlyArray<number | undefined>): number | null =>
  values.every((v): v is number => v !== undefined) ? values.reduce((a, b) => a + b, 0) : null;

export const maxOrNull = (values: ReadonlyArray<number | undefined>): number | null => {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length ? Math.max(...present) : null;
};

/** The timings and sizes that vary from build to build; the rest of a row (pages, page weight) does not. */
const VARYING = ['coldMs', 'astroMs', 'pagefindMs', 'coldCpuMs', 'rebuildMs', 'rebuildPagefindMs', 'rebuildCpuMs', 'pagesPerSecond', 'peakRssMB', 'maxProcessRssMB'] as const satisfies ReadonlyArray<keyof SiteRow>;

/** The middle value (the mean of the two middle ones for an even count), or null when any is missing. */
export function median(values: ReadonlyArray<number | null>): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  const sorted = (values as number[]).slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One row for several rounds of the same build: the median of each varying number, the first round's
 * deterministic ones (pages, output, page weight), and every round's warnings once.
 */
export function medianRow<Row extends SiteRow>(rows: readonly Row[]): Row {
  if (rows.length === 0) throw new Error('medianRow needs at least one row');
  const result: Row = { ...rows[0]!, warnings: [...new Set(rows.flatMap((r) => r.warnings))] };
  // A field that is a number in every row has a numeric median; one that is null anywhere stays null.
  for (const key of VARYING) (result as Record<string, unknown>)[key] = median(rows.map((r) => r[key]));
  return result;
}
