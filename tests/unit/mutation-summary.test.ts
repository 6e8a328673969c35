import { describe, expect, it } from 'vitest';
import { chooseFolders, mutationFolders } from '../../scripts/mutation/folders.ts';
import { summarizeFolder, summaryLines, tally, type MutantStatus, type MutationReport, type ReportMutant } from '../../scripts/mutation/summary.ts';

const mutant = (status: MutantStatus, line = 1, mutatorName = 'EqualityOperator', replacement = 'a <= b'): ReportMutant => ({
  status,
  mutatorName,
  replacement,
  location: { start: { line, column: 3 } },
});

describe('the mutation score of npm run mutation', () => {
  it('is detected (killed or timed out) over valid (detected, survived, not covered), like Stryker’s', () => {
    const t = tally([mutant('Killed'), mutant('Killed'), mutant('Timeout'), mutant('Survived'), mutant('NoCoverage')]);
    expect(t).toMatchObject({ killed: 2, timeout: 1, survived: 1, noCoverage: 1, invalid: 0 });
    expect(t.score).toBeCloseTo(60);
  });

  it('leaves out mutants that crashed, did not compile, were ignored or never ran', () => {
    const t = tally([mutant('Killed'), mutant('RuntimeError'), mutant('CompileError'), mutant('Ignored'), mutant('Pending')]);
    expect(t.invalid).toBe(4);
    expect(t.score).toBe(100);
  });

  it('has no score when no mutant is valid, rather than 0 % or 100 %', () => {
    expect(tally([mutant('Ignored')]).score).toBeUndefined();
    expect(tally([]).score).toBeUndefined();
  });
});

describe('the per-folder summary', () => {
  const report: MutationReport = {
    files: {
      'snippets/delos/model.ts': { mutants: [mutant('Killed'), mutant('Survived', 12), mutant('NoCoverage', 4, 'BlockStatement', '{}')] },
      'snippets/delos/types.ts': { mutants: [mutant('Killed')] },
      'snippets/delos-extra/x.ts': { mutants: [mutant('Survived')] },
      'snippets\\delos\\loglet.ts': { mutants: [mutant('Timeout')] },
    },
  };

  it('counts only the files under snippets/<folder>/ (not a folder whose name merely starts the same)', () => {
    const summary = summarizeFolder(report, 'delos');
    expect(summary.files.map((f) => f.file)).toEqual(['snippets/delos/loglet.ts', 'snippets/delos/model.ts', 'snippets/delos/types.ts']);
    expect(summary.total).toMatchObject({ killed: 2, timeout: 1, survived: 1, noCoverage: 1 });
    expect(summary.total.score).toBeCloseTo(60);
  });

  it('lists every survivor and uncovered mutant by file, line and column, in source order', () => {
    const lines = summaryLines(summarizeFolder(report, 'delos'));
    expect(lines[0]).toBe('snippets/delos: 60.0 %: 3 killed (1 by timeout), 1 survived, 1 not covered');
    expect(lines.slice(-2)).toEqual([
      '  not covered snippets/delos/model.ts:4:3 BlockStatement: {}',
      '  survived snippets/delos/model.ts:12:3 EqualityOperator: a <= b',
    ]);
  });
});

describe('the folders npm run mutation covers', () => {
  const entries = [
    { name: 'sim', isDirectory: true, lines: 2775 },
    { name: 'cli', isDirectory: true, lines: 649 },
    { name: 'demo.ts', isDirectory: false, lines: 0 },
    { name: 'quorums', isDirectory: true, lines: 1320 },
    { name: 'delos', isDirectory: true, lines: 1516 },
  ];

  it('are every folder of snippets/ but the command-line wrappers, smallest first', () => {
    expect(mutationFolders(entries)).toEqual(['quorums', 'delos', 'sim']);
  });

  it('are all of them when none is named, else the named ones (with or without snippets/)', () => {
    const available = mutationFolders(entries);
    expect(chooseFolders([], available)).toEqual(available);
    expect(chooseFolders(['snippets/delos/', 'quorums', '--force'], available)).toEqual(['delos', 'quorums']);
  });

  it('stop on a folder that does not exist, naming it and the choices', () => {
    expect(() => chooseFolders(['raft'], mutationFolders(entries))).toThrow('no snippets/ folder named "raft"; choose from quorums, delos, sim');
  });
});
