import { describe, expect, it } from 'vitest';
import { chooseFolders, concurrencyArgs, mutationFolders } from '../../scripts/mutation/folders.ts';
import { summarizeFolder, summaryLines, tally, type MutantStatus, type MutationReport, type ReportMutant } from '../../scripts/mutation/summary.ts';
import { MUTATION_SEEDS_ENV, seedCount } from '../support/mutation-seeds.ts';

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

describe('a stale result of static code', () => {
  it('says when not-covered mutants are static, so the score is not trusted until a --force run', () => {
    const report: MutationReport = {
      files: {
        'snippets/quorums/legend.ts': { mutants: [{ ...mutant('NoCoverage', 7, 'StringLiteral', '""'), static: true }, { ...mutant('NoCoverage', 9), static: false }, { ...mutant('Killed'), static: true }] },
      },
    };
    const lines = summaryLines(summarizeFolder(report, 'quorums'));
    expect(lines[1]).toBe('  1 of the not-covered mutants are static (module-level code), kept from a run before a test loaded their file: run again with --force for the true score (docs/mutation.md).');
    expect(lines.slice(-2)).toEqual([
      '  not covered (static, stale) snippets/quorums/legend.ts:7:3 StringLiteral: ""',
      '  not covered snippets/quorums/legend.ts:9:3 EqualityOperator: a <= b',
    ]);
  });

  it('is not mentioned when there is none', () => {
    const lines = summaryLines(summarizeFolder({ files: { 'snippets/quorums/x.ts': { mutants: [mutant('NoCoverage')] } } }, 'quorums'));
    expect(lines.some((l) => l.includes('static'))).toBe(false);
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

describe('the mutation-run mode of the seeded suites', () => {
  it('runs every seed unless the mutation config asks for fewer', () => {
    expect(seedCount(150, {})).toBe(150);
    expect(seedCount(150, { [MUTATION_SEEDS_ENV]: '' })).toBe(150);
    expect(seedCount(150, { [MUTATION_SEEDS_ENV]: '50' })).toBe(50);
    expect(seedCount(20, { [MUTATION_SEEDS_ENV]: '50' })).toBe(20);
  });

  it('refuses a cap that is not a whole number of seeds, naming the variable', () => {
    for (const bad of ['0', '-3', '2.5', 'all']) {
      expect(() => seedCount(150, { [MUTATION_SEEDS_ENV]: bad })).toThrow(`PAPERLOG_MUTATION_SEEDS="${bad}" is not a number of seeds`);
    }
  });

  it('is on in the mutation config only: npm test runs every seed', async () => {
    const { default: mutation, MUTATION_SEEDS } = await import('../../vitest.mutation.config.ts');
    expect(MUTATION_SEEDS).toBeLessThan(100);
    expect(mutation.test?.env?.[MUTATION_SEEDS_ENV]).toBe(String(MUTATION_SEEDS));
    expect(mutation.test?.testTimeout).toBeGreaterThan(30_000);
    const projects = (await import('../../vitest.config.ts')).default.test?.projects ?? [];
    for (const project of projects) {
      if (typeof project === 'object' && 'test' in project) expect(project.test?.env?.[MUTATION_SEEDS_ENV]).toBeUndefined();
    }
  });
});

describe('npm run mutation -- --concurrency=N', () => {
  it('passes N test runners to Stryker, and nothing when not given', () => {
    expect(concurrencyArgs(['kafka', '--concurrency=2'])).toEqual(['--concurrency', '2']);
    expect(concurrencyArgs(['kafka', '--force'])).toEqual([]);
  });

  it('refuses anything but a whole number of runners, saying how to write it', () => {
    for (const bad of ['--concurrency', '--concurrency=0', '--concurrency=1.5', '--concurrency=two']) {
      expect(() => concurrencyArgs([bad])).toThrow(`npm run mutation: "${bad}" is not a number of test runners; write --concurrency=2`);
    }
  });

  it('is not taken for a folder name', () => {
    expect(chooseFolders(['kafka', '--concurrency=2'], ['kafka', 'steady'])).toEqual(['kafka']);
  });
});
