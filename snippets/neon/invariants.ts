/**
 * The properties a Neon run must keep, checked after every step. They read the safekeepers' disks,
 * the pageserver's and the object store's, the proposers' memory, and what clients were told.
 */
import type { ClusterView, Invariant } from '../sim/index.ts';
import type { ComputeState, NeonTypes, SafekeeperDurable } from './state.ts';
import type { NeonResponse } from './types.ts';

type View = ClusterView<NeonTypes>;

export const safekeeperDisks = (view: View) => view.nodes.flatMap((n) => (n.durable?.role === 'safekeeper' ? [{ id: n.id, disk: n.durable }] : n.state?.role === 'safekeeper' && n.durable === undefined ? [{ id: n.id, disk: n.state as SafekeeperDurable }] : []));
const leaders = (view: View) => view.nodes.flatMap((n) => (n.up && n.state?.role === 'compute' && n.state.mode.kind === 'leader' ? [n.state as ComputeState & { mode: { kind: 'leader' } }] : []));
const storeWal = (view: View) => view.nodes.flatMap((n) => (n.durable?.role === 'object-store' ? [n.durable.wal] : []))[0] ?? [];
const pageserverWal = (view: View) => view.nodes.flatMap((n) => (n.durable?.role === 'pageserver' ? [n.durable.wal] : []))[0] ?? [];

/** The record at `lsn` on a safekeeper's disk: its value, 'trimmed' (below walBase), or undefined past its WAL. */
function heldAt(disk: SafekeeperDurable, lsn: number): number | 'trimmed' | undefined {
  if (lsn < disk.walBase) return 'trimmed';
  return disk.wal[lsn - disk.walBase];
}

/** The committed log as the safekeepers' disks show it: each position below some safekeeper's commit_lsn, with its value. */
function committedLog(view: View): { log: Map<number, number>; conflict?: string } {
  const log = new Map<number, number>();
  for (const { id, disk } of safekeeperDisks(view)) {
    for (let lsn = disk.walBase; lsn < disk.commitLsn; lsn++) {
      const v = disk.wal[lsn - disk.walBase]!;
      const seen = log.get(lsn);
      if (seen !== undefined && seen !== v) return { log, conflict: `position ${lsn} is committed as ${seen} on one safekeeper and as ${v} on ${id}` };
      log.set(lsn, v);
    }
  }
  return { log };
}

const maxCommit = (view: View) => Math.max(0, ...safekeeperDisks(view).map((s) => s.disk.commitLsn), ...leaders(view).map((l) => l.mode.commitLsn));

function prefixOfCommitted(name: string, wal: readonly number[], view: View): string | undefined {
  const top = maxCommit(view);
  if (wal.length > top) return `${name} holds WAL up to ${wal.length}, past every commit_lsn (${top})`;
  const { log } = committedLog(view);
  for (let lsn = 0; lsn < wal.length; lsn++) {
    const c = log.get(lsn);
    if (c !== undefined && c !== wal[lsn]) return `${name} holds ${wal[lsn]} at position ${lsn}, but the committed WAL has ${c} there`;
  }
  return undefined;
}

export function neonInvariants(): Record<string, Invariant<NeonTypes>> {
  // What this check has seen committed so far in the run (empty for the explorer, which makes a fresh set per state).
  const remembered = new Map<number, number>();
  return {
    // #region one-proposer-per-term
    'at most one proposer per term': (view) => {
      const byTerm = new Map<number, string>();
      for (const l of leaders(view)) {
        const other = byTerm.get(l.mode.term);
        if (other !== undefined) return `${other} and ${l.id}.${l.boot} both lead term ${l.mode.term}`;
        byTerm.set(l.mode.term, `${l.id}.${l.boot}`);
      }
      const acked = new Map<number, string>();
      for (const op of view.history) {
        if (op.returnTick === undefined) continue;
        const r = op.result as NeonResponse;
        const other = acked.get(r.term);
        if (other !== undefined && other !== r.by) return `${other} and ${r.by} both acknowledged commits in term ${r.term}`;
        acked.set(r.term, r.by);
      }
      return undefined;
    },
    // #endregion
    // #region commit-never-back
    'commit_lsn never moves back, and WAL below it never changes': (view) => {
      const { log, conflict } = committedLog(view);
      if (conflict) return conflict;
      for (const [lsn, v] of log) {
        const before = remembered.get(lsn);
        if (before !== undefined && before !== v) return `position ${lsn} was committed as ${before}, now as ${v}`;
      }
      const lost = [...remembered.keys()].find((lsn) => !log.has(lsn) && !safekeeperDisks(view).some((s) => s.disk.walBase > lsn));
      if (lost !== undefined) return `position ${lost} was committed, and no safekeeper's commit_lsn covers it any more`;
      for (const [lsn, v] of log) remembered.set(lsn, v);
      return undefined;
    },
    // #endregion
    // #region no-acked-loss
    'no acknowledged commit is lost': (view) => {
      const disks = safekeeperDisks(view);
      const store = storeWal(view);
      for (const op of view.history) {
        if (op.returnTick === undefined) continue;
        const { lsn } = op.result as NeonResponse;
        const at = lsn - 1;
        const holders = disks.filter(({ disk }) => {
          const v = heldAt(disk, at);
          return v === op.args || (v === 'trimmed' && store[at] === op.args);
        });
        if (holders.length < Math.floor(disks.length / 2) + 1) return `commit ${String(op.args)} was acknowledged at LSN ${lsn}, but only ${holders.length} safekeeper(s) hold it (${disks.map(({ id, disk }) => `${id}: ${String(heldAt(disk, at) ?? 'nothing')}`).join(', ')})`;
        const { term } = op.result as NeonResponse;
        // A leader of this term or a later one must stream it; a deposed leader of an older term that has not noticed yet cannot commit.
        for (const l of leaders(view)) {
          if (l.mode.term < term || at < l.mode.walBase) continue;
          const v = l.mode.wal[at - l.mode.walBase];
          if (v !== op.args) return `commit ${String(op.args)} was acknowledged at LSN ${lsn}, but ${l.id}, leading term ${l.mode.term}, streams ${v ?? 'nothing'} there`;
        }
      }
      return undefined;
    },
    // #endregion
    // #region learner
    'the pageserver ingests only committed WAL': (view) => prefixOfCommitted('the pageserver', pageserverWal(view), view),
    'object storage holds a prefix of the committed WAL': (view) => prefixOfCommitted('object storage', storeWal(view), view),
    // #endregion
  };
}
