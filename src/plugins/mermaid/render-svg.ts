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

function makeSelfContained(svg: string, idPrefix: string, label: string): string {
  return (
    svg
      // Private and offline: the renderer links a web font from a third-party host. We use the site's fonts.
      .replace(/^\s*@import url\([^)]*\);\s*$/m, '')
      .replace(/^\s*text \{ font-family:[^}]*\}\s*$/m, '')
      // Several diagrams share a page: give marker and gradient ids a per-diagram prefix.
      .replace(/\bid="([^"]+)"/g, `id="${idPrefix}$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`)
      .replace(/href="#([^"]+)"/g, `href="#${idPrefix}$1"`)
      .replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(label)}" `)
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
