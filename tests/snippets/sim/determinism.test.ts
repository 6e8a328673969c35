import { describe, expect, it } from 'vitest';
import { formatTrace, Simulator } from '../../../snippets/sim/index.ts';
import { beacon, script, type Beacon } from './toy-models.ts';

/** A busy run: random delays, loss, duplicates, injected crashes and partitions, a client. */
function busyRun(seed: number): Simulator<Beacon> {
  const config = { pingEveryTicks: 3, pingsMax: 20 };
  const sim = new Simulator<Beacon>({
    model: beacon(config),
    nodes: ['r1', 'r2', 'r3'],
    config,
    seed,
    network: { delayTicksMin: 1, delayTicksMax: 6, lossProbability: 0.1, duplicateProbability: 0.1 },
    faults: {
      crash: { probabilityPerTick: 0.05, downTicksMin: 3, downTicksMax: 10 },
      partition: { probabilityPerTick: 0.05, durationTicksMin: 5, durationTicksMax: 15, oneWayProbability: 0.5 },
    },
    clients: [{ id: 'c1', workload: script('r1', Array(20).fill('inc'), 8), thinkTicksMax: 3 }],
  });
  sim.runUntil(80);
  return sim;
}

describe('determinism: the seed is the whole bug report', () => {
  it('the same seed gives a byte-identical trace', () => {
    const first = formatTrace(busyRun(42).trace);
    expect(first.split('\n').length).toBeGreaterThan(200);
    expect(formatTrace(busyRun(42).trace)).toBe(first);
  });

  it('the same seed gives the same client history', () => {
    expect(JSON.stringify(busyRun(42).history)).toBe(JSON.stringify(busyRun(42).history));
  });

  it('different seeds give different traces', () => {
    const traces = new Set([1, 2, 3, 4, 5].map((seed) => formatTrace(busyRun(seed).trace)));
    expect(traces.size).toBe(5);
  });
});
