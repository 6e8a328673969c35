/**
 * VRR §5.2, state transfer: a replica that missed Prepares, or learns of a later view, fetches what it
 * lacks with GetState from the primary and installs the NewState answer.
 *
 * The paper's second case, a replica that "has heard about a later view", is worded as: cut the log
 * back to the commit-number, then ask with GetState carrying the new view-number. Read literally, the
 * replica is then normal in the new view, so its v′ names that view, with a log shorter than the one
 * the view started with. Jack Vanlightly's TLA+ analysis of VR Revisited (2022) found that this loses
 * committed operations: a backup's commit-number can be stale, so the cut can leave a committed entry
 * on fewer than f + 1 replicas, and in the next view change the cut log wins on its larger v′. His
 * specification's fix, which the model follows, is a separate state-transfer status: the old view, v′
 * and log stay as they were until NewState arrives, and then the replica truncates and installs in one
 * step. The paper-literal behaviour stays as the broken variant `stateTransfer: 'claim-view-at-once'`.
 */
import { effectsFor, type Effect } from '../sim/index.ts';
import { executeUpTo, installLog } from './service.ts';
import { opNumber, primaryOf, type ReplicaState, type Result, type VrMessage, type VrTypes } from './types.ts';

const { send, note } = effectsFor<VrTypes>();
type NewState = Extract<VrMessage, { kind: 'new-state' }>;

/** Leaves a view change or a transfer with nothing of it pending: no acks, no StartViewChange or DoViewChange counted. */
const cleared = { acked: {}, startViewChanges: [], doViewChanges: [], sentDoViewChange: false } as const;

// #region behind
/**
 * A Prepare or Commit from view v shows this replica is behind. In its own view it only lacks the
 * entries after its op-number. From a later view (or while it is still changing to v) the entries
 * after its commit-number may have been replaced, so it asks for everything after the commit-number;
 * it keeps its view, v′ and log until the answer arrives (status 'state-transfer').
 */
export function behind(state: ReplicaState, view: number): Result {
  if (view === state.view && state.status === 'normal') {
    return { state, effects: [getState(state, view, opNumber(state))] };
  }
  if (state.config.stateTransfer === 'claim-view-at-once') return claimViewAtOnce(state, view);
  const transfer = state.status === 'state-transfer';
  const target = transfer ? Math.max(view, state.transferView) : view;
  const waiting: ReplicaState = {
    ...state, status: 'state-transfer', transferView: target, timer: 0, ...cleared,
  };
  const effects: Effect<VrTypes>[] = [getState(state, target, state.commitNumber)];
  if (!transfer) {
    const v = state.lastNormalView;
    effects.unshift(note(`state transfer to view ${target}: keeps v' = ${v}, op-number ${opNumber(state)} until NewState`));
  }
  return { state: waiting, effects };
}
// #endregion

// #region claim-view-at-once
/**
 * Broken variant, §5.2 as worded: cut the log to the commit-number and carry on as a normal replica of
 * view v at once. Its v′ is now v, with a log that may lack committed entries v started with.
 */
function claimViewAtOnce(state: ReplicaState, view: number): Result {
  const cut = installLog(state, state.log.slice(0, state.commitNumber), state.commitNumber).state;
  const next: ReplicaState = { ...cut, view, status: 'normal', lastNormalView: view, timer: 0, ...cleared };
  return { state: next, effects: [note(`normal in view ${view} at once: log cut to op-number ${opNumber(next)}, v' = ${view}`), getState(next, view, opNumber(next))] };
}
// #endregion

const getState = (state: ReplicaState, view: number, after: number) =>
  send(primaryOf(state.replicas, view), { kind: 'get-state', view, opNumber: after, replica: state.id });

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

/** Installs a NewState answer: appended in the replica's own view, or, after a later view, in place of everything past the commit-number. */
export function onNewState(state: ReplicaState, m: NewState): Result {
  if (state.status === 'state-transfer') return installTransfer(state, m);
  if (state.status !== 'normal' || m.view !== state.view || m.after !== opNumber(state) || m.opNumber <= opNumber(state)) {
    return { state, effects: [] };
  }
  return acknowledge(installLog({ ...state, timer: 0 }, [...state.log, ...m.entries], state.commitNumber).state, m.commitNumber);
}

// #region install-transfer
/**
 * The one step that ends a transfer from a later view: drop the entries after the commit-number, take
 * the new view's entries in their place, and only now become normal in that view, with v′ = v.
 */
function installTransfer(state: ReplicaState, m: NewState): Result {
  // An answer to an older request: another view, or after another op-number.
  if (m.view !== state.transferView || m.after !== state.commitNumber) return { state, effects: [] };
  const log = [...state.log.slice(0, m.after), ...m.entries];
  const normal: ReplicaState = {
    ...state, view: m.view, status: 'normal', lastNormalView: m.view, timer: 0, ...cleared,
  };
  return acknowledge(installLog(normal, log, state.commitNumber).state, m.commitNumber);
}
// #endregion

/** Executes what the answer says is committed and tells the primary what this replica now holds. */
function acknowledge(state: ReplicaState, commitNumber: number): Result {
  const executed = executeUpTo(state, commitNumber);
  const ok: VrMessage = { kind: 'prepare-ok', view: state.view, opNumber: opNumber(state), replica: state.id };
  return { state: executed.state, effects: [send(primaryOf(state.replicas, state.view), ok), ...executed.effects] };
}
