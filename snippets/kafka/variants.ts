/**
 * The Kafka model's broken variants, by name: each is named for what the broken model does and turns
 * off one rule the note says matters. One table for `npm run snippet -- kafka --variant NAME`
 * (demo.ts), the player (play.ts), the explorer (explore.ts), the tests and the swarm suite;
 * tests/snippets/play/variant-tables.test.ts checks that the demo, the player and the explorer read it.
 */
import type { KafkaConfig } from './types.ts';

export interface KafkaVariant {
  /** The rule it switches off (the correct model keeps them all). */
  readonly config: Partial<KafkaConfig>;
  /** What the variant does, in one line. */
  readonly description: string;
}

export const kafkaVariants = {
  'truncate-to-high-watermark': {
    config: { truncation: 'high-watermark' },
    description: 'a follower that learns of a new leader truncates its log to its own high watermark instead of asking the leader where its epoch ends (the rule KIP-101 replaced)',
  },
  'unclean-election': {
    config: { uncleanLeaderElection: true },
    description: 'unclean.leader.election.enable=true: with every ISR member fenced, the controller makes an out-of-sync replica leader',
  },
  'acks-1': {
    config: { acks: '1' },
    description: 'producers use acks=1: the leader acknowledges a record once it is in its own log, before any follower has it',
  },
  'accepts-stale-isr-change': {
    config: { checkPartitionEpoch: false },
    description: 'the controller takes an AlterPartition without checking its leader and partition epochs, so a deposed leader can still change the ISR',
  },
} as const satisfies Record<string, KafkaVariant>;

export type KafkaVariantName = keyof typeof kafkaVariants;

export const isKafkaVariant = (name: string | undefined): name is KafkaVariantName => name !== undefined && Object.hasOwn(kafkaVariants, name);

export const variantConfig = (name: string | undefined): Partial<KafkaConfig> => (isKafkaVariant(name) ? kafkaVariants[name].config : {});
