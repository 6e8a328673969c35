import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { measureDiagrams, SCREENS, THEMES } from '../support/diagram-checks.ts';
import { DIST, noteIds, useBuiltSite } from './site.ts';

/**
 * Every diagram of every note and concept page reads whole, as drawn in Chromium: at 1280 px none
 * scrolls sideways; at 1280 and 390 px, in both themes, every label is 12 px or larger, at 4.5:1 or
 * more against what is painted beneath it, on its own background (no line through it), inside its box,
 * overlapping no other label, and never cut short. What each check measures: tests/support/diagram-checks.ts.
 */
const site = useBuiltSite();
const conceptIds = readdirSync('content/concepts').filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
const pagesWithDiagrams = [...noteIds().map((id) => `/notes/${id}/`), ...conceptIds.map((id) => `/concepts/${id}/`)].filter((path) =>
  readFileSync(`${DIST}${path}index.html`, 'utf8').includes('<figure class="diagram'),
);

describe('diagrams read whole', () => {
  it('the notes have diagrams to measure', () => {
    expect(pagesWithDiagrams.length).toBeGreaterThanOrEqual(noteIds().length);
  });

  for (const screen of SCREENS) {
    for (const theme of THEMES) {
      it.each(pagesWithDiagrams)(`%s at ${screen.width} px, ${theme}`, async (path) => {
        const { figures, problems, consoleErrors } = await measureDiagrams(site.browser(), site.origin() + path, screen, theme);
        expect(figures).toBeGreaterThan(0);
        expect(problems).toEqual([]);
        expect(consoleErrors).toEqual([]);
      });
    }
  }
});
