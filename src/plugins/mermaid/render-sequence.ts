import type { SequenceDiagram, SequenceStep } from './sequence-read.ts';
import { textWidth, wrapText } from './text-width.ts';
import { COLUMN_PX, WIDTH_MAX_PX } from './widths.ts';

/**
 * Draws a sequence diagram to SVG at build time, so that it reads at the size it is drawn:
 *
 * - it fits the text column (COLUMN_PX, widths.ts): labels wrap, narrower and narrower, until the whole
 *   diagram does (a diagram still too wide after that is a design problem, and the site tests say so);
 * - every label is LABEL_PX or larger, in the page's own text colour on an opaque background of its own
 *   (message labels on the page colour, notes on the note colour), so no line runs through it;
 * - every box is sized from the label's width in the widest common system font (text-width.ts), so text
 *   stays inside it, and nothing is ever cut short: a label wraps, it is never ellipsized.
 *
 * Colours are CSS variables (src/styles/diagrams.css), so one drawing serves both themes.
 */
export const LABEL_PX = 13;
const ACTOR_PX = 14;
const LINE = 18; // line height of labels
const ACTOR_LINE = 19;
const PAD = 8; // around the drawing
const GAP = 10; // between rows
const ACTOR_GAP = 14; // between actor boxes
const SELF_LOOP = 26;
const WRAP_WIDEST = 300;
const WRAP_NARROWEST = 72;
/** Narrower than this, a label reads as a column of fragments: rather take the page margin. */
const WRAP_COMFORTABLE = 120;

/** Draws a sequence diagram as Mermaid's parser read it (sequence-read.ts). */
export function renderSequenceSvg(diagram: SequenceDiagram): string {
  const tries: Array<{ wrap: number; svg: string; width: number }> = [];
  for (let wrap = WRAP_WIDEST; wrap >= WRAP_NARROWEST; wrap -= 12) tries.push({ wrap, ...draw(diagram, wrap) });
  // The widest wrapping that fits the column; if only cramped labels would, the narrowest drawing with
  // comfortable labels, in the column's margin; failing that the widest wrapping that fits the margin,
  // or the narrowest drawing there is (the build stops on it: remark-mermaid.ts).
  const comfortable = tries.filter((t) => t.wrap >= WRAP_COMFORTABLE);
  const pick =
    comfortable.find((t) => t.width <= COLUMN_PX) ??
    [comfortable.at(-1)!].find((t) => t.width <= WIDTH_MAX_PX) ??
    tries.find((t) => t.width <= WIDTH_MAX_PX) ??
    tries.reduce((a, b) => (b.width < a.width ? b : a));
  return pick.svg;
}

function draw(diagram: SequenceDiagram, wrap: number): { svg: string; width: number } {
  const { actors, steps } = diagram;
  const index = new Map(actors.map((a, i) => [a.id, i]));
  const actorLines = actors.map((a) => wrapText(a.label, Math.min(wrap, 150), ACTOR_PX, 'semibold'));
  const boxW = actorLines.map((lines) => Math.max(44, widest(lines, ACTOR_PX, 'semibold') + 20));
  const boxH = Math.max(...actorLines.map((l) => l.length), 1) * ACTOR_LINE + 14;

  // Where each lifeline goes: as far left as the boxes and the labels between them allow.
  const need: number[][] = actors.map(() => actors.map(() => 0));
  for (let i = 0; i + 1 < actors.length; i++) need[i]![i + 1] = (boxW[i]! + boxW[i + 1]!) / 2 + ACTOR_GAP;
  const labels = new Map<SequenceStep, string[]>();
  let rightOverhang = 0;
  for (const step of steps) {
    if (step.kind !== 'message') continue;
    const lines = wrapText(step.text, wrap, LABEL_PX);
    labels.set(step, lines);
    const w = widest(lines, LABEL_PX);
    const [a, b] = [index.get(step.from)!, index.get(step.to)!];
    if (a === b) {
      const room = SELF_LOOP + 8 + w + 10;
      if (a + 1 < actors.length) need[a]![a + 1] = Math.max(need[a]![a + 1]!, room);
      else rightOverhang = Math.max(rightOverhang, room);
    } else {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      need[lo]![hi] = Math.max(need[lo]![hi]!, w + 28);
    }
  }
  const xs: number[] = [];
  for (let j = 0; j < actors.length; j++) {
    let x = boxW[j]! / 2;
    for (let i = 0; i < j; i++) x = Math.max(x, xs[i]! + need[i]![j]!);
    xs.push(x);
  }

  const parts: string[] = [];
  const extents = { left: 0, right: xs.length ? xs[xs.length - 1]! + Math.max(boxW[xs.length - 1]! / 2, rightOverhang) : 0 };
  const widen = (left: number, right: number) => {
    extents.left = Math.min(extents.left, left);
    extents.right = Math.max(extents.right, right);
  };
  let y = boxH + 14;
  const blocks: Array<{ top: number; kind: string; text: string; dividers: Array<{ y: number; text: string }>; depth: number }> = [];
  const blockShapes: string[] = [];
  const blockLabels: string[] = [];
  const leftmost = xs.length ? xs[0]! - boxW[0]! / 2 : 0;
  const rightmost = xs.length ? xs[xs.length - 1]! + boxW[xs.length - 1]! / 2 : 0;

  for (const step of steps) {
    if (step.kind === 'message') {
      const lines = labels.get(step)!;
      const [x1, x2] = [xs[index.get(step.from)!]!, xs[index.get(step.to)!]!];
      const dash = step.dashed ? ' stroke-dasharray="5 4"' : '';
      const marker = step.open ? 'dg-open' : 'dg-head';
      if (x1 === x2) {
        const h = Math.max(18, lines.length * LINE - 6);
        const top = y + 4;
        parts.push(
          `<path class="dg-line" d="M${r(x1)} ${r(top)}H${r(x1 + SELF_LOOP)}V${r(top + h)}H${r(x1 + 2)}" fill="none"${dash} marker-end="url(#${marker})"/>`,
          label(lines, x1 + SELF_LOOP + 8, y, 'start'),
        );
        y = Math.max(top + h, y + lines.length * LINE) + GAP + 4;
      } else {
        const mid = (x1 + x2) / 2;
        const h = lines.length * LINE;
        const arrowY = y + h + 5;
        const end = x2 > x1 ? x2 - 1 : x2 + 1;
        parts.push(`<line class="dg-line" x1="${r(x1)}" y1="${r(arrowY)}" x2="${r(end)}" y2="${r(arrowY)}"${dash} marker-end="url(#${marker})"/>`, label(lines, mid, y, 'middle'));
        y = arrowY + GAP + 4;
      }
    } else if (step.kind === 'note') {
      const is = step.actors.map((a) => index.get(a)!);
      const [lo, hi] = [Math.min(...is), Math.max(...is)];
      const span = xs[hi]! - xs[lo]!;
      const lines = wrapText(step.text, Math.max(wrap, span + 24), LABEL_PX);
      const w = Math.max(widest(lines, LABEL_PX) + 20, step.placement === 'over' && hi > lo ? span + 44 : 40);
      const h = lines.length * LINE + 10;
      const left =
        step.placement === 'left' ? xs[lo]! - 10 - w : step.placement === 'right' ? xs[hi]! + 10 : (xs[lo]! + xs[hi]!) / 2 - w / 2;
      widen(left, left + w);
      parts.push(`<rect class="dg-note" x="${r(left)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" rx="3"/>`, label(lines, left + w / 2, y + 5, 'middle', 'dg-note-text'));
      y += h + GAP;
    } else if (step.kind === 'block-start') {
      blocks.push({ top: y, kind: step.block, text: step.text, dividers: [], depth: blocks.length });
      y += LINE + 10;
    } else if (step.kind === 'block-divider') {
      blocks[blocks.length - 1]?.dividers.push({ y, text: step.text });
      y += LINE + 10;
    } else {
      const block = blocks.pop();
      if (!block) continue;
      const inset = block.depth * 6;
      const [left, right] = [leftmost - 12 + inset, rightmost + 12 - inset];
      widen(left, right);
      const tag = `${block.kind}${block.text ? ' ' + block.text : ''}`;
      blockShapes.push(
        `<rect class="dg-block" x="${r(left)}" y="${r(block.top)}" width="${r(right - left)}" height="${r(y - block.top)}"/>`,
        ...block.dividers.map((d) => `<line class="dg-block" x1="${r(left)}" y1="${r(d.y)}" x2="${r(right)}" y2="${r(d.y)}" stroke-dasharray="4 3"/>`),
      );
      blockLabels.push(label([tag], left + 8, block.top + 4, 'start', 'dg-block-text'), ...block.dividers.map((d) => label([`[${d.text}]`], left + 8, d.y + 4, 'start', 'dg-block-text')));
      y += 6;
    }
  }

  const bottom = y + 4;
  const shift = PAD - extents.left;
  const width = extents.right - extents.left + 2 * PAD;
  const height = bottom + PAD;
  const actorShapes = actors.map((a, i) => {
    const x = xs[i]!;
    const rx = a.kind === 'actor' ? Math.min(boxH / 2, 14) : 4;
    return (
      `<line class="dg-lifeline" x1="${r(x)}" y1="${r(PAD + boxH)}" x2="${r(x)}" y2="${r(bottom)}"/>` +
      `<rect class="dg-actor" x="${r(x - boxW[i]! / 2)}" y="${PAD}" width="${r(boxW[i]!)}" height="${boxH}" rx="${rx}"/>` +
      text(actorLines[i]!, x, PAD + (boxH - actorLines[i]!.length * ACTOR_LINE) / 2, 'middle', 'dg-actor-text', ACTOR_PX, ACTOR_LINE)
    );
  });
  // Painted in this order: blocks, lifelines and actors, then arrows and their labels, then notes on top.
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="dg dg-sequence" viewBox="0 0 ${r(width)} ${r(height)}" width="${r(width)}" height="${r(height)}">` +
    '<defs>' +
    '<marker id="dg-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path class="dg-arrowhead" d="M0 0L10 5L0 10z"/></marker>' +
    '<marker id="dg-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path class="dg-arrowhead-open" d="M0 0L10 5L0 10" fill="none"/></marker>' +
    '</defs>' +
    `<g transform="translate(${r(shift)} 0)">${blockShapes.join('')}${actorShapes.join('')}${blockLabels.join('')}${parts.join('')}</g></svg>`;
  return { svg, width };

  function label(lines: string[], x: number, top: number, anchor: 'start' | 'middle', cls = 'dg-label'): string {
    const w = widest(lines, LABEL_PX);
    const left = anchor === 'middle' ? x - w / 2 : x;
    widen(left - 4, left + w + 4);
    const background = cls === 'dg-note-text' ? '' : `<rect class="dg-label-bg" x="${r(left - 4)}" y="${r(top)}" width="${r(w + 8)}" height="${r(lines.length * LINE + 2)}" rx="2"/>`;
    return background + text(lines, x, top, anchor, cls, LABEL_PX, LINE);
  }
}

/** Lines of text, the first in a line box starting at `top`: each baseline is where a glyph's middle sits mid-line. */
function text(lines: readonly string[], x: number, top: number, anchor: 'start' | 'middle', cls: string, size: number, lineHeight: number): string {
  const base = top + lineHeight * 0.5 + size * 0.36;
  const spans = lines.map((line, i) => `<tspan x="${r(x)}" y="${r(base + i * lineHeight)}">${escapeXml(line)}</tspan>`).join('');
  return `<text class="${cls}" font-size="${size}" text-anchor="${anchor}">${spans}</text>`;
}

function widest(lines: readonly string[], size: number, weight: 'regular' | 'semibold' = 'regular'): number {
  return Math.max(0, ...lines.map((l) => textWidth(l, size, weight)));
}

const r = (n: number) => String(Math.round(n * 10) / 10);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
