/**
 * The small parts of the BookKeeper model, one message at a time: a bookie (adds, fences, reads),
 * the metadata store (get, compare-and-set, create), and striping (fragments, write sets, coverage).
 * Written for mutation testing (docs/mutation.md): the scripted and seeded runs reach these lines
 * without pinning each rule.
 */
import { describe, expect, it } from 'vitest';
import { onBookieMessage, type BookieState } from '../../../snippets/bookkeeper/bookie.ts';
import { emptyStore, onStoreMessage } from '../../../snippets/bookkeeper/store.ts';
import { covered, fragmentOf, missingEnough, writeSet } from '../../../snippets/bookkeeper/striping.ts';
import { bkConfig } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import type { BookieMessage, Fragment, LedgerMeta } from '../../../snippets/bookkeeper/types.ts';

const bookie = (ledgers: BookieState['ledgers'] = {}): BookieState => ({ role: 'bookie', ledgers });
const add = (o: Partial<Extract<BookieMessage, { kind: 'add' }>> = {}): BookieMessage => ({ kind: 'add', ledger: 0, entry: 0, value: 5, lac: -1, recovery: false, ...o });

describe('a bookie', () => {
  it('stores an add in its journal before it answers, and keeps the highest LAC it was sent', () => {
    const r = onBookieMessage(bookie(), 'p1', add({ lac: 2 }));
    expect(r.state).toEqual(bookie({ 0: { entries: { 0: 5 }, lac: 2, fenced: false } }));
    expect(r.effects).toEqual([{ kind: 'persist', durable: r.state }, { kind: 'send', to: 'p1', message: { kind: 'added', ledger: 0, entry: 0 } }]);
    expect(onBookieMessage(r.state, 'p1', add({ entry: 1, value: 6, lac: 1 })).state.ledgers[0]!.lac).toBe(2);
  });

  it('keeps the first value written at an entry (a re-write does not change it); ledgers are kept apart', () => {
    const s = bookie({ 0: { entries: { 0: 5 }, lac: -1, fenced: false } });
    expect(onBookieMessage(s, 'p2', add({ value: 9, recovery: true })).state.ledgers[0]!.entries).toEqual({ 0: 5 });
    expect(onBookieMessage(s, 'p1', add({ ledger: 1, value: 9 })).state.ledgers).toEqual({ 0: { entries: { 0: 5 }, lac: -1, fenced: false }, 1: { entries: { 0: 9 }, lac: -1, fenced: false } });
  });

  it('once fenced refuses the writer\'s adds for good, but takes recovery\'s re-writes', () => {
    const s = bookie({ 0: { entries: {}, lac: 1, fenced: true } });
    expect(onBookieMessage(s, 'p1', add({ entry: 3 }))).toEqual({ state: s, effects: [{ kind: 'send', to: 'p1', message: { kind: 'add-fenced', ledger: 0, entry: 3 } }] });
    expect(onBookieMessage(s, 'p2', add({ entry: 3, recovery: true })).state.ledgers[0]!.entries).toEqual({ 3: 5 });
  });

  it('a fence is on disk before it is answered with the LAC; a second fence, or a LAC query, only answers', () => {
    const s = bookie({ 0: { entries: { 0: 5 }, lac: 0, fenced: false } });
    const r = onBookieMessage(s, 'p2', { kind: 'fence', op: 'p2.0.1', ledger: 0, fence: true });
    expect(r.state.ledgers[0]!.fenced).toBe(true);
    expect(r.effects).toEqual([{ kind: 'persist', durable: r.state }, { kind: 'send', to: 'p2', message: { kind: 'lac', op: 'p2.0.1', ledger: 0, lac: 0 } }]);
    expect(onBookieMessage(r.state, 'p2', { kind: 'fence', op: 'p2.0.2', ledger: 0, fence: true })).toEqual({ state: r.state, effects: [{ kind: 'send', to: 'p2', message: { kind: 'lac', op: 'p2.0.2', ledger: 0, lac: 0 } }] });
    expect(onBookieMessage(s, 'c1', { kind: 'fence', op: 'c.1', ledger: 0, fence: false })).toEqual({ state: s, effects: [{ kind: 'send', to: 'c1', message: { kind: 'lac', op: 'c.1', ledger: 0, lac: 0 } }] });
    // A ledger it never saw: LAC -1, and fencing it creates it fenced.
    expect(onBookieMessage(bookie(), 'p2', { kind: 'fence', op: 'o', ledger: 4, fence: true }).state.ledgers[4]).toEqual({ entries: {}, lac: -1, fenced: true });
  });

  it('a read answers each entry in [from, to) or null; a recovery read also fences (on disk), a reader\'s does not', () => {
    const s = bookie({ 0: { entries: { 0: 5, 2: 7 }, lac: 0, fenced: false } });
    const read = (fence: boolean): BookieMessage => ({ kind: 'read', op: 'o', ledger: 0, from: 0, to: 3, fence });
    const answer = { kind: 'send', to: 'p2', message: { kind: 'entries', op: 'o', ledger: 0, from: 0, values: [5, null, 7] } };
    expect(onBookieMessage(s, 'p2', read(false))).toEqual({ state: s, effects: [answer] });
    const fenced = onBookieMessage(s, 'p2', read(true));
    expect(fenced.state.ledgers[0]!.fenced).toBe(true);
    expect(fenced.effects).toEqual([{ kind: 'persist', durable: fenced.state }, answer]);
    expect(onBookieMessage(fenced.state, 'p2', read(true))).toEqual({ state: fenced.state, effects: [answer] });
  });

  it('ignores what is not for a bookie', () => {
    expect(onBookieMessage(bookie(), 'p1', { kind: 'added', ledger: 0, entry: 0 } as BookieMessage)).toEqual({ state: bookie(), effects: [] });
  });
});

describe('the metadata store', () => {
  const meta: LedgerMeta = { kind: 'ledger', id: 0, state: 'CLOSED', lastEntry: 3, ensembles: [{ first: 0, bookies: ['b1', 'b2', 'b3'] }] };

  it('a get answers the version and value; an unknown key is version 0 with no value', () => {
    expect(onStoreMessage(emptyStore(), 'p1', { kind: 'get', op: 'g', key: 'managed' }).effects).toEqual([{ kind: 'send', to: 'p1', message: { kind: 'value', op: 'g', key: 'managed', version: 1, value: { kind: 'managed', ledgers: [] } } }]);
    expect(onStoreMessage(emptyStore(), 'p1', { kind: 'get', op: 'g', key: 'L9' }).effects).toEqual([{ kind: 'send', to: 'p1', message: { kind: 'value', op: 'g', key: 'L9', version: 0, value: undefined } }]);
  });

  it('a compare-and-set writes only over the version it names, on disk first; a loser is told the current version and value', () => {
    const r = onStoreMessage(emptyStore(), 'p1', { kind: 'cas', op: 'p1.0.1', key: 'L0', expected: 0, value: meta });
    expect(r.state.keys.L0).toEqual({ version: 1, value: meta, writer: 'p1.0.1' });
    expect(r.effects).toEqual([{ kind: 'persist', durable: r.state }, { kind: 'send', to: 'p1', message: { kind: 'value', op: 'p1.0.1', key: 'L0', version: 1, value: meta, ok: true } }]);
    expect(onStoreMessage(r.state, 'p2', { kind: 'cas', op: 'p2.0.1', key: 'L0', expected: 0, value: meta }).effects).toEqual([{ kind: 'send', to: 'p2', message: { kind: 'value', op: 'p2.0.1', key: 'L0', version: 1, value: meta, ok: false } }]);
    // A resend of the winner is told it won, only right after its own write.
    expect(onStoreMessage(r.state, 'p1', { kind: 'cas', op: 'p1.0.1', key: 'L0', expected: 0, value: meta }).effects[0]).toMatchObject({ message: { ok: true, version: 1 } });
    const twice = onStoreMessage(r.state, 'p2', { kind: 'cas', op: 'p2.0.2', key: 'L0', expected: 1, value: meta }).state;
    expect(onStoreMessage(twice, 'p1', { kind: 'cas', op: 'p1.0.1', key: 'L0', expected: 0, value: meta }).effects[0]).toMatchObject({ message: { ok: false, version: 2 } });
  });

  it('a compare-and-set on a key never written, expecting some version, fails: the key is absent (version 0, no value)', () => {
    const r = onStoreMessage(emptyStore(), 'p1', { kind: 'cas', op: 'p1.0.1', key: 'L7', expected: 2, value: meta });
    expect(r).toEqual({ state: emptyStore(), effects: [{ kind: 'send', to: 'p1', message: { kind: 'value', op: 'p1.0.1', key: 'L7', version: 0, value: undefined, ok: false } }] });
  });

  it('a resend is the same op over the same expected version: the same op naming an older version is told it lost', () => {
    const v1 = onStoreMessage(emptyStore(), 'p1', { kind: 'cas', op: 'p1.0.1', key: 'L0', expected: 0, value: meta }).state;
    const v2 = onStoreMessage(v1, 'p1', { kind: 'cas', op: 'p1.0.2', key: 'L0', expected: 1, value: meta }).state;
    expect(onStoreMessage(v2, 'p1', { kind: 'cas', op: 'p1.0.2', key: 'L0', expected: 1, value: meta }).effects[0]).toMatchObject({ message: { ok: true, version: 2 } });
    expect(onStoreMessage(v2, 'p1', { kind: 'cas', op: 'p1.0.2', key: 'L0', expected: 0, value: meta }).effects[0]).toMatchObject({ message: { ok: false, version: 2 } });
  });

  it('a create makes the next ledger, open, on the given ensemble; a duplicated create is answered with the same ledger', () => {
    const r = onStoreMessage(emptyStore(), 'p1', { kind: 'create', op: 'p1.0.2', ensemble: ['b1', 'b2', 'b3'] });
    const made = { kind: 'ledger', id: 0, state: 'OPEN', lastEntry: -1, ensembles: [{ first: 0, bookies: ['b1', 'b2', 'b3'] }] };
    expect(r.state).toMatchObject({ nextLedger: 1, created: { 'p1.0.2': 0 }, keys: { L0: { version: 1, value: made, writer: 'p1.0.2' } } });
    expect(r.effects).toEqual([{ kind: 'persist', durable: r.state }, { kind: 'send', to: 'p1', message: { kind: 'value', op: 'p1.0.2', key: 'L0', version: 1, value: made, ok: true } }]);
    expect(onStoreMessage(r.state, 'p1', { kind: 'create', op: 'p1.0.2', ensemble: ['b2', 'b3', 'b4'] })).toEqual({ state: r.state, effects: [r.effects[1]] });
    expect(onStoreMessage(r.state, 'p2', { kind: 'create', op: 'p2.0.1', ensemble: ['b2', 'b3', 'b4'] }).state.nextLedger).toBe(2);
    expect(onStoreMessage(emptyStore(), 'p1', { kind: 'value', op: 'x', key: 'k', version: 1, value: undefined })).toEqual({ state: emptyStore(), effects: [] });
  });
});

describe('striping', () => {
  const config = bkConfig();
  const fragments: Fragment[] = [{ first: 0, bookies: ['b1', 'b2', 'b3'] }, { first: 4, bookies: ['b1', 'b4', 'b3'] }];

  it('an entry lives in the last fragment starting at or before it', () => {
    expect(fragmentOf(fragments, 3)).toBe(fragments[0]);
    expect(fragmentOf(fragments, 4)).toBe(fragments[1]);
    expect(fragmentOf(fragments, 9)).toBe(fragments[1]);
    expect(() => fragmentOf([], 0)).toThrow('a ledger without an ensemble');
  });

  it('entry i goes to Qw bookies from position i mod E', () => {
    expect([0, 1, 2, 3].map((e) => writeSet(config, fragments, e))).toEqual([['b1', 'b2'], ['b2', 'b3'], ['b3', 'b1'], ['b1', 'b2']]);
    expect(writeSet(config, fragments, 4)).toEqual(['b4', 'b3']);
  });

  it('fencing is done when every write set has Qw - Qa + 1 answers', () => {
    const ensemble = ['b1', 'b2', 'b3'];
    expect(covered(config, ensemble, ['b1', 'b2'])).toBe(true);
    expect(covered(config, ensemble, ['b1'])).toBe(false);
    expect(covered(config, ensemble, [])).toBe(false);
    const loose = bkConfig({}, { writeQuorum: 3, ackQuorum: 2 });
    expect(covered(loose, ensemble, ['b1', 'b2'])).toBe(true);
    expect(covered(loose, ensemble, ['b1'])).toBe(false);
    expect(missingEnough(config)).toBe(1);
    expect(missingEnough(loose)).toBe(2);
  });
});
