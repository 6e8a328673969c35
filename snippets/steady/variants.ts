/**
 * The write-all log's broken variants, by name: each is named for what the broken model does and turns
 * off one rule the note says matters. One table for `npm run snippet -- steady --variant NAME`
 * (demo.ts), the player (play.ts), the explorer (explore.ts) and the tests;
 * tests/snippets/play/variant-tables.test.ts checks that the demo, the player and the explorer read it.
 */
import type { SteadyRules } from './run-steady.ts';

export interface SteadyVariant {
  /** The rule it switches off (the correct model keeps them all). */
  readonly config: SteadyRules;
  /** What the variant does, in one line. */
  readonly description: string;
}

export const steadyVariants = {
  'ack-before-all-replicas': {
    config: { waitForAll: false },
    description: 'the primary acknowledges once f of the f + 1 replicas hold an entry: a crash of the primary then loses it',
  },
  'reconfigure-without-seal': {
    config: { seal: false },
    description: "a reconfiguration reads the old epoch's tail without sealing it: the stale primary keeps appending and acknowledging",
  },
} as const satisfies Record<string, SteadyVariant>;

export type SteadyVariantName = keyof typeof steadyVariants;

export const isSteadyVariant = (name: string | undefined): name is SteadyVariantName => name !== undefined && Object.hasOwn(steadyVariants, name);
