/**
 * The Dynamo model's variants, by name: each switches off one rule of the paper. One table for
 * `npm run snippet -- dynamo --variant NAME` (demo.ts), the player (play.ts) and the explorer
 * (explore.ts); tests/snippets/play/variant-tables.test.ts checks that all three read it.
 */
import type { DynamoConfig } from './types.ts';

export interface DynamoVariant {
  readonly config: Partial<DynamoConfig>;
  /** 'safety': an acknowledged put can be lost or a get can miss one; 'liveness': slower, or the replicas never converge, and nothing acknowledged is lost. */
  readonly breaks: 'safety' | 'liveness';
  /** What the variant does, in one line. */
  readonly description: string;
}

export const dynamoVariants = {
  'no-hinted-handoff': {
    config: { hintedHandoff: false },
    breaks: 'liveness',
    description: 'a fallback keeps a replica as its own and never hands it back: the homes never converge, but the put stays on a disk (§4.6)',
  },
  'r1-w1': {
    config: { r: 1, w: 1 },
    breaks: 'safety',
    description: 'R = W = 1, so R + W ≤ N: a get can miss an acknowledged put (§4.5)',
  },
  'op-ids-restart': {
    config: { incarnation: false },
    breaks: 'safety',
    description: 'operation ids restart at 1 after a crash: acks meant for the old life acknowledge a new put',
  },
  'forgetful-dots': {
    config: { durableDots: false },
    breaks: 'safety',
    description: 'the dot counter is lost in a crash: a restarted coordinator names a new write with an old dot (§4.4)',
  },
  'first-reply-get': {
    config: { mergeReplies: false },
    breaks: 'safety',
    description: 'a get answers with one reply\'s versions instead of merging all R (§4.5)',
  },
  'ignore-suspicion': {
    config: { avoidSuspects: false },
    breaks: 'liveness',
    description: 'targets are chosen without the failure detector: slower, never unsafe (§4.6)',
  },
} as const satisfies Record<string, DynamoVariant>;

export type DynamoVariantName = keyof typeof dynamoVariants;

export const isDynamoVariant = (name: string): name is DynamoVariantName => Object.hasOwn(dynamoVariants, name);
