/**
 * The configuration store: one versioned register holding the current epoch's configuration, written
 * only with compare-and-set on the epoch. It is the one place the design keeps fault-tolerant
 * consensus (Vertical Paxos's configuration master; Delos's MetaStore, snippets/delos/metastore.ts, is
 * the same shape). Here it is one durable node that never loses what it wrote; a real one runs on
 * Paxos or Raft over 2f + 1 nodes of its own.
 */
import { effectsFor, type Effect, type NodeId } from '../sim/index.ts';
import type { Configuration, SteadyMessage } from './types.ts';
import type { SteadyTypes } from './model.ts';

export interface StoreState {
  readonly role: 'store';
  readonly current: Configuration;
  /** Ghost, for the checkers only: every configuration ever installed, oldest first. */
  readonly installed: readonly Configuration[];
}

const { send, persist } = effectsFor<SteadyTypes>();

export const newStore = (initial: Configuration): StoreState => ({ role: 'store', current: initial, installed: [initial] });

// #region compare-and-set
/** Install `next` only if the current epoch is still `expected`; a resent write that already won is told so again. */
export function onStoreMessage(state: StoreState, from: NodeId, message: SteadyMessage): { state: StoreState; effects: Effect<SteadyTypes>[] } {
  if (message.kind === 'read-config') return { state, effects: [send(from, { kind: 'config', op: message.op, configuration: state.current })] };
  if (message.kind !== 'cas') return { state, effects: [] };
  const { current } = state;
  if (current.epoch !== message.expected) {
    const again = current.writer === message.op && current.epoch === message.expected + 1;
    return { state, effects: [send(from, { kind: 'config', op: message.op, configuration: current, won: again })] };
  }
  const next: StoreState = { ...state, current: message.next, installed: [...state.installed, message.next] };
  return { state: next, effects: [persist(next), send(from, { kind: 'config', op: message.op, configuration: message.next, won: true })] };
}
// #endregion
