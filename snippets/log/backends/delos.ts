/**
 * Delos's virtual log (snippets/delos/) as a `Log`: VirtualLog nodes v1, v2 over a chain of Loglets
 * (a simple one, or a sequencer with three LogServers) recorded in a MetaStore. append is answered
 * with a position in the VirtualLog's one address space (the model's answer also names the Loglet that
 * took it, which the suite checks the seal against); read runs checkTail on the active Loglet and
 * then reads the log up to that tail, so it sees every earlier acknowledgement. Each Loglet is a
 * segment; reconfiguration seals the active one and installs the next by compare-and-set.
 */
import type { ClusterView } from '../../sim/index.ts';
import { finalLog } from '../../delos/final-log.ts';
import { installedChain } from '../../delos/invariants.ts';
import { INITIAL_REGISTER } from '../../delos/metastore.ts';
import type { DelosTypes } from '../../delos/model.ts';
import { NODES, delosConfig, delosRunOptions } from '../../delos/run-delos.ts';
import type { DelosConfig, DelosResponse } from '../../delos/types.ts';
import { delosVariants, isDelosVariant } from '../../delos/variants.ts';
import type { BackendSpec, LogSnapshot } from '../interface.ts';
import { swarmFaults } from '../swarm.ts';
import { withoutChecks } from './common.ts';
import { variantDescriptions } from '../../demo.ts';

const SAFETY_TICKS = 200;

/**
 * The view with what a node that never wrote holds on disk: the MetaStore the initial register (the
 * chain every node starts from, before a reconfiguration wins), a LogServer no entries. `finalLog`
 * counts the LogServers that have a disk to find a majority; mid-run some have not written yet.
 */
function withFreshDisks(view: ClusterView<DelosTypes>): ClusterView<DelosTypes> {
  const config = delosConfig();
  const nodes = view.nodes.map((n) => {
    if (n.durable !== undefined) return n;
    if (n.id === config.metastore) return { ...n, durable: { role: 'metastore' as const, register: INITIAL_REGISTER, attempts: {} } };
    if (config.servers.includes(n.id)) return { ...n, durable: { role: 'server' as const, loglets: {} } };
    return n;
  });
  return { ...view, nodes };
}

function committedOf(view: ClusterView<DelosTypes>): Array<string | undefined> {
  try {
    return (finalLog(withFreshDisks(view)) ?? []).map(String);
  } catch (e) {
    // finalLog throws when a sealed segment has a position stored nowhere: a hole.
    return [undefined];
  }
}

function observe(view: ClusterView<DelosTypes>): LogSnapshot {
  const chain = installedChain(view)?.chain ?? INITIAL_REGISTER.chain;
  const seals = chain.slice(0, -1).map((segment, i) => ({ segment: segment.loglet, end: chain[i + 1]!.start }));
  const appends = view.history.filter((op) => op.op === 'append').map((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as DelosResponse);
    const acked = r?.kind === 'appended';
    return { entry: String(op.args), client: op.client, invokeTick: op.invokeTick, ackOrder: acked ? op.returnOrder : undefined, offset: acked ? r.pos : undefined, segment: acked ? r.loglet : undefined };
  });
  const reads = view.history.flatMap((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as DelosResponse);
    return op.op === 'read' && r?.kind === 'read' ? [{ client: op.client, entries: r.entries.map(String), invokeOrder: op.invokeOrder }] : [];
  });
  return { appends, reads, committed: committedOf(view), replicas: [], seals };
}

export const delosLog: BackendSpec<DelosTypes> = {
  id: 'delos',
  name: 'Delos',
  note: 'virtual-consensus-delos',
  capabilities: {
    ackPosition: 'virtual',
    read: 'committed',
    readSeesAcked: true,
    tail: 'internal',
    seal: 'segment',
    // Any VirtualLog node runs reconfigExtend: for an operator's request, on a Loglet that stops answering, or to finish a stalled one.
    reconfigure: 'any VirtualLog node, for an operator or on a Loglet failure; MetaStore compare-and-set',
  },
  disaggregation: ['roles', 'planes', 'segments'],
  variants: variantDescriptions(delosVariants),
  findings: {
    'no-seal': { kind: 'caught', seed: 1, property: 'seal' },
    'weak-seal': { kind: 'caught', seed: 181, property: 'seal' },
  },
  cluster(seed, variant) {
    const swarm = swarmFaults<DelosTypes>(seed, { crashable: NODES, clientsMax: 2, untilTick: SAFETY_TICKS, cutSteps: false, injectorCrashes: true });
    const { seal = true, ...rules }: Partial<DelosConfig> = isDelosVariant(variant) ? delosVariants[variant].config : {};
    const options = delosRunOptions({ seed, seal, rules, clients: swarm.profile.clients, safetyTicks: SAFETY_TICKS, ...swarm.options });
    return { options: withoutChecks(options), progressTicks: 1000 };
  },
  observe,
};
