/**
 * Ledger recovery's rules, one answer at a time (snippets/bookkeeper/recovery.ts): what each phase
 * sends, which answers count, when fencing is done, how far it reads past the LAC, and how it closes.
 * Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { onRecoveryMessage, recoveryRequests } from '../../../snippets/bookkeeper/recovery.ts';
import { bkConfig } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import type { Recovery } from '../../../snippets/bookkeeper/broker-state.ts';
import type { BkMessage, LedgerMeta } from '../../../snippets/bookkeeper/types.ts';

const config = bkConfig();
const meta: LedgerMeta = { kind: 'ledger', id: 0, state: 'IN_RECOVERY', lastEntry: -1, ensembles: [{ first: 0, bookies: ['b1', 'b2', 'b3'] }] };
const base = { ledger: 0, version: 2, meta };
const value = (m: LedgerMeta | undefined, o: { version?: number; ok?: boolean } = {}): BkMessage => ({ kind: 'value', op: 't', key: 'L0', version: o.version ?? 2, value: m, ...(o.ok === undefined ? {} : { ok: o.ok }) });
const on = (r: Recovery, from: string, m: BkMessage, cfg = config) => onRecoveryMessage(cfg, r, from, m);
const to = (effects: ReturnType<typeof recoveryRequests>) => effects.map((e) => (e.kind === 'send' ? [e.to, e.message] : []));

describe('what each phase sends', () => {
  it('meta reads the ledger; mark and close write it with a CAS over the version read', () => {
    expect(to(recoveryRequests(config, 't', { step: 'meta', ledger: 0 }))).toEqual([['zk', { kind: 'get', op: 't', key: 'L0' }]]);
    const open = { ...meta, state: 'OPEN' as const };
    expect(to(recoveryRequests(config, 't', { step: 'mark', ledger: 0, version: 1, meta: open }))).toEqual([['zk', { kind: 'cas', op: 't', key: 'L0', expected: 1, value: { ...open, state: 'IN_RECOVERY' } }]]);
    expect(to(recoveryRequests(config, 't', { step: 'close', ...base, last: 3 }))).toEqual([['zk', { kind: 'cas', op: 't', key: 'L0', expected: 2, value: { ...meta, state: 'CLOSED', lastEntry: 3 } }]]);
  });

  it('fence goes to each bookie of the last ensemble that has not answered (fencing, or only asking in the broken variant)', () => {
    expect(to(recoveryRequests(config, 't', { step: 'fence', ...base, lacs: { b2: 0 } }))).toEqual([
      ['b1', { kind: 'fence', op: 't', ledger: 0, fence: true }],
      ['b3', { kind: 'fence', op: 't', ledger: 0, fence: true }],
    ]);
    expect(to(recoveryRequests({ ...config, fencing: false }, 't', { step: 'fence', ...base, lacs: {} }))[0]).toEqual(['b1', { kind: 'fence', op: 't', ledger: 0, fence: false }]);
  });

  it('read asks the entry\'s write set, but those that said "missing", fencing as it reads unless a variant says not', () => {
    expect(to(recoveryRequests(config, 't', { step: 'read', ...base, entry: 1, missing: ['b2'] }))).toEqual([['b3', { kind: 'read', op: 't', ledger: 0, from: 1, to: 2, fence: true }]]);
    expect(to(recoveryRequests({ ...config, fencingReads: false }, 't', { step: 'read', ...base, entry: 1, missing: [] }))[0]![1]).toMatchObject({ fence: false });
    expect(to(recoveryRequests({ ...config, fencing: false }, 't', { step: 'read', ...base, entry: 1, missing: [] }))[0]![1]).toMatchObject({ fence: false });
  });

  it('rewrite adds the entry as recovery to the write set bookies that have not acknowledged it', () => {
    expect(to(recoveryRequests(config, 't', { step: 'rewrite', ...base, entry: 2, value: 9, acks: ['b3'] }))).toEqual([['b1', { kind: 'add', ledger: 0, entry: 2, value: 9, lac: 1, recovery: true }]]);
  });
});

describe('what each answer does', () => {
  it('meta/mark: a closed ledger needs nothing; one in recovery is fenced next; an open one is marked first', () => {
    expect(on({ step: 'meta', ledger: 0 }, 'zk', value({ ...meta, state: 'CLOSED', lastEntry: 2 }))).toEqual({ kind: 'closed', meta: { ...meta, state: 'CLOSED', lastEntry: 2 } });
    expect(on({ step: 'meta', ledger: 0 }, 'zk', value(meta, { version: 3 }))).toEqual({ kind: 'phase', recovery: { step: 'fence', ledger: 0, version: 3, meta, lacs: {} } });
    const open = { ...meta, state: 'OPEN' as const };
    expect(on({ step: 'mark', ledger: 0, version: 1, meta: open }, 'zk', value(open, { version: 4 }))).toEqual({ kind: 'phase', recovery: { step: 'mark', ledger: 0, version: 4, meta: open } });
    expect(on({ step: 'meta', ledger: 0 }, 'zk', value(undefined))).toBeUndefined();
    expect(on({ step: 'meta', ledger: 0 }, 'b1', { kind: 'lac', op: 't', ledger: 0, lac: 1 })).toBeUndefined();
  });

  it('fence: counts each bookie of the last ensemble once, until every write set is covered, then reads past the highest LAC', () => {
    const r: Recovery = { step: 'fence', ...base, lacs: {} };
    const one = on(r, 'b1', { kind: 'lac', op: 't', ledger: 0, lac: 1 });
    expect(one).toEqual({ kind: 'same', recovery: { ...r, lacs: { b1: 1 } } });
    const r1 = (one as { recovery: Recovery }).recovery;
    expect(on(r1, 'b1', { kind: 'lac', op: 't', ledger: 0, lac: 5 })).toBeUndefined();
    expect(on(r1, 'b4', { kind: 'lac', op: 't', ledger: 0, lac: 5 })).toBeUndefined();
    expect(on(r1, 'b2', { kind: 'added', ledger: 0, entry: 0 })).toBeUndefined();
    expect(on(r1, 'b2', { kind: 'lac', op: 't', ledger: 0, lac: 3 })).toEqual({ kind: 'phase', recovery: { step: 'read', ...base, entry: 4, missing: [] } });
    // The broken close-at-lac variant closes right at the highest LAC.
    expect(on(r1, 'b2', { kind: 'lac', op: 't', ledger: 0, lac: 3 }, { ...config, readPastLac: false })).toEqual({ kind: 'phase', recovery: { step: 'close', ...base, last: 3 } });
  });

  it('read: a value is written back; "missing" from Qw - Qa + 1 of the write set ends the ledger just before it', () => {
    const r: Recovery = { step: 'read', ...base, entry: 2, missing: [] };
    const entries = (v: number | null): BkMessage => ({ kind: 'entries', op: 't', ledger: 0, from: 2, values: [v] });
    expect(on(r, 'b3', entries(7))).toEqual({ kind: 'phase', recovery: { step: 'rewrite', ...base, entry: 2, value: 7, acks: [] } });
    expect(on(r, 'b3', entries(null))).toEqual({ kind: 'phase', recovery: { step: 'close', ...base, last: 1 } });
    const loose = bkConfig({}, { writeQuorum: 3, ackQuorum: 2 });
    expect(on(r, 'b3', entries(null), loose)).toEqual({ kind: 'same', recovery: { ...r, missing: ['b3'] } });
    expect(on({ ...r, missing: ['b3'] }, 'b1', entries(null), loose)).toEqual({ kind: 'phase', recovery: { step: 'close', ...base, last: 1 } });
    expect(on({ ...r, missing: ['b3'] }, 'b3', entries(null), loose)).toBeUndefined();
    expect(on(r, 'b2', entries(7))).toBeUndefined();
    expect(on(r, 'b3', { kind: 'entries', op: 't', ledger: 0, from: 2, values: [] })).toEqual({ kind: 'phase', recovery: { step: 'close', ...base, last: 1 } });
    expect(on(r, 'b3', { kind: 'lac', op: 't', ledger: 0, lac: 1 })).toBeUndefined();
  });

  it('rewrite: once Qa of the write set have it, the next entry is read', () => {
    const r: Recovery = { step: 'rewrite', ...base, entry: 2, value: 7, acks: [] };
    const added = (entry = 2, ledger = 0): BkMessage => ({ kind: 'added', ledger, entry });
    const one = on(r, 'b3', added());
    expect(one).toEqual({ kind: 'same', recovery: { ...r, acks: ['b3'] } });
    expect(on({ ...r, acks: ['b3'] }, 'b1', added())).toEqual({ kind: 'phase', recovery: { step: 'read', ...base, entry: 3, missing: [] } });
    expect(on({ ...r, acks: ['b3'] }, 'b3', added())).toBeUndefined();
    expect(on(r, 'b2', added())).toBeUndefined();
    expect(on(r, 'b3', added(3))).toBeUndefined();
    expect(on(r, 'b3', added(2, 1))).toBeUndefined();
    expect(on(r, 'b3', { kind: 'lac', op: 't', ledger: 0, lac: 1 })).toBeUndefined();
    // A bookie's refusal of an add of the same entry (an answer to the old writer's add) is not an ack.
    expect(on(r, 'b3', { kind: 'add-fenced', ledger: 0, entry: 2 })).toBeUndefined();
  });

  it('close: done when the CAS won or someone else closed it; otherwise the metadata moved on and recovery starts over', () => {
    const r: Recovery = { step: 'close', ...base, last: 3 };
    const closed = { ...meta, state: 'CLOSED' as const, lastEntry: 3 };
    expect(on(r, 'zk', value(closed, { ok: true }))).toEqual({ kind: 'closed', meta: closed });
    expect(on(r, 'zk', value(closed, { ok: false }))).toEqual({ kind: 'closed', meta: closed });
    expect(on(r, 'zk', value(meta, { ok: true }))).toEqual({ kind: 'closed', meta });
    expect(on(r, 'zk', value(meta, { ok: false }))).toEqual({ kind: 'restart', ledger: 0 });
    expect(on(r, 'zk', value(undefined))).toBeUndefined();
  });
});
