import { quadtree, type Quadtree } from 'd3-quadtree';
import { select } from 'd3-selection';
// selection.transition(): d3-zoom loads d3-transition at run time; this brings in its types.
import type {} from 'd3-transition';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { GraphData } from '../lib/graph-layout.ts';
import { bounds, fitTransform, orientFor } from '../lib/graph-fit.ts';
import { placeLabels, wrapLabel, type LabelRequest } from '../lib/graph-labels.ts';

type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

interface Colours { note: string; concept: string; edge: string; text: string; bg: string; canvas: string; mark: string }

/** Labels: a constant on-screen size, a halo of the canvas's own colour so edges never run through them. */
const LABEL_FONT = '12px system-ui, sans-serif';
const LABEL_LINE_PX = 15;
const LABEL_HALO_PX = 5;
/** Room Fit leaves around the picture: a dot at the edge keeps its label inside the canvas. */
const FIT_PADDING_PX = 24;

/**
 * The graph page's map. Positions come laid out from the build (/graph.json), so the browser only
 * paints: one canvas, redrawn at most once per frame, hit-tested through a quadtree. That keeps it
 * smooth with thousands of pages. Keyboard: arrows move to the nearest page in that direction, Enter
 * opens it; the selection is announced in a live region.
 */
export async function showGraph(section: HTMLElement, url: string): Promise<void> {
  const data = (await (await fetch(url)).json()) as GraphData;
  section.hidden = false;
  const canvas = section.querySelector<HTMLCanvasElement>('canvas')!;
  const status = section.querySelector<HTMLElement>('.graph-status')!;
  const find = section.querySelector<HTMLInputElement>('.graph-find')!;
  const context = canvas.getContext('2d')!;
  const shape = canvas.getBoundingClientRect();
  const nodes = orientFor(data.nodes, shape.width, shape.height);
  const neighbours = nodes.map(() => new Set<number>());
  const outgoing = nodes.map(() => 0);
  for (const [a, b] of data.edges) {
    neighbours[a]!.add(b);
    neighbours[b]!.add(a);
    outgoing[a]!++;
  }
  const tree: Quadtree<number> = quadtree<number>()
    .x((i) => nodes[i]!.x)
    .y((i) => nodes[i]!.y)
    .addAll(nodes.map((_, i) => i));
  const byId = new Map(nodes.map((n, i) => [n.id, i]));

  let transform: ZoomTransform = zoomIdentity;
  let width = 0;
  let height = 0;
  let hovered: number | undefined;
  let selected: number | undefined;
  let matches = new Set<number>();
  let colours = readColours(section);
  let frame = 0;

  const redraw = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  };

  const behaviour: ZoomBehavior<HTMLCanvasElement, unknown> = zoom<HTMLCanvasElement, unknown>()
    .scaleExtent([0.05, 8])
    .on('zoom', (event: { transform: ZoomTransform }) => {
      transform = event.transform;
      redraw();
    });
  const canvasSelection = select(canvas).call(behaviour).on('dblclick.zoom', null);

  function resize() {
    const box = canvas.getBoundingClientRect();
    const ratio = devicePixelRatio || 1;
    width = box.width;
    height = box.height;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    redraw();
  }

  function fit(animate = false) {
    if (nodes.length === 0) return;
    const { k, x, y } = fitTransform(bounds(nodes), width, height, FIT_PADDING_PX, 3);
    const target = zoomIdentity.translate(x, y).scale(k);
    (animate ? canvasSelection.transition().duration(250) : canvasSelection).call(behaviour.transform as never, target);
  }

  /** Pans so the page is on screen; `always` puts it in the middle even when it already is. */
  function centreOn(i: number, always = false) {
    const n = nodes[i]!;
    const [sx, sy] = transform.apply([n.x, n.y]);
    if (!always && sx > 40 && sx < width - 40 && sy > 40 && sy < height - 40) return;
    canvasSelection.call(behaviour.translateTo as never, n.x, n.y);
  }

  /** A dot's radius in graph units: it grows only with the square root of the zoom, so zooming in separates dots. */
  const radius = (n: { r: number }) => n.r / Math.sqrt(Math.max(transform.k, 0.25));

  function draw() {
    const ratio = devicePixelRatio || 1;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.translate(transform.x, transform.y);
    context.scale(transform.k, transform.k);
    const focus = selected ?? hovered;
    const near = focus === undefined ? undefined : neighbours[focus]!;
    const lit = (i: number) => focus === undefined || i === focus || near!.has(i);

    context.lineWidth = 1 / transform.k;
    context.strokeStyle = colours.edge;
    context.globalAlpha = focus === undefined ? 0.55 : 0.15;
    context.beginPath();
    for (const [a, b] of data.edges) {
      if (focus !== undefined && (a === focus || b === focus)) continue;
      context.moveTo(nodes[a]!.x, nodes[a]!.y);
      context.lineTo(nodes[b]!.x, nodes[b]!.y);
    }
    context.stroke();
    if (focus !== undefined) {
      context.globalAlpha = 1;
      context.strokeStyle = colours.note;
      context.lineWidth = 2 / transform.k;
      context.beginPath();
      for (const [a, b] of data.edges) {
        if (a !== focus && b !== focus) continue;
        context.moveTo(nodes[a]!.x, nodes[a]!.y);
        context.lineTo(nodes[b]!.x, nodes[b]!.y);
      }
      context.stroke();
    }

    nodes.forEach((n, i) => {
      context.globalAlpha = lit(i) || matches.has(i) ? 1 : 0.25;
      context.beginPath();
      context.arc(n.x, n.y, radius(n), 0, Math.PI * 2);
      if (matches.has(i)) {
        context.fillStyle = colours.mark;
        context.fill();
      }
      if (n.kind === 'note') {
        context.fillStyle = colours.note;
        context.fill();
      } else {
        context.fillStyle = colours.bg;
        context.fill();
        context.lineWidth = 2.5 / Math.sqrt(Math.max(transform.k, 0.25));
        context.strokeStyle = colours.concept;
        context.stroke();
      }
      if (i === selected) {
        context.lineWidth = 3 / transform.k;
        context.strokeStyle = colours.text;
        context.beginPath();
        context.arc(n.x, n.y, radius(n) + 4 / transform.k, 0, Math.PI * 2);
        context.stroke();
      }
    });

    context.globalAlpha = 1;
    drawLabels(ratio, focus, near, lit);
  }

  /**
   * Labels, in screen pixels: candidates are every lit page when zoomed in or the graph is small, else
   * only the page in focus, its neighbours and search matches; placeLabels leaves out any that would
   * cover a more important one (focus, matches, neighbours, then pages with more links).
   */
  function drawLabels(ratio: number, focus: number | undefined, near: Set<number> | undefined, lit: (i: number) => boolean) {
    const everyLabel = transform.k >= 1.3 || nodes.length <= 40;
    const rank = (i: number) => (i === focus ? 0 : matches.has(i) ? 1 : near?.has(i) ? 2 : 3);
    const candidates = nodes
      .map((_, i) => i)
      .filter((i) => (everyLabel ? lit(i) || matches.has(i) : i === focus || near?.has(i) || matches.has(i)))
      .sort((a, b) => rank(a) - rank(b) || nodes[b]!.r - nodes[a]!.r);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.font = LABEL_FONT;
    const maxWidth = Math.min(180, width * 0.45);
    const requests: LabelRequest[] = candidates.map((i) => {
      const n = nodes[i]!;
      const [x, y] = transform.apply([n.x, n.y]);
      const { lines, widest } = wrapped(i, maxWidth);
      return { index: i, lines, width: widest, x, y, radius: radius(n) * transform.k, always: i === focus, overDots: n.kind === 'note' };
    });
    // Only dots on screen can be in a label's way: with thousands of pages, checking all would be slow.
    const dots = nodes.flatMap((n, i) => {
      const [x, y] = transform.apply([n.x, n.y]);
      const r = radius(n) * transform.k;
      return x + r < 0 || x - r > width || y + r < 0 || y - r > height ? [] : [{ index: i, x, y, radius: r }];
    });
    const placed = placeLabels(requests, { width, height, lineHeight: LABEL_LINE_PX, margin: LABEL_HALO_PX / 2 + 3 }, dots);
    context.textAlign = 'center';
    context.textBaseline = 'top';
    context.lineJoin = 'round';
    context.lineWidth = LABEL_HALO_PX;
    context.strokeStyle = colours.canvas;
    context.fillStyle = colours.text;
    for (const label of placed) {
      label.lines.forEach((line, row) => {
        const y = label.top + row * LABEL_LINE_PX + 1;
        context.strokeText(line, label.x, y);
        context.fillText(line, label.x, y);
      });
    }
  }

  /** A page's title in lines no wider than maxWidth, measured once per width. */
  const wrapCache = new Map<string, { lines: string[]; widest: number }>();
  function wrapped(i: number, maxWidth: number) {
    const key = `${i}:${maxWidth}`;
    let entry = wrapCache.get(key);
    if (!entry) {
      const measure = (s: string) => context.measureText(s).width;
      const lines = wrapLabel(nodes[i]!.title, maxWidth, measure);
      entry = { lines, widest: Math.max(...lines.map(measure)) };
      wrapCache.set(key, entry);
    }
    return entry;
  }

  function nodeAt(clientX: number, clientY: number): number | undefined {
    const box = canvas.getBoundingClientRect();
    const [x, y] = transform.invert([clientX - box.left, clientY - box.top]);
    const found = tree.find(x, y, 16 / transform.k + 14);
    if (found === undefined) return undefined;
    const n = nodes[found]!;
    return Math.hypot(n.x - x, n.y - y) <= radius(n) + 6 / transform.k ? found : undefined;
  }

  function select_(i: number | undefined, centre = false) {
    selected = i;
    section.dataset.selected = i === undefined ? '' : nodes[i]!.id;
    if (i !== undefined) {
      const n = nodes[i]!;
      centreOn(i, centre);
      history.replaceState(null, '', `#${n.id}`);
      const linked = neighbours[i]!.size;
      status.textContent = `${n.title}, ${n.kind}: linked with ${linked} page${linked === 1 ? '' : 's'} (${outgoing[i]} outgoing). Press Enter to open.`;
    } else {
      status.textContent = '';
    }
    redraw();
  }

  /** The nearest page in the arrow's direction, within a 90° cone; far off-axis pages count as further. */
  function step(from: number, direction: Direction): number | undefined {
    const [dx, dy] = ({ ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] } as const)[direction];
    const origin = nodes[from]!;
    let best: number | undefined;
    let bestScore = Infinity;
    nodes.forEach((n, i) => {
      if (i === from) return;
      const vx = n.x - origin.x;
      const vy = n.y - origin.y;
      const along = vx * dx + vy * dy;
      const across = Math.abs(vx * dy - vy * dx);
      if (along <= 0 || across > along) return;
      const score = along + across * 2;
      if (score < bestScore) [best, bestScore] = [i, score];
    });
    return best;
  }

  function nearestToCentre(): number | undefined {
    const [x, y] = transform.invert([width / 2, height / 2]);
    return tree.find(x, y);
  }

  canvas.addEventListener('pointermove', (e) => {
    const found = nodeAt(e.clientX, e.clientY);
    if (found === hovered) return;
    hovered = found;
    canvas.style.cursor = found === undefined ? 'grab' : 'pointer';
    canvas.title = found === undefined ? '' : nodes[found]!.title;
    redraw();
  });
  canvas.addEventListener('pointerleave', () => {
    hovered = undefined;
    redraw();
  });
  canvas.addEventListener('click', (e) => {
    const found = nodeAt(e.clientX, e.clientY);
    if (found !== undefined) location.assign(nodes[found]!.url);
  });
  canvas.addEventListener('keydown', (e) => {
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const next = selected === undefined ? nearestToCentre() : (step(selected, e.key as Direction) ?? selected);
      select_(next);
    } else if (e.key === 'Enter' && selected !== undefined) {
      location.assign(nodes[selected]!.url);
    } else if (e.key === '+' || e.key === '=') {
      canvasSelection.call(behaviour.scaleBy as never, 1.4);
    } else if (e.key === '-' || e.key === '_') {
      canvasSelection.call(behaviour.scaleBy as never, 1 / 1.4);
    } else if (e.key === '0') {
      fit(true);
    } else if (e.key === 'Escape') {
      select_(undefined);
    }
  });
  section.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((button) =>
    button.addEventListener('click', () => {
      const how = button.dataset.zoom;
      if (how === 'fit') fit(true);
      else canvasSelection.transition().duration(200).call(behaviour.scaleBy as never, how === 'in' ? 1.4 : 1 / 1.4);
    }),
  );

  const search = () => {
    const query = find.value.trim().toLowerCase();
    matches = new Set(query ? nodes.flatMap((n, i) => (n.title.toLowerCase().includes(query) || n.id.includes(query) ? [i] : [])) : []);
    const exact = nodes.findIndex((n) => n.title.toLowerCase() === query);
    if (exact >= 0) select_(exact, true);
    else {
      status.textContent = query ? `${matches.size} match${matches.size === 1 ? '' : 'es'}` : '';
      redraw();
    }
  };
  find.addEventListener('input', search);
  find.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const first = [...matches][0];
    if (first !== undefined) {
      select_(first, true);
      canvas.focus();
    }
  });

  const recolour = () => {
    colours = readColours(section);
    redraw();
  };
  new MutationObserver(recolour).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', recolour);
  new ResizeObserver(() => resize()).observe(canvas);

  resize();
  fit();
  const fromHash = byId.get(decodeURIComponent(location.hash.slice(1)));
  if (fromHash !== undefined) {
    select_(fromHash, true);
    section.scrollIntoView();
  }
  draw();
  // The list stays for keyboard and screen-reader users, folded now that the map is there.
  const list = document.querySelector<HTMLDetailsElement>('details.graph-list');
  if (list && fromHash === undefined) list.open = false;
  section.dataset.ready = 'true';
}

/** The theme's colours, resolved (light-dark() and variables) by the browser from styled probes. */
function readColours(section: HTMLElement): Colours {
  const read = (name: keyof Colours) => getComputedStyle(section.querySelector(`[data-colour="${name}"]`)!).color;
  return { note: read('note'), concept: read('concept'), edge: read('edge'), text: read('text'), bg: read('bg'), canvas: read('canvas'), mark: read('mark') };
}
