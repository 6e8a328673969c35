/** The replica side of Dynamo: store versions, answer reads, keep hints, take handoffs (§4.4–§4.7). */
import { effectsFor, unreachable, type Effect, type NodeId } from '../sim/index.ts';
import type { DynamoMessage, DynamoTypes, Hint, NodeState } from './types.ts';
import { reconcile, sameDot, sameSiblings, type Version } from './versions.ts';

export type Result = { state: NodeState; effects: Effect<DynamoTypes>[] };
const { send, persist } = effectsFor<DynamoTypes>();

export const durableOf = (s: NodeState) => ({ store: s.store, hints: s.hints, issued: s.issued, boot: s.boot });

/** Reconciles incoming versions into the store; persists only if something changed. */
export function storeVersions(state: NodeState, key: string, incoming: readonly Version[]): Result {
  const held = state.store[key] ?? [];
  const next = reconcile(held, incoming);
  if (sameSiblings(held, next)) return { state, effects: [] };
  const updated = { ...state, store: { ...state.store, [key]: next } };
  return { state: updated, effects: [persist(durableOf(updated))] };
}

// #region hinted-store
/**
 * §4.6: a fallback keeps a replica meant for an unreachable home node in a separate hinted database,
 * with the home's name. Broken variant (`hintedHandoff: false`): it files the replica as its own,
 * with no record of the owner, so nobody will ever give it back.
 */
function storeReplica(state: NodeState, key: string, version: Version, hint: NodeId | null): Result {
  if (hint === null || !state.config.hintedHandoff) return storeVersions(state, key, [version]);
  if (state.hints.some((h) => h.key === key && sameDot(h.version.dot, version.dot))) return { state, effects: [] };
  const updated = { ...state, hints: [...state.hints, { home: hint, key, version }] };
  return { state: updated, effects: [persist(durableOf(updated))] };
}
// #endregion

/** What this node holds for a key, its own replicas and hinted ones (a fallback serves reads too). */
export function held(state: NodeState, key: string): Version[] {
  const hinted = state.hints.filter((h) => h.key === key).map((h) => h.version);
  return reconcile(state.store[key] ?? [], hinted);
}

/** Handles a message addressed to the replica role; coordinator replies are not its business. */
export function onReplicaMessage(state: NodeState, from: NodeId, message: DynamoMessage): Result {
  switch (message.kind) {
    case 'replicate': {
      // Durable before the ack leaves: an acknowledged replica survives a crash.
      const stored = storeReplica(state, message.key, message.version, message.hint);
      return { state: stored.state, effects: [...stored.effects, send(from, { kind: 'replicate-ack', op: message.op })] };
    }
    case 'read':
      return { state, effects: [send(from, { kind: 'read-reply', op: message.op, versions: held(state, message.key) })] };
    case 'repair':
      return storeVersions(state, message.key, message.versions);
    case 'handoff':
      return acceptHandoff(state, from, message.replicas);
    case 'handoff-ack':
      return dropDelivered(state, from, message.replicas);
    case 'replicate-ack':
    case 'read-reply':
      return { state, effects: [] };
    default:
      return unreachable(message);
  }
}

// #region handoff
/** §4.6: the home node takes back its replicas and says which it now stores. */
function acceptHandoff(state: NodeState, from: NodeId, replicas: readonly { key: string; version: Version }[]): Result {
  let next = state;
  for (const { key, version } of replicas) next = storeVersions(next, key, [version]).state;
  // Stored durably before the ack: the fallback deletes its copy only once this one is safe.
  const saved = next === state ? [] : [persist(durableOf(next))];
  const ack = send(from, { kind: 'handoff-ack', replicas: replicas.map(({ key, version }) => ({ key, dot: version.dot })) });
  return { state: next, effects: [...saved, ack] };
}

/** §4.6: "once the transfer succeeds" the fallback may delete its hinted copy. */
function dropDelivered(state: NodeState, from: NodeId, replicas: readonly { key: string; dot: Version['dot'] }[]): Result {
  const delivered = (h: Hint) => h.home === from && replicas.some((r) => r.key === h.key && sameDot(r.dot, h.version.dot));
  if (!state.hints.some(delivered)) return { state, effects: [] };
  const updated = { ...state, hints: state.hints.filter((h) => !delivered(h)) };
  return { state: updated, effects: [persist(durableOf(updated))] };
}
// #endregion

// #region handoff-scan
/** Every `handoffEveryTicks`, offer each reachable-or-not home node what is held for it; retried until acked. */
export function scanHints(state: NodeState): Result {
  if (state.hints.length === 0 || state.now % state.config.handoffEveryTicks !== 0) return { state, effects: [] };
  const homes = [...new Set(state.hints.map((h) => h.home))];
  const effects = homes.map((home) =>
    send(home, { kind: 'handoff', replicas: state.hints.filter((h) => h.home === home).map(({ key, version }) => ({ key, version })) }),
  );
  return { state, effects };
}
// #endregion
