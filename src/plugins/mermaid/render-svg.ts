import { createHash } from 'node:crypto';
import { renderMermaidSVG } from 'beautiful-mermaid';
import { renderSequenceSvg } from './render-sequence.ts';
import { fromMermaid } from './sequence-read.ts';
import { textWidth } from './text-width.ts';
import type { ParsedDiagram } from './validate.ts';

/**
 * Renders a diagram to an inline SVG whose colours are the site's CSS variables, so it follows the
 * light/dark theme without re-rendering, and whose size is fixed by its viewBox (no layout shift).
 * Sequence diagrams, most of ours and all the generated ones, are drawn by our own renderer
 * (render-sequence.ts, from Mermaid's own parse, sequence-read.ts: labels that wrap to fit the column,
 * 13 px on their own background); the other types by beautiful-mermaid. `parsed` is the parse that
 * validated the source (validate.ts).
 */
export function renderSvg(source: string, label: string, parsed: ParsedDiagram): string {
  const prefix = 'd' + createHash('sha256').update(source).digest('hex').slice(0, 8) + '-';
  if (parsed.sequence) return makeSelfContained(renderSequenceSvg(fromMermaid(parsed.sequence, source)), prefix, label);
  const raw = renderMermaidSVG(source, {
    bg: 'var(--diagram-bg)',
    fg: 'var(--diagram-fg)',
    accent: 'var(--diagram-accent)',
    line: 'var(--diagram-line)',
    transparent: true,
    // The figure has its own margin; the renderer's 40 px on each side cost the text column 80 px.
    padding: 12,
  });
  return makeSelfContained(atReadableSize(withRoomForEdgeLabels(raw)), prefix, label);
}

/**
 * beautiful-mermaid sets edge labels at 11 px and node labels at 13 px. Drawn 12/11 larger (the
 * viewBox stays, so the layout does), its smallest text is 12 px on the page, the least we allow.
 */
export const FLOWCHART_SCALE = 12 / 11;

function atReadableSize(svg: string): string {
  return svg.replace(/^(<svg\b[^>]*?)\swidth="([\d.]+)" height="([\d.]+)"/, (_, head: string, w: string, h: string) =>
    `${head} width="${round(Number(w) * FLOWCHART_SCALE)}" height="${round(Number(h) * FLOWCHART_SCALE)}"`,
  );
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * beautiful-mermaid sizes an edge label's background for Inter; in a wider system font the text ran out
 * of it, over the edge. Each background is widened, about its middle, to the label's width as
 * text-width.ts measures it (the widest common sans-serif).
 */
function withRoomForEdgeLabels(svg: string): string {
  return svg.replace(
    /(<g class="edge-label"[^>]*>\s*<rect x=")([\d.]+)(" y="[\d.]+" width=")([\d.]+)("[^>]*?\/?>(?:<\/rect>)?\s*<text[^>]*font-size="([\d.]+)"[^>]*>)([\s\S]*?)(<\/text>)/g,
    (all, open: string, x: string, mid: string, w: string, rest: string, size: string, body: string, close: string) => {
      const lines = body.includes('<tspan') ? [...body.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!) : [body];
      const needed = Math.max(...lines.map((line) => textWidth(unescapeXml(line), Number(size)))) + 12;
      if (needed <= Number(w)) return all;
      const left = Number(x) + Number(w) / 2 - needed / 2;
      return `${open}${round(left)}${mid}${round(needed)}${rest}${body}${close}`;
    },
  );
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
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
