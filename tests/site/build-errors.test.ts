import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { childEnv } from '../support/child-env.ts';

/**
 * Bad notes must stop the build with a message naming the file, the field or line, and what to do.
 * Each case builds a folder of fixture notes (tests/fixtures/build-errors/<case>/) into a throwaway
 * output folder, with its own cache, so the real site's build is untouched.
 */
function build(fixture: string, command: 'sync' | 'build'): { status: number | null; output: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'paperlog-build-error-'));
  try {
    const result = spawnSync('npx', ['astro', command], {
      encoding: 'utf8',
      env: childEnv({
        PAPERLOG_NOTES_DIR: resolve('tests/fixtures/build-errors', fixture),
        PAPERLOG_CACHE_DIR: join(scratch, 'cache'),
        PAPERLOG_OUT_DIR: join(scratch, 'dist'),
        NO_COLOR: '1',
      }),
    });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe('the build stops on bad notes', () => {
  it('an unknown tag: names the file, the field, the known tags and where to add one', () => {
    const { status, output } = build('unknown-tag', 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('unknown-tag/quorum.md');
    expect(output).toMatch(/tags\.1.*unknown tag "raft-stuff"\. Known tags: replication, consensus/);
    expect(output).toContain('src/data/tags.ts');
  });

  it('a missing required field: names the file and the field', () => {
    const { status, output } = build('missing-summary', 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('missing-summary/quorum.md');
    expect(output).toMatch(/summary: required: one or two sentences saying what the reader will learn/);
  });

  it('a diagram that does not parse: names the file and line, never publishes a blank page', () => {
    const { status, output } = build('broken-diagram', 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('broken-diagram/broken-diagram.md:10 does not parse');
    expect(output).toContain('Parse error on line 2');
  });

  it('two notes at the same series position: names both and the series', () => {
    const { status, output } = build('duplicate-series-position', 'build');
    expect(status).not.toBe(0);
    expect(output).toMatch(/Notes "(first|second)" and "(first|second)" both claim position 2 in series "consistency"/);
  });

  it('a snippet that does not exist: names the file, the snippet and how to list real ones', () => {
    const { status, output } = build('missing-snippet', 'build');
    expect(status).not.toBe(0);
    expect(output).toMatch(/missing-snippet\/quorum\.md: frontmatter field "snippets" names "no-such-model", but there is no snippets\/no-such-model\/ folder/);
  });
});
