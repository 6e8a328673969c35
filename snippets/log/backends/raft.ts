/**
 * Raft with rqlite's read levels (snippets/raft/) as a `Log`: servers s1..s3, each a leader or
 * follower that also stores, replicates and applies — the series' converged baseline. append = a
 * write, acknowledged once applied with the index of its entry (indexes start at 1, so its position
 * is index − 1). The log holds the leaders' blank entries and reads sent through the log too, named
 * here by term and index (`noop t2 i3`), so positions count what Raft's do.
 *
 * read = rqlite's `linearizable` level: the leader notes its commitIndex, confirms it still leads
 * with a heartbeat round answered by a quorum (ReadIndex, dissertation §6.4), and answers once that
 * index is applied. It is the level that promises what the interface's read promises — every
 * acknowledgement before it — without a log write per read; `strong` promises the same by writing
 * the read into the log, and `weak` and `none` answer from one server's state machine and do not
 * promise it, so they are not the log read here. A read answers a register value after applying
 * through `applied`; what the reader was given is the answering server's log through `applied`,
 * taken in the step the answer arrived and kept for the rest of the run.
 */
import type { ClusterView, NodeId } from '../../sim/index.ts';
import { raftRunOptions, serverNames, type WriteArgs } from '../../raft/run-raft.ts';
import type { RaftState, RaftTypes } from '../../raft/state.ts';
import type { Entry as RaftEntry, RaftMessage, RaftResponse } from '../../raft/types.ts';
import { raftVariants, variantConfig } from '../../raft/variants.ts';
import type { AppendSeen, BackendSpec, LogSnapshot, ReadSeen } from '../interface.ts';
import { swarmFaults } from '../swarm.ts';
import { withoutChecks } from './common.ts';
import { variantDescriptions } from '../../demo.ts';

/** As RANDOM_SUITES.raft (snippets/swarm-runs.ts): faults for 200 ticks, then the heal. */
const SAFETY_TICKS = 200;
const NODES = serverNames(3);

/** Raft's message kinds, for faults aimed at a kind, as swarmRaft lists them. A record: a new kind must be added here. */
const KINDS: Record<RaftMessage['kind'], true> = { 'request-vote': true, vote: true, 'append-entries': true, 'append-result': true };

type View = ClusterView<RaftTypes>;

/** An entry as the suite compares them: a write by its unique value, anything else by term and index (one leader per term writes an index once). */
const label = (e: RaftEntry, index: number): string => (e.command.kind === 'write' ? String(e.command.value) : `${e.command.kind} t${e.term} i${index}`);
/**
 * A log's labels, kept per log array: the suite observes after every step, and a server's log is an
 * immutable array replaced on change, so most steps find every log already labelled.
 */
const labelled = new WeakMap<readonly RaftEntry[], readonly string[]>();
function labels(log: readonly RaftEntry[]): readonly string[] {
  let out = labelled.get(log);
  if (!out) labelled.set(log, (out = log.map((e, i) => label(e, i + 1))));
  return out;
}

const live = (view: View): RaftState[] => view.nodes.flatMap((n) => (n.up && n.state ? [n.state] : []));
const logOf = (view: View, node: NodeId): readonly RaftEntry[] => view.nodes.find((n) => n.id === node)?.durable?.log ?? [];

/** The label most servers' disks hold at `index`, if any holds one. */
function mostHeld(view: View, index: number): string | undefined {
  const counts = new Map<string, number>();
  for (const n of view.nodes) {
    const held = n.durable ? labels(n.durable.log)[index - 1] : undefined;
    if (held !== undefined) counts.set(held, (counts.get(held) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The log through the highest commitIndex stated anywhere: by a live server, or to a client in a
 * write's acknowledgement or a read's `applied`. commitIndex is volatile (Figure 2), so a crash
 * takes a server's record of it, and a leader deposed right after answering may leave the answer as
 * the only witness (as Neon's adapter explains); an acknowledged position must then hold its own
 * entry. Each index comes from a live server whose commitIndex covers it, else the highest-term
 * leader's log, else what most disks hold there; if none has it, it is a hole.
 */
function committedOf(view: View, stated: readonly number[]): Array<string | undefined> {
  const servers = live(view);
  const leaders = servers.filter((s) => s.role.kind === 'leader').sort((a, b) => b.currentTerm - a.currentTerm);
  const end = Math.max(0, ...servers.map((s) => s.commitIndex), ...stated);
  const committed: Array<string | undefined> = [];
  for (let index = 1; index <= end; index++) {
    const covering = servers.find((s) => index <= s.commitIndex && index <= s.log.length);
    const from = covering ?? leaders.find((s) => index <= s.log.length);
    committed.push(from ? labels(from.log)[index - 1] : mostHeld(view, index));
  }
  return committed;
}

/**
 * What each answered read was given, taken in the step its answer appeared and kept: the answering
 * server's log may change later (that is what a broken variant does), and the reader got it as it was.
 */
const readAnswers = new WeakMap<object, readonly string[]>();

/** What the client history says in the log's terms, and every commit point stated to a client. */
interface Clients {
  readonly appends: readonly AppendSeen[];
  readonly reads: readonly ReadSeen[];
  readonly stated: readonly number[];
}

/** Kept per history array: the simulator replaces it on every client event, and most steps have none. */
const byHistory = new WeakMap<View['history'], Clients>();

function clientsOf(view: View): Clients {
  const cached = byHistory.get(view.history);
  if (cached) return cached;
  const stated: number[] = [];
  const reads: ReadSeen[] = [];
  // A write's attempts (same client, same request number) are one append, acknowledged by the attempt that was.
  const writes = new Map<string, AppendSeen>();
  for (const op of view.history) {
    const r = op.returnTick === undefined ? undefined : (op.result as RaftResponse);
    if (op.op === 'read') {
      if (r?.kind === 'value') {
        stated.push(r.applied);
        let entries = readAnswers.get(op);
        if (!entries) readAnswers.set(op, (entries = labels(logOf(view, r.node)).slice(0, r.applied)));
        reads.push({ client: op.client, entries, invokeOrder: op.invokeOrder });
      }
      continue;
    }
    const [seq, value] = op.args as WriteArgs;
    const key = `${op.client}#${seq}`;
    const seen = writes.get(key);
    if (r?.kind === 'written') stated.push(r.index);
    if (seen?.ackOrder !== undefined) continue;
    const acked = r?.kind === 'written' ? { ackOrder: op.returnOrder, offset: r.index - 1 } : { ackOrder: undefined };
    writes.set(key, { entry: String(value), client: op.client, invokeTick: seen?.invokeTick ?? op.invokeTick, ...acked });
  }
  const clients = { appends: [...writes.values()], reads, stated };
  byHistory.set(view.history, clients);
  return clients;
}

function observe(view: View): LogSnapshot {
  const { appends, reads, stated } = clientsOf(view);
  const replicas = live(view).map((s) => ({ node: s.id, log: labels(s.log).slice(0, s.commitIndex) }));
  return { appends, reads, committed: committedOf(view, stated), replicas, seals: [] };
}

export const raftLog: BackendSpec<RaftTypes> = {
  id: 'raft',
  name: 'Raft (rqlite)',
  note: 'raft-and-rqlite',
  capabilities: {
    ackPosition: 'offset',
    read: 'committed',
    // rqlite's linearizable level: ReadIndex confirms leadership with a quorum before answering.
    readSeesAcked: true,
    // ReadIndex is checkTail inside a linearizable read; no client call returns the tail.
    tail: 'internal',
    seal: 'fencing',
    reconfigure: 'the servers, through the log (§6; not in the model)',
  },
  disaggregation: [],
  variants: variantDescriptions(raftVariants),
  findings: {
    'commit-previous-term-by-count': { kind: 'unseen', seeds: 50, seenBy: 'the Figure 8 schedule, through this adapter too, and the explorer; the Raft swarm suite misses it in those seeds too' },
    'vote-without-log-check': { kind: 'caught', seed: 3, property: 'order' },
    'read-index-without-quorum-check': { kind: 'unseen', seeds: 50, seenBy: 'a scripted stale read, through this adapter too, and the explorer; the Raft swarm suite misses it in those seeds too' },
  },
  cluster(seed, variant) {
    const swarm = swarmFaults<RaftTypes>(seed, { crashable: NODES, clientsMax: 2, untilTick: SAFETY_TICKS, cutSteps: true, kinds: [...Object.keys(KINDS), 'request', 'reply'] });
    // As swarmRaft: election timeouts above three one-way delays (Raft §5.6), and one entry per AppendEntries in half the runs (Figure 8).
    const electionTicksMin = Math.max(10, 3 * (swarm.profile.network.delayTicksMax ?? 3));
    const config = { electionTicksMin, electionTicksMax: 2 * electionTicksMin, maxEntriesPerMessage: seed % 2 === 0 ? 1 : 4, ...variantConfig(variant) };
    const options = raftRunOptions({
      seed, config, writers: swarm.profile.clients, readLevels: ['linearizable'], safetyTicks: SAFETY_TICKS, ...swarm.options,
    });
    return { options: withoutChecks(options), progressTicks: 250 };
  },
  observe,
};
