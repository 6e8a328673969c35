import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { attributes, extractAssets, pageWeight, staticImports } from '../../scripts/bench/page-weight.ts';

const PAGE = `<!doctype html><html><head>
<link rel="stylesheet" href="/_astro/base.css">
<link rel=stylesheet href=../../_astro/note.css media=all>
<link rel="preload" href="/fonts/inter.woff2" as="font">
<link rel="modulepreload" href="/_astro/preloaded.js">
<link rel="icon" href="/favicon.svg">
<script type="application/ld+json">{"@type":"Article"}</script>
<script>document.documentElement.dataset.theme = 'dark';</script>
<style>.note { color: red }</style>
<!-- <script src="/_astro/commented-out.js"></script> -->
</head><body>
<pre><code>&lt;script src="/not-a-script.js"&gt;&lt;/script&gt;</code></pre>
<svg><style>.edge { stroke: blue }</style></svg>
<script type="module" src="/_astro/page.js"></script>
<script type="module">import "/_astro/inline-dep.js"; console.log(1);</script>
<script src="https://cdn.example.net/tracker.js"></script>
<script type="module" src="/_astro/missing.js"></script>
</body></html>`;

describe('page weight: what a page loads before any interaction', () => {
  it('reads attributes quoted, unquoted and valueless', () => {
    expect(Object.fromEntries(attributes('<script type=module async src="/a.js">'))).toEqual({ type: 'module', async: '', src: '/a.js' });
    expect(attributes("<link REL='stylesheet' href=/b.css>").get('rel')).toBe('stylesheet');
  });

  it('finds linked stylesheets, scripts, module preloads and inline blocks; skips JSON-LD, comments and escaped code', () => {
    const assets = extractAssets(PAGE);
    expect(assets.stylesheets).toEqual(['/_astro/base.css', '../../_astro/note.css']);
    expect(assets.scripts).toEqual(['/_astro/page.js', 'https://cdn.example.net/tracker.js', '/_astro/missing.js', '/_astro/preloaded.js']);
    expect(assets.inlineScripts).toEqual(["document.documentElement.dataset.theme = 'dark';", 'import "/_astro/inline-dep.js"; console.log(1);']);
    expect(assets.inlineStyles).toEqual(['.note { color: red }', '.edge { stroke: blue }']);
  });

  it('lists static imports and re-exports, not dynamic imports', () => {
    const js = 'import{a as b}from"./chunk-a.js";import "./side.js";export*from"./re.js";const m=()=>import("./lazy.js");';
    expect(staticImports(js)).toEqual(['./chunk-a.js', './side.js', './re.js']);
  });

  it('adds up files in a built site, following static imports, and counts inline code once', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bench-page-weight-'));
    const files: Record<string, string> = {
      'notes/a/index.html': PAGE,
      '_astro/base.css': 'body { margin: 0 }\n'.repeat(20),
      '_astro/note.css': '.note { padding: 1rem }\n',
      '_astro/page.js': 'import { x } from "./chunk.js"; import("./lazy.js"); x();',
      '_astro/chunk.js': 'export const x = () => 1;',
      '_astro/lazy.js': 'export default "never counted";',
      '_astro/inline-dep.js': 'export {};',
      '_astro/preloaded.js': 'import "./chunk.js";',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), text);
    }
    const weight = pageWeight(dist, 'notes/a/index.html');
    rmSync(dist, { recursive: true, force: true });
    const size = (...names: string[]) => names.reduce((n, f) => n + Buffer.byteLength(files[f]!), 0);
    const gz = (...names: string[]) => names.reduce((n, f) => n + gzipSync(files[f]!, { level: 9 }).length, 0);
    expect(weight.css.files).toEqual(['_astro/base.css', '_astro/note.css']);
    expect(weight.js.files.sort()).toEqual(['_astro/chunk.js', '_astro/inline-dep.js', '_astro/page.js', '_astro/preloaded.js']);
    expect(weight.unresolved).toEqual(['https://cdn.example.net/tracker.js', '/_astro/missing.js']);
    expect(weight.html).toEqual({ bytes: Buffer.byteLength(PAGE), gzip: gzipSync(PAGE, { level: 9 }).length });
    expect(weight.css.inlineBytes).toBe(Buffer.byteLength('.note { color: red }.edge { stroke: blue }'));
    expect(weight.css.bytes).toBe(size('_astro/base.css', '_astro/note.css') + weight.css.inlineBytes);
    expect(weight.js.inlineBlocks).toBe(2);
    expect(weight.js.bytes).toBe(size('_astro/page.js', '_astro/chunk.js', '_astro/inline-dep.js', '_astro/preloaded.js') + weight.js.inlineBytes);
    // Inline blocks travel inside the HTML: the budgets add external files to the HTML, never inline code twice.
    expect(weight.htmlCssGzip).toBe(weight.html.gzip + gz('_astro/base.css', '_astro/note.css'));
    expect(weight.transferGzip).toBe(weight.htmlCssGzip + gz('_astro/page.js', '_astro/chunk.js', '_astro/inline-dep.js', '_astro/preloaded.js'));
  });
});
