import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { quorumsPlay } from '../../../snippets/quorums/play.ts';
import { halfFinishedWriteRun, restartedWriterRun, writeThenReadRun } from '../../../snippets/quorums/scenarios.ts';
import { cardOf, expectSameRun, frameAtTick, played } from './played.ts';
import { callInTurn, expectUrlReplays } from './reader-calls.ts';

describe('the quorum register descriptor plays the runs the note draws', () => {
  const cases = [
    ['write-then-read', undefined, () => simulate(writeThenReadRun(2, 2))],
    ['write-then-read', 'r1-w1', () => simulate(writeThenReadRun(1, 1))],
    ['half-finished-write', undefined, () => simulate(halfFinishedWriteRun(true))],
    ['half-finished-write', 'no-write-back', () => simulate(halfFinishedWriteRun(false))],
    ['restarted-writer', undefined, () => simulate(restartedWriterRun(true))],
    ['restarted-writer', 'writer-ids-restart', () => simulate(restartedWriterRun(false, false))],
  ] as const;

  it.each(cases)('%s (variant %s): the same events as the scripted run', (scenario, variant, simulated) => {
    expectSameRun(quorumsPlay, scenario, variant, simulated());
  });

  it('has a known failing run for every broken variant of the demo (npm run snippet -- quorums --variant list)', () => {
    expect(quorumsPlay.variants.map((v) => v.id)).toEqual(['r1-w1', 'no-write-back', 'writer-ids-restart', 'reruns-duplicates']);
    expect(quorumsPlay.variants.every((v) => v.failing)).toBe(true);
  });

  it('R = W = 1: the linearizability checker stops the run at the stale read and names it', () => {
    const { last } = played(quorumsPlay, 'write-then-read', 'r1-w1');
    expect(last.failure?.message).toBe('not linearizable (register): read() → null by c2, answered at tick 8, fits no order of the operations acknowledged before it (those that fit leave the value 7)');
  });

  it('a duplicated request run twice (seed 1394, the note\'s): 2001 is read after 3001 overwrote it', () => {
    const { last } = played(quorumsPlay, 'faulty-one-quorum', 'reruns-duplicates', 1394);
    expect(last.failure?.message).toMatch(/^not linearizable \(register\): read\(\) → 2001 by c1, answered at tick \d+, fits no order of the operations acknowledged before it \(those that fit leave the value 3001\)$/);
  });

  it('a replica card shows its value and version, and which replicas an operation it coordinates has reached', () => {
    // Tick 5 of the write-then-read script: r1 has stored 7 itself and waits for r2's ack (its store to r3 is cut).
    const during = frameAtTick(quorumsPlay, 'write-then-read', 5);
    const r1 = cardOf(quorumsPlay, during, 'r1');
    expect(r1.role).toBe('coordinating');
    expect(r1.fields).toMatchObject({ value: '7', version: '(1, r1.1)', boot: '0' });
    expect(r1.fields.coordinating).toBe('write 7: store 7 (1, r1.1), reached r1');
    const r3 = cardOf(quorumsPlay, during, 'r3');
    expect(r3).toEqual({ role: 'replica', fields: { value: 'none', version: 'none', boot: '0', coordinating: 'nothing' } });
    const after = frameAtTick(quorumsPlay, 'write-then-read', 16);
    expect(cardOf(quorumsPlay, after, 'r2').fields).toMatchObject({ value: '7', version: '(1, r1.1)' });
  });

  it('after a restart the card shows the boot count the incarnation comes from', () => {
    const frame = frameAtTick(quorumsPlay, 'restarted-writer', 8);
    expect(cardOf(quorumsPlay, frame, 'r1').fields.boot).toBe('1');
  });
});

describe("the reader's client calls on the quorum register", () => {
  it('a write of 42 through r2 and then a read through r3 reach the replicas, are answered, show as "you", and replay from the URL', () => {
    const { player, frame, ours } = callInTurn(quorumsPlay, 'write-then-read', 30, [
      { call: 'write', to: 'r2', value: 42 },
      { call: 'read', to: 'r3' },
    ]);
    expect(ours.map((op) => [op.op, op.args, op.result])).toEqual([
      ['write', 42, { kind: 'write-ok' }],
      ['read', null, { kind: 'read-ok', value: 42 }],
    ]);
    const events = player.run.trace.events.slice(0, frame.traceLength);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'deliver', node: 'r2', from: 'you', message: expect.objectContaining({ kind: 'write', value: 42 }) }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'deliver', node: 'r3', from: 'you', message: expect.objectContaining({ kind: 'read' }) }));
    expect(events.filter((e) => e.kind === 'return' && e.node === 'you')).toHaveLength(2);
    expect(player.run.trace.clients).toContain('you');
    expect(frame.failure).toBeUndefined();
    expectUrlReplays(quorumsPlay, player);
  });
});
