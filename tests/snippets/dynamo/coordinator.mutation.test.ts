/**
 * The coordinator side of a Dynamo node (§4.4–§4.6, §5, coordinator.ts), one rule a test, on one node
 * stepped by hand: how a put is stamped and sent, the operation id, when a put or a get answers, the
 * sloppy quorum's targets and hints, a silent replica's share moving on, read repair, and giving up.
 * cart-1's preference list is n4, n5, n2, then the fallbacks n3, n1; n4 coordinates. The seeded suites
 * run these rules only inside whole runs (docs/mutation.md, issue 19). Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { onCoordinatorMessage, onCoordinatorTick, onRequest } from '../../../snippets/dynamo/coordinator.ts';
import { DEFAULT_CONFIG, dynamo } from '../../../snippets/dynamo/node.ts';
import { preferenceList } from '../../../snippets/dynamo/ring.ts';
import type { DynamoConfig, DynamoMessage, NodeState } from '../../../snippets/dynamo/types.ts';
import type { Version } from '../../../snippets/dynamo/versions.ts';
import type { Effect } from '../../../snippets/sim/index.ts';
import type { DynamoTypes } from '../../../snippets/dynamo/types.ts';

const n4 = (config: Partial<DynamoConfig> = {}, change: Partial<NodeState> = {}): NodeState => ({ ...dynamo.init('n4', ['n1', 'n2', 'n3', 'n5'], { ...DEFAULT_CONFIG, ...config }), ...change });
const version = (value: number, node: string, counter: number, context: Record<string, number> = {}): Version => ({ value, context, dot: { node, counter } });
const put = (value: number, context: Record<string, number> = {}) => ({ kind: 'put' as const, key: 'cart-1', context, value });
const get = { kind: 'get' as const, key: 'cart-1' };
const sent = (effects: readonly Effect<DynamoTypes>[]) => effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));
const replies = (effects: readonly Effect<DynamoTypes>[]) => effects.flatMap((e) => (e.kind === 'reply' ? [e.response] : []));
const ack = (op: string): DynamoMessage => ({ kind: 'replicate-ack', op });
const readReply = (op: string, versions: Version[]): DynamoMessage => ({ kind: 'read-reply', op, versions });
const tickTo = (state: NodeState, now: number) => onCoordinatorTick({ ...state, now });

describe('a put (§4.4, §4.5)', () => {
  it('the setting: cart-1 lives on n4, n5, n2, and n3, n1 are its fallbacks', () => {
    expect(preferenceList(n4().ring, 'cart-1', 5)).toEqual(['n4', 'n5', 'n2', 'n3', 'n1']);
  });

  it('is stamped with a new dot of the coordinator, its counter on disk before any copy leaves, stored locally and sent to the other homes', () => {
    const { state, effects } = onRequest(n4(), 'c1', 1, put(7));
    const seven = version(7, 'n4', 1);
    expect(state.issued).toBe(1);
    expect(effects[0]).toEqual({ kind: 'persist', durable: { store: {}, hints: [], issued: 1, boot: 0 } });
    expect(state.store['cart-1']).toEqual([seven]);
    expect(sent(effects)).toEqual([
      { to: 'n5', message: { kind: 'replicate', op: '1', key: 'cart-1', version: seven, hint: null } },
      { to: 'n2', message: { kind: 'replicate', op: '1', key: 'cart-1', version: seven, hint: null } },
    ]);
    expect(state.pending['1']).toMatchObject({ kind: 'put', client: 'c1', requestId: 1, key: 'cart-1', replied: false, version: seven });
  });

  it('the counter goes past both what this node issued and what the client\'s context saw of it', () => {
    expect(onRequest(n4({}, { issued: 3 }), 'c1', 1, put(7)).state.pending['1']!.version!.dot).toEqual({ node: 'n4', counter: 4 });
    expect(onRequest(n4({}, { issued: 3 }), 'c1', 1, put(7, { n4: 6, n5: 9 })).state.pending['1']!.version).toEqual(version(7, 'n4', 7, { n4: 6, n5: 9 }));
  });

  it('is acknowledged to the client once W = 2 nodes stored it (its own copy and one more), with the dot', () => {
    const started = onRequest(n4(), 'c1', 1, put(7)).state;
    expect(replies(onRequest(n4(), 'c1', 1, put(7)).effects)).toEqual([]);
    const { state, effects } = onCoordinatorMessage(started, 'n2', ack('1'));
    expect(replies(effects)).toEqual([{ kind: 'put-ok', dot: { node: 'n4', counter: 1 } }]);
    expect(state.pending['1']!.replied).toBe(true);
    // The third ack ends the operation and says nothing more to the client.
    const done = onCoordinatorMessage(state, 'n5', ack('1'));
    expect(replies(done.effects)).toEqual([]);
    expect(done.state.pending).toEqual({});
  });

  it('an ack counts once per node, and an ack for no pending operation is ignored', () => {
    const started = onRequest(n4({ w: 3 }), 'c1', 1, put(7)).state;
    const once = onCoordinatorMessage(started, 'n2', ack('1')).state;
    expect(replies(onCoordinatorMessage(once, 'n2', ack('1')).effects)).toEqual([]);
    expect(replies(onCoordinatorMessage(once, 'n5', ack('1')).effects)).toHaveLength(1);
    expect(onCoordinatorMessage(started, 'n2', ack('9'))).toEqual({ state: started, effects: [] });
  });

  it('a second copy of the same call is a new write with its own dot, and the trace says so', () => {
    const first = onRequest(n4(), 'c1', 1, put(7)).state;
    const { state, effects } = onRequest(first, 'c1', 1, put(7));
    expect(state.pending['2']!.version!.dot).toEqual({ node: 'n4', counter: 2 });
    expect(effects).toContainEqual({ kind: 'note', text: 'this put from c1 arrived a second time: a new version 7@n4:2, kept as a sibling of equal value (a resent put is a new write to Dynamo)' });
    expect(onRequest(first, 'c2', 1, put(8)).effects.filter((e) => e.kind === 'note')).toEqual([]);
  });
});

describe('operation ids never repeat across restarts (issue 29 §2)', () => {
  it('the first operation is 1, the next 2; after the first restart, 1.1; after the second, 2.1', () => {
    const one = onRequest(n4(), 'c1', 1, put(7)).state;
    expect(Object.keys(one.pending)).toEqual(['1']);
    expect(Object.keys(onRequest(one, 'c1', 2, get).state.pending)).toEqual(['1', '2']);
    expect(Object.keys(onRequest(n4({}, { boot: 1 }), 'c1', 1, get).state.pending)).toEqual(['1.1']);
    expect(Object.keys(onRequest(n4({}, { boot: 2 }), 'c1', 1, get).state.pending)).toEqual(['2.1']);
  });

  it('broken variant op-ids-restart: after a restart the first operation is 1 again', () => {
    expect(Object.keys(onRequest(n4({ incarnation: false }, { boot: 2 }), 'c1', 1, get).state.pending)).toEqual(['1']);
  });
});

describe('a get (§4.5)', () => {
  it('is answered once R = 2 nodes replied, with the siblings of everything they returned and their merged clock', () => {
    const started = onRequest(n4({}, { store: { 'cart-1': [version(5, 'n4', 1)] } }), 'c1', 1, get);
    expect(sent(started.effects)).toEqual([{ to: 'n5', message: { kind: 'read', op: '1', key: 'cart-1' } }, { to: 'n2', message: { kind: 'read', op: '1', key: 'cart-1' } }]);
    expect(replies(started.effects)).toEqual([]);
    const { effects } = onCoordinatorMessage(started.state, 'n5', readReply('1', [version(6, 'n5', 1)]));
    expect(replies(effects)).toEqual([{ kind: 'get-ok', siblings: [version(5, 'n4', 1), version(6, 'n5', 1)], context: { n4: 1, n5: 1 } }]);
  });

  it('broken variant first-reply-get: it answers with the first reply\'s versions only', () => {
    const started = onRequest(n4({ mergeReplies: false }, { store: { 'cart-1': [version(5, 'n4', 1)] } }), 'c1', 1, get).state;
    expect(replies(onCoordinatorMessage(started, 'n5', readReply('1', [version(6, 'n5', 1)])).effects)).toEqual([{ kind: 'get-ok', siblings: [version(5, 'n4', 1)], context: { n4: 1 } }]);
  });

  it('read repair (§5): once every home answered, each that answered with less gets the reconciled versions', () => {
    const newer = version(8, 'n5', 2, { n4: 1 });
    const started = onRequest(n4({}, { store: { 'cart-1': [version(5, 'n4', 1)] } }), 'c1', 1, get).state;
    const two = onCoordinatorMessage(started, 'n5', readReply('1', [newer])).state;
    expect(two.pending['1']).toBeDefined();
    const { state, effects } = onCoordinatorMessage(two, 'n2', readReply('1', [newer]));
    expect(state.pending).toEqual({});
    // n5 and n2 are up to date; the coordinator's own stale copy is repaired in place, on disk.
    expect(sent(effects)).toEqual([]);
    expect(state.store['cart-1']).toEqual([newer]);
    expect(effects).toEqual([{ kind: 'persist', durable: { store: { 'cart-1': [newer] }, hints: [], issued: 0, boot: 0 } }]);
    const stale = onCoordinatorMessage(two, 'n2', readReply('1', []));
    expect(sent(stale.effects)).toEqual([{ to: 'n2', message: { kind: 'repair', key: 'cart-1', versions: [newer] } }]);
  });

  it('read repair goes to home replicas only: a fallback that answered with less is not repaired', () => {
    // n5 is suspected, so n3 stands in for it; n3 holds nothing of cart-1.
    const five = version(5, 'n4', 1);
    const started = onRequest(n4({}, { store: { 'cart-1': [five] }, suspects: { n5: 30 } }), 'c1', 1, get).state;
    expect(started.pending['1']!.asked.map((a) => `${a.node} ${a.home}`)).toEqual(['n4 null', 'n2 null', 'n3 n5']);
    const two = onCoordinatorMessage(started, 'n2', readReply('1', [five])).state;
    const { state, effects } = onCoordinatorMessage(two, 'n3', readReply('1', []));
    expect(state.pending).toEqual({});
    expect(sent(effects)).toEqual([]);
  });
});

describe('the sloppy quorum (§4.6) and failure detection (§4.8.3)', () => {
  it('a suspected home is passed over: the first healthy fallback takes its share, with a hint naming it', () => {
    const { effects } = onRequest(n4({}, { suspects: { n5: 30 } }), 'c1', 1, put(7));
    expect(sent(effects).map(({ to, message }) => `${to} ${message.kind === 'replicate' ? message.hint : ''}`)).toEqual(['n2 null', 'n3 n5']);
  });

  it('a suspicion ends at its tick; the coordinator never suspects itself', () => {
    expect(sent(onRequest(n4({}, { suspects: { n5: 30 }, now: 30 }), 'c1', 1, put(7)).effects).map((s) => s.to)).toEqual(['n5', 'n2']);
    expect(onRequest(n4({}, { suspects: { n4: 30 } }), 'c1', 1, put(7)).state.store['cart-1']).toHaveLength(1);
  });

  it('efficiency variant ignore-suspicion: targets are the homes whatever the detector says', () => {
    expect(sent(onRequest(n4({ avoidSuspects: false }, { suspects: { n5: 30 } }), 'c1', 1, put(7)).effects).map((s) => s.to)).toEqual(['n5', 'n2']);
  });

  it('a replica silent for replicaTimeoutTicks is suspected for suspectTicks, and the next node of the list takes its share with a hint', () => {
    const started = onCoordinatorMessage(onRequest(n4(), 'c1', 1, put(7)).state, 'n2', ack('1')).state;
    expect(tickTo(started, DEFAULT_CONFIG.replicaTimeoutTicks - 1).effects).toEqual([]);
    const { state, effects } = tickTo(started, DEFAULT_CONFIG.replicaTimeoutTicks);
    expect(state.suspects).toEqual({ n5: DEFAULT_CONFIG.replicaTimeoutTicks + DEFAULT_CONFIG.suspectTicks });
    expect(sent(effects)).toEqual([{ to: 'n3', message: { kind: 'replicate', op: '1', key: 'cart-1', version: version(7, 'n4', 1), hint: 'n5' } }]);
    expect(state.pending['1']!.asked.map((a) => `${a.node}${a.replaced ? ' replaced' : ''}${a.home ? ` for ${a.home}` : ''}`)).toEqual(['n4', 'n5 replaced', 'n2', 'n3 for n5']);
  });

  it('a put is done once the fallback holds the silent home\'s share', () => {
    const started = onCoordinatorMessage(onRequest(n4(), 'c1', 1, put(7)).state, 'n2', ack('1')).state;
    const moved = tickTo(started, DEFAULT_CONFIG.replicaTimeoutTicks).state;
    expect(onCoordinatorMessage(moved, 'n3', ack('1')).state.pending).toEqual({});
  });

  it('a get still waits for a home whose share moved, until operationTicks', () => {
    const started = onRequest(n4(), 'c1', 1, get).state;
    const answered = onCoordinatorMessage(started, 'n2', readReply('1', [])).state;
    const moved = tickTo(answered, DEFAULT_CONFIG.replicaTimeoutTicks).state;
    expect(onCoordinatorMessage(moved, 'n3', readReply('1', [])).state.pending['1']).toBeDefined();
    expect(tickTo(moved, DEFAULT_CONFIG.operationTicks - 1).state.pending['1']).toBeDefined();
    expect(tickTo(moved, DEFAULT_CONFIG.operationTicks).state.pending).toEqual({});
  });
});

describe('edges of the coordinator (§4.5, §4.6, §5), from the whole-folder mutation run', () => {
  it('a home whose suspicion ended takes back the share of the fallback that stood in for it, as a home: no hint', () => {
    // n5 is suspected until tick 5, so n3 stands in for it; at tick 13 n3 has not answered and n5 is healthy again.
    const started = onCoordinatorMessage(onRequest(n4({}, { suspects: { n5: 5 } }), 'c1', 1, put(7)).state, 'n2', ack('1')).state;
    expect(started.pending['1']!.asked.map((a) => `${a.node} ${a.home}`)).toEqual(['n4 null', 'n2 null', 'n3 n5']);
    const { effects } = tickTo(started, DEFAULT_CONFIG.replicaTimeoutTicks);
    expect(sent(effects)).toEqual([{ to: 'n5', message: { kind: 'replicate', op: '1', key: 'cart-1', version: version(7, 'n4', 1), hint: null } }]);
  });

  it('a put is "a second time" only when the same client\'s pending put has the same request id', () => {
    const first = onRequest(n4(), 'c1', 1, put(7)).state;
    expect(onRequest(first, 'c1', 2, put(8)).effects.filter((e) => e.kind === 'note')).toEqual([]);
    const reading = onRequest(n4(), 'c1', 1, get).state;
    expect(onRequest(reading, 'c1', 1, put(8)).effects.filter((e) => e.kind === 'note')).toEqual([]);
  });

  it('a put of a value equal to a stored version its context has not seen is noted as a concurrent twin; one it has seen is not', () => {
    const holding = n4({}, { store: { 'cart-1': [version(7, 'n5', 1)] } });
    expect(onRequest(holding, 'c2', 1, put(7)).effects.filter((e) => e.kind === 'note')).toEqual([
      { kind: 'note', text: 'it is concurrent with the stored 7@n5:1: a new version 7@n4:1, kept as a sibling of equal value (a resent put is a new write to Dynamo)' },
    ]);
    expect(onRequest(holding, 'c2', 1, put(7, { n5: 1 })).effects.filter((e) => e.kind === 'note')).toEqual([]);
    expect(onRequest(holding, 'c2', 1, put(8)).effects.filter((e) => e.kind === 'note')).toEqual([]);
  });

  it('a get that gives up before R replies answers no one and repairs nothing (§5 repairs after a get)', () => {
    const newer = version(8, 'n4', 1);
    const started = onRequest(n4({ r: 3 }, { store: { 'cart-1': [newer] } }), 'c1', 1, get).state;
    const stale = onCoordinatorMessage(started, 'n5', readReply('1', [])).state;
    const { state, effects } = tickTo(stale, DEFAULT_CONFIG.operationTicks);
    expect(state.pending).toEqual({});
    expect(effects).toEqual([]);
  });

  it('read repair goes to the replicas that answered: a home that never answered is not sent the versions', () => {
    const five = version(5, 'n4', 1);
    const started = onRequest(n4({}, { store: { 'cart-1': [five] } }), 'c1', 1, get).state;
    const replied = onCoordinatorMessage(started, 'n5', readReply('1', [five])).state;
    const moved = tickTo(replied, DEFAULT_CONFIG.replicaTimeoutTicks).state;
    const fallback = onCoordinatorMessage(moved, 'n3', readReply('1', [])).state;
    const { state, effects } = tickTo(fallback, DEFAULT_CONFIG.operationTicks);
    expect(state.pending).toEqual({});
    expect(sent(effects)).toEqual([]);
  });

  it('when no node is left to take a silent home\'s share, the put is done once that home answers late', () => {
    const started = onCoordinatorMessage(onRequest(n4({}, { suspects: { n3: 30, n1: 30 } }), 'c1', 1, put(7)).state, 'n2', ack('1')).state;
    const silent = tickTo(started, DEFAULT_CONFIG.replicaTimeoutTicks);
    expect(sent(silent.effects)).toEqual([]);
    expect(silent.state.pending['1']!.asked.map((a) => `${a.node}${a.replaced ? ' replaced' : ''}`)).toEqual(['n4', 'n5 replaced', 'n2']);
    expect(onCoordinatorMessage(silent.state, 'n5', ack('1')).state.pending).toEqual({});
  });
});
