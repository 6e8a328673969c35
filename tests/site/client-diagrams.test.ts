import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { useFixtureSite } from '../support/fixture-site.ts';
import { loadsMermaid, openPage, scriptCode } from './site.ts';

/**
 * Diagrams the build cannot draw faithfully are drawn by Mermaid in the browser, on their page only.
 * No real note needs that yet, so a fixture site does.
 */
const site = useFixtureSite('tests/fixtures/sites/client-diagrams');

describe('diagrams drawn in the browser', () => {
  it('Mermaid draws them as SVG, with no errors and nothing fetched from elsewhere', async () => {
    const { page, problems } = await openPage(site.browser(), site.origin() + '/notes/numbered-messages/');
    await page.locator('figure.diagram--client svg').nth(1).waitFor({ timeout: 20_000 });
    await expect(page.locator('figure.diagram--client svg').count()).resolves.toBe(2);
    await expect(page.locator('figure.diagram--client pre').count()).resolves.toBe(0);
    await expect(page.locator('figure.diagram--client').first().locator('svg').textContent()).resolves.toContain('Request');
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
    await page.context().close();
  });

  it('shows the diagram source, readable, before any script runs', () => {
    const html = readFileSync(join(site.dist(), 'notes/numbered-messages/index.html'), 'utf8');
    expect(html).toContain('<pre class="mermaid-source">sequenceDiagram\n  autonumber');
  });

  it('ships the diagram code only on the page that needs it', () => {
    const loads = (path: string) => loadsMermaid(site.dist(), readFileSync(join(site.dist(), path), 'utf8'));
    expect(loads('notes/numbered-messages/index.html')).toBe(true);
    expect(loads('notes/plain/index.html')).toBe(false);
    expect(loads('index.html')).toBe(false);
  });

  it("serves Mermaid's own prebuilt bundle from the site, with every chunk it imports", () => {
    const code = scriptCode(site.dist(), readFileSync(join(site.dist(), 'notes/numbered-messages/index.html'), 'utf8')).join('\n');
    const entry = code.match(/["'`](\/vendor\/mermaid@[^"'`]+\.mjs)["'`]/)?.[1];
    expect(entry).toBeDefined();
    const missing: string[] = [];
    const seen = new Set<string>();
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      if (!existsSync(join(site.dist(), path))) return void missing.push(path);
      for (const [, spec] of readFileSync(join(site.dist(), path), 'utf8').matchAll(/(?:\bfrom|\bimport\(?)\s*"(\.{1,2}\/[^"]+)"/g)) visit(posix.join(posix.dirname(path), spec!));
    };
    visit(entry!);
    expect(seen.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
