/**
 * The properties a BookKeeper run must keep, checked after every event. They read what the store and
 * bookies hold on disk, what each broker believes, and what clients were told.
 */
import type { ClusterView, Invariant } from '../sim/index.ts';
import type { BkTypes } from './model.ts';
import { MANAGED } from './store.ts';
import { writeSet } from './striping.ts';
import type { BkConfig, BkResponse, LedgerMeta } from './types.ts';

type View = ClusterView<BkTypes>;

/** The ledger metadata and the managed ledger as the store holds them now. */
export function storeOf(view: View): { ledgers: Map<number, LedgerMeta>; managed: readonly number[] } {
  const ledgers = new Map<number, LedgerMeta>();
  let managed: readonly number[] = [];
  for (const node of view.nodes) {
    const d = node.durable;
    if (d?.role !== 'store') continue;
    for (const held of Object.values(d.keys)) if (held.value.kind === 'ledger') ledgers.set(held.value.id, held.value);
    const m = d.keys[MANAGED]?.value;
    if (m?.kind === 'managed') managed = m.ledgers;
  }
  return { ledgers, managed };
}

interface Ack { readonly ledger: number; readonly entry: number; readonly value: number }

/** Every append a client was told is in: (ledger, entry) and its value. */
function acks(view: View): Ack[] {
  const out: Ack[] = [];
  for (const op of view.history) {
    const r = op.result as BkResponse | undefined;
    if (op.returnTick !== undefined && r?.kind === 'appended') out.push({ ledger: r.ledger, entry: r.entry, value: op.args as number });
  }
  return out;
}

export function bkInvariants(config: BkConfig): Record<string, Invariant<BkTypes>> {
  return {
    // #region acked-within-close
    // The protocol doc's core promise: once closed, a ledger's last entry is at least every entry a writer had confirmed.
    'every acknowledged entry is at or below its closed ledger\'s last entry': (view) => {
      const { ledgers } = storeOf(view);
      for (const a of acks(view)) {
        const meta = ledgers.get(a.ledger);
        if (meta?.state === 'CLOSED' && a.entry > meta.lastEntry) return `append ${a.value} was acknowledged as L${a.ledger}:${a.entry}, but L${a.ledger} closed at entry ${meta.lastEntry}`;
      }
      return undefined;
    },
    // #endregion
    // #region fenced-writer
    // Fencing: once the ledger is closed, the writer still holding it confirms nothing past its last entry.
    'a fenced old writer gets no further acknowledgement': (view) => {
      const { ledgers } = storeOf(view);
      for (const node of view.nodes) {
        const s = node.state;
        if (s?.role !== 'broker' || s.task?.kind !== 'owner') continue;
        const meta = ledgers.get(s.task.ledger);
        if (meta?.state === 'CLOSED' && s.task.lac > meta.lastEntry) return `${node.id} confirmed L${s.task.ledger} up to entry ${s.task.lac} after the ledger closed at ${meta.lastEntry}`;
      }
      return undefined;
    },
    // #endregion
    // #region readers-agree
    // A closed ledger reads the same to everyone: entries 0..lastEntry, with the values acknowledged.
    'all readers agree on the last entry': (view) => {
      const { ledgers } = storeOf(view);
      const byAck = new Map(acks(view).map((a) => [`${a.ledger}:${a.entry}`, a.value]));
      for (const op of view.history) {
        const r = op.result as BkResponse | undefined;
        if (op.returnTick === undefined || r?.kind !== 'read') continue;
        for (const l of r.ledgers) {
          const meta = ledgers.get(l.ledger);
          if (meta?.state !== 'CLOSED' || l.entries.length !== meta.lastEntry + 1) return `a reader saw L${l.ledger} end at entry ${l.entries.length - 1}, but it closed at ${meta?.lastEntry}`;
          for (let e = 0; e < l.entries.length; e++) {
            const acked = byAck.get(`${l.ledger}:${e}`);
            if (acked !== undefined && acked !== l.entries[e]) return `a reader saw ${l.entries[e]} at L${l.ledger}:${e}, where append ${acked} was acknowledged`;
          }
        }
      }
      return undefined;
    },
    // #endregion
    // #region one-fragment
    // Fragments start in strictly increasing order, so each entry has one ensemble; and each acknowledged entry is on an ack quorum of it.
    'no entry appears in two fragments': (view) => {
      const { ledgers } = storeOf(view);
      for (const meta of ledgers.values()) {
        for (let i = 1; i < meta.ensembles.length; i++) {
          if (meta.ensembles[i]!.first <= meta.ensembles[i - 1]!.first) return `L${meta.id}'s fragments ${i - 1} and ${i} both start at or before entry ${meta.ensembles[i]!.first}`;
        }
      }
      const bookies = view.nodes.filter((n) => n.durable?.role === 'bookie');
      for (const a of acks(view)) {
        const meta = ledgers.get(a.ledger);
        if (!meta) return `L${a.ledger} has no metadata`;
        const holders = writeSet(config, meta.ensembles, a.entry).filter((b) => {
          const d = bookies.find((n) => n.id === b)?.durable;
          return d?.role === 'bookie' && d.ledgers[a.ledger]?.entries[a.entry] === a.value;
        });
        if (holders.length < config.ackQuorum) return `acknowledged L${a.ledger}:${a.entry} is on ${holders.length} bookies of its fragment's write set, fewer than Qa = ${config.ackQuorum}`;
      }
      return undefined;
    },
    // #endregion
    // Pulsar's managed ledger is a chain: a new ledger is linked only after the one before it is closed.
    'every ledger of the topic but the last is closed': (view) => {
      const { ledgers, managed } = storeOf(view);
      for (const id of managed.slice(0, -1)) if (ledgers.get(id)?.state !== 'CLOSED') return `L${id} is followed by another ledger but is ${ledgers.get(id)?.state ?? 'missing'}`;
      return undefined;
    },
  };
}

