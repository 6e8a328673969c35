/**
 * A get must return versions of its own key only. Replies name the operation (its op id), not the
 * key, so a coordinator that reuses an op id after a restart (variant `incarnation: false`, issue 29
 * §2) can count another key's replies for a get. The invariant "a get returns versions of its own
 * key" is checked after every event of every Dynamo run, the random suites included.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure, type ClientOperation } from '../../../snippets/sim/index.ts';
import { foreignVersions } from '../../../snippets/dynamo/run-dynamo.ts';
import { getOfAnotherKey } from '../../../snippets/dynamo/scenarios.ts';

const siblingsOf = (op: ClientOperation | undefined) => (op?.result as { siblings: { value: number }[] } | undefined)?.siblings.map((s) => s.value);

describe('a get returns versions of its own key', () => {
  it('with op ids reused after a restart, n3 answers get(cart-2) with n4\'s stale reply for cart-1: the invariant names it', () => {
    const broken = getOfAnotherKey(false);
    expect(broken.ok, 'the reused op id should hand get(cart-2) a version of cart-1').toBe(false);
    expect(broken.ok ? '' : broken.message).toMatch(/^invariant "a get returns versions of its own key" violated: get\(cart-2\) at ticks 14-18 returned 5, which was put to cart-1$/);
  });

  it('with the incarnation, the stale reply counts for nothing and get(cart-2) returns nothing (cart-2 was never written)', () => {
    const result = getOfAnotherKey(true);
    expect(result.ok, result.ok ? '' : formatFailure(result)).toBe(true);
    const get = result.history.find((op) => op.op === 'get' && op.key === 'cart-2');
    expect(get?.returnTick).toBeDefined();
    expect(siblingsOf(get)).toEqual([]);
  });

  it('the check reads the key: the same values under the right key pass, under another key fail', () => {
    const op = (id: number, o: 'put' | 'get', key: string, args: unknown, result: unknown): ClientOperation =>
      ({ id, client: 'c1', key, op: o, args, invokeTick: id, returnTick: id, invokeOrder: 2 * id, returnOrder: 2 * id + 1, result });
    const put5 = op(1, 'put', 'cart-1', 5, { kind: 'put-ok', dot: { node: 'n4', counter: 1 } });
    const got = (key: string) => op(2, 'get', key, key, { kind: 'get-ok', siblings: [{ value: 5, context: {}, dot: { node: 'n4', counter: 1 } }], context: { n4: 1 } });
    expect(foreignVersions([put5, got('cart-1')])).toBeUndefined();
    expect(foreignVersions([put5, got('cart-2')])).toBe('get(cart-2) at ticks 2-2 returned 5, which was put to cart-1');
    expect(foreignVersions([got('cart-2')])).toBe('get(cart-2) at ticks 2-2 returned 5, which was put to no key');
  });
});
