/**
 * The replica side of a Dynamo node, one rule a test, stepped by hand (replica.ts, node.ts): what a
 * replica stores and when it is on disk, the hinted database of a fallback, handoff and its
 * acknowledgement, the handoff scan, and what a restart keeps. The seeded suites run these rules
 * only inside whole runs (docs/mutation.md, issue 19). Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, dynamo } from '../../../snippets/dynamo/node.ts';
import { held, onReplicaMessage, scanHints } from '../../../snippets/dynamo/replica.ts';
import type { DynamoConfig, DynamoMessage, NodeState } from '../../../snippets/dynamo/types.ts';
import type { Version } from '../../../snippets/dynamo/versions.ts';

const PEERS = ['n2', 'n3', 'n4', 'n5'];
const fresh = (config: Partial<DynamoConfig> = {}): NodeState => dynamo.init('n1', PEERS, { ...DEFAULT_CONFIG, ...config });
const version = (value: number, node: string, counter: number, context: Record<string, number> = {}): Version => ({ value, context, dot: { node, counter } });
const replicate = (v: Version, hint: string | null = null, key = 'cart-1'): DynamoMessage => ({ kind: 'replicate', op: '4', key, version: v, hint });
const seven = version(7, 'n3', 1);

describe('a replica stores what it is sent (§4.4)', () => {
  it('stores a replicate, on disk before the acknowledgement leaves', () => {
    const { state, effects } = onReplicaMessage(fresh(), 'n3', replicate(seven));
    expect(state.store['cart-1']).toEqual([seven]);
    expect(effects.map((e) => e.kind)).toEqual(['persist', 'send']);
    expect(effects[0]).toEqual({ kind: 'persist', durable: { store: { 'cart-1': [seven] }, hints: [], issued: 0, boot: 0 } });
    expect(effects[1]).toEqual({ kind: 'send', to: 'n3', message: { kind: 'replicate-ack', op: '4' } });
  });

  it('a version it already holds changes nothing on disk, and is acknowledged again', () => {
    const once = onReplicaMessage(fresh(), 'n3', replicate(seven)).state;
    const { state, effects } = onReplicaMessage(once, 'n3', replicate(seven));
    expect(state).toBe(once);
    expect(effects).toEqual([{ kind: 'send', to: 'n3', message: { kind: 'replicate-ack', op: '4' } }]);
  });

  it('a concurrent version becomes a sibling; a descendant replaces its ancestor', () => {
    const one = onReplicaMessage(fresh(), 'n3', replicate(seven)).state;
    const two = onReplicaMessage(one, 'n4', replicate(version(9, 'n4', 1))).state;
    expect(two.store['cart-1']!.map((v) => v.value)).toEqual([7, 9]);
    const merged = onReplicaMessage(two, 'n4', replicate(version(12, 'n4', 2, { n3: 1, n4: 1 }))).state;
    expect(merged.store['cart-1']!.map((v) => v.value)).toEqual([12]);
  });

  it('a read is answered with what the node holds for that key, to the coordinator, under its op', () => {
    const state = onReplicaMessage(fresh(), 'n3', replicate(seven)).state;
    expect(onReplicaMessage(state, 'n5', { kind: 'read', op: '2.4', key: 'cart-1' })).toEqual({
      state,
      effects: [{ kind: 'send', to: 'n5', message: { kind: 'read-reply', op: '2.4', versions: [seven] } }],
    });
    expect(onReplicaMessage(state, 'n5', { kind: 'read', op: '5', key: 'cart-2' }).effects).toEqual([{ kind: 'send', to: 'n5', message: { kind: 'read-reply', op: '5', versions: [] } }]);
  });

  it('read repair reconciles into the store and persists; a repair with nothing new persists nothing (§5)', () => {
    const state = onReplicaMessage(fresh(), 'n3', replicate(seven)).state;
    const newer = version(8, 'n4', 1, { n3: 1 });
    const repaired = onReplicaMessage(state, 'n4', { kind: 'repair', key: 'cart-1', versions: [newer] });
    expect(repaired.state.store['cart-1']).toEqual([newer]);
    expect(repaired.effects.map((e) => e.kind)).toEqual(['persist']);
    expect(onReplicaMessage(repaired.state, 'n4', { kind: 'repair', key: 'cart-1', versions: [seven] })).toEqual({ state: repaired.state, effects: [] });
  });

  it('answers and acknowledgements addressed to the coordinator change nothing on the replica side', () => {
    const state = fresh();
    expect(onReplicaMessage(state, 'n3', { kind: 'replicate-ack', op: '1' })).toEqual({ state, effects: [] });
    expect(onReplicaMessage(state, 'n3', { kind: 'read-reply', op: '1', versions: [seven] })).toEqual({ state, effects: [] });
  });
});

describe('a fallback keeps a hinted replica apart, with its home (§4.6)', () => {
  it('a replicate with a hint goes to the hinted database, not the store, on disk before the ack', () => {
    const { state, effects } = onReplicaMessage(fresh(), 'n3', replicate(seven, 'n4'));
    expect(state.store).toEqual({});
    expect(state.hints).toEqual([{ home: 'n4', key: 'cart-1', version: seven }]);
    expect(effects.map((e) => e.kind)).toEqual(['persist', 'send']);
    expect(effects[0]).toMatchObject({ durable: { hints: [{ home: 'n4', key: 'cart-1', version: seven }] } });
  });

  it('the same hinted version twice is kept once, and nothing is written; another version or key is a new hint', () => {
    const once = onReplicaMessage(fresh(), 'n3', replicate(seven, 'n4')).state;
    const again = onReplicaMessage(once, 'n3', replicate(seven, 'n4'));
    expect(again.state).toBe(once);
    expect(again.effects.map((e) => e.kind)).toEqual(['send']);
    expect(onReplicaMessage(once, 'n3', replicate(version(9, 'n3', 2), 'n4')).state.hints).toHaveLength(2);
    expect(onReplicaMessage(once, 'n3', replicate(seven, 'n4', 'cart-2')).state.hints).toHaveLength(2);
  });

  it('broken variant no-hinted-handoff: the fallback files the replica as its own, with no record of the home', () => {
    const { state } = onReplicaMessage(fresh({ hintedHandoff: false }), 'n3', replicate(seven, 'n4'));
    expect(state.hints).toEqual([]);
    expect(state.store['cart-1']).toEqual([seven]);
  });

  it('a fallback serves reads from its hinted replicas too, reconciled with its own', () => {
    const own = onReplicaMessage(fresh(), 'n3', replicate(version(5, 'n2', 1))).state;
    const both = onReplicaMessage(own, 'n3', replicate(seven, 'n4')).state;
    expect(held(both, 'cart-1').map((v) => v.value)).toEqual([5, 7]);
    expect(held(both, 'cart-2')).toEqual([]);
    const replaced = onReplicaMessage(both, 'n3', replicate(version(9, 'n3', 2, { n2: 1, n3: 1 }), 'n5')).state;
    expect(held(replaced, 'cart-1').map((v) => v.value)).toEqual([9]);
  });
});

describe('hinted handoff (§4.6)', () => {
  const withHints = (): NodeState => {
    let state = fresh();
    state = onReplicaMessage(state, 'n3', replicate(seven, 'n4')).state;
    state = onReplicaMessage(state, 'n3', replicate(version(8, 'n3', 2), 'n4', 'cart-2')).state;
    return onReplicaMessage(state, 'n3', replicate(version(9, 'n3', 3), 'n5')).state;
  };
  const at = (state: NodeState, now: number): NodeState => ({ ...state, now });

  it('every handoffEveryTicks, one handoff to each home with everything held for it', () => {
    const { state, effects } = scanHints(at(withHints(), 16));
    expect(state.hints).toHaveLength(3);
    expect(effects).toEqual([
      { kind: 'send', to: 'n4', message: { kind: 'handoff', replicas: [{ key: 'cart-1', version: seven }, { key: 'cart-2', version: version(8, 'n3', 2) }] } },
      { kind: 'send', to: 'n5', message: { kind: 'handoff', replicas: [{ key: 'cart-1', version: version(9, 'n3', 3) }] } },
    ]);
  });

  it('between scans, and with no hints, it sends nothing', () => {
    expect(scanHints(at(withHints(), 15)).effects).toEqual([]);
    expect(scanHints(at(withHints(), 12)).effects).toEqual([]);
    expect(scanHints(at(fresh(), 16)).effects).toEqual([]);
  });

  it('the home stores the handed replicas on disk, then acknowledges each by key and dot', () => {
    const handoff: DynamoMessage = { kind: 'handoff', replicas: [{ key: 'cart-1', version: seven }, { key: 'cart-2', version: version(8, 'n3', 2) }] };
    const { state, effects } = onReplicaMessage(dynamo.init('n4', ['n1', 'n2', 'n3', 'n5'], DEFAULT_CONFIG), 'n1', handoff);
    expect(state.store).toEqual({ 'cart-1': [seven], 'cart-2': [version(8, 'n3', 2)] });
    expect(effects).toEqual([
      { kind: 'persist', durable: { store: state.store, hints: [], issued: 0, boot: 0 } },
      { kind: 'send', to: 'n1', message: { kind: 'handoff-ack', replicas: [{ key: 'cart-1', dot: seven.dot }, { key: 'cart-2', dot: { node: 'n3', counter: 2 } }] } },
    ]);
    // A second copy of the same handoff: nothing new to write, acknowledged again.
    const again = onReplicaMessage(state, 'n1', handoff);
    expect(again.state).toBe(state);
    expect(again.effects.map((e) => e.kind)).toEqual(['send']);
  });

  it('the fallback deletes exactly the hints that home took, and writes that down', () => {
    const state = withHints();
    const { state: after, effects } = onReplicaMessage(state, 'n4', { kind: 'handoff-ack', replicas: [{ key: 'cart-1', dot: seven.dot }] });
    expect(after.hints.map((h) => `${h.home} ${h.key} ${h.version.value}`)).toEqual(['n4 cart-2 8', 'n5 cart-1 9']);
    expect(effects).toEqual([{ kind: 'persist', durable: { store: {}, hints: after.hints, issued: 0, boot: 0 } }]);
  });

  it('an acknowledgement from another node, for another key or another dot deletes nothing', () => {
    const state = withHints();
    expect(onReplicaMessage(state, 'n5', { kind: 'handoff-ack', replicas: [{ key: 'cart-1', dot: seven.dot }] })).toEqual({ state, effects: [] });
    expect(onReplicaMessage(state, 'n4', { kind: 'handoff-ack', replicas: [{ key: 'cart-2', dot: seven.dot }] })).toEqual({ state, effects: [] });
    expect(onReplicaMessage(state, 'n4', { kind: 'handoff-ack', replicas: [{ key: 'cart-1', dot: { node: 'n3', counter: 9 } }] })).toEqual({ state, effects: [] });
  });
});

describe('what a restart keeps (node.ts)', () => {
  const disk = { store: { 'cart-1': [seven] }, hints: [{ home: 'n4', key: 'cart-2', version: version(8, 'n3', 2) }], issued: 5, boot: 1 };

  it('the store, the hints and the dot counter come back from disk; the boot count grows by one; nothing in flight survives', () => {
    const state = dynamo.recover('n1', PEERS, DEFAULT_CONFIG, disk);
    expect(state).toMatchObject({ store: disk.store, hints: disk.hints, issued: 5, boot: 2, now: 0, nextOp: 1, pending: {}, suspects: {} });
    expect(dynamo.recover('n1', PEERS, DEFAULT_CONFIG, undefined)).toMatchObject({ store: {}, hints: [], issued: 0, boot: 1 });
  });

  it('broken variant forgetful-dots: the dot counter restarts at 0 (§4.4)', () => {
    expect(dynamo.recover('n1', PEERS, { ...DEFAULT_CONFIG, durableDots: false }, disk)).toMatchObject({ issued: 0, boot: 2, store: disk.store });
  });

  it('the new incarnation is on disk before the node sends anything', () => {
    const state = dynamo.recover('n1', PEERS, DEFAULT_CONFIG, disk);
    expect(dynamo.step(state, { kind: 'restart' } as never)).toEqual({ state, effects: [{ kind: 'persist', durable: { ...disk, boot: 2 } }] });
  });

  it('a disk prints its keys, hints and boot count; an empty one says so', () => {
    expect(dynamo.describeDurable!(disk)).toBe('cart-1=7@n3:1; hint cart-2=8@n3:2 for n4; boot 1');
    expect(dynamo.describeDurable!({ store: {}, hints: [], issued: 0, boot: 0 })).toBe('empty');
  });
});
