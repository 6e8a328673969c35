/**
 * Kafka (snippets/kafka/) as a `Log`: one partition on brokers b1..b3 with a KRaft controller.
 * append = produce with acks=all, acknowledged with its offset; read = consume from offset 0, served
 * only below the leader's high watermark. There is no seal a client sees: a deposed leader is fenced
 * by leader epochs, and the controller, not a client, reconfigures (leader and ISR changes).
 */
import type { ClusterView } from '../../sim/index.ts';
import { metadataLog } from '../../kafka/invariants.ts';
import { NODES, kafkaRunOptions } from '../../kafka/run-kafka.ts';
import { currentState, type BrokerDurable, type KafkaTypes } from '../../kafka/state.ts';
import { NO_LEADER, type KafkaResponse } from '../../kafka/types.ts';
import { kafkaVariants, variantConfig } from '../../kafka/variants.ts';
import type { BackendSpec, LogSnapshot } from '../interface.ts';
import { swarmFaults } from '../swarm.ts';
import { withoutChecks } from './common.ts';
import { variantDescriptions } from '../../demo.ts';

const SAFETY_TICKS = 200;

const committedOf = (disk: BrokerDurable) => disk.log.records.slice(0, disk.hw).map((r) => String(r.value));

function observe(view: ClusterView<KafkaTypes>): LogSnapshot {
  const replicas = view.nodes.flatMap((n) => (n.durable?.role === 'broker' ? [{ node: n.id, log: committedOf(n.durable) }] : []));
  const meta = metadataLog(view);
  const leader = meta ? currentState(meta).leader : NO_LEADER;
  const led = replicas.find((r) => r.node === leader);
  // The leader's log below its high watermark is what consumers are served; with no leader, the longest committed prefix.
  const committed = led?.log ?? replicas.reduce<readonly string[]>((a, r) => (r.log.length > a.length ? r.log : a), []);
  const appends = view.history.filter((op) => op.op === 'produce').map((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as KafkaResponse);
    const acked = r?.kind === 'ack';
    return { entry: String(op.args), client: op.client, invokeTick: op.invokeTick, ackOrder: acked ? op.returnOrder : undefined, offset: acked ? r.offset : undefined };
  });
  const reads = view.history.flatMap((op) => {
    const r = op.returnTick === undefined ? undefined : (op.result as KafkaResponse);
    return op.op === 'consume' && r?.kind === 'records' ? [{ client: op.client, entries: r.values.map(String), invokeOrder: op.invokeOrder }] : [];
  });
  return { appends, reads, committed, replicas, seals: [] };
}

export const kafkaLog: BackendSpec<KafkaTypes> = {
  id: 'kafka',
  name: 'Kafka',
  note: 'kafka-replication',
  capabilities: {
    ackPosition: 'offset',
    read: 'committed',
    // A new leader learns the high watermark from its followers' next fetches: until then it serves less than the old leader acknowledged.
    readSeesAcked: false,
    tail: 'client',
    seal: 'fencing',
    reconfigure: 'the controller; KRaft metadata log',
  },
  disaggregation: ['roles', 'planes'],
  variants: variantDescriptions(kafkaVariants),
  findings: {
    'truncate-to-high-watermark': { kind: 'caught', seed: 126, property: 'order' },
    'unclean-election': { kind: 'caught', seed: 24, property: 'order' },
    'acks-1': { kind: 'caught', seed: 1, property: 'position' },
    'accepts-stale-isr-change': { kind: 'unseen', seeds: 100, seenBy: 'the model\'s ISR invariant (control plane)' },
  },
  witnesses: { readSeesAcked: 92 },
  cluster(seed, variant) {
    const swarm = swarmFaults<KafkaTypes>(seed, { crashable: NODES, clientsMax: 2, untilTick: SAFETY_TICKS, cutSteps: true });
    const options = kafkaRunOptions({ seed, config: variantConfig(variant), clients: swarm.profile.clients, safetyTicks: SAFETY_TICKS, ...swarm.options });
    return { options: withoutChecks(options), progressTicks: 250 };
  },
  observe,
};
