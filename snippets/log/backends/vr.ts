/**
 * Viewstamped Replication (snippets/vr/) as a `Log`: three replicas, the primary of each view orders
 * client requests in its log. Every client request is an append (a `get` too: VR orders reads through
 * the log), and the reply carries the operation's result, not its op-number, so an acknowledgement
 * names no position. Clients read no log: the service above it answers them. A view change replaces
 * the primary inside the protocol; there is no seal and no outside reconfiguration in this model.
 */
import type { ClusterView, ClientSpec } from '../../sim/index.ts';
import { replicaNames, vrClient, type VrArgs } from '../../vr/run-vr.ts';
import { replica } from '../../vr/replica.ts';
import { requestKey } from '../../vr/service.ts';
import { DEFAULT_CONFIG, type VrMessage, type VrTypes } from '../../vr/types.ts';
import { vrVariants, isVrVariant } from '../../vr/variants.ts';
import type { AppendSeen, BackendSpec, LogSnapshot } from '../interface.ts';
import { swarmFaults } from '../swarm.ts';
import { variantDescriptions } from '../../demo.ts';

const SAFETY_TICKS = 200;
const NODES = replicaNames(3);

/**
 * VR's message kinds, for faults aimed at a kind, as snippets/swarm-runs.ts lists them: a seed then
 * draws the same faults as in VR's own random suite, so `npm run snippet -- vr --swarm --seed N`
 * replays it with the model's invariants on. A record, so a new message kind must be added here.
 */
const KINDS: Record<VrMessage['kind'], true> = {
  prepare: true, 'prepare-ok': true, commit: true, 'start-view-change': true, 'do-view-change': true, 'start-view': true,
  recovery: true, 'recovery-response': true, 'get-state': true, 'new-state': true,
};

/** The request a call carries, as the log holds it: client and request-number (`c1#3`). */
const requestOf = (client: string, args: VrArgs) => `${client}#${String(args[args.length - 1]).replace(/^\D+/, '')}`;

function observe(view: ClusterView<VrTypes>): LogSnapshot {
  const replicas = view.nodes.flatMap((n) => (n.up ? [{ node: n.id, log: n.state.log.slice(0, n.state.commitNumber).map(requestKey) }] : []));
  const committed = replicas.reduce<readonly string[]>((a, r) => (r.log.length > a.length ? r.log : a), []);
  // Retries carry the same request-number: one append, acknowledged by the first reply to any attempt.
  const byRequest = new Map<string, AppendSeen>();
  for (const op of view.history) {
    const entry = requestOf(op.client, op.args as VrArgs);
    const before = byRequest.get(entry);
    const ackOrder = before?.ackOrder ?? (op.returnTick === undefined ? undefined : op.returnOrder);
    byRequest.set(entry, { entry, client: op.client, invokeTick: before?.invokeTick ?? op.invokeTick, ackOrder });
  }
  return { appends: [...byRequest.values()], reads: [], committed, replicas, seals: [] };
}

export const vrLog: BackendSpec<VrTypes> = {
  id: 'vr',
  name: 'VR',
  note: 'viewstamped-replication-revisited',
  capabilities: {
    ackPosition: 'none',
    read: 'none',
    readSeesAcked: false,
    tail: 'none',
    seal: 'none',
    reconfigure: 'a view change, inside the protocol',
  },
  disaggregation: [],
  variants: variantDescriptions(vrVariants, (v) => v.breaks === 'safety'),
  findings: {
    'new-primary-keeps-own-log': { kind: 'caught', seed: 3, property: 'order' },
    'recovering-replica-takes-part': { kind: 'caught', seed: 19, property: 'order' },
    'claim-view-at-once': { kind: 'unseen', seeds: 100, seenBy: 'a scripted schedule; VR\'s swarm suite, about 1 seed in 430' },
    'no-start-view-change-round': { kind: 'unseen', seeds: 100, seenBy: 'a scripted schedule' },
    'recover-on-one-answer': { kind: 'unseen', seeds: 100, seenBy: 'a scripted schedule' },
    'recover-from-older-primary': { kind: 'unseen', seeds: 100, seenBy: 'a scripted schedule' },
  },
  cluster(seed, variant) {
    // VR without a disk counts a recovering replica as failed: crash only a normal replica while fewer than f are not normal (as swarmVr).
    const f = Math.floor((NODES.length - 1) / 2);
    const swarm = swarmFaults<VrTypes>(seed, {
      crashable: NODES,
      clientsMax: 2,
      untilTick: SAFETY_TICKS,
      cutSteps: false,
      kinds: [...Object.keys(KINDS), 'request', 'reply'],
      canCrash: (v, node) => {
        const normal = v.nodes.filter((n) => n.up && n.state.status === 'normal');
        return NODES.length - normal.length < f && normal.some((n) => n.id === node);
      },
    });
    const clients: ClientSpec<VrTypes>[] = Array.from({ length: swarm.profile.clients }, (_, i) => ({ id: `c${i + 1}`, workload: vrClient(`c${i + 1}`, i + 1, 1000), thinkTicksMax: 4 }));
    const config = { ...DEFAULT_CONFIG, ...(variant !== undefined && isVrVariant(variant) ? vrVariants[variant].config : {}) };
    return {
      options: {
        model: replica, nodes: NODES, config, seed, clients, safetyTicks: SAFETY_TICKS, ...swarm.options,
      },
      progressTicks: 300,
    };
  },
  observe,
};
