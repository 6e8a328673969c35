import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

/** `npm run snippet`, against the fixture models in tests/fixtures/snippets. */
function snippet(...args: string[]) {
  const result = spawnSync(process.execPath, ['snippets/cli/run-snippet.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PAPERLOG_SNIPPETS_DIR: 'tests/fixtures/snippets' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run snippet', () => {
  it('with no name lists every runnable model with its one-line description', () => {
    const { status, stdout } = snippet();
    expect(status).toBe(0);
    expect(stdout).toMatch(/demo-model\s+A fixture model that prints seeded numbers\./);
    expect(stdout).toMatch(/other-model\s+Another fixture model/);
    expect(stdout).not.toContain('library'); // a folder without demo.ts is not runnable
  });

  it('prints byte-identical output for the same seed', () => {
    expect(snippet('demo-model', '--seed', '3').stdout).toBe(snippet('demo-model', '--seed=3').stdout);
  });

  it('prints a different run for a different seed', () => {
    expect(snippet('demo-model', '--seed', '3').stdout).not.toBe(snippet('demo-model', '--seed', '4').stdout);
  });

  it('prints the run as a Mermaid diagram with --mermaid', () => {
    expect(snippet('demo-model', '--mermaid').stdout).toMatch(/^sequenceDiagram/);
  });

  it('--help explains every option, the legend and the verdict line', () => {
    const { status, stdout } = snippet('--help');
    expect(status).toBe(0);
    for (const option of ['--seed N', '--variant V', '--mermaid', '--legend', '-h, --help']) expect(stdout).toContain(`\n  ${option}`);
    expect(stdout).toContain('ends with a Verdict line that counts\nevery client call: completed, timed out, or still waiting when the run ended.');
  });

  it('--legend prints what the trace lines mean, without running the model', () => {
    const { status, stdout } = snippet('demo-model', '--legend');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^How to read a trace: each line is {2}tick {2}endpoint {2}event {2}detail\./);
    expect(stdout).toContain('\n  invoke     call 3 put(x, 1) → r1 #1\n             client c1 sends call 3 to r1, as message #1\n');
    expect(stdout).toContain('\n  call 3 (attempt 2)  the same call sent again after a timeout: a retry, not a new call\n');
    expect(stdout).not.toBe(snippet('demo-model').stdout);
  });

  it('--variant runs a named broken variant; --variant list names them; an unknown one is a usage error naming the valid ones', () => {
    const plain = snippet('demo-model', '--seed', '3').stdout;
    const broken = snippet('demo-model', '--seed', '3', '--variant', 'off-by-one');
    expect(broken.status).toBe(0);
    const value = (text: string) => Number(/value (\d+)/.exec(text)![1]);
    expect(value(broken.stdout)).toBe(value(plain) + 1);
    expect(snippet('demo-model', '--variant', 'list').stdout).toContain('\n  off-by-one  prints every value plus one\n');
    const unknown = snippet('demo-model', '--variant', 'fast');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('demo-model has no variant "fast". Its variants:\n  off-by-one  prints every value plus one');
    const none = snippet('other-model', '--variant', 'fast');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('other-model has no broken variants');
  }, 30_000); // five runs of the command

  it('--legend and --mermaid together are a usage error', () => {
    const { status, stderr } = snippet('demo-model', '--legend', '--mermaid');
    expect(status).toBe(2);
    expect(stderr).toContain('--mermaid and --legend do not go together');
  });

  it('exits 2 for an unknown model, listing the valid names', () => {
    const { status, stderr } = snippet('quorum');
    expect(status).toBe(2);
    expect(stderr).toContain('No model named "quorum". Models: demo-model, other-model.');
  });

  it.each([
    [['demo-model', '--seed'], "Option '--seed <value>' argument missing"],
    [['demo-model', '--seed', 'abc'], '--seed needs a whole number from 0 to 4294967295, got "abc"'],
    [['demo-model', '--fast'], "Unknown option '--fast'"],
    [['demo-model', 'other-model'], 'One model at a time'],
  ])('exits 2 with a clear message for bad arguments %j', (args, message) => {
    const { status, stderr } = snippet(...args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: npm run snippet -- NAME');
  });

  it('exits 1 naming the model and seed when the demo itself fails', () => {
    const { status, stderr } = snippet('other-model', '--seed', '9');
    expect(status).toBe(1);
    expect(stderr).toContain('The other-model demo failed (seed 9): Error: boom');
  });
});
