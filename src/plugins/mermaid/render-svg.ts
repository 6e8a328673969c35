import { createHash } from 'node:crypto';
import { renderMermaidSVG } from 'beautiful-mermaid';

/**
 * Renders a diagram to an inline SVG whose colours are the site's CSS variables, so it follows the
 * light/dark theme without re-rendering, and whose size is fixed by its viewBox (no layout shift).
 */
export function renderSvg(source: string, label: string): string {
  const raw = renderMermaidSVG(source, {
    bg: 'var(--diagram-bg)',
    fg: 'var(--diagram-fg)',
    accent: 'var(--diagram-accent)',
    line: 'var(--diagram-line)',
    transparent: true,
  });
  const prefix = 'd' + createHash('sha256').update(source).digest('hex').slice(0, 8) + '-';
  return makeSelfContained(raw, prefix, label);
}

/** Where a stylesheet would fetch from another host: `@import`, or `url()` with an absolute or protocol-relative address. */
const REMOTE = /@import\b|url\(\s*['"]?(?:[a-z][a-z0-9+.-]*:)?\/\//i;

export function makeSelfContained(svg: string, idPrefix: string, label: string): string {
  const result = withoutSharedStyles(svg)
    // The renderer labels its elements for scripts (data-from, data-label, …); nothing reads them here,
    // and they are a tenth of a long note's HTML. Only inside tags: a label's text stays as it is.
    .replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/ data-[a-z-]+="[^"]*"/g, ''))
    // Several diagrams share a page: give marker and gradient ids a per-diagram prefix.
    .replace(/\bid="([^"]+)"/g, `id="${idPrefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${idPrefix}$1"`)
    .replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(label)}" `);
  // Private and offline: a renderer upgrade that adds another font or stylesheet link must stop the build.
  if (REMOTE.test(result)) {
    throw new Error('the diagram renderer (beautiful-mermaid) put a link to another host in the SVG; extend makeSelfContained in src/plugins/mermaid/render-svg.ts to remove it');
  }
  return result;
}

/**
 * The renderer gives every diagram the same <style>: web fonts from a third-party host, a font for
 * text, and colour variables derived from --fg and --bg. In an HTML page a <style> inside an SVG is a
 * stylesheet for the whole document, so a note with six diagrams had six copies, each a new
 * stylesheet for the browser to apply while it parses. We use the site's own fonts, and global.css
 * sets the variables once (figure.diagram svg; tests/unit/render-svg.test.ts keeps them equal to the
 * renderer's). Rules a diagram has of its own (an xychart's series colours) stay.
 */
function withoutSharedStyles(svg: string): string {
  return svg.replace(/<style>([\s\S]*?)<\/style>\n?/g, (_, css: string) => {
    const own = css
      .replace(/@import url\([^)]*\);/g, '')
      .replace(/^\s*(?:text|\.mono) \{ font-family:[^}]*\}/gm, '')
      .replace(/^\s*svg \{\s*\/\* Derived from --bg and --fg[^*]*\*\/[^}]*\}/m, '');
    return own.trim() ? `<style>${own}</style>\n` : '';
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
