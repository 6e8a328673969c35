/** What a Neon trace shows, for the legend (`npm run snippet -- neon --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { neonFields } from './fields.ts';
import { describeMessage, neon } from './model.ts';

export const neonLegend: ModelLegend = {
  name: 'Neon WAL service',
  endpoints: [
    { term: 'cA, cB', meaning: 'compute nodes, each running the walproposer (the proposer); cA leads term 1 when the timeline is created' },
    { term: 'sk1, sk2, sk3', meaning: 'safekeepers (the acceptors): they vote in terms, keep the WAL on disk and report flush_lsn' },
    { term: 'ps', meaning: 'the pageserver (the learner): it reads WAL from a safekeeper, only up to commit_lsn' },
    { term: 's3', meaning: 'object storage: safekeepers upload committed WAL there, then trim it from their disks' },
    { term: 'pg1, pg2', meaning: 'Postgres clients committing transactions at a compute' },
  ],
  example: {
    node: 'sk2', peer: 'cA', client: 'pg1',
    // Printed by the model's own describe functions, so the legend shows what the trace shows.
    message: describeMessage({ kind: 'append', boot: 0, term: 1, beginLsn: 0, records: [1000], commitLsn: 0, truncateLsn: 0 }),
    call: callLabel('commit', 1000),
    response: neon.describeResponse!({ kind: 'committed', lsn: 1, term: 1, by: 'cA.0' }),
    note: 'elected in term 2: donor sk2 (last_log_term 1, flush_lsn 1)',
  },
  fields: neonFields,
  notation: [
    { term: 'commit(1000)', meaning: 'a client call: commit the transaction whose commit record is the value 1000' },
    { term: 'committed at LSN 1 (term 1, cA.0)', meaning: 'the answer: the record ends at LSN 1, below commit_lsn; acknowledged by cA in its first life (boot 0), leading term 1' },
    { term: '1@0 2@1', meaning: 'a term history: term 1 begins at LSN 0, term 2 at LSN 1' },
    { term: 'LSN', meaning: 'a position in the WAL; in the model one record spans one LSN (Neon counts bytes)' },
    { term: 'WAL (from 3) [...]', meaning: 'a safekeeper\'s disk after trimming: the records from LSN 3 on; those below are in object storage' },
  ],
  verdict: 'the invariants after every step (at most one proposer per term, commit_lsn never moves back, no acknowledged commit lost, the pageserver and object storage hold only committed WAL) and progress after the heal: a commit made then is acknowledged.',
};
