/**
 * The broken variants, each named for what the broken model does and each turning off one rule the
 * note says matters. The demo, the tests, the explorer and the swarm suite all read this table.
 */
import type { KafkaConfig } from './types.ts';

export const VARIANTS = {
  'truncate-to-high-watermark': {
    what: 'a follower that learns of a new leader truncates its log to its own high watermark instead of asking the leader where its epoch ends (the rule KIP-101 replaced)',
    config: { truncation: 'high-watermark' },
  },
  'unclean-election': {
    what: 'unclean.leader.election.enable=true: with every ISR member fenced, the controller makes an out-of-sync replica leader',
    config: { uncleanLeaderElection: true },
  },
  'acks-1': {
    what: 'producers use acks=1: the leader acknowledges a record once it is in its own log, before any follower has it',
    config: { acks: '1' },
  },
  'accepts-stale-isr-change': {
    what: 'the controller takes an AlterPartition without checking its leader and partition epochs, so a deposed leader can still change the ISR',
    config: { checkPartitionEpoch: false },
  },
} as const satisfies Record<string, { what: string; config: Partial<KafkaConfig> }>;

export type VariantName = keyof typeof VARIANTS;

export const isVariant = (name: string | undefined): name is VariantName => name !== undefined && Object.hasOwn(VARIANTS, name);

export const variantConfig = (name: string | undefined): Partial<KafkaConfig> => (isVariant(name) ? VARIANTS[name].config : {});
