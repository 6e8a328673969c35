import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureSite } from '../support/build-fixture-site.ts';

/**
 * A note shows exactly the code the tests run: editing an embedded model file must change the built
 * page, even though the note itself did not change and Astro caches rendered notes between builds.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paperlog-snippet-cache-'));
const snippets = join(scratch, 'snippets');
cpSync('tests/fixtures/snippets', snippets, { recursive: true });
const page = () => readFileSync(join(scratch, 'dist/notes/quorum-read/index.html'), 'utf8');
const build = () => {
  const result = buildFixtureSite('tests/fixtures/sites/embedded-snippet', 'build', { snippetsDir: snippets, scratch });
  if (result.status !== 0) throw new Error(result.output);
};

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('embedded model code', () => {
  it('is rebuilt from the model file when the file changes, with the same build cache', () => {
    build();
    expect(page()).toContain('answers');
    const file = join(snippets, 'demo-model/register.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('answers', 'replies'));
    build();
    expect(page()).toContain('replies');
    expect(page()).not.toContain('answers');
  });
});
