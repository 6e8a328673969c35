/**
 * The ledger writer's rules, one input at a time (snippets/bookkeeper/writer.ts): striping adds with
 * the LAC piggybacked, confirming in order once each entry has an ack quorum of its write set, being
 * fenced out, and the ensemble change (a new fragment from LAC + 1, written with a CAS). Written for
 * mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { fenced, onAdded, onChangeAnswer, onOwnerTick, startAdd, type Answer } from '../../../snippets/bookkeeper/writer.ts';
import { newBroker, type BrokerState, type Owner, type Pending } from '../../../snippets/bookkeeper/broker-state.ts';
import { bkConfig } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import type { Fragment, LedgerMeta } from '../../../snippets/bookkeeper/types.ts';

const config = bkConfig();
const E0: Fragment[] = [{ first: 0, bookies: ['b1', 'b2', 'b3'] }];
const owner = (o: Partial<Owner> = {}): Owner => ({ kind: 'owner', ledger: 0, version: 1, ensembles: E0, nextEntry: 0, lac: -1, pending: {}, change: undefined, ...o });
const broker = (o: Owner): BrokerState => ({ ...newBroker('p1', config), task: o });
const pending = (value: number, o: Partial<Pending> = {}): Pending => ({ value, client: 'c1', requestId: value, acks: [], waitTicks: 0, retries: 0, ...o });
/** The answer callback records each reply as an effect. */
const answer: Answer = (state, client, requestId, response) => ({ state, effects: [{ kind: 'reply', client, requestId, response }] });
type Result = ReturnType<typeof startAdd>;
const sends = (r: Result) => r.effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));
const replies = (r: Result) => r.effects.flatMap((e) => (e.kind === 'reply' ? [e.response] : []));
const task = (r: Result) => r.state.task as Owner;

describe('adding an entry', () => {
  it('takes the next entry id and sends it to its write set with the LAC piggybacked', () => {
    const o = owner({ nextEntry: 4, lac: 3 });
    const r = startAdd(config, broker(o), o, 'c1', 9, 40);
    expect(task(r)).toMatchObject({ nextEntry: 5, pending: { 4: { value: 40, client: 'c1', requestId: 9, acks: [], waitTicks: 0, retries: 0 } } });
    expect(sends(r)).toEqual(['b2', 'b3'].map((to) => ({ to, message: { kind: 'add', ledger: 0, entry: 4, value: 40, lac: 3, recovery: false } })));
  });

  it('holds the add back while an ensemble change is in flight', () => {
    const o = owner({ change: { tag: 't', ensembles: E0, waitTicks: 0 } });
    expect(startAdd(config, broker(o), o, 'c1', 1, 5).effects).toEqual([]);
  });
});

describe('acknowledgements', () => {
  it('confirm entries in order once each has Qa acks from its write set, answering each client', () => {
    const o = owner({ nextEntry: 2, pending: { 0: pending(10, { acks: ['b1'] }), 1: pending(11, { acks: ['b2', 'b3'] }) } });
    const r = onAdded(config, broker(o), o, 'b2', 0, answer);
    expect(task(r)).toMatchObject({ lac: 1, pending: {} });
    expect(replies(r)).toEqual([{ kind: 'appended', ledger: 0, entry: 0 }, { kind: 'appended', ledger: 0, entry: 1 }]);
  });

  it('an entry with its quorum waits behind an earlier one without', () => {
    const o = owner({ nextEntry: 2, pending: { 0: pending(10), 1: pending(11, { acks: ['b2'] }) } });
    const r = onAdded(config, broker(o), o, 'b3', 1, answer);
    expect(task(r)).toMatchObject({ lac: -1 });
    expect(task(r).pending[1]!.acks).toEqual(['b2', 'b3']);
    expect(replies(r)).toEqual([]);
  });

  it('ignores an ack for no pending entry, a second ack from one bookie, and one from outside the write set', () => {
    const o = owner({ nextEntry: 1, pending: { 0: pending(10, { acks: ['b1'] }) } });
    const s = broker(o);
    expect(onAdded(config, s, o, 'b1', 0, answer)).toEqual({ state: s, effects: [] });
    expect(onAdded(config, s, o, 'b3', 0, answer)).toEqual({ state: s, effects: [] });
    expect(onAdded(config, s, o, 'b2', 5, answer)).toEqual({ state: s, effects: [] });
  });

  it('during an ensemble change, acks for entries of the coming fragment do not count; earlier ones do', () => {
    const change = { tag: 't', ensembles: [...E0, { first: 1, bookies: ['b1', 'b4', 'b3'] }], waitTicks: 0 };
    const o = owner({ nextEntry: 2, change, pending: { 0: pending(10, { acks: ['b1'] }), 1: pending(11) } });
    const s = broker(o);
    expect(onAdded(config, s, o, 'b2', 1, answer)).toEqual({ state: s, effects: [] });
    expect(task(onAdded(config, s, o, 'b2', 0, answer)).lac).toBe(0);
  });
});

describe('fenced out', () => {
  it('drops the ledger, yields the topic for yieldTicks, and tells every waiting client "fenced"', () => {
    const o = owner({ ledger: 3, pending: { 0: pending(10), 1: pending(11) } });
    const r = fenced(broker(o), o, answer);
    expect(r.state).toMatchObject({ task: undefined, yieldTicks: 150 });
    expect(r.effects[0]).toEqual({ kind: 'note', text: 'fenced out of L3' });
    expect(replies(r)).toEqual([{ kind: 'fenced' }, { kind: 'fenced' }]);
  });
});

describe('timers and the ensemble change', () => {
  it('resends an unacknowledged add to the bookies that did not answer, every retryTicks', () => {
    let o = owner({ nextEntry: 1, pending: { 0: pending(10, { acks: ['b1'] }) } });
    let s = broker(o);
    const at: number[] = [];
    for (let t = 1; t <= 16; t++) {
      const r = onOwnerTick(config, s, o);
      if (sends(r).length > 0) {
        at.push(t);
        expect(sends(r)).toEqual([{ to: 'b2', message: { kind: 'add', ledger: 0, entry: 0, value: 10, lac: -1, recovery: false } }]);
      }
      s = r.state;
      o = task(r);
    }
    expect(at).toEqual([8, 16]);
    expect(o.pending[0]).toMatchObject({ retries: 2, waitTicks: 0 });
  });

  it('after suspectAfterRetries resends, replaces the silent bookie with a spare from LAC + 1, written with a CAS', () => {
    const o = owner({ nextEntry: 2, lac: 0, version: 4, pending: { 1: pending(11, { acks: ['b3'], retries: 2, waitTicks: 7 }) } });
    const s = { ...broker(o), nextOp: 5 };
    const r = onOwnerTick(config, s, o);
    const ensembles = [...E0, { first: 1, bookies: ['b1', 'b4', 'b3'] }];
    expect(task(r).change).toEqual({ tag: 'p1.0.5', ensembles, waitTicks: 0 });
    expect(r.state.nextOp).toBe(6);
    expect(r.effects).toEqual([
      { kind: 'note', text: 'ensemble change: b2 → b4 from entry 1' },
      { kind: 'send', to: 'zk', message: { kind: 'cas', op: 'p1.0.5', key: 'L0', expected: 4, value: { kind: 'ledger', id: 0, state: 'OPEN', lastEntry: -1, ensembles } } },
    ]);
  });

  it('a new fragment starting where the last one does replaces it; with no spare there is no change', () => {
    const o = owner({ nextEntry: 1, pending: { 0: pending(10, { acks: ['b2'], retries: 2, waitTicks: 7 }) } });
    expect(task(onOwnerTick(config, broker(o), o)).change!.ensembles).toEqual([{ first: 0, bookies: ['b4', 'b2', 'b3'] }]);
    const tight = { ...config, bookies: ['b1', 'b2', 'b3'] };
    const none = onOwnerTick(tight, broker(o), o);
    expect(task(none).change).toBeUndefined();
    // No change begun: no note, no CAS to the store.
    expect(none.effects.filter((e) => !(e.kind === 'send' && e.message.kind === 'add'))).toEqual([]);
  });

  it('with no spare bookie the writer keeps resending to the silent one (it may come back)', () => {
    const o = owner({ nextEntry: 1, pending: { 0: pending(10, { acks: ['b2'], retries: 2, waitTicks: 7 }) } });
    const tight = { ...config, bookies: ['b1', 'b2', 'b3'] };
    const resent = onOwnerTick(tight, broker(o), o).effects.flatMap((e) => (e.kind === 'send' && e.message.kind === 'add' ? [e.to] : []));
    expect(resent).toContain('b1');
    expect(task(onOwnerTick(tight, broker(o), o)).pending[0]!.retries).toBe(3);
  });

  it('when several entries have waited too long, the bookie that holds back the earliest one is replaced', () => {
    const o = owner({ nextEntry: 2, pending: { 0: pending(10, { acks: ['b1'], retries: 2, waitTicks: 7 }), 1: pending(11, { acks: ['b2'], retries: 2, waitTicks: 7 }) } });
    expect(onOwnerTick(config, broker(o), o).effects[0]).toEqual({ kind: 'note', text: 'ensemble change: b2 → b4 from entry 0' });
  });

  it('resends the CAS of a change every retryTicks', () => {
    const o = owner({ change: { tag: 't', ensembles: E0, waitTicks: 6 } });
    expect(onOwnerTick(config, broker(o), o).effects).toEqual([]);
    const r = onOwnerTick(config, broker(o), owner({ change: { tag: 't', ensembles: E0, waitTicks: 7 } }));
    expect(sends(r)).toHaveLength(1);
    expect(task(r).change!.waitTicks).toBe(0);
  });

  it('the change won: held entries go to their new write sets, keeping only acks that are still in them', () => {
    const ensembles = [...E0, { first: 1, bookies: ['b1', 'b4', 'b3'] }];
    const o = owner({ nextEntry: 2, lac: 0, change: { tag: 't', ensembles, waitTicks: 3 }, pending: { 1: pending(11, { acks: ['b3', 'b2'], retries: 3, waitTicks: 5 }) } });
    const meta: LedgerMeta = { kind: 'ledger', id: 0, state: 'OPEN', lastEntry: -1, ensembles };
    const r = onChangeAnswer(config, broker(o), o, 5, meta, true, answer);
    expect(task(r)).toMatchObject({ version: 5, ensembles, change: undefined, pending: { 1: { acks: ['b3'], waitTicks: 0, retries: 0 } } });
    expect(sends(r)).toEqual([{ to: 'b4', message: { kind: 'add', ledger: 0, entry: 1, value: 11, lac: 0, recovery: false } }]);
  });

  it('the change lost to a concurrent update of an open ledger: retry over the new version; to recovery: fenced', () => {
    const o = owner({ change: { tag: 't', ensembles: E0, waitTicks: 5 } });
    const open: LedgerMeta = { kind: 'ledger', id: 0, state: 'OPEN', lastEntry: -1, ensembles: E0 };
    const lost = onChangeAnswer(config, broker(o), o, 7, open, false, answer);
    expect(task(lost)).toMatchObject({ version: 7, change: { tag: 't', waitTicks: 0 } });
    // Nothing is sent at once: the change's timer sends the CAS again, over the version just read.
    expect(lost.effects).toEqual([]);
    let next = lost;
    for (let t = 0; t < config.retryTicks; t++) next = onOwnerTick(config, next.state, task(next));
    expect(sends(next)).toEqual([{ to: 'zk', message: expect.objectContaining({ kind: 'cas', op: 't', expected: 7 }) }]);
    const closed = onChangeAnswer(config, broker(o), o, 7, { ...open, state: 'IN_RECOVERY' }, false, answer);
    expect(closed.state.task).toBeUndefined();
  });
});
