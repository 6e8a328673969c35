/** What a VR trace shows, for the legend (`npm run snippet -- vr --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { vrFields } from './fields.ts';
import { describeMessage, replica } from './replica.ts';
import { callArgs } from './run-vr.ts';
import type { Operation } from './types.ts';

// Printed by the same functions as the trace, so the legend shows what the trace shows.
const put: Operation = { f: 'put', key: 'x', value: 1002 };
const get: Operation = { f: 'get', key: 'x' };
const putCall = callLabel('put', callArgs(put, 2), 'x');

export const vrLegend: ModelLegend = {
  name: 'Viewstamped Replication',
  endpoints: [
    { term: 'r1, r2, r3', meaning: 'replicas; the primary of view 0 is r1, of view 1 r2, of view 2 r3, of view 3 r1 again, and so on' },
    { term: 'c1, c2', meaning: 'clients, each with one call at a time on keys x and y' },
  ],
  example: {
    node: 'r1', peer: 'r2', client: 'c1',
    message: describeMessage({ kind: 'prepare-ok', view: 0, opNumber: 3, replica: 'r2' }),
    call: putCall,
    response: replica.describeResponse!({ view: 0, requestNumber: 2, result: null }),
    note: 'primary of view 1, op-number 4',
  },
  fields: vrFields,
  notation: [
    { term: putCall, meaning: 'a client call: write 1002 to key x; the client\'s request-number is 2' },
    { term: callLabel('get', callArgs(get, 3), 'x'), meaning: 'a client call: read key x' },
    { term: replica.describeRequest!({ client: 'c1', requestNumber: 2, op: put }), meaning: 'the same request as a replica receives it, with who sent it' },
  ],
  verdict: 'the invariants after every step (no two operations committed at one op-number, committed operations survive every view change, no request runs twice), progress after the heal, and the linearizability of the clients\' history as a key-value map (keys x and y checked independently).',
};
