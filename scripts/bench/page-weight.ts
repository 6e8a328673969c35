/**
 * What one built page makes the browser download before the reader does anything: the HTML, the
 * stylesheets it links, the scripts it loads (<script src>, <link rel="modulepreload">, and the
 * static `import`s of those and of inline module scripts, followed recursively), and its inline
 * <script> and <style> blocks. Dynamic `import()` and scripts injected on a click (search, link
 * previews) load on demand and are not counted. Static analysis, like
 * ../shared/bench/page-weight.mjs, so the same function measures Paperlog's and Starlight's pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What an HTML document references or carries inline. URLs as written in the page. */
export interface PageAssets {
  scripts: string[];
  stylesheets: string[];
  inlineScripts: string[];
  inlineStyles: string[];
}

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript']);

/** Attributes of one start tag; names lower-cased, valueless attributes map to ''. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const inner = tag.replace(/^<[\w-]+/, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

export function extractAssets(html: string): PageAssets {
  const page = html.replace(/<!--[\s\S]*?-->/g, '');
  const assets: PageAssets = { scripts: [], stylesheets: [], inlineScripts: [], inlineStyles: [] };
  for (const m of page.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = attributes(m[1]!);
    if (!JS_TYPES.has((attrs.get('type') ?? '').toLowerCase())) continue; // JSON-LD, import maps, templates
    const src = attrs.get('src');
    if (src) assets.scripts.push(src);
    else if (m[2]!.trim() !== '') assets.inlineScripts.push(m[2]!);
  }
  for (const m of page.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(m[0]);
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (!href) continue;
    if (rel.includes('stylesheet')) assets.stylesheets.push(href);
    else if (rel.includes('modulepreload')) assets.scripts.push(href);
  }
  for (const m of page.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) assets.inlineStyles.push(m[1]!);
  return assets;
}

/** Specifiers of the static imports in a JavaScript module (`import x from "./a.js"`, `import "./b.js"`, `export * from "./c.js"`). */
export function staticImports(js: string): string[] {
  const out: string[] = [];
  const pattern = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"'\n]+)["']/g;
  for (const m of js.matchAll(pattern)) out.push(m[1]!);
  return out;
}

export interface Bytes {
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  /** Page path inside dist, e.g. notes/note-0500/index.html. */
  path: string;
  html: Bytes;
  /** External stylesheets plus inline <style>; `gzip` counts each external file and the inline blocks gzipped on their own. */
  css: Bytes & { files: string[]; inlineBytes: number };
  /** External scripts (with their static imports) plus inline scripts. */
  js: Bytes & { files: string[]; inlineBytes: number; inlineBlocks: number };
  /** HTML (which carries the inline blocks) plus external CSS, gzipped: the "HTML + CSS" budget. */
  htmlCssGzip: number;
  /** Everything downloaded before any interaction, gzipped: HTML + external CSS + external JS. */
  transferGzip: number;
  /** References that point outside dist (other hosts) or to missing files. */
  unresolved: string[];
}

const gz = (data: string | Buffer): number => gzipSync(data, { level: 9 }).length;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function pageWeight(dist: string, pagePath: string): PageWeight {
  const html = readFileSync(join(dist, pagePath), 'utf8');
  const assets = extractAssets(html);
  const unresolved: string[] = [];
  const toFile = (url: string, base: string): string | undefined => {
    const resolved = new URL(url, `http://page.invalid/${base}`);
    const file = join(dist, decodeURIComponent(resolved.pathname));
    if (resolved.host === 'page.invalid' && existsSync(file)) return file;
    unresolved.push(url);
    return undefined;
  };
  const js = new Map<string, Buffer>();
  const addJs = (file: string | undefined): void => {
    if (file === undefined || js.has(file)) return;
    const content = readFileSync(file);
    js.set(file, content);
    for (const specifier of staticImports(content.toString('utf8'))) {
      if (/^[./]/.test(specifier)) addJs(toFile(specifier, relative(dist, file)));
    }
  };
  for (const src of assets.scripts) addJs(toFile(src, pagePath));
  for (const inline of assets.inlineScripts) for (const specifier of staticImports(inline)) if (/^[./]/.test(specifier)) addJs(toFile(specifier, pagePath));
  const css = new Map<string, Buffer>();
  for (const href of assets.stylesheets) {
    const file = toFile(href, pagePath);
    if (file !== undefined && !css.has(file)) css.set(file, readFileSync(file));
  }
  const inlineJsBytes = sum(assets.inlineScripts.map((s) => Buffer.byteLength(s)));
  const inlineCssBytes = sum(assets.inlineStyles.map((s) => Buffer.byteLength(s)));
  const externalJsGzip = sum([...js.values()].map(gz));
  const externalCssGzip = sum([...css.values()].map(gz));
  const htmlGzip = gz(html);
  return {
    path: pagePath,
    html: { bytes: Buffer.byteLength(html), gzip: htmlGzip },
    css: {
      bytes: sum([...css.values()].map((b) => b.length)) + inlineCssBytes,
      gzip: externalCssGzip + (inlineCssBytes ? gz(assets.inlineStyles.join('\n')) : 0),
      files: [...css.keys()].map((f) => relative(dist, f)),
      inlineBytes: inlineCssBytes,
    },
    js: {
      bytes: sum([...js.values()].map((b) => b.length)) + inlineJsBytes,
      gzip: externalJsGzip + (inlineJsBytes ? gz(assets.inlineScripts.join('\n')) : 0),
      files: [...js.keys()].map((f) => relative(dist, f)),
      inlineBytes: inlineJsBytes,
      inlineBlocks: assets.inlineScripts.length,
    },
    htmlCssGzip: htmlGzip + externalCssGzip,
    transferGzip: htmlGzip + externalCssGzip + externalJsGzip,
    unresolved,
  };
}
