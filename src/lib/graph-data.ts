import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { edges } from './link-graph.ts';
import { layoutGraph, type GraphData, type PositionCache, type Positions, type SimulationJob } from './graph-layout.ts';
import { workerPool, workerSource } from '../plugins/worker-pool.ts';
import { pageRef } from './page-ref.ts';
import { cacheDirectory } from './cache-dir.ts';
import type { SiteGraph } from './site-graph.ts';

let cached: Promise<GraphData> | undefined;
let simulate: ((job: SimulationJob) => Promise<Positions>) | undefined;

/**
 * The whole site as a laid-out graph: notes and concepts, one edge per link. Computed once per build.
 * The force simulation (about a second at 1000 pages) runs in a worker thread: pages render four at a
 * time, and the others go on rendering on the main thread while it runs.
 */
export function siteGraphData(site: SiteGraph): Promise<GraphData> {
  if (cached && !import.meta.env.DEV) return cached;
  const nodes = [...site.graph.pages.keys()].map((id) => pageRef(site.graph, id));
  simulate ??= workerPool<SimulationJob, Positions>({ file: workerSource(new URL('./graph-layout-worker.ts', import.meta.url), 'src/lib/graph-layout-worker.ts'), size: 1 });
  cached = layoutGraph({ nodes, edges: edges(site.graph) }, 1, diskCache(join(cacheDirectory(), 'graph-layout')), simulate);
  return cached;
}

/**
 * The last layout, kept on disk: laying out thousands of pages takes seconds, and most rebuilds change
 * no link. Only the newest layout is kept.
 */
function diskCache(dir: string): PositionCache {
  const file = (key: string) => join(dir, `${key}.json`);
  return {
    get(key) {
      try {
        return JSON.parse(readFileSync(file(key), 'utf8')) as Positions;
      } catch {
        return undefined;
      }
    },
    set(key, positions) {
      mkdirSync(dir, { recursive: true });
      for (const old of readdirSync(dir)) rmSync(join(dir, old), { force: true });
      writeFileSync(file(key), JSON.stringify(positions));
    },
  };
}
