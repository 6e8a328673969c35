/**
 * Where the graph map writes its labels, in screen pixels. A map with every title written at every
 * zoom piles them on top of each other (twenty pages on a 350 px phone), and a label centred under a
 * dot near the edge is cut off. So, as on a street map: labels are placed in order of importance, a
 * label that would cover one already placed, or another dot, moves above its dot or beside it, or is
 * left out until the reader zooms in; every label is kept inside the canvas.
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
  /** May cover other dots (a note's label: naming the notes matters more than a concept's dot showing whole). */
  readonly overDots?: boolean;
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
  const dotBoxes = dots.map((d) => ({ index: d.index, left: d.x - d.radius, right: d.x + d.radius, top: d.y - d.radius, bottom: d.y + d.radius }));
  for (const r of requests) {
    if (r.x < 0 || r.x > space.width || r.y < 0 || r.y > space.height) continue; // its dot is off screen
    const height = r.lines.length * space.lineHeight;
    const half = r.width / 2;
    // Where the label may go, in order of preference: under its dot, over it (both slid sideways to stay
    // inside the canvas), then to its right or left.
    const clampX = (x: number) => Math.max(space.margin + half, Math.min(space.width - space.margin - half, x));
    const middle = r.y - height / 2;
    const spots = [
      { x: clampX(r.x), top: r.y + r.radius + 3 },
      { x: clampX(r.x), top: r.y - r.radius - 3 - height },
      { x: r.x + r.radius + 4 + half, top: middle },
      { x: r.x - r.radius - 4 - half, top: middle },
    ];
    const box = (s: { x: number; top: number }): Box => ({ left: s.x - half, right: s.x + half, top: s.top, bottom: s.top + height });
    const fits = (b: Box) => b.left >= space.margin && b.right <= space.width - space.margin && b.top >= space.margin && b.bottom <= space.height - space.margin;
    const free = (b: Box) =>
      boxes.every((o) => !overlaps(o, b, space.margin)) && (r.overDots || dotBoxes.every((o) => o.index === r.index || !overlaps(o, b, 0)));
    const spot = spots.find((s) => fits(box(s)) && free(box(s))) ?? (r.always ? (spots.find((s) => fits(box(s))) ?? spots[0]) : undefined);
    if (spot === undefined) continue;
    placed.push({ index: r.index, lines: r.lines, x: spot.x, top: spot.top });
    boxes.push(box(spot));
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
