/**
 * A VR replica as one pure state machine (Liskov & Cowling 2012): the dispatcher over inputs and
 * message kinds, and the timers. The rules live in normal.ts (§4.1), view-change.ts (§4.2),
 * recovery.ts (§4.3) and state-transfer.ts (§5.2).
 */
import { unreachable, type Model } from '../sim/index.ts';
import { onCommit, onPrepare, onPrepareOk, onRequest, primaryTick } from './normal.ts';
import { askAgain, blank, onRecovery, onRecoveryResponse, onRestart, recovering } from './recovery.ts';
import { vrFields as f } from './fields.ts';
import { onGetState, onNewState } from './state-transfer.ts';
import { isPrimary, type Entry, type ReplicaState, type Result, type VrMessage, type VrTypes } from './types.ts';
import { onDoViewChange, onStartView, onStartViewChange, startViewChange } from './view-change.ts';

function onMessage(state: ReplicaState, from: string, m: VrMessage): Result {
  // VRR §4.3: a recovering replica answers nothing until it has recovered. Broken variant (b): it
  // takes part at once with what it remembers, which is nothing.
  if (state.status === 'recovering' && m.kind !== 'recovery-response') {
    if (!state.config.recoveringTakesPart) return { state, effects: [] };
    state = { ...state, status: 'normal' };
  }
  switch (m.kind) {
    case 'prepare':
      return onPrepare(state, from, m);
    case 'prepare-ok':
      return onPrepareOk(state, m);
    case 'commit':
      return onCommit(state, m);
    case 'start-view-change':
      return onStartViewChange(state, m);
    case 'do-view-change':
      return onDoViewChange(state, m);
    case 'start-view':
      return onStartView(state, from, m);
    case 'recovery':
      return onRecovery(state, m);
    case 'recovery-response':
      return onRecoveryResponse(state, m);
    case 'get-state':
      return onGetState(state, m);
    case 'new-state':
      return onNewState(state, m);
    default:
      return unreachable(m);
  }
}

// #region timers
/**
 * Time is ticks. A backup that hears nothing from the primary for a timeout starts a view change
 * (VRR §4.2), and so does a replica whose view change stalls; replicas later in the configuration wait
 * a little longer, so they rarely start competing view changes. A recovering replica asks again.
 */
function onTick(state: ReplicaState): Result {
  if (state.status === 'normal' && isPrimary(state)) return primaryTick(state);
  const timer = state.timer + 1;
  const timeout = state.config.viewChangeTimeout + 4 * state.replicas.indexOf(state.id);
  if (state.status === 'recovering') {
    if (timer < timeout) return { state: { ...state, timer }, effects: [] };
    return { state: { ...state, timer: 0 }, effects: askAgain(state) };
  }
  if (timer < timeout) return { state: { ...state, timer }, effects: [] };
  return startViewChange(state, state.view + 1);
}
// #endregion

export const replica: Model<VrTypes> = {
  name: 'vr',
  init: (id, peers, config) => blank(id, peers, config),
  recover: (id, peers, config, durable) => recovering(id, peers, config, durable?.restarts ?? 0),
  step(state, input) {
    switch (input.kind) {
      case 'message':
        return onMessage(state, input.from, input.message);
      case 'request':
        return onRequest(state, input.requestId, input.request);
      case 'tick':
        return onTick(state);
      case 'restart':
        return onRestart(state);
      default:
        return unreachable(input);
    }
  },
  describeMessage: describeMessage,
  describeRequest: (r) => `${describeOp(r.op)} ${f.show({ c: r.client, s: r.requestNumber })}`,
  describeResponse: (r) => `Reply(${f.show({ v: r.view, s: r.requestNumber, result: r.result })})`,
  describeDurable: (d) => f.show({ restarts: d.restarts }),
};

const describeOp = (op: Entry['op']): string => (op.f === 'get' ? `get(${op.key})` : `put(${op.key},${op.value})`);

export function describeMessage(m: VrMessage): string {
  switch (m.kind) {
    case 'prepare':
      return `Prepare(${f.show({ v: m.view, n: m.opNumber, k: m.commitNumber })}, ${describeOp(m.entry.op)})`;
    case 'prepare-ok':
      return `PrepareOK(${f.show({ v: m.view, n: m.opNumber })})`;
    case 'commit':
      return `Commit(${f.show({ v: m.view, k: m.commitNumber })})`;
    case 'start-view-change':
      return `StartViewChange(${f.show({ v: m.view })})`;
    case 'do-view-change':
      return `DoViewChange(${f.show({ v: m.view, "v'": m.lastNormalView, n: m.opNumber, k: m.commitNumber })})`;
    case 'start-view':
      return `StartView(${f.show({ v: m.view, n: m.opNumber, k: m.commitNumber })})`;
    case 'recovery':
      return `Recovery(${f.show({ nonce: m.nonce })})`;
    case 'recovery-response':
      return m.primaryState
        ? `RecoveryResponse(${f.show({ v: m.view, nonce: m.nonce, n: m.primaryState.opNumber, k: m.primaryState.commitNumber })})`
        : `RecoveryResponse(${f.show({ v: m.view, nonce: m.nonce })})`;
    case 'get-state':
      return `GetState(${f.show({ v: m.view, n: m.opNumber })})`;
    case 'new-state':
      return `NewState(${f.show({ v: m.view, n: m.opNumber, k: m.commitNumber })})`;
    default:
      return unreachable(m);
  }
}
