/** What a Delos trace shows, for the legend (`npm run snippet -- delos --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { delos, describeMessage } from './model.ts';

export const delosLegend: ModelLegend = {
  name: 'Delos',
  endpoints: [
    { term: 'v1, v2', meaning: 'VirtualLog nodes: they take clients\' calls and run them on the chain of Loglets' },
    { term: 'meta', meaning: 'the MetaStore: holds the chain, a versioned register' },
    { term: 's1', meaning: 'the simple Loglet\'s one storage node' },
    { term: 'seq, l1, l2, l3', meaning: 'the quorum Loglet: its sequencer and three LogServers' },
    { term: 'c1, c2, admin', meaning: 'clients appending and reading; admin asks for reconfigurations' },
  ],
  example: {
    node: 'v1', peer: 'seq', client: 'c1', note: '',
    // Printed by the model's own describe functions, so the legend shows what the trace shows.
    message: describeMessage({ kind: 'append', loglet: 1, op: 'v1.3', value: 1001 }),
    call: callLabel('append', 1001),
    response: delos.describeResponse!({ kind: 'appended', pos: 1, loglet: 1, local: 0 }),
  },
  notation: [
    { term: 'append(1001), read(), reconfigure(quorum)', meaning: 'client calls: append a value, read the whole log, move the log onto a new Loglet of that kind' },
    { term: 'L1', meaning: 'Loglet number 1 (L0 is the first); L1:0 is its position 0' },
    { term: 'at 1 (L1:0)', meaning: 'an append\'s answer: position 1 of the whole log, stored at L1:0' },
    { term: '[2000,1001]', meaning: 'a read\'s answer: the log, oldest first; _ in a Loglet\'s entries is a position with nothing stored' },
    { term: 'v2 [s0@0 q1@1]', meaning: 'chain version 2: simple Loglet L0 from position 0, then quorum Loglet L1 from position 1' },
    { term: 'write chain if v1; won / lost', meaning: 'a conditional write of the chain to the MetaStore, and whether it won' },
    { term: 'seal, checkTail, readNext', meaning: 'the Loglet calls of the paper (§3): close a Loglet, ask for its end, read a range' },
    { term: 'unknown', meaning: 'the answer when a VirtualLog node cannot tell whether an append took effect' },
  ],
  verdict: 'the invariants after every step, progress after the heal, and the linearizability of the appends and reads as one append-only log (reconfigurations are not part of it).',
};
