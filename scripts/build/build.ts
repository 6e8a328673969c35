/**
 * `npm run build [-- ASTRO FLAGS]`: the static site, then its search index, into dist/. A full rebuild
 * that throws every cache away is `npm run build -- --force`; see steps.ts for what goes where.
 */
import { spawnSync } from 'node:child_process';
import { buildSteps } from './steps.ts';

for (const step of buildSteps(process.argv.slice(2), process.env)) {
  const { status, signal, error } = spawnSync(process.execPath, [step.script, ...step.args], { stdio: 'inherit' });
  if (error) throw error;
  if (status !== 0) {
    // The step has said why on the terminal; this names which step it was.
    console.error(`npm run build: ${step.name} failed (${signal ?? `exit code ${status}`}).`);
    process.exit(status ?? 1);
  }
}
