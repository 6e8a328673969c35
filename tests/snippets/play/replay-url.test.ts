import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Move } from '../../../snippets/explore/explorer.ts';
import { decodeReplaySpec, decodeSpec, encodeReplaySpec, isReplayQuery, type ReplaySpec } from '../../../snippets/play/url.ts';

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/);
const whole = fc.integer({ min: 0, max: 1e6 });
const cut = fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined });
const withCut = <M extends object>(move: M, crashAfter: number | undefined) => (crashAfter === undefined ? move : { ...move, crashAfter });
const move: fc.Arbitrary<Move> = fc.oneof(
  fc.tuple(whole, cut).map(([copy, k]) => withCut({ kind: 'deliver' as const, copy }, k)),
  fc.record({ kind: fc.constantFrom('lose' as const, 'duplicate' as const), copy: whole }),
  fc.tuple(name, fc.integer({ min: 1, max: 100 }), cut).map(([node, count, k]) => withCut({ kind: 'ticks' as const, node, count }, k)),
  fc.tuple(fc.constantFrom('tick' as const, 'restart' as const), name, cut).map(([kind, node, k]) => withCut({ kind, node }, k)),
  fc.record({ kind: fc.constant('crash' as const), node: name }),
  fc.record({ kind: fc.constant('call' as const), client: name }),
  fc.record({ kind: fc.constant('timeout' as const), client: name, opId: whole }),
);
const spec: fc.Arbitrary<ReplaySpec> = fc
  .record({
    explore: fc.stringMatching(/^[a-z][a-z-]{0,8}$/),
    variant: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), { nil: undefined }),
    nodes: fc.integer({ min: 1, max: 9 }),
    requests: fc.integer({ min: 1, max: 9 }),
    shape: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), { nil: undefined }),
    path: fc.array(move, { maxLength: 30 }),
  })
  .chain((s) => fc.integer({ min: 0, max: s.path.length }).map((step) => {
    const { shape, ...rest } = s;
    return { ...rest, ...(shape === undefined ? {} : { shape }), step };
  }));

describe('an explorer replay as a URL', () => {
  it('reads as documented', () => {
    const text = encodeReplaySpec({
      explore: 'vr',
      variant: 'new-primary-keeps-own-log',
      nodes: 3,
      requests: 1,
      path: [{ kind: 'call', client: 'c1' }, { kind: 'deliver', copy: 1 }, { kind: 'ticks', node: 'r2', count: 21 }, { kind: 'deliver', copy: 4, crashAfter: 2 }, { kind: 'timeout', client: 'c1', opId: 1 }],
      step: 3,
    });
    expect(text).toBe('explore=vr&variant=new-primary-keeps-own-log&nodes=3&requests=1&path=call.c1~deliver.1~ticks.r2.21~deliver.4.cut2~timeout.c1.1&step=3');
    expect(encodeURIComponent(text.replace(/[=&]/g, ''))).toBe(text.replace(/[=&]/g, ''));
  });

  it('round-trips every spec', () => {
    fc.assert(
      fc.property(spec, (s) => {
        expect(decodeReplaySpec(encodeReplaySpec(s))).toEqual(s);
      }),
    );
  });

  it('is told apart from a scenario run', () => {
    expect(isReplayQuery('explore=vr&nodes=3&requests=1&path=call.c1')).toBe(true);
    expect(isReplayQuery('scenario=view-change&seed=1&step=4')).toBe(false);
  });

  it('without a step opens at the end of the path', () => {
    expect(decodeReplaySpec('explore=vr&nodes=3&requests=1&path=call.c1~deliver.1').step).toBe(2);
  });

  it.each([
    ['explore=vr&nodes=3&requests=1', /path: missing/],
    ['nodes=3&requests=1&path=call.c1', /explore: missing/],
    ['explore=vr&requests=1&path=call.c1', /nodes: missing/],
    ['explore=vr&nodes=3&requests=1&path=call.c1&step=2', /step: 2 is past the path's end \(1 moves\)/],
    ['explore=vr&nodes=3&requests=1&path=fly.r1', /path "fly.r1": unknown move "fly"/],
    ['explore=vr&nodes=3&requests=1&path=deliver.x', /path "deliver.x": "x" is not a whole number/],
    ['explore=vr&nodes=3&requests=1&path=ticks.r1', /path "ticks.r1": ticks takes 2 arguments/],
    ['explore=vr&nodes=3&requests=1&path=ticks.r1.0', /a run of ticks has at least 1/],
    ['explore=vr&nodes=3&requests=1&path=crash.r1.cut1', /only a step .* can be cut/],
    ['explore=vr&nodes=3&requests=1&path=deliver.3.cut0', /only a step .* can be cut, after at least 1 effect/],
    ['explore=v%20r&nodes=3&requests=1&path=call.c1', /explore "v r": letters, digits and "-" only/],
  ])('refuses %s, naming the field', (query, message) => {
    expect(() => decodeReplaySpec(query)).toThrow(message);
  });
});

describe('a scenario-run reader given an explorer URL', () => {
  it('refuses it rather than opening the default scenario', () => {
    expect(() => decodeSpec('explore=vr&nodes=3&requests=1&path=call.c1&step=1', { scenario: 'normal-case' })).toThrow(/explorer replay URL/);
  });
});
