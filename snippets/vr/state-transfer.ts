/**
 * VRR §5.2, state transfer: a replica that missed Prepares, or learns of a later view, fetches what it
 * lacks with GetState from the primary and installs the NewState answer.
 */
import { effectsFor } from '../sim/index.ts';
import { executeUpTo, installLog } from './service.ts';
import { opNumber, primaryOf, type ReplicaState, type Result, type VrMessage, type VrTypes } from './types.ts';

const { send } = effectsFor<VrTypes>();

// #region behind
/**
 * A message from view v shows this replica is behind. In a later view it first cuts its log back to
 * the commit-number, since uncommitted entries may have been replaced there (§5.2), then asks v's primary.
 */
export function behind(state: ReplicaState, view: number): Result {
  let next: ReplicaState = state;
  if (view > state.view || state.status !== 'normal') {
    const cut = installLog(state, state.log.slice(0, state.commitNumber), state.commitNumber).state;
    next = { ...cut, view, status: 'normal', lastNormalView: view, timer: 0, acked: {}, startViewChanges: [], doViewChanges: [], sentDoViewChange: false };
  }
  const ask: VrMessage = { kind: 'get-state', view, opNumber: opNumber(next), replica: state.id };
  return { state: next, effects: [send(primaryOf(state.replicas, view), ask)] };
}
// #endregion

/** A normal replica of the same view answers with its log after n′. */
export function onGetState(state: ReplicaState, m: Extract<VrMessage, { kind: 'get-state' }>): Result {
  if (state.status !== 'normal' || m.view !== state.view || m.opNumber > opNumber(state)) return { state, effects: [] };
  const answer: VrMessage = {
    kind: 'new-state',
    view: state.view,
    after: m.opNumber,
    entries: state.log.slice(m.opNumber),
    opNumber: opNumber(state),
    commitNumber: state.commitNumber,
  };
  return { state, effects: [send(m.replica, answer)] };
}

/** Appends the fetched entries if they still fit this replica's log, executes what is committed, and acknowledges. */
export function onNewState(state: ReplicaState, m: Extract<VrMessage, { kind: 'new-state' }>): Result {
  if (state.status !== 'normal' || m.view !== state.view || m.after !== opNumber(state) || m.opNumber <= opNumber(state)) {
    return { state, effects: [] };
  }
  const log = [...state.log, ...m.entries];
  const installed = installLog(state, log, state.commitNumber).state;
  const executed = executeUpTo({ ...installed, timer: 0 }, m.commitNumber);
  const ok: VrMessage = { kind: 'prepare-ok', view: state.view, opNumber: log.length, replica: state.id };
  return { state: executed.state, effects: [send(primaryOf(state.replicas, state.view), ok), ...executed.effects] };
}
