import { describe, expect, it } from 'vitest';
import { explore, type ExploreResult } from '../../../snippets/explore/explorer.ts';
import { DEFAULT_BOUNDS, type Bounds, type Setup, type Size } from '../../../snippets/explore/descriptor.ts';
import { reportText } from '../../../snippets/explore/report.ts';
import { formatTrace, traceToMermaid } from '../../../snippets/sim/index.ts';
import { acknowledgedIsDurable, beacon, script, type Beacon, type BeaconConfig } from '../sim/toy-models.ts';

// What `npm run explore` prints (snippets/explore/report.ts), line by line, for results built by hand.

const size = (variant?: string): Size => ({ nodes: 3, requests: 2, variant });
const bounds = (given: Partial<Bounds> = {}): Bounds => ({ ...DEFAULT_BOUNDS, depth: 12, crashes: 1, losses: 1, duplicates: 0, timers: 5, ...given });
const result = (given: Partial<ExploreResult> = {}): ExploreResult => ({
  statesGenerated: 5_000, distinctStates: 1_234, depthReached: 9, exhausted: true, complete: true, ...given,
});
const lines = (text: string) => text.split('\n');
const configLine = (b: Partial<Bounds>, variant?: string) => lines(reportText('beacon', size(variant), bounds(b), result(), { wall: 1, cpu: 1 }))[0]!;
const exploredLine = (r: Partial<ExploreResult>, seconds: { wall: number; cpu: number }) => lines(reportText('beacon', size(), bounds(), result(r), seconds))[1]!;
const lastLine = (r: Partial<ExploreResult>) => lines(reportText('beacon', size(), bounds(), result(r), { wall: 1, cpu: 1 })).at(-2)!;

/** A real shortest violation of a three-node toy: the node that acknowledges before it persists. */
function realViolation() {
  const config: BeaconConfig = { pingEveryTicks: 2, pingsMax: 1, ackBeforePersist: true };
  const setup: Setup<Beacon> = {
    model: beacon(config), nodes: ['r1', 'r2', 'r3'], config,
    clients: [{ id: 'c1', workload: script('r1', ['inc']) }],
    invariants: () => ({ 'an acknowledged increment is on disk': acknowledgedIsDurable('r1') }),
  };
  const found = explore(setup, { ...DEFAULT_BOUNDS, depth: 12 }).violation!;
  return { ...found, message: `${found.message}\nsecond line of the message` };
}

describe('the explorer report: the configuration line', () => {
  it('names the model and its size, and leaves out --variant for the correct model', () => {
    const line = configLine({});
    expect(line.startsWith('beacon: 3 nodes, 2 requests; bounds: depth 12, ')).toBe(true);
    expect(line).not.toContain('--variant');
  });

  it('names the broken variant after the model when there is one', () => {
    expect(configLine({}, 'ack-first').startsWith('beacon --variant ack-first: 3 nodes, 2 requests;')).toBe(true);
  });

  it('says "1 crash" for one and "crashes" for any other number', () => {
    expect(configLine({ crashes: 1 })).toContain(', 1 crash, ');
    expect(configLine({ crashes: 0 })).toContain(', 0 crashes, ');
    expect(configLine({ crashes: 2 })).toContain(', 2 crashes, ');
  });

  it('gives the message losses as "N lost"', () => {
    expect(configLine({ losses: 3 })).toContain(', 3 lost, ');
  });

  it('says "1 duplicated message" for one and "messages" for any other number', () => {
    expect(configLine({ duplicates: 1 })).toContain(', 1 duplicated message, ');
    expect(configLine({ duplicates: 0 })).toContain(', 0 duplicated messages, ');
    expect(configLine({ duplicates: 2 })).toContain(', 2 duplicated messages, ');
  });

  it('says "1 timer event" for one and "timer events" for any other number, then the tick mode', () => {
    expect(configLine({ timers: 1 })).toMatch(/, 1 timer event \(ticks fire\)\.$/);
    expect(configLine({ timers: 0 })).toMatch(/, 0 timer events \(ticks fire\)\.$/);
    expect(configLine({ timers: 7, ticks: 'each' })).toMatch(/, 7 timer events \(ticks each\)\.$/);
  });

  it('says "any number of timer events" from 1,000,000 timers up (the default: timers unbounded)', () => {
    expect(configLine({ timers: 1_000_000 })).toMatch(/, any number of timer events \(ticks fire\)\.$/);
    expect(configLine({ timers: 5_000_000 })).toMatch(/, any number of timer events /);
  });

  it('gives the count itself one below that bound: 999999 timer events', () => {
    expect(configLine({ timers: 999_999 })).toMatch(/, 999999 timer events \(ticks fire\)\.$/);
  });
});

describe('the explorer report: the explored line', () => {
  it('gives the states with thousands separators and the depth reached', () => {
    const line = exploredLine({ distinctStates: 1_234_567, statesGenerated: 9_876_543, depthReached: 17 }, { wall: 1, cpu: 1 });
    expect(line.startsWith('Explored: 1,234,567 distinct states (9,876,543 generated), depth 17, ')).toBe(true);
  });

  it('gives wall and CPU seconds to one decimal, each with its states per second rounded to a whole number', () => {
    const line = exploredLine({ distinctStates: 1_000 }, { wall: 3, cpu: 2.04 });
    // 1000 / 3 = 333.3…, 1000 / 2.04 = 490.19…
    expect(line).toMatch(/, 3\.0 s \(333 distinct states\/s\), 2\.0 s of CPU \(490\/s\)\.$/);
  });

  it('rounds the rate up from a half and puts thousands separators in it', () => {
    const line = exploredLine({ distinctStates: 5_001 }, { wall: 2, cpu: 0.004 });
    // 5001 / 2 = 2500.5 → 2,501; 5001 / 0.004 = 1,250,250
    expect(line).toMatch(/, 2\.0 s \(2,501 distinct states\/s\), 0\.0 s of CPU \(1,250,250\/s\)\.$/);
  });

  it('a run that took zero seconds gives the count itself as its rate, not infinity', () => {
    const line = exploredLine({ distinctStates: 4_321 }, { wall: 0, cpu: 0 });
    expect(line).toMatch(/, 0\.0 s \(4,321 distinct states\/s\), 0\.0 s of CPU \(4,321\/s\)\.$/);
  });
});

describe('the explorer report: the directed phases', () => {
  it('without phases there is no Directed line', () => {
    expect(reportText('beacon', size(), bounds(), result(), { wall: 1, cpu: 1 })).not.toContain('Directed');
  });

  it('one phase is "first", and being the last it says every state from there on is explored', () => {
    const text = reportText('beacon', size(), bounds(), result({ phases: [{ goal: 'a leader is elected', events: 4 }] }), { wall: 1, cpu: 1 });
    expect(lines(text)[2]).toBe('Directed: first the shortest path to a state where a leader is elected (4 events); every state from there on is explored.');
  });

  it('several phases: "first", then "then" for each later one; all but the last end in a comma', () => {
    const phases = [{ goal: 'a leader is elected', events: 4 }, { goal: 'the entry is committed', events: 7 }, { goal: 'the leader has crashed', events: 9 }];
    const text = reportText('beacon', size(), bounds(), result({ phases }), { wall: 1, cpu: 1 });
    expect(lines(text).slice(2, 5)).toEqual([
      'Directed: first the shortest path to a state where a leader is elected (4 events),',
      'Directed: then the shortest path to a state where the entry is committed (7 events),',
      'Directed: then the shortest path to a state where the leader has crashed (9 events); every state from there on is explored.',
    ]);
  });
});

describe('the explorer report: a violation', () => {
  it('gives the path length, the message indented two spaces on every line, the trace, and a mermaid diagram, in that order', () => {
    const violation = realViolation();
    const text = reportText('beacon', size(), bounds(), result({ violation, exhausted: false, complete: false }), { wall: 1, cpu: 1 });
    const trace = formatTrace(violation.trace).trimEnd();
    const diagram = traceToMermaid(violation.trace, { linesMax: 120 }).trimEnd();
    const [first, second] = violation.message.split('\n');
    expect(lines(text).slice(2).join('\n')).toBe([
      `Violation after ${violation.events.length} events (breadth first: no shorter path reaches one):`,
      `  ${first}`,
      `  ${second}`,
      '',
      trace,
      '',
      '```mermaid',
      diagram,
      '```',
      '',
    ].join('\n'));
    expect(violation.events.length).toBe(3);
    expect(trace).toMatch(/r1\s+crash/);
    expect(diagram).toMatch(/^sequenceDiagram/);
  });

  it('after directed phases it says the search was breadth first from the directed prefix', () => {
    const violation = realViolation();
    const text = reportText('beacon', size(), bounds(), result({ violation, phases: [{ goal: 'g', events: 1 }] }), { wall: 1, cpu: 1 });
    expect(lines(text)[3]).toBe('Violation after 3 events (breadth first from the directed prefix: no shorter path that extends it reaches one):');
    expect(text).not.toContain('No violation');
  });
  it('draws up to 120 steps of a long counterexample before counting the rest in a last note', () => {
    const events = Array.from({ length: 130 }, (_, i) => ({ tick: i, node: 'r1', kind: 'note' as const, text: `step ${i + 1}` }));
    const trace = { model: 'toy', seed: 0, nodes: ['r1'], clients: [], events };
    const text = reportText('toy', size(), bounds(), result({ violation: { message: 'broken', events: [], trace } }), { wall: 1, cpu: 1 });
    const diagram = text.slice(text.indexOf('```mermaid'));
    expect(diagram).toContain('Note over r1: step 120\n');
    expect(diagram).not.toContain('Note over r1: step 121\n');
    expect(diagram).toContain('Note over r1: 10 more steps not shown');
  });
});

describe('the explorer report: how a search without a violation ends', () => {
  it('exhausted: every reachable state was visited, none deeper than the depth reached', () => {
    expect(lastLine({ exhausted: true, complete: true, depthReached: 9 })).toBe('No violation: every reachable state was visited (none lies deeper than depth 9).');
  });

  it('exhausted after directed phases: every state reachable from the directed prefix', () => {
    expect(lastLine({ exhausted: true, complete: true, depthReached: 9, phases: [{ goal: 'g', events: 1 }] }))
      .toBe('No violation: every state reachable from the directed prefix was visited (none lies deeper than depth 9).');
  });

  it('complete but not exhausted: every state within the bounds, and deeper states remain', () => {
    expect(lastLine({ exhausted: false, complete: true, depthReached: 12 })).toBe('No violation: every state within the bounds was visited, up to depth 12 (deeper states remain).');
  });

  it('complete after directed phases: every state that extends the directed prefix within the bounds', () => {
    expect(lastLine({ exhausted: false, complete: true, depthReached: 12, phases: [{ goal: 'g', events: 1 }] }))
      .toBe('No violation: every state that extends the directed prefix within the bounds was visited, up to depth 12 (deeper states remain).');
  });

  it('stopped early: no proof for these bounds, whether or not there were phases', () => {
    const stopped = 'No violation found, but the search stopped early (the state limit, or a directed phase whose goal it never reached) at depth 6: no proof for these bounds.';
    expect(lastLine({ exhausted: false, complete: false, depthReached: 6 })).toBe(stopped);
    expect(lastLine({ exhausted: false, complete: false, depthReached: 6, phases: [{ goal: 'g', events: 1 }] })).toBe(stopped);
  });

  it('the report ends in a newline', () => {
    expect(reportText('beacon', size(), bounds(), result(), { wall: 1, cpu: 1 }).endsWith('.\n')).toBe(true);
  });
});
