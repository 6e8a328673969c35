import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { DEV_LOCK, devLock, lockedDevServer, startDevServer, type DevServer } from '../support/dev-server.ts';
import { cacheDirectory } from '../../src/lib/cache-dir.ts';

/**
 * What the built site does must work in `npm run dev` too, without a production build: search (the dev
 * server indexes its own pages the first time the reader opens it) and Mermaid for the diagrams the
 * browser draws.
 */
let reader: DevServer | undefined;
let dev: DevServer | undefined;
let origin = '';
let browser: Browser | undefined;

beforeAll(async () => {
  // The test suite must run beside the reader's own `npm run dev`, which holds Astro's dev-server lock
  // (.astro/dev.json). If none is running, start one as `npm run dev` would, so this is always tested.
  if (!lockedDevServer()) reader = await startDevServer(4392);
  // `--ignore-lock`: without it Astro refuses a second dev server in the same project. This one runs
  // beside the reader's on its own port and leaves their lock alone.
  dev = await startDevServer(4391, ['--ignore-lock']);
  origin = dev.origin;
  // Warm up as a reader's first visit would: Vite optimises dependencies on first use and then reloads
  // open pages; let that happen before the browser arrives.
  for (const path of ['/', '/notes/dynamo/', '/pagefind/pagefind-entry.json']) await fetch(origin + path);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  browser = await launchChromium();
  // Up to two dev servers start one after the other: on a busy two-core machine each took a minute.
}, 300_000);

afterAll(async () => {
  await browser?.close();
  dev?.stop();
  reader?.stop();
  // Astro leaves its lock behind when stopped by a signal; the one this test started is not the reader's.
  if (reader && devLock()?.pid === reader.pid) rmSync(DEV_LOCK, { force: true });
});

describe('beside the reader\'s own npm run dev', () => {
  it('leaves their dev server running, serving, and holding the lock', async () => {
    const lock = lockedDevServer();
    expect(lock, 'a dev server holds the lock').toBeDefined();
    expect(lock!.pid).not.toBe(dev!.pid);
    expect((await fetch(new URL('/notes/dynamo/', lock!.url))).status).toBe(200);
  });
});

describe('search in npm run dev', () => {
  it('finds "preference list" in the Dynamo note', async () => {
    const page = await browser!.newPage();
    // The first visit may be reloaded once by Vite's dependency optimiser; visit again once it settled.
    await page.goto(origin + '/notes/viewstamped-replication-revisited/', { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
    await page.goto(origin + '/notes/viewstamped-replication-revisited/', { waitUntil: 'networkidle' });
    await page.keyboard.press('/');
    const input = page.locator('pagefind-modal input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('preference list');
    const first = page.locator('pagefind-results a').first();
    await first.waitFor({ timeout: 30_000 });
    expect(new URL(await first.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe('/notes/dynamo/');
    await page.close();
  });
});

describe('BibTeX in npm run dev', () => {
  it("serves a note's source as the built site does, at /notes/<id>.bib", async () => {
    const response = await fetch(`${origin}/notes/dynamo.bib`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-bibtex/);
    expect(await response.text()).toMatch(/^@inproceedings\{decandia2007dynamo,\n {2}author = \{Giuseppe DeCandia/);
  });

  it('answers 404 for a note that does not exist, and never serves a file from outside its folder', async () => {
    expect((await fetch(`${origin}/notes/no-such-note.bib`)).status).toBe(404);
    // Only at the note's own URL, not under any path that ends in its file name.
    expect((await fetch(`${origin}/concepts/dynamo.bib`)).status).toBe(404);
    // A .bib file one folder up from the served one must stay out of reach.
    const outside = join(resolve(cacheDirectory()), 'bibtex', 'dev', 'outside.bib');
    writeFileSync(outside, '@misc{outside}\n');
    try {
      expect((await fetch(`${origin}/notes/..%2Foutside.bib`)).status).toBe(404);
    } finally {
      rmSync(outside, { force: true });
    }
  });
});
