/**
 * Reads the report Stryker writes (the mutation-testing-report-schema JSON, which is also the
 * incremental file) and sums it up per file and per snippets/ folder, with every surviving mutant,
 * so `npm run mutation` ends with the numbers docs/mutation.md records.
 */

/** The part of a mutation-testing-report-schema mutant this summary reads. */
export interface ReportMutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: MutantStatus;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
  /** Stryker's mark for a mutant in code that runs only when its module loads. */
  readonly static?: boolean;
}
export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Timeout' | 'Ignored' | 'Pending';

/** The part of a mutation-testing-report-schema report this summary reads: mutants per file path. */
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportMutant[] }>>;
}

export interface Tally {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that do not count towards the score: they crashed the runner, did not compile, were ignored or never ran. */
  readonly invalid: number;
  /**
   * Stryker's mutation score: detected (killed or timed out) over valid (detected, survived or not
   * covered), in percent; undefined when no mutant is valid.
   */
  readonly score: number | undefined;
}

export interface Survivor {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly status: 'Survived' | 'NoCoverage';
  /**
   * Not covered, yet marked static: a result the incremental file kept from a run before any test
   * loaded the file (a static mutant has no covering test, so adding one does not make Stryker test it
   * again). Under `ignoreStatic` a fresh run leaves it out: `--force` gives the true count.
   */
  readonly stale: boolean;
}

export interface FolderSummary {
  readonly folder: string;
  readonly total: Tally;
  readonly files: readonly { readonly file: string; readonly tally: Tally }[];
  readonly survivors: readonly Survivor[];
}

export function tally(mutants: readonly ReportMutant[]): Tally {
  const count = (status: MutantStatus) => mutants.filter((m) => m.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  return {
    killed,
    timeout,
    survived,
    noCoverage,
    invalid: mutants.length - valid,
    score: valid === 0 ? undefined : (100 * detected) / valid,
  };
}

/** The summary of the files under `snippets/<folder>/` in a report (paths are relative to the repository). */
export function summarizeFolder(report: MutationReport, folder: string): FolderSummary {
  const prefix = `snippets/${folder}/`;
  const entries = Object.entries(report.files)
    .map(([path, file]) => [path.replaceAll('\\', '/'), file] as const)
    .filter(([path]) => path.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b));
  const survivors = entries.flatMap(([file, { mutants }]) =>
    mutants
      .filter((m): m is ReportMutant & { status: Survivor['status'] } => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => ({
        file,
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        replacement: m.replacement ?? '',
        status: m.status,
        stale: m.status === 'NoCoverage' && m.static === true,
      }))
      .sort((a, b) => a.line - b.line || a.column - b.column),
  );
  return {
    folder,
    total: tally(entries.flatMap(([, file]) => file.mutants)),
    files: entries.map(([file, { mutants }]) => ({ file, tally: tally(mutants) })),
    survivors,
  };
}

export function formatScore(score: number | undefined): string {
  return score === undefined ? 'n/a' : `${score.toFixed(1)} %`;
}

function tallyText(t: Tally): string {
  const timeouts = t.timeout === 0 ? '' : ` (${t.timeout} by timeout)`;
  const invalid = t.invalid === 0 ? '' : `, ${t.invalid} not counted`;
  return `${formatScore(t.score)}: ${t.killed + t.timeout} killed${timeouts}, ${t.survived} survived, ${t.noCoverage} not covered${invalid}`;
}

/** What `npm run mutation` prints for one folder: the score, each file's, then each survivor on one line. */
export function summaryLines(summary: FolderSummary): string[] {
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').slice(0, 100);
  const stale = summary.survivors.filter((s) => s.stale).length;
  const warning = stale === 0
    ? []
    : [`  ${stale} of the not-covered mutants are static (module-level code), kept from a run before a test loaded their file: run again with --force for the true score (docs/mutation.md).`];
  return [
    `snippets/${summary.folder}: ${tallyText(summary.total)}`,
    ...warning,
    ...summary.files.map(({ file, tally: t }) => `  ${file}: ${tallyText(t)}`),
    ...summary.survivors.map(
      (s) => `  ${s.status === 'Survived' ? 'survived' : s.stale ? 'not covered (static, stale)' : 'not covered'} ${s.file}:${s.line}:${s.column} ${s.mutator}: ${oneLine(s.replacement)}`,
    ),
  ];
}
