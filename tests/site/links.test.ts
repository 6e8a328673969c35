import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, filesUnder } from './site.ts';

/**
 * The link check of the built site. A file of its own so that CI can show it as a step of its own
 * (scripts/ci/steps.sh runs it as `links` and leaves it out of the rest of the site tests).
 */

describe('internal links', () => {
  /** A site path resolves when dist/ has the file, or the folder's index.html. */
  const resolves = (path: string) => {
    const clean = decodeURIComponent(path.split('#')[0]!.split('?')[0]!);
    return existsSync(join(DIST, clean)) && (!clean.endsWith('/') || existsSync(join(DIST, clean, 'index.html')));
  };

  it('every internal href and src in the built site points at a page or file that exists', () => {
    const broken: string[] = [];
    for (const file of filesUnder(DIST, /\.html$/)) {
      const html = readFileSync(file, 'utf8');
      for (const [, target] of html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)) {
        if (target!.startsWith('//') || target!.startsWith('/pagefind/')) continue;
        if (!resolves(target!)) broken.push(`${file.slice(DIST.length)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every in-page anchor (#id) has its target on the page', () => {
    const missing: string[] = [];
    for (const file of filesUnder(DIST, /\.html$/)) {
      const html = readFileSync(file, 'utf8');
      const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      for (const [, id] of html.matchAll(/\shref="#([^"]+)"/g)) if (!ids.has(decodeURIComponent(id!))) missing.push(`${file.slice(DIST.length)} #${id}`);
    }
    expect(missing).toEqual([]);
  });
});
