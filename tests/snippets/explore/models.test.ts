/**
 * The explorer on every model: each broken variant a descriptor lists is found within that variant's
 * default bounds (the ones `npm run explore -- MODEL --variant V` uses), on a path of the pinned
 * shortest length, and the correct model shows no violation in the same shape and bounds.
 *
 * Time budget: each variant's search takes under 10 s of CPU (the deepest, VR's claim-view-at-once and
 * recover-from-older-primary and Delos's weak-seal, about 7 s); the correct-model runs stop after 30,000 states each (a few
 * seconds). About a minute of CPU in all: the whole file took 278 s of wall clock on the shared 2-core
 * machine at a load average of 10 to 15. The per-test timeouts are wall clock and generous for that.
 */
import { describe, expect, it } from 'vitest';
import { resolveBounds, type ExploreDescriptor } from '../../../snippets/explore/descriptor.ts';
import { explore } from '../../../snippets/explore/explorer.ts';
import { explore as bookkeeper } from '../../../snippets/bookkeeper/explore.ts';
import { explore as delos } from '../../../snippets/delos/explore.ts';
import { explore as dynamo } from '../../../snippets/dynamo/explore.ts';
import { explore as kafka } from '../../../snippets/kafka/explore.ts';
import { explore as quorums } from '../../../snippets/quorums/explore.ts';
import { explore as vr } from '../../../snippets/vr/explore.ts';
import { explore as steady } from '../../../snippets/steady/explore.ts';
import { explore as neon } from '../../../snippets/neon/explore.ts';
import { explore as raft } from '../../../snippets/raft/explore.ts';
import { formatTrace } from '../../../snippets/sim/index.ts';

const descriptors: Readonly<Record<string, ExploreDescriptor>> = { vr, dynamo, quorums, delos, bookkeeper, kafka, steady, raft, neon };

/** Per model and variant: what the violation says, and the length of the shortest path to it. */
const expected: Readonly<Record<string, Readonly<Record<string, { message: RegExp; events: number }>>>> = {
  vr: {
    'claim-view-at-once': { message: /committed operations survive every later view change[^]*r3, primary of view 2, has nothing at op-number 1/, events: 14 },
    'new-primary-keeps-own-log': { message: /committed operations survive every later view change[^]*has nothing at op-number 1/, events: 8 },
    'recovering-replica-takes-part': { message: /committed operations survive every later view change[^]*has nothing at op-number 1/, events: 9 },
    'no-start-view-change-round': { message: /committed operations survive every later view change/, events: 12 },
    'recover-on-one-answer': { message: /no two different operations are committed at the same op-number/, events: 17 },
    'recover-from-older-primary': { message: /no two different operations are committed at the same op-number/, events: 19 },
  },
  dynamo: {
    'r1-w1': { message: /a get sees every put acknowledged before it began[^]*missing put 1/, events: 6 },
    'first-reply-get': { message: /a get sees every put acknowledged before it began/, events: 10 },
    'op-ids-restart': { message: /no acknowledged put is lost[^]*put\(cart-1, 2\)/, events: 10 },
    'forgetful-dots': { message: /a dot names one write/, events: 7 },
  },
  quorums: {
    'r1-w1': { message: /^not linearizable:[^]*Cannot place: read\(\) → null/, events: 6 },
    'no-write-back': { message: /^not linearizable/, events: 14 },
    'writer-ids-restart': { message: /a version names one value[^]*version \(1, r1\.1\) names/, events: 12 },
    'reruns-duplicates': { message: /a value is stored under one version/, events: 9 },
    'ack-before-persist': { message: /^not linearizable:[^]*Cannot place: read\(\) → null/, events: 13 },
  },
  delos: {
    'no-seal': { message: /no append is acknowledged past its seal[^]*past its sealed end/, events: 14 },
    // After a directed prefix of 23 events (see delos/explore.ts); the shortest extension of it.
    'weak-seal': { message: /no append is acknowledged past its seal[^]*append 1 acknowledged at 0 on L1, past its sealed end 0/, events: 33 },
  },
  bookkeeper: {
    // After a directed prefix of 13 events (p1 owns the topic, c1's first append acknowledged; see bookkeeper/explore.ts).
    'recovery-without-fencing': { message: /a fenced old writer gets no further acknowledgement[^]*p1 confirmed L0 up to entry 1 after the ledger closed at 0/, events: 32 },
    'unfenced-recovery-reads': { message: /a fenced old writer gets no further acknowledgement[^]*p1 confirmed L0 up to entry 1 after the ledger closed at 0/, events: 32 },
    'close-at-lac': { message: /every acknowledged entry is at or below its closed ledger's last entry[^]*append 1 was acknowledged as L0:0, but L0 closed at entry -1/, events: 24 },
  },
  kafka: {
    'acks-1': { message: /no acknowledged record is lost[^]*produce 1 was acknowledged at offset 0, but leader b2 holds nothing there/, events: 4 },
    'unclean-election': { message: /no acknowledged record is lost[^]*but leader b3 holds nothing there/, events: 9 },
    // After a directed prefix of 7 events (p1's record acknowledged; see kafka/explore.ts): KIP-101's first case.
    'truncate-to-high-watermark': { message: /no acknowledged record is lost[^]*but leader b2 holds nothing there/, events: 12 },
    'accepts-stale-isr-change': { message: /only the current leader changes the ISR/, events: 8 },
  },
  steady: {
    'ack-before-all-replicas': { message: /no acknowledged append is lost[^]*append 1 was acknowledged at position 0 in epoch 1, but r2, primary of epoch 2, holds nothing there/, events: 14 },
    'reconfigure-without-seal': { message: /a sealed, stale primary appends nothing[^]*r1 gave epoch 1's tail as 0 entries, then took more/, events: 7 },
  },
  neon: {
    'ack-on-one-flush': { message: /no acknowledged commit is lost[^]*commit 1 was acknowledged at LSN 1, but only 1 safekeeper\(s\) hold it/, events: 5 },
    // After a directed prefix of 7 events (pg1's commit acknowledged; see neon/explore.ts).
    'skip-sync-from-majority': { message: /no acknowledged commit is lost[^]*commit 1 was acknowledged at LSN 1, but cB, leading term 2, streams/, events: 17 },
    // After a directed prefix of 8 events (a majority voted for term 2).
    'accept-lower-term': { message: /no acknowledged commit is lost[^]*commit 1 was acknowledged at LSN 1/, events: 17 },
  },
  raft: {
    'vote-without-log-check': { message: /Leader Completeness[^]*index 1@1 is committed \(s1's commitIndex in term 1\), but s2, leader of term 2, holds nop@2 there/, events: 8 },
    // After a directed prefix of 19 events (Figure 8's first three steps, then s1's count-based commit; see raft/explore.ts).
    'commit-previous-term-by-count': { message: /Leader Completeness[^]*index 2@1 is committed \(s1's commitIndex in term 3\), but s2, leader of term 4, holds nop@2 there/, events: 23 },
    // After a directed prefix of 15 events (s1 leads, s2 leads a later term and acknowledges p2's write).
    'read-index-without-quorum-check': { message: /^not linearizable/, events: 18 },
  },
};

const cases = Object.entries(descriptors).flatMap(([model, descriptor]) => Object.keys(descriptor.variants).map((variant) => ({ model, descriptor, variant })));

describe('every variant has an expectation here', () => {
  it.each(Object.keys(descriptors))('%s', (model) => {
    expect(Object.keys(expected[model]!).sort()).toEqual(Object.keys(descriptors[model]!.variants).sort());
  });
});

describe.each(cases)('explorer: $model --variant $variant, at its default bounds', ({ model, descriptor, variant }) => {
  const { size, bounds } = resolveBounds(descriptor, variant);
  const want = expected[model]![variant]!;

  it('finds the violation on a shortest path and prints it as a trace that ends in the failure', () => {
    const result = explore(descriptor.setup(size).setup, bounds);
    expect(result.violation?.message).toMatch(want.message);
    expect(result.violation!.events).toHaveLength(want.events);
    expect(result.violation!.trace.events.at(-1)).toMatchObject({ kind: 'failure', text: result.violation!.message });
    expect(formatTrace(result.violation!.trace)).toMatch(/\*\s+failure\s+/);
  }, 300_000);

  it('finds none in the correct model, same shape and bounds (first 30,000 states)', () => {
    const result = explore(descriptor.setup({ ...size, variant: undefined, shape: variant }).setup, { ...bounds, maxStates: 30_000 });
    expect(result.violation?.message).toBeUndefined();
    expect(result.distinctStates).toBeGreaterThan(100);
  }, 300_000);
});

describe('the descriptors', () => {
  it.each(Object.entries(descriptors))('%s names each variant with the rule it removes', (_name, descriptor) => {
    expect(Object.keys(descriptor.variants).length).toBeGreaterThan(0);
    for (const rule of Object.values({ ...descriptor.variants, ...descriptor.livenessOnly })) expect(rule.length).toBeGreaterThan(20);
  });
  // The correct models at their notes' bounds: correct-models.test.ts.
});
