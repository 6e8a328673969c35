/**
 * VRR §4.1, normal operation: the primary orders requests with Prepare, backups answer PrepareOK in
 * op-number order, and an operation commits once f backups have prepared it.
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { executeUpTo, recordPrepared } from './service.ts';
import { behind } from './state-transfer.ts';
import { faultsTolerated, isPrimary, opNumber, others, primaryOf, type Entry, type ReplicaState, type Result, type VrMessage, type VrRequest, type VrTypes } from './types.ts';

const { send, broadcast, reply } = effectsFor<VrTypes>();

// #region request
/** VRR §4.1 steps 1–3: the primary checks the client table, then appends and sends Prepare. */
export function onRequest(state: ReplicaState, requestId: number, request: VrRequest): Result {
  if (state.status !== 'normal' || !isPrimary(state)) return { state, effects: [] }; // only the primary of a normal view
  const record = state.clientTable[request.client];
  if (record !== undefined && request.requestNumber < record.requestNumber) return { state, effects: [] };
  if (record !== undefined && request.requestNumber === record.requestNumber) {
    // A retry: resend the saved reply if it ran; otherwise answer this call when it commits.
    if (record.result !== undefined) {
      return { state, effects: [reply(request.client, requestId, { view: state.view, requestNumber: record.requestNumber, result: record.result })] };
    }
    return { state: { ...state, clientTable: { ...state.clientTable, [request.client]: { ...record, requestId } } }, effects: [] };
  }
  const entry: Entry = { client: request.client, requestNumber: request.requestNumber, op: request.op, requestId };
  const log = [...state.log, entry];
  const next = recordPrepared({ ...state, log, timer: 0 }, entry);
  const prepare: VrMessage = { kind: 'prepare', view: state.view, entry, opNumber: log.length, commitNumber: state.commitNumber };
  return { state: next, effects: broadcast(others(state), prepare) };
}
// #endregion

// #region prepare
/** VRR §4.1 step 4: a backup takes Prepares strictly in order; a gap means state transfer (§5.2). */
export function onPrepare(state: ReplicaState, from: NodeId, m: Extract<VrMessage, { kind: 'prepare' }>): Result {
  if (m.view < state.view) return { state, effects: [] };
  if (m.view > state.view || state.status !== 'normal') return behind(state, m.view);
  const alive = { ...state, timer: 0 };
  if (m.opNumber > opNumber(state) + 1) return behind(alive, m.view); // missed a Prepare: fetch the gap
  let next: ReplicaState = alive;
  if (m.opNumber === opNumber(state) + 1) next = recordPrepared({ ...alive, log: [...state.log, m.entry] }, m.entry);
  const ok: VrMessage = { kind: 'prepare-ok', view: state.view, opNumber: opNumber(next), replica: state.id };
  const executed = executeUpTo(next, m.commitNumber); // step 7: the piggybacked commit-number
  return { state: executed.state, effects: [send(from, ok), ...executed.effects] };
}
// #endregion

// #region prepare-ok
/** VRR §4.1 step 5: op n commits once f backups have PrepareOK'd n or later (f + 1 copies with the primary's). */
export function onPrepareOk(state: ReplicaState, m: Extract<VrMessage, { kind: 'prepare-ok' }>): Result {
  if (m.view !== state.view || state.status !== 'normal' || !isPrimary(state)) return { state, effects: [] };
  const acked = { ...state.acked, [m.replica]: Math.max(state.acked[m.replica] ?? 0, m.opNumber) };
  const counts = Object.values(acked).sort((a, b) => b - a);
  const committable = Math.min(counts[faultsTolerated(state) - 1] ?? 0, opNumber(state));
  return executeUpTo({ ...state, acked }, Math.max(state.commitNumber, committable));
}
// #endregion

/** VRR §4.1 step 6: an idle primary tells backups the commit-number with a Commit message. */
export function onCommit(state: ReplicaState, m: Extract<VrMessage, { kind: 'commit' }>): Result {
  if (m.view < state.view) return { state, effects: [] };
  if (m.view > state.view || state.status !== 'normal') return behind(state, m.view);
  const alive = { ...state, timer: 0 };
  if (m.commitNumber > opNumber(state)) return behind(alive, m.view);
  return executeUpTo(alive, m.commitNumber);
}

/**
 * The primary's timer: when idle for `heartbeat` ticks it sends Commit (§4.1 step 6); while entries
 * wait for PrepareOKs it sends their Prepares again, since the network may have lost them.
 */
export function primaryTick(state: ReplicaState): Result {
  const timer = state.timer + 1;
  if (timer < state.config.heartbeat) return { state: { ...state, timer }, effects: [] };
  const next = { ...state, timer: 0 };
  if (state.commitNumber === opNumber(state)) {
    return { state: next, effects: broadcast(others(state), { kind: 'commit', view: state.view, commitNumber: state.commitNumber }) };
  }
  const effects = [];
  for (let n = state.commitNumber + 1; n <= opNumber(state); n++) {
    effects.push(...broadcast(others(state), { kind: 'prepare', view: state.view, entry: state.log[n - 1]!, opNumber: n, commitNumber: state.commitNumber }));
  }
  return { state: next, effects };
}

export { primaryOf };
