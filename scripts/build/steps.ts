import { fileURLToPath } from 'node:url';

/** One program the build runs, with its arguments; `node` runs both, on the Node that runs the build. */
export interface Step {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
}

/** A package's command-line script (its package.json `bin`), from the project's own node_modules. */
const binOf = (pkg: string, bin: string) => fileURLToPath(new URL(`../../node_modules/${pkg}/${bin}`, import.meta.url));

/**
 * The two steps of `npm run build [-- FLAGS]`: `astro build FLAGS`, then Pagefind's index of what it
 * wrote. Every flag is Astro's (`--force` for a full rebuild, `--verbose`, `--outDir DIR`): appended to
 * the old shell script instead, it reached Pagefind, which stopped on it, and `npx astro build --force`
 * alone left a site without search. The output folder is Astro's `--outDir` if given, else
 * PAPERLOG_OUT_DIR (astro.config.mjs reads it too), else dist.
 */
export function buildSteps(flags: readonly string[], env: NodeJS.ProcessEnv): Step[] {
  return [
    { name: 'astro build', script: binOf('astro', 'bin/astro.mjs'), args: ['build', ...flags] },
    { name: 'pagefind', script: binOf('pagefind', 'lib/runner/bin.cjs'), args: ['--site', outDir(flags, env)] },
  ];
}

function outDir(flags: readonly string[], env: NodeJS.ProcessEnv): string {
  for (const [i, flag] of flags.entries()) {
    const [name, value] = flag.split(/=(.*)/s);
    if (name !== '--outDir' && name !== '--out-dir') continue;
    const dir = value ?? flags[i + 1];
    if (dir) return dir;
  }
  return env['PAPERLOG_OUT_DIR'] ?? 'dist';
}
