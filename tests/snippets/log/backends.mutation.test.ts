/**
 * What each backend's `observe()` reports, stated on small cluster views built by hand: the nodes,
 * the disks and the client history that make one case each. The conformance suite
 * (conformance.test.ts) runs the adapters over swarm seeds, where most of these cases happen somewhere
 * but no test names them; here each rule of an adapter's reading is one test. Written for mutation
 * testing (docs/mutation.md); everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import type { ClientOperation, ClusterView, ModelTypes, NodeId, Simulator } from '../../../snippets/sim/index.ts';
import { bookkeeperLog } from '../../../snippets/log/backends/bookkeeper.ts';
import { delosLog } from '../../../snippets/log/backends/delos.ts';
import { kafkaLog } from '../../../snippets/log/backends/kafka.ts';
import { neonLog } from '../../../snippets/log/backends/neon.ts';
import { raftLog } from '../../../snippets/log/backends/raft.ts';
import { steadyLog } from '../../../snippets/log/backends/steady.ts';
import { vrLog } from '../../../snippets/log/backends/vr.ts';
import type { BkTypes } from '../../../snippets/bookkeeper/model.ts';
import { bkConfig } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import { newBroker, type Owner } from '../../../snippets/bookkeeper/broker-state.ts';
import type { BookieLedger } from '../../../snippets/bookkeeper/bookie.ts';
import { MANAGED, ledgerKey } from '../../../snippets/bookkeeper/store.ts';
import type { BkResponse, LedgerMeta } from '../../../snippets/bookkeeper/types.ts';
import type { DelosTypes } from '../../../snippets/delos/model.ts';
import type { Chain, DelosResponse } from '../../../snippets/delos/types.ts';
import type { KafkaTypes } from '../../../snippets/kafka/state.ts';
import { NO_LEADER, type KafkaResponse } from '../../../snippets/kafka/types.ts';
import type { ComputeState, NeonTypes, SafekeeperDurable } from '../../../snippets/neon/state.ts';
import type { NeonResponse } from '../../../snippets/neon/types.ts';
import type { RaftState, RaftTypes } from '../../../snippets/raft/state.ts';
import type { Entry as RaftEntry, RaftResponse } from '../../../snippets/raft/types.ts';
import type { SteadyTypes } from '../../../snippets/steady/model.ts';
import type { ReplicaDurable } from '../../../snippets/steady/replica.ts';
import type { Configuration, SteadyResponse } from '../../../snippets/steady/types.ts';
import { replica as vrReplica } from '../../../snippets/vr/replica.ts';
import { Rng } from '../../../snippets/sim/rng.ts';
import { DEFAULT_CONFIG as VR_CONFIG, type Entry as VrEntry, type VrTypes } from '../../../snippets/vr/types.ts';

/** One client call: `returned` gives its answer and the event order it arrived at; without it the call is pending. */
let order = 0;
function call(client: string, op: string, args: unknown, returned?: { result: unknown; order?: number }): ClientOperation {
  const invokeOrder = ++order;
  const base = { id: invokeOrder, client, op, args, invokeTick: invokeOrder, invokeOrder };
  if (!returned) return base;
  const returnOrder = returned.order ?? ++order;
  return { ...base, returnTick: returnOrder, returnOrder, result: returned.result };
}

function viewOf<T extends ModelTypes>(nodes: ClusterView<T>['nodes'], history: ClientOperation[] = []): ClusterView<T> {
  return { tick: 100, nodes, history, settledTick: undefined };
}

describe('BookKeeper: what observe() reads from the store, the bookies and the brokers', () => {
  const config = bkConfig();
  // Ensemble b1 b2 b3, Qw = 2: entry 0 goes to b1 and b2, entry 1 to b2 and b3, entry 2 to b3 and b1.
  const ENSEMBLE = ['b1', 'b2', 'b3'];
  const meta = (id: number, state: LedgerMeta['state'], lastEntry = -1): LedgerMeta => ({ kind: 'ledger', id, state, lastEntry, ensembles: [{ first: 0, bookies: ENSEMBLE }] });
  type Node = ClusterView<BkTypes>['nodes'][number];
  const store = (...ledgers: LedgerMeta[]): Node => {
    const keys = Object.fromEntries([
      [MANAGED, { version: 1 + ledgers.length, value: { kind: 'managed' as const, ledgers: ledgers.map((l) => l.id) }, writer: 'p1.0.1' }],
      ...ledgers.map((l) => [ledgerKey(l.id), { version: 1, value: l, writer: 'p1.0.0' }] as const),
    ]);
    const s = { role: 'store' as const, keys, nextLedger: ledgers.length, created: {} };
    return { id: config.store, up: true, state: s, durable: s };
  };
  /** A bookie's disk: per ledger, entry → value, and the LAC it was last told (default -1). */
  const bookie = (id: NodeId, ledgers: Record<number, { entries: Record<number, number>; lac?: number }>): Node => {
    const held: Record<number, BookieLedger> = {};
    for (const [l, { entries, lac = -1 }] of Object.entries(ledgers)) held[Number(l)] = { entries, lac, fenced: false };
    const s = { role: 'bookie' as const, ledgers: held };
    return { id, up: true, state: s, durable: s };
  };
  const neverWrote = (id: NodeId): Node => ({ id, up: true, state: { role: 'bookie', ledgers: {} }, durable: undefined });
  const owner = (ledger: number, lac: number): Owner => ({ kind: 'owner', ledger, version: 1, ensembles: [{ first: 0, bookies: ENSEMBLE }], nextEntry: lac + 1, lac, pending: {}, change: undefined });
  const writer = (id: NodeId, task: Owner | undefined): Node => ({ id, up: true, state: { ...newBroker(id, config), task }, durable: { role: 'broker', boot: 0 } });
  const down = (id: NodeId): Node => ({ id, up: false, state: undefined, durable: { role: 'broker', boot: 0 } });
  const observe = (nodes: Node[], history: ClientOperation[] = []) => bookkeeperLog.observe(viewOf<BkTypes>(nodes, history));

  it.each([
    ['has never written to disk', neverWrote('b1')],
    ['holds other ledgers only', bookie('b1', { 7: { entries: { 0: 99 } } })],
    ['holds the ledger without that entry', bookie('b1', { 0: { entries: {} } })],
  ])('a committed entry held only by the second bookie of its write set is read, not a hole: the first %s', (_case, b1) => {
    const log = observe([store(meta(0, 'CLOSED', 0)), b1, bookie('b2', { 0: { entries: { 0: 5 } } }), neverWrote('b3')]);
    expect(log.committed).toEqual(['5']);
  });

  it('a closed ledger is committed up to its last entry, each entry read from its own write set', () => {
    const log = observe([
      store(meta(0, 'CLOSED', 2)),
      bookie('b1', { 0: { entries: { 2: 12 } } }),
      bookie('b2', { 0: { entries: { 0: 10 } } }),
      bookie('b3', { 0: { entries: { 1: 11 } } }),
    ]);
    expect(log.committed).toEqual(['10', '11', '12']);
  });

  it("an open ledger's committed end is the highest LAC its bookies hold, when no writer is up", () => {
    const log = observe([
      store(meta(0, 'OPEN')),
      bookie('b1', { 0: { entries: { 0: 10, 2: 12 }, lac: 0 } }),
      bookie('b2', { 0: { entries: { 0: 10, 1: 11 }, lac: 1 } }),
      bookie('b3', { 0: { entries: { 1: 11, 2: 12 }, lac: -1 } }),
      down('p1'),
    ]);
    expect(log.committed).toEqual(['10', '11']);
  });

  it("an open ledger's committed end is its writer's LAC when that is the highest", () => {
    const log = observe([
      store(meta(0, 'OPEN')),
      bookie('b1', { 0: { entries: { 0: 10, 2: 12 }, lac: 0 } }),
      bookie('b2', { 0: { entries: { 0: 10, 1: 11 }, lac: 0 } }),
      bookie('b3', { 0: { entries: { 1: 11, 2: 12 } } }),
      writer('p1', owner(0, 2)),
    ]);
    expect(log.committed).toEqual(['10', '11', '12']);
  });

  it("a writer's LAC counts only for the ledger it owns, and only while it owns it", () => {
    const bookies = [
      bookie('b1', { 0: { entries: { 0: 10, 2: 12 }, lac: 0 } }),
      bookie('b2', { 0: { entries: { 0: 10, 1: 11 } } }),
      bookie('b3', { 0: { entries: { 1: 11, 2: 12 } } }),
    ];
    expect(observe([store(meta(0, 'OPEN')), ...bookies, writer('p1', owner(5, 2))]).committed).toEqual(['10']);
    expect(observe([store(meta(0, 'OPEN')), ...bookies, writer('p1', undefined)]).committed).toEqual(['10']);
  });

  it("a bookie that holds nothing of the open ledger (it is outside its ensemble) adds nothing to the ledger's end", () => {
    const log = observe([
      store(meta(0, 'OPEN')),
      bookie('b1', { 0: { entries: { 0: 10 }, lac: 0 } }),
      bookie('b2', { 0: { entries: { 0: 10, 1: 11 } } }),
      bookie('b3', { 0: { entries: { 1: 11 } } }),
      bookie('b4', { 5: { entries: { 0: 50 }, lac: 3 } }),
    ]);
    expect(log.committed).toEqual(['10']);
  });

  it('an open ledger nobody confirmed an entry of commits nothing, whatever its bookies store', () => {
    const log = observe([store(meta(0, 'OPEN')), bookie('b1', { 0: { entries: { 0: 10 } } }), bookie('b2', { 0: { entries: { 0: 10 } } }), neverWrote('b3')]);
    expect(log.committed).toEqual([]);
  });

  it('each closed ledger is a sealed segment that ends where the log had reached after it; the open one is not sealed', () => {
    const log = observe([
      store(meta(0, 'CLOSED', 1), meta(1, 'CLOSED', -1), meta(2, 'OPEN')),
      bookie('b1', { 0: { entries: { 0: 10 } }, 2: { entries: { 0: 20 }, lac: 0 } }),
      bookie('b2', { 0: { entries: { 0: 10, 1: 11 } }, 2: { entries: { 0: 20 } } }),
      neverWrote('b3'),
    ]);
    expect(log.committed).toEqual(['10', '11', '20']);
    expect(log.seals).toEqual([{ segment: 0, end: 2 }, { segment: 1, end: 2 }]);
    expect(log.replicas).toEqual([]);
  });

  describe('the client history', () => {
    const nodes = () => [
      store(meta(0, 'CLOSED', 1), meta(1, 'OPEN')),
      bookie('b1', { 0: { entries: { 0: 10 } }, 1: { entries: { 0: 20 }, lac: 0 } }),
      bookie('b2', { 0: { entries: { 0: 10, 1: 11 } }, 1: { entries: { 0: 20 } } }),
      neverWrote('b3'),
    ];
    const appended = (ledger: number, entry: number): { result: BkResponse } => ({ result: { kind: 'appended', ledger, entry } });

    it("an acknowledged append's offset is the entries of the closed ledgers before it plus its entry id, and its segment its ledger", () => {
      const op = call('c1', 'append', 20, appended(1, 0));
      const early = call('c2', 'append', 11, appended(0, 1));
      const [a, b] = observe(nodes(), [op, early]).appends;
      expect(a).toEqual({ entry: '20', client: 'c1', invokeTick: op.invokeTick, ackOrder: op.returnOrder, offset: 2, segment: 1 });
      expect(b).toMatchObject({ entry: '11', offset: 1, segment: 0 });
    });

    it('a pending append, or one answered "fenced", is not acknowledged and names no position', () => {
      const pending = call('c1', 'append', 30);
      const fenced = call('c2', 'append', 31, { result: { kind: 'fenced' } });
      const appends = observe(nodes(), [pending, fenced]).appends;
      expect(appends).toEqual([
        { entry: '30', client: 'c1', invokeTick: pending.invokeTick, ackOrder: undefined, offset: undefined, segment: undefined },
        { entry: '31', client: 'c2', invokeTick: fenced.invokeTick, ackOrder: undefined, offset: undefined, segment: undefined },
      ]);
    });

    it('a read is what its answer listed, ledger after ledger; only answered read calls count, and a read is no append', () => {
      const answered = call('c1', 'read', null, { result: { kind: 'read', ledgers: [{ ledger: 0, entries: [10, 11] }, { ledger: 1, entries: [20] }] } });
      const pending = call('c2', 'read', null);
      const log = observe(nodes(), [answered, pending, call('c3', 'append', 40)]);
      expect(log.reads).toEqual([{ client: 'c1', entries: ['10', '11', '20'], invokeOrder: answered.invokeOrder }]);
      expect(log.appends.map((a) => a.entry)).toEqual(['40']);
    });
  });
});

describe('Delos: what observe() reads from the MetaStore, the Loglets and the history', () => {
  type Node = ClusterView<DelosTypes>['nodes'][number];
  const entries = (values: number[]) => values.map((value, i) => ({ value, op: `v1.${i}` }));
  const meta = (chain: Chain): Node => {
    const s = { role: 'metastore' as const, register: { version: chain.length, chain, writer: 'v1.9' }, attempts: {} };
    return { id: 'meta', up: true, state: s, durable: s };
  };
  const simple = (loglets: Record<number, number[]>): Node => {
    const s = { role: 'simple' as const, loglets: Object.fromEntries(Object.entries(loglets).map(([l, vs]) => [l, { entries: entries(vs), sealed: false }])) };
    return { id: 's1', up: true, state: s, durable: s };
  };
  const server = (id: NodeId, loglets: Record<number, Record<number, number>>): Node => {
    const held = Object.fromEntries(Object.entries(loglets).map(([l, at]) => [l, { entries: Object.fromEntries(Object.entries(at).map(([p, value]) => [p, { value, op: `v1.${p}` }])), sealed: false }]));
    const s = { role: 'server' as const, loglets: held };
    return { id, up: true, state: s, durable: s };
  };
  const fresh = (id: NodeId, role: 'metastore' | 'server' | 'simple'): Node => {
    if (role === 'metastore') return { id, up: true, state: { role, register: { version: 1, chain: [{ start: 0, loglet: 0, kind: 'simple' }], writer: 'init' }, attempts: {} }, durable: undefined };
    return { id, up: true, state: { role, loglets: {} }, durable: undefined };
  };
  const observe = (nodes: Node[], history: ClientOperation[] = []) => delosLog.observe(viewOf<DelosTypes>(nodes, history));
  const RECONFIGURED: Chain = [{ start: 0, loglet: 0, kind: 'simple' }, { start: 2, loglet: 1, kind: 'quorum' }];

  it('before any reconfiguration (the MetaStore has never written) the log is what the simple Loglet stored, and nothing is sealed', () => {
    const log = observe([fresh('meta', 'metastore'), simple({ 0: [7, 8] }), fresh('l1', 'server'), fresh('l2', 'server'), fresh('l3', 'server')]);
    expect(log.committed).toEqual(['7', '8']);
    expect(log.seals).toEqual([]);
  });

  it('an entry one LogServer of three stored is not committed, though the other two have never written to disk', () => {
    const nodes = [meta(RECONFIGURED), simple({ 0: [7, 8] }), server('l1', { 1: { 0: 9 } }), fresh('l2', 'server'), fresh('l3', 'server')];
    const log = observe(nodes);
    expect(log.committed).toEqual(['7', '8']);
    expect(log.seals).toEqual([{ segment: 0, end: 2 }]);
  });

  it('an entry two LogServers of three stored is committed after the sealed segment; nodes that are not LogServers do not count', () => {
    const vlogs: Node[] = ['seq', 'v1', 'v2'].map((id) => ({ id, up: false, state: undefined, durable: undefined }));
    const log = observe([meta(RECONFIGURED), simple({ 0: [7, 8] }), server('l1', { 1: { 0: 9 } }), server('l2', { 1: { 0: 9 } }), fresh('l3', 'server'), ...vlogs]);
    expect(log.committed).toEqual(['7', '8', '9']);
    // Striped over Loglets, the log has no node that keeps a whole copy.
    expect(log.replicas).toEqual([]);
  });

  it('a position inside a sealed segment that no node stores is a hole', () => {
    const log = observe([meta(RECONFIGURED), simple({ 0: [7] }), fresh('l1', 'server'), fresh('l2', 'server'), fresh('l3', 'server')]);
    expect(log.committed).toEqual([undefined]);
  });

  it('an acknowledged append names its virtual position and the Loglet that took it; a pending or unknown one names neither', () => {
    const acked = call('c1', 'append', 9, { result: { kind: 'appended', pos: 2, loglet: 1, local: 0 } satisfies DelosResponse });
    const unknown = call('c2', 'append', 10, { result: { kind: 'unknown' } satisfies DelosResponse });
    const pending = call('c1', 'append', 11);
    const log = observe([meta(RECONFIGURED), simple({ 0: [7, 8] })], [acked, unknown, pending, call('c3', 'reconfigure', 'quorum')]);
    expect(log.appends).toEqual([
      { entry: '9', client: 'c1', invokeTick: acked.invokeTick, ackOrder: acked.returnOrder, offset: 2, segment: 1 },
      { entry: '10', client: 'c2', invokeTick: unknown.invokeTick, ackOrder: undefined, offset: undefined, segment: undefined },
      { entry: '11', client: 'c1', invokeTick: pending.invokeTick, ackOrder: undefined, offset: undefined, segment: undefined },
    ]);
  });

  it('a read is the entries its answer listed; only answered read calls count', () => {
    const answered = call('c1', 'read', null, { result: { kind: 'read', entries: [7, 8] } satisfies DelosResponse });
    const log = observe([meta(RECONFIGURED), simple({ 0: [7, 8] })], [answered, call('c2', 'read', null), call('c3', 'append', 4)]);
    expect(log.reads).toEqual([{ client: 'c1', entries: ['7', '8'], invokeOrder: answered.invokeOrder }]);
  });
});

describe('Kafka: what observe() reads from the metadata log and the brokers\' disks', () => {
  type Node = ClusterView<KafkaTypes>['nodes'][number];
  const controller = (leader: string): Node => ({
    id: 'ctl', up: false, state: undefined,
    durable: { role: 'controller', records: [{ state: { leader, leaderEpoch: 1, isr: ['b1', 'b2', 'b3'], partitionEpoch: 1 }, cause: { kind: 'created' } }], fenced: [] },
  });
  const broker = (id: NodeId, values: number[], hw: number): Node => ({
    id, up: false, state: undefined, durable: { role: 'broker', boot: 0, log: { records: values.map((value) => ({ value, epoch: 0 })), epochs: [{ epoch: 0, start: 0 }] }, hw },
  });
  const observe = (nodes: Node[], history: ClientOperation[] = []) => kafkaLog.observe(viewOf<KafkaTypes>(nodes, history));
  const brokers = () => [broker('b1', [1, 2, 3], 3), broker('b2', [1, 2], 1), broker('b3', [1], 1)];

  it("the committed log is the current leader's log below its high watermark, even when another broker has more", () => {
    expect(observe([controller('b2'), ...brokers()]).committed).toEqual(['1']);
  });

  it('a broker that has not written to disk is no replica; with none written, nothing is committed', () => {
    const fresh: Node = { id: 'b3', up: false, state: undefined, durable: undefined };
    expect(observe([controller('b1'), broker('b1', [1], 1), fresh]).replicas.map((r) => r.node)).toEqual(['b1']);
    expect(observe([controller(NO_LEADER), fresh]).committed).toEqual([]);
  });

  it('with no leader, the committed log is the longest committed prefix any broker holds', () => {
    expect(observe([controller(NO_LEADER), ...brokers()]).committed).toEqual(['1', '2', '3']);
  });

  it("each broker is a replica holding its log below its own high watermark; the controller is none", () => {
    expect(observe([controller('b1'), ...brokers()]).replicas).toEqual([
      { node: 'b1', log: ['1', '2', '3'] },
      { node: 'b2', log: ['1'] },
      { node: 'b3', log: ['1'] },
    ]);
  });

  it('a produce acknowledged names its offset; one refused or unanswered is no acknowledgement; a consume is no append', () => {
    const acked = call('p1', 'produce', 3, { result: { kind: 'ack', offset: 2, leader: 'b1' } satisfies KafkaResponse });
    const refused = call('p2', 'produce', 4, { result: { kind: 'error', error: 'not-leader', leader: 'b2' } satisfies KafkaResponse });
    const pending = call('p1', 'produce', 5);
    const consumed = call('c1', 'consume', 0, { result: { kind: 'records', values: [1, 2], hw: 2, leader: 'b1' } satisfies KafkaResponse });
    const log = observe([controller('b1'), ...brokers()], [acked, refused, pending, consumed, call('c1', 'consume', 0)]);
    expect(log.appends).toEqual([
      { entry: '3', client: 'p1', invokeTick: acked.invokeTick, ackOrder: acked.returnOrder, offset: 2 },
      { entry: '4', client: 'p2', invokeTick: refused.invokeTick, ackOrder: undefined, offset: undefined },
      { entry: '5', client: 'p1', invokeTick: pending.invokeTick, ackOrder: undefined, offset: undefined },
    ]);
    expect(log.reads).toEqual([{ client: 'c1', entries: ['1', '2'], invokeOrder: consumed.invokeOrder }]);
    expect(log.seals).toEqual([]);
  });
});

describe('Neon: what observe() reads from the safekeepers, the pageserver and object storage', () => {
  type Node = ClusterView<NeonTypes>['nodes'][number];
  const sk = (id: NodeId, wal: number[], commitLsn: number, walBase = 0): Node => {
    const disk: SafekeeperDurable = { role: 'safekeeper', boot: 0, term: 1, termHistory: [{ term: 1, lsn: 0 }], walBase, wal, commitLsn, backupLsn: walBase, remoteConsistentLsn: 0, peerHorizonLsn: 0 };
    return { id, up: false, state: undefined, durable: disk };
  };
  const pageserver = (wal: number[]): Node => ({ id: 'ps', up: false, state: undefined, durable: { role: 'pageserver', wal } });
  const objectStore = (wal: number[]): Node => ({ id: 's3', up: false, state: undefined, durable: { role: 'object-store', wal } });
  const committed = (lsn: number): { result: NeonResponse } => ({ result: { kind: 'committed', lsn, term: 1, by: 'cA' } });
  const observe = (nodes: Node[], history: ClientOperation[] = []) => neonLog.observe(viewOf<NeonTypes>(nodes, history));

  it('an LSN acknowledged past every commit_lsn on disk, with no proposer up and nothing offloaded, holds what most safekeepers flushed there', () => {
    const nodes = [sk('sk1', [1, 5], 1), sk('sk2', [1, 6], 1), sk('sk3', [1, 6], 1), pageserver([]), objectStore([])];
    expect(observe(nodes, [call('c1', 'commit', 6, committed(2))]).committed).toEqual(['1', '6']);
  });

  it("a safekeeper's committed WAL is read from LSN 0, the part it trimmed from object storage; without it there, the safekeeper is no replica", () => {
    const trimmed = sk('sk1', [3, 4], 4, 2);
    expect(observe([trimmed, pageserver([1]), objectStore([1, 2])]).replicas).toEqual([
      { node: 'sk1', log: ['1', '2', '3', '4'] },
      { node: 'the pageserver', log: ['1'] },
      { node: 'object storage', log: ['1', '2'] },
    ]);
    expect(observe([trimmed, pageserver([]), objectStore([1])]).replicas.map((r) => r.node)).toEqual(['the pageserver', 'object storage']);
  });

  it('a pageserver that has not written to disk yet holds nothing', () => {
    const fresh: Node = { id: 'ps', up: false, state: undefined, durable: undefined };
    expect(observe([sk('sk1', [1], 1), fresh, objectStore([])]).replicas).toContainEqual({ node: 'the pageserver', log: [] });
  });

  it("a safekeeper's replica is its WAL below its commit_lsn: past it, the WAL is not yet committed; object storage gives only what was trimmed", () => {
    expect(observe([sk('sk1', [3, 4, 5], 4, 2), pageserver([]), objectStore([1, 2, 3])]).replicas[0]).toEqual({ node: 'sk1', log: ['1', '2', '3', '4'] });
  });

  it('most safekeepers are counted at an LSN from each one\'s own WAL base, and one that lacks the LSN does not count', () => {
    const nodes = [sk('sk1', [5], 1, 1), sk('sk2', [6], 1, 1), sk('sk3', [6], 1, 1), pageserver([]), objectStore([1])];
    expect(observe(nodes, [call('c1', 'commit', 6, committed(2))]).committed).toEqual(['1', '6']);
    const one = [sk('sk1', [1, 5], 1), sk('sk2', [1], 1), sk('sk3', [1], 1), pageserver([]), objectStore([])];
    expect(observe(one, [call('c1', 'commit', 5, committed(2))]).committed).toEqual(['1', '5']);
  });

  it('a safekeeper covers an LSN from its WAL base on: the first record it holds is read from its own WAL', () => {
    const nodes = [sk('sk1', [5], 2, 1), sk('sk2', [1, 6], 1), sk('sk3', [1, 6], 1), pageserver([]), objectStore([1])];
    expect(observe(nodes).committed).toEqual(['1', '5']);
  });

  it('a safekeeper whose commit_lsn covers an LSN is believed there over object storage and the others; an LSN nobody holds is a hole', () => {
    const nodes = [sk('sk1', [1, 5], 2), sk('sk2', [1, 6], 1), sk('sk3', [1, 6], 1), pageserver([]), objectStore([])];
    expect(observe(nodes).committed).toEqual(['1', '5']);
    expect(observe(nodes, [call('c1', 'commit', 9, committed(3))]).committed).toEqual(['1', '5', undefined]);
  });

  it('a live proposer that leads states its commit_lsn, and past the safekeepers and storage its WAL is read, the highest term first', () => {
    const { config } = neonLog.cluster(1).options;
    const proposer = (id: NodeId, term: number, walBase: number, wal: number[], commitLsn: number, up = true): Node => {
      const mode = { kind: 'leader' as const, term, termHistory: [{ term, lsn: walBase }], termStartLsn: walBase, donor: 'sk1', walBase, wal, commitLsn, truncateLsn: 0, streams: {}, lastBeat: 0 };
      const state = { role: 'compute' as const, boot: 0, id, config, now: 0, mode, knownTerm: term, held: [], lastRequest: {} };
      return up ? { id, up: true, state, durable: { role: 'compute', boot: 0 } } : { id, up: false, state: undefined, durable: { role: 'compute', boot: 0 } };
    };
    const ps = pageserver([]);
    const livePageserver: Node = { ...ps, up: true, state: { role: 'pageserver', wal: [], id: 'ps', config, now: 0, asked: 0 } } as Node;
    const disks = [sk('sk1', [1], 1), sk('sk2', [1, 7], 1), sk('sk3', [1, 7], 1), livePageserver, objectStore([])];
    expect(observe([proposer('cB', 1, 0, [1, 7, 7], 3), proposer('cA', 2, 1, [8, 9], 3), ...disks]).committed).toEqual(['1', '8', '9']);
    // A proposer is read only where its WAL holds the LSN: cA's starts at 3 and ends before 5.
    const nothingOnDisk = [sk('sk1', [1], 1), sk('sk2', [1], 1), sk('sk3', [1], 1), livePageserver, objectStore([])];
    expect(observe([proposer('cA', 2, 3, [4, 5], 3), proposer('cB', 1, 0, [1, 7, 8, 4, 5, 6], 6), ...nothingOnDisk]).committed).toEqual(['1', '7', '8', '4', '5', '6']);
    expect(observe([proposer('cA', 2, 1, [8, 9], 3, false), ...disks]).committed).toEqual(['1']);
    const idle = proposer('cB', 3, 0, [1, 4, 4], 3);
    const follower: Node = { ...idle, state: { ...(idle.state as ComputeState), mode: { kind: 'idle', campaignAfter: 0 } } } as Node;
    expect(observe([follower, ...disks]).committed).toEqual(['1']);
  });

  it("a commit acknowledged with end LSN n is at position n − 1; an unanswered one names none", () => {
    const acked = call('c1', 'commit', 5, committed(2));
    const pending = call('c2', 'commit', 6);
    const log = observe([sk('sk1', [4, 5], 2), sk('sk2', [4, 5], 2), pageserver([]), objectStore([])], [acked, pending]);
    expect(log.appends).toEqual([
      { entry: '5', client: 'c1', invokeTick: acked.invokeTick, ackOrder: acked.returnOrder, offset: 1 },
      { entry: '6', client: 'c2', invokeTick: pending.invokeTick, ackOrder: undefined, offset: undefined },
    ]);
    expect(log.committed).toEqual(['4', '5']);
    expect(log.reads).toEqual([]);
    expect(log.seals).toEqual([]);
  });
});

describe('Raft: what observe() reads from the servers and the history', () => {
  type Node = ClusterView<RaftTypes>['nodes'][number];
  const w = (term: number, value: number): RaftEntry => ({ term, command: { kind: 'write', value, session: 'c1', seq: value } });
  const disk = (id: NodeId, log: RaftEntry[]): Node => ({ id, up: false, state: undefined, durable: { currentTerm: 2, votedFor: undefined, log, boot: 0 } });
  const written = (index: number): { result: RaftResponse } => ({ result: { kind: 'written', index, term: 2, node: 's2', leaderTerm: 2 } });
  const observe = (view: ClusterView<RaftTypes>) => raftLog.observe(view);

  it('an index acknowledged while every server is down holds what most disks hold there', () => {
    const nodes = [disk('s1', [w(1, 1), w(1, 5)]), disk('s2', [w(1, 1), w(2, 6)]), disk('s3', [w(1, 1), w(2, 6)])];
    expect(observe(viewOf<RaftTypes>(nodes, [call('c1', 'write', [6, 6], written(2))])).committed).toEqual(['1', '6']);
  });

  it("a write's attempts are one append, acknowledged by the attempt that was, at its index − 1, sent when the first attempt was", () => {
    const first = call('c1', 'write', [1, 7]);
    const retry = call('c1', 'write', [1, 7], written(1));
    const nodes = [disk('s1', [w(1, 7)]), disk('s2', [w(1, 7)]), disk('s3', [])];
    expect(observe(viewOf<RaftTypes>(nodes, [first, retry])).appends).toEqual([{ entry: '7', client: 'c1', invokeTick: first.invokeTick, ackOrder: retry.returnOrder, offset: 0 }]);
  });

  it("a read holds the answering server's log through `applied`, as it was when the answer came", () => {
    const read = call('c2', 'read', [1, 'linearizable'], { result: { kind: 'value', value: 7, node: 's1', applied: 1 } satisfies RaftResponse });
    const history = [call('c1', 'write', [1, 7], written(1)), read];
    const before = observe(viewOf<RaftTypes>([disk('s1', [w(1, 7), w(1, 8)]), disk('s2', [w(1, 7)])], history));
    expect(before.reads).toEqual([{ client: 'c2', entries: ['7'], invokeOrder: read.invokeOrder }]);
    // The simulator replaces the history array on every client event; the read's operation stays the same object.
    const later = observe(viewOf<RaftTypes>([disk('s1', [w(3, 9)]), disk('s2', [w(1, 7)])], [...history, call('c1', 'write', [2, 9])]));
    expect(later.reads[0]!.entries).toEqual(['7']);
  });

  it('a read holds the log of the server that answered it, not of another', () => {
    const read = call('c2', 'read', [1, 'linearizable'], { result: { kind: 'value', value: 7, node: 's2', applied: 1 } satisfies RaftResponse });
    expect(observe(viewOf<RaftTypes>([disk('s1', [w(1, 8)]), disk('s2', [w(1, 7)])], [read])).reads[0]!.entries).toEqual(['7']);
  });

  it("a read not answered with a value (refused by a follower, or unanswered) is no read, and states no commit point", () => {
    const refused = call('c2', 'read', [1, 'linearizable'], { result: { kind: 'not-leader', leader: 's2' } satisfies RaftResponse });
    const log = observe(viewOf<RaftTypes>([disk('s1', [w(1, 7)]), disk('s2', [w(1, 7)])], [refused, call('c2', 'read', [2, 'linearizable'])]));
    expect(log.reads).toEqual([]);
    expect(log.committed).toEqual([]);
  });

  it("the `applied` index a read was answered at is a commit point, like a write's index", () => {
    const read = call('c2', 'read', [1, 'linearizable'], { result: { kind: 'value', value: 8, node: 's1', applied: 2 } satisfies RaftResponse });
    expect(observe(viewOf<RaftTypes>([disk('s1', [w(1, 7), w(1, 8)]), disk('s2', [w(1, 7), w(1, 8)])], [read])).committed).toEqual(['7', '8']);
  });

  it('two writes of one client are two appends; the attempts of one are folded by request number', () => {
    const log = observe(viewOf<RaftTypes>([disk('s1', [])], [call('c1', 'write', [1, 7]), call('c1', 'write', [2, 8]), call('c2', 'write', [1, 9])]));
    expect(log.appends.map((a) => a.entry)).toEqual(['7', '8', '9']);
  });

  it('an index one disk holds, and no live server, is read from that disk; one no disk holds is a hole', () => {
    const nodes = [disk('s1', [w(1, 7), w(1, 8)]), disk('s2', [w(1, 7)]), disk('s3', [w(1, 7)])];
    expect(observe(viewOf<RaftTypes>(nodes, [call('c1', 'write', [8, 8], written(2))])).committed).toEqual(['7', '8']);
    expect(observe(viewOf<RaftTypes>(nodes, [call('c1', 'write', [9, 9], written(3))])).committed).toEqual(['7', '8', undefined]);
  });

  describe('with live servers', () => {
    const { model, config } = raftLog.cluster(1).options;
    const PEERS = ['s1', 's2', 's3'];
    type Role = RaftState['role'];
    const LEADER: Role = { kind: 'leader', nextIndex: {}, matchIndex: {}, round: 0, ackedRound: {}, waiters: [], reads: [], sinceHeartbeat: 0 };
    const FOLLOWER: Role = { kind: 'follower', leader: undefined };
    const server = (id: NodeId, log: RaftEntry[], commitIndex: number, role: Role = FOLLOWER, currentTerm = 1): Node => {
      const state: RaftState = { ...model.init(id, PEERS, config), role, log, commitIndex, currentTerm };
      return { id, up: true, state, durable: { currentTerm, votedFor: undefined, log, boot: 0 } };
    };

    it("each live server is a replica holding its log through its commitIndex; leaders' blank entries are named by term and index", () => {
      const noop: RaftEntry = { term: 2, command: { kind: 'noop' } };
      const log = observe(viewOf<RaftTypes>([server('s1', [w(1, 7), noop, w(2, 8)], 2, LEADER, 2), server('s2', [w(1, 7)], 1), disk('s3', [w(1, 7)])]));
      expect(log.replicas).toEqual([{ node: 's1', log: ['7', 'noop t2 i2'] }, { node: 's2', log: ['7'] }]);
      expect(log.committed).toEqual(['7', 'noop t2 i2']);
      expect(log.seals).toEqual([]);
    });

    it("a live server's commitIndex makes the log that long, each index read from a server whose commitIndex covers it, over what disks hold", () => {
      const log = observe(viewOf<RaftTypes>([server('s1', [w(1, 7), w(1, 8)], 2), disk('s2', [w(1, 7), w(2, 9)]), disk('s3', [w(1, 7), w(2, 9)])]));
      expect(log.committed).toEqual(['7', '8']);
    });

    it('past every live commitIndex, an index stated to a client is read from the live leader of the highest term', () => {
      const history = [call('c1', 'write', [1, 8], written(2))];
      const nodes = [server('s1', [w(1, 7), w(1, 8)], 1, LEADER, 1), server('s2', [w(1, 7), w(2, 9)], 1, LEADER, 2), disk('s3', [w(1, 7), w(1, 8)])];
      expect(observe(viewOf<RaftTypes>(nodes, history)).committed).toEqual(['7', '9']);
    });

    it('a leader whose log does not reach an index stated to a client is passed over for one whose log does', () => {
      const history = [call('c1', 'write', [1, 8], written(2))];
      const nodes = [server('s1', [w(1, 7)], 1, LEADER, 3), server('s2', [w(1, 7), w(2, 8)], 1, LEADER, 2), disk('s3', [w(1, 7)])];
      expect(observe(viewOf<RaftTypes>(nodes, history)).committed).toEqual(['7', '8']);
    });

    it('a follower past its commitIndex is not believed: only a leader or most disks say what is at an index stated to a client', () => {
      const history = [call('c1', 'write', [1, 8], written(2))];
      const nodes = [server('s1', [w(1, 7), w(2, 9)], 1), disk('s2', [w(1, 7), w(1, 8)]), disk('s3', [w(1, 7), w(1, 8)])];
      expect(observe(viewOf<RaftTypes>(nodes, history)).committed).toEqual(['7', '8']);
    });
  });
});

describe('the write-all log (steady): what observe() reads from the configuration store and the replicas', () => {
  type Node = ClusterView<SteadyTypes>['nodes'][number];
  const configuration = (epoch: number, replicas: NodeId[], start: number): Configuration => ({ epoch, primary: replicas[0]!, replicas, start, writer: `k1.${epoch}` });
  const store = (...installed: Configuration[]): Node => {
    const s = { role: 'store' as const, current: installed.at(-1)!, installed };
    return { id: 'cfg', up: true, state: s, durable: s };
  };
  const replica = (id: NodeId, log: number[], epoch = 1): Node => {
    const d: ReplicaDurable = { role: 'replica', epoch, configuration: undefined, sealed: false, active: true, log };
    return { id, up: false, state: undefined, durable: d };
  };
  const observe = (nodes: Node[], history: ClientOperation[] = []) => steadyLog.observe(viewOf<SteadyTypes>(nodes, history));

  it("the committed log is what every replica of the current epoch holds, whatever a replica outside it holds", () => {
    const log = observe([store(configuration(1, ['r1', 'r2'], 0), configuration(2, ['r2', 'r3'], 2)), replica('r1', [1, 2, 9, 9]), replica('r2', [1, 2, 3]), replica('r3', [1, 2, 3, 4])]);
    expect(log.committed).toEqual(['1', '2', '3']);
    expect(log.seals).toEqual([{ segment: 1, end: 2 }]);
  });

  it('the committed log stops where the replicas of the epoch first differ, or where the shortest ends', () => {
    const cfg = store(configuration(1, ['r1', 'r2'], 0));
    expect(observe([cfg, replica('r1', [1, 2, 3]), replica('r2', [1, 2, 4])]).committed).toEqual(['1', '2']);
    expect(observe([cfg, replica('r1', [1, 2]), replica('r2', [1, 2])]).committed).toEqual(['1', '2']);
  });

  it('a replica of the epoch that is down and never wrote holds nothing, so nothing is committed', () => {
    const lost: Node = { id: 'r2', up: false, state: undefined, durable: undefined };
    expect(observe([store(configuration(1, ['r1', 'r2'], 0)), replica('r1', [1, 2]), lost]).committed).toEqual([]);
  });

  it('a replica that has not written to disk yet is read from memory', () => {
    const config = steadyLog.cluster(1).options.config;
    const r2: Node = { id: 'r2', up: true, state: { role: 'replica', epoch: 1, configuration: undefined, sealed: false, active: true, log: [1], id: 'r2', config, lead: undefined, late: [] }, durable: undefined };
    expect(observe([store(configuration(1, ['r1', 'r2'], 0)), replica('r1', [1, 2]), r2]).committed).toEqual(['1']);
  });

  it('an acknowledged append names its position and epoch; any other answer, or none, names neither', () => {
    const acked = call('c1', 'append', 3, { result: { kind: 'appended', pos: 2, epoch: 2 } satisfies SteadyResponse });
    const busy = call('c2', 'append', 4, { result: { kind: 'busy' } satisfies SteadyResponse });
    const pending = call('c1', 'append', 5);
    const log = observe([store(configuration(1, ['r1', 'r2'], 0))], [acked, busy, pending, call('k1', 'reconfigure', null)]);
    expect(log.appends).toEqual([
      { entry: '3', client: 'c1', invokeTick: acked.invokeTick, ackOrder: acked.returnOrder, offset: 2, segment: 2 },
      { entry: '4', client: 'c2', invokeTick: busy.invokeTick, ackOrder: undefined, offset: undefined, segment: undefined },
      { entry: '5', client: 'c1', invokeTick: pending.invokeTick, ackOrder: undefined, offset: undefined, segment: undefined },
    ]);
    // Clients read no log in this model, and no node keeps a copy the suite compares: the committed log is the replicas' common prefix.
    expect(log.reads).toEqual([]);
    expect(log.replicas).toEqual([]);
  });
});

describe('VR: what observe() reads from the replicas and the history', () => {
  type Node = ClusterView<VrTypes>['nodes'][number];
  const NODES = ['r1', 'r2', 'r3'];
  const entry = (client: string, requestNumber: number): VrEntry => ({ client, requestNumber, op: { f: 'put', key: 'x', value: requestNumber }, requestId: requestNumber });
  const up = (id: NodeId, log: VrEntry[], commitNumber: number): Node => ({ id, up: true, state: { ...vrReplica.init(id, NODES, VR_CONFIG), log, commitNumber }, durable: undefined });

  it('each live replica holds its log through its commit-number; the committed log is the longest such; a down replica is none', () => {
    const log = [entry('c1', 1), entry('c2', 1), entry('c1', 2)];
    const view = viewOf<VrTypes>([up('r1', log, 2), up('r2', log, 1), { id: 'r3', up: false, state: undefined, durable: undefined }]);
    const seen = vrLog.observe(view);
    expect(seen.replicas).toEqual([{ node: 'r1', log: ['c1#1', 'c2#1'] }, { node: 'r2', log: ['c1#1'] }]);
    expect(seen.committed).toEqual(['c1#1', 'c2#1']);
    expect(seen.reads).toEqual([]);
    expect(seen.seals).toEqual([]);
  });

  it('with every replica down, nothing is committed', () => {
    const down: Node[] = NODES.map((id) => ({ id, up: false, state: undefined, durable: undefined }));
    expect(vrLog.observe(viewOf<VrTypes>(down)).committed).toEqual([]);
  });

  it("a request's retries are one append, named by client and request-number, acknowledged by the first reply to any attempt", () => {
    const first = call('c1', 'put', ['x', 7, 's=3']);
    const retry = call('c1', 'put', ['x', 7, 's=3'], { result: 7 });
    const other = call('c1', 'get', ['x', 's=4']);
    const seen = vrLog.observe(viewOf<VrTypes>([up('r1', [], 0)], [first, retry, other]));
    expect(seen.appends).toEqual([
      { entry: 'c1#3', client: 'c1', invokeTick: first.invokeTick, ackOrder: retry.returnOrder },
      { entry: 'c1#4', client: 'c1', invokeTick: other.invokeTick, ackOrder: undefined },
    ]);
  });
});

describe('the faults each backend runs under', () => {
  const configuration0: Configuration = { epoch: 1, primary: 'r1', replicas: ['r1', 'r2'], start: 0, writer: 'init' };
  it.each([
    ['kafka', kafkaLog],
    ['bookkeeper', bookkeeperLog],
    ['raft', raftLog],
    ['neon', neonLog],
    ['steady', steadyLog],
  ] as const)('%s, whose nodes write to disk and send in one step, may crash between a step\'s effects', (_id, backend) => {
    const cut = (seed: number) => (backend.cluster(seed).options.faults?.crash?.betweenEffectsProbability ?? 0) > 0;
    expect(Array.from({ length: 40 }, (_, i) => i + 1).some(cut)).toBe(true);
  });

  it('Delos crashes nodes through the fault injector (its runner takes no crash scenario), and seals unless a variant says not to', () => {
    const crashing = Array.from({ length: 40 }, (_, i) => delosLog.cluster(i + 1)).filter((c) => (c.options.faults?.crash?.probabilityPerTick ?? 0) > 0);
    expect(crashing.length).toBeGreaterThan(0);
    for (const c of crashing) expect(c.options.scenario).toBeUndefined();
    expect(delosLog.cluster(1).options.config.seal).toBe(true);
    expect(delosLog.cluster(1, 'no-seal').options.config.seal).toBe(false);
    expect(delosLog.cluster(1).options.config.sealQuorum).toBe(true);
    expect(delosLog.cluster(1, 'weak-seal').options.config).toMatchObject({ seal: true, sealQuorum: false });
  });

  it('Raft\'s election timeouts stay above three one-way delays of the seed\'s network (at least 10 ticks), the longest twice the shortest', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { config, network } = raftLog.cluster(seed).options;
      const min = Math.max(10, 3 * (network?.delayTicksMax ?? 3));
      expect(config.electionTicksMin, `seed ${seed}`).toBe(min);
      expect(config.electionTicksMax, `seed ${seed}`).toBe(2 * min);
    }
  });

  it('Raft sends one entry per AppendEntries in even seeds (the Figure 8 schedules need it) and four in odd ones', () => {
    expect([1, 2, 3, 4].map((seed) => raftLog.cluster(seed).options.config.maxEntriesPerMessage)).toEqual([4, 1, 4, 1]);
  });

  it("Raft's readers read at rqlite's linearizable level, the one whose reads see every earlier acknowledgement", () => {
    const { clients = [], nodes } = raftLog.cluster(1).options;
    const levels = clients.flatMap((c) => {
      const call = c.workload({ client: c.id, nodes, tick: 1, index: 0, previous: undefined, rng: new Rng(1) });
      return call?.request.kind === 'read' ? [call.request.level] : [];
    });
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['linearizable']));
  });

  it('VR runs its default rules, or a variant\'s on top of them; its clients are c1, c2…, each with its own request values', () => {
    expect(vrLog.cluster(1).options.config).toEqual(VR_CONFIG);
    expect(vrLog.cluster(1, 'new-primary-keeps-own-log').options.config).toEqual({ ...VR_CONFIG, logChoice: 'own' });
    expect(vrLog.cluster(1, 'not-a-variant').options.config).toEqual(VR_CONFIG);
    for (let seed = 1; seed <= 10; seed++) {
      const { clients = [], nodes } = vrLog.cluster(seed).options;
      expect(clients.length).toBeGreaterThan(0);
      expect(clients.map((c) => c.id)).toEqual(clients.map((_, i) => `c${i + 1}`));
      clients.forEach((c, i) => {
        const rng = new Rng(seed);
        let put: number | undefined;
        for (let n = 0; n < 20 && put === undefined; n++) {
          const next = c.workload({ client: c.id, nodes, tick: 1, index: n, previous: undefined, rng });
          expect(next?.request.client).toBe(c.id);
          if (next?.request.op.f === 'put') put = next.request.op.value;
        }
        // Client i's values are i·1000 + its request number: no two clients write the same value.
        expect(Math.floor(put! / 1000)).toBe(i + 1);
      });
    }
  });

  it.each([
    ['raft', raftLog],
    ['neon', neonLog],
    ['vr', vrLog],
  ] as const)("%s's faults may be aimed at client requests, replies and the protocol's own message kinds", (_id, backend) => {
    const aimed = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) for (const kind of Object.keys(backend.cluster(seed).options.network?.byKind ?? {})) aimed.add(kind);
    expect(aimed).toContain('request');
    expect(aimed).toContain('reply');
    expect(aimed.has('')).toBe(false);
    expect(aimed.size).toBeGreaterThan(2);
  });

  /**
   * The nodes a cluster's crash schedule crashes when every tick of it finds `view`: its scheduled
   * steps are run at once on a stand-in simulator whose view never changes.
   */
  function crashedBy<T extends ModelTypes>(scenario: ((sim: Simulator<T>) => void) | undefined, view: ClusterView<T>): NodeId[] {
    const crashed: NodeId[] = [];
    const sim = { at: (_tick: number, step: (s: unknown) => void) => step(sim), view: () => view, trace: { events: [] }, crash: (n: NodeId) => crashed.push(n), restart: () => undefined };
    scenario?.(sim as unknown as Simulator<T>);
    return crashed;
  }
  const allUp = <T extends ModelTypes>(nodes: readonly NodeId[], state: (id: NodeId) => T['state']): ClusterView<T> =>
    viewOf<T>(nodes.map((id) => ({ id, up: true as const, state: state(id), durable: undefined })));

  it('the write-all log\'s crashes hit replicas and controllers, never the configuration store', () => {
    const crashed = new Set<NodeId>();
    for (let seed = 1; seed <= 40; seed++) {
      const { options } = steadyLog.cluster(seed);
      for (const n of crashedBy(options.scenario, allUp<SteadyTypes>(options.nodes, () => ({ role: 'store', current: configuration0, installed: [configuration0] })))) crashed.add(n);
    }
    expect(crashed.size).toBeGreaterThan(0);
    expect(crashed.has('cfg')).toBe(false);
  });

  it("Neon's crashes hit computes, safekeepers and the pageserver, never object storage", () => {
    const crashed = new Set<NodeId>();
    for (let seed = 1; seed <= 40; seed++) {
      const { options } = neonLog.cluster(seed);
      for (const n of crashedBy(options.scenario, allUp<NeonTypes>(options.nodes, () => ({ role: 'object-store', wal: [], id: 's3' })))) crashed.add(n);
    }
    expect(crashed.size).toBeGreaterThan(0);
    expect(crashed.has('s3')).toBe(false);
  });

  it('VR crashes a replica only while all three are normal: with one down or recovering (f = 1), none', () => {
    const normal = (id: NodeId) => vrReplica.init(id, ['r1', 'r2', 'r3'], VR_CONFIG);
    const scenarios = Array.from({ length: 40 }, (_, i) => vrLog.cluster(i + 1).options.scenario);
    const nodes = ['r1', 'r2', 'r3'];
    expect(scenarios.flatMap((sc) => crashedBy(sc, allUp<VrTypes>(nodes, normal))).length).toBeGreaterThan(0);
    const recovering = allUp<VrTypes>(nodes, (id) => (id === 'r3' ? { ...normal(id), status: 'recovering' } : normal(id)));
    expect(scenarios.flatMap((sc) => crashedBy(sc, recovering))).toEqual([]);
    const oneDown = viewOf<VrTypes>([...allUp<VrTypes>(['r1', 'r2'], normal).nodes, { id: 'r3', up: false, state: undefined, durable: undefined }]);
    expect(scenarios.flatMap((sc) => crashedBy(sc, oneDown))).toEqual([]);
  });

  it('VR, with no disk, is never cut between effects', () => {
    for (let seed = 1; seed <= 40; seed++) expect(vrLog.cluster(seed).options.faults?.crash?.betweenEffectsProbability ?? 0).toBe(0);
  });
});
