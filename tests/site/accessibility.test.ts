import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
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
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#content$/);
    await page.context().close();
  });
});
