/** What a Dynamo trace shows, for the legend (`npm run snippet -- dynamo --legend` and the note page). */
import type { ModelLegend } from '../sim/legend.ts';
import { callLabel } from '../sim/trace.ts';
import { dynamo } from './node.ts';
import type { Version } from './versions.ts';

// Printed by the model's own describe functions, so the legend shows what the trace shows.
const seven: Version = { value: 7, context: {}, dot: { node: 'n3', counter: 1 } };

export const dynamoLegend: ModelLegend = {
  name: 'Dynamo',
  endpoints: [
    { term: 'n1 … n5', meaning: 'nodes: each stores replicas and coordinates the calls it receives' },
    { term: 'c1, c2, c3', meaning: 'clients reading and writing two shopping carts, cart-1 and cart-2' },
  ],
  example: {
    node: 'n3', peer: 'n1', client: 'c1',
    message: dynamo.describeMessage!({ kind: 'replicate', op: '1', key: 'cart-1', version: seven, hint: null }),
    call: callLabel('put', 7, 'cart-1'),
    response: dynamo.describeResponse!({ kind: 'put-ok', dot: seven.dot }),
    note: 'this put from c1 arrived a second time: a new version 7@n3:2, kept as a sibling of equal value',
  },
  notation: [
    { term: 'put(cart-1, 7), get(cart-1)', meaning: 'client calls: write 7 to cart-1, read cart-1' },
    { term: dynamo.describeRequest!({ kind: 'put', key: 'cart-1', context: { n1: 1 }, value: 7 }), meaning: 'the same put as the node receives it, with its context: the vector clock of the versions the client read ({} if none)' },
    { term: '7@n3:1', meaning: 'a version: value 7, written by a put that n3 coordinated, n3\'s first write (node:counter is the version\'s "dot")' },
    { term: '7@n3:1 | 9@n4:2', meaning: 'siblings: versions neither of which replaced the other (concurrent writes); a later put that read both replaces both' },
    { term: 'nothing', meaning: 'no version of the key' },
    { term: 'ok n3:1', meaning: 'a put\'s answer: acknowledged by W nodes, as version n3:1' },
    { term: 'replicate … hint n5', meaning: 'a copy sent to a fallback node because n5, a home replica, seems down; the fallback hands it to n5 later (handoff)' },
    { term: 'stored, op 4 / has …', meaning: 'a replica\'s answer to the coordinator\'s operation 4 (its own count, not a call number); op 2.4 is the 4th operation after the coordinator\'s 2nd restart' },
    { term: 'repair, handoff, took', meaning: 'read repair of a stale replica; a fallback handing hinted copies home; the home replica taking them' },
    { term: 'cart-1=7@n3:1; hint …', meaning: 'in persist lines: what the node holds on disk, per key, and the hints it keeps for others' },
    { term: 'boot 2', meaning: 'in persist lines: the node has restarted twice; its operation ids now carry that incarnation (op 2.4)' },
  ],
  verdict: 'no acknowledged put lost, no dot naming two different writes, and no stored sibling that descends from another (after every step), and after the heal every key\'s home replicas agree, hold every acknowledged put and keep no hints. Dynamo promises eventual consistency, not linearizability, so no linearizability check: a get may miss a recent put, and concurrent puts come back as siblings.',
};
