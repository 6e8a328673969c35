/**
 * The quorum Loglet's rules (§4.2.1, snippets/delos/quorum-loglet.ts), one per test, on its two step
 * functions: a LogServer (on-disk entries and a seal bit per Loglet) and the sequencer (positions,
 * one store in flight per Loglet, acknowledged at a majority). Written for mutation testing
 * (docs/mutation.md, issue 19): the seeded suite runs these paths but states none of them.
 */
import { describe, expect, it } from 'vitest';
import { onSequencerMessage, onSequencerTick, onServerMessage, serverTail, type SequencerState, type ServerState } from '../../../snippets/delos/quorum-loglet.ts';
import { delosConfig } from '../../../snippets/delos/run-delos.ts';
import type { LogletMessage } from '../../../snippets/delos/types.ts';

const config = delosConfig();
const entry = (value: number, op = `v1.${value}`) => ({ value, op });
const server = (loglets: ServerState['loglets'] = {}): ServerState => ({ role: 'server', loglets });
const sent = (to: string, message: LogletMessage) => ({ kind: 'send', to, message });

describe('a LogServer', () => {
  it('stores an entry on disk before it acknowledges it, at the position the sequencer gave', () => {
    const { state, effects } = onServerMessage(server(), 'seq', { kind: 'store', loglet: 1, pos: 0, entry: entry(7) });
    expect(state.loglets[1]).toEqual({ entries: { 0: entry(7) }, sealed: false });
    expect(effects).toEqual([{ kind: 'persist', durable: state }, sent('seq', { kind: 'stored', loglet: 1, pos: 0 })]);
  });

  it('acknowledges a resent store of a position it holds without writing again', () => {
    const held = server({ 1: { entries: { 0: entry(7) }, sealed: false } });
    const { state, effects } = onServerMessage(held, 'seq', { kind: 'store', loglet: 1, pos: 0, entry: entry(7) });
    expect(state).toBe(held);
    expect(effects).toEqual([sent('seq', { kind: 'stored', loglet: 1, pos: 0 })]);
  });

  it('refuses every store once its seal bit is set, and stores nothing', () => {
    const sealed = server({ 1: { entries: {}, sealed: true } });
    const { state, effects } = onServerMessage(sealed, 'seq', { kind: 'store', loglet: 1, pos: 0, entry: entry(7) });
    expect(state).toBe(sealed);
    expect(effects).toEqual([sent('seq', { kind: 'store-refused', loglet: 1, pos: 0 })]);
  });

  it('sets the seal bit on disk before it answers the seal, and keeps its entries', () => {
    const held = server({ 1: { entries: { 0: entry(7) }, sealed: false } });
    const { state, effects } = onServerMessage(held, 'v2', { kind: 'seal', loglet: 1, op: 'v2.3' });
    expect(state.loglets[1]).toEqual({ entries: { 0: entry(7) }, sealed: true });
    expect(effects).toEqual([{ kind: 'persist', durable: state }, sent('v2', { kind: 'seal-ok', loglet: 1, op: 'v2.3' })]);
  });

  it('answers a second seal without writing again', () => {
    const sealed = server({ 1: { entries: {}, sealed: true } });
    const { state, effects } = onServerMessage(sealed, 'v1', { kind: 'seal', loglet: 1, op: 'v1.4' });
    expect(state).toBe(sealed);
    expect(effects).toEqual([sent('v1', { kind: 'seal-ok', loglet: 1, op: 'v1.4' })]);
  });

  it('keeps one seal bit per Loglet: sealing L1 leaves L2 open', () => {
    const sealed = onServerMessage(server(), 'v2', { kind: 'seal', loglet: 1, op: 'v2.3' }).state;
    expect(onServerMessage(sealed, 'seq', { kind: 'store', loglet: 2, pos: 0, entry: entry(7) }).effects).toContainEqual(sent('seq', { kind: 'stored', loglet: 2, pos: 0 }));
  });

  it('answers checkTail with one past its highest stored position, gaps and all, and its seal bit', () => {
    const held = server({ 1: { entries: { 0: entry(7), 2: entry(9) }, sealed: true } });
    const { state, effects } = onServerMessage(held, 'v2', { kind: 'check-tail', loglet: 1, op: 'v2.3' });
    expect(state).toBe(held);
    expect(effects).toEqual([sent('v2', { kind: 'tail', loglet: 1, op: 'v2.3', tail: 3, sealed: true })]);
    expect(onServerMessage(server(), 'v2', { kind: 'check-tail', loglet: 4, op: 'v2.3' }).effects).toEqual([sent('v2', { kind: 'tail', loglet: 4, op: 'v2.3', tail: 0, sealed: false })]);
    expect(serverTail({ entries: { 10: entry(1), 3: entry(2) }, sealed: false })).toBe(11);
  });

  it('answers readNext with the values from `from` up to `to` (excluded), null where it holds nothing', () => {
    const held = server({ 1: { entries: { 0: entry(7), 2: entry(9), 3: entry(10) }, sealed: false } });
    const { state, effects } = onServerMessage(held, 'v1', { kind: 'read-next', loglet: 1, op: 'v1.2', from: 1, to: 3 });
    expect(state).toBe(held);
    expect(effects).toEqual([sent('v1', { kind: 'entries', loglet: 1, op: 'v1.2', from: 1, values: [null, 9] })]);
  });

  it('ignores what is not addressed to a LogServer', () => {
    const held = server({ 1: { entries: { 0: entry(7) }, sealed: false } });
    const others: LogletMessage[] = [
      { kind: 'append', loglet: 1, op: 'a', value: 1 },
      { kind: 'appended', loglet: 1, op: 'a', pos: 0 },
      { kind: 'append-failed', loglet: 1, op: 'a', why: 'sealed' },
      { kind: 'tail', loglet: 1, op: 'a', tail: 0, sealed: false },
      { kind: 'tail-unavailable', loglet: 1, op: 'a' },
      { kind: 'seal-ok', loglet: 1, op: 'a' },
      { kind: 'entries', loglet: 1, op: 'a', from: 0, values: [] },
      { kind: 'stored', loglet: 1, pos: 0 },
      { kind: 'store-refused', loglet: 1, pos: 0 },
    ];
    for (const m of others) expect(onServerMessage(held, 'x', m)).toEqual({ state: held, effects: [] });
    expect(() => onServerMessage(held, 'x', { kind: 'nope', loglet: 1 } as never)).toThrow();
  });
});

describe('the sequencer', () => {
  const fresh: SequencerState = { role: 'sequencer', config, maxSeen: -1, loglets: {} };
  const append = (state: SequencerState, from: string, loglet: number, value: number, op = `${from}.${value}`) =>
    onSequencerMessage(config, state, from, { kind: 'append', loglet, op, value });
  const stored = (state: SequencerState, from: string, loglet: number, pos: number) => onSequencerMessage(config, state, from, { kind: 'stored', loglet, pos });
  const stores = (loglet: number, pos: number, e: { value: number; op: string }, to = ['l1', 'l2', 'l3']) => to.map((s) => sent(s, { kind: 'store', loglet, pos, entry: e }));

  it('on a Loglet it has never seen: writes the Loglet\'s id to disk first, then sends position 0 to every LogServer', () => {
    const { state, effects } = append(fresh, 'v1', 1, 7);
    expect(state.maxSeen).toBe(1);
    expect(effects).toEqual([{ kind: 'persist', durable: { role: 'sequencer', maxSeen: 1 } }, ...stores(1, 0, entry(7, 'v1.7'))]);
  });

  it('acknowledges an append once a majority of LogServers stored it, each counted once, and moves the committed tail past it', () => {
    let s = append(fresh, 'v1', 1, 7).state;
    const first = stored(s, 'l2', 1, 0);
    expect(first.effects).toEqual([]);
    const again = stored(first.state, 'l2', 1, 0);
    expect(again.effects).toEqual([]);
    expect(again.state.loglets[1]!.committed).toBe(0);
    s = stored(again.state, 'l3', 1, 0).state;
    const done = stored(again.state, 'l3', 1, 0);
    expect(done.effects).toEqual([sent('v1', { kind: 'appended', loglet: 1, op: 'v1.7', pos: 0 })]);
    expect(s.loglets[1]).toMatchObject({ committed: 1, inFlight: undefined });
  });

  it('keeps one store in flight per Loglet: a second append waits, and goes out at the next position once the first commits', () => {
    let s = append(fresh, 'v1', 1, 7).state;
    const second = append(s, 'v2', 1, 8);
    expect(second.effects).toEqual([]);
    s = stored(second.state, 'l1', 1, 0).state;
    const committed = stored(s, 'l3', 1, 0);
    expect(committed.effects).toEqual([sent('v1', { kind: 'appended', loglet: 1, op: 'v1.7', pos: 0 }), ...stores(1, 1, entry(8, 'v2.8'))]);
    expect(committed.state.loglets[1]!.inFlight).toMatchObject({ pos: 1, client: 'v2', acks: [] });
  });

  it('every append that waits is kept, in order: a third waits behind the second', () => {
    const s = append(append(append(fresh, 'v1', 1, 7).state, 'v2', 1, 8).state, 'v1', 1, 9).state;
    expect(s.loglets[1]!.queue).toEqual([{ client: 'v2', entry: entry(8, 'v2.8') }, { client: 'v1', entry: entry(9, 'v1.9') }]);
  });

  it('answers a resend of a committed append with the position it got, and appends nothing', () => {
    let s = append(fresh, 'v1', 1, 7).state;
    s = stored(stored(s, 'l1', 1, 0).state, 'l2', 1, 0).state;
    const resend = append(s, 'v1', 1, 7);
    expect(resend.state).toBe(s);
    expect(resend.effects).toEqual([sent('v1', { kind: 'appended', loglet: 1, op: 'v1.7', pos: 0 })]);
  });

  it('says nothing to a resend of an append in flight or queued: the answer will come', () => {
    const s = append(append(fresh, 'v1', 1, 7).state, 'v2', 1, 8).state;
    expect(append(s, 'v1', 1, 7)).toEqual({ state: s, effects: [] });
    expect(append(s, 'v2', 1, 8)).toEqual({ state: s, effects: [] });
  });

  it('ignores a store answer for another position, for a Loglet with nothing in flight, or once sealed', () => {
    const s = append(fresh, 'v1', 1, 7).state;
    expect(stored(s, 'l1', 1, 1)).toEqual({ state: s, effects: [] });
    expect(stored(s, 'l1', 2, 0)).toEqual({ state: s, effects: [] });
    const idle = stored(stored(s, 'l1', 1, 0).state, 'l2', 1, 0).state;
    expect(stored(idle, 'l3', 1, 0)).toEqual({ state: idle, effects: [] });
    const sealed = onSequencerMessage(config, append(s, 'v2', 1, 8).state, 'l1', { kind: 'store-refused', loglet: 1, pos: 0 }).state;
    expect(stored(sealed, 'l2', 1, 0)).toEqual({ state: sealed, effects: [] });
  });

  it('a refused store seals the Loglet: the append in flight may or may not survive ("maybe"), the queued ones never got a position ("sealed")', () => {
    let s = append(fresh, 'v1', 1, 7).state;
    s = append(s, 'v2', 1, 8).state;
    const refused = onSequencerMessage(config, s, 'l3', { kind: 'store-refused', loglet: 1, pos: 0 });
    expect(refused.effects).toEqual([
      sent('v1', { kind: 'append-failed', loglet: 1, op: 'v1.7', why: 'maybe' }),
      sent('v2', { kind: 'append-failed', loglet: 1, op: 'v2.8', why: 'sealed' }),
    ]);
    expect(refused.state.loglets[1]).toMatchObject({ sealed: true, inFlight: undefined, queue: [], committed: 0 });
  });

  it('once sealed, refuses a new append ("sealed") and answers a resend of the one that was in flight with "maybe"', () => {
    const s = onSequencerMessage(config, append(fresh, 'v1', 1, 7).state, 'l3', { kind: 'store-refused', loglet: 1, pos: 0 }).state;
    expect(append(s, 'v2', 1, 9)).toEqual({ state: s, effects: [sent('v2', { kind: 'append-failed', loglet: 1, op: 'v2.9', why: 'sealed' })] });
    expect(append(s, 'v1', 1, 7)).toEqual({ state: s, effects: [sent('v1', { kind: 'append-failed', loglet: 1, op: 'v1.7', why: 'maybe' })] });
  });

  it('after a restart it refuses every Loglet it had seen ("unavailable") but orders a newer one', () => {
    const restarted: SequencerState = { ...fresh, maxSeen: 2 };
    for (const id of [1, 2]) {
      expect(append(restarted, 'v1', id, 7)).toEqual({ state: restarted, effects: [sent('v1', { kind: 'append-failed', loglet: id, op: 'v1.7', why: 'unavailable' })] });
    }
    const newer = append(restarted, 'v1', 3, 7);
    expect(newer.state.maxSeen).toBe(3);
    expect(newer.effects).toContainEqual(sent('l1', { kind: 'store', loglet: 3, pos: 0, entry: entry(7, 'v1.7') }));
  });

  it('resends the store in flight every retryTicks ticks, same entry and position, only to the LogServers that have not stored it', () => {
    let s = stored(append(fresh, 'v1', 1, 7).state, 'l2', 1, 0).state;
    for (let t = 1; t < config.retryTicks; t++) {
      const tick = onSequencerTick(config, s);
      expect(tick.effects, `tick ${t}`).toEqual([]);
      s = tick.state;
    }
    expect(s.loglets[1]!.inFlight!.waitTicks).toBe(config.retryTicks - 1);
    const due = onSequencerTick(config, s);
    expect(due.effects).toEqual(stores(1, 0, entry(7, 'v1.7'), ['l1', 'l3']));
    expect(due.state.loglets[1]!.inFlight!.waitTicks).toBe(0);
    expect(onSequencerTick(config, fresh)).toEqual({ state: fresh, effects: [] });
  });

  it('a tick with nothing in flight changes nothing, on each Loglet', () => {
    const s = stored(stored(append(fresh, 'v1', 1, 7).state, 'l1', 1, 0).state, 'l2', 1, 0).state;
    const withSecond = append(s, 'v1', 2, 8).state;
    const tick = onSequencerTick(config, withSecond);
    expect(tick.state.loglets[1]).toEqual(withSecond.loglets[1]);
    expect(tick.state.loglets[2]!.inFlight!.waitTicks).toBe(1);
  });

  it('answers the read path\'s checkTail with the committed tail and the seal bit; a Loglet newer than any it saw is empty; a forgotten one is unavailable', () => {
    const s = stored(stored(append(fresh, 'v1', 1, 7).state, 'l1', 1, 0).state, 'l2', 1, 0).state;
    const check = (state: SequencerState, loglet: number) => onSequencerMessage(config, state, 'v2', { kind: 'check-tail', loglet, op: 'v2.5' });
    expect(check(s, 1)).toEqual({ state: s, effects: [sent('v2', { kind: 'tail', loglet: 1, op: 'v2.5', tail: 1, sealed: false })] });
    expect(check(s, 2)).toEqual({ state: s, effects: [sent('v2', { kind: 'tail', loglet: 2, op: 'v2.5', tail: 0, sealed: false })] });
    const restarted: SequencerState = { ...fresh, maxSeen: 1 };
    expect(check(restarted, 1)).toEqual({ state: restarted, effects: [sent('v2', { kind: 'tail-unavailable', loglet: 1, op: 'v2.5' })] });
    expect(check(restarted, 2).effects).toEqual([sent('v2', { kind: 'tail', loglet: 2, op: 'v2.5', tail: 0, sealed: false })]);
    const sealed = onSequencerMessage(config, append(fresh, 'v1', 1, 7).state, 'l3', { kind: 'store-refused', loglet: 1, pos: 0 }).state;
    expect(check(sealed, 1).effects).toEqual([sent('v2', { kind: 'tail', loglet: 1, op: 'v2.5', tail: 0, sealed: true })]);
  });

  it('ignores what is not addressed to the sequencer', () => {
    const s = append(fresh, 'v1', 1, 7).state;
    const others: LogletMessage[] = [
      { kind: 'seal', loglet: 1, op: 'a' },
      { kind: 'read-next', loglet: 1, op: 'a', from: 0, to: 1 },
      { kind: 'appended', loglet: 1, op: 'a', pos: 0 },
      { kind: 'append-failed', loglet: 1, op: 'a', why: 'sealed' },
      { kind: 'tail', loglet: 1, op: 'a', tail: 0, sealed: false },
      { kind: 'tail-unavailable', loglet: 1, op: 'a' },
      { kind: 'seal-ok', loglet: 1, op: 'a' },
      { kind: 'entries', loglet: 1, op: 'a', from: 0, values: [] },
      { kind: 'store', loglet: 1, pos: 0, entry: entry(1) },
    ];
    for (const m of others) expect(onSequencerMessage(config, s, 'x', m)).toEqual({ state: s, effects: [] });
    expect(() => onSequencerMessage(config, s, 'x', { kind: 'nope', loglet: 1 } as never)).toThrow();
  });
});
