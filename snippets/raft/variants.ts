/**
 * The Raft model's broken variants, by name: each is named for what the broken model does and turns
 * off one rule the note says matters. One table for `npm run snippet -- raft --variant NAME`
 * (demo.ts), the player (play.ts), the explorer (explore.ts), the tests and the swarm suite;
 * tests/snippets/play/variant-tables.test.ts checks that the demo, the player and the explorer read it.
 */
import type { RaftConfig } from './types.ts';

export interface RaftVariant {
  /** The rule it switches off (the correct model keeps them all). */
  readonly config: Partial<RaftConfig>;
  /** What the variant does, in one line. */
  readonly description: string;
}

export const raftVariants = {
  'commit-previous-term-by-count': {
    config: { commitOnlyCurrentTerm: false },
    description: 'a leader commits an entry of an earlier term once a majority stores it (the rule the Raft paper\'s Figure 8 shows unsafe, §5.4.2)',
  },
  'vote-without-log-check': {
    config: { voteLogCheck: false },
    description: 'servers vote for any candidate of a new term, without checking that its log is at least as up-to-date as theirs (§5.4.1)',
  },
  'read-index-without-quorum-check': {
    config: { confirmLeadership: false },
    description: 'a linearizable read is answered once the leader\'s commitIndex is applied, without a heartbeat round to a quorum, so a deposed leader answers with old data',
  },
} as const satisfies Record<string, RaftVariant>;

export type RaftVariantName = keyof typeof raftVariants;

export const isRaftVariant = (name: string | undefined): name is RaftVariantName => name !== undefined && Object.hasOwn(raftVariants, name);

export const variantConfig = (name: string | undefined): Partial<RaftConfig> => (isRaftVariant(name) ? raftVariants[name].config : {});
