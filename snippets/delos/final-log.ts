/**
 * The log a run ended with, read from what the nodes hold on disk: sealed segments up to the boundary
 * the chain recorded, the active segment up to what a majority of its LogServers stored (or all a
 * simple Loglet stored). The linearizability check uses it to settle appends whose outcome the
 * client never learned (see `logHistory`).
 */
import { majority, type Chain } from './types.ts';
import { installedChain } from './invariants.ts';
import type { ClusterView } from '../sim/index.ts';
import type { DelosTypes } from './model.ts';

function holders(view: ClusterView<DelosTypes>, loglet: number, pos: number): number[] {
  const values: number[] = [];
  for (const node of view.nodes) {
    const d = node.durable;
    if (d?.role === 'simple') {
      const e = d.loglets[loglet]?.entries[pos];
      if (e) values.push(e.value);
    }
    if (d?.role === 'server') {
      const e = d.loglets[loglet]?.entries[pos];
      if (e) values.push(e.value);
    }
  }
  return values;
}

export function finalLog(view: ClusterView<DelosTypes>): number[] | undefined {
  const installed = installedChain(view);
  if (!installed) return undefined;
  const chain: Chain = installed.chain;
  const servers = view.nodes.filter((n) => n.durable?.role === 'server').length;
  const log: number[] = [];
  chain.forEach((segment, index) => {
    const next = chain[index + 1];
    for (let pos = 0; ; pos++) {
      if (next && segment.start + pos >= next.start) return;
      const values = holders(view, segment.loglet, pos);
      const needed = next || segment.kind === 'simple' ? 1 : majority(servers);
      if (values.length < needed) {
        if (next) throw new Error(`L${segment.loglet}:${pos} is inside the chain but stored nowhere`);
        return;
      }
      log.push(values[0]!);
    }
  });
  return log;
}
