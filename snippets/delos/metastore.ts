/**
 * The MetaStore (§3.2, §4.1): one versioned register holding the chain. A read returns the chain and
 * its version; a write names the version it replaces and fails if someone wrote first. This
 * conditional write is the only consensus the design keeps, so of two racing reconfigurations of
 * one version exactly one wins. (Delos runs it on Paxos; here it is one durable node.)
 */
import { effectsFor, type Effect, type NodeId } from '../sim/index.ts';
import type { Chain, MetaMessage, Register } from './types.ts';
import type { DelosTypes } from './model.ts';

export interface MetaState {
  readonly role: 'metastore';
  readonly register: Register;
  /** Ghost, for the checkers only: every op that tried to replace each version. */
  readonly attempts: Readonly<Record<number, readonly string[]>>;
}

export const INITIAL_CHAIN: Chain = [{ start: 0, loglet: 0, kind: 'simple' }];
export const INITIAL_REGISTER: Register = { version: 1, chain: INITIAL_CHAIN, writer: 'init' };

const { send, persist } = effectsFor<DelosTypes>();

// #region conditional-write
/** §3.2: write the chain only if the version is still `expected`. A resent write that already won is told so again. */
export function onMetaMessage(state: MetaState, from: NodeId, message: MetaMessage): { state: MetaState; effects: Effect<DelosTypes>[] } {
  if (message.kind === 'meta-read') return { state, effects: [send(from, { kind: 'meta', op: message.op, register: state.register })] };
  if (message.kind !== 'meta-write') return { state, effects: [] };
  const { register } = state;
  const tried = state.attempts[message.expected] ?? [];
  const attempts = tried.includes(message.op) ? state.attempts : { ...state.attempts, [message.expected]: [...tried, message.op] };
  const alreadyWon = register.writer === message.op && register.version === message.expected + 1;
  if (register.version !== message.expected) {
    const next = { ...state, attempts };
    return { state: next, effects: [persist(next), send(from, { kind: 'meta', op: message.op, register, won: alreadyWon })] };
  }
  const installed: Register = { version: register.version + 1, chain: message.chain, writer: message.op };
  const next: MetaState = { ...state, register: installed, attempts };
  return { state: next, effects: [persist(next), send(from, { kind: 'meta', op: message.op, register: installed, won: true })] };
}
// #endregion
