/**
 * The data of the Kafka replication model: one partition replicated on brokers b1..b3, a KRaft
 * controller whose metadata log records every change of the partition's leader and ISR, producers
 * and consumers. Names follow Kafka's (Fetch, OffsetForLeaderEpoch, AlterPartition, high
 * watermark, leader epoch, partition epoch). Everything is plain data so traces can print it.
 */
import type { NodeId } from '../sim/index.ts';

/** A record in the partition's log, stamped with the leader epoch in which the leader appended it (KIP-101). */
export interface LogRecord {
  readonly value: number;
  readonly epoch: number;
}

/** The leader-epoch cache (Kafka's leader-epoch-checkpoint file): where each epoch's records start. */
export interface EpochStart {
  readonly epoch: number;
  readonly start: number;
}

/** No broker leads (KRaft writes leader -1 when no eligible replica is left). */
export const NO_LEADER = 'none';

// #region partition-record
/**
 * The partition's state in the controller's metadata log (a PartitionRecord, then a
 * PartitionChangeRecord per change), as brokers learn it. In this model the partition epoch rises with
 * every change and the leader epoch with every change of leader.
 */
export interface PartitionState {
  readonly leader: NodeId;
  readonly leaderEpoch: number;
  readonly isr: readonly NodeId[];
  readonly partitionEpoch: number;
}
// #endregion

/** Why the controller wrote a record: the ground truth the invariants judge ISR changes by. */
export type ChangeCause =
  | { readonly kind: 'created' }
  | { readonly kind: 'fenced'; readonly broker: NodeId }
  | { readonly kind: 'election'; readonly unclean: boolean }
  /** A leader's AlterPartition, with the leader and partition epochs it claimed to be based on. */
  | { readonly kind: 'alter'; readonly by: NodeId; readonly leaderEpoch: number; readonly partitionEpoch: number };

export interface MetadataRecord {
  readonly state: PartitionState;
  readonly cause: ChangeCause;
}

export interface KafkaConfig {
  readonly controller: NodeId;
  /** The partition's replicas, in preference order (the first is the initial leader). */
  readonly replicas: readonly NodeId[];
  /** The ISR the partition starts with (a replica left out starts out of sync). */
  readonly initialIsr: readonly NodeId[];
  /** `min.insync.replicas`: an acks=all write needs an ISR at least this large. */
  readonly minInsyncReplicas: number;
  /** `acks` of every producer: 'all' waits for the high watermark, '1' for the leader's own append. */
  readonly acks: 'all' | '1';
  /** `unclean.leader.election.enable`: with no live ISR member left, elect any live replica. */
  readonly uncleanLeaderElection: boolean;
  /** How a follower finds where its log stops matching the new leader's: KIP-101 epochs, or the old rule of its own high watermark. */
  readonly truncation: 'leader-epoch' | 'high-watermark';
  /** The controller checks an AlterPartition's leader and partition epochs (false: the broken variant that does not). */
  readonly checkPartitionEpoch: boolean;
  /** A broker heartbeats the controller every this many ticks. */
  readonly heartbeatTicks: number;
  /** The controller fences a broker it has not heard from for this many ticks (broker.session.timeout.ms). */
  readonly sessionTicks: number;
  /** The leader drops from the ISR a follower not caught up for this many ticks (replica.lag.time.max.ms). */
  readonly lagTicks: number;
  /** A follower resends a fetch (or an epoch query) unanswered for this many ticks. */
  readonly fetchRetryTicks: number;
}

// #region messages
export type KafkaMessage =
  /** Follower → leader: "send me records from `offset`; I believe the leader epoch is `epoch`" (KIP-320). */
  | { readonly kind: 'fetch'; readonly id: string; readonly offset: number; readonly epoch: number }
  | { readonly kind: 'fetched'; readonly id: string; readonly epoch: number; readonly offset: number; readonly records: readonly LogRecord[]; readonly hw: number }
  | { readonly kind: 'fetch-error'; readonly id: string; readonly error: 'fenced-leader-epoch' | 'unknown-leader-epoch' | 'not-leader' | 'offset-out-of-range'; readonly leo: number }
  /** KIP-101: "where does epoch `last` end in your log?", with the fetcher's current leader epoch (KIP-320). */
  | { readonly kind: 'epoch-query'; readonly id: string; readonly epoch: number; readonly last: number }
  | { readonly kind: 'epoch-end'; readonly id: string; readonly epoch: number; readonly last: number; readonly end: number }
  | { readonly kind: 'epoch-error'; readonly id: string }
  /** Broker → controller, every few ticks; the answer carries the partition's latest record (a stand-in for fetching the metadata log). */
  | { readonly kind: 'heartbeat' }
  | { readonly kind: 'metadata'; readonly state: PartitionState }
  /** Leader → controller: replace the ISR, based on the leader and partition epochs I hold. */
  | { readonly kind: 'alter-partition'; readonly leaderEpoch: number; readonly partitionEpoch: number; readonly isr: readonly NodeId[] }
  | { readonly kind: 'alter-partition-result'; readonly ok: boolean; readonly state: PartitionState };
// #endregion

export type KafkaRequest =
  | { readonly kind: 'produce'; readonly value: number }
  /** A consumer reads the partition from offset 0. */
  | { readonly kind: 'consume' };

export type KafkaResponse =
  | { readonly kind: 'ack'; readonly offset: number; readonly leader: NodeId }
  | { readonly kind: 'records'; readonly values: readonly number[]; readonly hw: number; readonly leader: NodeId }
  | { readonly kind: 'error'; readonly error: 'not-leader' | 'not-enough-replicas' | 'not-enough-replicas-after-append'; readonly leader: NodeId };
