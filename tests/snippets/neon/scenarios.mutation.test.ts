/**
 * The note's scripted runs (snippets/neon/scenarios.ts) as their comments tell them: who commits what
 * where and when, and the faults of each script; and two edges of `quiet`, the diagrams' filter.
 * Written for mutation testing (docs/mutation.md, session 17: the whole run's survivors). Everything is
 * computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { lowerTermRun, normalCaseRun, oneFlushRun, proposerChange, proposerChangeRun, quiet } from '../../../snippets/neon/scenarios.ts';
import type { Trace, TraceEvent } from '../../../snippets/sim/index.ts';
import type { ScriptedRun } from '../../../snippets/play/from-run.ts';
import type { NeonTypes } from '../../../snippets/neon/state.ts';
import type { NeonMessage } from '../../../snippets/neon/types.ts';

type Context = Parameters<NonNullable<ScriptedRun<NeonTypes>['clients']>[number]['workload']>[0];
/** Each client's one call: its id, start tick and the call, and that it makes no second one. */
const calls = (run: ScriptedRun<NeonTypes>) => run.clients!.map((c) => {
  expect(c.workload({ index: 1 } as Context)).toBeUndefined();
  return [c.id, c.startTick, c.workload({ index: 0 } as Context)];
});
const commit = (to: string, value: number) => ({ to, request: { kind: 'commit', value }, op: 'commit', args: value, timeoutTicks: 30 });

describe('the scripted runs\' clients: one commit each, with a timeout of 30 ticks', () => {
  it('normal case: pg1 commits 1 at cA at tick 2; one-flush the same', () => {
    expect(calls(normalCaseRun())).toEqual([['pg1', 2, commit('cA', 1)]]);
    expect(calls(oneFlushRun(true))).toEqual([['pg1', 2, commit('cA', 1)]]);
  });

  it('proposer change: pg1 commits 1 at cA at tick 2, pg2 commits 2 at cB at tick 8', () => {
    expect(calls(proposerChangeRun(true))).toEqual([['pg1', 2, commit('cA', 1)], ['pg2', 8, commit('cB', 2)]]);
  });

  it('lower term: pg2 commits 2 at cB at tick 2, pg1 commits 1 at cA at tick 5', () => {
    expect(calls(lowerTermRun(true))).toEqual([['pg2', 2, commit('cB', 2)], ['pg1', 5, commit('cA', 1)]]);
  });
});

describe('the proposer change\'s faults', () => {
  it('cA is cut off from sk1 at tick 1; at tick 6 it crashes and the network heals', () => {
    const faults = proposerChange(true).trace.events.flatMap((e) => (e.kind === 'network' || e.kind === 'crash' ? [`${e.tick} ${e.kind} ${e.node} ${'text' in e ? e.text : ''}`.trim()] : []));
    expect(faults).toEqual(['1 network * partition cA | sk1', '6 crash cA', '6 network * heal']);
  });
});

describe('quiet: two more edges', () => {
  let tick = 0;
  let ids = 0;
  const ev = (e: Record<string, unknown>): TraceEvent => ({ tick: ++tick, ...e }) as unknown as TraceEvent;
  const message = (node: string, to: string, m: NeonMessage): [TraceEvent, TraceEvent] => {
    const msgId = ++ids;
    return [ev({ kind: 'send', node, to, msgId, label: m.kind, message: m }), ev({ kind: 'deliver', node: to, from: node, msgId, label: m.kind, duplicate: false, message: m })];
  };
  const kept = (events: TraceEvent[]) => quiet({ model: 'neon', seed: 1, nodes: ['cB', 'sk1'], clients: [], events } as unknown as Trace).events;

  it('a ProposerElected resent on the same link in the same term is left out', () => {
    const elected: NeonMessage = { kind: 'elected', boot: 0, term: 2, startStreamingAt: 0, termHistory: [] };
    const first = message('cB', 'sk1', elected);
    const again = message('cB', 'sk1', elected);
    expect(kept([...first, ...again])).toEqual(first);
  });

  it('losses of two kinds of message whose names begin alike are both kept (the kind is the label up to its "(")', () => {
    const drop = (label: string) => ev({ kind: 'drop', node: 'sk1', from: 'cB', msgId: 1000 + tick, label, reason: 'partition' });
    const greeting = drop('ProposerGreeting');
    const elected = drop('ProposerElected(term=2, start=0)');
    expect(kept([greeting, elected])).toEqual([greeting, elected]);
  });
});
