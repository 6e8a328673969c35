/**
 * The properties a run must keep, checked after every event. They read what nodes hold on disk, what
 * a working primary holds in memory, a controller's reconfiguration in flight, and what clients were
 * told.
 */
import type { ClusterView, Invariant, NodeId } from '../sim/index.ts';
import type { SteadyTypes } from './model.ts';
import type { StoreState } from './config-store.ts';
import type { Configuration, SteadyResponse } from './types.ts';

type View = ClusterView<SteadyTypes>;
interface Ack { readonly value: number; readonly pos: number; readonly epoch: number }

/** The store's register: on its disk once it has written, in its memory before (epoch 1 needs no write). */
export function storeOf(view: View): StoreState | undefined {
  for (const node of view.nodes) {
    if (node.durable?.role === 'store') return node.durable;
    if (node.state?.role === 'store') return node.state;
  }
  return undefined;
}

const logOf = (view: View, id: NodeId) => {
  const d = view.nodes.find((n) => n.id === id)?.durable;
  return d?.role === 'replica' ? d.log : undefined;
};

export function steadyInvariants(): Record<string, Invariant<SteadyTypes>> {
  const acks: Ack[] = [];
  const seen = new Set<number>();
  /** Per epoch, the highest commit point its primary reached: positions below it were acknowledged or could be. */
  const committed = new Map<number, number>();
  /** Per reconfiguration (its tag), the commit point of the old epoch when it took the tail. */
  const atTail = new Map<string, number>();

  function update(view: View): string | undefined {
    for (const op of view.history) {
      if (op.returnTick === undefined || seen.has(op.id)) continue;
      seen.add(op.id);
      const r = op.result as SteadyResponse;
      if (r.kind !== 'appended') continue;
      const other = acks.find((a) => a.pos === r.pos && a.value !== op.args && a.epoch <= r.epoch);
      if (other) return `position ${r.pos} acknowledged twice: to append ${other.value} (epoch ${other.epoch}) and to append ${String(op.args)} (epoch ${r.epoch})`;
      acks.push({ value: op.args as number, pos: r.pos, epoch: r.epoch });
    }
    for (const node of view.nodes) {
      const s = node.state;
      if (s?.role === 'replica' && s.lead) committed.set(s.epoch, Math.max(committed.get(s.epoch) ?? 0, s.lead.committed));
    }
    for (const node of view.nodes) {
      const s = node.state;
      // The first time a reconfiguration holds a tail, remember how far the old epoch had committed.
      if (s?.role === 'controller' && s.op && s.op.phase.kind === 'prepare' && !atTail.has(s.op.tag)) {
        atTail.set(s.op.tag, committed.get(s.op.phase.base.epoch) ?? 0);
      }
    }
    return undefined;
  }

  return {
    // #region no-append-after-seal
    // The seal's promise: once a replica has given its epoch's tail to a reconfiguration, it takes no more of that epoch's entries.
    'a sealed, stale primary appends nothing: no replica takes an entry past the tail it gave': (view) => {
      for (const node of view.nodes) {
        const d = node.durable;
        if (d?.role === 'replica' && d.gave !== undefined && d.log.length > d.gave) {
          return `${node.id} gave epoch ${d.epoch}'s tail as ${d.gave} entries, then took more from the primary of epoch ${d.epoch} (log [${d.log.join(',')}])`;
        }
      }
      return undefined;
    },
    // #endregion
    // #region no-ack-after-seal
    // Once a reconfiguration has taken the old epoch's tail, the old primary acknowledges nothing past it.
    'a sealed, stale primary acknowledges nothing past the tail its successor started from': (view) => {
      const problem = update(view);
      if (problem) return problem;
      const store = storeOf(view);
      if (!store) return undefined;
      for (const next of store.installed.slice(1)) {
        const old = next.epoch - 1;
        const reached = committed.get(old) ?? 0;
        const before = atTail.get(next.writer) ?? reached;
        if (reached > next.start && reached > before) {
          return `the primary of epoch ${old} acknowledged up to position ${reached - 1} after the reconfiguration to epoch ${next.epoch} took a tail of ${next.start} (it had acknowledged below ${before} then)`;
        }
      }
      return undefined;
    },
    // #endregion
    // #region no-ack-lost
    // Every acknowledged append is in the installed epoch's primary's log, at the position it was acknowledged at.
    'no acknowledged append is lost': (view) => {
      const store = storeOf(view);
      if (!store) return undefined;
      const c: Configuration = store.current;
      const log = logOf(view, c.primary);
      if (!log) return undefined;
      for (const a of acks) {
        if (log[a.pos] !== a.value) {
          return `append ${a.value} was acknowledged at position ${a.pos} in epoch ${a.epoch}, but ${c.primary}, primary of epoch ${c.epoch}, holds ${log[a.pos] === undefined ? 'nothing' : log[a.pos]} there (log [${log.join(',')}])`;
        }
      }
      return undefined;
    },
    // #endregion
    // #region one-winner
    // Of two reconfigurations of one epoch, one wins: the store installs each epoch once, and one controller is told it won.
    'of two racing reconfigurations one wins': (view) => {
      const store = storeOf(view);
      if (store) for (let i = 0; i < store.installed.length; i++) if (store.installed[i]!.epoch !== i + 1) return `epoch ${store.installed[i]!.epoch} installed as configuration ${i + 1}`;
      const won = new Map<number, number>();
      for (const op of view.history) {
        const r = op.result as SteadyResponse | undefined;
        if (op.returnTick === undefined || r?.kind !== 'reconfigured' || !r.won) continue;
        if (won.has(r.epoch)) return `two reconfigurations were both told they installed epoch ${r.epoch}`;
        won.set(r.epoch, op.id);
      }
      return undefined;
    },
    // #endregion
  };
}
