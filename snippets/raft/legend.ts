/** What a Raft trace shows, for the legend (`npm run snippet -- raft --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { raftFields } from './fields.ts';
import { describeMessage, raft } from './model.ts';

export const raftLegend: ModelLegend = {
  name: 'Raft with rqlite\'s read levels',
  endpoints: [
    { term: 's1, s2, s3', meaning: 'Raft servers, each a follower, candidate or leader, with the register as its state machine' },
    { term: 'p1, p2', meaning: 'writers, each writing unique values to the register through the leader' },
    { term: 'r1, r2', meaning: 'readers, each reading the register at one of rqlite\'s levels (none, weak, linearizable, strong)' },
  ],
  example: {
    node: 's2', peer: 's1', client: 'p1',
    // Printed by the model's own describe functions, so the legend shows what the trace shows.
    message: describeMessage({ kind: 'append-entries', term: 2, prevLogIndex: 3, prevLogTerm: 1, entries: [{ term: 2, command: { kind: 'write', value: 1001, session: 'p1', seq: 1 } }], leaderCommit: 3, round: 4 }),
    call: callLabel('write', [1, 1001]),
    response: raft.describeResponse!({ kind: 'written', index: 4, term: 2, node: 's1', leaderTerm: 2 }),
    note: 's1 leads term 2 (votes s1, s3)',
  },
  fields: raftFields,
  notation: [
    { term: 'write(1, 1001)', meaning: 'a client call: request number 1 of this writer, writing 1001 (a retry carries the same number)' },
    { term: 'read(2, weak)', meaning: 'a client call: read number 2 of this reader, at level weak' },
    { term: 'w1001@2, nop@2, rd@2', meaning: 'log entries with their term: a write of 1001, a new leader\'s blank entry, a strong read' },
    { term: 'ok, index 4@2', meaning: 'a write committed and applied as entry 4, of term 2' },
    { term: '1001 (s1, applied 4)', meaning: 'a read\'s answer: the value, which server gave it, and how much of the log it had applied' },
    { term: 'not leader, try s2', meaning: 'the server does not lead (or does not know who does); the client asks the one named' },
    { term: 'stale read refused', meaning: 'level none with a freshness bound: the server has not heard from a leader within it' },
    { term: 'term 3, voted s2, log [...], boot 1', meaning: 'what a server wrote to disk: currentTerm, votedFor, its log, and its restart count' },
  ],
  verdict: 'the invariants after every step (Election Safety, Log Matching, Leader Completeness, State Machine Safety, no acknowledged write lost), the linearizability of the writes with the linearizable and strong reads, and progress after the heal: every writer is acknowledged again.',
};
