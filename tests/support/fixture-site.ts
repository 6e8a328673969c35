import { afterAll, beforeAll } from 'vitest';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { buildFixtureSite } from './build-fixture-site.ts';
import { serveStatic } from './static-server.ts';

/**
 * For a test file (or describe block) about features no real note uses: builds the site from a folder
 * of fixture notes before its tests, serves it on 127.0.0.1 and opens Chromium; afterwards closes both
 * and removes the scratch build. The fixture-site twin of useBuiltSite (tests/site/site.ts).
 */
export function useFixtureSite(notesDir: string): { origin: () => string; browser: () => Browser; dist: () => string } {
  let dist = '';
  let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const built = buildFixtureSite(notesDir);
    if (built.status !== 0) throw new Error(built.output);
    dist = built.dist;
    server = await serveStatic(dist);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist) rmSync(dirname(dist), { recursive: true, force: true });
  });
  return { origin: () => server!.origin, browser: () => browser!, dist: () => dist };
}
