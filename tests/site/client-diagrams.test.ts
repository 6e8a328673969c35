import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildFixtureSite } from '../support/build-fixture-site.ts';
import { launchChromium } from '../support/browser.ts';
import { serveStatic } from '../support/static-server.ts';
import { openPage } from './site.ts';

/**
 * Diagrams the build cannot draw faithfully are drawn by Mermaid in the browser, on their page only.
 * No real note needs that yet, so a fixture site does.
 */
let dist = '';
let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const built = buildFixtureSite('tests/fixtures/sites/client-diagrams');
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

describe('diagrams drawn in the browser', () => {
  it('Mermaid draws them as SVG, with no errors and nothing fetched from elsewhere', async () => {
    const { page, problems } = await openPage(browser!, server!.origin + '/notes/numbered-messages/');
    await page.locator('figure.diagram--client svg').nth(1).waitFor({ timeout: 20_000 });
    await expect(page.locator('figure.diagram--client svg').count()).resolves.toBe(2);
    await expect(page.locator('figure.diagram--client pre').count()).resolves.toBe(0);
    await expect(page.locator('figure.diagram--client').first().locator('svg').textContent()).resolves.toContain('Request');
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
    await page.context().close();
  });

  it('shows the diagram source, readable, before any script runs', () => {
    const html = readFileSync(join(dist, 'notes/numbered-messages/index.html'), 'utf8');
    expect(html).toContain('<pre class="mermaid-source">sequenceDiagram\n  autonumber');
  });

  it('ships the diagram code only on the page that needs it', () => {
    const scriptsOf = (path: string) => readFileSync(join(dist, path), 'utf8').match(/<script\b[^>]*\bsrc="[^"]+"/g) ?? [];
    expect(scriptsOf('notes/numbered-messages/index.html').length).toBeGreaterThan(0);
    expect(scriptsOf('notes/plain/index.html')).toEqual([]);
    expect(scriptsOf('index.html')).toEqual([]);
  });
});
