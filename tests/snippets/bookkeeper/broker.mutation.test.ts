/**
 * The Pulsar broker's dispatcher, stepped by hand one input at a time (snippets/bookkeeper/broker.ts):
 * duplicate requests, appends versus reads, taking the topic over (managed ledger → recover → create →
 * link), reading every closed ledger, message routing by tag, and the timers. Written for mutation
 * testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { answer, onBrokerMessage, onBrokerTick, onRequest } from '../../../snippets/bookkeeper/broker.ts';
import { newBroker, type Acquire, type BrokerState, type Owner, type ReadOp } from '../../../snippets/bookkeeper/broker-state.ts';
import { bkConfig } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import type { BkMessage, Fragment, LedgerMeta } from '../../../snippets/bookkeeper/types.ts';

const config = bkConfig();
const fresh = (o: Partial<BrokerState> = {}): BrokerState => ({ ...newBroker('p1', config), ...o });
const E0: Fragment[] = [{ first: 0, bookies: ['b1', 'b2', 'b3'] }];
const owner = (o: Partial<Owner> = {}): Owner => ({ kind: 'owner', ledger: 0, version: 1, ensembles: E0, nextEntry: 0, lac: -1, pending: {}, change: undefined, ...o });
const acquire = (o: Partial<Acquire> = {}): Acquire => ({ kind: 'acquire', tag: 'p1.0.0', phase: { step: 'managed' }, waitTicks: 0, ...o });
const readOp = (o: Partial<ReadOp> = {}): ReadOp => ({ tag: 'p1.0.0', client: 'c1', requestId: 1, phase: { step: 'managed' }, got: [], waitTicks: 0, ...o });
const meta = (o: Partial<LedgerMeta> = {}): LedgerMeta => ({ kind: 'ledger', id: 0, state: 'CLOSED', lastEntry: -1, ensembles: E0, ...o });
type Result = ReturnType<typeof onRequest>;
const sends = (r: Result) => r.effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));
const replies = (r: Result) => r.effects.flatMap((e) => (e.kind === 'reply' ? [{ client: e.client, requestId: e.requestId, response: e.response }] : []));
const notes = (r: Result) => r.effects.flatMap((e) => (e.kind === 'note' ? [e.text] : []));
const managedValue = (op: string, ledgers: number[], version = 1, ok?: boolean): BkMessage =>
  ({ kind: 'value', op, key: 'managed', version, value: { kind: 'managed', ledgers }, ...(ok === undefined ? {} : { ok }) });
const ledgerValue = (op: string, m: LedgerMeta, version = 1, ok?: boolean): BkMessage =>
  ({ kind: 'value', op, key: `L${m.id}`, version, value: m, ...(ok === undefined ? {} : { ok }) });

describe('answers and duplicate requests', () => {
  it('an answer is sent and remembered for the client', () => {
    const r = answer(fresh(), 'c1', 4, { kind: 'fenced' });
    expect(r.effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 4, response: { kind: 'fenced' } }]);
    expect(r.state.requests).toEqual({ c1: { requestId: 4, response: { kind: 'fenced' } } });
  });

  it('a duplicate of a finished request gets the same answer again, and nothing else happens', () => {
    const s = fresh({ requests: { c1: { requestId: 4, response: { kind: 'appended', ledger: 0, entry: 2 } } } });
    const r = onRequest(s, 'c1', 4, { kind: 'append', value: 9 });
    expect(r).toEqual({ state: s, effects: [{ kind: 'reply', client: 'c1', requestId: 4, response: { kind: 'appended', ledger: 0, entry: 2 } }] });
  });

  it('a duplicate of a request still running is dropped: the first copy will answer', () => {
    const s = fresh({ task: acquire(), requests: { c1: { requestId: 4 } } });
    expect(onRequest(s, 'c1', 4, { kind: 'append', value: 9 })).toEqual({ state: s, effects: [] });
  });

  it('an older request than the last one is dropped, even though the last one was answered', () => {
    const s = fresh({ requests: { c1: { requestId: 4, response: { kind: 'fenced' } } } });
    expect(onRequest(s, 'c1', 3, { kind: 'append', value: 9 })).toEqual({ state: s, effects: [] });
  });

  it('a newer request starts and is remembered as running (no answer yet); other clients are kept apart', () => {
    const s = fresh({ task: owner(), requests: { c1: { requestId: 4, response: { kind: 'fenced' } }, c2: { requestId: 7 } } });
    const r = onRequest(s, 'c1', 5, { kind: 'append', value: 9 });
    expect(r.state.requests).toEqual({ c1: { requestId: 5 }, c2: { requestId: 7 } });
    expect(sends(r).length).toBe(2);
    const other = onRequest(s, 'c3', 1, { kind: 'append', value: 9 });
    expect(other.state.requests.c3).toEqual({ requestId: 1 });
  });
});

describe('starting a request', () => {
  it('a read with none running asks the store for the managed ledger under a fresh tag', () => {
    const r = onRequest(fresh({ nextOp: 3 }), 'c1', 1, { kind: 'read' });
    expect(r.state.read).toEqual({ tag: 'p1.0.3', client: 'c1', requestId: 1, phase: { step: 'managed' }, got: [], waitTicks: 0 });
    expect(r.state.nextOp).toBe(4);
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.3', key: 'managed' } }]);
  });

  it('a read while another runs waits in the queue, sending nothing', () => {
    const s = fresh({ read: readOp({ client: 'c2' }) });
    const r = onRequest(s, 'c1', 1, { kind: 'read' });
    expect(r.effects).toEqual([]);
    expect(r.state.read).toEqual(s.read);
    expect(r.state.queue).toEqual([{ client: 'c1', requestId: 1, request: { kind: 'read' } }]);
  });

  it('an append to the owner is added to its ledger at once', () => {
    const r = onRequest(fresh({ task: owner({ nextEntry: 3 }) }), 'c1', 1, { kind: 'append', value: 7 });
    expect(sends(r).map((s) => s.message)).toEqual([
      { kind: 'add', ledger: 0, entry: 3, value: 7, lac: -1, recovery: false },
      { kind: 'add', ledger: 0, entry: 3, value: 7, lac: -1, recovery: false },
    ]);
    expect(r.state.queue).toEqual([]);
  });

  it('a broker fenced out recently (yieldTicks > 0, no task) answers an append "fenced"', () => {
    const r = onRequest(fresh({ yieldTicks: 3 }), 'c1', 1, { kind: 'append', value: 7 });
    expect(replies(r)).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'fenced' } }]);
    expect(r.state.task).toBeUndefined();
    expect(sends(r)).toEqual([]);
  });

  it('an append with no task and no yield takes the topic over: the append waits, the managed ledger is read', () => {
    const r = onRequest(fresh({ nextOp: 2 }), 'c1', 1, { kind: 'append', value: 7 });
    expect(r.state.task).toEqual({ kind: 'acquire', tag: 'p1.0.2', phase: { step: 'managed' }, waitTicks: 0 });
    expect(r.state.queue).toEqual([{ client: 'c1', requestId: 1, request: { kind: 'append', value: 7 } }]);
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.2', key: 'managed' } }]);
    expect(replies(r)).toEqual([]);
  });

  it('an append while taking over waits in the queue (a yield does not turn it away then)', () => {
    const s = fresh({ task: acquire(), yieldTicks: 5, queue: [{ client: 'c2', requestId: 1, request: { kind: 'append', value: 1 } }] });
    const r = onRequest(s, 'c1', 1, { kind: 'append', value: 7 });
    expect(r.effects).toEqual([]);
    expect(r.state.task).toEqual(s.task);
    expect(r.state.queue.map((w) => w.client)).toEqual(['c2', 'c1']);
  });
});

describe('taking the topic over (Pulsar managed ledger)', () => {
  it('an empty topic: create the first ledger on the first E bookies', () => {
    const s = fresh({ task: acquire(), nextOp: 1 });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.0', [], 3));
    expect(r.state.task).toEqual({ kind: 'acquire', tag: 'p1.0.1', phase: { step: 'create', managedVersion: 3, ledgers: [] }, waitTicks: 0 });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'create', op: 'p1.0.1', ensemble: ['b1', 'b2', 'b3'] } }]);
  });

  it('a topic with ledgers: recover the last one first, starting from its metadata', () => {
    const s = fresh({ task: acquire(), nextOp: 1 });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.0', [0, 4], 2));
    expect((r.state.task as Acquire).phase).toEqual({ step: 'recover', managedVersion: 2, ledgers: [0, 4], recovery: { step: 'meta', ledger: 4 } });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.1', key: 'L4' } }]);
  });

  it('the managed phase ignores anything but the managed value', () => {
    const s = fresh({ task: acquire() });
    expect(onBrokerMessage(s, 'zk', ledgerValue('p1.0.0', meta()))).toEqual({ state: s, effects: [] });
    expect(onBrokerMessage(s, 'b1', { kind: 'lac', op: 'p1.0.0', ledger: 0, lac: 1 })).toEqual({ state: s, effects: [] });
  });

  it('each new ledger\'s ensemble is rotated by its place in the topic', () => {
    const s = fresh({ task: acquire({ phase: { step: 'recover', managedVersion: 2, ledgers: [0, 1], recovery: { step: 'meta', ledger: 1 } } }) });
    const r = onBrokerMessage(s, 'zk', ledgerValue('p1.0.0', meta({ id: 1 })));
    expect((r.state.task as Acquire).phase).toEqual({ step: 'create', managedVersion: 2, ledgers: [0, 1] });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'create', op: 'p1.0.0', ensemble: ['b3', 'b4', 'b1'] } }]);
  });

  it('the created ledger is linked to the topic with a CAS on the managed version', () => {
    const s = fresh({ task: acquire({ phase: { step: 'create', managedVersion: 2, ledgers: [0, 1] } }), nextOp: 5 });
    const made = meta({ id: 2, state: 'OPEN' });
    const r = onBrokerMessage(s, 'zk', ledgerValue('p1.0.0', made));
    expect((r.state.task as Acquire).phase).toEqual({ step: 'link', managedVersion: 2, ledgers: [0, 1], meta: made });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'cas', op: 'p1.0.5', key: 'managed', expected: 2, value: { kind: 'managed', ledgers: [0, 1, 2] } } }]);
    expect(onBrokerMessage(s, 'zk', managedValue('p1.0.0', [0]))).toEqual({ state: s, effects: [] });
  });

  it('linked: the broker owns the new ledger and starts the appends that waited (a read still running keeps its queue place)', () => {
    const made = meta({ id: 2, state: 'OPEN', ensembles: [{ first: 0, bookies: ['b3', 'b4', 'b1'] }] });
    const queue = [
      { client: 'c1', requestId: 1, request: { kind: 'append', value: 10 } },
      { client: 'c2', requestId: 1, request: { kind: 'read' } },
      { client: 'c3', requestId: 1, request: { kind: 'append', value: 30 } },
    ] as const;
    const s = fresh({ task: acquire({ phase: { step: 'link', managedVersion: 2, ledgers: [0, 1], meta: made } }), read: readOp({ tag: 'p1.0.9', client: 'c9' }), queue });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.0', [0, 1, 2], 3, true));
    expect(r.state.task).toMatchObject({ kind: 'owner', ledger: 2, version: 1, ensembles: made.ensembles, nextEntry: 2, lac: -1, change: undefined });
    expect(notes(r)).toEqual(['owns the topic, writing L2']);
    expect(r.effects[0]).toEqual({ kind: 'note', text: 'owns the topic, writing L2' });
    expect(sends(r)).toEqual([
      { to: 'b3', message: { kind: 'add', ledger: 2, entry: 0, value: 10, lac: -1, recovery: false } },
      { to: 'b4', message: { kind: 'add', ledger: 2, entry: 0, value: 10, lac: -1, recovery: false } },
      { to: 'b4', message: { kind: 'add', ledger: 2, entry: 1, value: 30, lac: -1, recovery: false } },
      { to: 'b1', message: { kind: 'add', ledger: 2, entry: 1, value: 30, lac: -1, recovery: false } },
    ]);
    expect(r.state.queue).toEqual([{ client: 'c2', requestId: 1, request: { kind: 'read' } }]);
  });

  it('linked with no read running: a waiting read starts too', () => {
    const made = meta({ id: 0, state: 'OPEN' });
    const s = fresh({ task: acquire({ phase: { step: 'link', managedVersion: 1, ledgers: [], meta: made } }), nextOp: 4, queue: [{ client: 'c2', requestId: 1, request: { kind: 'read' } }] });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.0', [0], 2, true));
    expect(r.state.queue).toEqual([]);
    expect(r.state.read).toMatchObject({ client: 'c2', tag: 'p1.0.4', phase: { step: 'managed' } });
  });

  it('another broker linked first: start over from the managed ledger; a non-value answer is ignored', () => {
    const s = fresh({ task: acquire({ phase: { step: 'link', managedVersion: 1, ledgers: [], meta: meta({ state: 'OPEN' }) } }), nextOp: 6 });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.0', [7], 2, false));
    expect(r.state.task).toEqual({ kind: 'acquire', tag: 'p1.0.6', phase: { step: 'managed' }, waitTicks: 0 });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.6', key: 'managed' } }]);
    expect(onBrokerMessage(s, 'b1', { kind: 'entries', op: 'p1.0.0', ledger: 0, from: 0, values: [] })).toEqual({ state: s, effects: [] });
  });
});

describe('recovery inside the takeover', () => {
  const open = meta({ id: 4, state: 'OPEN', ensembles: E0 });
  const recovering = (recovery: Extract<Acquire['phase'], { step: 'recover' }>['recovery']) =>
    fresh({ task: acquire({ phase: { step: 'recover', managedVersion: 2, ledgers: [0, 4], recovery } }), nextOp: 1 });

  it('an answer that moves recovery on sends the next phase under a fresh tag', () => {
    const r = onBrokerMessage(recovering({ step: 'meta', ledger: 4 }), 'zk', ledgerValue('p1.0.0', open, 3));
    expect((r.state.task as Acquire)).toMatchObject({ tag: 'p1.0.1', phase: { step: 'recover', managedVersion: 2, ledgers: [0, 4], recovery: { step: 'mark', ledger: 4, version: 3 } } });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'cas', op: 'p1.0.1', key: 'L4', expected: 3, value: { ...open, state: 'IN_RECOVERY' } } }]);
    expect(notes(r)).toEqual([]);
  });

  it('reaching the close says where the ledger ends, before the CAS', () => {
    const rec = { step: 'read' as const, ledger: 4, version: 3, meta: open, entry: 2, missing: ['b3'] };
    const r = onBrokerMessage(recovering(rec), 'b1', { kind: 'entries', op: 'p1.0.0', ledger: 4, from: 2, values: [null] });
    expect(r.effects[0]).toEqual({ kind: 'note', text: 'recovered L4: closing at entry 1' });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'cas', op: 'p1.0.1', key: 'L4', expected: 3, value: { ...open, state: 'CLOSED', lastEntry: 1 } } }]);
  });

  it('an answer that only updates the phase keeps the tag and sends nothing', () => {
    const rec = { step: 'fence' as const, ledger: 4, version: 3, meta: open, lacs: {} };
    const s = recovering(rec);
    const r = onBrokerMessage(s, 'b1', { kind: 'lac', op: 'p1.0.0', ledger: 4, lac: 1 });
    expect(r.effects).toEqual([]);
    expect(r.state.task).toEqual({ ...s.task, phase: { step: 'recover', managedVersion: 2, ledgers: [0, 4], recovery: { ...rec, lacs: { b1: 1 } } } });
    expect(r.state.nextOp).toBe(1);
  });

  it('recovery\'s re-writes are answered without a tag and still reach it; an unrelated answer changes nothing', () => {
    const rec = { step: 'rewrite' as const, ledger: 4, version: 3, meta: open, entry: 2, value: 9, acks: [] };
    const s = recovering(rec);
    const r = onBrokerMessage(s, 'b3', { kind: 'added', ledger: 4, entry: 2 });
    expect((r.state.task as Acquire).phase).toMatchObject({ recovery: { step: 'rewrite', acks: ['b3'] } });
    expect(onBrokerMessage(s, 'b3', { kind: 'added', ledger: 4, entry: 7 })).toEqual({ state: s, effects: [] });
  });

  it('an untagged answer outside recovery, or one with an old tag, is ignored', () => {
    const s = fresh({ task: acquire({ tag: 'p1.0.3' }) });
    expect(onBrokerMessage(s, 'b3', { kind: 'added', ledger: 4, entry: 2 })).toEqual({ state: s, effects: [] });
    expect(onBrokerMessage(s, 'zk', managedValue('p1.0.2', []))).toEqual({ state: s, effects: [] });
  });

  it('the metadata moved on during the close: read it again', () => {
    const rec = { step: 'close' as const, ledger: 4, version: 3, meta: open, last: 1 };
    const r = onBrokerMessage(recovering(rec), 'zk', ledgerValue('p1.0.0', { ...open, state: 'IN_RECOVERY' }, 5, false));
    expect((r.state.task as Acquire).phase).toEqual({ step: 'recover', managedVersion: 2, ledgers: [0, 4], recovery: { step: 'meta', ledger: 4 } });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.1', key: 'L4' } }]);
  });

  it('once the ledger is closed, create the next one', () => {
    const rec = { step: 'close' as const, ledger: 4, version: 3, meta: open, last: 1 };
    const r = onBrokerMessage(recovering(rec), 'zk', ledgerValue('p1.0.0', { ...open, state: 'CLOSED', lastEntry: 1 }, 4, true));
    expect((r.state.task as Acquire).phase).toEqual({ step: 'create', managedVersion: 2, ledgers: [0, 4] });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'create', op: 'p1.0.1', ensemble: ['b3', 'b4', 'b1'] } }]);
  });
});

describe('reading the topic: every closed ledger, in order', () => {
  it('an empty topic answers an empty read at once, and the answer is remembered', () => {
    const r = onBrokerMessage(fresh({ read: readOp({ requestId: 3 }) }), 'zk', managedValue('p1.0.0', []));
    expect(replies(r)).toEqual([{ client: 'c1', requestId: 3, response: { kind: 'read', ledgers: [] } }]);
    expect(r.state.read).toBeUndefined();
    expect(r.state.requests.c1).toEqual({ requestId: 3, response: { kind: 'read', ledgers: [] } });
  });

  it('the list of ledgers: ask for the first one\'s metadata; anything else is ignored', () => {
    const s = fresh({ read: readOp(), nextOp: 1 });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.0', [3, 5]));
    expect(r.state.read).toMatchObject({ tag: 'p1.0.1', phase: { step: 'meta', ledgers: [3, 5], index: 0 }, waitTicks: 0 });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.1', key: 'L3' } }]);
    expect(onBrokerMessage(s, 'zk', ledgerValue('p1.0.0', meta()))).toEqual({ state: s, effects: [] });
  });

  it('a ledger still open ends the read: its end is not decided', () => {
    const got = [{ ledger: 3, entries: [1] }];
    const s = fresh({ read: readOp({ phase: { step: 'meta', ledgers: [3, 5], index: 1 }, got }) });
    const r = onBrokerMessage(s, 'zk', ledgerValue('p1.0.0', meta({ id: 5, state: 'IN_RECOVERY' })));
    expect(replies(r)).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'read', ledgers: got } }]);
    expect(onBrokerMessage(s, 'zk', managedValue('p1.0.0', [3]))).toEqual({ state: s, effects: [] });
  });

  it('a ledger closed empty adds no entries and moves on to the next ledger', () => {
    const s = fresh({ read: readOp({ phase: { step: 'meta', ledgers: [3, 5], index: 0 } }), nextOp: 1 });
    const r = onBrokerMessage(s, 'zk', ledgerValue('p1.0.0', meta({ id: 3, lastEntry: -1 })));
    expect(r.state.read).toMatchObject({ got: [{ ledger: 3, entries: [] }], phase: { step: 'meta', ledgers: [3, 5], index: 1 } });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.1', key: 'L5' } }]);
  });

  it('a closed ledger with entries is read from every bookie of its fragments, 0 to its last entry', () => {
    const ensembles = [{ first: 0, bookies: ['b1', 'b2', 'b3'] }, { first: 2, bookies: ['b1', 'b4', 'b3'] }];
    const closed = meta({ id: 3, lastEntry: 2, ensembles });
    const s = fresh({ read: readOp({ phase: { step: 'meta', ledgers: [3], index: 0 } }), nextOp: 1 });
    const r = onBrokerMessage(s, 'zk', ledgerValue('p1.0.0', closed));
    expect(r.state.read?.phase).toEqual({ step: 'entries', ledgers: [3], index: 0, meta: closed, values: [null, null, null] });
    expect(sends(r)).toEqual(['b1', 'b2', 'b3', 'b4'].map((to) => ({ to, message: { kind: 'read', op: 'p1.0.1', ledger: 3, from: 0, to: 3, fence: false } })));
  });

  it('each entry is taken only from a bookie of its own write set; the read answers once every entry is known', () => {
    const closed = meta({ id: 3, lastEntry: 1 });
    const s = fresh({ read: readOp({ phase: { step: 'entries', ledgers: [3], index: 0, meta: closed, values: [null, null] } }) });
    // b1 holds entry 0 (write set b1, b2) but not entry 1 (b2, b3): a value it claims for 1 is not taken.
    const one = onBrokerMessage(s, 'b1', { kind: 'entries', op: 'p1.0.0', ledger: 3, from: 0, values: [10, 99] });
    expect(one.effects).toEqual([]);
    expect(one.state.read?.phase).toMatchObject({ values: [10, null] });
    const two = onBrokerMessage(one.state, 'b3', { kind: 'entries', op: 'p1.0.0', ledger: 3, from: 1, values: [11] });
    expect(replies(two)).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'read', ledgers: [{ ledger: 3, entries: [10, 11] }] } }]);
  });

  it('a null is no value, and a value already known is kept; the phase ignores other messages', () => {
    const closed = meta({ id: 3, lastEntry: 1 });
    const s = fresh({ read: readOp({ phase: { step: 'entries', ledgers: [3], index: 0, meta: closed, values: [10, null] } }) });
    const r = onBrokerMessage(s, 'b2', { kind: 'entries', op: 'p1.0.0', ledger: 3, from: 0, values: [77, null] });
    expect(r.state.read?.phase).toMatchObject({ values: [10, null] });
    expect(onBrokerMessage(s, 'zk', managedValue('p1.0.0', []))).toEqual({ state: s, effects: [] });
  });

  it('after a ledger is read in full, the next ledger\'s metadata is asked for', () => {
    const closed = meta({ id: 3, lastEntry: 0 });
    const s = fresh({ read: readOp({ phase: { step: 'entries', ledgers: [3, 5], index: 0, meta: closed, values: [null] } }), nextOp: 2 });
    const r = onBrokerMessage(s, 'b1', { kind: 'entries', op: 'p1.0.0', ledger: 3, from: 0, values: [10] });
    expect(r.state.read).toMatchObject({ got: [{ ledger: 3, entries: [10] }], phase: { step: 'meta', index: 1 } });
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.2', key: 'L5' } }]);
  });

  it('a finished read starts the next read that waited; a waiting append stays queued without an owner', () => {
    const queue = [
      { client: 'c2', requestId: 1, request: { kind: 'append', value: 5 } },
      { client: 'c3', requestId: 2, request: { kind: 'read' } },
    ] as const;
    const s = fresh({ read: readOp(), task: acquire({ tag: 'p1.0.7' }), queue, nextOp: 8 });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.0', []));
    expect(replies(r).map((x) => x.client)).toEqual(['c1']);
    expect(r.state.read).toMatchObject({ client: 'c3', requestId: 2, tag: 'p1.0.8' });
    expect(r.state.queue).toEqual([queue[0]]);
    expect(sends(r)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.8', key: 'managed' } }]);
  });

  it('a read\'s answer goes to the read even while the broker takes the topic over', () => {
    const s = fresh({ read: readOp({ tag: 'p1.0.1' }), task: acquire({ tag: 'p1.0.0' }) });
    const r = onBrokerMessage(s, 'zk', managedValue('p1.0.1', []));
    expect(r.state.read).toBeUndefined();
    expect(r.state.task).toEqual(s.task);
  });
});

describe('the owner\'s messages', () => {
  it('acks and fencing count only for the ledger it writes', () => {
    const o = owner({ ledger: 2, nextEntry: 1, pending: { 0: { value: 5, client: 'c1', requestId: 1, acks: ['b1'], waitTicks: 0, retries: 0 } } });
    const s = fresh({ task: o });
    expect(onBrokerMessage(s, 'b2', { kind: 'added', ledger: 1, entry: 0 })).toEqual({ state: s, effects: [] });
    expect(onBrokerMessage(s, 'b2', { kind: 'add-fenced', ledger: 1, entry: 0 })).toEqual({ state: s, effects: [] });
    const acked = onBrokerMessage(s, 'b2', { kind: 'added', ledger: 2, entry: 0 });
    expect(replies(acked)).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'appended', ledger: 2, entry: 0 } }]);
    expect(acked.state.requests.c1).toEqual({ requestId: 1, response: { kind: 'appended', ledger: 2, entry: 0 } });
    const out = onBrokerMessage(s, 'b2', { kind: 'add-fenced', ledger: 2, entry: 0 });
    expect(out.state).toMatchObject({ task: undefined, yieldTicks: 150 });
    expect(out.state.requests.c1).toEqual({ requestId: 1, response: { kind: 'fenced' } });
  });

  it('only a bookie\'s "fenced" refusal fences the owner: a late read answer about its own ledger does not', () => {
    // Another broker closed the ledger this one still writes; this broker read it, and a copy of a bookie's answer comes late.
    const s = fresh({ task: owner({ ledger: 2 }) });
    expect(onBrokerMessage(s, 'b1', { kind: 'entries', op: 'p1.0.3', ledger: 2, from: 0, values: [5] })).toEqual({ state: s, effects: [] });
    expect(onBrokerMessage(s, 'b1', { kind: 'lac', op: 'p1.0.3', ledger: 2, lac: 0 })).toEqual({ state: s, effects: [] });
  });

  it('the ensemble change\'s answer: only a ledger value under the change\'s tag', () => {
    const change = { tag: 'p1.0.4', ensembles: [{ first: 0, bookies: ['b1', 'b4', 'b3'] }], waitTicks: 0 };
    const s = fresh({ task: owner({ change }) });
    const won = meta({ state: 'OPEN', ensembles: change.ensembles });
    expect(onBrokerMessage(s, 'zk', ledgerValue('p1.0.3', won, 2, true))).toEqual({ state: s, effects: [] });
    expect(onBrokerMessage(s, 'zk', managedValue('p1.0.4', [], 1, true))).toEqual({ state: s, effects: [] });
    expect(onBrokerMessage(fresh({ task: owner() }), 'zk', ledgerValue('p1.0.4', won, 2, true)).effects).toEqual([]);
    expect(onBrokerMessage(s, 'zk', ledgerValue('p1.0.4', won, 2, true)).state.task).toMatchObject({ version: 2, change: undefined });
    // ok missing counts as lost: the CAS answer without ok keeps the change in flight with the store's version
    expect(onBrokerMessage(s, 'zk', ledgerValue('p1.0.4', won, 2)).state.task).toMatchObject({ version: 2, change: { tag: 'p1.0.4' } });
  });

  it('lost to recovery: fenced out, every pending append answered "fenced", the topic yielded', () => {
    const change = { tag: 'p1.0.4', ensembles: E0, waitTicks: 0 };
    const pending = { 0: { value: 5, client: 'c2', requestId: 3, acks: [], waitTicks: 0, retries: 0 } };
    const s = fresh({ task: owner({ change, nextEntry: 1, pending }), nextOp: 5 });
    const r = onBrokerMessage(s, 'zk', ledgerValue('p1.0.4', meta({ state: 'IN_RECOVERY' }), 3, false));
    expect(r.state).toMatchObject({ task: undefined, yieldTicks: 150 });
    expect(replies(r)).toEqual([{ client: 'c2', requestId: 3, response: { kind: 'fenced' } }]);
    expect(r.state.requests.c2).toEqual({ requestId: 3, response: { kind: 'fenced' } });
  });

  it('no task: every message is ignored', () => {
    const s = fresh();
    expect(onBrokerMessage(s, 'b1', { kind: 'added', ledger: 0, entry: 0 })).toEqual({ state: s, effects: [] });
  });
});

describe('timers', () => {
  it('a yield counts down once a tick', () => {
    expect(onBrokerTick(fresh({ yieldTicks: 2 })).state.yieldTicks).toBe(1);
    expect(onBrokerTick(fresh()).state.yieldTicks).toBe(0);
  });

  it('a read resends after retryTicks ticks, from its first missing entry', () => {
    const closed = meta({ id: 3, lastEntry: 2 });
    const read = readOp({ phase: { step: 'entries', ledgers: [3], index: 0, meta: closed, values: [10, null, null] }, waitTicks: 6 });
    const waited = onBrokerTick(fresh({ read }));
    expect(waited.effects).toEqual([]);
    expect(waited.state.read?.waitTicks).toBe(7);
    const resent = onBrokerTick(waited.state);
    expect(resent.state.read?.waitTicks).toBe(0);
    expect(resent.state.read?.tag).toBe('p1.0.0');
    expect(sends(resent)).toEqual(['b1', 'b2', 'b3'].map((to) => ({ to, message: { kind: 'read', op: 'p1.0.0', ledger: 3, from: 1, to: 3, fence: false } })));
  });

  it('a read resends its metadata request too', () => {
    const read = readOp({ phase: { step: 'meta', ledgers: [3, 5], index: 1 }, waitTicks: 7 });
    expect(sends(onBrokerTick(fresh({ read })))).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.0', key: 'L5' } }]);
  });

  it('a takeover resends its phase after retryTicks ticks, alongside a read\'s timer', () => {
    const task = acquire({ phase: { step: 'link', managedVersion: 2, ledgers: [0], meta: meta({ id: 1, state: 'OPEN' }) }, waitTicks: 6 });
    const s = fresh({ task, read: readOp({ waitTicks: 7 }) });
    const first = onBrokerTick(s);
    expect(first.state.task).toMatchObject({ waitTicks: 7 });
    expect(sends(first)).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.0', key: 'managed' } }]);
    const second = onBrokerTick(first.state);
    expect(second.state.task).toMatchObject({ waitTicks: 0, tag: 'p1.0.0' });
    expect(second.state.read?.waitTicks).toBe(1);
    expect(sends(second)).toEqual([{ to: 'zk', message: { kind: 'cas', op: 'p1.0.0', key: 'managed', expected: 2, value: { kind: 'managed', ledgers: [0, 1] } } }]);
  });

  it('recovery\'s phase is resent by the takeover\'s timer', () => {
    const task = acquire({ phase: { step: 'recover', managedVersion: 2, ledgers: [4], recovery: { step: 'meta', ledger: 4 } }, waitTicks: 7 });
    expect(sends(onBrokerTick(fresh({ task })))).toEqual([{ to: 'zk', message: { kind: 'get', op: 'p1.0.0', key: 'L4' } }]);
  });

  it('the owner\'s timer runs the writer\'s resends, with the read\'s resend before them', () => {
    const o = owner({ nextEntry: 1, pending: { 0: { value: 5, client: 'c1', requestId: 1, acks: ['b1'], waitTicks: 7, retries: 0 } } });
    const r = onBrokerTick(fresh({ task: o, read: readOp({ waitTicks: 7 }) }));
    expect(sends(r)).toEqual([
      { to: 'zk', message: { kind: 'get', op: 'p1.0.0', key: 'managed' } },
      { to: 'b2', message: { kind: 'add', ledger: 0, entry: 0, value: 5, lac: -1, recovery: false } },
    ]);
    expect(r.state.read?.waitTicks).toBe(0);
  });
});
