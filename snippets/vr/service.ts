/**
 * The service a VR group replicates and the client table in front of it (VRR §4, §4.1). Executing an
 * operation is the up-call; the client table remembers each client's latest request-number and result,
 * so a retried request is answered from the table instead of executing twice.
 */
import { effectsFor, type Effect } from '../sim/index.ts';
import type { ClientRecord, Entry, OpResult, Operation, ReplicaState, Result, VrTypes } from './types.ts';
import { isPrimary } from './types.ts';

const { reply } = effectsFor<VrTypes>();

export function apply(store: Readonly<Record<string, number>>, op: Operation): { store: Readonly<Record<string, number>>; result: OpResult } {
  if (op.f === 'get') return { store, result: store[op.key] ?? null };
  return { store: { ...store, [op.key]: op.value }, result: null };
}

// #region execute
/**
 * VRR §4.1 steps 5 and 7: execute, in op-number order, every committed operation not yet executed,
 * record its result in the client table; the primary also replies to the client.
 */
export function executeUpTo(state: ReplicaState, commitNumber: number, replies = isPrimary(state)): Result {
  let { store, clientTable } = state;
  const effects: Effect<VrTypes>[] = [];
  const from = state.commitNumber;
  const upTo = Math.min(commitNumber, state.log.length);
  for (let n = from + 1; n <= upTo; n++) {
    const entry = state.log[n - 1]!;
    const applied = apply(store, entry.op);
    store = applied.store;
    const record = clientTable[entry.client];
    const requestId = record?.requestNumber === entry.requestNumber ? record.requestId : entry.requestId;
    if (record === undefined || record.requestNumber <= entry.requestNumber) {
      clientTable = { ...clientTable, [entry.client]: { requestNumber: entry.requestNumber, result: applied.result, requestId } };
    }
    if (replies) effects.push(reply(entry.client, requestId, { view: state.view, requestNumber: entry.requestNumber, result: applied.result }));
  }
  return { state: { ...state, store, clientTable, commitNumber: Math.max(state.commitNumber, upTo) }, effects };
}
// #endregion

/**
 * A replica that installs a log from elsewhere (StartView, NewState, recovery) rebuilds the service and
 * the client table from it: the committed prefix executed, later entries recorded as in progress
 * (VRR §4.2: backups keep the table current from the Prepares, so a new primary has it too).
 */
export function installLog(state: ReplicaState, log: readonly Entry[], commitNumber: number): Result {
  let clientTable: Record<string, ClientRecord> = {};
  const fresh: ReplicaState = { ...state, log, commitNumber: 0, store: {}, clientTable };
  const executed = executeUpTo(fresh, commitNumber, false).state;
  clientTable = { ...executed.clientTable };
  for (const entry of log.slice(commitNumber)) clientTable[entry.client] = { requestNumber: entry.requestNumber, requestId: entry.requestId };
  return { state: { ...executed, clientTable }, effects: [] };
}

/** Records a prepared (not yet executed) entry in the client table (VRR §4.1 steps 3 and 4). */
export function recordPrepared(state: ReplicaState, entry: Entry): ReplicaState {
  const record = state.clientTable[entry.client];
  if (record !== undefined && record.requestNumber >= entry.requestNumber) return state;
  return { ...state, clientTable: { ...state.clientTable, [entry.client]: { requestNumber: entry.requestNumber, requestId: entry.requestId } } };
}

/** True when the entry's client request is already in the log (at-most-once, for the invariants). */
export const requestKey = (e: Entry): string => `${e.client}#${e.requestNumber}`;
