/**
 * The history viewer (`check-history FILE --html OUT`) in the real browser: the page opens with no
 * console errors and makes no requests, shows the operation that cannot be placed, the order found,
 * and a bar's details on focus (keyboard) and on hover.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKvHistory } from '../../../snippets/check/generate.ts';
import { checkLinearizability } from '../../../snippets/check/linearizability.ts';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import type { Operation } from '../../../snippets/check/history.ts';
import { historyViewerHtml } from '../../../snippets/check/viewer.ts';
import { launchChromium } from '../../support/browser.ts';

const staleRead: Operation<KvInput, KvOutput>[] = [
  { process: 'A', call: 0, return: 2, input: { f: 'append', key: 'x', value: 'a' } },
  { process: 'B', call: 1, return: 4, input: { f: 'append', key: 'x', value: 'b' } },
  { process: 'C', call: 5, return: 6, input: { f: 'get', key: 'x' }, output: 'ab' },
  { process: 'D', call: 7, return: 8, input: { f: 'get', key: 'x' }, output: 'a' },
  { process: 'A', call: 3, return: 9, input: { f: 'put', key: 'y', value: '<b>&' } },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(html: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('data:') && request.url() !== 'about:blank') requests.push(request.url());
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe('history viewer page', () => {
  it('shows the operation that cannot be placed, with no console errors and no requests', async () => {
    const result = checkLinearizability(kvModel, staleRead);
    expect(result.ok).toBe(false);
    const { page, errors, requests } = await open(historyViewerHtml(kvModel, result, { title: 'stale.jsonl' }));
    const stuck = page.locator('.op.stuck');
    expect(await stuck.count()).toBe(1);
    expect(await stuck.isVisible()).toBe(true);
    expect(await stuck.getAttribute('aria-label')).toMatch(/^get\("x"\) → "a" · client D · t=7\.\.8 · cannot be placed/);
    expect(await page.locator('.part.bad .status').innerText()).toMatch(/not linearizable: get\("x"\) → "a" \(client D\) cannot be placed after the 3 before it/);
    expect(await page.locator('.part.bad ol.order li').allInnerTexts()).toEqual([
      'append("x", "a") client A, state "a"',
      'append("x", "b") client B, state "ab"',
      'get("x") → "ab" client C, state "ab"',
      'get("x") → "a" cannot be placed client D, t=7..8',
    ]);
    // Values a client wrote are text, never markup.
    expect(await page.locator('b').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('shows a bar\'s details when it is focused from the keyboard and when hovered', async () => {
    const result = checkLinearizability(kvModel, staleRead);
    const { page, errors } = await open(historyViewerHtml(kvModel, result, { title: 'stale.jsonl' }));
    const details = page.locator('#details');
    // Tab from the top: the failing part's summary comes first, then its bars.
    for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement?.classList.contains('stuck'))); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('stuck'))).toBe(true);
    expect(await details.innerText()).toMatch(/cannot be placed/);
    await page.locator('.part.bad .op.placed').first().hover();
    expect(await details.innerText()).toMatch(/^append\("x", "a"\) · client A · t=0\.\.2 · takes effect 1st, state after: "a"/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws a generated 50-client history with a stale read: the failing key first, its stuck operation shown', async () => {
    const history = generateKvHistory({ operations: 600, clients: 50, keys: 5, seed: 3, staleReadAt: 0.5 });
    const result = checkLinearizability(kvModel, history);
    expect(result.ok).toBe(false);
    const { page, errors } = await open(historyViewerHtml(kvModel, result, { title: 'generated' }));
    expect(await page.locator('details.part').first().getAttribute('class')).toContain('bad');
    expect(await page.locator('.op.stuck').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
