import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMermaidSVG } from 'beautiful-mermaid';
import { makeSelfContained, renderSvg } from '../../src/plugins/mermaid/render-svg.ts';
import { parseMermaid } from '../../src/plugins/mermaid/validate.ts';

/** Diagrams drawn at build time (route.ts) link nothing outside the site and share one set of colour variables. */
const FLOWCHART = 'flowchart LR\n  A[Client] --> B[Replica]';
const ER = 'erDiagram\n  NOTE ||--o{ TAG : has';
const CLASS = 'classDiagram\n  class Replica {\n    +int view\n    +prepare()\n  }';

/** Draws a diagram as remark-mermaid.ts does: from the parse that validated it. */
const draw = async (source: string) => renderSvg(source, 'A diagram', await parseMermaid(source));

/** `--name: value` pairs of the first rule for `selector` in a stylesheet, whitespace normalised. */
function declarations(css: string, selector: RegExp): Record<string, string> {
  const body = css.match(selector)?.[1];
  if (body === undefined) throw new Error(`no rule matching ${selector}`);
  const pairs = body.replace(/\/\*[\s\S]*?\*\//g, '').split(';').map((d) => d.trim()).filter(Boolean);
  return Object.fromEntries(pairs.map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).replace(/\s+/g, ' ').trim()]));
}

describe('diagrams drawn at build time', () => {
  it.each([
    ['a flowchart', FLOWCHART],
    ['an ER diagram, whose renderer adds a monospace web font', ER],
    ['a class diagram', CLASS],
  ])('%s links no font or stylesheet from another host', async (_, source) => {
    const svg = await draw(source);
    expect(svg).not.toMatch(/@import|googleapis|https?:\/\/(?!www\.w3\.org\/)/);
  });

  it('carries no <style> of its own when it has only the styles every diagram shares', async () => {
    expect(await draw(FLOWCHART)).not.toContain('<style');
    expect(await draw(ER)).not.toContain('<style');
  });

  it("keeps a diagram's own rules", () => {
    const svg = makeSelfContained('<svg viewBox="0 0 1 1"><style>\n  .bar { fill: red; }\n</style>\n<rect class="bar"/></svg>', 'd1-', 'Bars');
    expect(svg).toContain('.bar { fill: red; }');
  });

  it("the site's stylesheet sets the colour variables the renderer would have put in each diagram", () => {
    const raw = renderMermaidSVG(FLOWCHART, { bg: 'var(--diagram-bg)', fg: 'var(--diagram-fg)', transparent: true });
    const renderers = declarations(raw, /\bsvg \{([^}]*Derived from --bg[^}]*)\}/);
    const ours = declarations(readFileSync('src/styles/diagrams.css', 'utf8'), /^figure\.diagram svg \{([^}]*--_text[^}]*)\}/m);
    expect(Object.keys(renderers).length).toBeGreaterThan(5);
    expect(ours).toEqual(renderers);
  });

  it('stops the build when the renderer adds another link to a third-party host', () => {
    const withRemote = '<svg viewBox="0 0 1 1"><style>\n  .t { background: url("https://cdn.example/x.png"); }\n</style></svg>';
    expect(() => makeSelfContained(withRemote, 'd1-', 'A diagram')).toThrow(/link to another host.*render-svg\.ts/);
  });

  it("leaves out the renderer's data attributes but keeps the text they repeat", async () => {
    const svg = await draw('flowchart LR\n  A -- put data-x=1 --> B');
    expect(renderMermaidSVG('flowchart LR\n  A -- put data-x=1 --> B', {})).toMatch(/<[^>]* data-[a-z-]+=/);
    expect(svg).not.toMatch(/<[^>]* data-[a-z-]+=/);
    expect(svg).toMatch(/>put data-x=1<\/text>/);
  });

  it('keeps references to its own markers, with the per-diagram prefix', async () => {
    const svg = await draw('sequenceDiagram\n  A->>B: put');
    expect(svg).toMatch(/marker-end="url\(#d[0-9a-f]{8}-/);
  });
});
