import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { extractRegion } from '../../src/plugins/snippet-regions.ts';
import { noteIds, openPage, useBuiltSite } from './site.ts';

const site = useBuiltSite();

/** Opens search the way a reader does (the / key), types a query and returns the result links in order. */
async function search(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('/');
  const input = page.locator('pagefind-modal input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(query);
  await page.locator('pagefind-results a').first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(400); // let the debounced query settle on the final text
  return page.locator('pagefind-results a').evaluateAll((as) =>
    as.map((a) => new URL((a as HTMLAnchorElement).href).pathname).filter((p, i, all) => all.indexOf(p) === i),
  );
}

/** A phrase only that note explains; the first result must be the note itself. */
const DISTINCTIVE: Record<string, string> = {
  dynamo: 'preference list',
  'viewstamped-replication-revisited': 'DoViewChange',
  'virtual-consensus-delos': 'MetaStore conditional write',
  'read-write-quorums': 'Quoracle',
  'bookkeeper-pulsar': 'bookies fence',
  'kafka-replication': 'OffsetForLeaderEpoch',
  'steady-state-vs-reconfiguration': 'failure-free ordering',
  'disaggregating-log-replication': 'conformance suite',
  'multipaxos-in-neon': 'ProposerElected',
  'raft-and-rqlite': 'rqlite',
};

/** The first line of a note's first code block (embedded from snippets/ or written inline), as Pagefind normalises it. */
function firstCodeLine(id: string): string {
  const source = readFileSync(`content/notes/${id}.md`, 'utf8');
  const fence = /```ts([^\n]*)\n([\s\S]*?)```/.exec(source)!;
  const embedded = /snippet="([^"#]+)(?:#([^"]+))?"/.exec(fence[1]!);
  const code = embedded ? extractRegion(readFileSync(`snippets/${embedded[1]}`, 'utf8'), embedded[2])! : fence[2]!;
  return code.split('\n').find((line) => line.trim() !== '')!.trim().replace(/\s+/g, ' ');
}

/** The full text Pagefind indexed for one page, read back from the site's own index. */
async function indexedText(page: Page, path: string): Promise<string> {
  // A string, so the test runner does not rewrite the browser-side import().
  return (await page.evaluate(`import('/pagefind/pagefind.js').then(async (pagefind) => {
    const { results } = await pagefind.search(null, { filters: {} });
    for (const result of results) {
      const data = await result.data();
      if (new URL(data.url, location.href).pathname === ${JSON.stringify(path)}) return data.content;
    }
    return '';
  })`)) as string;
}

describe('search', () => {
  it('has a distinctive phrase for every note', () => {
    expect(Object.keys(DISTINCTIVE).sort()).toEqual(noteIds());
  });

  it.each(Object.entries(DISTINCTIVE))('finds %s first for "%s"', async (id, phrase) => {
    const { page, problems } = await openPage(site.browser(), site.origin() + '/');
    expect((await search(page, phrase))[0]).toBe(`/notes/${id}/`);
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('finds a note by an alias (VR) before notes that merely mention it', async () => {
    const { page } = await openPage(site.browser(), site.origin() + '/tags/');
    expect((await search(page, 'VRR'))[0]).toBe('/notes/viewstamped-replication-revisited/');
    await page.context().close();
  });

  it('finds code by its identifiers: a name that only appears in a code block finds its note', async () => {
    const { page } = await openPage(site.browser(), site.origin() + '/');
    expect((await search(page, 'lastNormalView'))[0]).toBe('/notes/viewstamped-replication-revisited/'); // VR's code only (bySender left its code)
    await page.context().close();
  });

  it.each(noteIds())('%s: the index holds its prose, but no code, diagram source, reading time or date', async (id) => {
    const { page } = await openPage(site.browser(), site.origin() + '/');
    const indexed = await indexedText(page, `/notes/${id}/`);
    expect(indexed.length).toBeGreaterThan(5000);
    for (const diagramSyntax of ['sequenceDiagram', 'flowchart LR', 'flowchart TD', 'stateDiagram', '->>', '-->']) {
      expect(indexed, diagramSyntax).not.toContain(diagramSyntax);
    }
    // Excerpts are cut from this text, so code would show up in them ("*/ readonly storag…").
    expect(indexed, 'the first line of its first code block').not.toContain(firstCodeLine(id));
    expect(indexed).not.toMatch(/\d+ min read|Added \d+ \w+ 20\d\d/);
    expect(indexed).not.toMatch(/ts ?Copy/); // the code header (language, copy button) is not content
    await page.context().close();
  });

  it('offers filters by kind, tag, reading path and concept', async () => {
    const { page } = await openPage(site.browser(), site.origin() + '/');
    const filters = (await page.evaluate(
      `import('/pagefind/pagefind.js').then((pagefind) => pagefind.filters())`,
    )) as Record<string, Record<string, number>>;
    expect(Object.keys(filters).sort()).toEqual(['concept', 'kind', 'series', 'tag']);
    const inSeries = noteIds().filter((id) => /^series: \{ id: log-replication,/m.test(readFileSync(`content/notes/${id}.md`, 'utf8'))).length;
    expect(inSeries).toBeGreaterThanOrEqual(3);
    expect(filters['series']).toHaveProperty('Log replication, disaggregated', inSeries);
    const papers = noteIds().filter((id) => /^kind: paper$/m.test(readFileSync(`content/notes/${id}.md`, 'utf8'))).length;
    expect(filters['kind']).toHaveProperty('Paper', papers);
    expect(filters['tag']).toHaveProperty('replication');
    expect(filters['kind']).toHaveProperty('Concept', readdirSync('content/concepts').filter((f) => f.endsWith('.md')).length);
    // A note is filed under each concept it links to: VR and the quorum note both link "Quorum".
    expect(filters['concept']!['Quorum']).toBeGreaterThanOrEqual(2);
    await search(page, 'replica');
    await expect(page.locator('pagefind-filter-dropdown').count()).resolves.toBe(4);
    await page.context().close();
  });

  it('narrows results to the notes that use a concept', async () => {
    const { page } = await openPage(site.browser(), site.origin() + '/');
    const paths = (await page.evaluate(`import('/pagefind/pagefind.js').then(async (pagefind) => {
      const { results } = await pagefind.search('replica', { filters: { concept: 'View change' } });
      return Promise.all(results.map(async (r) => new URL((await r.data()).url, location.href).pathname));
    })`)) as string[];
    expect(paths).toContain('/notes/viewstamped-replication-revisited/');
    expect(paths).not.toContain('/notes/dynamo/');
    await page.context().close();
  });

  it('loads no search code until the reader opens search', async () => {
    const { page } = await openPage(site.browser(), site.origin() + '/notes/dynamo/');
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.filter((s) => s.includes('/pagefind/'))).toEqual([]);
    await page.locator('.search-open').click();
    await page.locator('pagefind-modal input').first().waitFor({ state: 'visible' });
    await page.context().close();
  });
});

describe('search across notes and concepts', () => {
  it('finds a concept page first when searched by its name', async () => {
    const { page } = await openPage(site.browser(), site.origin() + '/');
    expect((await search(page, 'sloppy quorum'))[0]).toBe('/concepts/sloppy-quorum/');
    await page.context().close();
  });
});
