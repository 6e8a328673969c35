/**
 * The scripted runs of snippets/bookkeeper/scenarios.ts as a caller sees them: the calls each script
 * makes (what the trace labels and the history name), which runs check the invariants themselves,
 * and the explorer's counterexample that the note draws. Written for mutation testing
 * (docs/mutation.md). Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { explorerCounterexample, firstEntryTakeoverRun, scenarios, takeover, takeoverRun } from '../../../snippets/bookkeeper/scenarios.ts';

describe('the scripted calls', () => {
  it('takeover: c1 publishes 1 to 8 through p1, c2 publishes 10 and reads through p2, c3 publishes 30 through p1; the history names each call', () => {
    const { history } = simulate(takeoverRun());
    const calls = (client: string) => history.filter((op) => op.client === client).map((op) => [op.op, op.args]);
    expect(calls('c1')).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((v) => ['append', v]));
    expect(calls('c2')).toEqual([['append', 10], ['read', null]]);
    expect(calls('c3')).toEqual([['append', 30]]);
  });

  it('the trace shows each call by its name and the broker it goes to, and the broker receives a publish with its value, a read as a read', () => {
    const { events } = takeover().trace;
    expect(events.flatMap((e) => (e.kind === 'invoke' && e.node === 'c2' ? [e.label] : []))).toEqual(['append(p2, 10)', 'read(p2)']);
    expect(events.flatMap((e) => (e.kind === 'deliver' && e.from === 'c2' && !e.duplicate ? [e.label] : []))).toEqual(['append 10', 'read']);
  });
});

describe('who checks the invariants', () => {
  it('a scripted run checks them only when asked: unchecked, close-at-lac\'s script runs to its end; checked, it stops at the broken rule', () => {
    const rules = { readPastLac: false };
    for (const unchecked of [simulate(takeoverRun(rules)), takeover(rules), simulate(firstEntryTakeoverRun(rules))]) {
      expect(unchecked.ok).toBe(true);
    }
    for (const checked of [simulate(takeoverRun(rules, true)), takeover(rules, true), simulate(firstEntryTakeoverRun(rules, true))]) {
      expect(checked).toMatchObject({ ok: false, kind: 'invariant-violated' });
    }
  });
});

describe('the explorer\'s counterexample', () => {
  it('is asked for a broken variant; for the correct model there is none, and it says so', () => {
    expect(() => explorerCounterexample('correct')).toThrow('the explorer found no violation for correct');
  });

  it('the unfenced-recovery-reads diagram starts at the explorer\'s 14th event, after the directed prefix', () => {
    const diagram = scenarios['unfenced-recovery-reads']!();
    expect(diagram).toMatch(/^ {4}%% bookkeeper, seed \d+, ticks 14–\d+$/m);
  });
});
