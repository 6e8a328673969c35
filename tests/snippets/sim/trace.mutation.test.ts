/**
 * How single trace events read, as text and as diagram lines, on hand-written traces (a trace is plain
 * data): the events a small simulated run never produces (a late reply, a retry, a crash inside a
 * step, a timeout, a persist shown on request) and the edges of labels and participant names.
 * (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { traceToDiagram, traceToMermaid } from '../../../snippets/sim/trace-diagram.ts';
import { eventDetail } from '../../../snippets/sim/trace-text.ts';
import { callLabel, compactLabel, type Trace, type TraceEvent } from '../../../snippets/sim/trace.ts';

const trace = (events: TraceEvent[], nodes = ['r1', 'r2'], clients = ['c1']): Trace => ({ model: 'toy', seed: 9, nodes, clients, events });

describe('labels', () => {
  it('a value with no description is compact JSON, cut to 60 characters with an ellipsis', () => {
    expect(compactLabel({ a: 1 })).toBe('{"a":1}');
    const long = 'x'.repeat(70);
    expect(compactLabel(long)).toBe(`"${'x'.repeat(58)}…`);
    expect(compactLabel(long)).toHaveLength(60);
    expect(compactLabel('x'.repeat(58))).toBe(`"${'x'.repeat(58)}"`);
  });

  it('a value JSON cannot write is written as its string', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(compactLabel(loop)).toBe('[object Object]');
    expect(compactLabel(10n)).toBe('10');
    expect(compactLabel(undefined)).toBe('undefined');
  });

  it('a call names its key first, even when the arguments leave it out', () => {
    expect(callLabel('put', ['v'], 'x')).toBe('put(x, v)');
    expect(callLabel('put', ['x', 'v'], 'x')).toBe('put(x, v)');
    expect(callLabel('get', undefined, 'x')).toBe('get(x)');
    expect(callLabel('cas', [1, { to: 2 }])).toBe('cas(1, {"to":2})');
    expect(callLabel('inc', null)).toBe('inc()');
    expect(callLabel('write', 3)).toBe('write(3)');
  });
});

describe('event details in the text trace', () => {
  it('a retry says which attempt it is; a first attempt does not', () => {
    const invoke = (attempt: number): TraceEvent => ({ tick: 1, node: 'c1', kind: 'invoke', to: 'r1', msgId: 4, opId: 6, call: 2, attempt, label: 'get(x)' });
    expect(eventDetail(invoke(2))).toBe('call 2 (attempt 2) get(x) → r1 #4');
    expect(eventDetail(invoke(1))).toBe('call 2 get(x) → r1 #4');
  });

  it('a hand-written client line without a call number is named by its op id', () => {
    expect(eventDetail({ tick: 1, node: 'c1', kind: 'timeout', opId: 6, afterTicks: 5 })).toBe('call 6 gave up after 5 ticks');
  });

  it('a timer counts its effects, one or many', () => {
    expect(eventDetail({ tick: 1, node: 'r1', kind: 'timer', effects: 1 })).toBe('1 effect');
    expect(eventDetail({ tick: 1, node: 'r1', kind: 'timer', effects: 3 })).toBe('3 effects');
  });

  it('a crash inside a step says how many of its effects happened', () => {
    expect(eventDetail({ tick: 1, node: 'r1', kind: 'crash', afterEffects: 1, of: 3 })).toBe("memory and in-flight messages lost, after 1 of the step's 3 effects");
    expect(eventDetail({ tick: 1, node: 'r1', kind: 'restart', fromDurable: false })).toBe('recovered with an empty disk');
    expect(eventDetail({ tick: 1, node: 'r1', kind: 'restart', fromDurable: true })).toBe('recovered from disk');
  });

  it('the second copy of a message says it is the duplicate', () => {
    const deliver = (duplicate: boolean): TraceEvent => ({ tick: 1, node: 'r2', kind: 'deliver', from: 'r1', msgId: 3, label: 'Ping(1)', duplicate, message: null });
    expect(eventDetail(deliver(true))).toBe('← r1 #3 Ping(1) (duplicate)');
    expect(eventDetail(deliver(false))).toBe('← r1 #3 Ping(1)');
  });
});

describe('diagram lines', () => {
  const lines = (events: TraceEvent[], options = {}) => traceToDiagram(trace(events), options).lines;

  it('the second copy of a message is drawn "(again)"; a reply nobody waits for dashed, "(ignored)"', () => {
    expect(lines([
      { tick: 2, node: 'r2', kind: 'deliver', from: 'r1', msgId: 3, label: 'Ping(1)', duplicate: true, message: null },
      { tick: 3, node: 'c1', kind: 'ignore', from: 'r1', msgId: 5, opId: 1, label: 'ok' },
    ])).toEqual([
      { kind: 'message', from: 'r1', to: 'r2', dashed: false, text: 'Ping(1) (again)' },
      { kind: 'message', from: 'r1', to: 'c1', dashed: true, text: 'ok (ignored)' },
    ]);
  });

  it('crashes, restarts and timeouts are notes over the one endpoint', () => {
    expect(lines([
      { tick: 1, node: 'r1', kind: 'crash', afterEffects: 1, of: 2 },
      { tick: 2, node: 'r1', kind: 'restart', fromDurable: true },
      { tick: 2, node: 'r2', kind: 'restart', fromDurable: false },
      { tick: 3, node: 'c1', kind: 'timeout', opId: 4, afterTicks: 2 },
    ]).map((l) => [l.kind === 'note' ? l.over : [], l.text])).toEqual([
      [['r1'], 'crashed after 1 of 2 effects'],
      [['r1'], 'restarted from disk'],
      [['r2'], 'restarted, empty disk'],
      [['c1'], 'op 4 timed out'],
    ]);
  });

  it('persists are left out unless asked for', () => {
    const persist: TraceEvent = { tick: 1, node: 'r1', kind: 'persist', label: '{"n":1}' };
    expect(lines([persist])).toEqual([]);
    expect(lines([persist], { showPersists: true })).toEqual([{ kind: 'note', over: ['r1'], text: 'persist {"n":1}' }]);
  });

  it('nothing is drawn for an endpoint outside the window, and a cluster-wide note spans the first and last participant, or the only one', () => {
    const events: TraceEvent[] = [
      { tick: 1, node: 'r2', kind: 'deliver', from: 'r1', msgId: 3, label: 'Ping(1)', duplicate: false, message: null },
      { tick: 1, node: 'r2', kind: 'note', text: 'hello' },
      { tick: 2, node: '*', kind: 'phase', text: 'settle' },
    ];
    expect(traceToDiagram(trace(events), { nodes: ['r1'] }).lines).toEqual([{ kind: 'note', over: ['r1'], text: 'settle' }]);
    expect(traceToDiagram(trace(events)).lines.at(-1)).toEqual({ kind: 'note', over: ['c1', 'r2'], text: 'settle' });
    expect(traceToDiagram(trace(events), { nodes: [] }).lines).toEqual([]);
  });

  it('an arrow or a drop with one end outside the window is drawn only as far as the window goes', () => {
    const events: TraceEvent[] = [
      { tick: 1, node: 'r1', kind: 'deliver', from: 'r2', msgId: 3, label: 'Ping(1)', duplicate: false, message: null },
      { tick: 2, node: 'r1', kind: 'drop', from: 'r2', msgId: 4, label: 'Ping(2)', reason: 'loss' },
    ];
    expect(traceToDiagram(trace(events), { nodes: ['r1'] }).lines).toEqual([{ kind: 'note', over: ['r1'], text: 'Ping(2) r2→r1 lost (loss)' }]);
  });

  it('a drop note spans sender and receiver in cluster order, whichever way the message went', () => {
    expect(lines([{ tick: 1, node: 'r1', kind: 'drop', from: 'r2', msgId: 4, label: 'Ping(2)', reason: 'partition' }])).toEqual([
      { kind: 'note', over: ['r1', 'r2'], text: 'Ping(2) r2→r1 lost (partition)' },
    ]);
  });

  it('with one participant, the note of steps not shown is over it alone', () => {
    const notes: TraceEvent[] = [1, 2, 3].map((tick) => ({ tick, node: 'r1', kind: 'note', text: `n${tick}` }));
    expect(traceToMermaid(trace(notes, ['r1'], []), { linesMax: 1 }).trimEnd().split('\n').at(-1)).toBe('    Note over r1: 2 more steps not shown');
  });

  it('an event at an endpoint the trace does not list is not drawn', () => {
    expect(lines([{ tick: 1, node: 'x9', kind: 'note', text: 'who?' }])).toEqual([]);
  });

  it('linesMax lines exactly are all drawn, with no note of more', () => {
    const notes: TraceEvent[] = [1, 2, 3].map((tick) => ({ tick, node: 'r1', kind: 'note', text: `n${tick}` }));
    expect(traceToMermaid(trace(notes), { linesMax: 3 })).not.toContain('more steps not shown');
    expect(traceToMermaid(trace(notes), { linesMax: 2 })).toContain('Note over c1,r2: 1 more steps not shown');
  });

  it('the header names the model, the seed and the ticks shown', () => {
    const source = traceToMermaid(trace([{ tick: 4, node: 'r1', kind: 'note', text: 'a' }, { tick: 7, node: 'r1', kind: 'note', text: 'b' }]));
    expect(source.split('\n')[1]).toBe('    %% toy, seed 9, ticks 4–7');
    expect(traceToMermaid(trace([])).split('\n')[1]).toBe('    %% toy, seed 9');
  });

  it('names that clean to the same id are told apart, in order', () => {
    const { participants } = traceToDiagram(trace([], ['r-1', 'r_1', 'r.1'], []));
    expect(participants.map((p) => p.id)).toEqual(['r_1', 'r_1_2', 'r_1_3']);
  });
});
