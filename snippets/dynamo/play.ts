/**
 * Dynamo in the browser player (snippets/play/): the note's scripted runs, imported from
 * scenarios.ts and run-dynamo.ts rather than copied, what a node's card shows (its place on the ring,
 * the versions it stores with their vector clocks, its hints, what it coordinates), and the broken
 * variants of demo.ts. tests/snippets/play/dynamo-play.test.ts checks the traces match the scripted runs.
 */
import type { PlayClientCall, PlayDescriptor } from '../play/descriptor.ts';
import { scenarioFromRun } from '../play/from-run.ts';
import { readerCall } from '../play/reader-call.ts';
import type { Invariant } from '../sim/index.ts';
import { dynamo } from './node.ts';
import { preferenceList } from './ring.ts';
import { dynamoInvariants, dynamoRunOptions, FAULTY, KEYS, staleGet } from './run-dynamo.ts';
import { concurrentPutsRun, deadHomesRun, firstReplyOnlyRun, forgottenCounterRun, partitionedWriteRun, restartedCoordinatorRun, writeThenReadRun } from './scenarios.ts';
import type { DynamoConfig, DynamoTypes, NodeState } from './types.ts';
import { clockOf, dotKey, type Version } from './versions.ts';
import { dynamoVariants, type DynamoVariantName } from './variants.ts';

/** The partition of the hinted-handoff script heals at this tick. */
const HEAL_TICK = 40;

/**
 * True of the hinted-handoff script only: a get that begins after the heal (and the handoff that
 * follows it) sees every put acknowledged before it. Without hints, the put stays on the fallbacks.
 */
function afterTheHeal(): Record<string, Invariant<DynamoTypes>> {
  return {
    ...dynamoInvariants({ strict: false }),
    'a get begun after the heal sees every acknowledged put (hinted handoff, §4.6)': ({ history }) => {
      for (const op of history) {
        if (op.op !== 'get' || op.returnTick === undefined || op.invokeTick <= HEAL_TICK) continue;
        const problem = staleGet(history, op as Parameters<typeof staleGet>[1]);
        if (problem) return problem;
      }
      return undefined;
    },
  };
}

const clock = (v: Version) => Object.entries(clockOf(v)).map(([node, n]) => `${node}:${n}`).join(' ');
const versions = (vs: readonly Version[]) => vs.map((v) => `${v.value} (dot ${dotKey(v.dot)}, clock [${clock(v)}])`).join(' | ');

/** Where the node sits on the ring: its tokens as percentages of the ring, and the keys it is a home replica of. */
function ringPosition(s: NodeState): string {
  const tokens = s.ring.filter((t) => t.node === s.id).map((t) => Math.floor((t.position / 2 ** 32) * 100));
  const homes = KEYS.flatMap((key) => {
    const rank = preferenceList(s.ring, key, s.config.n).indexOf(s.id);
    return rank < 0 ? [] : [`${key} #${rank + 1}`];
  });
  return `tokens at ${tokens.join(', ')}% of the ring; home of ${homes.length ? homes.join(', ') : 'no key'}`;
}

function coordinating(s: NodeState): string {
  const ops = Object.values(s.pending).map((p) => {
    const what = p.kind === 'put' ? `put ${p.version?.value ?? '?'} to ${p.key}` : `get ${p.key}`;
    const answered = p.asked.filter((a) => a.answered).map((a) => (a.home ? `${a.node} for ${a.home}` : a.node));
    return `${what}: ${answered.length ? `answered by ${answered.join(', ')}` : 'no answer yet'}${p.replied ? ', client told' : ''}`;
  });
  return ops.length ? ops.join('; ') : 'nothing';
}

const withConfig = (change: Partial<DynamoConfig>) => (base: DynamoConfig): DynamoConfig => ({ ...base, ...change });
const variant = (id: DynamoVariantName, label: string, failing?: { scenario: string; seed: number }) => ({ id, label, config: withConfig(dynamoVariants[id].config), ...(failing ? { failing } : {}) });

/** The key every scripted scenario puts and gets. */
const READER_KEY = KEYS[0];

/**
 * The reader's calls: a put or a get of cart-1 through the node the reader picks (a sloppy
 * coordinator if it is not a home), given up after 50 ticks as the workload's are. The reader's put
 * carries an empty context (the player keeps no get's context for it), so it replaces nothing: it
 * becomes a sibling of whatever the nodes hold, which the next get shows (§4.4).
 */
const readerCalls: ReadonlyArray<PlayClientCall<DynamoTypes>> = [
  readerCall('put', `Put to ${READER_KEY}`, { takesValue: true, timeoutTicks: 50 }, (value) => ({ request: { kind: 'put', key: READER_KEY, context: {}, value }, op: 'put', args: value, key: READER_KEY })),
  readerCall('get', `Get ${READER_KEY}`, { takesValue: false, timeoutTicks: 50 }, () => ({ request: { kind: 'get', key: READER_KEY }, op: 'get', args: READER_KEY, key: READER_KEY })),
];

export const dynamoPlay: PlayDescriptor<DynamoTypes> = {
  name: 'dynamo',
  title: 'Dynamo',
  model: dynamo,
  scenarios: [
    scenarioFromRun(
      { id: 'hinted-handoff', label: 'Sloppy quorum and hinted handoff', description: "cart-1's home replicas n4, n5, n2 are cut off. c1's put(7) through n3 lands on the fallbacks n3 and n1 with hints; after the heal at tick 40 they hand it back, and c2's get through n4 at tick 70 sees 7.", invariants: afterTheHeal },
      () => partitionedWriteRun(true),
    ),
    scenarioFromRun(
      { id: 'stale-read', label: 'A put, then a get (R + W > N)', description: "n4's messages to n5 and n2 are cut. c1's put(7) through n4 waits for a second copy; c2's get through n5 at tick 5 is concurrent with it, not stale.", invariants: () => dynamoInvariants({ strict: true }) },
      () => writeThenReadRun(2, 2),
    ),
    scenarioFromRun(
      { id: 'siblings', label: 'Concurrent puts become siblings', description: 'c1 and c2 put 5 and 6 with empty contexts at once; c3 gets both as siblings, writes back 12 with the merged context, and the next get returns 12 alone (§4.4).' },
      () => concurrentPutsRun(),
    ),
    scenarioFromRun(
      { id: 'restarted-coordinator', label: 'A coordinator restarts mid-put', description: "n3 sends c1's put(5) and crashes at tick 5; its old replicas' acks come back to the restarted n3 while c2's put(7) is cut from the homes. The incarnation keeps those acks from counting for put 7." },
      () => restartedCoordinatorRun(true),
    ),
    scenarioFromRun(
      { id: 'forgotten-counter', label: 'A coordinator restarts between puts', description: "n3 stamps c1's put(5) as n3:1, crashes and restarts at tick 8, then stamps c2's put(7): the counter on disk makes it n3:2, so the homes keep both." },
      () => forgottenCounterRun(true),
    ),
    scenarioFromRun(
      { id: 'first-reply', label: 'A get merges its R replies', description: "c1's put(7) through n4 reaches n2 but not n5. c2's get through n5 hears n5's empty copy and n2's 7, merges them, and returns 7." },
      () => firstReplyOnlyRun(true),
    ),
    scenarioFromRun(
      { id: 'dead-homes', label: 'Two home replicas down', description: "n4 and n2 are down. c1's first put through n5 waits out their timeout before moving their shares to fallbacks; n5 then suspects them, and the next puts go straight to n5, n3 and n1." },
      () => deadHomesRun(true),
    ),
    scenarioFromRun(
      { id: 'faulty', label: 'Random faults', description: 'The demo: three clients read and write two carts on five nodes while the network loses, duplicates and reorders messages and nodes crash; add your own faults.' },
      () => dynamoRunOptions({ seed: 1, safetyTicks: 80, ...FAULTY }),
    ),
  ],
  variants: [
    variant('no-hinted-handoff', 'Fallbacks keep the replica as their own (no hint, §4.6)', { scenario: 'hinted-handoff', seed: 1 }),
    variant('r1-w1', 'R = W = 1: reads no longer meet writes (R + W ≤ N, §4.5)', { scenario: 'stale-read', seed: 1 }),
    variant('op-ids-restart', 'Operation ids restart after a crash (no incarnation)', { scenario: 'restarted-coordinator', seed: 1 }),
    variant('forgetful-dots', 'The dot counter is lost in a crash (§4.4)', { scenario: 'forgotten-counter', seed: 1 }),
    variant('first-reply-get', 'A get keeps one reply instead of merging all R (§4.5)', { scenario: 'first-reply', seed: 1 }),
    variant('ignore-suspicion', 'Targets ignore the failure detector: slower, never unsafe (§4.6)'),
  ],
  invariants: () => dynamoInvariants({ strict: false }),
  nodeView: (s) => ({
    role: Object.keys(s.pending).length > 0 ? 'coordinating' : 'node',
    fields: [
      { label: 'ring', value: ringPosition(s) },
      ...KEYS.map((key) => ({ label: key, value: s.store[key]?.length ? versions(s.store[key]) : 'nothing' })),
      { label: 'hints', value: s.hints.length ? s.hints.map((h) => `${h.key} = ${h.version.value} for ${h.home}`).join('; ') : 'none' },
      { label: 'coordinating', value: coordinating(s) },
    ],
  }),
  maxTicks: 400,
  // No checkHistory: a sloppy quorum is not linearizable, and the invariants above check what Dynamo promises.
  clientCalls: readerCalls,
};
