/** What a VR trace shows, for the legend (`npm run snippet -- vr --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { vrFields } from './fields.ts';
import { describeMessage } from './replica.ts';

export const vrLegend: ModelLegend = {
  name: 'Viewstamped Replication',
  endpoints: [
    { term: 'r1, r2, r3', meaning: 'replicas; the primary of view 0 is r1, of view 1 r2, of view 2 r3, of view 3 r1 again, and so on' },
    { term: 'c1, c2', meaning: 'clients, each with one call at a time on keys x and y' },
  ],
  example: {
    node: 'r1', peer: 'r2', client: 'c1',
    message: describeMessage({ kind: 'prepare-ok', view: 0, opNumber: 3, replica: 'r2' }),
    call: `put(x, 1002, ${vrFields.show({ s: 2 })})`,
    response: `Reply(${vrFields.show({ v: 0, s: 2, result: null })})`,
    note: 'primary of view 1, op-number 4',
  },
  fields: vrFields,
  notation: [
    { term: 'put(x, 1002, s=2)', meaning: 'a client call: write 1002 to key x; the client\'s request-number is 2' },
    { term: 'get(x, s=3)', meaning: 'a client call: read key x' },
    { term: 'put(x,1002) c=c1 s=2', meaning: 'the same request as a replica receives it, with who sent it' },
  ],
  verdict: 'the invariants after every step (no two operations committed at one op-number, committed operations survive every view change, no request runs twice), progress after the heal, and the linearizability of the clients\' history as a key-value map (keys x and y checked independently).',
};
