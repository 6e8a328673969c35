import { edges } from './link-graph.ts';
import { layoutGraph, type GraphData } from './graph-layout.ts';
import { pageRef } from './page-ref.ts';
import type { SiteGraph } from './site-graph.ts';

let cached: GraphData | undefined;

/** The whole site as a laid-out graph: notes and concepts, one edge per link. Computed once per build. */
export function siteGraphData(site: SiteGraph): GraphData {
  if (cached && !import.meta.env.DEV) return cached;
  const nodes = [...site.graph.pages.keys()].map((id) => pageRef(site.graph, id));
  cached = layoutGraph({ nodes, edges: edges(site.graph) });
  return cached;
}
