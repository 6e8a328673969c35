/**
 * What the Delos model promises beyond its scenario tests, written after `npm run mutation -- delos`
 * showed which changes to final-log.ts, metastore.ts and simple-loglet.ts no test noticed
 * (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import type { ClusterView, NodeView } from '../../../snippets/sim/index.ts';
import { finalLog } from '../../../snippets/delos/final-log.ts';
import { onMetaMessage, type MetaState } from '../../../snippets/delos/metastore.ts';
import type { DelosTypes } from '../../../snippets/delos/model.ts';
import type { ServerState } from '../../../snippets/delos/quorum-loglet.ts';
import { onSimpleMessage, type SimpleState } from '../../../snippets/delos/simple-loglet.ts';
import type { Chain, LogletMessage } from '../../../snippets/delos/types.ts';

type Durable = NonNullable<DelosTypes['durable']>;
const node = (id: string, durable: Durable | undefined): NodeView<DelosTypes> => ({ id, up: false, state: undefined, durable });
const view = (...nodes: NodeView<DelosTypes>[]): ClusterView<DelosTypes> => ({ tick: 0, nodes, history: [], settledTick: undefined });
const meta = (chain: Chain): MetaState => ({ role: 'metastore', register: { version: chain.length, chain, writer: 'w' }, attempts: {} });
const simple = (values: number[]): SimpleState => ({ role: 'simple', loglets: { 0: { entries: values.map((value, i) => ({ value, op: `a${i}` })), sealed: true } } });
const server = (loglet: number, stored: Record<number, number>): ServerState => ({
  role: 'server',
  loglets: { [loglet]: { entries: Object.fromEntries(Object.entries(stored).map(([pos, value]) => [pos, { value, op: `b${pos}` }])), sealed: false } },
});

/** The simple Loglet 0 up to position 2, then the quorum Loglet 1 on three LogServers. */
const TWO_SEGMENTS: Chain = [
  { start: 0, loglet: 0, kind: 'simple' },
  { start: 2, loglet: 1, kind: 'quorum' },
];

describe('the log a run ended with (final-log.ts)', () => {
  it('is the sealed segment up to where the next begins, then the active one up to what a majority of LogServers stored', () => {
    const v = view(
      node('meta', meta(TWO_SEGMENTS)),
      node('simple', simple([10, 11, 12])), // 12 is past the boundary: never part of the log
      node('l1', server(1, { 0: 20, 1: 21, 2: 22 })),
      node('l2', server(1, { 0: 20, 1: 21 })),
      node('l3', server(1, { 0: 20 })),
    );
    expect(finalLog(v)).toEqual([10, 11, 20, 21]);
  });

  it('is undefined when no node holds the chain, and empty when nothing was appended', () => {
    expect(finalLog(view(node('simple', simple([1]))))).toBeUndefined();
    expect(finalLog(view(node('meta', meta([{ start: 0, loglet: 0, kind: 'simple' }]))))).toEqual([]);
  });

  it('takes everything a simple Loglet stored in the active segment: one node is its whole quorum', () => {
    expect(finalLog(view(node('meta', meta([{ start: 0, loglet: 0, kind: 'simple' }])), node('simple', simple([5, 6]))))).toEqual([5, 6]);
  });

  it('needs one copy inside a sealed quorum segment (the chain vouches for it), and one from a simple Loglet however many LogServers exist', () => {
    const chain: Chain = [
      { start: 0, loglet: 1, kind: 'quorum' },
      { start: 2, loglet: 2, kind: 'simple' },
    ];
    const simpleL2: SimpleState = { role: 'simple', loglets: { 2: { entries: [{ value: 30, op: 'c0' }], sealed: false } } };
    const v = view(node('meta', meta(chain)), node('simple', simpleL2), node('l1', server(1, { 0: 20, 1: 21 })), node('l2', server(1, { 0: 20 })), node('l3', server(1, {})));
    expect(finalLog(v)).toEqual([20, 21, 30]);
  });

  it('stops the active quorum segment at the first position a majority lacks, even if later ones are stored', () => {
    const chain: Chain = [{ start: 0, loglet: 1, kind: 'quorum' }];
    const v = view(node('meta', meta(chain)), node('l1', server(1, { 0: 1, 1: 2, 2: 3 })), node('l2', server(1, { 0: 1, 2: 3 })), node('l3', server(1, {})));
    expect(finalLog(v)).toEqual([1]);
  });

  it('is an error, naming the position, when a sealed segment has a hole before its boundary', () => {
    const v = view(node('meta', meta(TWO_SEGMENTS)), node('simple', simple([10])), node('l1', server(1, {})));
    expect(() => finalLog(v)).toThrow('L0:1 is inside the chain but stored nowhere');
  });
});

describe('the MetaStore (metastore.ts)', () => {
  const state: MetaState = { role: 'metastore', register: { version: 3, chain: TWO_SEGMENTS, writer: 'x' }, attempts: {} };

  it('ignores a message that is neither a read nor a conditional write (its own kind of answer)', () => {
    expect(onMetaMessage(state, 'v1', { kind: 'meta', op: 'a', register: state.register })).toEqual({ state, effects: [] });
  });

  it('tells a stale resend of an attempt that lost that it lost, though the same op won a later version', () => {
    // x tried to replace version 1, lost, adopted version 2 and then won it (version 3); its first attempt arrives late.
    const { effects } = onMetaMessage(state, 'v1', { kind: 'meta-write', op: 'x', expected: 1, chain: [] });
    expect(effects).toContainEqual(expect.objectContaining({ message: expect.objectContaining({ kind: 'meta', won: false }) }));
  });
});

describe('the simple Loglet (simple-loglet.ts)', () => {
  it('refuses a message of a kind it does not know, instead of ignoring it', () => {
    expect(() => onSimpleMessage(simple([1]), 'v1', { kind: 'gossip', loglet: 0 } as unknown as LogletMessage)).toThrow('unhandled input: {"kind":"gossip","loglet":0}');
  });

  it.each<LogletMessage>([
    { kind: 'appended', loglet: 0, op: 'a', pos: 0 },
    { kind: 'append-failed', loglet: 0, op: 'a', why: 'sealed' },
    { kind: 'tail', loglet: 0, op: 'a', tail: 1, sealed: true },
    { kind: 'tail-unavailable', loglet: 0, op: 'a' },
    { kind: 'seal-ok', loglet: 0, op: 'a' },
    { kind: 'entries', loglet: 0, op: 'a', from: 0, values: [1] },
    { kind: 'store', loglet: 0, pos: 0, entry: { value: 1, op: 'a' } },
    { kind: 'stored', loglet: 0, pos: 0 },
    { kind: 'store-refused', loglet: 0, pos: 0 },
  ])('ignores $kind, which only its clients or LogServers receive', (message) => {
    const state = simple([1]);
    expect(onSimpleMessage(state, 'v1', message)).toEqual({ state, effects: [] });
  });
});
