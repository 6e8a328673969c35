import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { builtPagePaths, DIST, openPage, useBuiltSite } from './site.ts';

/**
 * Link previews (src/scripts/link-preview.ts): pointing at or tabbing to a link to a note or concept in
 * a page's text shows that page's title, summary and opening lines, read from /previews/<collection>/<id>.json.
 */
const site = useBuiltSite();
const NOTE = '/notes/dynamo/';
const LINKS = '.prose a[href^="/notes/"], .prose a[href^="/concepts/"]';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What a page says about itself, read from its built HTML: the title and summary a preview must repeat. */
function pageHeader(path: string): { title: string; summary: string } {
  const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
  const text = (pattern: RegExp) => decode(html.match(pattern)?.[1] ?? '');
  return { title: text(/<h1[^>]*>([^<]*)<\/h1>/), summary: text(/<p class="summary[^"]*"[^>]*>([^<]*)<\/p>/) };
}

function decode(html: string): string {
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

const popover = (page: Page) => page.locator('.link-preview');
/** Waits for the popover to show or hide: the first preview loads a script, and the machine may be busy. */
const shown = (page: Page, visible: boolean) => expect.poll(() => popover(page).isVisible(), { timeout: 5000 }).toBe(visible);

/** The target page's path of a link, without its #anchor. */
const pathOf = async (link: Locator) => new URL((await link.getAttribute('href'))!, 'http://x').pathname;

/** Tabs from the top of the page until a link that can show a preview has the focus, and returns it. */
async function tabToPreviewLink(page: Page): Promise<Locator> {
  for (let presses = 0; presses < 300; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((links) => document.activeElement?.matches(links) ?? false, LINKS)) return page.locator(':focus');
  }
  throw new Error('no link with a preview is reachable with Tab');
}

/** Rectangle of an element in viewport coordinates. */
const rectOf = (locator: Locator) => locator.evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);

describe('link previews', () => {
  it('hovering a link shows the linked page’s title and summary, fetched only then', async () => {
    const { page, problems } = await openPage(site.browser(), site.origin() + NOTE);
    await page.waitForLoadState('networkidle');
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    expect(await popover(page).count()).toBe(0);
    const previewFiles = ['/previews/link-preview.js'];
    for (const link of [page.locator('.prose a.concept-link').first(), page.locator('.prose a.wikilink:not(.concept-link)').first()]) {
      const target = await pathOf(link);
      previewFiles.push(target.replace(/^\/(notes|concepts)\/(.+)\/$/, '/previews/$1/$2.json'));
      await link.scrollIntoViewIfNeeded();
      await link.hover();
      await shown(page, true);
      const expected = pageHeader(target);
      expect(expected.title.length).toBeGreaterThan(3);
      expect(await popover(page).locator('.link-preview-title').textContent()).toBe(expected.title);
      expect(await popover(page).locator('.link-preview-summary').textContent()).toBe(expected.summary);
      expect((await popover(page).locator('.link-preview-lead').textContent())!.length).toBeGreaterThan(100);
      await page.mouse.move(0, 0);
      await shown(page, false);
    }
    expect(fetched.filter((p) => p.startsWith('/previews/')).sort()).toEqual(previewFiles.sort());
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
    await page.context().close();
  });

  it('stays open while the pointer moves from the link onto the popover', async () => {
    const { page } = await openPage(site.browser(), site.origin() + NOTE);
    const link = page.locator('.prose a.concept-link').first();
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    await shown(page, true);
    const box = await rectOf(popover(page));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
    await page.waitForTimeout(400);
    expect(await popover(page).isVisible()).toBe(true);
    await page.context().close();
  });

  it('keyboard focus (Tab) shows the preview, describes the link by its summary, and Escape dismisses it', async () => {
    const { page, problems } = await openPage(site.browser(), site.origin() + NOTE);
    const link = await tabToPreviewLink(page);
    const expected = pageHeader(await pathOf(link));
    await shown(page, true);
    expect(await popover(page).getAttribute('role')).toBe('tooltip');
    expect(await popover(page).locator('.link-preview-title').textContent()).toBe(expected.title);
    // What a screen reader reads after the link's name: the summary, by id.
    const describedBy = await link.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`#${describedBy}`).textContent()).toBe(expected.summary);
    await page.keyboard.press('Escape');
    await shown(page, false);
    expect(await link.getAttribute('aria-describedby')).toBeNull();
    expect(await page.evaluate((links) => document.activeElement?.matches(links), LINKS)).toBe(true);
    // Escape closes it for good on this link; moving on and back opens it again.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await shown(page, true);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a link is described by its summary the moment keyboard focus first reaches it, not only once a file has loaded', async () => {
    const { page, problems } = await openPage(site.browser(), site.origin() + NOTE);
    // What the focused element's description is while its focus event is handled: what a screen reader
    // announces. (A listener on window runs after the page's listeners on document.)
    await page.evaluate(() => {
      const seen: Array<string | null> = [];
      Object.assign(window, { described: seen });
      addEventListener('focusin', (e) => {
        const id = (e.target as Element).getAttribute('aria-describedby');
        seen.push(id ? (document.getElementById(id)?.textContent ?? '') : null);
      });
    });
    // The first keyboard focus anywhere (here the skip link) fetches every preview of the page...
    await page.keyboard.press('Tab');
    const wanted = await page.evaluate((links) => {
      const paths = [...document.querySelectorAll<HTMLAnchorElement>(links)].map((a) => a.pathname.replace(/\/$/, ''));
      return new Set(paths.filter((p) => /^\/(notes|concepts)\/[a-z0-9-]+$/.test(p))).size;
    }, LINKS);
    expect(wanted).toBeGreaterThan(3);
    const arrived = () => page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /\/previews\/.+\.json$/.test(r.name)).length);
    await expect.poll(arrived, { timeout: 5000 }).toBe(wanted);
    // ...so the first link with a preview that focus reaches is already described by its summary.
    const link = await tabToPreviewLink(page);
    const expected = pageHeader(await pathOf(link));
    const described = await page.evaluate(() => (window as unknown as { described: Array<string | null> }).described);
    expect(described.at(-1)).toBe(expected.summary);
    expect(described.slice(0, -1).every((d) => d === null)).toBe(true);
    await shown(page, true);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
    await page.context().close();
  });

  for (const width of [1280, 390]) {
    it(`stays inside a ${width} px viewport, for the link nearest the right edge and for one at the bottom`, async () => {
      const { page } = await openPage(site.browser(), site.origin() + NOTE);
      await page.setViewportSize({ width, height: 844 });
      // Of the links on one line, the one that starts furthest right: the popover, wider than what is left
      // of the line, must slide left to stay inside.
      const links = page.locator(LINKS);
      const starts = await links.evaluateAll((all) => all.map((a) => (a.getClientRects().length === 1 ? a.getClientRects()[0]!.left : -1)));
      const rightmost = links.nth(starts.indexOf(Math.max(...starts)));
      const inside = async () => {
        const box = await rectOf(popover(page));
        const viewport = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(viewport.width);
        expect(box.bottom).toBeLessThanOrEqual(viewport.height);
      };
      await rightmost.scrollIntoViewIfNeeded();
      await rightmost.hover();
      await shown(page, true);
      await inside();
      await page.mouse.move(0, 0);
      await shown(page, false);
      // A link 40 px above the bottom edge: the popover opens above it.
      const low = links.nth(3);
      await low.evaluate((a) => scrollBy(0, a.getBoundingClientRect().bottom - (document.documentElement.clientHeight - 40)));
      await low.hover();
      await shown(page, true);
      await inside();
      expect((await rectOf(popover(page))).bottom).toBeLessThanOrEqual((await rectOf(low)).top);
      await page.context().close();
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`follows the ${colorScheme} theme with readable contrast, and axe finds nothing serious while it is open`, async () => {
      const { page } = await openPage(site.browser(), site.origin() + NOTE, { colorScheme });
      const link = page.locator('.prose a.concept-link').first();
      await link.scrollIntoViewIfNeeded();
      await link.hover();
      await shown(page, true);
      const { background, ratios } = await popover(page).evaluate((box) => {
        const rgb = (c: string) => c.match(/[\d.]+/g)!.slice(0, 3).map(Number);
        const luminance = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const bg = getComputedStyle(box).backgroundColor;
        const ratio = (fg: string) => {
          const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
          return (a! + 0.05) / (b! + 0.05);
        };
        return { background: luminance(bg), ratios: [...box.querySelectorAll('p')].map((p) => ratio(getComputedStyle(p).color)) };
      });
      if (colorScheme === 'dark') expect(background).toBeLessThan(0.05);
      else expect(background).toBeGreaterThan(0.8);
      expect(ratios.length).toBe(4);
      for (const ratio of ratios) expect(ratio).toBeGreaterThanOrEqual(4.5);
      // As in accessibility.test.ts: axe cannot measure colours in blocks not rendered yet.
      await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
      await page.addScriptTag({ content: axeSource });
      expect(await popover(page).isVisible()).toBe(true);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
        return (await axe.run()).violations;
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      await page.context().close();
    });
  }

  it('a tap on a touch screen follows the link and loads no preview', async () => {
    const context = await site.browser().newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(site.origin() + NOTE);
    const link = page.locator('.prose a.wikilink:not(.concept-link)').first();
    const target = await pathOf(link);
    await link.scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL(`**${target}`), link.tap()]);
    expect(fetched.filter((p) => p.startsWith('/previews/'))).toEqual([]);
    await context.close();
  });

  it('without JavaScript a link is a plain link that works, with nothing missing and no error', async () => {
    const context = await site.browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(site.origin() + NOTE);
    const link = page.locator('.prose a.concept-link').first();
    const target = await pathOf(link);
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    await page.waitForTimeout(400);
    expect(await popover(page).count()).toBe(0);
    expect(await link.getAttribute('aria-describedby')).toBeNull();
    await Promise.all([page.waitForURL(`**${target}`), link.click()]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('preview files', () => {
  const pages = builtPagePaths().filter((p) => /^\/(notes|concepts)\/[^/]+\/$/.test(p));

  it('exist for every note and concept page, with its title and summary', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const path of pages) {
      const [, collection, id] = path.match(/^\/(notes|concepts)\/([^/]+)\/$/)!;
      const file = join(DIST, 'previews', collection!, `${id}.json`);
      expect(existsSync(file), file).toBe(true);
      const preview = JSON.parse(readFileSync(file, 'utf8')) as { title: string; summary: string; lead: string; kind: string };
      expect({ title: preview.title, summary: preview.summary }, path).toEqual(pageHeader(path));
      expect(preview.lead.length, `${path}: opening lines`).toBeGreaterThan(40);
      // Plain text: no markup, no wikilink syntax, no leftover markdown.
      expect(preview.lead, path).not.toMatch(/<[a-z]|\[\[|\]\(|\*\*|`/);
    }
  });

  it('exist for every note or concept a page links to', () => {
    const missing = new Set<string>();
    for (const path of builtPagePaths()) {
      const html = readFileSync(join(DIST, path.endsWith('/') ? `${path}index.html` : path), 'utf8');
      for (const [, collection, id] of html.matchAll(/href="\/(notes|concepts)\/([^/"#]+)\/(?:#[^"]*)?"/g)) {
        if (!existsSync(join(DIST, 'previews', collection!, `${id}.json`))) missing.add(`${collection}/${id} (linked from ${path})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
