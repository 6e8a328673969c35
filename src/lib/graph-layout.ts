import { createHash } from 'node:crypto';
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

/** What the graph page draws: positions are computed here, at build time, so the browser only paints. */
export interface GraphData {
  readonly nodes: ReadonlyArray<{
    readonly id: string;
    readonly title: string;
    readonly kind: 'note' | 'concept';
    readonly url: string;
    readonly x: number;
    readonly y: number;
    readonly r: number;
  }>;
  /** Index pairs into `nodes`: [from, to]. */
  readonly edges: ReadonlyArray<readonly [number, number]>;
}

export interface LayoutInput {
  readonly nodes: ReadonlyArray<{ id: string; title: string; kind: 'note' | 'concept'; url: string }>;
  readonly edges: ReadonlyArray<readonly [string, string]>;
}

interface SimNode extends SimulationNodeDatum {
  index: number;
  r: number;
}

/**
 * A force-directed layout (d3-force), run to rest in Node. d3-force's initial placement is a fixed
 * spiral and its only randomness (jiggling coincident nodes) comes from the random source we give it,
 * so the same pages always produce the same picture and the same bytes.
 *
 * `simulate` runs the force simulation, the only costly part: graph-data.ts passes one that runs it in
 * a worker thread, so that pages keep rendering on the main thread meanwhile.
 */
export async function layoutGraph(
  input: LayoutInput,
  seed = 1,
  cache?: PositionCache,
  simulate: (job: SimulationJob) => Positions | Promise<Positions> = simulatePositions,
): Promise<GraphData> {
  const index = new Map(input.nodes.map((n, i) => [n.id, i]));
  const edges = input.edges
    .map(([a, b]) => [index.get(a), index.get(b)] as const)
    .filter((e): e is readonly [number, number] => e[0] !== undefined && e[1] !== undefined && e[0] !== e[1]);
  // Positions depend only on how many pages there are and which link to which, not on titles, so an
  // edit that changes no link reuses the previous build's layout (graph-data.ts keeps it on disk).
  const key = cache && createHash('sha256').update(JSON.stringify({ seed, n: input.nodes.length, edges, code: LAYOUT_CODE })).digest('hex');
  let positions = key ? cache!.get(key) : undefined;
  if (!positions || positions.length !== input.nodes.length) {
    positions = await simulate({ count: input.nodes.length, edges, seed });
    if (key) cache!.set(key, positions);
  }
  return { nodes: input.nodes.map((n, i) => ({ ...n, ...positions[i]! })), edges };
}

/** What the force simulation needs: how many pages, which link to which (by index), the seed. */
export interface SimulationJob {
  readonly count: number;
  readonly edges: ReadonlyArray<readonly [number, number]>;
  readonly seed: number;
}

/** Where each page sits and how big its dot is, by index. */
export type Positions = ReadonlyArray<{ readonly x: number; readonly y: number; readonly r: number }>;

/** Somewhere to keep layouts between builds, by a hash of everything they depend on. */
export interface PositionCache {
  get(key: string): Positions | undefined;
  set(key: string, positions: Positions): void;
}

/** The force simulation itself, run to rest: pure, so it can run in a worker thread. */
export function simulatePositions({ count, edges, seed }: SimulationJob): Positions {
  const degree = new Array<number>(count).fill(0);
  for (const [a, b] of edges) {
    degree[a]!++;
    degree[b]!++;
  }
  const sim: SimNode[] = degree.map((d, i) => ({ index: i, r: radius(d) }));
  const ticks = Math.min(300, Math.max(120, Math.ceil(60000 / Math.max(1, sim.length))));
  forceSimulation(sim)
    .randomSource(lcg(seed))
    .force('link', forceLink(edges.map(([source, target]) => ({ source, target }))).distance(70).strength(0.4))
    .force('charge', forceManyBody().strength(-220).distanceMax(600))
    .force('collide', forceCollide<SimNode>((n) => n.r + 6))
    // Weak pulls to the centre keep pages without links on the canvas instead of drifting away. The
    // vertical pull is five times the horizontal one, so the picture comes out about 1.6 times as wide
    // as tall, not round: the graph page's canvas is about 1.7 times as wide as tall on a laptop and as
    // tall as wide on a phone, and graph-fit.ts turns the picture a quarter to match, so either fills
    // its canvas (a round picture filled 44 % of a phone's height).
    .force('x', forceX(0).strength(0.02))
    .force('y', forceY(0).strength(0.1))
    .stop()
    .tick(ticks);
  const round = (v: number) => Math.round(v * 10) / 10;
  return sim.map((n) => ({ x: round(n.x ?? 0), y: round(n.y ?? 0), r: n.r }));
}

/** Bigger dots for pages with more links, gently (square root), within 5–14 px. */
function radius(degree: number): number {
  return Math.min(14, 5 + Math.round(Math.sqrt(degree) * 2 * 10) / 10);
}

/** A small seeded generator (linear congruential), enough for d3-force's jiggle. */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** The code that decides positions: a layout cached by an older version of it is not reused. */
const LAYOUT_CODE = [simulatePositions, radius, lcg].map(String).join('\n');
