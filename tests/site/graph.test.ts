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

/** The box of canvas pixels something was painted on, in CSS px, and whether any touch the canvas's edge. */
const paintedBox = () => {
  const canvas = document.querySelector('canvas')!;
  const { width, height } = canvas;
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
  let [x0, x1, y0, y1] = [width, -1, height, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[(y * width + x) * 4 + 3]! === 0) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  const edge = 2 * devicePixelRatio;
  return {
    widthShare: (x1 - x0 + 1) / width,
    heightShare: (y1 - y0 + 1) / height,
    touchesEdge: x0 < edge || y0 < edge || x1 >= width - edge || y1 >= height - edge,
    /** Empty canvas above and below the drawing, as shares of the height. */
    topShare: y0 / height,
    bottomShare: (height - 1 - y1) / height,
  };
};

describe('the graph page on a phone', () => {
  const openGraph = async (width: number, colorScheme: 'light' | 'dark' = 'light') => {
    const context = await site.browser().newContext({ viewport: { width, height: 844 }, colorScheme });
    // Record every label the map writes, to check each is written over a halo of the canvas's colour.
    await context.addInitScript(() => {
      const calls: Array<{ op: string; text: string; x: number; y: number; style: string; lineWidth: number }> = [];
      (window as unknown as { labelCalls: typeof calls }).labelCalls = calls;
      const proto = CanvasRenderingContext2D.prototype;
      for (const op of ['fillText', 'strokeText'] as const) {
        const original = proto[op];
        proto[op] = function (this: CanvasRenderingContext2D, text: string, x: number, y: number) {
          const style = String(op === 'fillText' ? this.fillStyle : this.strokeStyle);
          calls.push({ op, text, x, y, style, lineWidth: this.lineWidth });
          return original.call(this, text, x, y);
        };
      }
    });
    const page = await context.newPage();
    await page.goto(`${site.origin()}/graph/`);
    await page.locator('[data-graph][data-ready="true"]').waitFor();
    return page;
  };

  it.each([320, 390])('keeps the find box and zoom buttons on one row at %i px', async (width) => {
    const page = await openGraph(width);
    const boxes = await page.locator('.graph-controls > :not(datalist)').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes).toHaveLength(4);
    const middles = boxes.map((b) => b.top + b.height / 2);
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(4);
    const canvas = (await page.locator('canvas').boundingBox())!;
    expect(Math.max(...boxes.map((b) => b.right))).toBeLessThanOrEqual(canvas.x + canvas.width + 0.5);
    await page.context().close();
  });

  it.each([320, 390, 1280])('shows the find box\'s whole placeholder at %i px', async (width) => {
    const page = await openGraph(width);
    // Typed in as a value, the placeholder's words scroll inside the box if they do not fit: what is left
    // for text once the box's padding and a search box's clear button (its room is kept while empty) are taken.
    const { placeholder, scrollWidth, clientWidth } = await page.locator('.graph-find').evaluate((input: HTMLInputElement) => {
      input.value = input.placeholder;
      const measured = { placeholder: input.placeholder, scrollWidth: input.scrollWidth, clientWidth: input.clientWidth };
      input.value = '';
      return measured;
    });
    expect(placeholder.length).toBeGreaterThan(2);
    expect(scrollWidth, `"${placeholder}" needs ${scrollWidth} px of ${clientWidth}`).toBeLessThanOrEqual(clientWidth);
    await page.context().close();
  });

  it.each([320, 390])('fills the canvas after Fit at %i px, with nothing cut off at its edges', async (width) => {
    const page = await openGraph(width);
    await page.locator('canvas').focus();
    await page.keyboard.press('+');
    await page.getByRole('button', { name: 'Fit' }).click();
    await page.waitForTimeout(500); // Fit animates for 250 ms
    const painted = await page.evaluate(paintedBox);
    // The build lays the graph out about 1.6 times as wide as tall and the page turns it upright on a
    // phone, so it fills most of the canvas's height as well as its width (a round layout filled 44 % of
    // the height at 320 px), and sits in the middle, not in a corner.
    expect(painted.widthShare).toBeGreaterThan(0.8);
    expect(painted.heightShare).toBeGreaterThan(0.6); // 69 % at 320 px with 34 pages
    expect(Math.abs(painted.topShare - painted.bottomShare)).toBeLessThan(0.1);
    expect(painted.touchesEdge).toBe(false);
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`writes every label over a halo of the canvas's background colour (${colorScheme})`, async () => {
      const page = await openGraph(1280, colorScheme);
      const { calls, background } = await page.evaluate(() => {
        // The canvas normalises colours (#rrggbb); put the computed background through the same.
        const probe = document.createElement('canvas').getContext('2d')!;
        probe.strokeStyle = getComputedStyle(document.querySelector('canvas')!).backgroundColor;
        const calls = (window as unknown as { labelCalls: Array<{ op: string; text: string; x: number; y: number; style: string; lineWidth: number }> }).labelCalls;
        return { calls, background: String(probe.strokeStyle) };
      });
      const fills = calls.filter((c) => c.op === 'fillText');
      expect(fills.length).toBeGreaterThan(10);
      for (const fill of fills) {
        const halo = calls.find((c) => c.op === 'strokeText' && c.text === fill.text && c.x === fill.x && c.y === fill.y);
        expect(halo, fill.text).toBeDefined();
        expect(halo!.style).toBe(background);
        expect(halo!.lineWidth).toBeGreaterThanOrEqual(4);
        expect(halo!.style).not.toBe(fill.style);
      }
      await page.context().close();
    });
  }
});
