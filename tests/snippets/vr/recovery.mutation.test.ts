/**
 * VR's recovery without a disk (VRR §4.3, recovery.ts), one rule a test, on one replica stepped by
 * hand: the nonce, who answers a Recovery and with what, and when the recovering replica has heard
 * enough and from whom to copy. The seeded suites and scripted runs reach these rules only inside
 * whole runs (docs/mutation.md, issue 19). Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { onRecovery, onRecoveryResponse, onRestart } from '../../../snippets/vr/recovery.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type Entry, type ReplicaState, type VrConfig, type VrMessage } from '../../../snippets/vr/types.ts';

type Response = Extract<VrMessage, { kind: 'recovery-response' }>;
const entry = (value: number, client = 'c1'): Entry => ({ client, requestNumber: 1, op: { f: 'put', key: 'x', value }, requestId: 1 });
const peersOf = (id: string) => ['r1', 'r2', 'r3'].filter((r) => r !== id);
const restarted = (config: Partial<VrConfig> = {}, restarts = 1): ReplicaState => replica.recover('r3', peersOf('r3'), { ...DEFAULT_CONFIG, ...config }, { restarts });
const answer = (from: string, view: number, nonce: number, log?: readonly Entry[], commitNumber = log?.length ?? 0): Response => ({
  kind: 'recovery-response', view, nonce, ...(log ? { primaryState: { log, opNumber: log.length, commitNumber } } : {}), replica: from,
});
const feed = (state: ReplicaState, ...answers: Response[]) => answers.reduce((s, m) => onRecoveryResponse(s, m).state, state);

describe('a restarted replica asks the others (VRR §4.3 step 1)', () => {
  it('it comes back recovering, empty, in view 0, with a nonce one past the restarts on disk', () => {
    expect(restarted({}, 4)).toMatchObject({ status: 'recovering', view: 0, log: [], commitNumber: 0, nonce: 5 });
  });

  it('it writes the new restart count to disk before it sends Recovery with its nonce to every other replica', () => {
    const state = restarted({}, 1);
    expect(onRestart(state)).toEqual({
      state,
      effects: [
        { kind: 'persist', durable: { restarts: 2 } },
        { kind: 'send', to: 'r1', message: { kind: 'recovery', replica: 'r3', nonce: 2 } },
        { kind: 'send', to: 'r2', message: { kind: 'recovery', replica: 'r3', nonce: 2 } },
      ],
    });
  });

  it('a replica that is not recovering does nothing on restart', () => {
    const normal = replica.init('r3', peersOf('r3'), DEFAULT_CONFIG);
    expect(onRestart(normal)).toEqual({ state: normal, effects: [] });
  });
});

describe('who answers a Recovery (VRR §4.3 step 2)', () => {
  const recoveryFromR3: Extract<VrMessage, { kind: 'recovery' }> = { kind: 'recovery', replica: 'r3', nonce: 7 };

  it('the primary answers with its view, the nonce echoed, and its log, op-number and commit-number', () => {
    const r1 = { ...replica.init('r1', peersOf('r1'), DEFAULT_CONFIG), log: [entry(1), entry(2)], commitNumber: 1 };
    expect(onRecovery(r1, recoveryFromR3)).toEqual({
      state: r1,
      effects: [{ kind: 'send', to: 'r3', message: { kind: 'recovery-response', view: 0, nonce: 7, primaryState: { log: [entry(1), entry(2)], opNumber: 2, commitNumber: 1 }, replica: 'r1' } }],
    });
  });

  it('a backup answers with its view and the nonce only', () => {
    const r2 = { ...replica.init('r2', peersOf('r2'), DEFAULT_CONFIG), log: [entry(1)] };
    expect(onRecovery(r2, recoveryFromR3).effects).toEqual([{ kind: 'send', to: 'r3', message: { kind: 'recovery-response', view: 0, nonce: 7, replica: 'r2' } }]);
  });

  it('a replica that is not normal answers nothing', () => {
    for (const status of ['view-change', 'recovering', 'state-transfer'] as const) {
      const r2 = { ...replica.init('r2', peersOf('r2'), DEFAULT_CONFIG), status };
      expect(onRecovery(r2, recoveryFromR3)).toEqual({ state: r2, effects: [] });
    }
  });
});

describe('when and whom the recovering replica copies (VRR §4.3 step 3)', () => {
  it('with f + 1 answers to its nonce, one from the primary, it copies the primary\'s log, executes the committed part and is normal', () => {
    const state = restarted();
    const waiting = onRecoveryResponse(state, answer('r2', 0, 2));
    expect(waiting.state.status).toBe('recovering');
    expect(waiting.effects).toEqual([]);
    const { state: done, effects } = onRecoveryResponse(waiting.state, answer('r1', 0, 2, [entry(1), entry(2, 'c2')], 1));
    expect(done).toMatchObject({ status: 'normal', view: 0, lastNormalView: 0, commitNumber: 1, store: { x: 1 }, recoveryResponses: [], timer: 0 });
    expect(done.log).toEqual([entry(1), entry(2, 'c2')]);
    expect(effects).toEqual([{ kind: 'note', text: 'recovered in view 0, op-number 2' }]);
  });

  it('an answer to another nonce is ignored', () => {
    const state = restarted();
    expect(onRecoveryResponse(state, answer('r1', 0, 1, [entry(1)]))).toEqual({ state, effects: [] });
  });

  it('a second answer from the same replica counts once', () => {
    const twice = feed(restarted(), answer('r1', 0, 2, [entry(1)]), answer('r1', 0, 2, [entry(1)]));
    expect(twice.status).toBe('recovering');
    expect(twice.recoveryResponses).toHaveLength(1);
  });

  it('f + 1 answers without the primary\'s are not enough: it keeps waiting', () => {
    // r3 was the primary of view 2 before it crashed: r1 and r2 answer as its backups, so no answer carries a log.
    const done = feed(restarted(), answer('r1', 2, 2), answer('r2', 2, 2));
    expect(done.status).toBe('recovering');
    expect(done.recoveryResponses).toHaveLength(2);
  });

  it('it copies the primary of the latest view reported, not an older primary that answered first', () => {
    const done = feed(restarted(), answer('r1', 0, 2, []), answer('r2', 1, 2, [entry(1)]));
    expect(done).toMatchObject({ status: 'normal', view: 1, lastNormalView: 1, store: { x: 1 } });
    expect(done.log).toEqual([entry(1)]);
  });

  it('if the latest view\'s primary has not answered, an older primary\'s answer is not enough', () => {
    // r2 reports view 2 as a backup (r3 is its primary); r1 answered as primary of view 0.
    const done = feed(restarted(), answer('r1', 0, 2, [entry(5)]), answer('r2', 2, 2));
    expect(done.status).toBe('recovering');
  });

  it('broken variant recover-on-one-answer: the primary\'s answer alone is taken as enough', () => {
    const done = feed(restarted({ recoveryQuorum: 'one' }), answer('r1', 0, 2, [entry(1)]));
    expect(done).toMatchObject({ status: 'normal', view: 0, store: { x: 1 } });
  });

  it('broken variant recover-from-older-primary: it copies the first primary that answered, even of an older view', () => {
    const done = feed(restarted({ recoverFrom: 'any-primary' }), answer('r1', 0, 2, []), answer('r2', 1, 2, [entry(1)]));
    expect(done).toMatchObject({ status: 'normal', view: 0, log: [] });
  });
});

describe('recovery: the edges (VRR §4.3)', () => {
  it('a replica starts with nothing of a view change pending: no StartViewChange or DoViewChange counted, none sent', () => {
    expect(replica.init('r1', peersOf('r1'), DEFAULT_CONFIG)).toMatchObject({ startViewChanges: [], doViewChanges: [], sentDoViewChange: false, recoveryResponses: [] });
    expect(restarted()).toMatchObject({ startViewChanges: [], doViewChanges: [], sentDoViewChange: false, recoveryResponses: [] });
  });

  it('a replica that is not recovering ignores a RecoveryResponse, even one carrying its nonce', () => {
    const normal: ReplicaState = { ...replica.init('r3', peersOf('r3'), DEFAULT_CONFIG), nonce: 2 };
    expect(onRecoveryResponse(normal, answer('r1', 0, 2, [entry(1)]))).toEqual({ state: normal, effects: [] });
  });

  it('the primary to copy is the latest view\'s as that view\'s primary reported it: its answer from an older view does not count', () => {
    // r3 reports view 4, whose primary is r2; r2 answered from view 1 (whose primary it also is) with its state.
    const state = feed(restarted(), answer('r3', 4, 2), answer('r2', 1, 2, [entry(1)]));
    expect(state.status).toBe('recovering');
  });

  it('broken variant \'any-primary\' copies the first answer that carries a primary\'s state, not merely the first answer', () => {
    const state = feed(restarted({ recoverFrom: 'any-primary' }), answer('r2', 0, 2), answer('r1', 0, 2, [entry(1)]));
    expect(state).toMatchObject({ status: 'normal', view: 0, log: [entry(1)] });
  });
});
