import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { childEnv } from './child-env.ts';

/**
 * Builds the site from a folder of fixture notes into a scratch folder (own cache, own output), so a
 * test can exercise features the real notes do not use without touching the real build. `astro build`
 * or `astro sync`, or the README's `npm run build` (Astro, then Pagefind) with `flags` after `--`.
 */
export function buildFixtureSite(
  notesDir: string,
  command: 'build' | 'sync' | 'npm run build' = 'build',
  options: { snippetsDir?: string; conceptsDir?: string; scratch?: string; flags?: string[] } = {},
): { status: number | null; output: string; dist: string } {
  // A folder that is not there would build an empty site, and a test would pass or fail for the wrong reason.
  if (!existsSync(notesDir)) throw new Error(`buildFixtureSite: no fixture notes at ${notesDir}; pick a folder of tests/fixtures/sites/`);
  const scratch = options.scratch ?? mkdtempSync(join(tmpdir(), 'paperlog-fixture-site-'));
  const dist = join(scratch, 'dist');
  // Fixture notes are not the real notes, so the real concepts (which link to real notes) stay out.
  const conceptsDir = options.conceptsDir ? resolve(options.conceptsDir) : join(scratch, 'no-concepts');
  mkdirSync(conceptsDir, { recursive: true });
  const [program, args]: [string, string[]] =
    command === 'npm run build'
      ? ['npm', ['run', 'build', '--', ...(options.flags ?? [])]]
      : [process.execPath, ['node_modules/astro/bin/astro.mjs', command, ...(options.flags ?? [])]];
  const result = spawnSync(program, args, {
    encoding: 'utf8',
    env: childEnv({
      PAPERLOG_NOTES_DIR: resolve(notesDir),
      PAPERLOG_CONCEPTS_DIR: conceptsDir,
      PAPERLOG_CACHE_DIR: join(scratch, 'cache'),
      PAPERLOG_OUT_DIR: dist,
      ...(options.snippetsDir ? { PAPERLOG_SNIPPETS_DIR: resolve(options.snippetsDir) } : {}),
      NO_COLOR: '1',
    }),
  });
  return { status: result.status, output: result.stdout + result.stderr, dist };
}
