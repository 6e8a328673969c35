/**
 * What each node holds, split into what survives a crash (durable: written with `persist`) and what
 * a crash wipes (volatile). A broker's log, leader-epoch cache and high watermark are on its disk; its
 * role, the followers' progress, pending acknowledgements and every timer are in memory. The
 * controller's metadata log is on disk (KRaft replicates it over a controller quorum; here it is one
 * node with a disk); which brokers it has heard from lately is in memory.
 */
import type { ClientId, Effect, NodeId } from '../sim/index.ts';
import type { ReplicaLog } from './log.ts';
import type { KafkaConfig, KafkaMessage, KafkaRequest, KafkaResponse, MetadataRecord, PartitionState } from './types.ts';

// #region broker-durable
export interface BrokerDurable {
  readonly role: 'broker';
  /** How many times the broker has started: part of every request id it makes, so a reply to an old life never answers a new one. */
  readonly boot: number;
  readonly log: ReplicaLog;
  /** The high watermark as last known (Kafka checkpoints it to replication-offset-checkpoint). */
  readonly hw: number;
}
// #endregion

/** A producer waiting for the high watermark to pass its record (acks=all). */
export interface WaitingAck {
  readonly client: ClientId;
  readonly requestId: number;
  readonly offset: number;
}

/**
 * What a leader knows of a follower: its log end offset from its last fetch, when it last was caught
 * up, and the leader's own log end offset when it answered that fetch (a follower that fetches from
 * there was caught up as of that answer, as Kafka's Replica.updateFetchState counts it).
 */
export interface FollowerProgress {
  readonly leo: number;
  readonly caughtUpAt: number;
  readonly lastFetchLeo: number;
  readonly lastFetchAt: number;
}

export type Mode =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'leader';
      readonly followers: Readonly<Record<NodeId, FollowerProgress>>;
      /** An AlterPartition in flight (one at a time): the ISR asked for, and when it was sent. */
      readonly pending?: { readonly isr: readonly NodeId[]; readonly sentAt: number };
      readonly waiting: readonly WaitingAck[];
    }
  | {
      readonly kind: 'follower';
      /** `truncating`: waiting for the leader's answer to OffsetForLeaderEpoch; `fetching`: copying records. */
      readonly phase: 'truncating' | 'fetching';
      /** The latest request in flight, if any: its id and when it left. */
      readonly outstanding?: { readonly id: string; readonly sentAt: number };
      /** The tick at which to fetch again when nothing is in flight. */
      readonly nextFetchAt: number;
    };

export interface BrokerState extends BrokerDurable {
  readonly id: NodeId;
  readonly config: KafkaConfig;
  /** Ticks since this life began: the broker's own clock for timers. */
  readonly now: number;
  /** Requests made in this life (the second part of a request id `boot.n`). */
  readonly sent: number;
  /** The partition's latest record this broker has seen, once it has seen one. */
  readonly partition: PartitionState | undefined;
  readonly mode: Mode;
  readonly nextHeartbeatAt: number;
  /** Per client, the last request started: a duplicate copy is not run twice. */
  readonly lastRequest: Readonly<Record<ClientId, number>>;
}

export interface ControllerDurable {
  readonly role: 'controller';
  /** The metadata log: every state the partition has had, and why it changed. */
  readonly records: readonly MetadataRecord[];
  /** Brokers fenced for missing heartbeats (KRaft writes these to the metadata log too). */
  readonly fenced: readonly NodeId[];
}

export interface ControllerState extends ControllerDurable {
  readonly config: KafkaConfig;
  /** Ticks since each broker's last heartbeat. */
  readonly silentFor: Readonly<Record<NodeId, number>>;
}

export type KafkaState = BrokerState | ControllerState;
export type KafkaDurable = BrokerDurable | ControllerDurable;

export const durableOf = (s: BrokerState): BrokerDurable => ({ role: 'broker', boot: s.boot, log: s.log, hw: s.hw });
export const currentState = (c: ControllerDurable): PartitionState => c.records.at(-1)!.state;

export type KafkaTypes = {
  state: KafkaState;
  message: KafkaMessage;
  request: KafkaRequest;
  response: KafkaResponse;
  durable: KafkaDurable;
  config: KafkaConfig;
};

/** A step of one role: its own state back, and effects. */
export interface RoleStep<S extends KafkaState> {
  readonly state: S;
  readonly effects: ReadonlyArray<Effect<KafkaTypes>>;
}
export type BrokerStep = RoleStep<BrokerState>;
export type ControllerStep = RoleStep<ControllerState>;
