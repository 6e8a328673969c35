import { describe, expect, it } from 'vitest';
import { explore } from '../../../snippets/explore/explorer.ts';
import { DEFAULT_BOUNDS, type Bounds, type Setup } from '../../../snippets/explore/descriptor.ts';
import { formatTrace } from '../../../snippets/sim/index.ts';
import { acknowledgedIsDurable, beacon, received, script, type Beacon, type BeaconConfig } from '../sim/toy-models.ts';

function setup(config: Partial<BeaconConfig>, ops: Array<'inc' | 'get' | 'bump'> = ['inc']): Setup<Beacon> {
  const full: BeaconConfig = { pingEveryTicks: 2, pingsMax: 1, ...config };
  return {
    model: beacon(full),
    nodes: ['r1', 'r2', 'r3'],
    config: full,
    clients: [{ id: 'c1', workload: script('r1', ops) }],
    invariants: () => ({ 'an acknowledged increment is on disk': acknowledgedIsDurable('r1') }),
  };
}

const bounds: Bounds = { ...DEFAULT_BOUNDS, depth: 12 };

describe('the explorer: every interleaving of a small cluster', () => {
  it('finds the node that acknowledges before it persists, by a crash between the two effects, on the shortest path', () => {
    const result = explore(setup({ ackBeforePersist: true }), bounds);
    expect(result.violation?.message).toBe('invariant "an acknowledged increment is on disk" violated: a client was told count 1, but r1\'s disk holds 0');
    // call, deliver the request (crash after the reply), deliver the reply.
    expect(result.violation!.events.map((e) => e.kind)).toEqual(['call', 'deliver', 'deliver']);
    expect(result.violation!.events[1]).toMatchObject({ crashAfter: 1 });
    expect(formatTrace(result.violation!.trace)).toMatch(/r1\s+crash\s+memory and in-flight messages lost, after 1 of the step's 2 effects/);
  });

  it('finds nothing wrong with the node that persists first, and visits every state within the bounds', () => {
    const result = explore(setup({ pingsMax: 0 }, ['inc', 'get']), bounds);
    expect(result.violation).toBeUndefined();
    expect(result.exhausted).toBe(true);
    expect(result.distinctStates).toBeGreaterThan(50);
  });

  it('without crashes it cannot find the bug: the crash inside the step is what exposes it', () => {
    const result = explore(setup({ ackBeforePersist: true, pingsMax: 0 }, ['inc', 'get']), { ...bounds, crashes: 0 });
    expect(result.violation).toBeUndefined();
    expect(result.exhausted).toBe(true);
  });

  it('a crash that cuts a step between its sends is one crash: tried with no loss budget, and reached in one move', () => {
    // r1's first tick sends Ping(1) to r2, then to r3. Cut after the first send, r1 is down and only r2's
    // ping exists; delivered, that is 2 moves. The whole step, a crash and the delivery take 3, so at
    // depth 2 only the cut can reach it (with losses 0 these cuts were once left out: issue 19).
    const onlyR2: Setup<Beacon> = {
      ...setup({ pingEveryTicks: 1, pingsMax: 1 }, []),
      invariants: () => ({
        'r1 never dies with only r2 pinged': (view) => {
          const r1Down = !view.nodes.find((node) => node.id === 'r1')!.up;
          return r1Down && received(view, 'r2').includes('r1:1') ? 'r1 is down and r2 has its ping' : undefined;
        },
      }),
    };
    const result = explore(onlyR2, { ...bounds, depth: 2, losses: 0 });
    expect(result.violation?.message).toBe('invariant "r1 never dies with only r2 pinged" violated: r1 is down and r2 has its ping');
    expect(result.violation!.events).toEqual([
      { kind: 'ticks', node: 'r1', count: 1, crashAfter: 1 },
      expect.objectContaining({ kind: 'deliver' }),
    ]);
    expect(formatTrace(result.violation!.trace)).toMatch(/r1\s+crash\s+memory and in-flight messages lost, after 1 of the step's 2 effects/);
  });

  it('stops at the depth bound and says the bound was not exhausted', () => {
    const result = explore(setup({ pingEveryTicks: 1, pingsMax: 5 }, ['inc', 'inc', 'inc']), { ...bounds, depth: 4 });
    expect(result.depthReached).toBe(4);
    expect(result.exhausted).toBe(false);
    // Every state up to depth 4 was still visited: the search is complete within its bounds.
    expect(result.complete).toBe(true);
  });

  it('stops at the state limit and says the search is not complete', () => {
    const result = explore(setup({ pingEveryTicks: 1, pingsMax: 5 }, ['inc', 'inc', 'inc']), { ...bounds, maxStates: 20 });
    expect(result.complete).toBe(false);
  });

  it('directed phases: the search walks to the goal first, and the counterexample extends that prefix', () => {
    const phased: Setup<Beacon> = {
      ...setup({ ackBeforePersist: true }),
      phases: [{ goal: 'c1 has called', reached: (view) => view.history.length > 0 }],
    };
    const result = explore(phased, bounds);
    expect(result.phases).toEqual([{ goal: 'c1 has called', events: 1 }]);
    expect(result.violation!.events.map((e) => e.kind)).toEqual(['call', 'deliver', 'deliver']);
    const never: Setup<Beacon> = { ...setup({}), phases: [{ goal: 'never', reached: () => false }] };
    const stuck = explore(never, { ...bounds, depth: 5 });
    expect(stuck.violation).toBeUndefined();
    expect(stuck.complete).toBe(false);
  });

  it('directed phases: a goal that already holds where its phase starts is reached there, by no further event', () => {
    const phased: Setup<Beacon> = {
      ...setup({ ackBeforePersist: true }),
      phases: [
        { goal: 'r1 is up', reached: (view) => view.nodes[0]!.up },
        { goal: 'c1 has called', reached: (view) => view.history.length > 0 },
        { goal: 'c1 has called once', reached: (view) => view.history.length === 1 },
      ],
    };
    const result = explore(phased, bounds);
    expect(result.phases).toEqual([
      { goal: 'r1 is up', events: 0 },
      { goal: 'c1 has called', events: 1 },
      { goal: 'c1 has called once', events: 1 },
    ]);
    expect(result.violation!.events.map((e) => e.kind)).toEqual(['call', 'deliver', 'deliver']);
  });

  it('deduplicates: the states reached by delivering two messages in either order are one', () => {
    const result = explore(setup({ pingEveryTicks: 1, pingsMax: 1 }, []), { ...bounds, crashes: 0, losses: 0 });
    expect(result.exhausted).toBe(true);
    expect(result.statesGenerated).toBeGreaterThan(result.distinctStates);
  });
});
