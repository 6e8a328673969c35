import { spawnSync } from 'node:child_process';

/** Which version of the site was measured: the commit, and whether files that shape the build had uncommitted changes. */
export function gitState(root: string): { commit: string | null; uncommittedChanges: boolean | null } {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return { commit: null, uncommittedChanges: null };
  const status = git('status', '--porcelain', '--', 'src', 'snippets', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json');
  return { commit: head.stdout.trim(), uncommittedChanges: status.status === 0 ? status.stdout.trim() !== '' : null };
}
