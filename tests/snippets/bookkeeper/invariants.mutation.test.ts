/**
 * Each BookKeeper invariant (snippets/bookkeeper/invariants.ts) failing, with its words, on the
 * smallest view that breaks it, and holding on the nearest one that does not. Written for mutation
 * testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { bkInvariants, storeOf } from '../../../snippets/bookkeeper/invariants.ts';
import { bkConfig } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import type { Fragment, LedgerMeta } from '../../../snippets/bookkeeper/types.ts';

const config = bkConfig();
const inv = bkInvariants(config);
const check = (prefix: string, view: unknown) => Object.entries(inv).find(([n]) => n.startsWith(prefix))![1](view as never);
const E0: Fragment[] = [{ first: 0, bookies: ['b1', 'b2', 'b3'] }];
const meta = (id: number, state: LedgerMeta['state'], lastEntry = -1, ensembles = E0): LedgerMeta => ({ kind: 'ledger', id, state, lastEntry, ensembles });
const store = (ledgers: LedgerMeta[], managed: number[] = ledgers.map((l) => l.id)) => ({
  id: 'zk',
  durable: { role: 'store', nextLedger: 9, created: {}, keys: { managed: { version: 1, value: { kind: 'managed', ledgers: managed }, writer: 'x' }, ...Object.fromEntries(ledgers.map((l) => [`L${l.id}`, { version: 1, value: l, writer: 'x' }])) } },
});
const bookie = (id: string, entries: Record<number, number>, ledger = 0) => ({ id, durable: { role: 'bookie', ledgers: { [ledger]: { entries, lac: -1, fenced: false } } } });
const appended = (value: number, ledger: number, entry: number) => ({ op: 'append', args: value, returnTick: 3, result: { kind: 'appended', ledger, entry } });
const read = (ledger: number, entries: number[]) => ({ op: 'read', returnTick: 4, result: { kind: 'read', ledgers: [{ ledger, entries }] } });
const view = (nodes: unknown[], history: unknown[] = []) => ({ nodes, history });

describe('the BookKeeper invariants', () => {
  it('reads the store from its disk: every ledger and the topic\'s chain; none without a store', () => {
    const s = storeOf(view([store([meta(0, 'CLOSED', 2), meta(1, 'OPEN')])]) as never);
    expect([...s.ledgers.keys()]).toEqual([0, 1]);
    expect(s.managed).toEqual([0, 1]);
    expect(storeOf(view([{ id: 'zk', state: {} }]) as never)).toEqual({ ledgers: new Map(), managed: [] });
  });

  it('an entry acknowledged past its closed ledger\'s last entry', () => {
    const past = 'every acknowledged entry is at or below';
    expect(check(past, view([store([meta(0, 'CLOSED', 2)])], [appended(4, 0, 3)]))).toBe('append 4 was acknowledged as L0:3, but L0 closed at entry 2');
    expect(check(past, view([store([meta(0, 'CLOSED', 3)])], [appended(4, 0, 3)]))).toBeUndefined();
    expect(check(past, view([store([meta(0, 'OPEN', 2)])], [appended(4, 0, 3)]))).toBeUndefined();
    expect(check(past, view([store([])], [appended(4, 3, 0)]))).toBeUndefined(); // a ledger without metadata is another invariant's finding
    expect(check(past, view([store([meta(0, 'CLOSED', 2)])], [{ op: 'append', args: 4, result: { kind: 'appended', ledger: 0, entry: 3 } }, { op: 'append', args: 5, returnTick: 2, result: { kind: 'fenced' } }]))).toBeUndefined();
  });

  it('a writer that confirms past the close', () => {
    const fenced = 'a fenced old writer';
    const owner = (lac: number) => ({ id: 'p1', state: { role: 'broker', task: { kind: 'owner', ledger: 0, lac } } });
    expect(check(fenced, view([store([meta(0, 'CLOSED', 2)]), owner(3)]))).toBe('p1 confirmed L0 up to entry 3 after the ledger closed at 2');
    expect(check(fenced, view([store([meta(0, 'CLOSED', 2)]), owner(2)]))).toBeUndefined();
    expect(check(fenced, view([store([meta(0, 'OPEN')]), owner(3)]))).toBeUndefined();
    expect(check(fenced, view([store([]), owner(3)]))).toBeUndefined();
    expect(check(fenced, view([store([meta(0, 'CLOSED', 2)]), { id: 'p2', state: { role: 'broker', task: { kind: 'acquire' } } }, { id: 'b1', state: { role: 'bookie' } }]))).toBeUndefined();
  });

  it('a reader that sees a closed ledger end elsewhere, or another value than the acknowledged one', () => {
    const agree = 'all readers agree';
    const closed = store([meta(0, 'CLOSED', 1)]);
    expect(check(agree, view([closed], [read(0, [5, 6])]))).toBeUndefined();
    // An acknowledgement past the close is the first invariant's finding: this one compares only the entries read.
    expect(check(agree, view([closed], [appended(9, 0, 2), read(0, [5, 6])]))).toBeUndefined();
    expect(check(agree, view([closed], [read(0, [5])]))).toBe('a reader saw L0 end at entry 0, but it closed at 1');
    expect(check(agree, view([store([meta(0, 'OPEN')])], [read(0, [5])]))).toBe('a reader saw L0 end at entry 0, but it closed at -1');
    expect(check(agree, view([store([])], [read(3, [])]))).toBe('a reader saw L3 end at entry -1, but it closed at undefined');
    expect(check(agree, view([closed], [appended(6, 0, 1), read(0, [5, 7])]))).toBe('a reader saw 7 at L0:1, where append 6 was acknowledged');
    expect(check(agree, view([closed], [appended(7, 0, 1), read(0, [5, 7]), { op: 'read', result: { kind: 'read', ledgers: [{ ledger: 0, entries: [] }] } }]))).toBeUndefined();
  });

  it('fragments that do not start in increasing order, and an acknowledged entry on fewer than Qa bookies of its write set', () => {
    const one = 'no entry appears in two fragments';
    const twice = meta(0, 'OPEN', -1, [{ first: 0, bookies: ['b1', 'b2', 'b3'] }, { first: 0, bookies: ['b1', 'b4', 'b3'] }]);
    expect(check(one, view([store([twice])]))).toBe('L0\'s fragments 0 and 1 both start at or before entry 0');
    const ok = meta(0, 'OPEN', -1, [{ first: 0, bookies: ['b1', 'b2', 'b3'] }, { first: 1, bookies: ['b1', 'b4', 'b3'] }]);
    expect(check(one, view([store([ok])]))).toBeUndefined();
    // Entry 0's write set is b1, b2: both must hold the acknowledged value.
    expect(check(one, view([store([ok]), bookie('b1', { 0: 5 }), bookie('b2', { 0: 5 })], [appended(5, 0, 0)]))).toBeUndefined();
    expect(check(one, view([store([ok]), bookie('b1', { 0: 5 }), bookie('b2', { 0: 6 }), bookie('b3', { 0: 5 })], [appended(5, 0, 0)]))).toBe('acknowledged L0:0 is on 1 bookies of its fragment\'s write set, fewer than Qa = 2');
    expect(check(one, view([store([ok]), bookie('b1', { 0: 5 }), bookie('b2', { 0: 5 }, 1)], [appended(5, 0, 0)]))).toMatch(/on 1 bookies/);
    expect(check(one, view([store([ok]), bookie('b1', { 0: 5 }), { id: 'b2', state: { role: 'bookie', ledgers: { 0: { entries: { 0: 5 } } } } }], [appended(5, 0, 0)]))).toMatch(/on 1 bookies/);
    expect(check(one, view([store([ok])], [appended(5, 4, 0)]))).toBe('L4 has no metadata');
  });

  it('a ledger of the topic followed by another but not closed', () => {
    const chain = 'every ledger of the topic but the last is closed';
    expect(check(chain, view([store([meta(0, 'CLOSED', 1), meta(1, 'OPEN')])]))).toBeUndefined();
    expect(check(chain, view([store([meta(0, 'IN_RECOVERY'), meta(1, 'OPEN')])]))).toBe('L0 is followed by another ledger but is IN_RECOVERY');
    expect(check(chain, view([store([meta(1, 'OPEN')], [0, 1])]))).toBe('L0 is followed by another ledger but is missing');
  });
});
