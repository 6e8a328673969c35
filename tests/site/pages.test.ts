import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPagePaths, DIST, noteIds, openPage, useBuiltSite } from './site.ts';

const site = useBuiltSite();
const paths = builtPagePaths();

describe('every built page', () => {
  it('includes the home page, every note, the tag index and the series index', () => {
    expect(paths).toEqual(expect.arrayContaining(['/', '/tags/', '/series/', ...noteIds().map((id) => `/notes/${id}/`)]));
  });

  it.each(paths)('%s answers 200 with no console errors, failed or third-party requests', async (path) => {
    const { page, status, problems } = await openPage(site.browser(), site.origin() + path);
    await page.waitForLoadState('networkidle');
    expect(status).toBe(200);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
    await page.context().close();
  });

  it('an unknown address gets the 404 page with status 404', async () => {
    const { page, status, problems } = await openPage(site.browser(), site.origin() + '/notes/no-such-note/');
    expect(status).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    // The browser reports the page's own 404 status on the console; nothing else may go wrong.
    expect(problems.consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await page.context().close();
  });
});

describe('a note page', () => {
  it.each(noteIds())('%s shows title, citation, tags, reading time and a table of contents', async (id) => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/${id}/`);
    await expect(page.locator('article h1').count()).resolves.toBe(1);
    await expect(page.locator('.citation .source-title a').count()).resolves.toBe(1);
    await expect(page.locator('.tag-list a').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.meta').textContent()).resolves.toMatch(/\d+ min read/);
    const tocLinks = await page.locator('.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(tocLinks.length).toBeGreaterThan(3);
    for (const href of tocLinks) await expect(page.locator(href).count(), href).resolves.toBe(1);
    await page.context().close();
  });

  it('links to the previous and next note of its series', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/viewstamped-replication-revisited/`);
    await expect(page.locator('.eyebrow').textContent()).resolves.toMatch(/Log replication, disaggregated, part 1 of \d/);
    await page.locator('.series-nav a[rel=next]').click();
    await page.waitForURL('**/notes/virtual-consensus-delos/');
    await expect(page.locator('.series-nav a[rel=prev]').getAttribute('href')).resolves.toBe('/notes/viewstamped-replication-revisited/');
    await page.context().close();
  });

  it('places the Raft note sixth in the log replication series, after BookKeeper and Pulsar', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/raft-and-rqlite/`);
    await expect(page.locator('.eyebrow').textContent()).resolves.toMatch(/Log replication, disaggregated, part 6 of \d/);
    await expect(page.locator('.series-nav a[rel=prev]').getAttribute('href')).resolves.toBe('/notes/bookkeeper-pulsar/');
    await page.context().close();
  });

  it('copies a code block to the clipboard with its copy button', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/dynamo/`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin() });
    const block = page.locator('.prose figure.code', { hasText: 'export function descendsFrom' });
    const button = block.locator('button.copy');
    await expect(button.isVisible()).resolves.toBe(true);
    await button.click();
    await block.locator('button.copy', { hasText: 'Copied' }).waitFor({ timeout: 5000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await block.locator('pre').evaluate((pre) => pre.textContent));
    expect(copied).toContain('export function descendsFrom');
    await page.context().close();
  });

  it('copies the whole of a code block the browser has not drawn yet', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/dynamo/`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin() });
    const block = page.locator('.prose figure.code').last(); // far below the first screen
    await expect(block.locator('pre').evaluate((pre) => (pre as HTMLElement).innerText)).resolves.toBe(''); // not drawn: no rendered text
    await block.locator('button.copy').evaluate((b: HTMLButtonElement) => b.click()); // without scrolling to it
    await block.locator('button.copy', { hasText: 'Copied' }).waitFor({ timeout: 5000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await block.locator('pre').evaluate((pre) => pre.textContent));
    expect(copied.length).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('a long note, drawn as it scrolls into view', () => {
  // Code blocks and diagrams off screen are not laid out (content-visibility: auto); until they are, each
  // holds the height the build gave it. A wrong height moves everything below it when it is drawn: a jump
  // to a heading stops short, a reload restores the wrong place.
  it.each(noteIds().flatMap((id) => [[id, 390], [id, 1280]] as const))('%s at %ipx: every deferred block holds its drawn height', async (id, width) => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/${id}/`);
    await page.setViewportSize({ width, height: 800 });
    const blocks = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('*')]
        .filter((e) => getComputedStyle(e).contentVisibility === 'auto')
        .map((e) => {
          const name = `${e.tagName.toLowerCase()}.${e.className} #${[...e.parentElement!.children].indexOf(e)}`;
          e.style.contentVisibility = 'hidden'; // skipped: as tall as it says it will be
          const held = e.getBoundingClientRect().height;
          e.style.contentVisibility = 'visible';
          const drawn = e.getBoundingClientRect().height;
          e.style.contentVisibility = '';
          return { name, off: Math.round(held - drawn) };
        }),
    );
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((b) => b.off !== 0)).toEqual([]);
    await page.context().close();
  });

  it('a table of contents link to the last section lands on it, with smooth scrolling', async () => {
    const id = noteIds()
      .map((n) => ({ n, size: readFileSync(join(DIST, 'notes', n, 'index.html')).length }))
      .sort((a, b) => b.size - a.size)[0]!.n;
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/${id}/`);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator('.toc--inline summary').click(); // on a phone, the contents are folded under the title
    const toc = page.locator('.toc--inline a');
    const last = (await toc.last().getAttribute('href'))!;
    await toc.last().click();
    // Smooth scrolling takes a while; wait until the page has stopped moving.
    let previous = -1;
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(150);
      const y = await page.evaluate(() => window.scrollY);
      if (y === previous) break;
      previous = y;
    }
    const top = await page.locator(last).evaluate((h) => h.getBoundingClientRect().top);
    expect(Math.abs(top - 16)).toBeLessThan(2); // scroll-margin-top: 1rem
    await page.context().close();
  });
});

describe('backlinks', () => {
  it('a note lists the notes that link to it, each with the sentence around the link', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/dynamo/`);
    const items = page.locator('.backlinks li');
    const sources = await items.locator('> a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(sources).toEqual(expect.arrayContaining(['/notes/viewstamped-replication-revisited/', '/notes/read-write-quorums/']));
    const context = await items.filter({ has: page.locator('a[href="/notes/read-write-quorums/"]') }).locator('.backlink-context').textContent();
    expect(context).toMatch(/Dynamo is the best-known user of \(N, R, W\)/);
    await expect(items.locator('mark').first().textContent()).resolves.toBe('Dynamo');
    await page.context().close();
  });
});

describe('citations', () => {
  it('a note offers its source as BibTeX, to copy or download, and the file matches', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/dynamo/`);
    await page.locator('.bibtex summary').click();
    const shown = await page.locator('.bibtex pre').innerText();
    expect(shown).toMatch(/^@inproceedings\{decandia2007dynamo,/);
    const download = await page.locator('.bibtex a[download]').getAttribute('href');
    const file = await page.evaluate(async (href) => (await fetch(href!)).text(), download);
    expect(file.trim()).toBe(shown.trim());
    await page.context().close();
  });

  it('the bibliography lists every cited work by year and filters by kind without JavaScript', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/bibliography/`);
    const years = await page.locator('h2[id^="year-"]').allTextContents();
    expect(years).toEqual([...years].sort().reverse());
    await expect(page.locator('.references li').count()).resolves.toBe(noteIds().length);
    const ofKind = (kind: string) => noteIds().filter((id) => new RegExp(`^kind: ${kind}$`, 'm').test(readFileSync(`content/notes/${id}.md`, 'utf8'))).length;
    await page.locator('input[value="paper"]').check();
    await expect(page.locator('.references li:visible').count()).resolves.toBe(ofKind('paper'));
    // The steady-state note cites a blog post: the post filter shows exactly the post notes.
    await page.locator('input[value="post"]').check();
    await expect(page.locator('.references li:visible').count()).resolves.toBe(ofKind('post'));
    expect(ofKind('post')).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('related notes', () => {
  it('end a note with notes it shares links, tags or a series with', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/virtual-consensus-delos/`);
    const related = await page.locator('.related h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(related.length).toBeGreaterThan(0);
    expect(related[0]).toBe('/notes/viewstamped-replication-revisited/'); // linked both ways, same series
    expect(related).not.toContain('/notes/virtual-consensus-delos/');
    await page.context().close();
  });
});
