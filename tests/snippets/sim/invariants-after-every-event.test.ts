import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../../snippets/sim/index.ts';
import { beaconSim, script } from './toy-models.ts';

describe('invariants are checked after every event, not only after node steps', () => {
  it('a reply that lands while every node is down is checked', () => {
    // r1 answers inc at tick 5; the reply reaches c1 at tick 11, when every node has crashed.
    const sim = beaconSim({
      network: { delayTicksMin: 5, delayTicksMax: 5 },
      clients: [{ id: 'c1', workload: script('r1', ['inc']) }],
      invariants: { 'no client has seen an answer': (view) => (view.history.some((op) => op.returnTick !== undefined) ? 'c1 got one' : undefined) },
    });
    sim.at(7, (s) => s.crash('r1').crash('r2').crash('r3'));
    const failure = sim.runUntil(20);
    expect(failure).toEqual({ kind: 'invariant-violated', tick: 11, message: 'invariant "no client has seen an answer" violated: c1 got one' });
  });

  it('a client call is checked, even when no node will ever step again', () => {
    const sim = beaconSim({
      clients: [{ id: 'c1', workload: script('r1', ['get']) }],
      invariants: { 'nobody calls': (view) => (view.history.length > 0 ? 'c1 called' : undefined) },
    });
    sim.crash('r1').crash('r2').crash('r3');
    expect(sim.runUntil(10)).toEqual({ kind: 'invariant-violated', tick: 1, message: 'invariant "nobody calls" violated: c1 called' });
    const lines = formatTrace(sim.trace).trim().split('\n');
    expect(lines.at(-2)).toMatch(/c1\s+invoke/);
  });

  it('a timeout is checked', () => {
    const sim = beaconSim({
      clients: [{ id: 'c1', workload: script('r1', ['hold'], 4) }],
      invariants: { 'no client gives up': (view) => (view.tick >= 5 && view.history.length === 1 && view.nodes.every((n) => !n.up) ? 'c1 gave up' : undefined) },
    });
    sim.at(3, (s) => s.crash('r1').crash('r2').crash('r3'));
    expect(sim.runUntil(10)).toMatchObject({ tick: 5 });
  });
});
