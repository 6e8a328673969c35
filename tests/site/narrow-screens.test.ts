import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { builtPagePaths, useBuiltSite } from './site.ts';

/**
 * Every page fits the screen, from a small phone to a laptop, and the site navigation stays within
 * reach: visible, or one tap (or Enter) on the menu away, with or without JavaScript.
 */
const site = useBuiltSite();
const pages = [...builtPagePaths(), '/404.html'];
const WIDTHS = [320, 390, 768, 1280] as const;
const NAV_HREFS = ['/', '/series/', '/tags/', '/glossary/', '/graph/', '/bibliography/'];

async function openAt(browser: Browser, width: number, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled });
  return context.newPage();
}

/**
 * Whether a reader can see and hit an element: it has a box, lies inside the viewport's width, and is
 * what the browser finds at its centre (not covered, not clipped away).
 */
const reachable = (selector: string) =>
  [...document.querySelectorAll(selector)].map((el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.left < 0 || box.right > innerWidth) return false;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });

const navLinks = '.site-header nav[aria-label="Site"] a';
const menuButton = '.site-header summary';

describe('every page at phone, tablet and laptop widths', () => {
  it.each(WIDTHS)('is no wider than a %i px viewport, and its header controls are on screen', async (width) => {
    const page = await openAt(site.browser(), width);
    const problems: string[] = [];
    for (const path of pages) {
      await page.goto(site.origin() + path, { waitUntil: 'load' });
      if (path === '/graph/') await page.locator('[data-graph][data-ready="true"]').waitFor();
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) problems.push(`${path} is ${scrollWidth} px wide`);
      const links = await page.evaluate(reachable, navLinks);
      const menu = await page.evaluate(reachable, menuButton);
      const buttons = await page.evaluate(reachable, '.search-open, .theme-toggle');
      if (!links.every(Boolean) && !menu.some(Boolean)) problems.push(`${path}: some site links are off screen and there is no menu button`);
      if (buttons.length !== 2 || !buttons.every(Boolean)) problems.push(`${path}: the search or theme button is off screen`);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the site navigation', () => {
  for (const javaScriptEnabled of [true, false]) {
    const js = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it.each(WIDTHS)(`is reachable by a click at %i px, ${js}`, async (width) => {
      const page = await openAt(site.browser(), width, javaScriptEnabled);
      await page.goto(`${site.origin()}/notes/dynamo/`);
      const shown = async () => (await page.evaluate(reachable, navLinks)).every(Boolean);
      if (!(await shown())) await page.locator(menuButton).click();
      await expect(page.locator(navLinks).evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual(NAV_HREFS);
      expect(await page.evaluate(reachable, navLinks)).toEqual(NAV_HREFS.map(() => true));
      await Promise.all([page.waitForURL('**/bibliography/'), page.locator(`${navLinks}[href="/bibliography/"]`).click()]);
      await page.context().close();
    });

    it.each(WIDTHS)(`is reachable from the keyboard at %i px, ${js}`, async (width) => {
      const page = await openAt(site.browser(), width, javaScriptEnabled);
      await page.goto(`${site.origin()}/notes/dynamo/`);
      const reached: string[] = [];
      for (let i = 0; i < 12 && reached.length < NAV_HREFS.length; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement!;
          const box = el.getBoundingClientRect();
          const onScreen = box.width > 0 && box.left >= 0 && box.right <= innerWidth;
          return { menu: el.matches('.site-header summary'), open: el.closest('details')?.open ?? false, href: el.matches('nav a') ? el.getAttribute('href') : null, onScreen };
        });
        if (focused.menu && !focused.open) await page.keyboard.press('Enter');
        if (focused.href !== null && focused.onScreen) reached.push(focused.href);
      }
      expect(reached).toEqual(NAV_HREFS);
      await page.context().close();
    });
  }

  it('is one row of links on a laptop, with no menu button', async () => {
    const page = await openAt(site.browser(), 1280);
    await page.goto(`${site.origin()}/`);
    expect(await page.evaluate(reachable, navLinks)).toEqual(NAV_HREFS.map(() => true));
    await expect(page.locator(menuButton).isVisible()).resolves.toBe(false);
    const tops = await page.locator(navLinks).evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await page.context().close();
  });

  it('folds into a menu on a phone that tells screen readers whether it is open, and Escape closes it', async () => {
    const page = await openAt(site.browser(), 390);
    await page.goto(`${site.origin()}/`);
    const menu = page.locator('.site-header details');
    await expect(page.locator(navLinks).first().isVisible()).resolves.toBe(false);
    const button = page.locator(menuButton);
    await expect(button.evaluate((s) => s.textContent?.trim())).resolves.toBe('Menu');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Bibliography' }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(menu.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(page.evaluate(() => document.activeElement?.matches('.site-header summary'))).resolves.toBe(true);
    await page.context().close();
  });

  it('leaves the theme toggle and search working on a 320 px phone', async () => {
    const page = await openAt(site.browser(), 320);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${site.origin()}/`);
    await page.locator('.theme-toggle').click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await expect(page.getByRole('button', { name: 'Switch between light and dark theme' }).count()).resolves.toBe(1);
    await page.locator('.search-open').click();
    await page.locator('pagefind-modal input').first().waitFor({ state: 'visible' });
    await page.context().close();
  });
});

describe('tables in notes and concept pages', () => {
  // A table scrolls sideways when it is wider than the page, so a word in a cell never has to break
  // inside itself: `linearizable` drawn as "linea / rizabl / e" in a squeezed column is unreadable. (In
  // running text inline code may break anywhere, or it would push the page wider than a phone.) A name
  // like `ack-before-all-replicas` may still wrap after one of its hyphens, as any hyphenated word does.
  const readingPages = builtPagePaths().filter((path) => path.startsWith('/notes/') || path.startsWith('/concepts/'));

  /** For each code word in a table cell: the characters after which it wraps, other than a hyphen. */
  const midWordBreaks = () =>
    [...document.querySelectorAll('.prose :is(td, th) code')].flatMap((code) => {
      const text = code.firstChild;
      if (text?.nodeType !== Node.TEXT_NODE || /\s/.test(text.textContent ?? '')) return [];
      const chars = text.textContent ?? '';
      const range = document.createRange();
      const topOf = (i: number) => {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect().top;
      };
      const breaks: string[] = [];
      for (let i = 1; i < chars.length; i += 1) {
        if (topOf(i) > topOf(i - 1) + 1 && chars[i - 1] !== '-') breaks.push(`${chars.slice(0, i)} / ${chars.slice(i)}`);
      }
      return breaks;
    });

  it.each([390, 1280] as const)('keeps each code word in a cell whole at %i px (a break after a hyphen aside)', async (width) => {
    const page = await openAt(site.browser(), width);
    const problems: string[] = [];
    for (const path of readingPages) {
      await page.goto(site.origin() + path, { waitUntil: 'load' });
      const broken = await page.evaluate(midWordBreaks);
      if (broken.length > 0) problems.push(`${path}: ${broken.join(', ')}`);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
