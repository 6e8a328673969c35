/**
 * The metadata store (ZooKeeper in BookKeeper and Pulsar): versioned keys written with compare-and-set.
 * Ledger metadata lives at `L<id>`, Pulsar's managed ledger (the topic's list of ledgers) at
 * `managed`. The CAS is the only agreement the protocol needs: one recovery's close wins, a writer's
 * ensemble change fails once recovery has started, and one broker's new ledger joins the list.
 * (ZooKeeper runs Zab over a quorum; here it is one durable node, as Delos's MetaStore is.)
 */
import { effectsFor, type Effect, type NodeId } from '../sim/index.ts';
import type { BkTypes } from './model.ts';
import type { StoredValue, StoreMessage } from './types.ts';

export interface StoreState {
  readonly role: 'store';
  readonly keys: Readonly<Record<string, { readonly version: number; readonly value: StoredValue; readonly writer: string }>>;
  readonly nextLedger: number;
  /** Each create op's ledger, so a duplicated create does not make a second ledger. */
  readonly created: Readonly<Record<string, number>>;
}

export const ledgerKey = (id: number) => `L${id}`;
export const MANAGED = 'managed';

export const emptyStore = (): StoreState => ({ role: 'store', keys: { [MANAGED]: { version: 1, value: { kind: 'managed', ledgers: [] }, writer: 'init' } }, nextLedger: 0, created: {} });

const { send, persist } = effectsFor<BkTypes>();

// #region cas
/** A get answers the version and value; a cas writes only if the version is still `expected` (a resend of the write that won is told it won). */
export function onStoreMessage(state: StoreState, from: NodeId, m: StoreMessage): { state: StoreState; effects: Effect<BkTypes>[] } {
  switch (m.kind) {
    case 'get': {
      const held = state.keys[m.key];
      return { state, effects: [send(from, { kind: 'value', op: m.op, key: m.key, version: held?.version ?? 0, value: held?.value })] };
    }
    case 'cas': {
      const held = state.keys[m.key];
      const version = held?.version ?? 0;
      if (version !== m.expected) {
        const won = held?.writer === m.op && version === m.expected + 1;
        return { state, effects: [send(from, { kind: 'value', op: m.op, key: m.key, version, value: held?.value, ok: won })] };
      }
      const next: StoreState = { ...state, keys: { ...state.keys, [m.key]: { version: version + 1, value: m.value, writer: m.op } } };
      return { state: next, effects: [persist(next), send(from, { kind: 'value', op: m.op, key: m.key, version: version + 1, value: m.value, ok: true })] };
    }
    case 'create': {
      const made = state.created[m.op];
      const id = made ?? state.nextLedger;
      const key = ledgerKey(id);
      if (made !== undefined) return { state, effects: [send(from, { kind: 'value', op: m.op, key, version: state.keys[key]!.version, value: state.keys[key]!.value, ok: true })] };
      const value: StoredValue = { kind: 'ledger', id, state: 'OPEN', lastEntry: -1, ensembles: [{ first: 0, bookies: m.ensemble }] };
      const next: StoreState = { ...state, nextLedger: id + 1, created: { ...state.created, [m.op]: id }, keys: { ...state.keys, [key]: { version: 1, value, writer: m.op } } };
      return { state: next, effects: [persist(next), send(from, { kind: 'value', op: m.op, key, version: 1, value, ok: true })] };
    }
    case 'value':
      return { state, effects: [] };
  }
}
// #endregion
