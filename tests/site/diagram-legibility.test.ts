import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFixtureSite } from '../support/fixture-site.ts';
import { measureDiagrams, SCREENS } from '../support/diagram-checks.ts';
import { DIST, noteIds, useBuiltSite } from './site.ts';

/**
 * Every diagram of every note and concept page reads whole, as drawn in Chromium: at 960, 1024, 1152 and
 * 1280 px none scrolls sideways or reaches outside the screen; at every width measured (1280 and 390 px in
 * both themes) every label is 12 px or larger, at 4.5:1 or more against what is painted beneath it, on
 * its own background (no line through it), inside its box, overlapping no other label, and never cut short. What each check measures: tests/support/diagram-checks.ts.
 */
const site = useBuiltSite();
const conceptIds = readdirSync('content/concepts').filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
const pagesWithDiagrams = [...noteIds().map((id) => `/notes/${id}/`), ...conceptIds.map((id) => `/concepts/${id}/`)].filter((path) =>
  readFileSync(`${DIST}${path}index.html`, 'utf8').includes('<figure class="diagram'),
);

describe('diagrams read whole', () => {
  it('the notes have diagrams to measure', () => {
    expect(pagesWithDiagrams.length).toBeGreaterThanOrEqual(noteIds().length);
  });

  for (const screen of SCREENS) {
    for (const theme of screen.themes) {
      it.each(pagesWithDiagrams)(`%s at ${screen.width} px, ${theme}`, async (path) => {
        const { figures, problems, consoleErrors } = await measureDiagrams(site.browser(), site.origin() + path, screen, theme);
        expect(figures).toBeGreaterThan(0);
        expect(problems).toEqual([]);
        expect(consoleErrors).toEqual([]);
      });
    }
  }
});

/**
 * The same checks on diagrams no note has yet: one far wider than the column would be if drawn naively
 * (seven participants with two-word names, long messages, a self-message and notes at the right edge,
 * loop and alt blocks, and a left-to-right flowchart), and one far taller than the screen.
 */
describe('diagrams read whole at the extremes (fixture site)', () => {
  const fixture = useFixtureSite('tests/fixtures/sites/diagram-extremes');

  const size = (path: string) =>
    [...readFileSync(join(fixture.dist(), path, 'index.html'), 'utf8').matchAll(/<svg role="img"[^>]*? width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));

  it('the fixtures are extreme: the wide ones need the page margin, the tall one is many screens high', () => {
    for (const { width } of size('notes/very-wide')) expect(width).toBeGreaterThan(672);
    expect(size('notes/very-tall')[0]!.height).toBeGreaterThan(5000);
  });

  for (const screen of SCREENS) {
    for (const theme of screen.themes) {
      it.each(['/notes/very-wide/', '/notes/very-tall/'])(`%s at ${screen.width} px, ${theme}`, async (path) => {
        const { figures, problems, consoleErrors } = await measureDiagrams(fixture.browser(), fixture.origin() + path, screen, theme);
        expect(figures).toBeGreaterThan(0);
        expect(problems).toEqual([]);
        expect(consoleErrors).toEqual([]);
      });
    }
  }

  it('on a phone, a diagram wider than the screen scrolls sideways and says so, without JavaScript', async () => {
    const context = await fixture.browser().newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(fixture.origin() + '/notes/very-wide/');
    const figure = page.locator('figure.diagram').first();
    await expect(figure.locator('.diagram-scroll').evaluate((e) => e.scrollWidth > e.clientWidth)).resolves.toBe(true);
    await expect(figure.locator('.diagram-hint').isVisible()).resolves.toBe(true);
    await expect(figure.locator('.diagram-hint').textContent()).resolves.toContain('Scroll sideways');
    await context.close();
  });
});
