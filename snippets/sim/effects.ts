/**
 * Builders for a model's effects, typed by the model so message literals are checked where they are
 * written: `const { send, persist } = effectsFor<Echo>()`, then
 * `return { state, effects: [persist(log), ...broadcast(peers, prepare)] }`.
 */
import type { ClientId, Effect, ModelTypes, NodeId } from './types.ts';

export interface EffectBuilders<T extends ModelTypes> {
  send(to: NodeId, message: T['message']): Effect<T>;
  /** One send per peer, in the peers' order. */
  broadcast(peers: readonly NodeId[], message: T['message']): Effect<T>[];
  reply(client: ClientId, requestId: number, response: T['response']): Effect<T>;
  /** Replaces the node's durable state: `recover` gets exactly the last value persisted. */
  persist(durable: T['durable']): Effect<T>;
  /** A line in the trace and a `Note over` in diagrams (`became primary of view 5`); changes nothing. */
  note(text: string): Effect<T>;
}

export function effectsFor<T extends ModelTypes>(): EffectBuilders<T> {
  const send = (to: NodeId, message: T['message']): Effect<T> => ({ kind: 'send', to, message });
  return {
    send,
    broadcast: (peers, message) => peers.map((to) => send(to, message)),
    reply: (client, requestId, response) => ({ kind: 'reply', client, requestId, response }),
    persist: (durable) => ({ kind: 'persist', durable }),
    note: (text) => ({ kind: 'note', text }),
  };
}
