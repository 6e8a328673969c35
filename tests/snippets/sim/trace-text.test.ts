import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../../snippets/sim/index.ts';
import { beaconSim, script } from './toy-models.ts';

/** Two pings, a client increment, a crash and restart, a partition: a little of everything. */
function smallRun() {
  const sim = beaconSim({
    seed: 7,
    beacon: { pingEveryTicks: 3, pingsMax: 2 },
    network: { delayTicksMin: 1, delayTicksMax: 3, duplicateProbability: 0.2 },
    clients: [{ id: 'c1', workload: script('r1', ['inc', 'inc', 'get'], 6) }],
  });
  sim.at(4, (s) => s.crash('r2')).at(6, (s) => s.isolate('r3')).at(8, (s) => s.restart('r2')).at(10, (s) => s.heal());
  sim.runUntil(16);
  return sim;
}

describe('text trace: one event per line, tick  node  event  detail', () => {
  it('lines have fixed-width columns', () => {
    const lines = formatTrace(smallRun().trace).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    // tick: 6 wide, right-aligned; node: as wide as the longest name (at least 4); event: 9 wide.
    for (const line of lines) expect(line).toMatch(/^ *\d+ {2}(r\d|c\d|\*) +[a-z]+ +\S/);
    for (const line of lines) {
      const [, tick, node, event, detail] = /^(.{6}) {2}(.{4}) {2}(.{9}) {2}(.+)$/.exec(line) ?? [];
      expect({ tick: tick?.trim(), node: node?.trim(), event: event?.trim(), detail }).toEqual({
        tick: expect.stringMatching(/^\d+$/),
        node: expect.stringMatching(/^(r\d|c1|\*)$/),
        event: expect.stringMatching(/^[a-z]+$/),
        detail: expect.stringMatching(/^\S/),
      });
    }
  });

  it('a window keeps only the chosen ticks and endpoints (cluster-wide events always show)', () => {
    const text = formatTrace(smallRun().trace, { fromTick: 4, toTick: 8, nodes: ['r2'] });
    const lines = text.trimEnd().split('\n');
    const ticks = lines.map((line) => Number(line.slice(0, 6)));
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(8);
    expect(new Set(lines.map((line) => line.slice(8, 12).trim()))).toEqual(new Set(['r2', '*']));
  });

  it('a small run reads as expected (golden trace)', async () => {
    await expect(formatTrace(smallRun().trace)).toMatchFileSnapshot('./__snapshots__/small-run.trace.txt');
  });
});
