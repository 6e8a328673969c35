/**
 * The Delos model's variants, by name: each switches off rules of the paper. One table for
 * `npm run snippet -- delos --variant NAME` (demo.ts), the player (play.ts) and the explorer
 * (explore.ts); tests/snippets/play/variant-tables.test.ts checks that all three read it.
 */
import type { DelosConfig } from './types.ts';

export interface DelosVariant {
  /** The rules it switches off (the correct model keeps them all). */
  readonly config: Partial<Pick<DelosConfig, 'seal' | 'sealQuorum' | 'sealedTails'>>;
  /** What the variant does, in one line. */
  readonly description: string;
}

export const delosVariants = {
  'no-seal': {
    config: { seal: false },
    description: 'reconfiguration skips the seal and only reads the tail (§3.2): a stale VirtualLog node still appends to the old Loglet',
  },
  'weak-seal': {
    config: { sealQuorum: false, sealedTails: false },
    description: 'the seal moves on after one LogServer\'s ack and checkTail counts unsealed tails (§4.2.1); either rule alone would be enough: an append lands past the sealed end',
  },
} as const satisfies Record<string, DelosVariant>;

export type DelosVariantName = keyof typeof delosVariants;

export const isDelosVariant = (name: string | undefined): name is DelosVariantName => name !== undefined && Object.hasOwn(delosVariants, name);
