import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { swarmSeedText } from '../../snippets/cli/swarm-seed.ts';

// A seed that a random suite or `npm run random-search` prints must replay from the command line,
// with the same profile and the same finding (issue 29: "tried as a new user would").
describe('npm run snippet -- NAME --swarm --seed N: one seed of the default random suite', () => {
  it('replays VR seed 870 with the paper-literal state transfer: the committed operation disappears', () => {
    const out = swarmSeedText('vr', 870, 'claim-view-at-once');
    if ('error' in out) throw new Error(out.error);
    expect(out.text).toMatch(/^Seed 870 of the default random suite "VR, n = 3", with --variant claim-view-at-once/);
    expect(out.text).toContain('Fault profile: ');
    expect(out.text).toMatch(/Found: invariant-violated: .*committed operations survive every later view change.*has nothing at op-number 1/);
  });

  it('the same seed with the fix finds nothing', () => {
    const out = swarmSeedText('vr', 870, undefined);
    if ('error' in out) throw new Error(out.error);
    expect(out.text).toMatch(/Found nothing/);
  });

  it.each([
    ['dynamo', 967, 'op-ids-restart', /a get returns versions of its own key/],
    ['quorums', 519, 'writer-ids-restart', /a version names one value/],
    ['quorums', 223, 'reruns-duplicates', /not linearizable/],
  ])('replays %s seed %i with --variant %s', (model, seed, variant, finding) => {
    const out = swarmSeedText(model, seed, variant);
    if ('error' in out) throw new Error(out.error);
    expect(out.text).toMatch(finding);
  });

  it('refuses a variant the suite cannot run, and a model without a suite, by name', () => {
    expect(swarmSeedText('delos', 1, 'no-seal')).toEqual({ error: 'The delos random suite runs only the correct model; drop --variant.' });
    expect(swarmSeedText('quorums', 1, 'r1-w1')).toEqual({ error: expect.stringContaining('cannot run --variant r1-w1; it runs: writer-ids-restart, reruns-duplicates') });
    expect(swarmSeedText('nope', 1, undefined)).toEqual({ error: expect.stringContaining('nope has no random suite yet') });
  });

  it('is what the command prints, and --swarm with --scenario is a usage error', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['snippets/cli/run-snippet.ts', ...args], { encoding: 'utf8' });
    const ok = run('vr', '--swarm', '--seed', '870', '--variant', 'claim-view-at-once');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe((swarmSeedText('vr', 870, 'claim-view-at-once') as { text: string }).text);
    const bad = run('vr', '--swarm', '--scenario', 'state-transfer');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--swarm runs a random suite\'s seed; it does not take --scenario');
  });
});
