/**
 * Edges of the Dynamo folder's surface that the whole-folder mutation run (session 17) found unstated:
 * the explorer's client names and its checks over more than one call, the scripted runs' stale-read
 * finder and what their scripts do, the diagrams' cut-offs, the player's after-the-heal check and ring
 * card, and the trace's labels. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/dynamo/demo.ts';
import { explore } from '../../../snippets/dynamo/explore.ts';
import { dynamo } from '../../../snippets/dynamo/node.ts';
import { dynamoPlay } from '../../../snippets/dynamo/play.ts';
import { deadHomes, firstReplyOnly, getOfAnotherKey, partitionedWrite, restartedCoordinator, scenarios, staleReadIn } from '../../../snippets/dynamo/scenarios.ts';
import type { NodeState } from '../../../snippets/dynamo/types.ts';
import type { Version } from '../../../snippets/dynamo/versions.ts';
import type { ClientOperation } from '../../../snippets/sim/index.ts';
import { frameAtTick } from '../play/played.ts';

const version = (value: number, node: string, counter: number, context: Record<string, number> = {}): Version => ({ value, context, dot: { node, counter } });
const put = (id: number, value: number, invokeOrder: number, returnOrder: number): ClientOperation =>
  ({ id, client: `c${id}`, op: 'put', args: value, key: 'cart-1', invokeTick: invokeOrder, invokeOrder, returnTick: returnOrder, returnOrder, result: { kind: 'put-ok', dot: { node: 'n1', counter: id } } });
const get = (id: number, siblings: Version[], invokeOrder: number, answered = true): ClientOperation =>
  ({ id, client: `c${id}`, op: 'get', args: 'cart-1', key: 'cart-1', invokeTick: invokeOrder, invokeOrder, ...(answered ? { returnTick: invokeOrder + 2, returnOrder: invokeOrder + 2, result: { kind: 'get-ok', siblings, context: {} } } : {}) });

describe("the explorer's setup and its read check", () => {
  it('its clients are c1, c2, c3… in order', () => {
    expect(explore.setup({ nodes: 3, requests: 3, variant: undefined }).setup.clients.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('"a get sees every put acknowledged before it began" reads gets only, and every get, not just the first', () => {
    const check = explore.setup({ nodes: 3, requests: 2, variant: undefined }).setup.invariants!()['a get sees every put acknowledged before it began (§4.5, R + W > N)']!;
    const verdict = (...ops: ClientOperation[]) => check({ nodes: [], history: ops } as never);
    // Two puts one after the other: no get, nothing to check.
    expect(verdict(put(1, 1, 1, 3), put(2, 2, 4, 6))).toBeUndefined();
    expect(verdict(put(1, 1, 1, 3), get(2, [version(1, 'n1', 1)], 4), get(3, [], 7))).toBe('get(cart-1) at ticks 7-9 returned [], missing put 1 acknowledged at tick 3');
  });
});

describe("the scripted runs' stale-read finder", () => {
  const result = (...history: ClientOperation[]) => ({ history }) as never;

  it('names the first answered get that missed an earlier put, past gets that did not', () => {
    expect(staleReadIn(result(put(1, 1, 1, 3), get(2, [version(1, 'n1', 1)], 4), get(3, [], 7)))).toBe('get(cart-1) at ticks 7-9 returned [], missing put 1 acknowledged at tick 3');
  });

  it('reads answered gets only: puts one after another and a get still waiting are not stale reads', () => {
    expect(staleReadIn(result(put(1, 1, 1, 3), put(2, 2, 4, 6)))).toBeUndefined();
    expect(staleReadIn(result(put(1, 1, 1, 3), get(2, [], 4, false)))).toBeUndefined();
  });
});

describe('what the scripted runs do', () => {
  it('restarted coordinator, with the incarnation: after the heal at tick 40 the hints hand put 7 back to its homes n4 and n5', () => {
    const { final } = restartedCoordinator(true);
    const holds = (id: string) => ((final.nodes.find((n) => n.id === id)!.state as NodeState).store['cart-1'] ?? []).map((v) => v.value);
    expect(holds('n4')).toContain(7);
    expect(holds('n5')).toContain(7);
  });

  it("get of another key: n3 sends get(cart-2)'s reads to cart-2's other homes, n4 and n1", () => {
    const reads = getOfAnotherKey(true).trace.events.flatMap((e) => (e.kind === 'send' && e.node === 'n3' && e.label === 'read cart-2' ? [e.to] : []));
    expect(reads).toEqual(['n4', 'n1']);
  });

  it('two dead homes, one-tick delays: once the first put has moved their shares, each next put takes one round trip of 4 ticks (§4.6)', () => {
    const puts = deadHomes(true).history.map((op) => op.returnTick! - op.invokeTick);
    expect(puts[0]).toBeGreaterThanOrEqual(13);
    expect(puts.slice(1)).toEqual([4, 4]);
  });

  it('without hinted handoff the partitioned write never reaches its homes: the run fails its liveness rule, named', () => {
    const result = partitionedWrite(false);
    expect(result.ok ? '' : result.message).toBe('no progress: "home replicas of cart-1 converge with every acknowledged put" still false 120 ticks after settling at tick 80');
  });

  it('the runs that crash nodes do not check the strict read rule (R + W > N promises it only without failures)', () => {
    for (const id of ['restarted-coordinator', 'forgotten-counter', 'dead-homes']) {
      expect(Object.keys(dynamoPlay.scenarios.find((s) => s.id === id)!.invariants!())).not.toContain('a get sees every put acknowledged before it began (§4.5, R + W > N)');
    }
  });

  it("first reply: the cut is one way, n4 to n5: n5's read reaches n4, n4's answer is dropped, and the cut is lifted at tick 30", () => {
    const { events } = firstReplyOnly(true).trace;
    const n4n5 = events.flatMap((e) => ((e.kind === 'deliver' || e.kind === 'drop') && [e.node, e.from].sort().join() === 'n4,n5' ? [`${e.tick} ${e.kind} ${e.from}→${e.node} ${e.label}`] : []));
    expect(n4n5).toEqual(['2 drop n4→n5 replicate cart-1=7@n4:1', '10 deliver n5→n4 read cart-1', '10 drop n4→n5 has 7@n4:1']);
    expect(events.at(-1)).toMatchObject({ tick: 30, kind: 'network', text: 'heal' });
  });

  it('the no-hinted-handoff and stale-read diagrams stop where their story ends (ticks 80 and 12)', () => {
    expect(scenarios['no-hinted-handoff']!()).not.toContain('no progress');
    const stale = scenarios['stale-read']!().trimEnd().split('\n');
    expect(stale.at(-1)).toBe('    Note over c1,n5: heal');
    expect(stale.join('\n')).not.toContain('hint n5');
  });
});

describe('the player', () => {
  it('the after-the-heal check reads every get begun after the heal, not just the first', () => {
    const check = dynamoPlay.scenarios.find((s) => s.id === 'hinted-handoff')!.invariants!()['a get begun after the heal sees every acknowledged put (hinted handoff, §4.6)']!;
    const ops = [put(1, 1, 1, 3), get(2, [version(1, 'n1', 1)], 50), get(3, [], 60)];
    expect(check({ nodes: [], history: ops } as never)).toBe('get(cart-1) at ticks 60-62 returned [], missing put 1 acknowledged at tick 3');
  });

  it("a node card gives each of the node's tokens as its percentage of the ring", () => {
    const n1 = frameAtTick(dynamoPlay, 'hinted-handoff', 0).view.nodes.find((n) => n.id === 'n1')!.state! as NodeState;
    const percents = n1.ring.filter((t) => t.node === 'n1').map((t) => Math.floor((t.position * 100) / 2 ** 32));
    expect(percents.some((p) => p > 0)).toBe(true);
    expect(dynamoPlay.nodeView(n1).fields[0]!.value).toMatch(new RegExp(`^tokens at ${percents.join(', ')}% of the ring`));
  });
});

describe("the trace's labels", () => {
  it('a put shows its context as a clock in braces', () => {
    expect(dynamo.describeRequest!({ kind: 'put', key: 'cart-1', context: { n4: 1, n5: 2 }, value: 12 })).toBe('put(cart-1, {n4=1,n5=2}, 12)');
    expect(dynamo.describeRequest!({ kind: 'put', key: 'cart-1', context: {}, value: 7 })).toBe('put(cart-1, {}, 7)');
  });

  it('a handoff and its ack list each replica, separated by commas', () => {
    const replicas = [{ key: 'cart-1', version: version(7, 'n3', 1) }, { key: 'cart-2', version: version(8, 'n3', 2) }];
    expect(dynamo.describeMessage!({ kind: 'handoff', replicas })).toBe('handoff cart-1=7@n3:1, cart-2=8@n3:2');
    expect(dynamo.describeMessage!({ kind: 'handoff-ack', replicas: replicas.map((r) => ({ key: r.key, dot: r.version.dot })) })).toBe('took cart-1@n3:1, cart-2@n3:2');
  });
});

describe('the demo', () => {
  it('a home replica that never stored a cart shows "nothing" (seed 5: no put of cart-2 in 80 ticks)', () => {
    const out = demo.run({ seed: 5, mermaid: false });
    expect(out).toContain('\ncart-2: preference list n3, n4, n1, n2, n5 (home: n3, n4, n1)\n  n3: nothing\n  n4: nothing\n  n1: nothing\n');
  });
});
