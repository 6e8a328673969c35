import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, useBuiltSite } from './site.ts';

/** The search panel as a reader sees it: what a formula returns, its colours in both themes, how many results fit. */
const site = useBuiltSite();

async function openWithQuery(colorScheme: 'light' | 'dark', query: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const { page } = await openPage(site.browser(), site.origin() + '/notes/dynamo/', { colorScheme });
  await page.setViewportSize(viewport);
  await page.keyboard.press('/');
  const input = page.locator('pagefind-modal input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(query);
  await page.waitForFunction((q) => (document.querySelector('pagefind-summary')?.textContent ?? '').includes(`for ${q}`), query);
  await page.locator('pagefind-results li.pf-result a[href]').first().waitFor();
  await page.waitForTimeout(500); // the first results' excerpts load in
  return page;
}

/** Relative luminance of a computed rgb() colour (WCAG). */
function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('search panel', () => {
  it('"R + W > N" returns the pages that use the formula, quorum note first, highlighting only R, W and N', async () => {
    const page = await openWithQuery('light', 'R + W > N');
    const summary = await page.locator('pagefind-summary').textContent();
    const count = Number(summary!.match(/(\d+) result/)![1]);
    // Before, every page matched (each has words starting with r, w and n). Now only the pages that use
    // R, W and N as words.
    const pages = (await page.evaluate(`import('/pagefind/pagefind.js').then(async (pagefind) => (await pagefind.search(null, { filters: {} })).results.length)`)) as number;
    expect(count).toBeGreaterThan(0);
    expect(count, 'one-letter terms must not prefix-match every page').toBeLessThanOrEqual(pages / 3);
    const first = await page.locator('pagefind-results li.pf-result a[href]').first().getAttribute('href');
    expect(new URL(first!, site.origin()).pathname).toBe('/notes/read-write-quorums/');
    const marked = await page.locator('pagefind-results mark').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(['r', 'w', 'n'], word).toContain(word.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase());
    await page.context().close();
  });

  it.each(['light', 'dark'] as const)('follows the %s theme: panel and text use the page colours, readable', async (scheme) => {
    const page = await openWithQuery(scheme, 'quorum');
    const colours = await page.evaluate(() => {
      const dialog = document.querySelector('pagefind-modal dialog')!;
      const title = document.querySelector('pagefind-results .pf-result-title, pagefind-results li.pf-result a')!;
      return { panel: getComputedStyle(dialog).backgroundColor, page: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(title).color };
    });
    expect(colours.panel).toBe(colours.page);
    const [bg, fg] = [luminance(colours.panel), luminance(colours.text)];
    if (scheme === 'dark') expect(bg).toBeLessThan(0.05);
    else expect(bg).toBeGreaterThan(0.8);
    expect((Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05), 'title contrast').toBeGreaterThanOrEqual(7);
    await page.context().close();
  });

  it('shows at least six whole results at 1280 x 900, with the four filters in one row', async () => {
    const page = await openWithQuery('light', 'replica');
    const layout = await page.evaluate(() => {
      const body = document.querySelector('pagefind-modal-body')!.getBoundingClientRect();
      const bottom = Math.min(body.bottom, innerHeight);
      // A result is its card (title and excerpt); links to its sections may continue below the fold.
      const whole = [...document.querySelectorAll('pagefind-results li.pf-result > :first-child')].filter((card) => {
        const box = card.getBoundingClientRect();
        return box.top >= body.top - 1 && box.bottom <= bottom + 1;
      }).length;
      const filterTops = [...document.querySelectorAll('pagefind-filter-dropdown')].map((f) => Math.round(f.getBoundingClientRect().top));
      return { whole, filterRows: new Set(filterTops).size };
    });
    expect(layout.whole).toBeGreaterThanOrEqual(6);
    expect(layout.filterRows).toBe(1);
    await page.context().close();
  });
});
