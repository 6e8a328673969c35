import { describe, expect, it } from 'vitest';
import { buildSteps } from '../../scripts/build/steps.ts';

const argsOf = (flags: string[], env: NodeJS.ProcessEnv = {}) => buildSteps(flags, env).map((step) => [step.name, ...step.args]);

describe('npm run build [-- flags]', () => {
  it('gives every flag to astro build, and Pagefind only the folder to index', () => {
    expect(argsOf(['--force', '--verbose'])).toEqual([
      ['astro build', 'build', '--force', '--verbose'],
      ['pagefind', '--site', 'dist'],
    ]);
  });

  it("indexes the folder Astro writes: its --outDir, else PAPERLOG_OUT_DIR, else dist", () => {
    expect(argsOf(['--outDir', 'public-site'])[1]).toEqual(['pagefind', '--site', 'public-site']);
    expect(argsOf(['--out-dir=elsewhere'], { PAPERLOG_OUT_DIR: 'ignored' })[1]).toEqual(['pagefind', '--site', 'elsewhere']);
    expect(argsOf([], { PAPERLOG_OUT_DIR: '/tmp/site' })[1]).toEqual(['pagefind', '--site', '/tmp/site']);
  });
});
