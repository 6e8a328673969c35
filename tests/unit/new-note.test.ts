import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { noteSchema } from '../../src/schema/note.ts';

const script = resolve('scripts/new-note.ts');

function inScratchProject() {
  const dir = mkdtempSync(join(tmpdir(), 'paperlog-new-'));
  mkdirSync(join(dir, 'content/notes'), { recursive: true });
  cpSync('content/templates', join(dir, 'content/templates'), { recursive: true });
  const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: dir, encoding: 'utf8' });
  return { dir, run };
}

describe('npm run new', () => {
  it('scaffolds a draft note whose frontmatter passes the schema', () => {
    const { dir, run } = inScratchProject();
    const result = run('Chain Replication: "for" High Throughput');
    expect(result.status).toBe(0);
    const text = readFileSync(join(dir, 'content/notes/chain-replication-for-high-throughput.md'), 'utf8');
    const note = noteSchema.parse(parseFrontmatter(text).frontmatter);
    expect(note).toMatchObject({ title: 'Chain Replication: "for" High Throughput', kind: 'paper', draft: true });
  });

  it('refuses to overwrite an existing note', () => {
    const { run } = inScratchProject();
    expect(run('Quorums').status).toBe(0);
    const again = run('Quorums');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('content/notes/quorums.md already exists');
  });

  it('explains its usage when given no title', () => {
    const { run } = inScratchProject();
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: npm run new -- "Title');
  });
});
