/**
 * A bookie: stores entries of many ledgers, remembers the highest LAC a writer piggybacked, and keeps
 * a fence bit per ledger. All of it is in the journal (durable): an add is acknowledged and a fence
 * answered only after the write that backs it.
 */
import { effectsFor, type Effect, type NodeId } from '../sim/index.ts';
import type { BkTypes } from './model.ts';
import type { BookieMessage } from './types.ts';

export interface BookieLedger {
  readonly entries: Readonly<Record<number, number>>;
  /** The highest last-add-confirmed seen on an add. */
  readonly lac: number;
  readonly fenced: boolean;
}

export interface BookieState {
  readonly role: 'bookie';
  readonly ledgers: Readonly<Record<number, BookieLedger>>;
}

const EMPTY: BookieLedger = { entries: {}, lac: -1, fenced: false };
const { send, persist } = effectsFor<BkTypes>();

// #region bookie
export function onBookieMessage(state: BookieState, from: NodeId, m: BookieMessage): { state: BookieState; effects: Effect<BkTypes>[] } {
  const ledger = state.ledgers[m.ledger] ?? EMPTY;
  const save = (l: BookieLedger): BookieState => ({ ...state, ledgers: { ...state.ledgers, [m.ledger]: l } });
  switch (m.kind) {
    case 'add': {
      // Fencing: once fenced, the writer's adds are refused for good; recovery's re-writes still land.
      if (ledger.fenced && !m.recovery) return { state, effects: [send(from, { kind: 'add-fenced', ledger: m.ledger, entry: m.entry })] };
      const next = save({ ...ledger, entries: { ...ledger.entries, [m.entry]: ledger.entries[m.entry] ?? m.value }, lac: Math.max(ledger.lac, m.lac) });
      return { state: next, effects: [persist(next), send(from, { kind: 'added', ledger: m.ledger, entry: m.entry })] };
    }
    case 'fence': {
      if (!m.fence || ledger.fenced) return { state, effects: [send(from, { kind: 'lac', op: m.op, ledger: m.ledger, lac: ledger.lac })] };
      const next = save({ ...ledger, fenced: true }); // durable before the answer: a restart must not unfence
      return { state: next, effects: [persist(next), send(from, { kind: 'lac', op: m.op, ledger: m.ledger, lac: ledger.lac })] };
    }
    case 'read': {
      const values: (number | null)[] = [];
      for (let e = m.from; e < m.to; e++) values.push(ledger.entries[e] ?? null);
      const answer = send(from, { kind: 'entries', op: m.op, ledger: m.ledger, from: m.from, values });
      if (!m.fence || ledger.fenced) return { state, effects: [answer] };
      // A recovery read fences as it reads: a "no such entry" from an unfenced bookie could be overtaken by the writer's add.
      const next = save({ ...ledger, fenced: true });
      return { state: next, effects: [persist(next), answer] };
    }
    default:
      return { state, effects: [] };
  }
}
// #endregion
