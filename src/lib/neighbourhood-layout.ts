/**
 * The compact map under each note and concept: pages linking here on the left, this page in the
 * middle, pages it links to on the right. Computed at build time into plain boxes and paths that an
 * Astro component draws as SVG, so the map costs no JavaScript.
 */
export interface MapPage {
  readonly id: string;
  readonly title: string;
  readonly kind: 'note' | 'concept';
  readonly url: string;
}

export interface Box extends MapPage {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The title cut to fit the box (⇄ in front when linked both ways); the full title goes in a tooltip. */
  readonly label: string;
  /** Where the page sits: left (links here), right (linked from here), or this page. Pages linked both ways go either side. */
  readonly side: 'in' | 'out' | 'center';
  /** Linked both ways: the edge gets arrowheads at both ends. */
  readonly mutual: boolean;
}

export interface NeighbourhoodMap {
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly Box[];
  readonly edges: ReadonlyArray<{ readonly d: string; readonly mutual: boolean }>;
  /** Pages left out to keep the map readable, per side. */
  readonly hidden: { readonly in: number; readonly out: number };
}

const BOX_W = 180;
const BOX_H = 30;
const ROW = 40;
const GAP = 56;
const PAD = 4;
const CHARS = 24;

export function layoutNeighbourhood(center: MapPage, linksTo: readonly MapPage[], linkedFrom: readonly MapPage[], max = 7): NeighbourhoodMap {
  const inIds = new Set(linkedFrom.map((p) => p.id));
  const outIds = new Set(linksTo.map((p) => p.id));
  // Notes before concepts: on a crowded map the neighbouring notes are the ones worth keeping.
  const notesFirst = (pages: readonly MapPage[]) => [...pages.filter((p) => p.kind === 'note'), ...pages.filter((p) => p.kind === 'concept')];
  const inOnly = notesFirst(linkedFrom.filter((p) => !outIds.has(p.id) && p.id !== center.id));
  const outOnly = notesFirst(linksTo.filter((p) => !inIds.has(p.id) && p.id !== center.id));
  const mutual = notesFirst(linksTo.filter((p) => inIds.has(p.id) && p.id !== center.id));
  // Pages linked both ways can sit on either side (their edge has two heads): fill the shorter column.
  const leftAll: MapPage[] = [...inOnly];
  const rightAll: MapPage[] = [...outOnly];
  for (const p of mutual) (leftAll.length < rightAll.length ? leftAll : rightAll).push(p);
  const left = leftAll.slice(0, max);
  const right = rightAll.slice(0, max);
  const rows = Math.max(left.length, right.length, 1);
  const height = rows * ROW + PAD * 2;
  const width = BOX_W * 3 + GAP * 2 + PAD * 2;
  const column = (pages: readonly MapPage[], x: number, side: 'in' | 'out'): Box[] => {
    const top = PAD + (height - PAD * 2 - pages.length * ROW) / 2 + (ROW - BOX_H) / 2;
    return pages.map((p, i) => {
      const mutual = inIds.has(p.id) && outIds.has(p.id);
      return { ...p, x, y: top + i * ROW, width: BOX_W, height: BOX_H, label: mutual ? `⇄ ${cut(p.title, CHARS - 2)}` : cut(p.title), side, mutual };
    });
  };
  const middle: Box = {
    ...center,
    x: PAD + BOX_W + GAP,
    y: (height - BOX_H) / 2,
    width: BOX_W,
    height: BOX_H,
    label: cut(center.title),
    side: 'center',
    mutual: false,
  };
  const leftBoxes = column(left, PAD, 'in');
  const rightBoxes = column(right, PAD + (BOX_W + GAP) * 2, 'out');
  const edges = [
    ...leftBoxes.map((b) => ({ d: curve(b.x + b.width, b.y + b.height / 2, middle.x, middle.y + middle.height / 2), mutual: b.mutual })),
    ...rightBoxes.map((b) => ({ d: curve(middle.x + middle.width, middle.y + middle.height / 2, b.x, b.y + b.height / 2), mutual: b.mutual })),
  ];
  return {
    width,
    height,
    boxes: [...leftBoxes, middle, ...rightBoxes],
    edges,
    hidden: { in: leftAll.length - left.length, out: rightAll.length - right.length },
  };
}

/** A horizontal S-curve from (x1, y1) to (x2, y2), rounded to keep the HTML small. */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (x1 + x2) / 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  return `M${r(x1)} ${r(y1)}C${r(mid)} ${r(y1)} ${r(mid)} ${r(y2)} ${r(x2 - 2)} ${r(y2)}`;
}

function cut(title: string, chars = CHARS): string {
  if (title.length <= chars) return title;
  const short = title.slice(0, chars - 1);
  // Cut at the last whole word, unless the cut already falls between words.
  const space = title[short.length] === ' ' ? short.length : short.lastIndexOf(' ');
  return (space > 6 ? short.slice(0, space) : short).replace(/[\s,:;.-]+$/, '') + '…';
}
