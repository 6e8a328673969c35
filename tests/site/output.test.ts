import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPagePaths, DIST, filesUnder, noteIds } from './site.ts';

const read = (path: string) => readFileSync(join(DIST, path), 'utf8');

describe('built output', () => {
  it('has an RSS feed with every note', () => {
    const rss = read('rss.xml');
    expect(rss).toMatch(/^<\?xml/);
    for (const id of noteIds()) expect(rss).toContain(`/notes/${id}/</link>`);
  });

  it('has a sitemap listing every page', () => {
    const sitemap = read('sitemap-0.xml');
    for (const path of builtPagePaths()) expect(sitemap).toContain(`${path}</loc>`);
  });

  it('keeps the promise of its home page: every note shows the command that runs its model', () => {
    const lede = /<p class="lede">([\s\S]*?)<\/p>/.exec(read('index.html'))![1]!.replace(/\s+/g, ' ');
    expect(lede).toContain('Every note comes with a runnable, tested TypeScript model');
    expect(lede).not.toContain('more and more');
    for (const id of noteIds()) expect(read(`notes/${id}/index.html`), id).toMatch(/npm run snippet -- [a-z0-9-]+/);
  });

  it('has a favicon and a 404 page', () => {
    expect(existsSync(join(DIST, 'favicon.svg'))).toBe(true);
    expect(read('404.html')).toContain('Page not found');
  });

  it('references nothing on another host from HTML or CSS (fonts, scripts, styles, images)', () => {
    for (const file of filesUnder(DIST, /\.(html|css)$/).filter((f) => !f.includes('/pagefind/'))) {
      const text = readFileSync(file, 'utf8');
      const loads = [
        ...text.matchAll(/<(?:script|img|iframe|source)\b[^>]*\bsrc="(https?:)?\/\/[^"]+"/g),
        ...text.matchAll(/<link\b[^>]*rel="(?:stylesheet|preload|modulepreload|icon)"[^>]*href="(?:https?:)?\/\/[^"]+"/g),
        ...text.matchAll(/@import\s+url\(['"]?(?:https?:)?\/\//g),
        ...text.matchAll(/url\(['"]?https?:\/\//g),
      ].map((m) => m[0]);
      expect(loads, file).toEqual([]);
    }
  });

  it('has every highlighted block in place: no placeholder left from the build (src/plugins/html-fragments.ts)', () => {
    const pages = filesUnder(DIST, /\.html$/);
    const withCode = pages.filter((file) => readFileSync(file, 'utf8').includes('<figure class="code">'));
    expect(withCode.length).toBeGreaterThan(0);
    for (const file of pages) expect(readFileSync(file, 'utf8'), file).not.toContain('paperlog-fragment');
  });

  it('ships no external script on a plain note page: only the small inline UI script', () => {
    const html = read('notes/dynamo/index.html');
    expect(html.match(/<script\b[^>]*\bsrc=/g) ?? []).toEqual([]);
    const inline = (html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []).join('');
    // The inline-script budget of budgets.test.ts (BUDGET.inlineJs, 3 KB): theme, search, copy buttons and the link-preview loader.
    expect(inline.length).toBeLessThan(3 * 1024);
  });
});
