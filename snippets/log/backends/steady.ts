/**
 * The write-all log with external reconfiguration (snippets/steady/) as a `Log`: an epoch's primary
 * acknowledges an append once all f + 1 replicas hold it, and names its position and epoch. Epochs
 * are the log's segments: a reconfiguration seals the old epoch, takes its tail, and installs the
 * next epoch from that position by compare-and-set in the configuration store. Clients read no log
 * in this model.
 */
import type { ClusterView, NodeId } from '../../sim/index.ts';
import { storeOf } from '../../steady/invariants.ts';
import type { SteadyTypes } from '../../steady/model.ts';
import { STORE, nodesFor, steadyRunOptions } from '../../steady/run-steady.ts';
import type { SteadyResponse } from '../../steady/types.ts';
import { isSteadyVariant, steadyVariants } from '../../steady/variants.ts';
import type { BackendSpec, LogSnapshot } from '../interface.ts';
import { swarmFaults } from '../swarm.ts';
import { withoutChecks } from './common.ts';
import { variantDescriptions } from '../../demo.ts';

const SAFETY_TICKS = 150;

function commonPrefix(logs: ReadonlyArray<readonly number[]>): number[] {
  if (logs.length === 0) return [];
  const out: number[] = [];
  for (let i = 0; logs.every((l) => i < l.length && l[i] === logs[0]![i]); i++) out.push(logs[0]![i]!);
  return out;
}

function observe(view: ClusterView<SteadyTypes>): LogSnapshot {
  const store = storeOf(view);
  const logOf = (id: NodeId) => {
    const node = view.nodes.find((n) => n.id === id);
    const d = node?.durable ?? node?.state;
    return d?.role === 'replica' ? d.log : [];
  };
  // Write-all: what every replica of the current epoch holds is committed (an acknowledged entry is on all of them).
  const committed = store ? commonPrefix(store.current.replicas.map(logOf)).map(String) : [];
  const installed = store?.installed ?? [];
  const seals = installed.slice(1).map((next, i) => ({ segment: installed[i]!.epoch, end: next.start }));
  const appends = view.history.filter((op) => op.op === 'append').map((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as SteadyResponse);
    const acked = r?.kind === 'appended';
    return { entry: String(op.args), client: op.client, invokeTick: op.invokeTick, ackOrder: acked ? op.returnOrder : undefined, offset: acked ? r.pos : undefined, segment: acked ? r.epoch : undefined };
  });
  return { appends, reads: [], committed, replicas: [], seals };
}

export const steadyLog: BackendSpec<SteadyTypes> = {
  id: 'steady',
  name: 'Write-all (steady)',
  note: 'steady-state-vs-reconfiguration',
  capabilities: {
    ackPosition: 'segment',
    read: 'none',
    readSeesAcked: false,
    tail: 'internal',
    seal: 'segment',
    reconfigure: 'an operator; configuration store compare-and-set',
  },
  disaggregation: ['roles', 'planes'],
  variants: variantDescriptions(steadyVariants),
  findings: {
    'ack-before-all-replicas': { kind: 'caught', seed: 1, property: 'durable' },
    'reconfigure-without-seal': { kind: 'caught', seed: 2, property: 'order' },
  },
  cluster(seed, variant) {
    const crashable = nodesFor(1).filter((n) => n !== STORE);
    const swarm = swarmFaults<SteadyTypes>(seed, { crashable, clientsMax: 2, untilTick: SAFETY_TICKS, cutSteps: true, canCrash: (_v, node) => node !== STORE });
    const rules = isSteadyVariant(variant) ? steadyVariants[variant].config : {};
    const options = steadyRunOptions({ seed, rules, clients: swarm.profile.clients, safetyTicks: SAFETY_TICKS, ...swarm.options });
    return { options: withoutChecks(options), progressTicks: 400 };
  },
  observe,
};
