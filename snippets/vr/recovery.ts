/**
 * VRR §4.3, recovery without a disk: a restarted replica has forgotten everything, so it asks the
 * others, under a fresh nonce, and becomes normal only with f + 1 answers including one from the
 * primary of the latest view they report. Until then it takes no part in the protocol.
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { installLog } from './service.ts';
import { DEFAULT_CONFIG, faultsTolerated, isPrimary, others, primaryOf, type ReplicaState, type Result, type VrConfig, type VrMessage, type VrTypes } from './types.ts';

const { send, broadcast, persist, note } = effectsFor<VrTypes>();

/** A replica with nothing in memory: view 0, empty log. `init` and `recover` both start from it. */
export function blank(id: NodeId, peers: readonly NodeId[], config: VrConfig = DEFAULT_CONFIG): ReplicaState {
  const replicas = [...peers, id].sort();
  return {
    id,
    replicas,
    config,
    view: 0,
    status: 'normal',
    lastNormalView: 0,
    log: [],
    commitNumber: 0,
    clientTable: {},
    store: {},
    timer: 0,
    acked: {},
    startViewChanges: [],
    doViewChanges: [],
    sentDoViewChange: false,
    transferView: 0,
    nonce: 0,
    recoveryResponses: [],
  };
}

/** After a crash: status recovering, and a nonce no earlier incarnation used (the paper reads a clock). */
export function recovering(id: NodeId, peers: readonly NodeId[], config: VrConfig, restarts: number): ReplicaState {
  return { ...blank(id, peers, config), status: 'recovering', nonce: restarts + 1 };
}

// #region recovery-request
/** VRR §4.3 step 1: persist the nonce counter, then send ⟨Recovery i, x⟩ to all. */
export function onRestart(state: ReplicaState): Result {
  if (state.status !== 'recovering') return { state, effects: [] };
  return { state, effects: [persist({ restarts: state.nonce }), ...askAgain(state)] };
}

export function askAgain(state: ReplicaState) {
  return broadcast(others(state), { kind: 'recovery', replica: state.id, nonce: state.nonce });
}

/** VRR §4.3 step 2: only a normal replica answers; only the primary sends its log. */
export function onRecovery(state: ReplicaState, m: Extract<VrMessage, { kind: 'recovery' }>): Result {
  if (state.status !== 'normal') return { state, effects: [] };
  const answer: VrMessage = {
    kind: 'recovery-response',
    view: state.view,
    nonce: m.nonce,
    ...(isPrimary(state) ? { primaryState: { log: state.log, opNumber: state.log.length, commitNumber: state.commitNumber } } : {}),
    replica: state.id,
  };
  return { state, effects: [send(m.replica, answer)] };
}
// #endregion

// #region recovery-response
/** VRR §4.3 step 3: f + 1 answers with our nonce, one from the latest view's primary: copy its state. */
export function onRecoveryResponse(state: ReplicaState, m: Extract<VrMessage, { kind: 'recovery-response' }>): Result {
  if (state.status !== 'recovering' || m.nonce !== state.nonce) return { state, effects: [] }; // an older attempt's answer
  const recoveryResponses = [...state.recoveryResponses.filter((r) => r.replica !== m.replica), m];
  const next = { ...state, recoveryResponses };
  // Broken variant 'one': a single answer is taken as enough.
  const needed = state.config.recoveryQuorum === 'f+1' ? faultsTolerated(state) + 1 : 1;
  if (recoveryResponses.length < needed) return { state: next, effects: [] };
  const primary = primaryToCopy(state, recoveryResponses);
  if (primary?.primaryState === undefined) return { state: next, effects: [] };
  const latest = primary.view;
  const { log, commitNumber } = primary.primaryState;
  const installed = installLog({ ...next, view: latest }, log, commitNumber).state;
  const normal: ReplicaState = { ...installed, status: 'normal', lastNormalView: latest, timer: 0, recoveryResponses: [] };
  return { state: normal, effects: [note(`recovered in view ${latest}, op-number ${log.length}`)] };
}
// #endregion

/**
 * The answer whose state a recovering replica copies: the primary of the latest view any answer
 * reports (§4.3 step 3), or, in the broken variant 'any-primary', whichever primary answered first.
 */
function primaryToCopy(state: ReplicaState, responses: ReplicaState['recoveryResponses']) {
  if (state.config.recoverFrom === 'any-primary') return responses.find((r) => r.primaryState !== undefined);
  const latest = Math.max(...responses.map((r) => r.view));
  return responses.find((r) => r.view === latest && r.replica === primaryOf(state.replicas, latest));
}
