import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { layoutGraph, type GraphData, type LayoutInput, type PositionCache, type Positions, type SimulationJob } from '../../src/lib/graph-layout.ts';
import { workerPool } from '../../src/plugins/worker-pool.ts';

const page = (id: string, kind: 'note' | 'concept' = 'note') => ({ id, title: id, kind, url: `/${kind}s/${id}/` });

/** A ring of clusters: each cluster's pages link to one hub, hubs link around the ring. */
function clusters(count: number, size: number): LayoutInput {
  const nodes = [];
  const edges: Array<[string, string]> = [];
  for (let c = 0; c < count; c++) {
    nodes.push(page(`hub${c}`, 'concept'));
    edges.push([`hub${c}`, `hub${(c + 1) % count}`]);
    for (let i = 0; i < size; i++) {
      nodes.push(page(`c${c}n${i}`));
      edges.push([`c${c}n${i}`, `hub${c}`]);
    }
  }
  return { nodes, edges };
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('graph layout', () => {
  const input = clusters(8, 10);
  let layout: GraphData;
  beforeAll(async () => {
    layout = await layoutGraph(input);
  });

  it('places every page at a finite position, with edges as indexes into the node list', () => {
    expect(layout.nodes).toHaveLength(input.nodes.length);
    for (const n of layout.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y), n.id).toBe(true);
    expect(layout.edges).toHaveLength(input.edges.length);
    for (const [a, b] of layout.edges) expect(layout.nodes[a] && layout.nodes[b]).toBeTruthy();
  });

  it('is deterministic: the same pages give the same positions', async () => {
    expect(await layoutGraph(input)).toEqual(layout);
  });

  it('gives the same layout when the simulation runs in the worker thread the build uses', async () => {
    const simulate = workerPool<SimulationJob, Positions>({ file: resolve('src/lib/graph-layout-worker.ts'), size: 1 });
    let jobs = 0;
    const counted = (job: SimulationJob) => (jobs++, simulate(job));
    expect(await layoutGraph(input, 1, undefined, counted)).toEqual(layout);
    expect(jobs).toBe(1);
  });

  it('puts linked pages closer together than pages in different clusters', () => {
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    let near = 0;
    let far = 0;
    for (let c = 0; c < 8; c++) {
      near += distance(at.get(`c${c}n0`)!, at.get(`hub${c}`)!);
      far += distance(at.get(`c${c}n0`)!, at.get(`hub${(c + 4) % 8}`)!);
    }
    expect(near).toBeLessThan(far / 2);
  });

  it('draws pages with more links bigger', () => {
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    expect(at.get('hub0')!.r).toBeGreaterThan(at.get('c0n0')!.r);
  });

  it('drops edges to pages it was not given, and self-links', async () => {
    const small = await layoutGraph({ nodes: [page('a'), page('b')], edges: [['a', 'b'], ['a', 'zzz'], ['b', 'b']] });
    expect(small.edges).toEqual([[0, 1]]);
  });

  it('lays out 1,000 pages', async () => {
    const big = await layoutGraph(clusters(40, 24));
    expect(big.nodes).toHaveLength(1000);
    expect(new Set(big.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(1000);
  });
});

describe('the layout cache', () => {
  const mapCache = () => {
    const map = new Map<string, Positions>();
    let computed = 0;
    const cache: PositionCache = { get: (k) => map.get(k), set: (k, v) => (computed++, map.set(k, v)) };
    return { cache, computed: () => computed };
  };

  it('gives the same layout as computing it', async () => {
    const { cache } = mapCache();
    const input = clusters(5, 6);
    expect(await layoutGraph(input, 1, cache)).toEqual(await layoutGraph(input));
    expect(await layoutGraph(input, 1, cache)).toEqual(await layoutGraph(input));
  });

  it('reuses a layout when only titles changed', async () => {
    const { cache, computed } = mapCache();
    const input = clusters(5, 6);
    await layoutGraph(input, 1, cache);
    const retitled = { ...input, nodes: input.nodes.map((n) => ({ ...n, title: `${n.title}!` })) };
    const layout = await layoutGraph(retitled, 1, cache);
    expect(computed()).toBe(1);
    expect(layout.nodes[0]!.title).toBe(`${input.nodes[0]!.title}!`);
  });

  it('lays out again when a link changes', async () => {
    const { cache, computed } = mapCache();
    const input = clusters(5, 6);
    await layoutGraph(input, 1, cache);
    const relinked = { ...input, edges: [...input.edges, [input.nodes[0]!.id, input.nodes[29]!.id] as const] };
    expect(await layoutGraph(relinked, 1, cache)).toEqual(await layoutGraph(relinked));
    expect(computed()).toBe(2);
  });
});
