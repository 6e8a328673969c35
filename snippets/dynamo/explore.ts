/**
 * `npm run explore -- dynamo`: a Dynamo cluster with N = 3, R = W = 2 (sloppy quorums, hinted
 * handoff), every interleaving of a put and a get of one key through its first home replica. Checked in
 * every state: no acknowledged put is lost, stored siblings never descend from one another, and a get
 * sees every put acknowledged before it began (§4.5; it holds while R + W > N).
 */
import { defineSetup, type ExploreDescriptor } from '../explore/descriptor.ts';
import type { ClientOperation, ClientSpec, Invariant } from '../sim/index.ts';
import { DEFAULT_CONFIG, dynamo } from './node.ts';
import { buildRing, preferenceList } from './ring.ts';
import { lostWrite, nodeNames, staleGet } from './run-dynamo.ts';
import type { DynamoConfig, DynamoResponse, DynamoTypes } from './types.ts';
import { supersedes } from './versions.ts';

const variants = {
  'r1-w1': 'R + W ≤ N (R = W = 1): a get can miss a put acknowledged before it began',
} as const;

type GetOk = Extract<DynamoResponse, { kind: 'get-ok' }>;
const isGet = (op: ClientOperation): op is ClientOperation & { result: GetOk; returnTick: number } => op.op === 'get' && op.returnTick !== undefined;

const invariants = (): Record<string, Invariant<DynamoTypes>> => ({
  'no acknowledged put is lost (§4.4)': lostWrite,
  'stored siblings never descend from one another (§4.4)': ({ nodes }) => {
    for (const n of nodes) {
      for (const [key, vs] of Object.entries(n.durable?.store ?? {})) {
        if (vs.some((v) => vs.some((w) => w !== v && supersedes(w, v)))) return `${n.id} keeps an ancestor among the siblings of ${key}`;
      }
    }
    return undefined;
  },
  // The explorer hands invariants the history with event orders as ticks, so "before it began" is exact.
  'a get sees every put acknowledged before it began (§4.5, R + W > N)': ({ history }) => {
    for (const get of history.filter(isGet)) {
      const problem = staleGet(history, get);
      if (problem) return problem;
    }
    return undefined;
  },
});

export const explore: ExploreDescriptor = {
  description: 'Dynamo, N = 3, R = W = 2: c1 puts cart-1 through one home replica, c2 gets it through another (c3, c4… alternate).',
  variants,
  defaults: { nodes: 3, requests: 2, depth: 12, crashes: 0, losses: 0, timers: 1 },
  setup({ nodes: count, requests, variant }) {
    const config: DynamoConfig = { ...DEFAULT_CONFIG, ...(variant === 'r1-w1' ? { r: 1, w: 1 } : {}) };
    const nodes = nodeNames(count);
    const homes = preferenceList(buildRing(nodes, config.tokensPerNode), 'cart-1', config.n);
    const clients = Array.from({ length: requests }, (_, i): ClientSpec<DynamoTypes> => {
      const put = i % 2 === 0;
      const to = homes[i % homes.length]!;
      return {
        id: `c${i + 1}`,
        workload: ({ index }) => {
          if (index > 0) return undefined;
          if (put) return { to, request: { kind: 'put', key: 'cart-1', context: {}, value: i + 1 }, op: 'put', args: i + 1, key: 'cart-1' };
          return { to, request: { kind: 'get', key: 'cart-1' }, op: 'get', args: 'cart-1', key: 'cart-1' };
        },
      };
    });
    return defineSetup<DynamoTypes>({ model: dynamo, nodes, config, clients, invariants });
  },
};
