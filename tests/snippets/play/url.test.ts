import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSpec, encodeSpec, type PlaySpec } from '../../../snippets/play/url.ts';
import type { PlayAction } from '../../../snippets/play/actions.ts';

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/);
const action: fc.Arbitrary<Omit<PlayAction, 'at'>> = fc.oneof(
  fc.record({ kind: fc.constantFrom('crash' as const, 'restart' as const, 'isolate' as const), node: name }),
  fc.record({ kind: fc.constant('partition' as const), groups: fc.tuple(fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(name, { minLength: 1, maxLength: 3 })) }),
  fc.record({ kind: fc.constant('heal' as const) }),
  fc.record({ kind: fc.constant('drop' as const), from: name, to: name }),
  fc.record({ kind: fc.constant('call' as const), call: name, to: name, value: fc.integer({ min: 0, max: 1e6 }) }),
  fc.record({ kind: fc.constant('call' as const), call: name, to: name }),
  fc.record({ kind: fc.constant('rates' as const), lossPercent: fc.integer({ min: 0, max: 100 }), duplicatePercent: fc.integer({ min: 0, max: 100 }) }),
);
const spec: fc.Arbitrary<PlaySpec> = fc.record({
  scenario: fc.stringMatching(/^[a-z][a-z-]{0,12}$/),
  seed: fc.integer({ min: 0, max: 1e6 }),
  variant: fc.option(fc.stringMatching(/^[a-z][a-z-]{0,12}$/), { nil: undefined }),
  actions: fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), action)).map((list) =>
    list.map(([at, a]) => ({ ...a, at }) as PlayAction).sort((a, b) => a.at - b.at),
  ),
  step: fc.integer({ min: 0, max: 1e5 }),
});

describe('a run as a URL', () => {
  it('reads as documented', () => {
    const text = encodeSpec({
      scenario: 'view-change',
      seed: 1,
      variant: 'new-primary-keeps-own-log',
      actions: [
        { at: 4, kind: 'crash', node: 'r1' },
        { at: 9, kind: 'partition', groups: [['r1', 'r2'], ['r3']] },
        { at: 12, kind: 'rates', lossPercent: 5, duplicatePercent: 10 },
        { at: 14, kind: 'call', call: 'put', to: 'r2', value: 7 },
        { at: 15, kind: 'call', call: 'get', to: 'r3' },
      ],
      step: 42,
    });
    expect(text).toBe('scenario=view-change&seed=1&variant=new-primary-keeps-own-log&at=4.crash.r1~9.partition.r1_r2.r3~12.rates.5.10~14.call.put.r2.7~15.call.get.r3&step=42');
    expect(encodeURI(text)).toBe(text);
  });

  it('round-trips every spec', () => {
    fc.assert(fc.property(spec, (s) => {
      expect(decodeSpec(encodeSpec(s), { scenario: 'x' })).toEqual(s);
    }));
  });

  it('fills in defaults', () => {
    expect(decodeSpec('', { scenario: 'normal-case' })).toEqual({ scenario: 'normal-case', seed: 1, variant: undefined, actions: [], step: 0 });
  });

  it.each([
    ['seed=x', /seed: "x" is not a whole number/],
    ['at=3.explode.r1', /unknown action "explode"/],
    ['at=3.crash', /crash takes 1 argument/],
    ['at=5.heal~3.heal', /step order/],
    ['at=1.rates.120.0', /0 to 100/],
    ['at=1.call.put', /call takes 2 or 3 arguments/],
    ['at=1.call.put.r1.x', /the value: "x" is not a whole number/],
    ['scenario=a%20b', /scenario "a b"/],
  ])('refuses %s, naming what is wrong', (query, message) => {
    expect(() => decodeSpec(query, { scenario: 'x' })).toThrow(message);
  });
});
