/**
 * The Kafka player descriptor plays, event for event, the scripted runs the note draws, and each
 * broken variant's known failing run breaks an invariant in the player and runs clean without it.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { kafkaPlay } from '../../../snippets/kafka/play.ts';
import { demo } from '../../../snippets/kafka/demo.ts';
import { acksRun, normalCaseRun, staleIsrRun, truncateToHighWatermarkRun, uncleanElectionRun } from '../../../snippets/kafka/scenarios.ts';
import { cardOf, expectSameRun, frameAtTick, played } from '../play/played.ts';

describe('the Kafka descriptor plays the runs the note draws', () => {
  const cases = [
    ['normal-case', undefined, () => simulate(normalCaseRun())],
    ['unclean-election', undefined, () => simulate(uncleanElectionRun(false))],
    ['unclean-election', 'unclean-election', () => simulate(uncleanElectionRun(true))],
    ['truncate-to-high-watermark', undefined, () => simulate(truncateToHighWatermarkRun('leader-epoch'))],
    ['truncate-to-high-watermark', 'truncate-to-high-watermark', () => simulate(truncateToHighWatermarkRun('high-watermark'))],
    ['acks-1', 'acks-1', () => simulate(acksRun('1'))],
    ['stale-isr-change', 'accepts-stale-isr-change', () => simulate(staleIsrRun(false))],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(kafkaPlay, scenario, variant, simulated());
  });

  it('offers every broken variant of the demo (npm run snippet -- kafka --variant list)', () => {
    expect(kafkaPlay.variants.map((v) => v.id)).toEqual(Object.keys(demo.variants!));
  });

  it.each(kafkaPlay.variants.map((v) => [v.id, v] as const))('variant %s: its known failing run breaks an invariant, and runs clean without it', (_, variant) => {
    const { scenario, seed } = variant.failing!;
    const broken = played(kafkaPlay, scenario, variant.id, seed);
    expect(broken.last.failure?.message).toMatch(/^invariant "(no acknowledged record is lost|only the current leader changes the ISR)/);
    const clean = played(kafkaPlay, scenario, undefined, seed);
    expect(clean.run.ended).toBe(true);
    expect(clean.last.failure).toBeUndefined();
  });

  it('the cards show the metadata, and each broker\'s log and high watermark', () => {
    const frame = frameAtTick(kafkaPlay, 'normal-case', 12);
    expect(cardOf(kafkaPlay, frame, 'ctl').fields.partition).toBe('leader b1, epoch 0, ISR {b1,b2,b3}, partition epoch 0');
    expect(cardOf(kafkaPlay, frame, 'b1')).toMatchObject({ role: 'leader', fields: { log: '1@0', 'high watermark': '1' } });
    expect(cardOf(kafkaPlay, frame, 'b2')).toMatchObject({ role: 'follower', fields: { log: '1@0' } });
  });
});
