/**
 * `npm run random-search` prints, for each swarm seed that finds its bug, the command that replays it.
 * The command is built from the target's SWARM_ENTRIES model and variant (random-search-targets.ts), so
 * every target's command must be one `npm run snippet -- NAME --swarm` accepts, and must replay the
 * very run the search made.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeProfile } from '../../snippets/sim/swarm.ts';
import { replayCommand, swarmRun, TARGETS } from '../../snippets/cli/random-search-targets.ts';
import { SWARM_ENTRIES, swarmSeedText } from '../../snippets/cli/swarm-seed.ts';

/** The replay command's words, as run-snippet.ts receives them. */
function parse(command: string): { model: string; seed: number; variant: string } {
  const match = /^npm run snippet -- (\S+) --swarm --seed (\d+) --variant (\S+)$/.exec(command);
  expect(match, command).not.toBeNull();
  return { model: match![1]!, seed: Number(match![2]), variant: match![3]! };
}

describe('random-search: the replay command of every target', () => {
  it('covers targets on more than one model, each a suite of SWARM_ENTRIES', () => {
    expect(new Set(TARGETS.map((t) => t.model)).size).toBeGreaterThan(1);
    for (const target of TARGETS) expect(Object.keys(SWARM_ENTRIES), target.name).toContain(target.model);
  });

  it.each(TARGETS.map((t) => [t.name, t] as const))('%s: accepted by the swarm-seed CLI, and replays the search\'s own run', (_name, target) => {
    const { model, seed, variant } = parse(replayCommand(target, 1));
    const replay = swarmSeedText(model, seed, variant);
    expect('error' in replay ? replay.error : '', replayCommand(target, 1)).toBe('');
    const searched = swarmRun(target, 1);
    expect((replay as { text: string }).text).toContain(`Fault profile: ${describeProfile(searched.profile)}`);
    expect((replay as { text: string }).text).toContain(searched.finding ? `Found: ${searched.finding}` : 'Found nothing');
  }, 120_000);

  it('the printed command runs as typed (npm run snippet\'s own file)', () => {
    const target = TARGETS.find((t) => t.model === 'bookkeeper')!;
    const { model, seed, variant } = parse(replayCommand(target, 3));
    const run = spawnSync(process.execPath, ['snippets/cli/run-snippet.ts', model, '--swarm', '--seed', String(seed), '--variant', variant], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Seed 3 of the default random suite ".*", with --variant ${variant}`));
  }, 120_000);
});
