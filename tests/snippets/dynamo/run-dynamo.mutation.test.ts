/**
 * How a Dynamo run is set up and checked (snippets/dynamo/run-dynamo.ts): the clients' workload, each
 * invariant and the liveness rule, each fed a hand-built view that keeps it or breaks it in one way. The
 * seeded suites run all of it, but only on runs that keep the invariants, so an invariant that never
 * fires, or names the wrong thing, would not fail them. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { converged, dotReused, dynamoInvariants, dynamoRunOptions, foreignVersions, lostWrite, staleGet } from '../../../snippets/dynamo/run-dynamo.ts';
import { DEFAULT_CONFIG } from '../../../snippets/dynamo/node.ts';
import type { Durable, Hint, Store } from '../../../snippets/dynamo/types.ts';
import type { Version } from '../../../snippets/dynamo/versions.ts';
import type { ClientOperation } from '../../../snippets/sim/index.ts';

const version = (value: number, node: string, counter: number, context: Record<string, number> = {}): Version => ({ value, context, dot: { node, counter } });
const hint = (home: string, key: string, v: Version): Hint => ({ home, key, version: v });
const disk = (store: Store = {}, hints: Hint[] = []): Durable => ({ store, hints, issued: 0, boot: 0 });
/** A node of a cluster view: its disk, and (when up) the same as its state. */
const node = (id: string, durable: Durable | undefined, up = true) => ({ id, up, durable, state: { ...(durable ?? disk()), id } });
const view = (nodes: ReturnType<typeof node>[], history: ClientOperation[] = []) => ({ tick: 0, nodes, history, settledTick: undefined }) as never;
const putOp = (id: number, key: string, value: number, dot: [string, number], returnTick = id): ClientOperation =>
  ({ id, client: 'c1', key, op: 'put', args: value, invokeTick: returnTick - 1, returnTick, invokeOrder: 2 * id, returnOrder: 2 * id + 1, result: { kind: 'put-ok', dot: { node: dot[0], counter: dot[1] } } });
const getOp = (id: number, key: string, siblings: Version[], invokeOrder = 2 * id): ClientOperation =>
  ({ id, client: 'c2', key, op: 'get', args: key, invokeTick: id, returnTick: id + 2, invokeOrder, returnOrder: invokeOrder + 1, result: { kind: 'get-ok', siblings, context: {} } });

describe('the workload (read-modify-write, §4.4)', () => {
  const workload = () => dynamoRunOptions({ seed: 1, safetyTicks: 150 }).clients![0]!.workload;
  const firstOf = { pick: <T,>(xs: readonly T[]) => xs[0]! };
  const call = (tick: number, previous: unknown) => workload()({ index: 1, tick, rng: firstOf, previous } as never);
  const read = { op: 'get', key: 'cart-1', returnTick: 9, result: { kind: 'get-ok', siblings: [], context: { n4: 1 } } };

  it('after a get answered, the client writes back with its context, up to and including the last safety tick; after it, it only reads', () => {
    expect(call(150, read)).toMatchObject({ request: { kind: 'put', key: 'cart-1', context: { n4: 1 }, value: 1001 }, op: 'put' });
    expect(call(151, read)).toMatchObject({ request: { kind: 'get' }, op: 'get' });
  });
});

describe('a dot names one write (§4.4)', () => {
  it('two disks holding one dot with two values: the message names both disks', () => {
    const nodes = [node('n1', disk({ 'cart-1': [version(7, 'n4', 1)] })), node('n2', disk({ 'cart-1': [version(8, 'n4', 1)] }))];
    expect(dotReused(view(nodes))).toBe("dot n4:1 names two writes: 7 (on n1's disk) and 8 (on n2's disk)");
  });

  it('a hinted version counts, also on a node that stores nothing of the key itself (a fallback)', () => {
    const nodes = [node('n1', disk({ 'cart-1': [version(7, 'n4', 1)] })), node('n3', disk({}, [hint('n5', 'cart-1', version(8, 'n4', 1))]))];
    expect(dotReused(view(nodes))).toBe("dot n4:1 names two writes: 7 (on n1's disk) and 8 (on n3's disk)");
    const same = [node('n1', disk({ 'cart-1': [version(7, 'n4', 1)] })), node('n3', disk({}, [hint('n5', 'cart-1', version(7, 'n4', 1))]))];
    expect(dotReused(view(same))).toBeUndefined();
  });

  it('the same write acknowledged twice is one write; two writes told one dot are not', () => {
    expect(dotReused(view([], [putOp(1, 'cart-1', 7, ['n4', 1]), putOp(2, 'cart-1', 7, ['n4', 1])]))).toBeUndefined();
    expect(dotReused(view([], [putOp(1, 'cart-1', 7, ['n4', 1]), putOp(2, 'cart-1', 8, ['n4', 1], 5)]))).toBe(
      'dot n4:1 names two writes: 7 (put acknowledged at tick 1) and 8 (put acknowledged at tick 5)',
    );
  });
});

describe('no acknowledged put is lost (§4.4)', () => {
  it('a hint of another key does not hold the put', () => {
    const history = [putOp(1, 'cart-1', 7, ['n4', 1], 3)];
    expect(lostWrite(view([node('n3', disk({}, [hint('n5', 'cart-2', version(7, 'n4', 1))]))], history))).toBe('put(cart-1, 7) acknowledged at tick 3 is on no disk');
    expect(lostWrite(view([node('n3', disk({}, [hint('n5', 'cart-1', version(7, 'n4', 1))]))], history))).toBeUndefined();
  });
});

describe('a get returns versions of its own key', () => {
  it('a value put to two keys is named with both', () => {
    const history = [putOp(1, 'cart-1', 5, ['n4', 1]), putOp(2, 'cart-2', 5, ['n4', 2]), getOp(3, 'cart-3', [version(5, 'n4', 1)])];
    expect(foreignVersions(history)).toBe('get(cart-3) at ticks 3-5 returned 5, which was put to cart-1, cart-2');
  });
});

describe('a get sees every put acknowledged before it began (§4.5)', () => {
  it('a get that misses an earlier put names what it returned and the put it missed', () => {
    const get = getOp(5, 'cart-1', [version(1, 'n1', 1), version(2, 'n2', 1)]) as never;
    expect(staleGet([putOp(1, 'cart-1', 7, ['n4', 1], 3), get], get)).toBe('get(cart-1) at ticks 5-7 returned [1, 2], missing put 7 acknowledged at tick 3');
    // A sibling with the put's dot, or one written by someone who had read it, has seen it.
    expect(staleGet([putOp(1, 'cart-1', 7, ['n4', 1], 3), get], getOp(5, 'cart-1', [version(7, 'n4', 1)]) as never)).toBeUndefined();
    expect(staleGet([putOp(1, 'cart-1', 7, ['n4', 1], 3), get], getOp(5, 'cart-1', [version(9, 'n2', 1, { n4: 1 })]) as never)).toBeUndefined();
  });

  it('strict runs check every get of the history, not just the first one not yet checked', () => {
    const check = dynamoInvariants({ strict: true })['a get sees every put acknowledged before it began (§4.5, R + W > N)']!;
    const history = [putOp(1, 'cart-1', 7, ['n4', 1], 3), getOp(5, 'cart-1', [version(7, 'n4', 1)]), getOp(6, 'cart-1', [])];
    expect(check(view([], history))).toBe('get(cart-1) at ticks 6-8 returned [], missing put 7 acknowledged at tick 3');
  });
});

describe('stored siblings never descend from one another (§4.4)', () => {
  const check = () => dynamoInvariants({ strict: false })['stored siblings never descend from one another (§4.4)']!;

  it('a disk keeping a version and its ancestor as siblings is named, with the key', () => {
    const kept = disk({ 'cart-2': [version(1, 'n1', 1)], 'cart-1': [version(5, 'n4', 1), version(6, 'n5', 1), version(8, 'n2', 1, { n4: 1 })] });
    expect(check()(view([node('n1', disk()), node('n2', kept)]))).toBe('n2 keeps an ancestor among the siblings of cart-1');
  });

  it('concurrent siblings are fine, and so is a node with nothing on disk', () => {
    const siblings = disk({ 'cart-1': [version(5, 'n4', 1), version(6, 'n5', 1)] });
    expect(check()(view([node('n1', undefined), node('n2', siblings)]))).toBeUndefined();
  });
});

describe('liveness: the home replicas converge (§4.6, §5)', () => {
  const config = DEFAULT_CONFIG;
  // cart-1's homes among n1..n5 are n4, n5, n2 (coordinator.mutation.test.ts).
  const five = (store: Store, change: Partial<Record<string, ReturnType<typeof node>>> = {}) =>
    ['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => change[id] ?? node(id, disk(['n2', 'n4', 'n5'].includes(id) ? store : {})));
  const seven = version(7, 'n4', 1);

  it('holds when the homes agree and hold every acknowledged put, and no hint is left', () => {
    expect(converged(view(five({ 'cart-1': [seven] }), [putOp(1, 'cart-1', 7, ['n4', 1])]), config, ['cart-1'])).toBeUndefined();
  });

  it('not while a home is down, even if the others agree', () => {
    expect(converged(view(five({}, { n5: node('n5', disk(), false) })), config, ['cart-1'])).toBe('a home replica of cart-1 is down');
  });

  it('not while the homes disagree', () => {
    expect(converged(view(five({}, { n2: node('n2', disk({ 'cart-1': [seven] })) })), config, ['cart-1'])).toBe('home replicas of cart-1 disagree');
  });

  it('not while an acknowledged put is on no home', () => {
    expect(converged(view(five({}), [putOp(1, 'cart-1', 7, ['n4', 1], 4)]), config, ['cart-1'])).toBe('put(cart-1, 7) acknowledged at tick 4 is on no home replica of cart-1');
  });

  it('not while a node that is up still holds a hint; a node that is down does not count', () => {
    const hinted = disk({}, [hint('n5', 'cart-2', version(1, 'n1', 1))]);
    expect(converged(view(five({}, { n3: node('n3', hinted) })), config, ['cart-1'])).toBe('hints not yet handed off');
    expect(converged(view(five({}, { n3: node('n3', hinted, false) })), config, ['cart-1'])).toBeUndefined();
  });

  it('is the run\'s liveness rule, in these words', () => {
    const { liveness } = dynamoRunOptions({ seed: 1 });
    expect(liveness!.progress).toBe('after healing, the N home replicas of each key hold the same siblings, with every acknowledged put, and no hints are left (§4.6, §5)');
    expect(liveness!.holds(view(five({})))).toBe(true);
    expect(liveness!.holds(view(five({}, { n5: node('n5', disk(), false) })))).toBe(false);
  });
});
