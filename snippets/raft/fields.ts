/** The fields Raft's messages print with, named as the paper's Figure 2 names them and explained once (the legend lists them). */
import { defineFields } from '../sim/fields.ts';

export const raftFields = defineFields({
  t: 'term: the sender\'s currentTerm (Raft §5.1); a server that sees a higher one adopts it and follows',
  last: 'in RequestVote: the index and term of the candidate\'s last log entry, as index@term (§5.4.1)',
  prev: 'in AppendEntries: the index and term of the entry just before the new ones, as index@term; the follower must hold it (§5.3)',
  entries: 'the entries sent, each as value@term (w1@2: a write of 1 in term 2; nop: a new leader\'s blank entry; rd: a strong read)',
  commit: 'the leader\'s commitIndex: entries up to it are committed, and the follower may apply them',
  round: 'the leader\'s heartbeat round in this term; a linearizable read waits for a quorum to answer a round sent after it arrived',
  match: 'in a reply: the index through which the follower\'s log now matches (on success), or a hint where to retry (on refusal)',
});
