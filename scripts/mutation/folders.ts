/** Which snippets/ folders `npm run mutation` mutates, and which of them one run asks for. */

/** Folders that hold no model code: the command-line wrappers (their logic is tested through the models). */
const NOT_MUTATED = new Set(['cli']);

/** Every folder of snippets/ that mutation testing covers, smallest first so a full run reports early. */
export function mutationFolders(entries: readonly { name: string; isDirectory: boolean; lines: number }[]): string[] {
  return entries
    .filter((e) => e.isDirectory && !NOT_MUTATED.has(e.name))
    .sort((a, b) => a.lines - b.lines || a.name.localeCompare(b.name))
    .map((e) => e.name);
}

/** The folders named on the command line (all of them when none is), or an error that lists the choices. */
export function chooseFolders(args: readonly string[], available: readonly string[]): string[] {
  const named = args.filter((a) => !a.startsWith('--')).map((a) => a.replace(/^snippets\//, '').replace(/\/$/, ''));
  const unknown = named.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    throw new Error(`npm run mutation: no snippets/ folder named ${unknown.map((u) => `"${u}"`).join(', ')}; choose from ${available.join(', ')} (or none for all).`);
  }
  return named.length === 0 ? [...available] : [...new Set(named)];
}

/** `--concurrency=N` on the command line: N test runners instead of the config's one (when the machine is quiet). */
export function concurrencyArgs(args: readonly string[]): string[] {
  const given = args.find((a) => a.startsWith('--concurrency'));
  if (given === undefined) return [];
  const n = Number(given.split('=')[1]);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`npm run mutation: "${given}" is not a number of test runners; write --concurrency=2 (a whole number ≥ 1).`);
  }
  return ['--concurrency', String(n)];
}
