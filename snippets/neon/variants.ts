/**
 * The Neon model's broken variants, by name: each is named for what the broken model does and turns
 * off one rule the note says matters. One table for `npm run snippet -- neon --variant NAME`
 * (demo.ts), the player (play.ts), the explorer (explore.ts), the tests and the swarm suite;
 * tests/snippets/play/variant-tables.test.ts checks that the demo, the player and the explorer read it.
 */
import type { NeonConfig } from './types.ts';

export interface NeonVariant {
  /** The rule it switches off (the correct model keeps them all). */
  readonly config: Partial<NeonConfig>;
  /** What the variant does, in one line. */
  readonly description: string;
}

export const neonVariants = {
  'skip-sync-from-majority': {
    config: { syncFromMajority: false },
    description: 'a new proposer takes the log of the first safekeeper that votes for it, instead of the most advanced log among the majority that voted',
  },
  'ack-on-one-flush': {
    config: { quorumCommit: false },
    description: 'commit_lsn is the highest LSN any one safekeeper has flushed, so a commit is acknowledged before a majority has it',
  },
  'accept-lower-term': {
    config: { refuseLowerTerm: false },
    description: 'a safekeeper takes ProposerElected and WAL from a proposer whose term is lower than the one it last voted for',
  },
} as const satisfies Record<string, NeonVariant>;

export type NeonVariantName = keyof typeof neonVariants;

export const isNeonVariant = (name: string | undefined): name is NeonVariantName => name !== undefined && Object.hasOwn(neonVariants, name);

export const variantConfig = (name: string | undefined): Partial<NeonConfig> => (isNeonVariant(name) ? neonVariants[name].config : {});
