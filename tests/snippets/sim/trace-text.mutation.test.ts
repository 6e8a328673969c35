/**
 * The text trace's rules on traces written by hand, where every case is exact: a window includes both
 * of its end ticks; the endpoint column is as wide as the longest endpoint name (at least 4); a call's
 * first attempt is not called one; phase and failure lines print their text. (Written for mutation
 * testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { Trace, TraceEvent } from '../../../snippets/sim/index.ts';
import { eventDetail, formatEvent, formatTrace, windowEvents } from '../../../snippets/sim/trace-text.ts';

const note = (tick: number, node: string, text = `at ${tick}`): TraceEvent => ({ tick, node, kind: 'note', text });
const trace = (events: TraceEvent[], nodes = ['r1', 'r2'], clients: string[] = []): Trace => ({ model: 'toy', seed: 1, nodes, clients, events });

describe('a window of the trace', () => {
  const events = [1, 2, 3, 4, 5].map((tick) => note(tick, 'r1'));

  it('includes its first and its last tick', () => {
    expect(windowEvents(trace(events), { fromTick: 2, toTick: 4 }).map((e) => e.tick)).toEqual([2, 3, 4]);
  });

  it('a window of one tick holds that tick', () => {
    expect(windowEvents(trace(events), { fromTick: 3, toTick: 3 }).map((e) => e.tick)).toEqual([3]);
  });

  it('without bounds, every event', () => {
    expect(windowEvents(trace(events)).map((e) => e.tick)).toEqual([1, 2, 3, 4, 5]);
  });

  it('chosen endpoints keep the cluster-wide events, and only those endpoints', () => {
    const mixed = trace([note(1, 'r1'), note(1, 'r2'), { tick: 1, node: '*', kind: 'network', text: 'heal' }]);
    expect(windowEvents(mixed, { nodes: ['r2'] }).map((e) => e.node)).toEqual(['r2', '*']);
  });
});

describe('the endpoint column', () => {
  it('is four wide for short names', () => {
    expect(formatTrace(trace([note(1, 'r1')]))).toBe('     1  r1    note       at 1\n');
  });

  it('is as wide as the longest node or client name', () => {
    const text = formatTrace(trace([note(1, 'r1'), note(2, 'client-long')], ['r1'], ['client-long']));
    expect(text).toBe('     1  r1           note       at 1\n     2  client-long  note       at 2\n');
  });

  it('a single event alone uses four', () => {
    expect(formatEvent(note(12, 'r1'))).toBe('    12  r1    note       at 12');
  });
});

describe('event details', () => {
  const invoke = (attempt: number | undefined): TraceEvent => ({
    tick: 1, node: 'c1', kind: 'invoke', to: 'r1', msgId: 4, opId: 2, call: 3, label: 'get x', ...(attempt === undefined ? {} : { attempt }),
  });

  it("a call's first attempt is just the call, given or not; a retry names its attempt", () => {
    expect(eventDetail(invoke(undefined))).toBe('call 3 get x → r1 #4');
    expect(eventDetail(invoke(1))).toBe('call 3 get x → r1 #4');
    expect(eventDetail(invoke(2))).toBe('call 3 (attempt 2) get x → r1 #4');
  });

  it('phase and failure lines print their text', () => {
    expect(eventDetail({ tick: 5, node: '*', kind: 'phase', text: 'settle: faults off' })).toBe('settle: faults off');
    expect(eventDetail({ tick: 6, node: '*', kind: 'failure', text: 'invariant "x" violated' })).toBe('invariant "x" violated');
  });
});
