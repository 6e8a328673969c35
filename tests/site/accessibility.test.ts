import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { builtPagePaths, openPage, useBuiltSite } from './site.ts';

const site = useBuiltSite();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every page, except that of the pages sharing one template (a tag, a series) only the first is checked. */
const pages = (() => {
  const all = builtPagePaths();
  const repeated = (p: string) => /^\/(tags|series)\/[^/]+\/$/.test(p);
  const firstOf = (prefix: string) => all.find((p) => p.startsWith(prefix) && repeated(p));
  return [...all.filter((p) => !repeated(p)), firstOf('/tags/'), firstOf('/series/'), '/404.html'].filter((p): p is string => p !== undefined);
})();

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it.each(pages)(`%s has no serious or critical violations (${colorScheme})`, async (path) => {
      const { page } = await openPage(site.browser(), site.origin() + path, { colorScheme });
      // axe finds a text's background by hit-testing, which cannot see a block the browser has not rendered
      // yet (content-visibility: auto, below the fold): it would measure against the page behind. A reader
      // only ever sees such a block rendered, so render everything before measuring.
      await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
        return (await axe.run()).violations;
      });
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
      await page.context().close();
    });
  }

  it('can be used from the keyboard: skip link first, then the site navigation', async () => {
    const { page } = await openPage(site.browser(), site.origin() + '/notes/dynamo/');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    // The jump to #content lands a moment after the key press: on a loaded machine the URL was once read before it.
    await Promise.all([page.waitForURL(/#content$/, { timeout: 10_000 }), page.keyboard.press('Enter')]);
    expect(page.url()).toMatch(/#content$/);
    await page.context().close();
  });

  // Figures clip what they contain (overflow, and content-visibility's paint containment), so a ring drawn
  // outside the focused element would be cut off at the figure's edge.
  it.each([
    ['a code block', '.prose figure.code pre'],
    ['a diagram', '.prose figure.diagram .diagram-scroll'],
  ])('shows the whole focus ring around %s', async (_, selector) => {
    const { page } = await openPage(site.browser(), site.origin() + '/notes/dynamo/');
    await page.setViewportSize({ width: 800, height: 1600 });
    await expect(focusRingSides(page, selector)).resolves.toEqual({ top: true, right: true, bottom: true, left: true });
    await page.context().close();
  });
});

/**
 * Focuses the first element matching `selector` as the keyboard would and reports, for each side, whether
 * the focus ring's colour appears there (within 6px of the edge, inside or out) where it did not before.
 */
async function focusRingSides(page: Page, selector: string): Promise<Record<'top' | 'right' | 'bottom' | 'left', boolean>> {
  const element = page.locator(selector).first();
  await element.scrollIntoViewIfNeeded();
  const box = (await element.boundingBox())!;
  const margin = 8;
  const clip = { x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin };
  const before = (await page.screenshot({ clip })).toString('base64');
  await element.focus();
  expect(await element.evaluate((e) => e.matches(':focus-visible'))).toBe(true);
  const ring = await element.evaluate((e) => getComputedStyle(e).outlineColor);
  const after = (await page.screenshot({ clip })).toString('base64');
  const probe = await page.context().newPage();
  const sides = await probe.evaluate(
    async ({ before, after, ring, margin }) => {
      const pixels = async (png: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height);
      };
      const [was, is] = [await pixels(before), await pixels(after)];
      const [r, g, b] = ring.match(/\d+/g)!.map(Number);
      const ringAt = (x: number, y: number) => {
        const i = (y * is.width + x) * 4;
        const d = is.data;
        const changed = d[i] !== was.data[i] || d[i + 1] !== was.data[i + 1] || d[i + 2] !== was.data[i + 2];
        return changed && Math.abs(d[i]! - r!) + Math.abs(d[i + 1]! - g!) + Math.abs(d[i + 2]! - b!) < 60;
      };
      const band = Array.from({ length: 2 * margin - 2 }, (_, k) => k + 1);
      const [midX, midY, w, h] = [Math.floor(is.width / 2), Math.floor(is.height / 2), is.width, is.height];
      return {
        top: band.some((k) => ringAt(midX, k)),
        right: band.some((k) => ringAt(w - 1 - k, midY)),
        bottom: band.some((k) => ringAt(midX, h - 1 - k)),
        left: band.some((k) => ringAt(k, midY)),
      };
    },
    { before, after, ring, margin },
  );
  await probe.close();
  return sides;
}
