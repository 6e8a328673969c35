/**
 * A VirtualLog node's rules (§3, snippets/delos/virtual-log.ts and reconfigure.ts), one per test, on its
 * step functions: which requests each phase has in flight, how answers move an operation on, what a
 * client is told, and reconfigExtend's seal, checkTail and conditional write. Written for mutation
 * testing (docs/mutation.md, issue 19): the seeded suite runs these paths but states none of them.
 */
import { describe, expect, it } from 'vitest';
import { delosConfig } from '../../../snippets/delos/run-delos.ts';
import { finishReconfiguration, onReconfigMessage, startReconfiguration } from '../../../snippets/delos/reconfigure.ts';
import type { Chain, DelosConfig, DelosMessage, DelosRequest, Register } from '../../../snippets/delos/types.ts';
import {
  activeSegment, finish, newVlog, onVlogMessage, onVlogRequest, onVlogTick, phaseRequests, run, type Op, type Phase, type VlogState,
} from '../../../snippets/delos/virtual-log.ts';

const config = delosConfig();
const L0 = { start: 0, loglet: 0, kind: 'simple' } as const;
const L1 = { start: 3, loglet: 1, kind: 'quorum' } as const;
const v1: Register = { version: 1, chain: [L0], writer: 'init' };
const v2: Register = { version: 2, chain: [L0, L1], writer: 'v2.1' };
const send = (to: string, message: DelosMessage) => ({ kind: 'send', to, message });
const reply = (client: string, requestId: number, response: unknown) => ({ kind: 'reply', client, requestId, response });

const op = (request: DelosRequest, phase: Phase, change: Partial<Op> = {}): Op => ({
  client: 'c1', requestId: 1, request, tag: 'v1.1', phase, waitTicks: 0, retries: 0, ageTicks: 0, unknown: false, sealedLoglet: -1, ...change,
});
const node = (register: Register | undefined, current?: Op, change: Partial<VlogState> = {}): VlogState => ({ ...newVlog('v1', config), register, op: current, ...change });
const appendOp = (phase: Phase, change: Partial<Op> = {}) => op({ kind: 'append', value: 7 }, phase, change);
const message = (state: VlogState, m: DelosMessage, from = 'x') => onVlogMessage(config, state, from, m);

describe('the chain', () => {
  it('the active segment is the chain\'s last; an empty chain is an error', () => {
    expect(activeSegment([L0, L1])).toBe(L1);
    expect(() => activeSegment([])).toThrow('empty chain');
  });
});

describe('what each phase has in flight', () => {
  const requests = (phase: Phase, request: DelosRequest = { kind: 'append', value: 7 }, cfg: DelosConfig = config) => phaseRequests(cfg, op(request, phase));

  it('reading the chain, and validating a read, ask the MetaStore', () => {
    expect(requests({ kind: 'chain' })).toEqual([send('meta', { kind: 'meta-read', op: 'v1.1' })]);
    expect(requests({ kind: 'validate', version: 2, total: 4 })).toEqual([send('meta', { kind: 'meta-read', op: 'v1.1' })]);
  });

  it('an append and the read path\'s checkTail go to the Loglet\'s orderer: the simple node, or the sequencer', () => {
    expect(requests({ kind: 'append', segment: L0 })).toEqual([send('s1', { kind: 'append', loglet: 0, op: 'v1.1', value: 7 })]);
    expect(requests({ kind: 'append', segment: L1 })).toEqual([send('seq', { kind: 'append', loglet: 1, op: 'v1.1', value: 7 })]);
    expect(requests({ kind: 'tail', segment: L1, version: 2 }, { kind: 'read' })).toEqual([send('seq', { kind: 'check-tail', loglet: 1, op: 'v1.1' })]);
    expect(() => requests({ kind: 'append', segment: L0 }, { kind: 'read' })).toThrow('append phase without an append');
  });

  it('the seal goes to each storage node of the active Loglet that has not acknowledged it; the sealed checkTail to each that has not given its tail', () => {
    expect(requests({ kind: 'seal', base: v2, acks: ['l2'] })).toEqual([send('l1', { kind: 'seal', loglet: 1, op: 'v1.1' }), send('l3', { kind: 'seal', loglet: 1, op: 'v1.1' })]);
    expect(requests({ kind: 'seal', base: v1, acks: [] })).toEqual([send('s1', { kind: 'seal', loglet: 0, op: 'v1.1' })]);
    expect(requests({ kind: 'check', base: v2, tails: { l1: 0, l3: 2 } })).toEqual([send('l2', { kind: 'check-tail', loglet: 1, op: 'v1.1' })]);
    expect(requests({ kind: 'check', base: v1, tails: {} })).toEqual([send('s1', { kind: 'check-tail', loglet: 0, op: 'v1.1' })]);
  });

  it('a phase of no known kind is an error, as is a request of no known kind', () => {
    expect(() => requests({ kind: 'nope' } as never)).toThrow();
    expect(() => run(config, node(v2), op({ kind: 'nope' } as never, { kind: 'chain' }))).toThrow();
  });

  it('the conditional write names the version it replaces and the new chain', () => {
    const chain: Chain = [L0, L1];
    expect(requests({ kind: 'write', expected: 1, chain })).toEqual([send('meta', { kind: 'meta-write', op: 'v1.1', expected: 1, chain })]);
  });

  it('readNext asks every storage node of each segment from its first missing position to the segment\'s end, and skips a segment it has whole', () => {
    const chain: Chain = [L0, L1, { start: 6, loglet: 2, kind: 'simple' }];
    // Positions 0..2 on L0, 3..5 on L1, 6.. on L2; the read's total is 7. Got 0 and 1; 4; 6.
    const got = [10, 11, null, null, 14, null, 16];
    expect(requests({ kind: 'fetch', chain, total: 7, got }, { kind: 'read' })).toEqual([
      send('s1', { kind: 'read-next', loglet: 0, op: 'v1.1', from: 2, to: 3 }),
      ...['l1', 'l2', 'l3'].map((n) => send(n, { kind: 'read-next', loglet: 1, op: 'v1.1', from: 0, to: 3 })),
    ]);
    // A total inside an earlier segment: the later segments are not asked at all.
    expect(requests({ kind: 'fetch', chain, total: 2, got: [null, null] }, { kind: 'read' })).toEqual([send('s1', { kind: 'read-next', loglet: 0, op: 'v1.1', from: 0, to: 2 })]);
    expect(requests({ kind: 'fetch', chain: [L0], total: 2, got: [1, 2] }, { kind: 'read' })).toEqual([]);
  });
});

describe('a client\'s request', () => {
  it('starts at once: an append on the cached chain goes straight to the active Loglet', () => {
    const { state, effects } = onVlogRequest(config, node(v2), 'c1', 1, { kind: 'append', value: 7 });
    expect(effects).toEqual([send('seq', { kind: 'append', loglet: 1, op: 'v1.1', value: 7 })]);
    expect(state.op).toMatchObject({ client: 'c1', requestId: 1, tag: 'v1.1', phase: { kind: 'append', segment: L1 }, unknown: false, sealedLoglet: -1 });
    expect(state.nextOp).toBe(2);
  });

  it('a read, a reconfiguration, or an append with no chain yet starts by reading the chain', () => {
    expect(onVlogRequest(config, node(v2), 'c1', 1, { kind: 'read' }).state.op!.phase).toEqual({ kind: 'chain' });
    expect(onVlogRequest(config, node(v2), 'c1', 1, { kind: 'reconfigure', to: 'simple' }).state.op!.phase).toEqual({ kind: 'chain' });
    expect(onVlogRequest(config, node(undefined), 'c1', 1, { kind: 'append', value: 7 }).effects).toEqual([send('meta', { kind: 'meta-read', op: 'v1.1' })]);
  });

  it('after a restart, operation tags carry the boot count, so they never repeat an earlier life\'s', () => {
    const { state } = onVlogRequest(config, node(v2, undefined, { boot: 2, nextOp: 5 }), 'c1', 1, { kind: 'read' });
    expect(state.op!.tag).toBe('v1.2.5');
  });

  it('waits in the queue while another operation runs, and starts when that one finishes, with the ticks it waited', () => {
    const busy = node(v2, appendOp({ kind: 'append', segment: L1 }));
    const queued = onVlogRequest(config, busy, 'c2', 1, { kind: 'append', value: 8 });
    expect(queued.effects).toEqual([]);
    expect(queued.state.queue).toEqual([{ client: 'c2', requestId: 1, request: { kind: 'append', value: 8 }, waitedTicks: 0 }]);
    const waited = onVlogTick(config, queued.state).state;
    expect(waited.queue[0]!.waitedTicks).toBe(1);
    const done = finish(config, waited, { kind: 'appended', pos: 3, loglet: 1, local: 0 });
    expect(done.effects).toEqual([reply('c1', 1, { kind: 'appended', pos: 3, loglet: 1, local: 0 }), send('seq', { kind: 'append', loglet: 1, op: 'v1.1', value: 8 })]);
    expect(done.state.op).toMatchObject({ client: 'c2', ageTicks: 1 });
    expect(done.state.queue).toEqual([]);
  });

  it('ignores a copy of a request it already took (request ids only grow per client), but not another client\'s', () => {
    const taken = onVlogRequest(config, node(v2), 'c1', 2, { kind: 'append', value: 7 }).state;
    for (const id of [1, 2]) expect(onVlogRequest(config, taken, 'c1', id, { kind: 'append', value: 7 })).toEqual({ state: taken, effects: [] });
    expect(onVlogRequest(config, taken, 'c2', 1, { kind: 'append', value: 8 }).state.queue).toHaveLength(1);
    expect(onVlogRequest(config, taken, 'c1', 3, { kind: 'append', value: 9 }).state.queue).toHaveLength(1);
  });

  it('finishing with nothing running says nothing', () => {
    const idle = node(v2);
    expect(finish(config, idle, { kind: 'unknown' })).toEqual({ state: idle, effects: [] });
  });
});

describe('running an operation on the chain it knows', () => {
  it('with no chain it reads the chain; an append goes to the active Loglet; a read asks the active Loglet\'s tail, remembering the chain\'s version', () => {
    expect(run(config, node(undefined), appendOp({ kind: 'chain' })).state.op!.phase).toEqual({ kind: 'chain' });
    expect(run(config, node(v2), appendOp({ kind: 'chain' })).state.op!.phase).toEqual({ kind: 'append', segment: L1 });
    expect(run(config, node(v2), op({ kind: 'read' }, { kind: 'chain' })).state.op!.phase).toEqual({ kind: 'tail', segment: L1, version: 2 });
    expect(run(config, node(v2), op({ kind: 'reconfigure', to: 'simple' }, { kind: 'chain' })).state.op!.phase).toEqual({ kind: 'seal', base: v2, acks: [] });
  });

  it('entering a phase starts its wait and retry counts afresh', () => {
    const tired = appendOp({ kind: 'chain' }, { waitTicks: 5, retries: 2, ageTicks: 30 });
    expect(run(config, node(v2), tired).state.op).toMatchObject({ waitTicks: 0, retries: 0, ageTicks: 30 });
  });
});

describe('the Loglet\'s answers to an append', () => {
  const appending = node(v2, appendOp({ kind: 'append', segment: L1 }));

  it('appended: the client is told the position in the whole log (the segment\'s start plus the Loglet\'s position)', () => {
    expect(message(appending, { kind: 'appended', loglet: 1, op: 'v1.1', pos: 2 }).effects).toEqual([reply('c1', 1, { kind: 'appended', pos: 5, loglet: 1, local: 2 })]);
  });

  it('sealed: the entry was never stored; read the newer chain, remembering which Loglet refused', () => {
    const { state, effects } = message(appending, { kind: 'append-failed', loglet: 1, op: 'v1.1', why: 'sealed' });
    expect(effects).toEqual([send('meta', { kind: 'meta-read', op: 'v1.1' })]);
    expect(state.op).toMatchObject({ phase: { kind: 'chain' }, sealedLoglet: 1 });
  });

  it('maybe: the client is told "unknown"', () => {
    expect(message(appending, { kind: 'append-failed', loglet: 1, op: 'v1.1', why: 'maybe' }).effects).toEqual([reply('c1', 1, { kind: 'unknown' })]);
  });

  it('unavailable: the sequencer forgot the Loglet; reconfigure away from it, and the client will be told "unknown"', () => {
    const { state, effects } = message(appending, { kind: 'append-failed', loglet: 1, op: 'v1.1', why: 'unavailable' });
    expect(state.op).toMatchObject({ phase: { kind: 'seal', base: v2, acks: [] }, unknown: true });
    expect(effects).toHaveLength(3);
  });

  it('while appending, only an answer to the append counts: a tail answer of the same Loglet changes nothing', () => {
    expect(message(appending, { kind: 'tail-unavailable', loglet: 1, op: 'v1.1' })).toEqual({ state: appending, effects: [] });
    expect(message(appending, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: true })).toEqual({ state: appending, effects: [] });
  });

  it('an answer about another Loglet, or to another operation, or while not appending, changes nothing', () => {
    expect(message(appending, { kind: 'appended', loglet: 0, op: 'v1.1', pos: 2 })).toEqual({ state: appending, effects: [] });
    expect(message(appending, { kind: 'appended', loglet: 1, op: 'v1.0', pos: 2 })).toEqual({ state: appending, effects: [] });
    const reading = node(v2, op({ kind: 'read' }, { kind: 'tail', segment: L1, version: 2 }));
    expect(message(reading, { kind: 'appended', loglet: 1, op: 'v1.1', pos: 2 })).toEqual({ state: reading, effects: [] });
    expect(message(reading, { kind: 'append-failed', loglet: 1, op: 'v1.1', why: 'maybe' })).toEqual({ state: reading, effects: [] });
    expect(message(node(v2), { kind: 'appended', loglet: 1, op: 'v1.1', pos: 2 })).toEqual({ state: node(v2), effects: [] });
  });

  it('requests and the sequencer\'s stores are never answers to a VirtualLog node', () => {
    for (const m of [
      { kind: 'store', loglet: 1, pos: 0, entry: { value: 1, op: 'v1.1' } }, { kind: 'stored', loglet: 1, pos: 0 }, { kind: 'store-refused', loglet: 1, pos: 0 },
      { kind: 'append', loglet: 1, op: 'v1.1', value: 1 }, { kind: 'check-tail', loglet: 1, op: 'v1.1' }, { kind: 'seal', loglet: 1, op: 'v1.1' },
      { kind: 'read-next', loglet: 1, op: 'v1.1', from: 0, to: 1 }, { kind: 'meta-read', op: 'v1.1' }, { kind: 'meta-write', op: 'v1.1', expected: 1, chain: [] },
    ] as DelosMessage[]) {
      expect(message(appending, m)).toEqual({ state: appending, effects: [] });
    }
    expect(() => message(appending, { kind: 'nope', op: 'v1.1' } as never)).toThrow();
  });
});

describe('a read (§3.1: checkTail, then the chain again, then readNext)', () => {
  const tailing = node(v2, op({ kind: 'read' }, { kind: 'tail', segment: L1, version: 2 }));

  it('the active Loglet\'s tail gives the read\'s end in the whole log; then the chain is read again', () => {
    const { state, effects } = message(tailing, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: false });
    expect(state.op!.phase).toEqual({ kind: 'validate', version: 2, total: 5 });
    expect(effects).toEqual([send('meta', { kind: 'meta-read', op: 'v1.1' })]);
  });

  it('a sealed tail means the chain moved on: read it again, remembering the sealed Loglet', () => {
    const { state } = message(tailing, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: true });
    expect(state.op).toMatchObject({ phase: { kind: 'chain' }, sealedLoglet: 1 });
  });

  it('an unavailable tail makes the node reconfigure away from the Loglet; a tail of another Loglet changes nothing', () => {
    expect(message(tailing, { kind: 'tail-unavailable', loglet: 1, op: 'v1.1' }).state.op!.phase).toEqual({ kind: 'seal', base: v2, acks: [] });
    expect(message(tailing, { kind: 'tail', loglet: 0, op: 'v1.1', tail: 2, sealed: false })).toEqual({ state: tailing, effects: [] });
    expect(message(tailing, { kind: 'tail-unavailable', loglet: 0, op: 'v1.1' })).toEqual({ state: tailing, effects: [] });
  });

  it('the tail counts only if the chain did not move meanwhile: same version, fetch every position below it', () => {
    const validating = node(v2, op({ kind: 'read' }, { kind: 'validate', version: 2, total: 4 }));
    const { state, effects } = message(validating, { kind: 'meta', op: 'v1.1', register: v2 }, 'meta');
    expect(state.op!.phase).toEqual({ kind: 'fetch', chain: v2.chain, total: 4, got: [null, null, null, null] });
    expect(effects).toEqual([
      send('s1', { kind: 'read-next', loglet: 0, op: 'v1.1', from: 0, to: 3 }),
      ...['l1', 'l2', 'l3'].map((n) => send(n, { kind: 'read-next', loglet: 1, op: 'v1.1', from: 0, to: 1 })),
    ]);
  });

  it('a newer chain meanwhile: adopt it and start the read again on it', () => {
    const v3: Register = { version: 3, chain: [L0, L1, { start: 5, loglet: 2, kind: 'simple' }], writer: 'v2.2' };
    const validating = node(v2, op({ kind: 'read' }, { kind: 'validate', version: 2, total: 4 }));
    const { state, effects } = message(validating, { kind: 'meta', op: 'v1.1', register: v3 }, 'meta');
    expect(state.register).toBe(v3);
    expect(state.op!.phase).toEqual({ kind: 'tail', segment: v3.chain[2], version: 3 });
    expect(effects).toEqual([send('s1', { kind: 'check-tail', loglet: 2, op: 'v1.1' })]);
  });

  it('an empty log is read as [] without asking any Loglet', () => {
    const validating = node(v1, op({ kind: 'read' }, { kind: 'validate', version: 1, total: 0 }));
    expect(message(validating, { kind: 'meta', op: 'v1.1', register: v1 }, 'meta').effects).toEqual([reply('c1', 1, { kind: 'read', entries: [] })]);
  });

  it('the entries fill the positions still missing, from wherever they come; the client gets the log once every position is known', () => {
    const fetching = node(v2, op({ kind: 'read' }, { kind: 'fetch', chain: v2.chain, total: 5, got: [null, null, null, null, null] }));
    const first = message(fetching, { kind: 'entries', loglet: 1, op: 'v1.1', from: 0, values: [13, null] }, 'l1');
    expect(first.effects).toEqual([]);
    expect(first.state.op!.phase).toMatchObject({ got: [null, null, null, 13, null] });
    const second = message(first.state, { kind: 'entries', loglet: 1, op: 'v1.1', from: 1, values: [14] }, 'l2');
    expect(second.state.op!.phase).toMatchObject({ got: [null, null, null, 13, 14] });
    // A later copy does not overwrite what is known, and a Loglet outside the chain is ignored.
    const again = message(second.state, { kind: 'entries', loglet: 1, op: 'v1.1', from: 0, values: [99, 98] }, 'l3');
    expect(again.state.op!.phase).toMatchObject({ got: [null, null, null, 13, 14] });
    expect(message(second.state, { kind: 'entries', loglet: 7, op: 'v1.1', from: 0, values: [1, 2, 3] })).toEqual({ state: second.state, effects: [] });
    const done = message(again.state, { kind: 'entries', loglet: 0, op: 'v1.1', from: 0, values: [10, 11, 12] }, 's1');
    expect(done.effects).toEqual([reply('c1', 1, { kind: 'read', entries: [10, 11, 12, 13, 14] })]);
  });

  it('entries that arrive in another phase change nothing', () => {
    expect(message(tailing, { kind: 'entries', loglet: 1, op: 'v1.1', from: 0, values: [1] })).toEqual({ state: tailing, effects: [] });
  });
});

describe('the MetaStore\'s answer to "read chain"', () => {
  it('adopts a newer chain, never an older one', () => {
    const reading = (register: Register | undefined) => node(register, op({ kind: 'read' }, { kind: 'chain' }));
    expect(message(reading(v1), { kind: 'meta', op: 'v1.1', register: v2 }).state.register).toBe(v2);
    expect(message(reading(v2), { kind: 'meta', op: 'v1.1', register: v1 }).state.register).toBe(v2);
    expect(message(reading(undefined), { kind: 'meta', op: 'v1.1', register: v1 }).state.register).toBe(v1);
    const same = { ...v2, writer: 'other' };
    expect(message(reading(v2), { kind: 'meta', op: 'v1.1', register: same }).state.register).toBe(v2);
  });

  it('after a "sealed", a chain that still ends with the sealed Loglet is a reconfiguration that stalled: this node rolls it forward', () => {
    const bounced = node(v2, appendOp({ kind: 'chain' }, { sealedLoglet: 1 }));
    const { state, effects } = message(bounced, { kind: 'meta', op: 'v1.1', register: v2 });
    expect(state.op!.phase).toEqual({ kind: 'seal', base: v2, acks: [] });
    expect(effects).toEqual(['l1', 'l2', 'l3'].map((n) => send(n, { kind: 'seal', loglet: 1, op: 'v1.1' })));
  });

  it('otherwise the operation runs on the chain it got', () => {
    const bounced = node(v1, appendOp({ kind: 'chain' }, { sealedLoglet: 0 }));
    expect(message(bounced, { kind: 'meta', op: 'v1.1', register: v2 }).effects).toEqual([send('seq', { kind: 'append', loglet: 1, op: 'v1.1', value: 7 })]);
  });

  it('an answer in a phase that does not wait for the MetaStore only adopts the chain', () => {
    const appending = node(v1, appendOp({ kind: 'append', segment: L0 }));
    expect(message(appending, { kind: 'meta', op: 'v1.1', register: v2 })).toEqual({ state: { ...appending, register: v2 }, effects: [] });
  });
});

describe('timers', () => {
  const cfg = config; // retryTicks 10, suspectAfterRetries 3, opTicksMax 120

  it('an idle node does nothing on a tick', () => {
    const idle = node(v2);
    expect(onVlogTick(cfg, idle)).toEqual({ state: idle, effects: [] });
  });

  it('resends what is unanswered every retryTicks ticks, counting the retries', () => {
    let s = node(v2, op({ kind: 'read' }, { kind: 'chain' }));
    for (let t = 1; t < cfg.retryTicks; t++) {
      const tick = onVlogTick(cfg, s);
      expect(tick.effects, `tick ${t}`).toEqual([]);
      s = tick.state;
    }
    expect(s.op).toMatchObject({ waitTicks: cfg.retryTicks - 1, ageTicks: cfg.retryTicks - 1, retries: 0 });
    const due = onVlogTick(cfg, s);
    expect(due.effects).toEqual([send('meta', { kind: 'meta-read', op: 'v1.1' })]);
    expect(due.state.op).toMatchObject({ waitTicks: 0, ageTicks: cfg.retryTicks, retries: 1 });
  });

  it('suspects a silent active Loglet after suspectAfterRetries resends of an append: reconfigures, and the client will be told "unknown"', () => {
    const silent = node(v2, appendOp({ kind: 'append', segment: L1 }, { waitTicks: cfg.retryTicks - 1, retries: cfg.suspectAfterRetries - 1 }));
    const { state, effects } = onVlogTick(cfg, silent);
    expect(state.op).toMatchObject({ phase: { kind: 'seal', base: v2, acks: [] }, unknown: true });
    expect(effects).toEqual(['l1', 'l2', 'l3'].map((n) => send(n, { kind: 'seal', loglet: 1, op: 'v1.1' })));
    const once = node(v2, appendOp({ kind: 'append', segment: L1 }, { waitTicks: cfg.retryTicks - 1, retries: cfg.suspectAfterRetries - 2 }));
    expect(onVlogTick(cfg, once).effects).toEqual([send('seq', { kind: 'append', loglet: 1, op: 'v1.1', value: 7 })]);
  });

  it('a silent checkTail on the read path is suspected too, but a read that reconfigures still answers normally', () => {
    const silent = node(v2, op({ kind: 'read' }, { kind: 'tail', segment: L1, version: 2 }, { waitTicks: cfg.retryTicks - 1, retries: cfg.suspectAfterRetries - 1 }));
    expect(onVlogTick(cfg, silent).state.op).toMatchObject({ phase: { kind: 'seal' }, unknown: false });
  });

  it('other phases are never suspected: they resend for as long as the operation lives', () => {
    const sealing = node(v2, appendOp({ kind: 'seal', base: v2, acks: ['l1'] }, { waitTicks: cfg.retryTicks - 1, retries: 5 }));
    const { state, effects } = onVlogTick(cfg, sealing);
    expect(state.op).toMatchObject({ phase: { kind: 'seal', acks: ['l1'] }, retries: 6 });
    expect(effects).toEqual(['l2', 'l3'].map((n) => send(n, { kind: 'seal', loglet: 1, op: 'v1.1' })));
  });

  it('gives an operation up after opTicksMax ticks, counting the time it waited in the queue: the client is told "unknown"', () => {
    const old = node(v2, appendOp({ kind: 'append', segment: L1 }, { ageTicks: cfg.opTicksMax - 1 }));
    const lastTick = onVlogTick(cfg, old);
    expect(lastTick.effects).toEqual([]);
    expect(onVlogTick(cfg, lastTick.state).effects).toEqual([reply('c1', 1, { kind: 'unknown' })]);
  });
});

describe('reconfigExtend (§3.2): seal, checkTail, conditional write', () => {
  const reconfiguring = (phase: Phase, request: DelosRequest = { kind: 'reconfigure', to: 'simple' }, change: Partial<Op> = {}) => node(v2, op(request, phase, change));
  const reconfig = (state: VlogState, m: DelosMessage, from: string, cfg: DelosConfig = config) => onReconfigMessage(cfg, state, state.op!, from, m);

  it('starts by sealing the active Loglet; the broken variant without the seal goes straight to its tail', () => {
    const state = node(v2);
    const o = op({ kind: 'reconfigure', to: 'simple' }, { kind: 'chain' });
    expect(startReconfiguration(config, state, o, v2).state.op!.phase).toEqual({ kind: 'seal', base: v2, acks: [] });
    const unsealed = startReconfiguration({ ...config, seal: false }, state, o, v2);
    expect(unsealed.state.op!.phase).toEqual({ kind: 'check', base: v2, tails: {} });
    expect(unsealed.effects).toEqual(['l1', 'l2', 'l3'].map((n) => send(n, { kind: 'check-tail', loglet: 1, op: 'v1.1' })));
  });

  it('the seal is complete at a majority of LogServers, each counted once; then the sealed tails are asked', () => {
    let s = reconfiguring({ kind: 'seal', base: v2, acks: [] });
    s = reconfig(s, { kind: 'seal-ok', loglet: 1, op: 'v1.1' }, 'l1').state;
    const twice = reconfig(s, { kind: 'seal-ok', loglet: 1, op: 'v1.1' }, 'l1');
    expect(twice.effects).toEqual([]);
    expect(twice.state.op!.phase).toEqual({ kind: 'seal', base: v2, acks: ['l1'] });
    const majority = reconfig(twice.state, { kind: 'seal-ok', loglet: 1, op: 'v1.1' }, 'l3');
    expect(majority.state.op!.phase).toEqual({ kind: 'check', base: v2, tails: {} });
    expect(majority.effects).toEqual(['l1', 'l2', 'l3'].map((n) => send(n, { kind: 'check-tail', loglet: 1, op: 'v1.1' })));
  });

  it('the broken weak seal moves on after the first acknowledgement', () => {
    const s = reconfiguring({ kind: 'seal', base: v2, acks: [] });
    expect(reconfig(s, { kind: 'seal-ok', loglet: 1, op: 'v1.1' }, 'l2', { ...config, sealQuorum: false }).state.op!.phase).toEqual({ kind: 'check', base: v2, tails: {} });
  });

  it('a late seal acknowledgement in the check phase is answered with a checkTail to that node', () => {
    const s = reconfiguring({ kind: 'check', base: v2, tails: { l1: 0 } });
    expect(reconfig(s, { kind: 'seal-ok', loglet: 1, op: 'v1.1' }, 'l2')).toEqual({ state: s, effects: [send('l2', { kind: 'check-tail', loglet: 1, op: 'v1.1' })] });
  });

  it('a checkTail that meets an unsealed LogServer seals it first and does not count its tail (§4.2.1)', () => {
    const s = reconfiguring({ kind: 'check', base: v2, tails: { l1: 0 } });
    expect(reconfig(s, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: false }, 'l2')).toEqual({ state: s, effects: [send('l2', { kind: 'seal', loglet: 1, op: 'v1.1' })] });
    // Broken variants: with checkTail's sealing off, or with no seal at all, the unsealed tail counts.
    for (const cfg of [{ ...config, sealedTails: false }, { ...config, seal: false }]) {
      expect(reconfig(s, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: false }, 'l2', cfg).state.op!.phase).toMatchObject({ kind: 'write' });
    }
  });

  it('the sealed tails are counted until a majority; the new segment starts at the highest, in the whole log\'s positions', () => {
    let s = reconfiguring({ kind: 'check', base: v2, tails: {} });
    s = reconfig(s, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: true }, 'l1').state;
    expect(s.op!.phase).toEqual({ kind: 'check', base: v2, tails: { l1: 2 } });
    const written = reconfig(s, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 1, sealed: true }, 'l3');
    const chain: Chain = [L0, L1, { start: 5, loglet: 2, kind: 'simple' }];
    expect(written.state.op!.phase).toEqual({ kind: 'write', expected: 2, chain });
    expect(written.effects).toEqual([send('meta', { kind: 'meta-write', op: 'v1.1', expected: 2, chain })]);
  });

  it('a simple Loglet\'s one sealed tail is enough', () => {
    const s = node(v1, op({ kind: 'reconfigure', to: 'quorum' }, { kind: 'check', base: v1, tails: {} }));
    expect(reconfig(s, { kind: 'tail', loglet: 0, op: 'v1.1', tail: 4, sealed: true }, 's1').state.op!.phase).toEqual({
      kind: 'write', expected: 1, chain: [L0, { start: 4, loglet: 1, kind: 'quorum' }],
    });
  });

  it('a reconfiguration that is not an operator\'s (a suspected or stalled Loglet) extends the chain with a clone of the active kind', () => {
    const s = reconfiguring({ kind: 'check', base: v2, tails: { l1: 2 } }, { kind: 'append', value: 7 });
    expect(reconfig(s, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: true }, 'l2').state.op!.phase).toMatchObject({
      chain: [L0, L1, { start: 5, loglet: 2, kind: 'quorum' }],
    });
  });

  it('ignores answers about another Loglet, answers outside the seal and check phases, and a tail while still sealing', () => {
    const sealing = reconfiguring({ kind: 'seal', base: v2, acks: [] });
    expect(reconfig(sealing, { kind: 'seal-ok', loglet: 0, op: 'v1.1' }, 's1')).toEqual({ state: sealing, effects: [] });
    expect(reconfig(sealing, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: true }, 'l1')).toEqual({ state: sealing, effects: [] });
    expect(reconfig(sealing, { kind: 'meta-read', op: 'v1.1' }, 'l1')).toEqual({ state: sealing, effects: [] });
    const checking = reconfiguring({ kind: 'check', base: v2, tails: {} });
    expect(reconfig(checking, { kind: 'tail', loglet: 0, op: 'v1.1', tail: 2, sealed: true }, 's1')).toEqual({ state: checking, effects: [] });
    expect(reconfig(checking, { kind: 'entries', loglet: 1, op: 'v1.1', from: 0, values: [] }, 'l1')).toEqual({ state: checking, effects: [] });
    const writing = reconfiguring({ kind: 'write', expected: 2, chain: [] });
    expect(reconfig(writing, { kind: 'seal-ok', loglet: 1, op: 'v1.1' }, 'l1')).toEqual({ state: writing, effects: [] });
    // Through the node's dispatcher: a seal-ok or a tail reaches the reconfiguration only in its phases.
    expect(message(writing, { kind: 'seal-ok', loglet: 1, op: 'v1.1' }, 'l1')).toEqual({ state: writing, effects: [] });
    expect(message(checking, { kind: 'tail', loglet: 1, op: 'v1.1', tail: 2, sealed: false }, 'l1').effects).toEqual([send('l1', { kind: 'seal', loglet: 1, op: 'v1.1' })]);
  });

  it('the operator is told whether its write won, with the version the node now holds', () => {
    const writing = reconfiguring({ kind: 'write', expected: 2, chain: [] });
    const v3: Register = { version: 3, chain: [L0, L1, { start: 5, loglet: 2, kind: 'simple' }], writer: 'v1.1' };
    expect(message(writing, { kind: 'meta', op: 'v1.1', register: v3, won: true }, 'meta').effects).toEqual([reply('c1', 1, { kind: 'reconfigured', won: true, version: 3 })]);
    expect(message(writing, { kind: 'meta', op: 'v1.1', register: v3, won: false }, 'meta')).toEqual({ state: { ...writing, register: v3, op: undefined }, effects: [reply('c1', 1, { kind: 'reconfigured', won: false, version: 3 })] });
    expect(message(writing, { kind: 'meta', op: 'v1.1', register: v3 }, 'meta').effects).toEqual([reply('c1', 1, { kind: 'reconfigured', won: false, version: 3 })]);
    const writeOp = op({ kind: 'reconfigure', to: 'simple' }, { kind: 'write', expected: 2, chain: [] });
    expect(finishReconfiguration(config, node(undefined, writeOp), writeOp, true).effects).toEqual([
      reply('c1', 1, { kind: 'reconfigured', won: true, version: 0 }),
    ]);
  });

  it('an append that reconfigured away from a Loglet it may have landed on is told "unknown"; one that did not carries on, on the new chain', () => {
    const v3: Register = { version: 3, chain: [L0, L1, { start: 5, loglet: 2, kind: 'simple' }], writer: 'v1.1' };
    const unsure = node(v2, appendOp({ kind: 'write', expected: 2, chain: [] }, { unknown: true }));
    expect(message(unsure, { kind: 'meta', op: 'v1.1', register: v3, won: true }, 'meta').effects).toEqual([reply('c1', 1, { kind: 'unknown' })]);
    const rolling = node(v2, appendOp({ kind: 'write', expected: 2, chain: [] }, { sealedLoglet: 1 }));
    const { state, effects } = message(rolling, { kind: 'meta', op: 'v1.1', register: v3, won: false }, 'meta');
    expect(effects).toEqual([send('s1', { kind: 'append', loglet: 2, op: 'v1.1', value: 7 })]);
    expect(state.op).toMatchObject({ phase: { kind: 'append', segment: v3.chain[2] }, sealedLoglet: -1 });
  });
});
