/**
 * VR's normal operation (VRR §4.1, normal.ts), one rule a test, on one replica stepped by hand: who
 * takes a request, how a backup takes Prepares in order, when an operation commits, what Commit does,
 * and the primary's timer. The seeded suites run these rules only inside whole runs
 * (docs/mutation.md, issue 19). Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { onCommit, onPrepare, onPrepareOk, onRequest, primaryTick } from '../../../snippets/vr/normal.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type Entry, type ReplicaState, type VrMessage } from '../../../snippets/vr/types.ts';

const at = (id: string, change: Partial<ReplicaState> = {}): ReplicaState => ({ ...replica.init(id, ['r1', 'r2', 'r3'].filter((r) => r !== id), DEFAULT_CONFIG), ...change });
const entry = (value: number, requestNumber = value, client = 'c1'): Entry => ({ client, requestNumber, op: { f: 'put', key: 'x', value }, requestId: requestNumber });
const request = (value: number, requestNumber = value) => ({ client: 'c1', requestNumber, op: { f: 'put' as const, key: 'x', value } });
type Prepare = Extract<VrMessage, { kind: 'prepare' }>;
const prepare = (view: number, opNumber: number, commitNumber: number, e = entry(opNumber)): Prepare => ({ kind: 'prepare', view, entry: e, opNumber, commitNumber });
const ok = (replicaId: string, opNumber: number, view = 0) => ({ kind: 'prepare-ok' as const, view, opNumber, replica: replicaId });

describe('a request (VRR §4.1 steps 1–3)', () => {
  it('the primary appends it, records it as in progress, and sends Prepare with the op-number and its commit-number to every backup', () => {
    const { state, effects } = onRequest(at('r1', { timer: 3 }), 7, request(1));
    expect(state.log).toEqual([{ ...entry(1), requestId: 7 }]);
    expect(state.timer).toBe(0);
    expect(state.clientTable['c1']).toEqual({ requestNumber: 1, requestId: 7 });
    const sent: Prepare = { kind: 'prepare', view: 0, entry: { ...entry(1), requestId: 7 }, opNumber: 1, commitNumber: 0 };
    expect(effects).toEqual([{ kind: 'send', to: 'r2', message: sent }, { kind: 'send', to: 'r3', message: sent }]);
  });

  it('a backup, or a primary that is not normal, ignores it', () => {
    const backup = at('r2');
    expect(onRequest(backup, 1, request(1))).toEqual({ state: backup, effects: [] });
    const changing = at('r1', { status: 'view-change' });
    expect(onRequest(changing, 1, request(1))).toEqual({ state: changing, effects: [] });
    // r2 is the primary of view 1.
    expect(onRequest(at('r2', { view: 1 }), 1, request(1)).state.log).toHaveLength(1);
  });
});

describe('a backup takes Prepares strictly in order (VRR §4.1 step 4)', () => {
  it('the next op-number is appended and answered with PrepareOK to the primary; the timer restarts', () => {
    const { state, effects } = onPrepare(at('r2', { timer: 9 }), 'r1', prepare(0, 1, 0));
    expect(state.log).toEqual([entry(1)]);
    expect(state.timer).toBe(0);
    expect(state.clientTable['c1']).toEqual({ requestNumber: 1, requestId: 1 });
    expect(effects).toEqual([{ kind: 'send', to: 'r1', message: ok('r2', 1) }]);
  });

  it('a Prepare it already has is answered again with its own op-number, and not appended twice', () => {
    const two = onPrepare(onPrepare(at('r2'), 'r1', prepare(0, 1, 0)).state, 'r1', prepare(0, 2, 0)).state;
    const { state, effects } = onPrepare(two, 'r1', prepare(0, 1, 0));
    expect(state.log).toHaveLength(2);
    expect(effects).toEqual([{ kind: 'send', to: 'r1', message: ok('r2', 2) }]);
  });

  it('a gap (op-number beyond the next) is not appended: it asks the primary for the entries after its op-number (§5.2)', () => {
    const { state, effects } = onPrepare(at('r2', { timer: 9 }), 'r1', prepare(0, 2, 0));
    expect(state.log).toEqual([]);
    expect(state.timer).toBe(0);
    expect(effects).toEqual([{ kind: 'send', to: 'r1', message: { kind: 'get-state', view: 0, opNumber: 0, replica: 'r2' } }]);
  });

  it('a Prepare of an older view is ignored; one of a later view starts state transfer', () => {
    const r2 = at('r2', { view: 2 });
    expect(onPrepare(r2, 'r1', prepare(1, 1, 0))).toEqual({ state: r2, effects: [] });
    expect(onPrepare(at('r3'), 'r2', prepare(1, 1, 0)).state.status).toBe('state-transfer');
    expect(onPrepare(at('r3', { status: 'view-change', view: 1 }), 'r2', prepare(1, 1, 0)).state.status).toBe('state-transfer');
  });

  it('executes what the piggybacked commit-number says is committed, without replying to the client (step 7)', () => {
    const one = onPrepare(at('r2'), 'r1', prepare(0, 1, 0)).state;
    const { state, effects } = onPrepare(one, 'r1', prepare(0, 2, 1));
    expect(state.commitNumber).toBe(1);
    expect(state.store).toEqual({ x: 1 });
    expect(effects.map((e) => e.kind)).toEqual(['send']);
  });
});

describe('an operation commits once f backups have prepared it (VRR §4.1 step 5)', () => {
  const withTwo = () => onRequest(onRequest(at('r1'), 1, request(1)).state, 2, request(2)).state;

  it('with f = 1, the first PrepareOK for op n commits every op up to n, and the primary replies to each client', () => {
    const { state, effects } = onPrepareOk(withTwo(), ok('r2', 2));
    expect(state.commitNumber).toBe(2);
    expect(state.store).toEqual({ x: 2 });
    expect(effects).toEqual([
      { kind: 'reply', client: 'c1', requestId: 1, response: { view: 0, requestNumber: 1, result: null } },
      { kind: 'reply', client: 'c1', requestId: 2, response: { view: 0, requestNumber: 2, result: null } },
    ]);
  });

  it('a PrepareOK for op 1 commits op 1 only; a later, older PrepareOK does not lower what that backup acknowledged', () => {
    const one = onPrepareOk(withTwo(), ok('r2', 1)).state;
    expect(one.commitNumber).toBe(1);
    const both = onPrepareOk(one, ok('r3', 2)).state;
    expect(both.commitNumber).toBe(2);
    expect(onPrepareOk(both, ok('r3', 1)).state.acked).toEqual({ r2: 1, r3: 2 });
  });

  it('in a group of five (f = 2), one PrepareOK is not enough; two are', () => {
    const five = (id: string) => ({ ...replica.init(id, ['r1', 'r2', 'r3', 'r4', 'r5'].filter((r) => r !== id), DEFAULT_CONFIG) });
    const primary = onRequest(five('r1'), 1, request(1)).state;
    const once = onPrepareOk(primary, ok('r2', 1));
    expect(once.state.commitNumber).toBe(0);
    expect(once.effects).toEqual([]);
    expect(onPrepareOk(once.state, ok('r4', 1)).state.commitNumber).toBe(1);
  });

  it('a PrepareOK beyond the primary\'s log commits no more than the log holds', () => {
    expect(onPrepareOk(withTwo(), ok('r2', 5)).state.commitNumber).toBe(2);
  });

  it('a PrepareOK of another view, or at a replica that is not the normal primary, is ignored', () => {
    const primary = withTwo();
    expect(onPrepareOk(primary, ok('r2', 2, 1))).toEqual({ state: primary, effects: [] });
    const backup = at('r2');
    expect(onPrepareOk(backup, ok('r3', 1))).toEqual({ state: backup, effects: [] });
    const changing = { ...primary, status: 'view-change' as const };
    expect(onPrepareOk(changing, ok('r2', 2))).toEqual({ state: changing, effects: [] });
  });
});

describe('Commit (VRR §4.1 steps 6 and 7)', () => {
  const prepared = () => onPrepare(onPrepare(at('r2', { timer: 0 }), 'r1', prepare(0, 1, 0)).state, 'r1', prepare(0, 2, 0)).state;

  it('a backup executes up to the commit-number it is told, and its timer restarts', () => {
    const { state, effects } = onCommit({ ...prepared(), timer: 7 }, { kind: 'commit', view: 0, commitNumber: 1 });
    expect(state.commitNumber).toBe(1);
    expect(state.store).toEqual({ x: 1 });
    expect(state.timer).toBe(0);
    expect(effects).toEqual([]);
  });

  it('a commit-number beyond its log means it missed Prepares: it asks for them (§5.2)', () => {
    const { state, effects } = onCommit(prepared(), { kind: 'commit', view: 0, commitNumber: 3 });
    expect(state.commitNumber).toBe(0);
    expect(effects).toEqual([{ kind: 'send', to: 'r1', message: { kind: 'get-state', view: 0, opNumber: 2, replica: 'r2' } }]);
  });

  it('a Commit of an older view is ignored; one of a later view starts state transfer', () => {
    const r2 = { ...prepared(), view: 1 };
    expect(onCommit(r2, { kind: 'commit', view: 0, commitNumber: 2 })).toEqual({ state: r2, effects: [] });
    expect(onCommit(prepared(), { kind: 'commit', view: 1, commitNumber: 2 }).state.status).toBe('state-transfer');
  });
});

describe("the primary's timer (VRR §4.1 step 6)", () => {
  it('counts ticks up to the heartbeat without sending', () => {
    const { state, effects } = primaryTick(at('r1', { timer: DEFAULT_CONFIG.heartbeat - 2 }));
    expect(state.timer).toBe(DEFAULT_CONFIG.heartbeat - 1);
    expect(effects).toEqual([]);
  });

  it('idle at the heartbeat, it sends Commit with its commit-number to every backup and starts counting again', () => {
    const { state, effects } = primaryTick(at('r1', { timer: DEFAULT_CONFIG.heartbeat - 1 }));
    expect(state.timer).toBe(0);
    expect(effects).toEqual([
      { kind: 'send', to: 'r2', message: { kind: 'commit', view: 0, commitNumber: 0 } },
      { kind: 'send', to: 'r3', message: { kind: 'commit', view: 0, commitNumber: 0 } },
    ]);
  });

  it('with entries waiting for PrepareOKs, it sends their Prepares again instead, each with its op-number', () => {
    const log = [entry(1), entry(2), entry(3)];
    const { state, effects } = primaryTick(at('r1', { timer: DEFAULT_CONFIG.heartbeat - 1, log, commitNumber: 1 }));
    expect(state.timer).toBe(0);
    expect(effects.map((e) => (e.kind === 'send' && e.message.kind === 'prepare' ? `${e.to} ${e.message.opNumber} k=${e.message.commitNumber}` : e.kind))).toEqual([
      'r2 2 k=1', 'r3 2 k=1', 'r2 3 k=1', 'r3 3 k=1',
    ]);
  });
});

describe('a Commit from a later view (VRR §4.1 step 7, §5.2)', () => {
  it('a normal replica does not execute by it: its log may not be that view\'s; it starts state transfer to that view', () => {
    const one = onPrepare(at('r2'), 'r1', prepare(0, 1, 0)).state;
    const { state } = onCommit(one, { kind: 'commit', view: 1, commitNumber: 1 });
    expect(state.status).toBe('state-transfer');
    expect(state.commitNumber).toBe(0);
  });

  it('a replica still changing to the Commit\'s view does not execute by it either: it starts state transfer to that view', () => {
    // r3 holds op 1 from view 0 and waits for view 1's StartView; view 1's log may differ.
    const changing = at('r3', { view: 1, status: 'view-change', log: [entry(1)] });
    const { state } = onCommit(changing, { kind: 'commit', view: 1, commitNumber: 1 });
    expect(state).toMatchObject({ status: 'state-transfer', transferView: 1, commitNumber: 0 });
  });
});
