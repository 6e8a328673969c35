/**
 * VRR §4.2, view changes: backups that stop hearing from the primary move to the next view; f + 1
 * replicas agree to it (StartViewChange), send their logs to the new primary (DoViewChange), and the
 * new primary picks the log to keep and starts the view (StartView).
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { executeUpTo, installLog } from './service.ts';
import { faultsTolerated, isPrimary, opNumber, others, primaryOf, type DoViewChange, type Entry, type ReplicaState, type Result, type VrMessage, type VrTypes } from './types.ts';

const { send, broadcast, note } = effectsFor<VrTypes>();

// #region start-view-change
/** VRR §4.2 step 1: move to view v, stop normal processing, and tell everyone. */
export function startViewChange(state: ReplicaState, view: number): Result {
  const next: ReplicaState = {
    ...state,
    view,
    status: 'view-change',
    timer: 0,
    acked: {},
    startViewChanges: [],
    doViewChanges: [],
    sentDoViewChange: false,
  };
  const effects = broadcast(others(state), { kind: 'start-view-change', view, replica: state.id });
  if (state.config.startViewChangeRound) return { state: next, effects };
  // Broken variant: no StartViewChange round; the log goes to the new primary at once (see §8.2).
  const sent = sendDoViewChange(next);
  return { state: sent.state, effects: [...effects, ...sent.effects] };
}
// #endregion

// #region wait-for-f

/** VRR §4.2 step 2: with StartViewChange from f others, send DoViewChange to the new primary. */
export function onStartViewChange(state: ReplicaState, m: Extract<VrMessage, { kind: 'start-view-change' }>): Result {
  if (m.view < state.view || (m.view === state.view && state.status === 'normal')) return { state, effects: [] };
  const moved = m.view > state.view ? startViewChange(state, m.view) : { state, effects: [] };
  const s = moved.state;
  const startViewChanges = s.startViewChanges.includes(m.replica) ? s.startViewChanges : [...s.startViewChanges, m.replica];
  const counted = { ...s, startViewChanges };
  if (counted.sentDoViewChange || startViewChanges.length < faultsTolerated(s)) return { state: counted, effects: moved.effects };
  const done = sendDoViewChange(counted);
  return { state: done.state, effects: [...moved.effects, ...done.effects] };
}
// #endregion

function sendDoViewChange(state: ReplicaState): Result {
  const dvc: DoViewChange = {
    kind: 'do-view-change',
    view: state.view,
    log: state.log,
    lastNormalView: state.lastNormalView,
    opNumber: opNumber(state),
    commitNumber: state.commitNumber,
    replica: state.id,
  };
  const sent = { ...state, sentDoViewChange: true };
  const newPrimary = primaryOf(state.replicas, state.view);
  if (newPrimary === state.id) return onDoViewChange(sent, dvc); // its own message counts
  return { state: sent, effects: [send(newPrimary, dvc)] };
}

/** A DoViewChange for a later view also starts that view change (§4.2 step 1). */
export function onDoViewChange(state: ReplicaState, m: DoViewChange): Result {
  if (m.view < state.view || (m.view === state.view && state.status === 'normal')) return { state, effects: [] };
  const moved = m.view > state.view ? startViewChange(state, m.view) : { state, effects: [] };
  const s = moved.state;
  const doViewChanges = [...s.doViewChanges.filter((d) => d.replica !== m.replica), m];
  const counted = { ...s, doViewChanges };
  const own = doViewChanges.some((d) => d.replica === s.id);
  if (primaryOf(s.replicas, s.view) !== s.id || !own || doViewChanges.length < faultsTolerated(s) + 1) {
    return { state: counted, effects: moved.effects };
  }
  const started = startView(counted);
  return { state: started.state, effects: [...moved.effects, ...started.effects] };
}

// #region choose-log
/** VRR §4.2 step 3: the log from the largest last-normal view v′, ties broken by the largest op-number. */
export function chooseLog(received: readonly DoViewChange[]): DoViewChange {
  return received.reduce((best, m) =>
    m.lastNormalView > best.lastNormalView || (m.lastNormalView === best.lastNormalView && m.opNumber > best.opNumber) ? m : best,
  );
}
// #endregion

// #region start-view
/** VRR §4.2 steps 3–4: the new primary installs the chosen log, takes the largest k, and sends StartView. */
function startView(state: ReplicaState): Result {
  const own = state.doViewChanges.find((d) => d.replica === state.id)!;
  // Broken variant (a): keep its own log, whatever the others sent.
  const chosen: { log: readonly Entry[] } = state.config.logChoice === 'rule' ? chooseLog(state.doViewChanges) : own;
  // Slower variant: the new primary's own commit-number, so what others knew committed waits for a new round of PrepareOKs.
  const commitNumber = state.config.newPrimaryCommit === 'largest' ? Math.max(...state.doViewChanges.map((d) => d.commitNumber)) : own.commitNumber;
  const installed = installLog(state, chosen.log, Math.min(state.commitNumber, chosen.log.length)).state;
  const normal: ReplicaState = { ...installed, status: 'normal', lastNormalView: state.view, timer: 0, acked: {}, doViewChanges: [], startViewChanges: [] };
  const executed = executeUpTo(normal, commitNumber); // step 4: execute and reply for what is committed
  const message: VrMessage = { kind: 'start-view', view: state.view, log: chosen.log, opNumber: chosen.log.length, commitNumber: executed.state.commitNumber };
  return {
    state: executed.state,
    effects: [note(`primary of view ${state.view}, op-number ${chosen.log.length}`), ...broadcast(others(state), message), ...executed.effects],
  };
}
// #endregion

/** VRR §4.2 step 5: install the new primary's log, become normal, and PrepareOK what is uncommitted. */
export function onStartView(state: ReplicaState, from: NodeId, m: Extract<VrMessage, { kind: 'start-view' }>): Result {
  if (m.view < state.view || (m.view === state.view && state.status === 'normal')) return { state, effects: [] };
  const keep = Math.min(state.commitNumber, m.log.length);
  const installed = installLog(state, m.log, keep).state;
  const normal: ReplicaState = {
    ...installed,
    view: m.view,
    status: 'normal',
    lastNormalView: m.view,
    timer: 0,
    acked: {},
    startViewChanges: [],
    doViewChanges: [],
    sentDoViewChange: false,
  };
  const executed = executeUpTo(normal, m.commitNumber);
  const effects = [...executed.effects];
  // Slower variant: no PrepareOK here; the entries then commit only when the primary resends their Prepares.
  if (m.opNumber > m.commitNumber && state.config.prepareOkAfterStartView) effects.push(send(from, { kind: 'prepare-ok', view: m.view, opNumber: m.opNumber, replica: state.id }));
  return { state: executed.state, effects };
}

export { isPrimary };
