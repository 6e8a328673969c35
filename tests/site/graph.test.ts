import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { noteIds, openPage, useBuiltSite } from './site.ts';

const site = useBuiltSite();

/** Pixels of the canvas that differ from its top-left corner (the background): proof something was drawn. */
const paintedPixels = () => {
  const canvas = document.querySelector('canvas')!;
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 0) painted++;
  return painted;
};

describe('the graph page', () => {
  it('draws every note and concept from /graph.json once its script has loaded', async () => {
    const { page, problems } = await openPage(site.browser(), `${site.origin()}/graph/`);
    await page.locator('[data-graph][data-ready="true"]').waitFor();
    await expect(page.locator('canvas.graph-canvas').isVisible()).resolves.toBe(true);
    expect(await page.evaluate(paintedPixels)).toBeGreaterThan(500);
    const data = JSON.parse(readFileSync('dist/graph.json', 'utf8')) as { nodes: Array<{ id: string }> };
    expect(data.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(noteIds()));
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
    await page.context().close();
  });

  it('is usable by keyboard: arrows select a page and announce it, Enter opens it', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/graph/`);
    await page.locator('[data-graph][data-ready="true"]').waitFor();
    await page.locator('canvas').focus();
    await page.keyboard.press('ArrowRight');
    const first = await page.locator('[data-graph]').getAttribute('data-selected');
    expect(first).toBeTruthy();
    await expect(page.locator('.graph-status').textContent()).resolves.toMatch(/Press Enter to open\.$/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.locator('[data-graph]').getAttribute('data-selected');
    await Promise.all([page.waitForURL(new RegExp(`/(notes|concepts)/${chosen}/$`)), page.keyboard.press('Enter')]);
    await page.context().close();
  });

  it('opens on the page named in the address (#id), centred, and a click on it opens that page', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/graph/#viewstamped-replication-revisited`);
    await page.locator('[data-graph][data-ready="true"]').waitFor();
    await expect(page.locator('[data-graph]').getAttribute('data-selected')).resolves.toBe('viewstamped-replication-revisited');
    await expect(page.locator('.graph-status').textContent()).resolves.toContain('Viewstamped Replication Revisited');
    await page.locator('canvas').scrollIntoViewIfNeeded();
    const box = (await page.locator('canvas').boundingBox())!;
    await Promise.all([
      page.waitForURL(/\/notes\/viewstamped-replication-revisited\/$/),
      page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
    ]);
    await page.context().close();
  });

  it('finds a page by name and selects it', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/graph/`);
    await page.locator('[data-graph][data-ready="true"]').waitFor();
    await page.locator('.graph-find').fill('Virtual Consensus in Delos');
    await expect(page.locator('[data-graph]').getAttribute('data-selected')).resolves.toBe('virtual-consensus-delos');
    await page.context().close();
  });

  it('without JavaScript, lists every page with its links instead, and loads no graph data', async () => {
    const context = await site.browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${site.origin()}/graph/`);
    await expect(page.locator('[data-graph]').isHidden()).resolves.toBe(true);
    const listed = await page.locator('.graph-list li').evaluateAll((lis) => lis.map((li) => li.id));
    expect(listed).toEqual(expect.arrayContaining(noteIds()));
    const delos = page.locator('.graph-list li#virtual-consensus-delos');
    await expect(delos.locator('a[href="/notes/viewstamped-replication-revisited/"]').count()).resolves.toBeGreaterThan(0);
    expect(requested).not.toContain('/graph.json');
    await context.close();
  });

  it('is fetched only by the graph page: a note page loads neither the map code nor its data', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/dynamo/`);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.reload({ waitUntil: 'networkidle' });
    expect(requested.filter((p) => /graph/.test(p))).toEqual([]);
    await page.context().close();
  });
});

describe('the neighbourhood map on a note', () => {
  it('draws the pages linking here and linked from here as links, without script', async () => {
    const { page } = await openPage(site.browser(), `${site.origin()}/notes/virtual-consensus-delos/`);
    const map = page.locator('.neighbourhood svg');
    await expect(map.locator('a[href="/notes/viewstamped-replication-revisited/"]').count()).resolves.toBe(1);
    await expect(map.locator('[aria-current="page"] title').textContent()).resolves.toContain('Virtual Consensus in Delos');
    await expect(page.locator('.neighbourhood a[href="/graph/#virtual-consensus-delos"]').count()).resolves.toBe(1);
    await page.context().close();
  });
});
