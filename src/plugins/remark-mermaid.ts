import type { Code, Html, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { parseMermaid, type ParsedDiagram } from './mermaid/validate.ts';
import { drawnAtBuild } from './mermaid/route.ts';
import { renderSvg } from './mermaid/render-svg.ts';
import { COLUMN_PX, WIDTH_MAX_PX } from './mermaid/widths.ts';
import { setPageData } from './page-data.ts';
import { lineInFile } from './source-line.ts';

/**
 * ```mermaid fences → diagrams.
 *
 * In:  ```mermaid title="Normal case"\nsequenceDiagram\n  Client->>Primary: Request\n```
 * Out: <figure class="diagram" data-pagefind-ignore><div class="diagram-scroll" tabindex="0"><svg role="img" …/></div>
 *      <figcaption>Normal case</figcaption></figure>
 *
 * Every diagram is checked with Mermaid's own parser; one that does not parse stops the build with
 * the file, the line and Mermaid's message; that parse is what the renderer draws from. Every diagram
 * becomes inline SVG at build time; one the build-time renderers cannot draw faithfully (route.ts)
 * stops the build too, saying how to draw it instead (docs/diagrams.md). Diagram text is kept out of
 * the search index.
 */
export default function remarkMermaid() {
  return async (tree: Root, file: VFile) => {
    const fences: Code[] = [];
    visit(tree, 'code', (node) => {
      if (node.lang === 'mermaid') fences.push(node);
    });
    for (const node of fences) {
      Object.assign(node, { type: 'html', value: await diagramHtml(node, file) } satisfies Html);
    }
    setPageData(file, { diagrams: fences.length });
  };
}

async function diagramHtml(node: Code, file: VFile): Promise<string> {
  const source = node.value;
  const title = metaTitle(node.meta);
  let parsed: ParsedDiagram;
  try {
    parsed = await parseMermaid(source);
  } catch (error) {
    const line = lineInFile(file, node.position?.start.line ?? 0);
    const reason = error instanceof Error ? error.message : String(error);
    file.fail(
      `Mermaid diagram at ${file.path}:${line} does not parse, so it cannot be drawn.\n${reason}\n` +
        'Fix the diagram source (lines are counted from the fence); see CONTRIBUTING.md, "Diagrams".',
      node,
    );
  }
  const diagramType = parsed.type;
  const label = title ?? `${readableType(diagramType)} diagram`;
  const caption = title ? `<figcaption>${escapeHtml(title)}</figcaption>` : '';
  if (!drawnAtBuild(diagramType)) {
    file.fail(
      `Mermaid diagram at ${file.path}:${lineInFile(file, node.position?.start.line ?? 0)} is a ${diagramType} diagram, which the build cannot draw. ` +
        'Only Mermaid in the browser could, and there it does not meet the rules every diagram follows (12 px labels at 4.5:1, no line through a label). ' +
        'Draw it with what the build draws: a sequence diagram (participants, messages ->> -->> -> -->, notes, loop/alt/opt/par), a flowchart, a state or an ER diagram (docs/diagrams.md).',
      node,
    );
  }
  let svg: string;
  try {
    svg = renderSvg(source, label, parsed);
  } catch (error) {
    file.fail(`Mermaid diagram at ${file.path}:${lineInFile(file, node.position?.start.line ?? 0)} could not be rendered: ${String(error)}`, node);
  }
  const width = svgWidth(svg);
  if (width > WIDTH_MAX_PX) {
    file.fail(
      `Mermaid diagram at ${file.path}:${lineInFile(file, node.position?.start.line ?? 0)} is ${Math.round(width)} px wide even with its labels wrapped; ` +
        `at most ${WIDTH_MAX_PX} px fit beside the text on a 1280 px screen, and text is never shrunk to fit. ` +
        'Make it narrower: shorter participant names, fewer participants (or columns), a top-down flowchart, or two diagrams (docs/diagrams.md).',
      node,
    );
  }
  // Drawn at natural size, never shrunk: wider than the column, it takes the page margin (diagrams.css);
  // wider than the screen, it scrolls (keyboard too), with a hint on the screens it does not fit.
  return (
    `<figure class="${figureClass(svg)}" data-pagefind-ignore data-diagram-type="${diagramType}"${fitAttributes(svg)}>` +
    `<div class="diagram-scroll" tabindex="0"${heightStyle(svg)}>${svg}</div>` +
    `<p class="diagram-hint" aria-hidden="true">Scroll sideways for the rest →</p>${caption}</figure>`
  );
}

/** The page's padding either side of the column on a narrow screen (main, global.css). */
const PAGE_PADDING_PX = 40;

function svgWidth(svg: string): number {
  return Number(/^<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
}

function figureClass(svg: string): string {
  return svgWidth(svg) > COLUMN_PX ? 'diagram diagram--wide' : 'diagram';
}

/** The figure's width, and the narrowest screen it fits, rounded up to 100 px, for diagrams.css. */
function fitAttributes(svg: string): string {
  const width = svgWidth(svg);
  const fits = Math.ceil((width + PAGE_PADDING_PX) / 100) * 100;
  return ` data-fits="${Math.max(fits, 400)}" style="--width: ${width}px"`;
}

/** The drawing's height, for the box to hold before the browser lays it out (content-visibility, global.css). */
function heightStyle(svg: string): string {
  const height = /^<svg\b[^>]*?\sheight="([\d.]+)"/.exec(svg)?.[1];
  return height ? ` style="--height: ${height}px"` : '';
}

function metaTitle(meta: string | null | undefined): string | undefined {
  return meta?.match(/title="([^"]*)"/)?.[1];
}

function readableType(diagramType: string): string {
  const names: Record<string, string> = { sequence: 'Sequence', stateDiagram: 'State', er: 'Entity-relationship' };
  if (diagramType.startsWith('flowchart')) return 'Flowchart';
  return names[diagramType] ?? diagramType.charAt(0).toUpperCase() + diagramType.slice(1);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
