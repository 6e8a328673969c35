/** What a quorum-register trace shows, for the legend (`npm run snippet -- quorums --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { register } from './register.ts';

// Printed by the model's own describe functions, so the legend shows what the trace shows.
const stored = { version: { counter: 1, writer: 'r1.2' }, value: 1001 };

export const quorumsLegend: ModelLegend = {
  name: 'the quorum register',
  endpoints: [
    { term: 'r1, r2, r3', meaning: 'replicas; each keeps one register and coordinates the calls it receives' },
    { term: 'c1, c2', meaning: 'clients, each with one call at a time, to a random replica' },
  ],
  example: {
    node: 'r1', peer: 'r2', client: 'c1', note: '',
    message: register.describeMessage!({ kind: 'store', op: '2', stored }),
    call: callLabel('write', 1001),
    response: register.describeResponse!({ kind: 'write-ok' }),
  },
  notation: [
    { term: 'write(1001), read()', meaning: 'a client call: write 1001, or read the register' },
    { term: 'query, op 2', meaning: 'phase 1: the coordinator asks for the replica\'s value; op 2 is the coordinator\'s own count of the reads and writes it runs (not a call number); op 1.2 is its 2nd after its 1st restart' },
    { term: 'has 1001 (v1 by r1.2), op 2', meaning: 'the answer: the value and its version: counter 1, written by operation 2 of r1 (higher counter, then writer, wins)' },
    { term: 'store …, op 2 / stored, op 2', meaning: 'phase 2: store the value with a higher version (a read writes back what it read); the acknowledgement' },
    { term: 'nothing', meaning: 'no value written yet' },
    { term: '… ; boot 1', meaning: 'in persist lines: the node has restarted once; its ids from now on carry that incarnation' },
    { term: 'read 1001, ok', meaning: 'the answer to a read, to a write' },
  ],
  verdict: 'that replicas only hold values some client wrote (after every step), that clients get answers after the heal, and the linearizability of the clients\' history as one register.',
};
