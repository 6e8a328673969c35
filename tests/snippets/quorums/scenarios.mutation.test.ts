/**
 * The quorums note's scripted runs and diagrams (snippets/quorums/scenarios.ts), stated as what the
 * note says they show. The note's build draws them and the player plays them, but the player builds
 * its scenarios when play.ts loads, where mutation testing cannot see them (docs/mutation.md, "static
 * and hybrid mutants"); so every run and diagram here is built inside `it`. Written for issue 19.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type ClientSpec, type RunResult, type WorkloadContext } from '../../../snippets/sim/index.ts';
import { thresholds } from '../../../snippets/quorums/quorum-system.ts';
import type { RegisterTypes } from '../../../snippets/quorums/register.ts';
import { halfFinishedWriteRun, restartedWriterRun, scenarios, writeThenReadRun } from '../../../snippets/quorums/scenarios.ts';

const diagram = (name: string) => scenarios[name]!().split('\n').map((l) => l.trim());
const returns = (run: RunResult<RegisterTypes>) => run.trace.events.flatMap((e) => (e.kind === 'return' ? [`${e.tick} ${e.node} ${e.label}`] : []));
/** The calls a scripted client makes: its first, and whether it makes a second. */
/** The network events of a run (partitions and heals), with their ticks. */
const network = (run: RunResult<RegisterTypes>) => run.trace.events.flatMap((e) => (e.kind === 'network' ? [`${e.tick} ${e.text}`] : []));
const calls = (client: ClientSpec<RegisterTypes>) => [0, 1].map((index) => client.workload({ index } as WorkloadContext));

describe('write, then read (N = 3): the stale read and the strict quorum', () => {
  it('the run: c1 writes 7 through r1, c2 reads through r3 from tick 6, one tick per message, r1 → r3 cut until tick 14', () => {
    const run = writeThenReadRun(1, 1);
    expect(run.nodes).toEqual(['r1', 'r2', 'r3']);
    expect(run.config).toEqual({ system: thresholds(['r1', 'r2', 'r3'], 1, 1), contact: 'all', writeBack: true, incarnation: true });
    expect(writeThenReadRun(2, 3).config.system).toEqual(thresholds(['r1', 'r2', 'r3'], 2, 3));
    expect(run).toMatchObject({ seed: 1, network: { delayTicksMin: 1, delayTicksMax: 1 }, safetyTicks: 16 });
    expect(run.clients!.map((c) => [c.id, c.startTick])).toEqual([['c1', undefined], ['c2', 6]]);
    expect(calls(run.clients![0]!)).toEqual([{ to: 'r1', request: { kind: 'write', value: 7, pick: 0 }, op: 'write', args: 7, key: 'x' }, undefined]);
    expect(calls(run.clients![1]!)).toEqual([{ to: 'r3', request: { kind: 'read', pick: 0 }, op: 'read', args: null, key: 'x' }, undefined]);
    expect(network(simulate(run))).toEqual(['0 partition r1 → r3', '14 heal']);
  });

  it('R = W = 1: the write is acknowledged, then the read asks r3 alone and returns nothing (the diagram the note calls stale-read)', () => {
    const lines = diagram('stale-read');
    expect(lines.indexOf('r1-->>c1: ok')).toBeLessThan(lines.indexOf('c2->>r3: read'));
    expect(lines).toContain('r3-->>c2: read nothing');
    expect(lines.join('\n')).not.toContain('heal');
    expect(returns(simulate(writeThenReadRun(1, 1)))).toEqual(['3 c1 ok', '8 c2 read nothing']);
  });

  it('R = W = 2: the read hears r2, which has 7, and returns 7; the diagram stops before the heal', () => {
    const lines = diagram('strict-quorum-read');
    expect(lines[1]).toBe('%% quorum register, seed 1, ticks 0–12');
    expect(lines).toContain('r3-->>c2: read 7');
    expect(lines.join('\n')).not.toContain('heal');
    expect(returns(simulate(writeThenReadRun(2, 2)))).toEqual(['7 c1 ok', '12 c2 read 7']);
  });
});

describe('the half-finished write', () => {
  it('the run: c1 writes 7 through r1 (given up after 30 ticks), c2 reads through r2 at tick 9, c3 through r3 at tick 18', () => {
    const run = halfFinishedWriteRun(true);
    expect(run.config).toEqual({ system: thresholds(['r1', 'r2', 'r3'], 2, 2), contact: 'all', writeBack: true, incarnation: true });
    expect(halfFinishedWriteRun(false).config.writeBack).toBe(false);
    expect(run).toMatchObject({ seed: 1, network: { delayTicksMin: 1, delayTicksMax: 1 }, safetyTicks: 26 });
    expect(run.clients!.map((c) => [c.id, c.startTick])).toEqual([['c1', undefined], ['c2', 9], ['c3', 18]]);
    expect(calls(run.clients![0]!)).toEqual([{ to: 'r1', request: { kind: 'write', value: 7, pick: 0 }, op: 'write', args: 7, key: 'x', timeoutTicks: 30 }, undefined]);
    expect(calls(run.clients![1]!)[0]).toEqual({ to: 'r2', request: { kind: 'read', pick: 0 }, op: 'read', args: null, key: 'x' });
    expect(calls(run.clients![2]!)).toEqual([{ to: 'r3', request: { kind: 'read', pick: 0 }, op: 'read', args: null, key: 'x' }, undefined]);
  });

  it('the stores are cut at tick 4, then only r1 | r3 from tick 8: only r1 ever holds 7 from c1\'s write', () => {
    expect(network(simulate(halfFinishedWriteRun(false)))).toEqual(['4 partition r1 → r2 r3', '8 heal', '8 partition r1 | r3']);
  });

  it('without the write-back, the note\'s diagram shows c2 reading 7 and then c3 reading nothing, up to tick 22', () => {
    const lines = diagram('no-write-back');
    expect(lines[1]).toBe('%% quorum register, seed 1, ticks 1–22');
    expect(lines.indexOf('r2-->>c2: read 7')).toBeGreaterThan(0);
    expect(lines.indexOf('r3-->>c3: read nothing')).toBeGreaterThan(lines.indexOf('r2-->>c2: read 7'));
  });
});

describe('the restarted writer', () => {
  it('each operation asks exactly the quorum the note names: 111 to {r2, r3}, 222 to {r1, r3}, c3 from {r2, r3}, c4 from {r1, r3}', () => {
    const run = restartedWriterRun(true);
    expect(run.config).toEqual({ system: thresholds(['r1', 'r2', 'r3'], 2, 2), contact: 'quorum', writeBack: true, incarnation: true });
    expect(restartedWriterRun(false).config.incarnation).toBe(false);
    expect(run).toMatchObject({ seed: 1, network: { delayTicksMin: 1, delayTicksMax: 1 }, safetyTicks: 30 });
    expect(run.clients!.map((c) => [c.id, c.startTick])).toEqual([['c1', undefined], ['c2', 7], ['c3', 14], ['c4', 22]]);
    const first = run.clients!.map((c) => calls(c));
    expect(first.map(([call, second]) => [call?.to, call?.args, call?.timeoutTicks, second])).toEqual([['r1', 111, 30, undefined], ['r1', 222, 30, undefined], ['r2', null, 30, undefined], ['r3', null, 30, undefined]]);
    // One register, x: the history and the trace's calls (write(x, 111), read(x)) name it.
    expect(first.map(([call]) => `${call?.op} ${call?.key}`)).toEqual(['write x', 'write x', 'read x', 'read x']);
    // Whom each coordinator asks, from the trace: the messages each operation's coordinator sends.
    const asked = (from: string, afterTick: number, beforeTick: number) =>
      [...new Set(simulate(run).trace.events.flatMap((e) => (e.kind === 'send' && e.node === from && e.tick >= afterTick && e.tick < beforeTick && e.label.startsWith('query') ? [e.to] : [])))];
    expect(asked('r1', 0, 6)).toEqual(['r2', 'r3']);
    expect(asked('r1', 7, 14)).toEqual(['r3']);
    expect(asked('r2', 14, 22)).toEqual(['r3']);
    expect(asked('r3', 22, 30)).toEqual(['r1']);
  });

  it('with the invariants by default, without them when asked (to run on past the broken one)', () => {
    expect(Object.keys(restartedWriterRun(true).invariants!)).toEqual(['replicas only hold values some client wrote', 'a version names one value']);
    expect(restartedWriterRun(false, false)).not.toHaveProperty('invariants');
  });

  it('the crash and restart of r1 happen at tick 6, with the heal; the store to r3 is cut from tick 4', () => {
    const run = simulate(restartedWriterRun(true));
    expect(network(run)).toEqual(['4 partition r1 → r3', '6 heal']);
    expect(run.trace.events.filter((e) => e.kind === 'crash' || e.kind === 'restart').map((e) => `${e.tick} ${e.kind} ${e.node}`)).toEqual(['6 crash r1', '6 restart r1']);
  });
});

describe('the grid diagrams', () => {
  it('the 3 × 3 grid marks row 2 as the read quorum and a, e, i as the write quorum (e is both)', () => {
    const lines = diagram('grid');
    expect(lines[0]).toBe('flowchart TB');
    expect(lines).toEqual(expect.arrayContaining(['n0["a · write"]', 'n3["d · read"]', 'n4["e · read + write"]', 'n5["f · read"]', 'n8["i · write"]', 'n1["b"]']));
  });

  it('the broken grid marks the disjoint pair the intersection check finds: the last row, and a write quorum that skips it', () => {
    const lines = diagram('broken-grid');
    expect(lines).toEqual(expect.arrayContaining(['n6["g · read"]', 'n7["h · read"]', 'n8["i · read"]', 'n2["c · write"]', 'n5["f · write"]', 'n0["a"]']));
  });
});
