/**
 * The fields VR's messages print with, named as in the paper (VRR §4) and explained once: the trace
 * prints through `vrFields.show` and the legend lists `vrFields.meanings`.
 */
import { defineFields } from '../sim/fields.ts';

export const vrFields = defineFields({
  v: 'view-number: which view (primary r1, r2, r3 in turn for views 0, 1, 2, …) the sender is in',
  "v'": 'in DoViewChange: the last view in which the sender was normal (its log is from that view)',
  n: 'op-number: the position of the latest entry in the sender\'s log',
  k: 'commit-number: the position of the latest committed entry (k ≤ n)',
  c: 'client-id of a request',
  s: 'request-number: the client\'s count of its own calls; a retry carries the same s',
  nonce: 'in Recovery: the recovering replica\'s fresh number, echoed so old answers are told apart',
  result: 'in a Reply: what the call returned: a get\'s value (null if never written); null for a put',
  restarts: 'on disk: how many times the replica restarted (the source of its nonce)',
});
