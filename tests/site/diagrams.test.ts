import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { builtPagePaths, DIST, loadsMermaid, noteIds, openPage, useBuiltSite } from './site.ts';

const site = useBuiltSite();
const html = (path: string) => readFileSync(`${DIST}${path}index.html`, 'utf8');

describe('diagrams', () => {
  it('every note has at least one diagram, drawn as SVG in the HTML itself (readable without JavaScript)', () => {
    for (const id of noteIds()) {
      const page = html(`/notes/${id}/`);
      const figures = page.match(/<figure class="diagram[^"]*"[\s\S]*?<\/figure>/g) ?? [];
      expect(figures.length, id).toBeGreaterThan(0);
      for (const figure of figures) expect(figure, id).toMatch(/<svg role="img" aria-label="[^"]+"/);
    }
  });

  it('no page ships diagram code: every diagram is drawn at build time', () => {
    for (const path of builtPagePaths()) {
      const page = html(path);
      expect(page, path).not.toContain('diagram--client');
      expect(loadsMermaid(DIST, page), path).toBe(false);
    }
  });

  // diagrams.css goes inline where there is a diagram (EntryBody.astro), as the bundler minified it.
  it('diagram styles reach only the pages with a diagram, minified', () => {
    const stylesheets = (page: string) =>
      [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => readFileSync(`${DIST}${m[1]}`, 'utf8')).join('');
    let withDiagrams = 0;
    for (const path of builtPagePaths()) {
      const page = html(path);
      expect(stylesheets(page), path).not.toContain('figure.diagram');
      const inline = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).filter((css) => css.includes('figure.diagram'));
      if (!page.includes('<figure class="diagram')) {
        expect(inline, path).toEqual([]);
        continue;
      }
      withDiagrams++;
      expect(inline, path).toHaveLength(1);
      expect(inline[0], path).toMatch(/(^|\})figure\.diagram\{[^}]*margin:/);
      expect(inline[0], path).not.toMatch(/\/\*|\{ | \{|; /);
    }
    expect(withDiagrams).toBe(noteIds().length);
  });

  it.each(noteIds())('%s: every diagram is an SVG with a size, in the browser too', async (id) => {
    const { page, problems } = await openPage(site.browser(), `${site.origin()}/notes/${id}/`);
    const boxes = await page.locator('figure.diagram').evaluateAll((figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { svg: Boolean(svg), width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(box.svg).toBe(true);
      expect(box.width).toBeGreaterThan(100);
      expect(box.height).toBeGreaterThan(30);
    }
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });
});
