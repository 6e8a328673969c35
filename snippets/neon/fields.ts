/** The fields Neon's messages print with, named as Neon names them and explained once (the legend lists them). */
import { defineFields } from '../sim/fields.ts';

export const neonFields = defineFields({
  term: 'the proposer\'s term (Neon\'s ballot): a safekeeper votes once per term and refuses WAL from a lower one',
  given: 'whether the safekeeper gave its vote (it does only for a term higher than any it voted for)',
  flush: 'flush_lsn: the end of the WAL the safekeeper has on disk',
  llt: 'last_log_term: the term of the safekeeper\'s last WAL, from its term history; votes are compared by <last_log_term, flush_lsn>',
  th: 'term history: where each term\'s WAL begins, as term@lsn',
  start: 'startStreamingAt: where the safekeeper truncates its WAL and the proposer starts streaming to it',
  begin: 'the LSN the records of an AppendRequest start at',
  records: 'the WAL records (commit values) carried',
  commit: 'commit_lsn: WAL below it is flushed on a majority in the proposer\'s term, and may be acknowledged and read',
  trunc: 'truncate_lsn: WAL below it is flushed on every safekeeper',
  from: 'the LSN a read or an upload starts at',
  upTo: 'how far the object store\'s copy of the WAL now reaches',
  rcl: 'remote_consistent_lsn: what the pageserver has made durable, so safekeepers may trim below it',
});
