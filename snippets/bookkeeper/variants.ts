/**
 * The BookKeeper model's variants, by name: each switches off one rule of recovery that the note says
 * matters. One table, read by the demo (`npm run snippet -- bookkeeper --variant NAME`), the player,
 * the explorer, `npm run random-search` and the tests in tests/snippets/bookkeeper/.
 */
import type { Rules } from './run-bookkeeper.ts';

export interface BookkeeperVariant {
  /** The rules it switches off, merged over a correct config. */
  readonly config: Rules;
  /** What the variant does, in one line. */
  readonly description: string;
}

export const bookkeeperVariants = {
  'recovery-without-fencing': {
    config: { fencing: false },
    description: 'recovery reads the bookies\' LAC without fencing them, so the old writer keeps adding and confirming entries after the close',
  },
  'unfenced-recovery-reads': {
    config: { fencingReads: false },
    description: 'recovery fences enough bookies to cover every write set, but its reads past the LAC do not fence, so a bookie\'s "no such entry" can be overtaken by the old writer\'s add',
  },
  'close-at-lac': {
    config: { readPastLac: false },
    description: 'recovery closes the ledger at the highest LAC it heard, without reading the entries past it, so an acknowledged entry falls outside the closed ledger',
  },
} as const satisfies Readonly<Record<string, BookkeeperVariant>>;

export type BookkeeperVariantName = keyof typeof bookkeeperVariants;

export const isBookkeeperVariant = (name: string | undefined): name is BookkeeperVariantName => name !== undefined && Object.hasOwn(bookkeeperVariants, name);
