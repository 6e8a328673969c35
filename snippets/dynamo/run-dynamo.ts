/**
 * Runs the Dynamo model on the simulator: clients read a key, then write it back with the context
 * they read (§4.1), under a faulty network; invariants are checked after every step and, after the
 * faults heal, the home replicas must converge. Tests, the demo and the note's diagrams run it here.
 */
import { simulate, type ClientOperation, type ClientSpec, type ClusterView, type FaultInjection, type Invariant, type NetworkFaults, type RunResult, type Simulator } from '../sim/index.ts';
import { DEFAULT_CONFIG, dynamo } from './node.ts';
import { buildRing, preferenceList } from './ring.ts';
import type { Durable, DynamoConfig, DynamoResponse, DynamoTypes } from './types.ts';
import { covered, dotKey, sameDot, sameSiblings, supersedes, type Dot, type Version } from './versions.ts';
import type { RunOptions } from '../sim/index.ts';

export interface DynamoRun {
  readonly seed: number;
  readonly config?: Partial<DynamoConfig>;
  /** Physical nodes in the cluster (N of them hold each key). */
  readonly nodes?: number;
  readonly clients?: number;
  readonly keys?: readonly string[];
  readonly network?: Partial<NetworkFaults>;
  readonly faults?: FaultInjection;
  /** Faults of the run's own making (swarm testing: `swarmCrashes`). */
  readonly scenario?: ((sim: Simulator<DynamoTypes>) => void) | undefined;
  readonly safetyTicks?: number;
  /** Also check, after every step, that each get saw every put acknowledged before it began (strict quorum, no failures). */
  readonly strict?: boolean;
  /** Skip the liveness phase. */
  readonly noLiveness?: boolean;
}

/** A lossy, duplicating, reordering network with crashes and partitions: the safety phase of the suite. */
export const FAULTY: { network: Partial<NetworkFaults>; faults: FaultInjection } = {
  network: { delayTicksMin: 1, delayTicksMax: 6, lossProbability: 0.05, duplicateProbability: 0.05, reorder: true },
  faults: {
    crash: { probabilityPerTick: 0.01, downTicksMin: 5, downTicksMax: 40 },
    partition: { probabilityPerTick: 0.02, durationTicksMin: 10, durationTicksMax: 50, oneWayProbability: 0.3 },
  },
};

export const nodeNames = (count: number) => Array.from({ length: count }, (_, i) => `n${i + 1}`);
export const KEYS = ['cart-1', 'cart-2'] as const;

type GetOk = Extract<DynamoResponse, { kind: 'get-ok' }>;
type PutOk = Extract<DynamoResponse, { kind: 'put-ok' }>;
const isPut = (op: ClientOperation): op is ClientOperation & { result: PutOk; returnTick: number } => op.op === 'put' && op.returnTick !== undefined;
const isGet = (op: ClientOperation): op is ClientOperation & { result: GetOk; returnTick: number } => op.op === 'get' && op.returnTick !== undefined;

// #region workload
/**
 * Read-modify-write, as the cart does (§4.4): get a key, then put a new value with the context the
 * get returned, which names every sibling it replaces. After a timeout the client tries any node
 * (a sloppy coordinator); otherwise one of the key's top N. After the faults stop, it only reads.
 */
function workload(client: number, config: DynamoConfig, nodes: readonly string[], keys: readonly string[], safetyTicks: number): ClientSpec<DynamoTypes>['workload'] {
  const ring = buildRing(nodes, config.tokensPerNode);
  return ({ index, tick, rng, previous }) => {
    const lastGet = previous?.op === 'get' ? previous : undefined;
    const key = lastGet?.key ?? rng.pick(keys);
    const homes = preferenceList(ring, key, config.n);
    const to = previous && previous.returnTick === undefined ? rng.pick(nodes) : rng.pick(homes);
    if (!lastGet || tick > safetyTicks) {
      const next = rng.pick(keys);
      return { to: previous && previous.returnTick === undefined ? rng.pick(nodes) : rng.pick(preferenceList(ring, next, config.n)), request: { kind: 'get', key: next }, op: 'get', args: next, key: next, timeoutTicks: 50 };
    }
    const context = lastGet.returnTick !== undefined ? (lastGet.result as GetOk).context : {};
    const value = client * 1000 + index; // unique: a lost write names itself
    return { to, request: { kind: 'put', key, context, value }, op: 'put', args: value, key, timeoutTicks: 50 };
  };
}
// #endregion

/** Everything a node has on disk for a key: its own replicas and its hinted ones. */
function onDisk(view: ClusterView<DynamoTypes>['nodes'][number], key: string): Version[] {
  const d = view.durable;
  if (!d) return [];
  return [...(d.store[key] ?? []), ...d.hints.filter((h) => h.key === key).map((h) => h.version)];
}

// #region invariants
/** No acknowledged put is silently lost: some disk holds it or a version written by someone who had read it (§4.4). */
export function lostWrite(view: ClusterView<DynamoTypes>): string | undefined {
  for (const op of view.history.filter(isPut)) {
    const dot: Dot = op.result.dot;
    if (!view.nodes.some((n) => covered(onDisk(n, op.key!), dot, op.args as number))) return `put(${op.key}, ${op.args}) acknowledged at tick ${op.returnTick} is on no disk`;
  }
  return undefined;
}

/**
 * A dot names one write (§4.4): no two acknowledged puts were told the same dot, and no two versions
 * on disk share a dot with different values. A coordinator that forgets its counter breaks it.
 */
export function dotReused(view: ClusterView<DynamoTypes>): string | undefined {
  const acknowledged = acknowledgedDots(view.history);
  if (acknowledged.problem) return acknowledged.problem;
  const named = new Map(acknowledged.named);
  for (const n of view.nodes) {
    for (const { dot, value } of n.durable ? dotsOnDisk(n.durable) : []) {
      const first = named.get(dot);
      if (first === undefined) named.set(dot, { value, where: `on ${n.id}'s disk` });
      else if (first.value !== value) return `dot ${dot} names two writes: ${first.value} (${first.where}) and ${value} (on ${n.id}'s disk)`;
    }
  }
  return undefined;
}

type Named = ReadonlyMap<string, { readonly value: number; readonly where: string }>;

// Histories and disks are immutable (a change makes a new object), so what dotReused reads from one
// is worked out once and kept with it: a step rescans only the disks it wrote.
const acknowledgedCache = new WeakMap<readonly ClientOperation[], { named: Named; problem: string | undefined }>();
const diskCache = new WeakMap<Durable, ReadonlyArray<{ dot: string; value: number }>>();

/** The dots of the acknowledged puts, in history order, or the first one told to two writes. */
function acknowledgedDots(history: readonly ClientOperation[]): { named: Named; problem: string | undefined } {
  const cached = acknowledgedCache.get(history);
  if (cached) return cached;
  const named = new Map<string, { value: number; where: string }>();
  let problem: string | undefined;
  for (const op of history) {
    if (!isPut(op)) continue;
    const dot = dotKey(op.result.dot);
    const value = op.args as number;
    const where = `put acknowledged at tick ${op.returnTick}`;
    const first = named.get(dot);
    if (first === undefined) named.set(dot, { value, where });
    else if (first.value !== value) {
      problem = `dot ${dot} names two writes: ${first.value} (${first.where}) and ${value} (${where})`;
      break;
    }
  }
  const result = { named, problem };
  acknowledgedCache.set(history, result);
  return result;
}

/**
 * A disk's versions as (dot, value), key by key, each key's replicas then its hints (onDisk's order).
 * The keys are those stored and those hinted: a fallback often holds a key only as a hint.
 */
function dotsOnDisk(durable: Durable): ReadonlyArray<{ dot: string; value: number }> {
  const cached = diskCache.get(durable);
  if (cached) return cached;
  const keys = new Set([...Object.keys(durable.store), ...durable.hints.map((h) => h.key)]);
  const dots = [...keys].flatMap((key) =>
    [...(durable.store[key] ?? []), ...durable.hints.filter((h) => h.key === key).map((h) => h.version)].map((v) => ({ dot: dotKey(v.dot), value: v.value })),
  );
  diskCache.set(durable, dots);
  return dots;
}

const foreignCache = new WeakMap<readonly ClientOperation[], string | undefined>();
const ancestorCache = new WeakMap<Durable, string | undefined>();

/** The first key whose stored siblings include one that another descends from (kept with the disk, like `dotsOnDisk`). */
function keyWithAncestor(durable: Durable): string | undefined {
  if (ancestorCache.has(durable)) return ancestorCache.get(durable);
  const key = Object.entries(durable.store).find(([, vs]) => vs.some((v) => vs.some((w) => w !== v && supersedes(w, v))))?.[0];
  ancestorCache.set(durable, key);
  return key;
}

/**
 * A get returns versions of its own key only: each sibling's value was put to that key. Replies are
 * matched to operations by op id (the key is not in them), so a coordinator that reuses an op id
 * (variant `incarnation: false`) can answer a get of one key with the replies to a get of another.
 */
export function foreignVersions(history: readonly ClientOperation[]): string | undefined {
  // A value may be put to several keys (a reader in the player types any number), so each maps to a set.
  const keysOf = new Map<number, Set<string | undefined>>();
  for (const op of history) if (op.op === 'put') keysOf.set(op.args as number, (keysOf.get(op.args as number) ?? new Set()).add(op.key));
  for (const get of history) {
    if (!isGet(get)) continue;
    const foreign = get.result.siblings.find((s) => !keysOf.get(s.value)?.has(get.key));
    if (foreign) return `get(${get.key}) at ticks ${get.invokeTick}-${get.returnTick} returned ${foreign.value}, which was put to ${[...(keysOf.get(foreign.value) ?? [])].join(', ') || 'no key'}`;
  }
  return undefined;
}

/** A get sees every put acknowledged before it began (R + W > N, no failures, §4.5). */
export function staleGet(history: readonly ClientOperation[], get: ClientOperation & { result: GetOk; returnTick: number }): string | undefined {
  for (const put of history.filter(isPut)) {
    // Event order, not ticks: a put acknowledged in the tick the get was called, before the call, counts.
    if (put.key !== get.key || put.returnOrder! > get.invokeOrder) continue;
    const seen = get.result.siblings.some((s) => sameDot(s.dot, put.result.dot) || supersedes(s, { value: 0, context: {}, dot: put.result.dot }));
    if (!seen) return `get(${get.key}) at ticks ${get.invokeTick}-${get.returnTick} returned [${get.result.siblings.map((s) => s.value).join(', ')}], missing put ${put.args} acknowledged at tick ${put.returnTick}`;
  }
  return undefined;
}
// #endregion

/** The key's N home replicas agree, hold every acknowledged put, and no hint is left to deliver. */
export function converged(view: ClusterView<DynamoTypes>, config: DynamoConfig, keys: readonly string[]): string | undefined {
  const ids = view.nodes.map((n) => n.id);
  const ring = buildRing(ids, config.tokensPerNode);
  for (const key of keys) {
    const homes = preferenceList(ring, key, config.n).map((id) => view.nodes.find((n) => n.id === id)!);
    const sets = homes.map((n) => (n.up ? (n.state.store[key] ?? []) : undefined));
    if (sets.some((s) => s === undefined)) return `a home replica of ${key} is down`;
    if (!sets.every((s) => sameSiblings(s!, sets[0]!))) return `home replicas of ${key} disagree`;
    for (const put of view.history.filter(isPut)) {
      if (put.key === key && !covered(sets[0]!, put.result.dot, put.args as number)) return `put(${key}, ${put.args}) acknowledged at tick ${put.returnTick} is on no home replica of ${key}`;
    }
  }
  if (view.nodes.some((n) => n.up && n.state.hints.length > 0)) return 'hints not yet handed off';
  return undefined;
}

/** The properties every run checks after every step; `strict` adds the §4.5 read-your-quorum check (for runs without failures). */
export function dynamoInvariants({ strict }: { strict: boolean }): Record<string, Invariant<DynamoTypes>> {
  const checkedGets = new Set<number>();
  return {
    'a dot names one write (§4.4)': dotReused,
    'a get returns versions of its own key': ({ history }) => {
      // A history changes only on a call or a reply: check each one once.
      if (!foreignCache.has(history)) foreignCache.set(history, foreignVersions(history));
      return foreignCache.get(history);
    },
    'no acknowledged put is lost (§4.4)': lostWrite,
    'stored siblings never descend from one another (§4.4)': ({ nodes: views }) => {
      for (const n of views) {
        const key = n.durable && keyWithAncestor(n.durable);
        if (key !== undefined) return `${n.id} keeps an ancestor among the siblings of ${key}`;
      }
      return undefined;
    },
    ...(strict ? {
      'a get sees every put acknowledged before it began (§4.5, R + W > N)': ({ history }) => {
        for (const get of history.filter(isGet)) {
          if (checkedGets.has(get.id)) continue;
          checkedGets.add(get.id);
          const problem = staleGet(history, get);
          if (problem) return problem;
        }
        return undefined;
      },
    } : {}),
  };
}

export function runDynamo(run: DynamoRun): RunResult<DynamoTypes> {
  return simulate<DynamoTypes>({ ...dynamoRunOptions(run), scenario: run.scenario });
}

/** runDynamo's options without the run's own script: what the player's random-faults scenario plays. */
export function dynamoRunOptions(run: Omit<DynamoRun, 'scenario'>): Omit<RunOptions<DynamoTypes>, 'scenario'> {
  const config: DynamoConfig = { ...DEFAULT_CONFIG, ...run.config };
  const nodes = nodeNames(run.nodes ?? 5);
  const keys = run.keys ?? KEYS;
  const safetyTicks = run.safetyTicks ?? 150;
  const clients = Array.from({ length: run.clients ?? 3 }, (_, i) => ({ id: `c${i + 1}`, workload: workload(i + 1, config, nodes, keys, safetyTicks), thinkTicksMax: 4 }));
  return {
    model: dynamo,
    nodes,
    config,
    seed: run.seed,
    network: run.network,
    faults: run.faults,
    clients,
    safetyTicks,
    invariants: dynamoInvariants({ strict: run.strict ?? false }),
    ...(run.noLiveness ? {} : {
      liveness: {
        progress: 'after healing, the N home replicas of each key hold the same siblings, with every acknowledged put, and no hints are left (§4.6, §5)',
        holds: (view: ClusterView<DynamoTypes>) => converged(view, config, keys) === undefined,
        withinTicks: 200,
      },
    }),
  };
}
