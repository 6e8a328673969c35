import { siteGraph } from '../lib/site-graph.ts';
import { siteGraphData } from '../lib/graph-data.ts';

/** /graph.json: the laid-out graph the graph page draws; fetched only by that page's script. */
export async function GET() {
  return new Response(JSON.stringify(await siteGraphData(await siteGraph())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
