/**
 * BookKeeper and Pulsar (snippets/bookkeeper/) as a `Log`: a topic is Pulsar's managed ledger, a chain
 * of BookKeeper ledgers, each striped over an ensemble of bookies (E = 3, Qw = Qa = 2). An append is
 * acknowledged with its ledger and entry id (Pulsar's message id); its position in the whole log is the
 * entries of the closed ledgers before it plus its entry id. Readers here read closed ledgers only, so
 * an acknowledged entry of the open ledger is not yet readable. Each ledger is a segment: recovery
 * fences its bookies and closes it by compare-and-set, and the new owner appends to a new ledger.
 */
import type { ClusterView } from '../../sim/index.ts';
import { storeOf } from '../../bookkeeper/invariants.ts';
import type { BkTypes } from '../../bookkeeper/model.ts';
import { NODES, bkConfig, bkRunOptions } from '../../bookkeeper/run-bookkeeper.ts';
import { writeSet } from '../../bookkeeper/striping.ts';
import type { BkResponse, LedgerMeta } from '../../bookkeeper/types.ts';
import { bookkeeperVariants, isBookkeeperVariant } from '../../bookkeeper/variants.ts';
import type { BackendSpec, LogSnapshot, SealSeen } from '../interface.ts';
import { swarmFaults } from '../swarm.ts';
import { withoutChecks } from './common.ts';
import { variantDescriptions } from '../../demo.ts';

const SAFETY_TICKS = 200;
const CONFIG = bkConfig();

type View = ClusterView<BkTypes>;

/** The entry a ledger holds at `entry`, from a bookie of that entry's write set. */
function valueAt(view: View, meta: LedgerMeta, entry: number): string | undefined {
  for (const bookie of writeSet(CONFIG, meta.ensembles, entry)) {
    const d = view.nodes.find((n) => n.id === bookie)?.durable;
    const v = d?.role === 'bookie' ? d.ledgers[meta.id]?.entries[entry] : undefined;
    if (v !== undefined) return String(v);
  }
  return undefined;
}

/** Where an open ledger's committed entries end: the highest last-add-confirmed its writer or a bookie holds. */
function lastConfirmed(view: View, ledger: number): number {
  let lac = -1;
  for (const n of view.nodes) {
    if (n.up && n.state.role === 'broker' && n.state.task?.kind === 'owner' && n.state.task.ledger === ledger) lac = Math.max(lac, n.state.task.lac);
    const d = n.durable;
    if (d?.role === 'bookie') lac = Math.max(lac, d.ledgers[ledger]?.lac ?? -1);
  }
  return lac;
}

function observe(view: View): LogSnapshot {
  const { ledgers, managed } = storeOf(view);
  const committed: Array<string | undefined> = [];
  const starts = new Map<number, number>();
  const seals: SealSeen[] = [];
  for (const id of managed) {
    const meta = ledgers.get(id);
    if (!meta) break;
    starts.set(id, committed.length);
    const last = meta.state === 'CLOSED' ? meta.lastEntry : lastConfirmed(view, id);
    for (let e = 0; e <= last; e++) committed.push(valueAt(view, meta, e));
    if (meta.state === 'CLOSED') seals.push({ segment: id, end: committed.length });
    else break; // only the last ledger of the topic is open
  }
  const appends = view.history.filter((op) => op.op === 'append').map((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as BkResponse);
    const acked = r?.kind === 'appended';
    const start = acked ? starts.get(r.ledger) : undefined;
    return {
      entry: String(op.args), client: op.client, invokeTick: op.invokeTick, ackOrder: acked ? op.returnOrder : undefined,
      offset: acked && start !== undefined ? start + r.entry : undefined, segment: acked ? r.ledger : undefined,
    };
  });
  const reads = view.history.flatMap((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as BkResponse);
    return op.op === 'read' && r?.kind === 'read' ? [{ client: op.client, entries: r.ledgers.flatMap((l) => l.entries.map(String)), invokeOrder: op.invokeOrder }] : [];
  });
  return { appends, reads, committed, replicas: [], seals };
}

export const bookkeeperLog: BackendSpec<BkTypes> = {
  id: 'bookkeeper',
  name: 'BookKeeper + Pulsar',
  note: 'bookkeeper-pulsar',
  capabilities: {
    ackPosition: 'segment',
    read: 'closed-segments',
    readSeesAcked: false,
    tail: 'internal',
    seal: 'segment',
    reconfigure: 'ensemble change; new ledger by compare-and-set',
  },
  disaggregation: ['roles', 'planes', 'segments'],
  variants: variantDescriptions(bookkeeperVariants),
  findings: {
    'recovery-without-fencing': { kind: 'caught', seed: 5, property: 'seal' },
    'close-at-lac': { kind: 'caught', seed: 5, property: 'seal' },
    'unfenced-recovery-reads': { kind: 'unseen', seeds: 100, seenBy: 'the explorer; 1 seed in 2,000 of a fixed mix' },
  },
  witnesses: { readSeesAcked: 2 },
  cluster(seed, variant) {
    const swarm = swarmFaults<BkTypes>(seed, { crashable: NODES, clientsMax: 3, untilTick: SAFETY_TICKS, cutSteps: true });
    const rules = isBookkeeperVariant(variant) ? bookkeeperVariants[variant].config : {};
    const options = bkRunOptions({ seed, rules, clients: swarm.profile.clients, safetyTicks: SAFETY_TICKS, ...swarm.options });
    return { options: withoutChecks(options), progressTicks: 600 };
  },
  observe,
};
