/**
 * The broken variants, one table for the demo, the tests, the explorer and the player: each switches
 * off one rule of recovery that the note says matters.
 */
import type { Rules } from './run-bookkeeper.ts';

export const VARIANTS = {
  'recovery-without-fencing': {
    what: 'recovery reads the bookies\' LAC without fencing them, so the old writer keeps adding and confirming entries after the close',
    rules: { fencing: false },
  },
  'unfenced-recovery-reads': {
    what: 'recovery fences enough bookies to cover every write set, but its reads past the LAC do not fence, so a bookie\'s "no such entry" can be overtaken by the old writer\'s add',
    rules: { fencingReads: false },
  },
  'close-at-lac': {
    what: 'recovery closes the ledger at the highest LAC it heard, without reading the entries past it, so an acknowledged entry falls outside the closed ledger',
    rules: { readPastLac: false },
  },
} as const satisfies Readonly<Record<string, { what: string; rules: Rules }>>;

export type Variant = keyof typeof VARIANTS;
export const isVariant = (name: string | undefined): name is Variant => name !== undefined && Object.hasOwn(VARIANTS, name);
