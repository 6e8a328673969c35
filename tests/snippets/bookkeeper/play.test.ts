/** The BookKeeper player descriptor plays the very runs the note draws, and each variant's known run breaks. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { bookkeeperPlay } from '../../../snippets/bookkeeper/play.ts';
import { demo } from '../../../snippets/bookkeeper/demo.ts';
import { ensembleChangeRun, firstEntryTakeoverRun, takeoverRun } from '../../../snippets/bookkeeper/scenarios.ts';
import { bookkeeperVariants } from '../../../snippets/bookkeeper/variants.ts';
import { cardOf, expectSameRun, frameAtTick, played } from '../play/played.ts';
import { callInTurn, expectUrlReplays } from '../play/reader-calls.ts';
import { explore as explorer } from '../../../snippets/bookkeeper/explore.ts';
import { resolveBounds } from '../../../snippets/explore/descriptor.ts';
import { explore } from '../../../snippets/explore/explorer.ts';
import { replayLink } from '../../../snippets/explore/player-link.ts';
import { ReplayRun } from '../../../snippets/play/replay.ts';
import { decodeReplaySpec } from '../../../snippets/play/url.ts';

describe('the BookKeeper descriptor plays the runs the note draws', () => {
  const cases = [
    ['takeover', undefined, () => simulate(takeoverRun())],
    ['takeover', 'recovery-without-fencing', () => simulate(takeoverRun(bookkeeperVariants['recovery-without-fencing'].config))],
    ['takeover', 'close-at-lac', () => simulate(takeoverRun(bookkeeperVariants['close-at-lac'].config))],
    ['ensemble-change', undefined, () => simulate(ensembleChangeRun())],
    ['first-entry', undefined, () => simulate(firstEntryTakeoverRun())],
    ['first-entry', 'close-at-lac', () => simulate(firstEntryTakeoverRun(bookkeeperVariants['close-at-lac'].config))],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(bookkeeperPlay, scenario, variant, simulated());
  });

  it('offers every broken variant of the demo', () => {
    expect(bookkeeperPlay.variants.map((v) => v.id).sort()).toEqual(Object.keys(demo.variants!).sort());
  });

  it.each(bookkeeperPlay.variants.filter((v) => v.failing).map((v) => [v.id, v] as const))('variant %s: its known failing run breaks an invariant, and runs clean without it', (_, variant) => {
    const { scenario, seed } = variant.failing!;
    const broken = played(bookkeeperPlay, scenario, variant.id, seed);
    expect(broken.last.failure?.message).toMatch(/^invariant "(every acknowledged entry is at or below its closed ledger's last entry|a fenced old writer gets no further acknowledgement)" violated: /);
    const clean = played(bookkeeperPlay, scenario, undefined, seed);
    expect(clean.last.failure).toBeUndefined();
    expect(clean.run.ended).toBe(true);
  });

  it('close-at-lac\'s known failing run is the short one: entry 0 acknowledged with the bookies at LAC -1, dropped by the close before step 30', () => {
    const failing = bookkeeperPlay.variants.find((v) => v.id === 'close-at-lac')!.failing!;
    expect(failing.scenario).toBe('first-entry');
    const broken = played(bookkeeperPlay, failing.scenario, 'close-at-lac', failing.seed);
    expect(broken.last.failure?.message).toMatch(/append 1 was acknowledged as L0:0, but L0 closed at entry -1$/);
    expect(broken.last.step).toBeLessThan(30);
    // Without the variant, recovery keeps entry 0: c2's read of the topic shows it in the closed L0.
    expect(simulate(firstEntryTakeoverRun({}, true)).history.map((op) => [op.client, op.args, op.result])).toEqual([
      ['c1', 1, { kind: 'appended', ledger: 0, entry: 0 }],
      ['c2', 10, { kind: 'appended', ledger: 1, entry: 0 }],
      ['c2', null, { kind: 'read', ledgers: [{ ledger: 0, entries: [1] }] }],
    ]);
  });

  it('the cards show the topic, each bookie\'s entries, LAC and fence bit, and what each broker does', () => {
    const frame = frameAtTick(bookkeeperPlay, 'takeover', 26);
    expect(cardOf(bookkeeperPlay, frame, 'zk').fields.ledgers).toBe('L0 IN_RECOVERY [0:b1,b2,b3]');
    expect(cardOf(bookkeeperPlay, frame, 'b1').fields.ledgers).toBe('L0: 0=1 2=3 3=4, LAC 2, fenced');
    expect(cardOf(bookkeeperPlay, frame, 'p2').fields.doing).toMatch(/^takes the topic: recovering L0/);
    const end = frameAtTick(bookkeeperPlay, 'takeover', 60);
    expect(cardOf(bookkeeperPlay, end, 'zk').fields.topic).toBe('L0 → L1');
    expect(cardOf(bookkeeperPlay, end, 'p1').fields.doing).toMatch(/^fenced out/);
    expect(cardOf(bookkeeperPlay, end, 'p2').fields.doing).toMatch(/^writes L1/);
  });
});

describe("the reader's client calls on BookKeeper", () => {
  it('a publish of 42 through p2 after the takeover lands in L1, and replays from the URL', () => {
    const { player, frame, ours } = callInTurn(bookkeeperPlay, 'takeover', 120, [{ call: 'append', to: 'p2', value: 42 }]);
    expect(ours.map((op) => [op.op, op.args, op.result])).toEqual([['append', 42, { kind: 'appended', ledger: 1, entry: 1 }]]);
    expect(frame.failure).toBeUndefined();
    expectUrlReplays(bookkeeperPlay, player);
  });
});

describe('the explorer\'s counterexample replays in the player from the URL npm run explore prints', () => {
  it('unfenced-recovery-reads: the same moves reach the same trace and the same violation', () => {
    const { size, bounds } = resolveBounds(explorer, 'unfenced-recovery-reads');
    const { violation } = explore(explorer.setup(size).setup, bounds);
    const link = replayLink('bookkeeper', size, violation!.events);
    expect(link.startsWith('/play/bookkeeper/?')).toBe(true);
    const spec = decodeReplaySpec(new URL(link, 'http://x').search.slice(1));
    const run = new ReplayRun(explorer, spec);
    expect(run.violation).toBe(violation!.message);
    expect(run.trace.events).toEqual(violation!.trace.events);
  }, 60_000);
});
