import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { edges } from './link-graph.ts';
import { layoutGraph, type GraphData, type PositionCache, type Positions } from './graph-layout.ts';
import { pageRef } from './page-ref.ts';
import { cacheDirectory } from './cache-dir.ts';
import type { SiteGraph } from './site-graph.ts';

let cached: GraphData | undefined;

/** The whole site as a laid-out graph: notes and concepts, one edge per link. Computed once per build. */
export function siteGraphData(site: SiteGraph): GraphData {
  if (cached && !import.meta.env.DEV) return cached;
  const nodes = [...site.graph.pages.keys()].map((id) => pageRef(site.graph, id));
  cached = layoutGraph({ nodes, edges: edges(site.graph) }, 1, diskCache(join(cacheDirectory(), 'graph-layout')));
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
