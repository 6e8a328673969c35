import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { openPage, useBuiltSite } from './site.ts';

const site = useBuiltSite();
const conceptIds = readdirSync('content/concepts').filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();

describe('concepts', () => {
  it('a concept link in a note is marked as one and leads to the concept page, which lists the notes using it', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/dynamo/`);
    const link = page.locator('.prose a.concept-link[href="/concepts/sloppy-quorum/"]').first();
    await Promise.all([page.waitForURL(/\/concepts\/sloppy-quorum\/$/), link.click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sloppy quorum');
    const usedBy = page.locator('.backlinks', { has: page.locator('h2', { hasText: 'Used by' }) });
    const from = await usedBy.locator('li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(from).toContain('/notes/dynamo/');
    await expect(usedBy.locator('li', { has: page.locator('a[href="/notes/dynamo/"]') }).locator('mark').first().textContent()).resolves.toMatch(/sloppy quorum/i);
    await page.context().close();
  });

  it('a note lists the concepts it uses, each a link to its page', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/viewstamped-replication-revisited/`);
    const chips = await page.locator('.concept-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(chips).toEqual(expect.arrayContaining(['/concepts/view-change/', '/concepts/quorum/', '/concepts/epoch/']));
    await page.context().close();
  });

  it('the glossary defines every concept, A to Z, and says how many notes use each', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/glossary/`);
    const entries = await page.locator('.glossary dt a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, title: a.textContent! })));
    expect(entries.map((e) => e.href.replace(/^\/concepts\/|\/$/g, '')).sort()).toEqual(conceptIds);
    expect(entries.map((e) => e.title)).toEqual([...entries.map((e) => e.title)].sort((a, b) => a.localeCompare(b, 'en')));
    await expect(page.locator('#quorum dd').textContent()).resolves.toMatch(/Used by [2-9] notes\./);
    await page.context().close();
  });

  it.each(conceptIds)('%s: its "used by" count matches the notes listed, or says none links to it yet', (id) => {
    const html = readFileSync(`dist/concepts/${id}/index.html`, 'utf8');
    const count = Number(/Used by (\d+) notes?/.exec(html)![1]);
    const section = /<section class="backlinks"[\s\S]*?<\/section>/.exec(html)![0];
    const listed = new Set([...section.matchAll(/<li><a href="(\/notes\/[^"]+)"/g)].map((m) => m[1]));
    expect(listed.size).toBe(count);
    if (count === 0) expect(section).toContain('No note links to this concept yet.');
  });
});
