/**
 * A reader pipes a long run into `less` or `grep`: the command's whole output must arrive, verdict
 * included. Through `npm run`, the pipe is non-blocking and `process.exit` used to drop all but the
 * first 64 KB (snippets/cli/blocking-output.ts says why).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const packageScripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
const snippetCommands = Object.entries(packageScripts).flatMap(([name, command]) => {
  const file = /^node (snippets\/cli\/[\w-]+\.ts)$/.exec(command)?.[1];
  return file ? [{ name, file }] : [];
});

describe('command output through a pipe', () => {
  it('npm run snippet -- raft --swarm … | cat: all 85 KB of the run arrive, its verdict last', () => {
    const command = 'npm run -s snippet -- raft --swarm --seed 73 --variant read-index-without-quorum-check | cat';
    const result = spawnSync('bash', ['-c', command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(result.status, result.stderr).toBe(0);
    expect(Buffer.byteLength(result.stdout)).toBeGreaterThan(80_000);
    expect(result.stdout.trimEnd()).toMatch(/\nFound: not linearizable$/);
  }, 60_000);

  it.each(snippetCommands)('npm run $name makes its output blocking before anything else', ({ file }) => {
    const firstImport = /^import [^\n]+$/m.exec(readFileSync(file, 'utf8'))?.[0];
    expect(firstImport).toBe("import './blocking-output.ts';");
  });
});
