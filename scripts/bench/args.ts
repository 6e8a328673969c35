/**
 * The benchmark's command line: `npm run bench -- [--notes N] [--vs-starlight] [--rounds R] [--keep]`. Pure, so it
 * is unit-tested; run-bench.ts prints the usage and exits 2 when parsing fails.
 */
export interface BenchOptions {
  /** How many notes to generate (the same number for Starlight). */
  notes: number;
  /** Also build the Starlight baseline from ../shared/bench/starlight and print the ratio. */
  vsStarlight: boolean;
  /**
   * How many times to build each site (cold, then rebuild), alternating the sites with --vs-starlight;
   * the rows report the median of each timing. This machine's speed drifts by 15% and more within
   * minutes, so one pair of builds can land in different spells; alternating rounds share them.
   */
  rounds: number;
  /** Keep the temporary folders (notes, cache, dist, logs) and print their paths. */
  keep: boolean;
}

export type ParsedArgs = { ok: true; options: BenchOptions } | { ok: false; help: true } | { ok: false; help: false; error: string };

export const DEFAULT_NOTES = 1000;
export const MAX_NOTES = 20_000;
export const MAX_ROUNDS = 9;

export const USAGE = `usage: npm run bench -- [--notes N] [--vs-starlight] [--rounds R] [--keep]

  --notes N         generate N notes (1–${MAX_NOTES}, default ${DEFAULT_NOTES}) and build the site with them
  --vs-starlight    also build the Starlight baseline (../shared/bench/starlight) on N notes, one after
                    the other, and print both rows and the ratios
  --rounds R        build each site R times (1–${MAX_ROUNDS}, default 1), alternating the two sites; the
                    rows give the median of each time, and "rounds" lists every round
  --keep            keep the temporary folders and print their paths
  --help            show this message

Prints JSON on stdout; progress goes to stderr. See docs/performance.md.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: BenchOptions = { notes: DEFAULT_NOTES, vsStarlight: false, rounds: 1, keep: false };
  const fail = (error: string): ParsedArgs => ({ ok: false, help: false, error });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--help':
      case '-h':
        return { ok: false, help: true };
      case '--vs-starlight':
      case '--keep':
        if (inline !== undefined) return fail(`${flag} takes no value`);
        if (flag === '--keep') options.keep = true;
        else options.vsStarlight = true;
        break;
      case '--notes':
      case '--rounds': {
        const [max, example] = flag === '--notes' ? [MAX_NOTES, 1000] : [MAX_ROUNDS, 3];
        const value = inline ?? argv[++i];
        if (value === undefined) return fail(`${flag} needs a number, e.g. ${flag} ${example}`);
        if (!/^\d+$/.test(value)) return fail(`${flag} must be a whole number, not "${value}"`);
        const n = Number(value);
        if (n < 1 || n > max) return fail(`${flag} must be between 1 and ${max}, not ${n}`);
        if (flag === '--notes') options.notes = n;
        else options.rounds = n;
        break;
      }
      default:
        return fail(`unknown argument "${arg}"`);
    }
  }
  return { ok: true, options };
}
