/**
 * Messages in flight, drawn over the cluster: one arrow per copy on the wire, from its sender's card
 * (or client chip) to its receiver's, bowed so that several between the same two ends stay apart, with
 * the label the trace gives it (envelopeLabel, snippets/sim/cluster.ts; cut at 28 characters, whole in its title). Decoration only: the same
 * messages are listed as text under "Messages in flight", which is what screen readers get.
 *
 * When the cards stack (a phone), an arrow whose straight path would cross another card (r1 → r3 over
 * r2, a client to the second card) runs down a side gutter instead, with its label turned along the
 * gutter: downward on the right, upward on the left, so no label lands on a card's text. The gutters
 * are the padding the stylesheet gives the card list then (player.css); without them, nothing changes.
 */
import { textWidth } from '../../plugins/mermaid/text-width.ts';

export interface FlightArrow {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** Lost on arrival: the link is cut or the receiver is down. */
  readonly doomed: boolean;
}

const LABEL_PX = 12;
const LABEL_CHARS = 28;

/**
 * Redraws `svg` (laid over `area`) with one arrow per message; endpoints are elements with data-endpoint.
 * `cards` is the list of node cards, whose side padding (if any) holds the gutters.
 */
export function drawFlight(svg: SVGSVGElement, area: HTMLElement, arrows: readonly FlightArrow[], cards?: HTMLElement): void {
  const box = area.getBoundingClientRect();
  svg.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
  svg.setAttribute('width', String(box.width));
  svg.setAttribute('height', String(box.height));
  const rects = new Map<string, DOMRect>();
  for (const element of area.querySelectorAll<HTMLElement>('[data-endpoint]')) {
    const r = element.getBoundingClientRect();
    rects.set(element.dataset.endpoint!, new DOMRect(r.x - box.x, r.y - box.y, r.width, r.height));
  }
  const parts: string[] = [
    '<defs><marker id="player-flight-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="player-flight-head"/></marker></defs>',
  ];
  const gutters = cards ? gutterLanes(cards, box) : undefined;
  const perPair = new Map<string, number>();
  const drawn = arrows.filter((a) => rects.has(a.from) && rects.has(a.to) && a.from !== a.to);
  const routes = drawn.map((arrow) => {
    const key = `${arrow.from}|${arrow.to}`;
    const k = perPair.get(key) ?? 0;
    perPair.set(key, k + 1);
    const a = rects.get(arrow.from)!;
    const b = rects.get(arrow.to)!;
    const others = [...rects].filter(([name]) => name !== arrow.from && name !== arrow.to).map(([, rect]) => rect);
    const around = gutters && !sameRow(a, b) && others.some((c) => inTheWay(a, b, c)) ? aroundTheSide(a, b, gutters) : undefined;
    return { arrow, k, a, b, around };
  });
  // Arrows sharing a gutter spread their labels along it.
  const inLane = { left: routes.filter((t) => t.around?.side === 'left'), right: routes.filter((t) => t.around?.side === 'right') };
  for (const { arrow, k, a, b, around } of routes) {
    const text = arrow.label.length > LABEL_CHARS ? `${arrow.label.slice(0, LABEL_CHARS - 1)}…` : arrow.label;
    const w = textWidth(text, LABEL_PX) + 8;
    const cls = arrow.doomed ? 'player-flight is-doomed' : 'player-flight';
    const title = `<title>${escapeXml(arrow.label)}</title>`;
    if (around) {
      const lane = inLane[around.side];
      const at = lane.findIndex((t) => t.arrow === arrow);
      const [top, bottom] = [Math.min(around.from, around.to), Math.max(around.from, around.to)];
      const room = Math.max(0, bottom - top - w);
      const y = top + w / 2 + (room * (at + 1)) / (lane.length + 1);
      const turn = around.side === 'right' ? 90 : -90; // the text reads the way the arrow goes
      parts.push(
        `<g class="${cls}" data-route="gutter"><path d="${around.d}" fill="none" marker-end="url(#player-flight-head)"/>` +
          `<g transform="rotate(${turn} ${r(around.x)} ${r(y)})"><rect x="${r(around.x - w / 2)}" y="${r(y - 9)}" width="${r(w)}" height="18" rx="3"/>` +
          `<text x="${r(around.x)}" y="${r(y + 4)}" font-size="${LABEL_PX}" text-anchor="middle">${escapeXml(text)}</text></g>${title}</g>`,
      );
      continue;
    }
    const { start, end, mid } = sameRow(a, b) ? overTheTop(a, b, k) : bowed(a, b, k);
    const control = { x: 2 * mid.x - (start.x + end.x) / 2, y: 2 * mid.y - (start.y + end.y) / 2 };
    parts.push(
      `<g class="${cls}"><path d="M${r(start.x)} ${r(start.y)}Q${r(control.x)} ${r(control.y)} ${r(end.x)} ${r(end.y)}" fill="none" marker-end="url(#player-flight-head)"/>` +
        `<rect x="${r(mid.x - w / 2)}" y="${r(mid.y - 9)}" width="${r(w)}" height="18" rx="3"/>` +
        `<text x="${r(mid.x)}" y="${r(mid.y + 4)}" font-size="${LABEL_PX}" text-anchor="middle">${escapeXml(text)}</text>${title}</g>`,
    );
  }
  svg.innerHTML = parts.join('');
}

type Gutters = { left: { x: number; edge: number }; right: { x: number; edge: number } };

/** The middle of each side gutter (the card list's side padding) and its inner edge, in `box`'s frame; undefined without them. */
function gutterLanes(cards: HTMLElement, box: DOMRect): Gutters | undefined {
  const style = getComputedStyle(cards);
  const [left, right] = [parseFloat(style.paddingLeft) || 0, parseFloat(style.paddingRight) || 0];
  if (left < 16 || right < 16) return undefined;
  const list = cards.getBoundingClientRect();
  const [x0, x1] = [list.left - box.x, list.right - box.x];
  return { left: { x: x0 + left / 2, edge: x0 + left }, right: { x: x1 - right / 2, edge: x1 - right } };
}

/** Whether `c` lies between `a` and `b` one above the other, across the straight way from one to the other. */
function inTheWay(a: DOMRect, b: DOMRect, c: DOMRect): boolean {
  const [upper, lower] = a.top <= b.top ? [a, b] : [b, a];
  const between = c.top >= upper.bottom - 1 && c.bottom <= lower.top + 1;
  const [lo, hi] = [Math.min(a.left, b.left), Math.max(a.right, b.right)];
  return between && c.left < hi && lo < c.right;
}

/**
 * Down the right gutter when the receiver is below, up the left one when above. A card that reaches
 * the gutter is left and entered from its side; a narrower end (a client chip) from its bottom or top,
 * turning in the gap next to it. `from` and `to` are where the run along the gutter starts and ends.
 */
function aroundTheSide(a: DOMRect, b: DOMRect, gutters: Gutters): { side: 'left' | 'right'; x: number; from: number; to: number; d: string } {
  const down = b.top > a.top;
  const side = down ? 'right' : 'left';
  const lane = gutters[side];
  const TURN = 14;
  const reaches = (rect: DOMRect) => Math.abs((side === 'right' ? rect.right : rect.left) - lane.edge) < 4;
  const cy = (rect: DOMRect) => rect.y + rect.height / 2;
  const cx = (rect: DOMRect) => rect.x + rect.width / 2;
  const leave: Point[] = reaches(a)
    ? [{ x: side === 'right' ? a.right : a.left, y: cy(a) }]
    : [{ x: cx(a), y: down ? a.bottom : a.top }, { x: cx(a), y: down ? a.bottom + TURN : a.top - TURN }];
  const enter: Point[] = reaches(b)
    ? [{ x: side === 'right' ? b.right : b.left, y: cy(b) }]
    : [{ x: cx(b), y: down ? b.top - TURN : b.bottom + TURN }, { x: cx(b), y: down ? b.top : b.bottom }];
  const from = leave[leave.length - 1]!.y;
  const to = enter[0]!.y;
  const points = [...leave, { x: lane.x, y: from }, { x: lane.x, y: to }, ...enter];
  return { side, x: lane.x, from, to, d: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(p.x)} ${r(p.y)}`).join('') };
}

type Point = { x: number; y: number };

function sameRow(a: DOMRect, b: DOMRect): boolean {
  return a.top < b.bottom && b.top < a.bottom;
}

/**
 * Two cards side by side: the arrow leaves the top of one and lands on the top of the other, arching
 * through the gap above the row, so it never crosses a card between them. Each pair of cards has its
 * own height (so r1→r3 clears r1→r2), and several messages on one link stack higher still.
 */
function overTheTop(a: DOMRect, b: DOMRect, k: number): { start: Point; end: Point; mid: Point } {
  const rightward = b.x > a.x;
  const start = { x: a.x + a.width * (rightward ? 0.65 : 0.35), y: a.top };
  const end = { x: b.x + b.width * (rightward ? 0.35 : 0.65), y: b.top };
  const far = Math.abs(b.x - a.x) > Math.max(a.width, b.width) * 1.5;
  const lift = (far ? 30 : 14) + 14 * k + (rightward ? 0 : 7);
  return { start, end, mid: { x: (start.x + end.x) / 2, y: Math.min(start.y, end.y) - lift } };
}

/** Anything else (a client above a card, cards stacked on a phone): from edge to edge, bowed to one side per direction. */
function bowed(a: DOMRect, b: DOMRect, k: number): { start: Point; end: Point; mid: Point } {
  const start = edgePoint(a, b.x + b.width / 2, b.y + b.height / 2);
  const end = edgePoint(b, a.x + a.width / 2, a.y + a.height / 2);
  const [dx, dy] = [end.x - start.x, end.y - start.y];
  const length = Math.hypot(dx, dy) || 1;
  // Each direction bows to its own side (the normal turns with it); several on one link fan out.
  const bow = 16 + 24 * k;
  return { start, end, mid: { x: (start.x + end.x) / 2 + (-dy / length) * bow, y: (start.y + end.y) / 2 + (dx / length) * bow } };
}

/** Where the line from the rectangle's centre towards (x, y) leaves it. */
function edgePoint(rect: DOMRect, x: number, y: number): { x: number; y: number } {
  const [cx, cy] = [rect.x + rect.width / 2, rect.y + rect.height / 2];
  const [dx, dy] = [x - cx, y - cy];
  const scale = Math.min(dx === 0 ? Infinity : rect.width / 2 / Math.abs(dx), dy === 0 ? Infinity : rect.height / 2 / Math.abs(dy));
  return Number.isFinite(scale) ? { x: cx + dx * scale, y: cy + dy * scale } : { x: cx, y: cy };
}

const r = (n: number) => String(Math.round(n * 10) / 10);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
