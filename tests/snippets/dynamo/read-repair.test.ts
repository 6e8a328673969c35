/**
 * Read repair reaches a home replica that is slow, not down (§5: after answering, the coordinator
 * "waits for a small period of time to receive any outstanding responses"). Driven step by step on
 * the coordinator: n2 gets cart-1 (homes n4, n5, n2) and answers with n4's reply; n5 is silent past
 * the replica timeout, so n3 stands in for it; n5's stale answer comes after n3's. The model has no
 * anti-entropy, so if the get stopped waiting for n5 when n3 answered, nothing would ever repair n5:
 * swarm seed 269 of the Dynamo suite failed its liveness check that way, with delays of up to 12
 * ticks each way against a 13-tick replica timeout.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../snippets/sim/index.ts';
import { DEFAULT_CONFIG, dynamo } from '../../../snippets/dynamo/node.ts';
import { preferenceList } from '../../../snippets/dynamo/ring.ts';
import type { DynamoMessage, DynamoTypes, NodeState } from '../../../snippets/dynamo/types.ts';
import type { Version } from '../../../snippets/dynamo/versions.ts';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const SEVEN: Version = { value: 7, context: {}, dot: { node: 'n4', counter: 1 } };

type Sends = { to: string; message: DynamoMessage }[];
const sends = (effects: ReadonlyArray<Effect<DynamoTypes>>): Sends => effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));

/** Runs n2 as the coordinator of one get of cart-1, up to n5's late answer; returns what each step sent. */
function slowHomeGet() {
  let state: NodeState = dynamo.init('n2', NODES.filter((n) => n !== 'n2'), DEFAULT_CONFIG);
  const step = (input: Parameters<typeof dynamo.step>[1]) => {
    const next = dynamo.step(state, input);
    state = next.state;
    return next.effects;
  };
  const asked = sends(step({ kind: 'request', client: 'c1', requestId: 1, request: { kind: 'get', key: 'cart-1' } }));
  const op = (asked[0]!.message as { op: string }).op;
  const answered = step({ kind: 'message', from: 'n4', message: { kind: 'read-reply', op, versions: [SEVEN] } });
  const standIns: Sends = [];
  for (let tick = 0; tick < DEFAULT_CONFIG.replicaTimeoutTicks + 1; tick++) standIns.push(...sends(step({ kind: 'tick' })));
  const afterStandIn = sends(step({ kind: 'message', from: 'n3', message: { kind: 'read-reply', op, versions: [] } }));
  const afterSlowHome = sends(step({ kind: 'message', from: 'n5', message: { kind: 'read-reply', op, versions: [] } }));
  return { asked, answered, standIns, afterStandIn, afterSlowHome, state };
}

describe('read repair waits for a slow home replica that a fallback stood in for (§5)', () => {
  it('the setting: cart-1 lives on n4, n5, n2 and n3 is its first fallback', () => {
    expect(preferenceList(dynamo.init('n2', NODES.filter((n) => n !== 'n2'), DEFAULT_CONFIG).ring, 'cart-1', 5)).toEqual(['n4', 'n5', 'n2', 'n3', 'n1']);
  });

  it('n2 answers with n4\'s reply, asks n3 in place of the silent n5, and still repairs n5 when its stale answer comes last', () => {
    const run = slowHomeGet();
    expect(run.asked.map((s) => s.to).sort()).toEqual(['n4', 'n5']);
    expect(run.answered).toContainEqual(expect.objectContaining({ kind: 'reply', response: expect.objectContaining({ kind: 'get-ok', siblings: [SEVEN] }) }));
    expect(run.standIns).toEqual([{ to: 'n3', message: expect.objectContaining({ kind: 'read' }) }]);
    // n3 (a fallback) answered, but the get is still waiting for n5: no repair yet.
    expect(run.afterStandIn.filter((s) => s.message.kind === 'repair')).toEqual([]);
    expect(run.afterSlowHome).toEqual([{ to: 'n5', message: { kind: 'repair', key: 'cart-1', versions: [SEVEN] } }]);
    expect(run.state.store['cart-1']).toEqual([SEVEN]); // n2, stale too, repaired itself
    expect(run.state.pending).toEqual({});
  });

  it('a home replica that never answers does not hold the get open: it finishes at operationTicks', () => {
    let state: NodeState = dynamo.init('n2', NODES.filter((n) => n !== 'n2'), DEFAULT_CONFIG);
    const first = dynamo.step(state, { kind: 'request', client: 'c1', requestId: 1, request: { kind: 'get', key: 'cart-1' } });
    state = first.state;
    const op = (sends(first.effects)[0]!.message as { op: string }).op;
    state = dynamo.step(state, { kind: 'message', from: 'n4', message: { kind: 'read-reply', op, versions: [SEVEN] } }).state;
    for (let tick = 0; tick < DEFAULT_CONFIG.operationTicks; tick++) state = dynamo.step(state, { kind: 'tick' }).state;
    expect(state.pending).toEqual({});
  });
});
