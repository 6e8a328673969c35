import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { builtPagePaths, DIST, noteIds, openPage, useBuiltSite } from './site.ts';

/**
 * Page-weight budgets, checked on the real built site. Sizes are deterministic, so these are exact
 * checks, not timings (build and load times live in `npm run bench`). Each budget says what it guards.
 */
const BUDGET = {
  /** Script a note needs to be read: none fetched. The inline theme/search script is separate. */
  noteExternalJs: 0,
  /** The inline script every page carries (theme toggle, search loader, copy buttons), raw bytes. */
  inlineJs: 3 * 1024,
  /** HTML + CSS of our long-form notes (5,000 words, several diagrams); a typical note's 30 KB is checked in the bench. */
  longNoteHtmlCss: 40 * 1024,
  /** HTML + CSS of every other page: home, concepts, glossary, tags, series, graph (before its script). */
  pageHtmlCss: 16 * 1024,
  /** Everything search downloads from opening it to showing the first results. */
  firstQuery: 220 * 1024,
} as const;

const site = useBuiltSite();

/** Bytes a file of the built site costs on the wire: gzip, except Pagefind's files, which are stored compressed. */
function wireBytes(path: string): number {
  const file = `${DIST}${decodeURIComponent(path)}${path.endsWith('/') ? 'index.html' : ''}`;
  if (!existsSync(file)) throw new Error(`${path} was requested but is not in ${DIST}/`);
  const bytes = readFileSync(file);
  return /^\/pagefind\/.*\.(pf_\w+|pagefind)$/.test(path) ? bytes.length : gzipSync(bytes).length;
}

/** Opens a page, waits until the network is idle, and returns what it fetched by kind (wire bytes). */
async function loadWeight(page: Page, url: string) {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(url, { waitUntil: 'networkidle' });
  const kinds = { html: 0, css: 0, js: 0 };
  for (const path of fetched) {
    if (path.endsWith('.css')) kinds.css += wireBytes(path);
    else if (path.endsWith('.js')) kinds.js += wireBytes(path);
    else if (path.endsWith('/') || path.endsWith('.html')) kinds.html += wireBytes(path);
  }
  const inlineJs = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].reduce((n, s) => n + (s.textContent ?? '').length, 0));
  return { ...kinds, inlineJs, fetched };
}

describe('page weight budgets', () => {
  it.each(noteIds())('note %s: no script fetched to read it, small inline script, HTML + CSS within budget', async (id) => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/${id}/`);
    const weight = await loadWeight(page, `${site.origin()}/notes/${id}/`);
    expect(weight.js, weight.fetched.join(' ')).toBe(BUDGET.noteExternalJs);
    expect(weight.inlineJs).toBeLessThanOrEqual(BUDGET.inlineJs);
    expect(weight.html + weight.css).toBeLessThanOrEqual(BUDGET.longNoteHtmlCss);
    await page.context().close();
  });

  it.each(noteIds())('note %s: reads the same with JavaScript turned off', async (id) => {
    const url = `${site.origin()}/notes/${id}/`;
    // innerText is what a reader sees: text that CSS hides or that only a script would add is not in it.
    const readable = async (javaScriptEnabled: boolean) => {
      const context = await site.browser().newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const text = await page.locator('main').innerText();
      const diagrams = await page.locator('main figure svg').count();
      const controls = await page.locator('main button').allInnerTexts();
      await context.close();
      return { lines: text.split('\n').map((line) => line.trim()), diagrams, controls };
    };
    const [withScript, withoutScript] = [await readable(true), await readable(false)];
    expect(withoutScript.lines.join(' ').length).toBeGreaterThan(1000);
    expect(withoutScript.diagrams).toBe(withScript.diagrams);
    // Controls that need a script (the copy buttons) may hide without one; every word of the note may not.
    const shown = new Set(withoutScript.lines);
    const controls = new Set(withScript.controls.map((label) => label.trim()));
    const missing = withScript.lines.filter((line) => line !== '' && !shown.has(line) && !controls.has(line));
    expect(missing).toEqual([]);
  });

  it('every other page: HTML + CSS within budget', () => {
    const css = [...readFileSync(`${DIST}/index.html`, 'utf8').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(css.length).toBeGreaterThan(0);
    const cssBytes = css.reduce((n, href) => n + wireBytes(href), 0);
    const over = builtPagePaths()
      .filter((p) => !p.startsWith('/notes/'))
      .map((p) => ({ p, bytes: wireBytes(p) + cssBytes }))
      .filter(({ bytes }) => bytes > BUDGET.pageHtmlCss);
    expect(over).toEqual([]);
  });

  it('search: opening it and getting the first results downloads at most the budget', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/dynamo/`);
    await page.waitForLoadState('networkidle');
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.keyboard.press('/');
    await page.locator('pagefind-modal input').first().fill('quorum');
    await page.locator('pagefind-results a').first().waitFor({ timeout: 10_000 });
    await page.waitForLoadState('networkidle');
    const searchFiles = fetched.filter((p) => p.startsWith('/pagefind/'));
    expect(searchFiles.length).toBeGreaterThan(3);
    expect(searchFiles.reduce((n, p) => n + wireBytes(p), 0)).toBeLessThanOrEqual(BUDGET.firstQuery);
    await page.context().close();
  });
});
