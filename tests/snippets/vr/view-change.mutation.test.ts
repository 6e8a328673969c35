/**
 * VR's view change (VRR §4.2, view-change.ts), one rule a test, on one replica stepped by hand:
 * StartViewChange and the wait for f others, DoViewChange to the new primary, the new primary's
 * choice of log and commit-number, StartView, and the backups' PrepareOK after it. The scripted runs
 * and seeded suites reach these rules only inside whole runs (docs/mutation.md, issue 19). chooseLog's
 * order is stated in vr.test.ts. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { onDoViewChange, onStartView, onStartViewChange, startViewChange } from '../../../snippets/vr/view-change.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type DoViewChange, type Entry, type ReplicaState, type VrConfig, type VrMessage } from '../../../snippets/vr/types.ts';

const at = (id: string, change: Partial<ReplicaState> = {}, config: Partial<VrConfig> = {}): ReplicaState => ({
  ...replica.init(id, ['r1', 'r2', 'r3'].filter((r) => r !== id), { ...DEFAULT_CONFIG, ...config }),
  ...change,
});
const entry = (value: number, client = `c${value}`): Entry => ({ client, requestNumber: 1, op: { f: 'put', key: 'x', value }, requestId: value });
const svc = (view: number, from: string) => ({ kind: 'start-view-change' as const, view, replica: from });
const dvc = (from: string, view: number, log: Entry[], lastNormalView: number, commitNumber = 0): DoViewChange => ({ kind: 'do-view-change', view, log, lastNormalView, opNumber: log.length, commitNumber, replica: from });
type StartView = Extract<VrMessage, { kind: 'start-view' }>;
const sv = (view: number, log: Entry[], commitNumber: number): StartView => ({ kind: 'start-view', view, log, opNumber: log.length, commitNumber });

describe('starting a view change (VRR §4.2 step 1)', () => {
  it('the replica moves to the view, stops normal processing, forgets its acks, and sends StartViewChange to every other replica', () => {
    const { state, effects } = startViewChange(at('r3', { timer: 20, acked: { r2: 1 } }), 1);
    expect(state).toMatchObject({ view: 1, status: 'view-change', timer: 0, acked: {}, startViewChanges: [], doViewChanges: [], sentDoViewChange: false, lastNormalView: 0 });
    expect(effects).toEqual([
      { kind: 'send', to: 'r1', message: svc(1, 'r3') },
      { kind: 'send', to: 'r2', message: svc(1, 'r3') },
    ]);
  });

  it('broken variant no-start-view-change-round: the DoViewChange goes to the new primary at once (§8.2)', () => {
    const { state, effects } = startViewChange(at('r3', { log: [entry(1)] }, { startViewChangeRound: false }), 1);
    expect(state.sentDoViewChange).toBe(true);
    expect(effects).toContainEqual({ kind: 'send', to: 'r2', message: dvc('r3', 1, [entry(1)], 0) });
  });
});

describe('waiting for f others (VRR §4.2 step 2)', () => {
  it('a StartViewChange for a later view moves the replica there too; with f = 1 it is enough to send DoViewChange to the new primary', () => {
    const { state, effects } = onStartViewChange(at('r3', { log: [entry(1)], commitNumber: 1 }), svc(1, 'r1'));
    expect(state).toMatchObject({ view: 1, status: 'view-change', startViewChanges: ['r1'], sentDoViewChange: true });
    expect(effects).toEqual([
      { kind: 'send', to: 'r1', message: svc(1, 'r3') },
      { kind: 'send', to: 'r2', message: svc(1, 'r3') },
      { kind: 'send', to: 'r2', message: { ...dvc('r3', 1, [entry(1)], 0), commitNumber: 1 } },
    ]);
  });

  it('in a group of five (f = 2), one StartViewChange is not enough, and the same replica twice counts once', () => {
    const five = { ...replica.init('r3', ['r1', 'r2', 'r4', 'r5'], DEFAULT_CONFIG) };
    const once = onStartViewChange(five, svc(1, 'r1')).state;
    const twice = onStartViewChange(once, svc(1, 'r1'));
    expect(twice.state.startViewChanges).toEqual(['r1']);
    expect(twice.state.sentDoViewChange).toBe(false);
    expect(twice.effects).toEqual([]);
    expect(onStartViewChange(once, svc(1, 'r4')).state.sentDoViewChange).toBe(true);
  });

  it('DoViewChange is sent once, however many StartViewChanges follow', () => {
    const sent = onStartViewChange(at('r3'), svc(1, 'r1')).state;
    expect(onStartViewChange(sent, svc(1, 'r2')).effects).toEqual([]);
  });

  it('a StartViewChange of an older view, or of the view it is already normal in, is ignored', () => {
    const r3 = at('r3', { view: 2 });
    expect(onStartViewChange(r3, svc(1, 'r1'))).toEqual({ state: r3, effects: [] });
    expect(onStartViewChange(r3, svc(2, 'r1'))).toEqual({ state: r3, effects: [] });
  });
});

describe('the new primary starts the view (VRR §4.2 steps 3 and 4)', () => {
  const changing = (change: Partial<ReplicaState> = {}, config: Partial<VrConfig> = {}) => onStartViewChange(at('r2', change, config), svc(1, 'r3')).state;

  it('with f + 1 DoViewChanges, its own among them, it takes the log of the largest v′, then n, and sends StartView', () => {
    // r2's own DoViewChange (empty log) was counted when it sent it; r3 sends the put.
    const own = changing();
    expect(own.doViewChanges.map((d) => d.replica)).toEqual(['r2']);
    const { state, effects } = onDoViewChange(own, dvc('r3', 1, [entry(1)], 0, 1));
    expect(state).toMatchObject({ view: 1, status: 'normal', lastNormalView: 1, commitNumber: 1, store: { x: 1 }, doViewChanges: [], startViewChanges: [], acked: {} });
    expect(state.log).toEqual([entry(1)]);
    expect(effects).toEqual([
      { kind: 'note', text: 'primary of view 1, op-number 1' },
      { kind: 'send', to: 'r1', message: sv(1, [entry(1)], 1) },
      { kind: 'send', to: 'r3', message: sv(1, [entry(1)], 1) },
      { kind: 'reply', client: 'c1', requestId: 1, response: { view: 1, requestNumber: 1, result: null } },
    ]);
  });

  it('it takes the largest commit-number received and executes up to it', () => {
    const own = changing({ log: [entry(1), entry(2)], commitNumber: 0 });
    const { state } = onDoViewChange(own, dvc('r3', 1, [entry(1)], 0, 1));
    expect(state.log).toEqual([entry(1), entry(2)]);
    expect(state.commitNumber).toBe(1);
  });

  it('slower variant new-primary-own-commit-number: it keeps its own k, so nothing executes yet', () => {
    const own = changing({ log: [entry(1)], commitNumber: 0 }, { newPrimaryCommit: 'own' });
    expect(onDoViewChange(own, dvc('r3', 1, [entry(1)], 0, 1)).state.commitNumber).toBe(0);
  });

  it('broken variant new-primary-keeps-own-log: its own empty log wins over the put', () => {
    const own = changing({}, { logChoice: 'own' });
    expect(onDoViewChange(own, dvc('r3', 1, [entry(1)], 0, 1)).state.log).toEqual([]);
  });

  it('without its own DoViewChange, or at a replica that is not the new primary, it only counts', () => {
    // r2 has not yet heard StartViewChange: it moves to view 1 on r3's DoViewChange, but has not sent its own.
    const early = onDoViewChange(at('r2'), dvc('r3', 1, [entry(1)], 0));
    expect(early.state).toMatchObject({ view: 1, status: 'view-change' });
    expect(early.state.doViewChanges.map((d) => d.replica)).toEqual(['r3']);
    expect(early.effects.filter((e) => e.kind === 'send' && e.message.kind === 'start-view')).toEqual([]);
    // f + 1 DoViewChanges from the others are not enough while its own has not gone (§4.2 step 3: "including itself").
    const withoutOwn = onDoViewChange(early.state, dvc('r1', 1, [], 0));
    expect(withoutOwn.state.doViewChanges.map((d) => d.replica)).toEqual(['r3', 'r1']);
    expect(withoutOwn.state.status).toBe('view-change');
    expect(withoutOwn.effects).toEqual([]);
    const notPrimary = onDoViewChange(at('r1', { view: 1, status: 'view-change', doViewChanges: [dvc('r1', 1, [], 0)] }), dvc('r3', 1, [], 0));
    expect(notPrimary.state.status).toBe('view-change');
    expect(notPrimary.effects).toEqual([]);
  });

  it('a second DoViewChange from the same replica replaces the first, and one of an older view is ignored', () => {
    const early = onDoViewChange(at('r2'), dvc('r3', 1, [], 0)).state;
    expect(onDoViewChange(early, dvc('r3', 1, [entry(1)], 0)).state.doViewChanges).toEqual([dvc('r3', 1, [entry(1)], 0)]);
    const later = at('r2', { view: 4 });
    expect(onDoViewChange(later, dvc('r3', 1, [], 0))).toEqual({ state: later, effects: [] });
  });
});

describe('a backup takes StartView (VRR §4.2 step 5)', () => {
  it('it installs the log, is normal in the view with v′ = the view, executes what is committed, and PrepareOKs the rest', () => {
    const { state, effects } = onStartView(at('r3', { view: 1, status: 'view-change', timer: 8 }), 'r2', sv(1, [entry(1), entry(2)], 1));
    expect(state).toMatchObject({ view: 1, status: 'normal', lastNormalView: 1, commitNumber: 1, store: { x: 1 }, timer: 0 });
    expect(state.log).toEqual([entry(1), entry(2)]);
    expect(effects).toEqual([{ kind: 'send', to: 'r2', message: { kind: 'prepare-ok', view: 1, opNumber: 2, replica: 'r3' } }]);
  });

  it('with everything committed, no PrepareOK', () => {
    expect(onStartView(at('r3', { view: 1, status: 'view-change' }), 'r2', sv(1, [entry(1)], 1)).effects).toEqual([]);
  });

  it('slower variant no-prepare-ok-after-start-view: no PrepareOK for the uncommitted entries', () => {
    expect(onStartView(at('r3', { view: 1, status: 'view-change' }, { prepareOkAfterStartView: false }), 'r2', sv(1, [entry(1)], 0)).effects).toEqual([]);
  });

  it('a StartView of a later view is taken from normal status too; one of an older view, or of its own normal view, is ignored', () => {
    expect(onStartView(at('r3'), 'r2', sv(1, [entry(1)], 0)).state).toMatchObject({ view: 1, status: 'normal' });
    const r3 = at('r3', { view: 2 });
    expect(onStartView(r3, 'r2', sv(1, [entry(1)], 0))).toEqual({ state: r3, effects: [] });
    expect(onStartView(r3, 'r3', sv(2, [entry(1)], 0))).toEqual({ state: r3, effects: [] });
  });
});

describe('view change: the edges (VRR §4.2)', () => {
  it('a DoViewChange for the view a replica is already normal in is late, and ignored', () => {
    const r2 = at('r2', { view: 1, lastNormalView: 1 });
    expect(onDoViewChange(r2, dvc('r3', 1, [entry(1)], 0))).toEqual({ state: r2, effects: [] });
  });

  it('the new primary\'s "own" log (broken variant (a)) is the one it sent itself, even when another arrived first', () => {
    // r2, primary of view 1, counted r3's DoViewChange (with an entry) before its own (empty).
    const r2 = at('r2', { view: 1, status: 'view-change', doViewChanges: [dvc('r3', 1, [entry(1)], 0, 1)] }, { logChoice: 'own', newPrimaryCommit: 'own' });
    const { state } = onDoViewChange(r2, dvc('r2', 1, [], 0, 0));
    expect(state.status).toBe('normal');
    expect(state.log).toEqual([]);
    expect(state.commitNumber).toBe(0);
  });

  it('StartView ends the view change: the StartViewChanges and DoViewChanges counted for it are dropped and the sent flag cleared', () => {
    const r3 = at('r3', { view: 1, status: 'view-change', startViewChanges: ['r1', 'r3'], doViewChanges: [dvc('r1', 1, [], 0)], sentDoViewChange: true });
    const { state } = onStartView(r3, 'r2', sv(1, [entry(1)], 1));
    expect(state).toMatchObject({ status: 'normal', view: 1, startViewChanges: [], doViewChanges: [], sentDoViewChange: false });
  });
});
