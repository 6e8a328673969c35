/**
 * The properties a Delos run must keep, checked after every step. They read only what the nodes hold
 * on disk and what clients were told, and fold the history in once per operation, so a long run stays cheap.
 */
import type { ClientOperation, ClusterView, Invariant } from '../sim/index.ts';
import type { DelosTypes } from './model.ts';
import type { Chain, DelosResponse } from './types.ts';

type View = ClusterView<DelosTypes>;
interface Ack { readonly value: number; readonly pos: number; readonly loglet: number; readonly local: number }

export function installedChain(view: View): { version: number; chain: Chain } | undefined {
  for (const node of view.nodes) {
    const meta = node.durable;
    if (meta?.role === 'metastore') return { version: meta.register.version, chain: meta.register.chain };
  }
  return undefined;
}

/** Every position stored for a Loglet, across the nodes that store it. */
function storedPositions(view: View, loglet: number): Set<number> {
  const held = new Set<number>();
  for (const node of view.nodes) {
    const d = node.durable;
    if (d?.role === 'simple') d.loglets[loglet]?.entries.forEach((_, i) => held.add(i));
    if (d?.role === 'server') for (const k of Object.keys(d.loglets[loglet]?.entries ?? {})) held.add(Number(k));
  }
  return held;
}

/** What clients were told so far: acknowledged appends and the longest read. An op is final once it returned or its client moved on. */
class Told {
  readonly acks: Ack[] = [];
  readonly byPos = new Map<number, number>();
  longestRead: readonly number[] = [];
  #final = 0;
  #done = new Set<number>();

  /** Folds in what completed since the last call; returns a problem if two answers contradict each other. */
  update(history: readonly ClientOperation[]): string | undefined {
    for (let i = this.#final; i < history.length; i++) {
      const op = history[i]!;
      const problem = op.returnTick !== undefined && !this.#done.has(op.id) ? this.#add(op) : undefined;
      if (problem) return problem;
      let moved = false;
      for (let j = i + 1; j < history.length && !moved; j++) moved = history[j]!.client === op.client;
      if (i === this.#final && (op.returnTick !== undefined || moved)) this.#final++;
    }
    return undefined;
  }

  #add(op: ClientOperation): string | undefined {
    this.#done.add(op.id);
    const r = op.result as DelosResponse;
    if (r.kind === 'appended') {
      const other = this.byPos.get(r.pos);
      if (other !== undefined && other !== op.args) return `position ${r.pos} acknowledged twice: to append ${other} and to append ${String(op.args)}`;
      const read = this.longestRead[r.pos];
      if (read !== undefined && read !== op.args) return `append ${String(op.args)} acknowledged at ${r.pos}, but readers see ${read} there`;
      this.byPos.set(r.pos, op.args as number);
      this.acks.push({ value: op.args as number, pos: r.pos, loglet: r.loglet, local: r.local });
    }
    if (r.kind === 'read') {
      const [short, long] = r.entries.length <= this.longestRead.length ? [r.entries, this.longestRead] : [this.longestRead, r.entries];
      const fork = short.findIndex((v, i) => v !== long[i]);
      if (fork >= 0) return `two reads disagree at position ${fork}: ${short[fork]} and ${long[fork]}`;
      this.longestRead = long;
      for (const [pos, value] of this.byPos) if (long[pos] !== undefined && long[pos] !== value) return `append ${value} acknowledged at ${pos}, but readers see ${long[pos]} there`;
    }
    return undefined;
  }
}

export function delosInvariants(): Record<string, Invariant<DelosTypes>> {
  const told = new Told();
  let contiguousUpTo = 0; // chain versions already checked for contiguity (storage only grows)
  return {
    // #region no-ack-past-seal
    // §3.2 "seal before writing the new chain": an acknowledged append lies inside its segment; one position, one value; readers agree.
    'no append is acknowledged past its seal, one value per position, readers see one sequence': (view) => {
      const problem = told.update(view.history);
      if (problem) return problem;
      const installed = installedChain(view);
      if (!installed) return undefined;
      for (const a of told.acks) {
        const segment = installed.chain[a.loglet];
        const next = installed.chain[a.loglet + 1];
        if (!segment || segment.start + a.local !== a.pos) return `append ${a.value} acknowledged at ${a.pos} on L${a.loglet}:${a.local}, where chain v${installed.version} has no such position`;
        if (next && a.pos >= next.start) return `append ${a.value} acknowledged at ${a.pos} on L${a.loglet}, past its sealed end ${next.start} (chain v${installed.version})`;
      }
      return undefined;
    },
    // #endregion
    // #region contiguous
    // §3.1: one address space; every position of a sealed segment is stored somewhere, so the chain has no holes.
    'positions are contiguous across the chain': (view) => {
      const installed = installedChain(view);
      if (!installed || installed.version <= contiguousUpTo) return undefined;
      const { chain } = installed;
      for (let i = 0; i < chain.length; i++) {
        const s = chain[i]!;
        const next = chain[i + 1];
        if (s.loglet !== i) return `segment ${i} names Loglet ${s.loglet}`;
        if (!next) continue;
        if (next.start < s.start) return `segment ${i + 1} starts at ${next.start}, before segment ${i} (${s.start})`;
        const held = storedPositions(view, s.loglet);
        for (let pos = 0; pos < next.start - s.start; pos++) if (!held.has(pos)) return `L${s.loglet}:${pos} (virtual ${s.start + pos}) is in the chain but stored nowhere`;
      }
      contiguousUpTo = installed.version;
      return undefined;
    },
    // #endregion
    // §3.2: the conditional write replaces each version once: chain v has exactly v segments.
    'each chain version is replaced by exactly one winner': (view) => {
      const installed = installedChain(view);
      if (installed && installed.chain.length !== installed.version) return `chain v${installed.version} has ${installed.chain.length} segments`;
      return undefined;
    },
  };
}

/** §4.2.1: the LogServers of one Loglet never hold different entries at one position (checked at the end of a run). */
export function serversAgree(view: View): string | undefined {
  const at = new Map<string, string>();
  for (const node of view.nodes) {
    const d = node.durable;
    if (d?.role !== 'server') continue;
    for (const [loglet, l] of Object.entries(d.loglets)) {
      for (const [pos, entry] of Object.entries(l.entries)) {
        const key = `${loglet}:${pos}`;
        const other = at.get(key);
        if (other !== undefined && other !== entry.op) return `L${key} holds ${other} on one LogServer and ${entry.op} on ${node.id}`;
        at.set(key, entry.op);
      }
    }
  }
  return undefined;
}
