import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { dynamoPlay } from '../../../snippets/dynamo/play.ts';
import { demo } from '../../../snippets/dynamo/demo.ts';
import { concurrentPutsRun, deadHomesRun, firstReplyOnlyRun, forgottenCounterRun, partitionedWriteRun, restartedCoordinatorRun, writeThenReadRun } from '../../../snippets/dynamo/scenarios.ts';
import { cardOf, expectSameRun, frameAtTick, played } from './played.ts';
import { callInTurn, expectUrlReplays } from './reader-calls.ts';

describe('the Dynamo descriptor plays the runs the note draws', () => {
  const cases = [
    ['hinted-handoff', undefined, () => simulate(partitionedWriteRun(true))],
    ['hinted-handoff', 'no-hinted-handoff', () => simulate(partitionedWriteRun(false))],
    ['stale-read', undefined, () => simulate(writeThenReadRun(2, 2))],
    ['stale-read', 'r1-w1', () => simulate(writeThenReadRun(1, 1))],
    ['siblings', undefined, () => simulate(concurrentPutsRun())],
    ['restarted-coordinator', undefined, () => simulate(restartedCoordinatorRun(true))],
    ['restarted-coordinator', 'op-ids-restart', () => simulate(restartedCoordinatorRun(false))],
    ['forgotten-counter', undefined, () => simulate(forgottenCounterRun(true))],
    ['forgotten-counter', 'forgetful-dots', () => simulate(forgottenCounterRun(false))],
    ['first-reply', undefined, () => simulate(firstReplyOnlyRun(true))],
    ['first-reply', 'first-reply-get', () => simulate(firstReplyOnlyRun(false))],
    ['dead-homes', undefined, () => simulate(deadHomesRun(true))],
    ['dead-homes', 'ignore-suspicion', () => simulate(deadHomesRun(false))],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(dynamoPlay, scenario, variant, simulated());
  });

  it('offers every broken variant of the demo (npm run snippet -- dynamo --variant list)', () => {
    expect(dynamoPlay.variants.map((v) => v.id)).toEqual(Object.keys(demo.variants!));
  });

  it('no hinted handoff: the get after the heal misses the acknowledged put 7', () => {
    const { last } = played(dynamoPlay, 'hinted-handoff', 'no-hinted-handoff');
    expect(last.failure?.message).toMatch(/get\(cart-1\) at ticks 70-\d+ returned \[\], missing put 7/);
  });

  it('ignoring the failure detector is only slower: no failing run, every check holds, the last put returns later', () => {
    const variant = dynamoPlay.variants.find((v) => v.id === 'ignore-suspicion')!;
    expect(variant.failing).toBeUndefined();
    const lastPut = (v: string | undefined) => {
      const { last } = played(dynamoPlay, 'dead-homes', v);
      expect(last.failure).toBeUndefined();
      const puts = last.view.history.filter((op) => op.op === 'put');
      expect(puts.map((op) => op.returnTick !== undefined)).toEqual([true, true, true]);
      return puts[2]!.returnTick!;
    };
    expect(lastPut('ignore-suspicion')).toBeGreaterThan(lastPut(undefined) + 20);
  });

  it('a node card shows its ring position, stored versions with their vector clocks, and hints', () => {
    const siblings = frameAtTick(dynamoPlay, 'siblings', 12);
    const n4 = cardOf(dynamoPlay, siblings, 'n4');
    expect(n4.fields.ring).toMatch(/^tokens at (\d+, ){7}\d+% of the ring; home of cart-1 #1, cart-2 #2$/);
    expect(n4.fields['cart-1']).toBe('5 (dot n4:1, clock [n4:1]) | 6 (dot n5:1, clock [n5:1])');
    expect(n4.fields.hints).toBe('none');
    // During the partition, the fallbacks n3 and n1 keep put 7 as hints for n4 and n5.
    const handoff = frameAtTick(dynamoPlay, 'hinted-handoff', 22);
    expect(cardOf(dynamoPlay, handoff, 'n3').fields.hints).toBe('cart-1 = 7 for n4');
    expect(cardOf(dynamoPlay, handoff, 'n1').fields.hints).toBe('cart-1 = 7 for n5');
    expect(cardOf(dynamoPlay, handoff, 'n4').fields['cart-1']).toBe('nothing');
    // After the heal they hand it back.
    const healed = frameAtTick(dynamoPlay, 'hinted-handoff', 60);
    expect(cardOf(dynamoPlay, healed, 'n4').fields['cart-1']).toMatch(/^7 \(dot n3:1, clock \[n3:1\]\)$/);
    expect(cardOf(dynamoPlay, healed, 'n3').fields.hints).toBe('none');
  });
});

describe("the reader's client calls on Dynamo", () => {
  it('after the heal, a put of 42 to cart-1 through n4 and a get through n5 are answered; the empty-context put is a sibling of 7; the URL replays it', () => {
    const { player, frame, ours } = callInTurn(dynamoPlay, 'hinted-handoff', 90, [
      { call: 'put', to: 'n4', value: 42 },
      { call: 'get', to: 'n5' },
    ]);
    expect(ours.map((op) => [op.op, op.key, (op.result as { kind: string }).kind])).toEqual([
      ['put', 'cart-1', 'put-ok'],
      ['get', 'cart-1', 'get-ok'],
    ]);
    const get = ours[1]!.result as { siblings: ReadonlyArray<{ value: number }> };
    expect(get.siblings.map((v) => v.value).sort((a, b) => a - b)).toEqual([7, 42]);
    const events = player.run.trace.events.slice(0, frame.traceLength);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'deliver', node: 'n4', from: 'you', message: expect.objectContaining({ kind: 'put', key: 'cart-1', value: 42 }) }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'deliver', node: 'n5', from: 'you', message: expect.objectContaining({ kind: 'get', key: 'cart-1' }) }));
    expect(events.filter((e) => e.kind === 'return' && e.node === 'you')).toHaveLength(2);
    expect(frame.failure).toBeUndefined();
    expectUrlReplays(dynamoPlay, player);
  });
});
