/**
 * `npm run explore -- dynamo`: a Dynamo cluster with N = 3, R = W = 2, every interleaving of a put and
 * a get of one key (by default through two of its home replicas). Checked in every state: no
 * acknowledged put is lost, a dot names one write, stored siblings never descend from one another, and
 * a get sees every put acknowledged before it began (§4.5; it holds while R + W > N and no quorum is
 * sloppy, which is why the search runs no timers: a coordinator that never times out never suspects).
 */
import { defineSetup, type Defaults, type ExploreDescriptor } from '../explore/descriptor.ts';
import type { ClientOperation, ClientSpec, Invariant } from '../sim/index.ts';
import { DEFAULT_CONFIG, dynamo } from './node.ts';
import { buildRing, preferenceList } from './ring.ts';
import { dotReused, lostWrite, nodeNames, staleGet } from './run-dynamo.ts';
import type { DynamoConfig, DynamoResponse, DynamoTypes } from './types.ts';
import { dynamoVariants, isDynamoVariant, type DynamoVariant } from './variants.ts';
import { supersedes } from './versions.ts';
import { variantDescriptions } from '../demo.ts';

// The same names and rules as `npm run snippet -- dynamo --variant` and the player (variants.ts).
const named = (breaks: DynamoVariant['breaks']) =>
  variantDescriptions(dynamoVariants, (v) => v.breaks === breaks);

/**
 * The crash-restart bugs need a coordinator that is not a home replica of the key (it stores nothing
 * itself, so only the homes' disks count), and so a fourth node, and two puts through it.
 */
const variantDefaults: Readonly<Record<string, Defaults>> = {
  'r1-w1': { depth: 8 },
  'first-reply-get': { depth: 11 },
  'op-ids-restart': { nodes: 4, depth: 12, crashes: 1 },
  'forgetful-dots': { nodes: 4, depth: 10, crashes: 1 },
};
const twoPutsThroughOutsider = new Set(['op-ids-restart', 'forgetful-dots']);

type GetOk = Extract<DynamoResponse, { kind: 'get-ok' }>;
const isGet = (op: ClientOperation): op is ClientOperation & { result: GetOk; returnTick: number } => op.op === 'get' && op.returnTick !== undefined;

const invariants = (): Record<string, Invariant<DynamoTypes>> => ({
  'no acknowledged put is lost (§4.4)': lostWrite,
  'a dot names one write (§4.4)': dotReused,
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
  description: 'Dynamo, N = 3, R = W = 2: c1 puts cart-1 through one home replica, c2 gets it through another (c3, c4… alternate); no timers, so no sloppy quorum.',
  variants: named('safety'),
  livenessOnly: named('liveness'),
  defaults: { nodes: 3, requests: 2, depth: 12, crashes: 0, losses: 0, timers: 0 },
  variantDefaults,
  setup({ nodes: count, requests, variant, shape = variant }) {
    const config: DynamoConfig = { ...DEFAULT_CONFIG, ...(variant !== undefined && isDynamoVariant(variant) ? dynamoVariants[variant].config : {}) };
    const nodes = nodeNames(count);
    const homes = preferenceList(buildRing(nodes, config.tokensPerNode), 'cart-1', config.n);
    const outsider = nodes.find((node) => !homes.includes(node));
    const restartBug = shape !== undefined && twoPutsThroughOutsider.has(shape);
    if (restartBug && outsider === undefined) throw new Error(`dynamo --variant ${variant} needs a node that is not a home of cart-1: use --nodes 4 or more`);
    const clients = Array.from({ length: requests }, (_, i): ClientSpec<DynamoTypes> => {
      const put = restartBug || i % 2 === 0;
      const to = restartBug ? outsider! : homes[i % homes.length]!;
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
