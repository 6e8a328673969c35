/**
 * The explorer on every model: each model's broken variant is found at small bounds, on a shortest
 * path, and the correct model shows no violation at the same bounds. The bounds are small so the suite
 * stays quick; `npm run explore` goes further.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, type Bounds, type ExploreDescriptor } from '../../../snippets/explore/descriptor.ts';
import { explore } from '../../../snippets/explore/explorer.ts';
import { explore as delos } from '../../../snippets/delos/explore.ts';
import { explore as dynamo } from '../../../snippets/dynamo/explore.ts';
import { explore as quorums } from '../../../snippets/quorums/explore.ts';
import { explore as vr } from '../../../snippets/vr/explore.ts';
import { formatTrace } from '../../../snippets/sim/index.ts';

interface Case {
  readonly model: string;
  readonly descriptor: ExploreDescriptor;
  readonly variant: string;
  readonly nodes: number;
  readonly requests: number;
  readonly bounds: Partial<Bounds>;
  /** The violation's message, and the length of the shortest path to it. */
  readonly message: RegExp;
  readonly events: number;
}

const NO_TIMERS = { losses: 0, timers: 0 };

const cases: Case[] = [
  { model: 'quorums', descriptor: quorums, variant: 'r1-w1', nodes: 3, requests: 2, bounds: { depth: 8, crashes: 0, ...NO_TIMERS }, message: /^not linearizable:[^]*Cannot place: read\(\) → null/, events: 6 },
  { model: 'quorums', descriptor: quorums, variant: 'ack-before-persist', nodes: 3, requests: 2, bounds: { depth: 13, crashes: 1, ...NO_TIMERS }, message: /^not linearizable:[^]*Cannot place: read\(\) → null/, events: 13 },
  { model: 'vr', descriptor: vr, variant: 'new-primary-keeps-own-log', nodes: 3, requests: 2, bounds: { depth: 8, crashes: 0, losses: 0, timers: 2 }, message: /committed operations survive every later view change[^]*r2, primary of view 1, has nothing at op-number 1/, events: 8 },
  { model: 'dynamo', descriptor: dynamo, variant: 'r1-w1', nodes: 3, requests: 2, bounds: { depth: 8, crashes: 0, losses: 0, timers: 1 }, message: /a get sees every put acknowledged before it began[^]*missing put 1/, events: 6 },
  { model: 'delos', descriptor: delos, variant: 'no-seal', nodes: 8, requests: 3, bounds: { depth: 14, crashes: 0, losses: 0, timers: 0 }, message: /no append is acknowledged past its seal[^]*past its sealed end/, events: 14 },
];

describe.each(cases)('explorer: $model --variant $variant', (c) => {
  const bounds: Bounds = { ...DEFAULT_BOUNDS, ...c.bounds };
  const run = (variant: string | undefined) => explore(c.descriptor.setup({ nodes: c.nodes, requests: c.requests, variant }).setup, bounds);

  it('finds the broken variant, on a shortest path, printed as a trace', () => {
    const result = run(c.variant);
    expect(result.violation?.message).toMatch(c.message);
    expect(result.violation!.events).toHaveLength(c.events);
    // The replayed trace ends with the failure it reports.
    expect(result.violation!.trace.events.at(-1)).toMatchObject({ kind: 'failure', text: result.violation!.message });
    expect(formatTrace(result.violation!.trace)).toMatch(/\*\s+failure\s+/);
  }, 240_000);

  it('finds no violation in the correct model at the same bounds', () => {
    const result = run(undefined);
    expect(result.violation?.message).toBeUndefined();
    expect(result.distinctStates).toBeGreaterThan(400);
  }, 240_000);
});

describe('the descriptors', () => {
  it.each([['quorums', quorums], ['vr', vr], ['dynamo', dynamo], ['delos', delos]] as const)('%s names each variant with the rule it removes', (_name, descriptor) => {
    expect(Object.keys(descriptor.variants).length).toBeGreaterThan(0);
    for (const rule of Object.values(descriptor.variants)) expect(rule.length).toBeGreaterThan(20);
  });
});
