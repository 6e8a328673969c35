/**
 * The scripted runs the note draws and the player plays (snippets/delos/scenarios.ts): who calls what
 * and when, on a network with one tick of delay, which runs check the invariants, and the window and
 * lanes of each diagram. Written for mutation testing (docs/mutation.md, issue 19).
 */
import { describe, expect, it } from 'vitest';
import { delosConfig, NODES } from '../../../snippets/delos/run-delos.ts';
import { halfSealedRun, racingReconfigurationsRun, scenarios, staleAppenderRun } from '../../../snippets/delos/scenarios.ts';
import type { ScriptedRun } from '../../../snippets/play/from-run.ts';
import type { DelosTypes } from '../../../snippets/delos/model.ts';

const lines = (text: string) => text.split('\n');
/** Each client: its id, its start tick, its one call (and that it makes no second). */
const calls = (run: ScriptedRun<DelosTypes>) => run.clients!.map((c) => {
  expect(c.workload({ index: 1 } as never), c.id).toBeUndefined();
  const call = c.workload({ index: 0 } as never)!;
  expect(call.timeoutTicks, c.id).toBe(60);
  return `${c.startTick} ${c.id} ${call.op}(${String(call.args ?? '')}) → ${call.to}`;
});

describe('the scripted runs', () => {
  it('stale-appender: c1 appends 1 through v1, the operator moves to quorum through v2, c2 appends 2, the stale v1 appends 3, c4 reads', () => {
    const run = staleAppenderRun(true);
    expect(calls(run)).toEqual(['1 c1 append(1) → v1', '8 admin reconfigure(quorum) → v2', '24 c2 append(2) → v2', '34 c3 append(3) → v1', '48 c4 read() → v2']);
    expect(run).toMatchObject({ nodes: NODES, config: delosConfig(true), seed: 1, network: { delayTicksMin: 1, delayTicksMax: 1 }, safetyTicks: 70 });
    expect(staleAppenderRun(false).config).toEqual(delosConfig(false));
  });

  it('the invariants are checked only when asked: the note\'s no-seal diagram draws the run past the violation', () => {
    expect(staleAppenderRun(true).invariants).toBeUndefined();
    expect(Object.keys(staleAppenderRun(true, true).invariants!)).toHaveLength(3);
    expect(Object.keys(halfSealedRun({}).invariants!)).toHaveLength(3);
    expect(halfSealedRun({}, false).invariants).toBeUndefined();
    expect(Object.keys(racingReconfigurationsRun().invariants!)).toHaveLength(3);
  });

  it('racing-reconfigurations: two operators at tick 8, through v1 and v2, then c2 appends', () => {
    const run = racingReconfigurationsRun();
    expect(calls(run)).toEqual(['1 c1 append(1) → v1', '8 admin1 reconfigure(quorum) → v1', '8 admin2 reconfigure(simple) → v2', '30 c2 append(2) → v2']);
    expect(run).toMatchObject({ config: delosConfig(true), seed: 1, network: { delayTicksMin: 1, delayTicksMax: 1 }, safetyTicks: 50 });
  });

  it('half-sealed: onto quorum, c1 appends 10, off again through v2, c2 appends 20 through v1, c3 reads; with the rules it is given', () => {
    const run = halfSealedRun({ sealQuorum: false });
    expect(calls(run)).toEqual(['1 admin reconfigure(quorum) → v2', '10 c1 append(10) → v1', '20 admin2 reconfigure(simple) → v2', '34 c2 append(20) → v1', '44 c3 read() → v2']);
    expect(run).toMatchObject({ config: delosConfig(true, { sealQuorum: false }), seed: 1, network: { delayTicksMin: 1, delayTicksMax: 1 }, safetyTicks: 60 });
  });

  it('half-sealed\'s script: v2 is cut from l2 and l3 at tick 22, healed at 25, and l1 crashes at 30', () => {
    const done: string[] = [];
    const sim = {
      at: (tick: number, f: (s: unknown) => void) => {
        f({ partition: (a: string[], b: string[]) => done.push(`${tick} partition ${a} | ${b}`), heal: () => done.push(`${tick} heal`), crash: (n: string) => done.push(`${tick} crash ${n}`) });
        return sim;
      },
    };
    halfSealedRun({}).scenario!(sim as never);
    expect(done).toEqual(['22 partition v2 | l2,l3', '25 heal', '30 crash l1']);
  });
});

describe('the note\'s diagrams', () => {
  it.each([
    ['stale-appender', 30, 58, ['c2', 'c3', 'c4', ...NODES]],
    ['no-seal', 8, 58, ['admin', 'c2', 'c3', 'c4', ...NODES]],
    ['reconfigure', 8, 30, ['admin', 'c2', 'meta', 's1', 'seq', 'l1', 'l2', 'l3', 'v2']],
    ['weak-seal', 20, 40, ['admin2', 'c2', 'meta', 'seq', 'l1', 'l2', 'l3', 'v1', 'v2']],
    ['racing-reconfigurations', 8, 36, ['admin1', 'admin2', 'c2', ...NODES]],
  ] as const)('%s: ticks %i to %i, with its lanes in order, at most 60 arrows', (name, from, to, lanes) => {
    const diagram = scenarios[name]!();
    expect(lines(diagram)[0]).toBe('sequenceDiagram');
    expect(lines(diagram)[1]).toBe(`    %% delos, seed 1, ticks ${from}–${to}`);
    expect([...diagram.matchAll(/^ {4}(?:actor|participant) (\S+)$/gm)].map((m) => m[1])).toEqual(lanes);
    expect(lines(diagram).filter((l) => /->>|-->>|-x|--x/.test(l)).length).toBeLessThanOrEqual(60);
  });

  it('draws exactly the five runs the note names', () => {
    expect(Object.keys(scenarios)).toEqual(['stale-appender', 'no-seal', 'reconfigure', 'weak-seal', 'racing-reconfigurations']);
  });
});
