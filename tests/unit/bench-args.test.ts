import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTES, MAX_NOTES, MAX_ROUNDS, parseArgs } from '../../scripts/bench/args.ts';

describe('npm run bench arguments', () => {
  it('defaults to 1000 notes, Paperlog only, temporary folders removed', () => {
    expect(parseArgs([])).toEqual({ ok: true, options: { notes: DEFAULT_NOTES, vsStarlight: false, rounds: 1, keep: false } });
  });

  it.each([
    [['--notes', '50'], { notes: 50, vsStarlight: false, rounds: 1, keep: false }],
    [['--notes=4000', '--vs-starlight'], { notes: 4000, vsStarlight: true, rounds: 1, keep: false }],
    [['--keep', '--vs-starlight', '--notes', '1'], { notes: 1, vsStarlight: true, rounds: 1, keep: true }],
    [['--vs-starlight', '--rounds', '3'], { notes: DEFAULT_NOTES, vsStarlight: true, rounds: 3, keep: false }],
    [['--rounds=2'], { notes: DEFAULT_NOTES, vsStarlight: false, rounds: 2, keep: false }],
  ])('reads %j', (argv, options) => {
    expect(parseArgs(argv)).toEqual({ ok: true, options });
  });

  it.each([
    [['--notes'], /needs a number/],
    [['--notes', 'many'], /whole number, not "many"/],
    [['--notes', '1.5'], /whole number/],
    [['--notes', '0'], /between 1 and/],
    [['--notes', String(MAX_NOTES + 1)], /between 1 and/],
    [['--rounds'], /--rounds needs a number/],
    [['--rounds', '0'], /--rounds must be between 1 and/],
    [['--rounds', String(MAX_ROUNDS + 1)], /--rounds must be between 1 and/],
    [['--rounds', 'two'], /--rounds must be a whole number/],
    [['--keep=yes'], /takes no value/],
    [['--starlight'], /unknown argument "--starlight"/],
    [['50'], /unknown argument "50"/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && !parsed.help && parsed.error).toMatch(message);
  });

  it('asks for help with --help or -h', () => {
    expect(parseArgs(['--notes', '5', '--help'])).toEqual({ ok: false, help: true });
    expect(parseArgs(['-h'])).toEqual({ ok: false, help: true });
  });
});
