/**
 * The simple Loglet: one node orders, stores and acknowledges every append, and keeps a seal bit per
 * Loglet (a stand-in for the ZKLoglet of §4.2, whose single ZooKeeper node does the same). It is not
 * fault-tolerant at all: while its node is down, appends, seals and tail checks wait. That is allowed
 * for appends (§3.4); in this model the node is durable, so the seal comes back with it.
 */
import { effectsFor, unreachable, type Effect, type NodeId } from '../sim/index.ts';
import type { Entry, LogletMessage } from './types.ts';
import type { DelosTypes } from './model.ts';

export interface SimpleLoglet {
  readonly entries: readonly Entry[];
  readonly sealed: boolean;
}

export interface SimpleState {
  readonly role: 'simple';
  readonly loglets: Readonly<Record<number, SimpleLoglet>>;
}

const EMPTY: SimpleLoglet = { entries: [], sealed: false };
const { send, persist } = effectsFor<DelosTypes>();
type Result = { state: SimpleState; effects: Effect<DelosTypes>[] };

function withLoglet(state: SimpleState, id: number, loglet: SimpleLoglet): Result {
  const next: SimpleState = { ...state, loglets: { ...state.loglets, [id]: loglet } };
  return { state: next, effects: [persist(next)] };
}

// #region simple-append
/** §3.1 append: a resent append answers with the position it already got; a sealed Loglet refuses new ones. */
function append(state: SimpleState, from: NodeId, loglet: number, op: string, value: number): Result {
  const current = state.loglets[loglet] ?? EMPTY;
  const known = current.entries.findIndex((e) => e.op === op);
  if (known >= 0) return { state, effects: [send(from, { kind: 'appended', loglet, op, pos: known })] };
  if (current.sealed) return { state, effects: [send(from, { kind: 'append-failed', loglet, op, why: 'sealed' })] };
  const pos = current.entries.length;
  const stored = withLoglet(state, loglet, { ...current, entries: [...current.entries, { value, op }] });
  return { state: stored.state, effects: [...stored.effects, send(from, { kind: 'appended', loglet, op, pos })] };
}
// #endregion

export function onSimpleMessage(state: SimpleState, from: NodeId, message: LogletMessage): Result {
  const current = state.loglets[message.loglet] ?? EMPTY;
  switch (message.kind) {
    case 'append':
      return append(state, from, message.loglet, message.op, message.value);
    case 'check-tail': {
      const reply = { kind: 'tail', loglet: message.loglet, op: message.op, tail: current.entries.length, sealed: current.sealed } as const;
      return { state, effects: [send(from, reply)] };
    }
    case 'seal': {
      // §3.4: the seal bit is sticky and on disk before the acknowledgement leaves.
      const sealed = current.sealed ? { state, effects: [] } : withLoglet(state, message.loglet, { ...current, sealed: true });
      return { state: sealed.state, effects: [...sealed.effects, send(from, { kind: 'seal-ok', loglet: message.loglet, op: message.op })] };
    }
    case 'read-next': {
      const values = current.entries.slice(message.from, message.to).map((e) => e.value);
      return { state, effects: [send(from, { kind: 'entries', loglet: message.loglet, op: message.op, from: message.from, values })] };
    }
    case 'appended':
    case 'append-failed':
    case 'tail':
    case 'tail-unavailable':
    case 'seal-ok':
    case 'entries':
    case 'store':
    case 'stored':
    case 'store-refused':
      return { state, effects: [] }; // not addressed to a simple Loglet
    default:
      return unreachable(message);
  }
}
