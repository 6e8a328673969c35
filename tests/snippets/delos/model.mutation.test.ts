/**
 * The Delos model as one simulator Model (snippets/delos/model.ts): which role each node has, what each
 * role answers and ignores, what survives a crash, and how a trace names every message, call, answer
 * and disk. Written for mutation testing (docs/mutation.md, issue 19).
 */
import { describe, expect, it } from 'vitest';
import { delos, describeMessage, roleOf, type DelosState } from '../../../snippets/delos/model.ts';
import { INITIAL_REGISTER } from '../../../snippets/delos/metastore.ts';
import { delosConfig } from '../../../snippets/delos/run-delos.ts';
import type { DelosMessage } from '../../../snippets/delos/types.ts';
import { newVlog } from '../../../snippets/delos/virtual-log.ts';

const config = delosConfig();
const init = (id: string) => delos.init(id, [], config);
const message = (m: DelosMessage, from = 'v1') => ({ kind: 'message' as const, from, message: m });
const step = (state: DelosState, input: unknown) => delos.step(state, input as never);

describe('roles', () => {
  it('each node\'s role comes from the configuration; any other node is a VirtualLog node', () => {
    expect(['meta', 's1', 'seq', 'l1', 'l2', 'l3', 'v1', 'v9'].map((id) => roleOf(config, id))).toEqual([
      'metastore', 'simple', 'sequencer', 'server', 'server', 'server', 'vlog', 'vlog',
    ]);
  });

  it('each role starts empty: the MetaStore with chain v1, storage with no Loglet, the sequencer having seen none, a VirtualLog node at boot 0', () => {
    expect(init('meta')).toEqual({ role: 'metastore', register: INITIAL_REGISTER, attempts: {} });
    expect(init('s1')).toEqual({ role: 'simple', loglets: {} });
    expect(init('l2')).toEqual({ role: 'server', loglets: {} });
    expect(init('seq')).toEqual({ role: 'sequencer', config, maxSeen: -1, loglets: {} });
    expect(init('v1')).toEqual(newVlog('v1', config));
  });
});

describe('what each role answers', () => {
  it('the MetaStore answers reads and conditional writes, and ignores Loglet messages, answers and ticks', () => {
    const meta = init('meta');
    expect(step(meta, message({ kind: 'meta-read', op: 'v1.1' })).effects).toEqual([{ kind: 'send', to: 'v1', message: { kind: 'meta', op: 'v1.1', register: INITIAL_REGISTER } }]);
    const written = step(meta, message({ kind: 'meta-write', op: 'v1.1', expected: 1, chain: [] }));
    expect(written.state).toMatchObject({ register: { version: 2 } });
    for (const input of [message({ kind: 'append', loglet: 0, op: 'a', value: 1 }), message({ kind: 'meta', op: 'a', register: INITIAL_REGISTER }), { kind: 'tick' }, { kind: 'restart' }]) {
      expect(step(meta, input)).toEqual({ state: meta, effects: [] });
    }
  });

  it.each(['s1', 'l1'])('storage node %s answers Loglet messages and ignores the MetaStore\'s, ticks and restarts', (id) => {
    const node = init(id);
    expect(step(node, message({ kind: 'seal', loglet: 0, op: 'v1.1' })).effects).toContainEqual({ kind: 'send', to: 'v1', message: { kind: 'seal-ok', loglet: 0, op: 'v1.1' } });
    for (const input of [
      message({ kind: 'meta-read', op: 'a' }),
      message({ kind: 'meta-write', op: 'a', expected: 1, chain: [] }),
      message({ kind: 'meta', op: 'a', register: INITIAL_REGISTER }),
      { kind: 'tick' },
      { kind: 'restart' },
    ]) {
      expect(step(node, input)).toEqual({ state: node, effects: [] });
    }
  });

  it('the sequencer orders appends, resends on ticks, and ignores the MetaStore\'s messages', () => {
    const seq = init('seq');
    const ordered = step(seq, message({ kind: 'append', loglet: 1, op: 'v1.1', value: 5 }));
    expect(ordered.effects).toContainEqual({ kind: 'send', to: 'l1', message: { kind: 'store', loglet: 1, pos: 0, entry: { value: 5, op: 'v1.1' } } });
    let s = ordered.state;
    for (let t = 0; t < config.retryTicks - 1; t++) s = step(s, { kind: 'tick' }).state;
    expect(step(s, { kind: 'tick' }).effects).toHaveLength(3);
    for (const m of [{ kind: 'meta-read', op: 'a' }, { kind: 'meta-write', op: 'a', expected: 1, chain: [] }, { kind: 'meta', op: 'a', register: INITIAL_REGISTER }] as DelosMessage[]) {
      expect(step(seq, message(m))).toEqual({ state: seq, effects: [] });
    }
  });

  it('a restarted sequencer notes which Loglets it forgot; one that had seen none says nothing', () => {
    const seen = { ...init('seq'), maxSeen: 2 } as DelosState;
    expect(step(seen, { kind: 'restart' })).toEqual({ state: seen, effects: [{ kind: 'note', text: 'forgot Loglets up to L2' }] });
    const none = init('seq');
    expect(step(none, { kind: 'restart' })).toEqual({ state: none, effects: [] });
    const first = { ...init('seq'), maxSeen: 0 } as DelosState;
    expect(step(first, { kind: 'restart' }).effects).toEqual([{ kind: 'note', text: 'forgot Loglets up to L0' }]);
  });

  it('a VirtualLog node takes requests, messages and ticks, and on restart writes its boot count before anything else', () => {
    const v1 = init('v1');
    const asked = step(v1, { kind: 'request', client: 'c1', requestId: 1, request: { kind: 'read' } });
    expect(asked.effects).toEqual([{ kind: 'send', to: 'meta', message: { kind: 'meta-read', op: 'v1.1' } }]);
    expect(step(asked.state, message({ kind: 'meta', op: 'v1.1', register: INITIAL_REGISTER }, 'meta')).effects).toEqual([
      { kind: 'send', to: 's1', message: { kind: 'check-tail', loglet: 0, op: 'v1.1' } },
    ]);
    expect(step(asked.state, { kind: 'tick' }).state).toMatchObject({ op: { ageTicks: 1 } });
    const rebooted = delos.recover('v1', [], config, { role: 'vlog', boot: 2 });
    expect(step(rebooted, { kind: 'restart' })).toEqual({ state: rebooted, effects: [{ kind: 'persist', durable: { role: 'vlog', boot: 3 } }] });
  });
});

describe('client calls', () => {
  it('only VirtualLog nodes take client calls: the MetaStore, storage and the sequencer ignore one', () => {
    for (const id of ['meta', 's1', 'l1', 'seq']) {
      const node = init(id);
      expect(step(node, { kind: 'request', client: 'c1', requestId: 1, request: { kind: 'append', value: 1 } }), id).toEqual({ state: node, effects: [] });
    }
  });
});

describe('what no role knows', () => {
  it('a state of no known role, or an input of no known kind to a VirtualLog node, is an error, not silence', () => {
    expect(() => step({ role: 'nope' } as never, { kind: 'tick' })).toThrow();
    expect(() => step(init('v1'), { kind: 'nope' })).toThrow();
  });
});

describe('what survives a crash', () => {
  it('storage and the MetaStore come back exactly as they were on disk', () => {
    const disk = { role: 'server' as const, loglets: { 1: { entries: { 0: { value: 7, op: 'v1.1' } }, sealed: true } } };
    expect(delos.recover('l1', [], config, disk)).toBe(disk);
    const simple = { role: 'simple' as const, loglets: { 0: { entries: [{ value: 7, op: 'v1.1' }], sealed: false } } };
    expect(delos.recover('s1', [], config, simple)).toBe(simple);
    const meta = { role: 'metastore' as const, register: { ...INITIAL_REGISTER, version: 3 }, attempts: { 1: ['v1.1'] } };
    expect(delos.recover('meta', [], config, meta)).toBe(meta);
  });

  it('a node with nothing on disk, or another role\'s disk, starts fresh', () => {
    expect(delos.recover('l1', [], config, undefined)).toEqual(init('l1'));
    expect(delos.recover('l1', [], config, { role: 'simple', loglets: {} })).toEqual(init('l1'));
    expect(delos.recover('meta', [], config, undefined)).toEqual(init('meta'));
  });

  it('the sequencer keeps only which Loglets it had seen, not their positions', () => {
    expect(delos.recover('seq', [], config, { role: 'sequencer', maxSeen: 3 })).toEqual({ role: 'sequencer', config, maxSeen: 3, loglets: {} });
    expect(delos.recover('seq', [], config, undefined)).toEqual(init('seq'));
    expect(delos.recover('seq', [], config, { role: 'vlog', boot: 4 })).toMatchObject({ maxSeen: -1 });
  });

  it('a VirtualLog node comes back with one more boot and nothing else: no chain, no operation', () => {
    expect(delos.recover('v2', [], config, { role: 'vlog', boot: 2 })).toEqual(newVlog('v2', config, 3));
    expect(delos.recover('v2', [], config, undefined)).toEqual(newVlog('v2', config, 1));
    expect(delos.recover('v2', [], config, { role: 'sequencer', maxSeen: 4 })).toEqual(newVlog('v2', config, 1));
  });
});

describe('the trace\'s labels', () => {
  it('names every message the way the paper does, with its fields', () => {
    const register = { version: 2, chain: [{ start: 0, loglet: 0, kind: 'simple' as const }, { start: 3, loglet: 1, kind: 'quorum' as const }], writer: 'v2.1' };
    const labels = ([
      { kind: 'append', loglet: 1, op: 'a', value: 7 },
      { kind: 'appended', loglet: 1, op: 'a', pos: 2 },
      { kind: 'append-failed', loglet: 1, op: 'a', why: 'maybe' },
      { kind: 'check-tail', loglet: 1, op: 'a' },
      { kind: 'tail', loglet: 1, op: 'a', tail: 3, sealed: true },
      { kind: 'tail', loglet: 1, op: 'a', tail: 3, sealed: false },
      { kind: 'tail-unavailable', loglet: 1, op: 'a' },
      { kind: 'seal', loglet: 1, op: 'a' },
      { kind: 'seal-ok', loglet: 1, op: 'a' },
      { kind: 'read-next', loglet: 1, op: 'a', from: 2, to: 5 },
      { kind: 'entries', loglet: 1, op: 'a', from: 2, values: [7, null, 9] },
      { kind: 'store', loglet: 1, pos: 2, entry: { value: 7, op: 'a' } },
      { kind: 'stored', loglet: 1, pos: 2 },
      { kind: 'store-refused', loglet: 1, pos: 2 },
      { kind: 'meta-read', op: 'a' },
      { kind: 'meta-write', op: 'a', expected: 2, chain: [] },
      { kind: 'meta', op: 'a', register },
      { kind: 'meta', op: 'a', register, won: true },
      { kind: 'meta', op: 'a', register, won: false },
    ] as DelosMessage[]).map(describeMessage);
    expect(labels).toEqual([
      'append 7 to L1',
      'appended L1:2',
      'append maybe L1',
      'checkTail L1',
      'tail L1 = 3, sealed',
      'tail L1 = 3',
      'L1 unavailable',
      'seal L1',
      'sealed L1',
      'readNext L1 2..4',
      'L1 from 2: [7,_,9]',
      'store 7 at L1:2',
      'stored L1:2',
      'refused L1:2, sealed',
      'read chain',
      'write chain if v2',
      'chain v2 [s0@0 q1@3]',
      'won, chain v2 [s0@0 q1@3]',
      'lost, chain v2 [s0@0 q1@3]',
    ]);
    expect(delos.describeMessage).toBe(describeMessage);
    expect(() => describeMessage({ kind: 'nope' } as never)).toThrow();
  });

  it('names requests and answers', () => {
    expect(delos.describeRequest!({ kind: 'append', value: 4 })).toBe('append 4');
    expect(delos.describeRequest!({ kind: 'read' })).toBe('read');
    expect(delos.describeRequest!({ kind: 'reconfigure', to: 'quorum' })).toBe('reconfigure → quorum');
    expect(delos.describeResponse!({ kind: 'appended', pos: 3, loglet: 1, local: 2 })).toBe('at 3 (L1:2)');
    expect(delos.describeResponse!({ kind: 'read', entries: [1, 2] })).toBe('[1,2]');
    expect(delos.describeResponse!({ kind: 'reconfigured', won: true, version: 3 })).toBe('won, chain v3');
    expect(delos.describeResponse!({ kind: 'reconfigured', won: false, version: 3 })).toBe('lost, chain v3');
    expect(delos.describeResponse!({ kind: 'unknown' })).toBe('unknown');
    expect(() => delos.describeResponse!({ kind: 'nope' } as never)).toThrow();
  });

  it('names what each role has on disk', () => {
    expect(delos.describeDurable!({ role: 'metastore', register: { version: 2, chain: [{ start: 0, loglet: 0, kind: 'simple' }, { start: 1, loglet: 1, kind: 'quorum' }], writer: 'x' }, attempts: {} })).toBe('v2 [s0@0 q1@1]');
    expect(delos.describeDurable!({ role: 'sequencer', maxSeen: 3 })).toBe('seen L3');
    expect(delos.describeDurable!({ role: 'vlog', boot: 2 })).toBe('boot 2');
    expect(delos.describeDurable!({ role: 'simple', loglets: { 0: { entries: [{ value: 1, op: 'a' }, { value: 2, op: 'b' }], sealed: true }, 1: { entries: [], sealed: false } } })).toBe('L0: 2 entries, sealed; L1: 0 entries');
    expect(delos.describeDurable!({ role: 'server', loglets: { 1: { entries: { 0: { value: 1, op: 'a' }, 4: { value: 2, op: 'b' } }, sealed: false } } })).toBe('L1: 2 entries');
    expect(() => delos.describeDurable!({ role: 'nope' } as never)).toThrow();
    expect(delos.name).toBe('delos');
  });
});
