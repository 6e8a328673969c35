import type { ShikiTransformer } from 'shiki';

/**
 * Token colours as two short classes instead of an inline style on every token:
 * `<span style="--shiki-light:#CF222E;--shiki-dark:#FF7B72">` becomes `<span class="l1 d1">`.
 * A highlighted block has one span per token, so this roughly halves the size of its HTML (and of the
 * content store Astro compiles on every build). src/styles/code-colours.css defines the classes;
 * tests/unit/token-classes.test.ts checks that it and these palettes match the themes. A colour not
 * in the palette keeps its inline style, so nothing ever loses its colour.
 */
export const LIGHT_PALETTE = ['#1F2328', '#CF222E', '#953800', '#8250DF', '#0550AE', '#6E7781', '#0A3069', '#116329', '#82071E', '#57606A', '#F6F8FA', '#EAEEF2'] as const;
export const DARK_PALETTE = ['#E6EDF3', '#FF7B72', '#FFA657', '#D2A8FF', '#79C0FF', '#8B949E', '#A5D6FF', '#7EE787', '#FFA198', '#F0F6FC', '#161B22'] as const;

const light = new Map<string, number>(LIGHT_PALETTE.map((c, i) => [c, i]));
const dark = new Map<string, number>(DARK_PALETTE.map((c, i) => [c, i]));
const PAIR = /^--shiki-light:(#[0-9A-Fa-f]{6});--shiki-dark:(#[0-9A-Fa-f]{6})$/;

export function tokenClasses(): ShikiTransformer {
  return {
    name: 'paperlog:token-classes',
    span(node) {
      const match = PAIR.exec(String(node.properties['style'] ?? ''));
      if (!match) return;
      const l = light.get(match[1]!.toUpperCase());
      const d = dark.get(match[2]!.toUpperCase());
      if (l === undefined || d === undefined) return;
      delete node.properties['style'];
      this.addClassToHast(node, [`l${l}`, `d${d}`]);
    },
  };
}

/** The stylesheet for the classes: each sets the variable our code styles read (see global.css). */
export function tokenClassesCss(): string {
  return [
    '/* Generated from src/plugins/highlight/token-classes.ts: token colours as classes (checked by tests/unit/token-classes.test.ts). */',
    ...LIGHT_PALETTE.map((c, i) => `.astro-code .l${i} { --shiki-light: ${c}; }`),
    ...DARK_PALETTE.map((c, i) => `.astro-code .d${i} { --shiki-dark: ${c}; }`),
    '',
  ].join('\n');
}
