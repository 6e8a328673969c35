import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { delosPlay } from '../../../snippets/delos/play.ts';
import { demo } from '../../../snippets/delos/demo.ts';
import { halfSealedRun, racingReconfigurationsRun, staleAppenderRun } from '../../../snippets/delos/scenarios.ts';
import { cardOf, expectSameRun, frameAtTick, played } from './played.ts';
import { callInTurn, expectUrlReplays } from './reader-calls.ts';

describe('the Delos descriptor plays the runs the note draws', () => {
  const cases = [
    ['stale-appender', undefined, () => simulate(staleAppenderRun(true))],
    ['stale-appender', 'no-seal', () => simulate(staleAppenderRun(false))],
    ['racing-reconfigurations', undefined, () => simulate(racingReconfigurationsRun())],
    ['half-sealed', undefined, () => simulate(halfSealedRun({}))],
    ['half-sealed', 'weak-seal', () => simulate(halfSealedRun({ sealQuorum: false, sealedTails: false }, false))],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(delosPlay, scenario, variant, simulated());
  });

  it('offers every broken variant of the demo (npm run snippet -- delos --variant list)', () => {
    expect(delosPlay.variants.map((v) => v.id)).toEqual(Object.keys(demo.variants!));
  });

  it('no seal: c2 and c3 are both told position 1, as the note says', () => {
    expect(played(delosPlay, 'stale-appender', 'no-seal').last.failure?.message).toMatch(/position 1 acknowledged twice: to append 2 and to append 3/);
  });

  it('the cards show the chain, and each Loglet\'s tail and seal bit', () => {
    const frame = frameAtTick(delosPlay, 'stale-appender', 40);
    expect(cardOf(delosPlay, frame, 'meta')).toEqual({ role: 'MetaStore', fields: { chain: 'v2: L0 simple from 0, L1 quorum from 1' } });
    expect(cardOf(delosPlay, frame, 's1')).toEqual({ role: 'simple Loglet', fields: { Loglets: 'L0: tail 1, sealed' } });
    expect(cardOf(delosPlay, frame, 'l2')).toEqual({ role: 'LogServer', fields: { Loglets: 'L1: tail 1' } });
    expect(cardOf(delosPlay, frame, 'seq')).toEqual({ role: 'sequencer', fields: { Loglets: 'L1: committed 1' } });
    expect(cardOf(delosPlay, frame, 'v1')).toEqual({ role: 'VirtualLog', fields: { chain: 'v2: L0 simple from 0, L1 quorum from 1', doing: 'append 3 for c3: append', queued: '0' } });
    // Without the seal, L0 never gets its bit.
    const unsealed = frameAtTick(delosPlay, 'stale-appender', 30, 'no-seal');
    expect(cardOf(delosPlay, unsealed, 's1').fields.Loglets).toBe('L0: tail 1');
    // Half sealed: by tick 33 v2's resent seal has reached l2 (l1 is down), not yet l3.
    const half = frameAtTick(delosPlay, 'half-sealed', 33);
    expect(cardOf(delosPlay, half, 'l2').fields.Loglets).toBe('L1: tail 1, sealed');
    expect(cardOf(delosPlay, half, 'l3').fields.Loglets).toBe('L1: tail 1');
  });
});

describe("the reader's client calls on Delos", () => {
  it('an append of 42 through v1 and a read through v2 are answered, the read ends with 42, show as "you", and replay from the URL', () => {
    const { player, frame, ours } = callInTurn(delosPlay, 'stale-appender', 60, [
      { call: 'append', to: 'v1', value: 42 },
      { call: 'read', to: 'v2' },
    ]);
    expect(ours.map((op) => [op.op, op.args, (op.result as { kind: string }).kind])).toEqual([
      ['append', 42, 'appended'],
      ['read', null, 'read'],
    ]);
    const pos = (ours[0]!.result as { pos: number }).pos;
    const entries = (ours[1]!.result as { entries: readonly number[] }).entries;
    expect(entries[pos]).toBe(42);
    expect(entries.at(-1)).toBe(42);
    const events = player.run.trace.events.slice(0, frame.traceLength);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'deliver', node: 'v1', from: 'you', message: { kind: 'append', value: 42 } }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'deliver', node: 'v2', from: 'you', message: { kind: 'read' } }));
    expect(events.filter((e) => e.kind === 'return' && e.node === 'you')).toHaveLength(2);
    expect(frame.failure).toBeUndefined();
    expectUrlReplays(delosPlay, player);
  });
});
