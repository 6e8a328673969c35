import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A hash of everything in the repository that shapes a build (config, lockfile, src/, snippets/).
 * Others may edit the working tree while the benchmark runs; comparing this before and after each
 * build tells when a run's numbers mix two versions of the site.
 */
export function sourceDigest(root: string): string {
  const hash = createHash('sha256');
  const files = ['astro.config.mjs', 'package-lock.json', 'tsconfig.json'].map((f) => join(root, f)).filter((f) => existsSync(f));
  for (const dir of ['src', 'snippets', 'public']) files.push(...listFiles(join(root, dir)));
  for (const file of files.sort()) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
  );
}
