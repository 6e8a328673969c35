/**
 * A VR replica's dispatcher and timers (replica.ts), one rule a test, stepped by hand: a recovering
 * replica's silence (VRR §4.3), the view-change timeout staggered by position (§4.2), a recovering
 * replica asking again, and how each message prints in the trace. The seeded suites run these only
 * inside whole runs (docs/mutation.md, issue 19). Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { describeMessage, replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type Entry, type ReplicaState, type VrConfig, type VrMessage } from '../../../snippets/vr/types.ts';

const at = (id: string, change: Partial<ReplicaState> = {}, config: Partial<VrConfig> = {}): ReplicaState => ({
  ...replica.init(id, ['r1', 'r2', 'r3'].filter((r) => r !== id), { ...DEFAULT_CONFIG, ...config }),
  ...change,
});
const entry: Entry = { client: 'c1', requestNumber: 1, op: { f: 'put', key: 'x', value: 1 }, requestId: 1 };
const prepare: VrMessage = { kind: 'prepare', view: 0, entry, opNumber: 1, commitNumber: 0 };
const tick = (state: ReplicaState) => replica.step(state, { kind: 'tick' });
const ticks = (state: ReplicaState, n: number) => {
  let result = { state, effects: [] as ReturnType<typeof tick>['effects'] };
  for (let i = 0; i < n; i++) result = tick(result.state);
  return result;
};

describe('a recovering replica takes no part until it has recovered (VRR §4.3)', () => {
  it('it ignores a Prepare, a view change and a Recovery, and hears only RecoveryResponses', () => {
    const r3 = replica.recover('r3', ['r1', 'r2'], DEFAULT_CONFIG, { restarts: 0 });
    for (const m of [prepare, { kind: 'start-view-change', view: 1, replica: 'r2' }, { kind: 'recovery', replica: 'r2', nonce: 4 }] as VrMessage[]) {
      expect(replica.step(r3, { kind: 'message', from: 'r1', message: m })).toEqual({ state: r3, effects: [] });
    }
    const heard = replica.step(r3, { kind: 'message', from: 'r2', message: { kind: 'recovery-response', view: 0, nonce: 1, replica: 'r2' } });
    expect(heard.state.recoveryResponses).toHaveLength(1);
  });

  it('broken variant recovering-replica-takes-part: it answers the Prepare as a normal backup would', () => {
    const r3 = replica.recover('r3', ['r1', 'r2'], { ...DEFAULT_CONFIG, recoveringTakesPart: true }, { restarts: 0 });
    const { state, effects } = replica.step(r3, { kind: 'message', from: 'r1', message: prepare });
    expect(state.status).toBe('normal');
    expect(effects).toEqual([{ kind: 'send', to: 'r1', message: { kind: 'prepare-ok', view: 0, opNumber: 1, replica: 'r3' } }]);
  });
});

describe('timers (VRR §4.2)', () => {
  it('a backup that hears nothing for viewChangeTimeout ticks, plus 4 per place in the configuration, starts the next view', () => {
    // r2 is second: 20 + 4 ticks; r3 third: 20 + 8.
    const r2 = ticks(at('r2'), DEFAULT_CONFIG.viewChangeTimeout + 3);
    expect(r2.state).toMatchObject({ status: 'normal', view: 0, timer: DEFAULT_CONFIG.viewChangeTimeout + 3 });
    const started = tick(r2.state);
    expect(started.state).toMatchObject({ status: 'view-change', view: 1 });
    expect(started.effects).toContainEqual({ kind: 'send', to: 'r1', message: { kind: 'start-view-change', view: 1, replica: 'r2' } });
    expect(ticks(at('r3'), DEFAULT_CONFIG.viewChangeTimeout + 7).state.status).toBe('normal');
    expect(ticks(at('r3'), DEFAULT_CONFIG.viewChangeTimeout + 8).state).toMatchObject({ status: 'view-change', view: 1 });
  });

  it('a view change that stalls starts the one after it', () => {
    const stalled = at('r3', { status: 'view-change', view: 1, timer: DEFAULT_CONFIG.viewChangeTimeout + 7 });
    expect(tick(stalled).state).toMatchObject({ status: 'view-change', view: 2 });
  });

  it('the normal primary\'s tick is its heartbeat, not a view change', () => {
    const r1 = ticks(at('r1'), 100);
    expect(r1.state).toMatchObject({ status: 'normal', view: 0 });
  });

  it('a recovering replica asks again with the same nonce when its timeout passes, and starts counting again', () => {
    const r3 = replica.recover('r3', ['r1', 'r2'], DEFAULT_CONFIG, { restarts: 2 });
    const waiting = ticks(r3, DEFAULT_CONFIG.viewChangeTimeout + 7);
    expect(waiting.effects).toEqual([]);
    const asked = tick(waiting.state);
    expect(asked.state).toMatchObject({ status: 'recovering', timer: 0 });
    expect(asked.effects).toEqual([
      { kind: 'send', to: 'r1', message: { kind: 'recovery', replica: 'r3', nonce: 3 } },
      { kind: 'send', to: 'r2', message: { kind: 'recovery', replica: 'r3', nonce: 3 } },
    ]);
  });
});

describe('how each message prints in the trace (the paper\'s names and fields)', () => {
  it.each([
    [prepare, 'Prepare(v=0, n=1, k=0, put(x,1))'],
    [{ kind: 'prepare', view: 2, entry: { ...entry, op: { f: 'get', key: 'y' } }, opNumber: 4, commitNumber: 3 }, 'Prepare(v=2, n=4, k=3, get(y))'],
    [{ kind: 'prepare-ok', view: 1, opNumber: 2, replica: 'r2' }, 'PrepareOK(v=1, n=2)'],
    [{ kind: 'commit', view: 1, commitNumber: 2 }, 'Commit(v=1, k=2)'],
    [{ kind: 'start-view-change', view: 3, replica: 'r1' }, 'StartViewChange(v=3)'],
    [{ kind: 'do-view-change', view: 3, log: [entry], lastNormalView: 1, opNumber: 1, commitNumber: 0, replica: 'r1' }, "DoViewChange(v=3, v'=1, n=1, k=0)"],
    [{ kind: 'start-view', view: 3, log: [entry], opNumber: 1, commitNumber: 1 }, 'StartView(v=3, n=1, k=1)'],
    [{ kind: 'recovery', replica: 'r3', nonce: 2 }, 'Recovery(nonce=2)'],
    [{ kind: 'recovery-response', view: 1, nonce: 2, primaryState: { log: [entry], opNumber: 1, commitNumber: 0 }, replica: 'r2' }, 'RecoveryResponse(v=1, nonce=2, n=1, k=0)'],
    [{ kind: 'recovery-response', view: 1, nonce: 2, replica: 'r1' }, 'RecoveryResponse(v=1, nonce=2)'],
    [{ kind: 'get-state', view: 1, opNumber: 3, replica: 'r3' }, 'GetState(v=1, n=3)'],
    [{ kind: 'new-state', view: 1, after: 0, entries: [entry], opNumber: 1, commitNumber: 1 }, 'NewState(v=1, n=1, k=1)'],
  ] as Array<[VrMessage, string]>)('%j prints as %s', (message, printed) => {
    expect(describeMessage(message)).toBe(printed);
  });

  it('a request, a reply and a disk', () => {
    expect(replica.describeRequest!({ client: 'c2', requestNumber: 3, op: { f: 'get', key: 'x' } })).toBe('get(x) c=c2, s=3');
    expect(replica.describeResponse!({ view: 1, requestNumber: 3, result: 7 })).toBe('Reply(v=1, s=3, result=7)');
    expect(replica.describeDurable!({ restarts: 2 })).toBe('restarts=2');
  });
});
