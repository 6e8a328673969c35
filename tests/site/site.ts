import { afterAll, beforeAll } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { serveStatic } from '../support/static-server.ts';

export const DIST = 'dist';

/** Serves dist/ on 127.0.0.1 and starts Chromium for the tests in one file. */
export function useBuiltSite(): { origin: () => string; browser: () => Browser } {
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveStatic(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { origin: () => server!.origin, browser: () => browser! };
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
}

/** Opens a page and records console errors, failed requests and any request that leaves our origin. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; status: number | undefined; problems: PageProblems }> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], foreignRequests: [] };
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.consoleErrors.push(String(e)));
  page.on('requestfailed', (r) => problems.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== url) problems.failedRequests.push(`${r.url()} (${r.status()})`);
  });
  // Private and offline: nothing may be fetched from anywhere but the site itself.
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith('data:')) return route.continue();
    problems.foreignRequests.push(target);
    return route.abort();
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, status: response?.status(), problems };
}

/** Every file under `dir` (recursively) whose name matches `ext`. */
export function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : ext.test(name) ? [full] : [];
  });
}

/** Every HTML page in dist/ as a site path (/notes/dynamo/), except the 404 page. */
export function builtPagePaths(): string[] {
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(full);
      } else if (name === 'index.html') {
        paths.push('/' + relative(DIST, dir).split(sep).join('/') + (dir === DIST ? '' : '/'));
      }
    }
  };
  walk(DIST);
  return paths.map((p) => p.replace(/^\/\/$/, '/')).sort();
}

/** Note ids from content/notes (file names without extension, skipping _drafts). */
export function noteIds(): string[] {
  return readdirSync('content/notes')
    .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'))
    .map((f) => f.replace(/\.mdx?$/, ''))
    .sort();
}

/** The code of every script on a page: inline ones as written, `src` ones read from the built site. */
export function scriptCode(dist: string, html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, body]) => {
    const src = attributes!.match(/\bsrc="([^"]+)"/)?.[1];
    return src ? readFileSync(join(dist, src), 'utf8') : body!;
  });
}

/** Whether a page loads Mermaid in the browser (none may: every diagram is drawn at build time). */
export const loadsMermaid = (dist: string, html: string): boolean => scriptCode(dist, html).some((code) => code.includes('/vendor/mermaid@'));
