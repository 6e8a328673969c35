/**
 * Neon's WAL service (snippets/neon/) as a `Log`: MultiPaxos with its roles on separate machines.
 * Computes cA and cB run the walproposer (proposers), safekeepers sk1..sk3 accept, the pageserver
 * learns, and safekeepers offload committed WAL to object storage. A Postgres commit is the append,
 * acknowledged with the end LSN of its record (an LSN counts records here, so its position is LSN − 1).
 * Clients read no log: Postgres reads pages from the pageserver, which ingests the WAL as a learner,
 * so the pageserver's WAL is checked as a copy of the log, not as a client's read. There is no seal:
 * a safekeeper refuses a lower term, which fences a deposed proposer, and a new term is won from a
 * safekeeper majority inside the protocol, which finds where the log ends from the voters' flush_lsn.
 */
import type { ClusterView, NodeId } from '../../sim/index.ts';
import { safekeeperDisks } from '../../neon/invariants.ts';
import { NODES, OBJECT_STORE, neonRunOptions } from '../../neon/run-neon.ts';
import type { ComputeState, NeonTypes, SafekeeperDurable } from '../../neon/state.ts';
import type { NeonMessage, NeonResponse } from '../../neon/types.ts';
import { neonVariants, variantConfig } from '../../neon/variants.ts';
import type { BackendSpec, LogSnapshot } from '../interface.ts';
import { swarmFaults } from '../swarm.ts';
import { withoutChecks } from './common.ts';
import { variantDescriptions } from '../../demo.ts';

/** As RANDOM_SUITES.neon (snippets/swarm-runs.ts): faults for 150 ticks, then the heal. */
const SAFETY_TICKS = 150;

/**
 * Neon's message kinds, for faults aimed at a kind, as snippets/swarm-runs.ts lists them, so a seed
 * draws the faults of `npm run snippet -- neon --swarm --seed N`. A record: a new kind must be added here.
 */
const KINDS: Record<NeonMessage['kind'], true> = {
  greeting: true, 'greeting-reply': true, 'vote-request': true, 'vote-response': true, elected: true, append: true, 'append-response': true,
  'read-wal': true, wal: true, upload: true, uploaded: true,
};

type View = ClusterView<NeonTypes>;
type Leader = ComputeState & { readonly mode: { readonly kind: 'leader' } };

const walOf = (view: View, role: 'pageserver' | 'object-store') => view.nodes.flatMap((n) => (n.durable?.role === role ? [n.durable.wal] : []))[0] ?? [];

const leaders = (view: View): Leader[] =>
  view.nodes.flatMap((n) => (n.up && n.state?.role === 'compute' && n.state.mode.kind === 'leader' ? [n.state as Leader] : []));

/** A safekeeper's WAL below its commit_lsn, from LSN 0: what it trimmed is read back from object storage. Undefined if storage lacks it. */
function committedPrefix(disk: SafekeeperDurable, store: readonly number[]): number[] | undefined {
  if (store.length < disk.walBase) return undefined;
  return [...store.slice(0, disk.walBase), ...disk.wal.slice(0, disk.commitLsn - disk.walBase)];
}

/** The value most safekeepers hold at `lsn` (flushed, not trimmed), if any holds one. */
function mostHeld(disks: readonly SafekeeperDurable[], lsn: number): number | undefined {
  const counts = new Map<number, number>();
  for (const d of disks) {
    const v = lsn >= d.walBase ? d.wal[lsn - d.walBase] : undefined;
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The log below the highest commit_lsn stated anywhere: on a safekeeper's disk, by a live proposer,
 * or to a client in an acknowledgement. The proposer counts a commit as soon as a majority has
 * flushed it and tells safekeepers only with its next AppendRequest, so a proposer deposed or
 * restarted in between takes the only other record of that commit_lsn with it; the acknowledgement
 * keeps it (seed 117: cA acknowledges LSN 1 in term 1 and steps down; cB leads term 2 with commit_lsn
 * 0). That is no free pass: an acknowledged position must then hold its own entry. Each
 * position comes from a safekeeper whose commit_lsn covers it, else object storage, else the
 * highest-term proposer's WAL, else what most safekeepers hold there; if none has it, it is a hole.
 */
function committedOf(view: View, store: readonly number[], acked: readonly number[]): Array<string | undefined> {
  const disks = safekeeperDisks(view).map((s) => s.disk);
  const proposers = leaders(view).sort((a, b) => b.mode.term - a.mode.term);
  const end = Math.max(0, ...disks.map((d) => d.commitLsn), ...proposers.map((l) => l.mode.commitLsn), ...acked);
  const committed: Array<string | undefined> = [];
  for (let lsn = 0; lsn < end; lsn++) {
    const covering = disks.find((d) => d.walBase <= lsn && lsn < d.commitLsn);
    const led = proposers.find((l) => l.mode.walBase <= lsn && lsn < l.mode.walBase + l.mode.wal.length);
    const value = (covering ? covering.wal[lsn - covering.walBase] : undefined) ?? store[lsn] ?? (led ? led.mode.wal[lsn - led.mode.walBase] : undefined) ?? mostHeld(disks, lsn);
    committed.push(value === undefined ? undefined : String(value));
  }
  return committed;
}

function observe(view: View): LogSnapshot {
  const store = walOf(view, 'object-store');
  const replicas: Array<{ node: NodeId; log: string[] }> = [];
  for (const { id, disk } of safekeeperDisks(view)) {
    const prefix = committedPrefix(disk, store);
    if (prefix) replicas.push({ node: id, log: prefix.map(String) });
  }
  // The learner and the offloaded WAL keep whole copies from LSN 0, and must hold only committed WAL.
  for (const [node, wal] of [['the pageserver', walOf(view, 'pageserver')], ['object storage', store]] as const) replicas.push({ node, log: wal.map(String) });
  const acks = view.history.flatMap((op) => (op.op === 'commit' && op.returnTick !== undefined ? [op.result as NeonResponse] : []));
  const appends = view.history.filter((op) => op.op === 'commit').map((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as NeonResponse);
    return { entry: String(op.args), client: op.client, invokeTick: op.invokeTick, ackOrder: r ? op.returnOrder : undefined, offset: r ? r.lsn - 1 : undefined };
  });
  return { appends, reads: [], committed: committedOf(view, store, acks.map((r) => r.lsn)), replicas, seals: [] };
}

export const neonLog: BackendSpec<NeonTypes> = {
  id: 'neon',
  name: 'Neon (MultiPaxos)',
  note: 'multipaxos-in-neon',
  capabilities: {
    ackPosition: 'offset',
    read: 'none',
    readSeesAcked: false,
    // A new proposer finds where the log ends from a majority's flush_lsn and term history; no client call does.
    tail: 'internal',
    seal: 'fencing',
    reconfigure: 'a compute wins a term from a safekeeper majority, inside the protocol',
  },
  disaggregation: ['roles'],
  variants: variantDescriptions(neonVariants),
  findings: {
    'skip-sync-from-majority': { kind: 'caught', seed: 9, property: 'order' },
    'ack-on-one-flush': { kind: 'caught', seed: 27, property: 'order' },
    'accept-lower-term': { kind: 'caught', seed: 7, property: 'position' },
  },
  cluster(seed, variant) {
    const crashable = NODES.filter((n) => n !== OBJECT_STORE);
    const swarm = swarmFaults<NeonTypes>(seed, {
      crashable, clientsMax: 2, untilTick: SAFETY_TICKS, cutSteps: true, kinds: [...Object.keys(KINDS), 'request', 'reply'], canCrash: (_v, node) => node !== OBJECT_STORE,
    });
    const options = neonRunOptions({ seed, config: variantConfig(variant), clients: swarm.profile.clients, safetyTicks: SAFETY_TICKS, ...swarm.options });
    return { options: withoutChecks(options), progressTicks: 250 };
  },
  observe,
};
