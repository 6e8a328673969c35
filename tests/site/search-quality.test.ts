import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { noteIds, openPage, useBuiltSite } from './site.ts';

/**
 * The search-quality set: reader queries, each with the page that must come first, typed into the real
 * search panel of the built site. Add a few lines to search-queries.json with every note (its title, its
 * formula, its aliases, its message names) and every concept.
 */
interface ReaderQuery { query: string; first: string; why: string }
const QUERIES = JSON.parse(readFileSync('tests/site/search-queries.json', 'utf8')) as ReaderQuery[];

const site = useBuiltSite();

/** Types a query into the open panel and returns the result pages in order, once this query's results have rendered. */
async function resultsFor(page: Page, query: string): Promise<string[]> {
  await page.locator('pagefind-modal input').first().fill(query);
  // Sub-results link to sections (#anchors) of the same page, so pathnames are de-duplicated.
  const read = () =>
    page.evaluate((q) => {
      if (!(document.querySelector('pagefind-summary')?.textContent ?? '').includes(`for ${q}`)) return null;
      // Results load as they scroll into view: read the ones loaded so far, in order.
      const items = [...document.querySelectorAll('pagefind-results li.pf-result')];
      const loaded = items.slice(0, (items.findIndex((li) => !li.querySelector('a[href]')) + 1 || items.length + 1) - 1);
      if (loaded.length === 0) return null;
      const paths = loaded.map((li) => new URL(li.querySelector<HTMLAnchorElement>('a[href]')!.href).pathname);
      return paths.filter((p, i) => paths.indexOf(p) === i);
    }, query);
  // Results render after their fragments load: wait until two reads 150 ms apart agree.
  const deadline = Date.now() + 10_000;
  let previous: string[] | null = null;
  while (Date.now() < deadline) {
    const current = await read();
    if (current && previous && current.join() === previous.join()) return current;
    previous = current;
    await page.waitForTimeout(150);
  }
  throw new Error(`no stable results for "${query}" within 10 s`);
}

describe('search quality', () => {
  it('has at least 30 queries, and one for every note', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(30);
    const firsts = new Set(QUERIES.map((q) => q.first));
    for (const id of noteIds()) expect(firsts, id).toContain(`/notes/${id}/`);
  });

  it('returns the expected page first for every reader query', async () => {
    const { page, problems } = await openPage(site.browser(), site.origin() + '/');
    await page.keyboard.press('/');
    await page.locator('pagefind-modal input').first().waitFor({ state: 'visible' });
    const misses: string[] = [];
    for (const { query, first } of QUERIES) {
      const results = await resultsFor(page, query);
      if (results[0] !== first) misses.push(`"${query}": wanted ${first}, got ${results.slice(0, 3).join(', ') || 'nothing'}`);
    }
    const hits = QUERIES.length - misses.length;
    console.log(`search quality: first-hit rate ${hits}/${QUERIES.length} (${((100 * hits) / QUERIES.length).toFixed(1)} %)`);
    expect(misses).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  }, 240_000); // about 0.8 s a query: Pagefind's 300 ms debounce, then the results settle
});
