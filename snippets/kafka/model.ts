/**
 * The Kafka replication model as one simulator `Model`: the controller and the brokers are told apart
 * by the configuration, and each has its own dispatcher (controller.ts, broker.ts).
 */
import { unreachable, type Model, type NodeId } from '../sim/index.ts';
import { brokerStep, initialBroker, newBroker } from './broker.ts';
import { newController, onControllerMessage, onControllerTick } from './controller.ts';
import { EMPTY_LOG } from './log.ts';
import type { KafkaDurable, KafkaState, KafkaTypes } from './state.ts';
import { NO_LEADER, type KafkaConfig, type KafkaMessage, type PartitionState } from './types.ts';
import { kafkaFields as f } from './fields.ts';

/** The partition as created: the first replica leads epoch 0 with the configured ISR. */
export const firstState = (config: KafkaConfig): PartitionState => ({ leader: config.replicas[0]!, leaderEpoch: 0, isr: config.initialIsr, partitionEpoch: 0 });

function init(id: NodeId, config: KafkaConfig): KafkaState {
  if (id === config.controller) return newController({ role: 'controller', config, records: [{ state: firstState(config), cause: { kind: 'created' } }], fenced: [] });
  return initialBroker(id, config, firstState(config));
}

function recover(id: NodeId, config: KafkaConfig, durable: KafkaDurable | undefined): KafkaState {
  if (id === config.controller) {
    return durable?.role === 'controller' ? newController({ ...durable, config }) : init(id, config);
  }
  const disk = durable?.role === 'broker' ? durable : { role: 'broker' as const, boot: 0, log: EMPTY_LOG, hw: 0 };
  return newBroker(id, config, { ...disk, boot: disk.boot + 1 });
}

const showState = (s: PartitionState) => `${f.show({ leader: s.leader === NO_LEADER ? 'none' : s.leader, le: s.leaderEpoch, isr: `{${s.isr.join(',')}}`, pe: s.partitionEpoch })}`;

export function describeMessage(m: KafkaMessage): string {
  switch (m.kind) {
    case 'fetch':
      return `Fetch(${f.show({ offset: m.offset, le: m.epoch })})`;
    case 'fetched':
      return `Fetched(${f.show({ offset: m.offset, records: `[${m.records.map((r) => `${r.value}@${r.epoch}`).join(' ')}]`, hw: m.hw })})`;
    case 'fetch-error':
      return `Fetch error ${m.error.toUpperCase().replaceAll('-', '_')}`;
    case 'epoch-query':
      return `OffsetForLeaderEpoch(${f.show({ le: m.epoch, last: m.last })})`;
    case 'epoch-end':
      return `EpochEnd(${f.show({ last: m.last, end: m.end })})`;
    case 'epoch-error':
      return 'OffsetForLeaderEpoch error FENCED_LEADER_EPOCH';
    case 'heartbeat':
      return 'Heartbeat';
    case 'metadata':
      return `Metadata(${showState(m.state)})`;
    case 'alter-partition':
      return `AlterPartition(${f.show({ le: m.leaderEpoch, pe: m.partitionEpoch, isr: `{${m.isr.join(',')}}` })})`;
    case 'alter-partition-result':
      return `AlterPartition ${m.ok ? 'ok' : 'rejected'}(${showState(m.state)})`;
    default:
      return unreachable(m);
  }
}

export const kafka: Model<KafkaTypes> = {
  name: 'kafka',
  init: (id, _peers, config) => init(id, config),
  recover: (id, _peers, config, durable) => recover(id, config, durable),
  step(state, input) {
    if (state.role === 'broker') return brokerStep(state, input);
    if (input.kind === 'tick') return onControllerTick(state);
    if (input.kind === 'message') return onControllerMessage(state, input.from, input.message);
    return { state, effects: [] };
  },
  describeMessage,
  describeRequest: (r) => (r.kind === 'produce' ? `produce ${r.value}` : 'consume'),
  describeResponse: (r) => {
    switch (r.kind) {
      case 'ack':
        return `ack, offset ${r.offset}`;
      case 'records':
        return `[${r.values.join(',')}] (${f.show({ hw: r.hw })})`;
      case 'error':
        return r.error.toUpperCase().replaceAll('-', '_');
      default:
        return unreachable(r);
    }
  },
  describeDurable: (d) => {
    if (d.role === 'controller') return `${showState(d.records.at(-1)!.state)}${d.fenced.length > 0 ? `, fenced {${d.fenced.join(',')}}` : ''}`;
    return `boot ${d.boot}, log [${d.log.records.map((r) => `${r.value}@${r.epoch}`).join(' ')}], ${f.show({ hw: d.hw })}`;
  },
};
