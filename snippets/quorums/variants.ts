/**
 * The quorum register's variants, by name: each switches off one rule of the note's "Why each rule
 * exists". One table for `npm run snippet -- quorums --variant NAME` (demo.ts), the player (play.ts)
 * and the explorer (explore.ts); tests/snippets/play/variant-tables.test.ts checks that all three read it.
 */
import { thresholds } from './quorum-system.ts';
import type { RegisterConfig } from './register.ts';

export interface QuorumsVariant {
  /** The rules it switches off, as a change to the register's config (which nodes, contact and the rest stay). */
  readonly config: (base: RegisterConfig) => RegisterConfig;
  /** What the variant does, in one line. */
  readonly description: string;
}

const withConfig = (change: Partial<RegisterConfig>) => (base: RegisterConfig): RegisterConfig => ({ ...base, ...change });

/** R = W = 1 on the same replicas. */
function oneAndOne(base: RegisterConfig): RegisterConfig {
  if (base.system.kind !== 'thresholds') throw new Error(`r1-w1 needs a thresholds quorum system, not ${base.system.kind}`);
  return { ...base, system: thresholds(base.system.nodes, 1, 1) };
}

export const quorumsVariants = {
  'r1-w1': {
    config: oneAndOne,
    description: 'R = W = 1, so R + W ≤ N: a read can miss an acknowledged write',
  },
  'no-write-back': {
    config: withConfig({ writeBack: false }),
    description: 'reads answer without writing back what they saw (ABD’s second phase): a value can appear, then vanish',
  },
  'writer-ids-restart': {
    config: withConfig({ incarnation: false }),
    description: 'writer and operation ids restart at 1 after a crash: two writes can carry one version',
  },
  'reruns-duplicates': {
    config: withConfig({ rerunDuplicates: true }),
    description: 'a coordinator runs every copy of a duplicated request: one write is stored twice, under two versions',
  },
  'ack-before-persist': {
    config: withConfig({ ackBeforePersist: true }),
    description: 'a replica acknowledges a store before it writes it to disk (a crash between the two loses the write)',
  },
} as const satisfies Record<string, QuorumsVariant>;

export type QuorumsVariantName = keyof typeof quorumsVariants;

export const isQuorumsVariant = (name: string | undefined): name is QuorumsVariantName => name !== undefined && Object.hasOwn(quorumsVariants, name);
