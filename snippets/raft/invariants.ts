/**
 * The properties of the Raft paper's Figure 3, checked after every step, plus the client's view of
 * durability. Each reads what the servers hold (memory if up, disk if down) and what clients were
 * told, never a server's belief about others.
 */
import type { ClusterView, Invariant, NodeId } from '../sim/index.ts';
import { termAt } from './log.ts';
import { showEntry } from './model.ts';
import type { RaftState, RaftTypes } from './state.ts';
import type { Entry, RaftResponse } from './types.ts';

type View = ClusterView<RaftTypes>;

function up(view: View): RaftState[] {
  const out: RaftState[] = [];
  for (const n of view.nodes) if (n.up) out.push(n.state);
  return out;
}
function leaders(view: View): RaftState[] {
  const out: RaftState[] = [];
  for (const n of view.nodes) if (n.up && n.state.role.kind === 'leader') out.push(n.state);
  return out;
}
/** Every server's log: in memory if it is up, on disk if it is down. */
const logs = (view: View): Array<{ id: NodeId; log: readonly Entry[] }> =>
  view.nodes.flatMap((n) => (n.up ? [{ id: n.id, log: n.state.log }] : n.durable ? [{ id: n.id, log: n.durable.log }] : []));
function sameCommand(a: Entry['command'], b: Entry['command']): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  return a.kind !== 'write' || (b.kind === 'write' && a.value === b.value && a.session === b.session && a.seq === b.seq);
}
const same = (a: Entry | undefined, b: Entry | undefined) => a !== undefined && b !== undefined && (a === b || (a.term === b.term && sameCommand(a.command, b.command)));
const show = (e: Entry | undefined) => (e ? showEntry(e) : 'nothing');

/**
 * Entries a leader of `term` must hold (Figure 3: an entry committed in a term is in the log of every
 * leader of a higher term). An up server's commitIndex was learned in a term no later than its
 * currentTerm, so its entry there binds leaders of later terms; a write a client was told is done binds
 * leaders from the term of the leader that said so. Terms never fall along a log, so with Log Matching
 * a leader that holds that entry holds all before it.
 */
function committedBefore(view: View, term: number): Array<{ index: number; term: number; by: string }> {
  const known: Array<{ index: number; term: number; by: string }> = [];
  for (const s of up(view)) {
    if (s.commitIndex > 0 && s.currentTerm < term) known.push({ index: s.commitIndex, term: termAt(s.log, s.commitIndex), by: `${s.id}'s commitIndex in term ${s.currentTerm}` });
  }
  for (const op of view.history) {
    const r = op.result as RaftResponse | undefined;
    if (op.returnTick !== undefined && r?.kind === 'written' && r.leaderTerm < term) known.push({ index: r.index, term: r.term, by: `${r.node}'s acknowledgement to ${op.client} in term ${r.leaderTerm}` });
  }
  return known;
}

export function raftInvariants(): Record<string, Invariant<RaftTypes>> {
  return {
    // #region election-safety
    'Election Safety: at most one leader per term': (view) => {
      const all = leaders(view);
      for (const a of all) for (const b of all) if (a.id < b.id && a.currentTerm === b.currentTerm) return `${a.id} and ${b.id} both lead term ${a.currentTerm}`;
      return undefined;
    },
    // #endregion
    // #region log-matching
    'Log Matching: logs that share an entry\'s index and term are identical up to it': (view) => {
      const all = logs(view);
      for (const a of all) {
        for (const b of all) {
          if (a.id >= b.id) continue;
          let top = Math.min(a.log.length, b.log.length);
          while (top > 0 && a.log[top - 1]!.term !== b.log[top - 1]!.term) top--;
          for (let i = 1; i <= top; i++) {
            if (!same(a.log[i - 1], b.log[i - 1])) return `${a.id} and ${b.id} both hold an entry of term ${a.log[top - 1]!.term} at index ${top}, but differ at index ${i}: ${show(a.log[i - 1])} and ${show(b.log[i - 1])}`;
          }
        }
      }
      return undefined;
    },
    // #endregion
    // #region leader-completeness
    'Leader Completeness: a leader holds every entry committed in an earlier term': (view) => {
      for (const leader of leaders(view)) {
        for (const c of committedBefore(view, leader.currentTerm)) {
          if (termAt(leader.log, c.index) === c.term) continue;
          return `index ${c.index}@${c.term} is committed (${c.by}), but ${leader.id}, leader of term ${leader.currentTerm}, holds ${show(leader.log[c.index - 1])} there`;
        }
      }
      return undefined;
    },
    // #endregion
    // #region state-machine-safety
    'State Machine Safety: no two servers apply different entries at one index': (view) => {
      const servers = up(view);
      for (const a of servers) {
        for (const b of servers) {
          if (a.id >= b.id) continue;
          for (let i = 1; i <= Math.min(a.lastApplied, b.lastApplied); i++) {
            if (!same(a.log[i - 1], b.log[i - 1])) return `${a.id} applied ${show(a.log[i - 1])} at index ${i}, ${b.id} applied ${show(b.log[i - 1])}`;
          }
        }
      }
      return undefined;
    },
    // #endregion
    // #region no-acked-loss
    'no acknowledged write is lost: every leader since holds it': (view) => {
      const now = leaders(view);
      if (now.length === 0) return undefined;
      for (const op of view.history) {
        const r = op.result as RaftResponse | undefined;
        if (op.returnTick === undefined || r?.kind !== 'written') continue;
        for (const leader of now) {
          if (leader.currentTerm < r.leaderTerm) continue;
          const held = leader.log[r.index - 1];
          const value = held?.command.kind === 'write' ? held.command.value : undefined;
          if (held?.term !== r.term || value !== (op.args as readonly [number, number])[1]) {
            return `write ${String((op.args as readonly [number, number])[1])} was acknowledged at index ${r.index}@${r.term}, but ${leader.id}, leader of term ${leader.currentTerm}, holds ${show(held)} there`;
          }
        }
      }
      return undefined;
    },
    // #endregion
  };
}
