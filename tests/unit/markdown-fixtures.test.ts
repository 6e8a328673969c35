import { describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { renderMarkdown } from '../support/markdown.ts';

/**
 * One loop over tests/fixtures/markdown/<case>/: input.md goes through the site's markdown pipeline.
 * expected.json says what must hold: `contains` / `excludes` (strings in the HTML, in order for
 * `contains`), `data` (facts the plugins pass to the page), or `error` (substrings of the message
 * when the input must stop the build).
 */
interface Expected {
  contains?: string[];
  excludes?: string[];
  data?: Record<string, unknown>;
  error?: string[];
  count?: Record<string, number>;
}

const root = 'tests/fixtures/markdown';
const cases = readdirSync(root).filter((name) => existsSync(`${root}/${name}/input.md`));

describe('markdown pipeline fixtures', () => {
  it.each(cases)('%s', async (name) => {
    const input = readFileSync(`${root}/${name}/input.md`, 'utf8');
    const expected = JSON.parse(readFileSync(`${root}/${name}/expected.json`, 'utf8')) as Expected;
    const path = `${root}/${name}/input.md`;
    const optionsFile = `${root}/${name}/options.json`;
    const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as { snippetsRoot?: string; notesDir?: string; conceptsDir?: string }) : {};
    if (expected.error) {
      // Astro's processor also logs the error it rethrows; keep the test output readable.
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
      const error = await renderMarkdown(input, path, options).then(
        () => undefined,
        (e: unknown) => e,
      );
      quiet.mockRestore();
      expect(error, 'expected the build to stop').toBeInstanceOf(Error);
      for (const part of expected.error) expect(String((error as Error).message)).toContain(part.replace('$PATH', path));
      return;
    }
    const { html, data } = await renderMarkdown(input, path, options);
    let from = 0;
    for (const part of expected.contains ?? []) {
      const at = html.indexOf(part, from);
      expect(at, `missing (in order): ${part}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
    for (const part of expected.excludes ?? []) expect(html).not.toContain(part);
    for (const [part, n] of Object.entries(expected.count ?? {})) expect(html.split(part).length - 1, `count of ${part}`).toBe(n);
    if (expected.data) expect(data).toMatchObject(expected.data);
  });
});
