import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureSite } from '../support/build-fixture-site.ts';

/**
 * The README's build commands, as a reader types them: `npm run build`, a rebuild, and the full
 * rebuild `npm run build -- --force`, which must reach Astro (all caches thrown away, every page
 * rendered) and still end with a search index. Before, `--force` went to Pagefind and failed, and
 * the documented `npx astro build --force` left the site without search.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paperlog-build-command-'));
const notes = 'tests/fixtures/sites/diagram-extremes';
const build = (flags: string[] = []) => buildFixtureSite(notes, 'npm run build', { scratch, flags });
const dist = join(scratch, 'dist');
const searchIndex = join(dist, 'pagefind', 'pagefind-entry.json');
/** Pages Astro copied from the previous build rather than rendering them. */
const reused = (output: string) => output.split('\n').filter((line) => /\((restored|cached)\)/.test(line)).length;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run build', () => {
  const cold = build();
  const rebuild = build();
  rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
  const full = build(['--force']);

  it('builds the site and its search index', () => {
    expect(cold.status, cold.output).toBe(0);
    expect(JSON.parse(readFileSync(searchIndex, 'utf8')).languages.en.page_count).toBeGreaterThan(0);
  });

  it('rebuilds incrementally: pages nothing reached are copied', () => {
    expect(rebuild.status, rebuild.output).toBe(0);
    expect(reused(rebuild.output)).toBeGreaterThan(0);
  });

  it('-- --force renders every page again and still writes the search index', () => {
    expect(full.status, full.output).toBe(0);
    expect(reused(full.output)).toBe(0);
    expect(full.output).toMatch(/\[build\] \d+ page\(s\) built/);
    expect(existsSync(searchIndex)).toBe(true);
  });

  it('prints each page of the log on a line of its own, even as four pages render at once', () => {
    for (const output of [cold.output, rebuild.output, full.output]) {
      for (const line of output.split('\n')) {
        expect(line.match(/├─/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
        expect(line.match(/\b\d\d:\d\d:\d\d\b/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
      }
    }
  });
});
