import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DARK_PALETTE, LIGHT_PALETTE, tokenClassesCss } from '../../src/plugins/highlight/token-classes.ts';
import { createCodeHighlighter } from '../../src/plugins/highlight/highlight-code.ts';

/** Every foreground colour a theme can give a token. */
async function themeColours(name: string): Promise<string[]> {
  const theme = (await import(`../../node_modules/@shikijs/themes/dist/${name}.mjs`)).default as {
    colors?: Record<string, string>;
    tokenColors?: Array<{ settings?: { foreground?: string } }>;
  };
  const colours = new Set((theme.tokenColors ?? []).flatMap((r) => (r.settings?.foreground ? [r.settings.foreground.toUpperCase()] : [])));
  colours.add(theme.colors!['editor.foreground']!.toUpperCase());
  return [...colours].sort();
}

describe('token colour classes', () => {
  it('cover every colour the two themes use (update the palettes if a Shiki upgrade adds one)', async () => {
    expect([...LIGHT_PALETTE].sort()).toEqual(await themeColours('github-light-default'));
    expect([...DARK_PALETTE].sort()).toEqual(await themeColours('github-dark-default'));
  });

  it('are defined by src/styles/code-colours.css (regenerate it with node scripts/write-code-colours.ts)', () => {
    expect(readFileSync('src/styles/code-colours.css', 'utf8')).toBe(tokenClassesCss());
  });

  it('replace every inline token style in real model code', async () => {
    const html = await createCodeHighlighter()({ code: readFileSync('snippets/vr/view-change.ts', 'utf8'), lang: 'ts', meta: '' });
    expect(html).toMatch(/<span class="l\d+ d\d+">/);
    expect(html.match(/<span style=/g) ?? []).toEqual([]);
  });
});
