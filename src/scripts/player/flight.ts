/**
 * Messages in flight, drawn over the cluster: one arrow per copy on the wire, from its sender's card
 * (or client chip) to its receiver's, bowed so that several between the same two ends stay apart, with
 * the label the trace gives it (envelopeLabel, snippets/sim/cluster.ts; cut at 28 characters, whole in its title). Decoration only: the same
 * messages are listed as text under "Messages in flight", which is what screen readers get.
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

/** Redraws `svg` (laid over `area`) with one arrow per message; endpoints are elements with data-endpoint. */
export function drawFlight(svg: SVGSVGElement, area: HTMLElement, arrows: readonly FlightArrow[]): void {
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
  const perPair = new Map<string, number>();
  const drawn = arrows.filter((a) => rects.has(a.from) && rects.has(a.to) && a.from !== a.to);
  for (const arrow of drawn) {
    const key = `${arrow.from}|${arrow.to}`;
    const k = perPair.get(key) ?? 0;
    perPair.set(key, k + 1);
    const a = rects.get(arrow.from)!;
    const b = rects.get(arrow.to)!;
    const { start, end, mid } = sameRow(a, b) ? overTheTop(a, b, k) : bowed(a, b, k);
    const control = { x: 2 * mid.x - (start.x + end.x) / 2, y: 2 * mid.y - (start.y + end.y) / 2 };
    const text = arrow.label.length > LABEL_CHARS ? `${arrow.label.slice(0, LABEL_CHARS - 1)}…` : arrow.label;
    const w = textWidth(text, LABEL_PX) + 8;
    const cls = arrow.doomed ? 'player-flight is-doomed' : 'player-flight';
    parts.push(
      `<g class="${cls}"><path d="M${r(start.x)} ${r(start.y)}Q${r(control.x)} ${r(control.y)} ${r(end.x)} ${r(end.y)}" fill="none" marker-end="url(#player-flight-head)"/>` +
        `<rect x="${r(mid.x - w / 2)}" y="${r(mid.y - 9)}" width="${r(w)}" height="18" rx="3"/>` +
        `<text x="${r(mid.x)}" y="${r(mid.y + 4)}" font-size="${LABEL_PX}" text-anchor="middle">${escapeXml(text)}</text><title>${escapeXml(arrow.label)}</title></g>`,
    );
  }
  svg.innerHTML = parts.join('');
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
