/**
 * Issue 28: a note embeds the checker's history viewer for its counterexample. The build runs the
 * model, checks the history and writes the viewer as a page of its own; the note links it with plain
 * HTML (no script, nothing added to the note's budget), and the viewer works with JavaScript off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, openPage, useBuiltSite } from './site.ts';

const NOTE = 'notes/read-write-quorums';
const VIEWER = '/viewers/quorums/no-write-back.html';

describe('a note links the history viewer of its counterexample', () => {
  const site = useBuiltSite();

  it('the note links the viewer page, which the build wrote, and says the verdict', () => {
    const html = readFileSync(join(DIST, NOTE, 'index.html'), 'utf8');
    const link = /<p class="history-viewer"><a href="([^"]+)">[^<]+<\/a>[^<]*Not linearizable[^<]*<\/p>/.exec(html);
    expect(link?.[1]).toBe(VIEWER);
    expect(existsSync(join(DIST, VIEWER))).toBe(true);
  });

  it('the viewer page is self-contained: nothing from elsewhere, only the site icon', () => {
    const html = readFileSync(join(DIST, VIEWER), 'utf8');
    expect(html).not.toMatch(/https?:\/\/|\bsrc=/);
    expect([...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0])).toEqual(['<link rel="icon" href="/favicon.svg">']);
  });

  for (const javaScript of [true, false]) {
    it(`from the note to the viewer with JavaScript ${javaScript ? 'on' : 'off'}: the read no order can place is shown, and the link back works`, async () => {
      const { page, problems } = await openPage(site.browser(), `${site.origin()}/${NOTE}/`);
      if (!javaScript) {
        await page.context().close();
        const context = await site.browser().newContext({ javaScriptEnabled: false });
        const plain = await context.newPage();
        await plain.goto(`${site.origin()}/${NOTE}/`);
        await plain.locator('p.history-viewer a').click();
        await expect.poll(() => plain.url()).toContain(VIEWER);
        expect(await plain.locator('.op.stuck').getAttribute('aria-label')).toMatch(/^read\(\) → null · client c3 · .* · cannot be placed/);
        expect(await plain.locator('.order .stuck-item').innerText()).toContain('cannot be placed');
        await context.close();
        return;
      }
      await page.locator('p.history-viewer a').click();
      await page.waitForURL(`**${VIEWER}`);
      const stuck = page.locator('.op.stuck');
      await stuck.focus();
      await expect.poll(() => page.locator('#details').innerText()).toMatch(/read\(\) → null · client c3 .* cannot be placed/);
      await page.locator('.back a').click();
      await page.waitForURL(`**/${NOTE}/`);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
      await page.context().close();
    });
  }
});
