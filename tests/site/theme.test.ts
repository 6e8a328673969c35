import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, useBuiltSite } from './site.ts';

const site = useBuiltSite();
const NOTE = '/notes/viewstamped-replication-revisited/';

/** Perceived lightness of the page background, 0 (black) to 255 (white). */
const backgroundLightness = (page: Page) =>
  page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
    return 0.299 * r! + 0.587 * g! + 0.114 * b!;
  });

describe('light and dark theme', () => {
  it('follows a dark system preference with no stored choice', async () => {
    const { page } = await openPage(site.browser(), site.origin() + NOTE, { colorScheme: 'dark' });
    expect(await backgroundLightness(page)).toBeLessThan(60);
    await page.context().close();
  });

  it('follows a light system preference with no stored choice', async () => {
    const { page } = await openPage(site.browser(), site.origin() + NOTE, { colorScheme: 'light' });
    expect(await backgroundLightness(page)).toBeGreaterThan(200);
    await page.context().close();
  });

  it('the toggle switches to dark and back, and the choice persists across pages', async () => {
    const { page } = await openPage(site.browser(), site.origin() + NOTE, { colorScheme: 'light' });
    await page.locator('.theme-toggle').click();
    expect(await backgroundLightness(page)).toBeLessThan(60);
    await page.goto(site.origin() + '/');
    expect(await backgroundLightness(page)).toBeLessThan(60);
    await page.locator('.theme-toggle').click();
    expect(await backgroundLightness(page)).toBeGreaterThan(200);
    await page.reload();
    expect(await backgroundLightness(page)).toBeGreaterThan(200);
    await page.context().close();
  });

  it('applies a stored choice before the first paint (no flash of the wrong theme)', async () => {
    const { page } = await openPage(site.browser(), site.origin() + NOTE, { colorScheme: 'light' });
    await page.evaluate(() => localStorage.setItem('paperlog-theme', 'dark'));
    // Record the theme when the body first exists: before anything in it can be painted.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          (window as unknown as { firstTheme?: string | undefined }).firstTheme = document.documentElement.dataset.theme;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { firstTheme: string }).firstTheme)).toBe('dark');
    await page.context().close();
  });

  it('recolours code and diagrams through CSS variables', async () => {
    const { page } = await openPage(site.browser(), site.origin() + NOTE, { colorScheme: 'light' });
    const colours = () =>
      page.evaluate(() => ({
        keyword: getComputedStyle(document.querySelector('.astro-code .line span')!).color,
        diagramText: getComputedStyle(document.querySelector('figure.diagram svg text')!).fill,
      }));
    const light = await colours();
    await page.locator('.theme-toggle').click();
    const dark = await colours();
    expect(dark.keyword).not.toBe(light.keyword);
    expect(dark.diagramText).not.toBe(light.diagramText);
    await page.context().close();
  });
});
