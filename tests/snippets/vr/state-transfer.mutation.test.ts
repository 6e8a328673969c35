/**
 * VR's state transfer (VRR §5.2, state-transfer.ts), one rule a test, on one replica stepped by hand:
 * when a replica asks for state and what it asks, who answers GetState and with what, and when a
 * NewState is installed or ignored. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { behind, onGetState, onNewState } from '../../../snippets/vr/state-transfer.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type Entry, type ReplicaState, type VrMessage } from '../../../snippets/vr/types.ts';

const at = (id: string, change: Partial<ReplicaState> = {}): ReplicaState => ({ ...replica.init(id, ['r1', 'r2', 'r3'].filter((r) => r !== id), DEFAULT_CONFIG), ...change });
const entry = (value: number): Entry => ({ client: `c${value}`, requestNumber: 1, op: { f: 'put', key: 'x', value }, requestId: value });
type GetState = Extract<VrMessage, { kind: 'get-state' }>;
type NewState = Extract<VrMessage, { kind: 'new-state' }>;
const getState = (view: number, opNumber: number, from = 'r3'): GetState => ({ kind: 'get-state', view, opNumber, replica: from });
const newState = (view: number, after: number, entries: Entry[], commitNumber = 0): NewState =>
  ({ kind: 'new-state', view, after, entries, opNumber: after + entries.length, commitNumber });

describe('a replica that is behind asks the primary (VRR §5.2)', () => {
  it('in its own view, normal: it asks the primary of that view for the entries after its op-number, and nothing else changes', () => {
    const r3 = at('r3', { log: [entry(1), entry(2)], commitNumber: 1, timer: 4 });
    expect(behind(r3, 0)).toEqual({ state: r3, effects: [{ kind: 'send', to: 'r1', message: getState(0, 2) }] });
  });

  it('from a later view it enters state transfer, says it keeps v′ and its log, and asks that view\'s primary for everything after k', () => {
    const r3 = at('r3', { log: [entry(1), entry(2)], commitNumber: 1, timer: 4 });
    const { state, effects } = behind(r3, 1);
    expect(state).toMatchObject({ status: 'state-transfer', view: 0, lastNormalView: 0, transferView: 1, timer: 0, commitNumber: 1 });
    expect(state.log).toEqual([entry(1), entry(2)]);
    expect(effects).toEqual([
      { kind: 'note', text: 'state transfer to view 1: keeps v\' = 0, op-number 2 until NewState' },
      { kind: 'send', to: 'r2', message: getState(1, 1) },
    ]);
  });

  it('already waiting for a later view, news of an earlier one keeps the later target, asks again without a second note', () => {
    const waiting = at('r3', { status: 'state-transfer', transferView: 2, log: [entry(1)], commitNumber: 1 });
    const { state, effects } = behind(waiting, 1);
    expect(state.transferView).toBe(2);
    expect(effects).toEqual([{ kind: 'send', to: 'r3', message: getState(2, 1) }]);
  });

  it('already waiting, news of a still later view moves the target there', () => {
    const waiting = at('r3', { status: 'state-transfer', transferView: 1, log: [entry(1)], commitNumber: 1 });
    const { state, effects } = behind(waiting, 2);
    expect(state.transferView).toBe(2);
    expect(effects).toEqual([{ kind: 'send', to: 'r3', message: getState(2, 1) }]);
  });
});

describe('GetState is answered by a normal replica of the same view (VRR §5.2)', () => {
  const primary = () => at('r1', { log: [entry(1), entry(2), entry(3)], commitNumber: 2 });

  it('with its log after n′, its op-number and its commit-number, sent to the asker', () => {
    const r1 = primary();
    expect(onGetState(r1, getState(0, 1))).toEqual({
      state: r1,
      effects: [{ kind: 'send', to: 'r3', message: { kind: 'new-state', view: 0, after: 1, entries: [entry(2), entry(3)], opNumber: 3, commitNumber: 2 } }],
    });
  });

  it('a request after exactly its op-number is answered, with no entries', () => {
    const { effects } = onGetState(primary(), getState(0, 3));
    expect(effects).toEqual([{ kind: 'send', to: 'r3', message: { kind: 'new-state', view: 0, after: 3, entries: [], opNumber: 3, commitNumber: 2 } }]);
  });

  it('a request after more than it has is ignored', () => {
    const r1 = primary();
    expect(onGetState(r1, getState(0, 4))).toEqual({ state: r1, effects: [] });
  });

  it('a request of another view is ignored', () => {
    const r1 = primary();
    expect(onGetState(r1, getState(1, 0))).toEqual({ state: r1, effects: [] });
  });

  it('a replica that is not normal does not answer', () => {
    for (const status of ['view-change', 'state-transfer', 'recovering'] as const) {
      const r1 = { ...primary(), status };
      expect(onGetState(r1, getState(0, 0))).toEqual({ state: r1, effects: [] });
    }
  });
});

describe('NewState in the replica\'s own view is appended (VRR §5.2)', () => {
  const backup = () => at('r2', { log: [entry(1)], commitNumber: 0, timer: 7 });

  it('the entries go after its log, the committed ones run, the timer restarts, and it sends PrepareOK for its new op-number', () => {
    const { state, effects } = onNewState(backup(), newState(0, 1, [entry(2), entry(3)], 2));
    expect(state.log).toEqual([entry(1), entry(2), entry(3)]);
    expect(state).toMatchObject({ status: 'normal', view: 0, commitNumber: 2, timer: 0, store: { x: 2 } });
    expect(effects).toEqual([{ kind: 'send', to: 'r1', message: { kind: 'prepare-ok', view: 0, opNumber: 3, replica: 'r2' } }]);
  });

  it('an answer that brings nothing new (op-number not beyond its own) is ignored', () => {
    const r2 = backup();
    expect(onNewState(r2, newState(0, 1, [], 1))).toEqual({ state: r2, effects: [] });
  });

  it('an answer after another op-number than its own is ignored', () => {
    const r2 = backup();
    expect(onNewState(r2, newState(0, 0, [entry(5), entry(6)]))).toEqual({ state: r2, effects: [] });
    expect(onNewState(r2, newState(0, 2, [entry(6)]))).toEqual({ state: r2, effects: [] });
  });

  it('an answer of another view is ignored', () => {
    const r2 = backup();
    expect(onNewState(r2, newState(1, 1, [entry(2)]))).toEqual({ state: r2, effects: [] });
  });

  it('a replica changing views ignores it', () => {
    const r2 = { ...backup(), status: 'view-change' as const };
    expect(onNewState(r2, newState(0, 1, [entry(2)]))).toEqual({ state: r2, effects: [] });
  });
});

describe('NewState ends a transfer from a later view in one step (VRR §5.2, Vanlightly\'s correction)', () => {
  const waiting = () => at('r3', { status: 'state-transfer', transferView: 1, log: [entry(1), entry(9)], commitNumber: 1 });

  it('the entries after k are replaced, and it is normal in that view with v′ = that view', () => {
    const { state, effects } = onNewState(waiting(), newState(1, 1, [entry(2)], 1));
    expect(state).toMatchObject({ status: 'normal', view: 1, lastNormalView: 1, commitNumber: 1 });
    expect(state.log).toEqual([entry(1), entry(2)]);
    expect(effects).toEqual([{ kind: 'send', to: 'r2', message: { kind: 'prepare-ok', view: 1, opNumber: 2, replica: 'r3' } }]);
  });

  it('an answer to an older request is ignored, with nothing sent', () => {
    const r3 = waiting();
    expect(onNewState(r3, newState(0, 1, [entry(2)]))).toEqual({ state: r3, effects: [] });
    expect(onNewState(r3, newState(1, 0, [entry(2)]))).toEqual({ state: r3, effects: [] });
  });
});
