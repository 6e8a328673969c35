/**
 * Where the graph map writes its labels, in screen pixels. A map with every title written at every
 * zoom piles them on top of each other (twenty pages on a 350 px phone), and a label centred under a
 * dot near the edge is cut off. So, as on a street map: labels are placed in order of importance, a
 * label that would cover one already placed moves above its dot or is left out until the reader zooms
 * in, and every label is kept inside the canvas.
 */

export interface LabelRequest {
  /** Which page (index into the graph's nodes). */
  readonly index: number;
  /** The label's lines, already wrapped (wrapLabel). */
  readonly lines: readonly string[];
  /** The widest line, in px. */
  readonly width: number;
  /** The dot's centre and radius on screen, in px. */
  readonly x: number;
  readonly y: number;
  readonly radius: number;
  /** Placed even if it covers another label (the page in focus). */
  readonly always?: boolean;
}

export interface PlacedLabel {
  readonly index: number;
  readonly lines: readonly string[];
  /** Centre of the text horizontally, top of its first line. */
  readonly x: number;
  readonly top: number;
}

export interface LabelSpace {
  readonly width: number;
  readonly height: number;
  readonly lineHeight: number;
  /** Kept clear at the canvas's edges, and between labels, in px (room for the halo). */
  readonly margin: number;
}

interface Box { left: number; right: number; top: number; bottom: number }

const overlaps = (a: Box, b: Box, gap: number) =>
  a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;

/** A dot on screen that labels should not cover: centre and radius, px. */
export interface Dot { readonly index: number; readonly x: number; readonly y: number; readonly radius: number }

/**
 * Places labels in the order given (most important first), clear of each other and of every other
 * dot in `dots`; see the module comment.
 */
export function placeLabels(requests: readonly LabelRequest[], space: LabelSpace, dots: readonly Dot[] = []): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const boxes: Box[] = [];
  for (const r of requests) {
    if (r.x < 0 || r.x > space.width || r.y < 0 || r.y > space.height) continue; // its dot is off screen
    const height = r.lines.length * space.lineHeight;
    const half = r.width / 2;
    // Slide sideways to stay inside the canvas (a label wider than the canvas starts at its left margin).
    const x = Math.max(space.margin + half, Math.min(space.width - space.margin - half, r.x));
    const below = r.y + r.radius + 3;
    const above = r.y - r.radius - 3 - height;
    const fits = (top: number) => top >= space.margin && top + height <= space.height - space.margin;
    const box = (top: number): Box => ({ left: x - half, right: x + half, top, bottom: top + height });
    const others = dots.filter((d) => d.index !== r.index).map((d) => ({ left: d.x - d.radius, right: d.x + d.radius, top: d.y - d.radius, bottom: d.y + d.radius }));
    const free = (top: number) => boxes.every((b) => !overlaps(b, box(top), space.margin)) && others.every((b) => !overlaps(b, box(top), 0));
    const top = [below, above].find((t) => fits(t) && free(t)) ?? (r.always ? (fits(below) ? below : above) : undefined);
    if (top === undefined) continue;
    placed.push({ index: r.index, lines: r.lines, x, top });
    boxes.push(box(top));
  }
  return placed;
}

/** Splits a title into lines no wider than `maxWidth` (by `measure`), at spaces; a longer word keeps its own line. */
export function wrapLabel(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
