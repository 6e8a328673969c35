/**
 * How a VR run is set up (snippets/vr/run-vr.ts): the client's workload on hand-made contexts (VRR §4:
 * one numbered request at a time, retried with the same number at the next replica), what a run's
 * options do, the crash plumbing, and the liveness rule, each stated by the run it changes. The seeded
 * suites run all of it, but a liveness rule that held too early or a client that never stopped would
 * not fail them. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../snippets/sim/index.ts';
import { FAULTY, runVr, vrClient } from '../../../snippets/vr/run-vr.ts';
import type { VrTypes } from '../../../snippets/vr/types.ts';

const NODES = ['r1', 'r2', 'r3'];
/** An rng that picks the first key and always says yes: the op is get(x). */
const yes = { pick: (xs: readonly string[]) => xs[0]!, chance: () => true };
const no = { pick: (xs: readonly string[]) => xs.at(-1)!, chance: () => false };
type Context = Parameters<ReturnType<typeof vrClient>>[0];
const ctx = (previous?: unknown, rng: unknown = yes) => ({ previous, nodes: NODES, rng }) as unknown as Context;
const answered = (view: number) => ({ returnTick: 9, result: { view, requestNumber: 1, result: null } });
const unanswered = { returnTick: undefined };

describe('a VR client (VRR §4)', () => {
  it('numbers its requests from 1, reads get(key) or put(key, index × 1000 + number), and sends to r1 first', () => {
    const c = vrClient('c2', 2, 5);
    expect(c(ctx(undefined, yes))).toEqual({ to: 'r1', request: { client: 'c2', requestNumber: 1, op: { f: 'get', key: 'x' } }, op: 'get', args: ['x', 's=1'], key: 'x', timeoutTicks: 30, retry: false });
    expect(c(ctx(answered(0), no))).toEqual({ to: 'r1', request: { client: 'c2', requestNumber: 2, op: { f: 'put', key: 'y', value: 2002 } }, op: 'put', args: ['y', 2002, 's=2'], key: 'y', timeoutTicks: 30, retry: false });
  });

  it('after a reply, sends the next request to the primary of the view the reply named', () => {
    const c = vrClient('c1', 1, 5);
    c(ctx());
    expect(c(ctx(answered(2)))?.to).toBe('r3');
    expect(c(ctx(answered(4)))?.to).toBe('r2');
  });

  it('after a timeout, sends the same request with the same number to the next replica, marked as a retry', () => {
    const c = vrClient('c1', 1, 5);
    const first = c(ctx(undefined, yes))!;
    const again = c(ctx(unanswered, no))!;
    expect(again).toEqual({ ...first, to: 'r2', retry: true });
    expect(c(ctx(unanswered, no))?.to).toBe('r3');
    expect(c(ctx(unanswered, no))?.to).toBe('r1');
  });

  it('stops after its operations, and only after them', () => {
    const c = vrClient('c1', 1, 2);
    expect(c(ctx())?.request.requestNumber).toBe(1);
    expect(c(ctx(answered(0)))?.request.requestNumber).toBe(2);
    expect(c(ctx(answered(0)))).toBeUndefined();
  });
});

/** The tick the run settled (healed, restarted every crashed node) at. */
const settledAt = (result: RunResult<VrTypes>) => result.trace.events.find((e) => e.kind === 'phase' && 'text' in e && e.text.startsWith('settle'))!.tick;
/** Each client's first reply to a call it made after settling, by tick. */
const firstRepliesAfter = (result: RunResult<VrTypes>, settled: number) =>
  ['c1', 'c2'].map((c) => Math.min(...result.history.filter((op) => op.client === c && op.invokeTick > settled && op.returnTick !== undefined).map((op) => op.returnTick!)));

describe('a run\'s options', () => {
  it('`operations` stops each client after that many requests, so the liveness phase, which wants new replies, fails, and says what it waited for', () => {
    const result = runVr({ seed: 1, operations: 2, livenessTicks: 7 });
    expect(Math.max(...result.history.map((op) => Number(String((op.args as readonly unknown[]).at(-1)).slice(2))))).toBe(2);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toBe(`no progress: "after healing, the replicas agree on a view and every client gets a reply" still false 7 ticks after settling at tick 200`);
  });

  it('with one client, the run is live once that client has a reply', () => {
    const result = runVr({ seed: 1, clients: 1 });
    expect(result.ok).toBe(true);
    expect(new Set(result.history.map((op) => op.client))).toEqual(new Set(['c1']));
  });

  it('`crashProbability` can crash a replica at the last tick of the fault phase too', () => {
    const result = runVr({ seed: 1, crashProbability: 1, safetyTicks: 1, livenessTicks: 1 });
    expect(result.trace.events.filter((e) => e.kind === 'crash').map((e) => e.tick)).toEqual([1]);
  });
});

describe('liveness: after healing, every replica normal in one view and every client answered (VRR §8.2)', () => {
  it('a replica still recovering when the clients are answered holds the run until it has recovered', () => {
    // r3 crashes and restarts cut off, so its Recovery is lost; it asks again only after its timeout.
    const result = runVr({
      seed: 1,
      scenario: (sim) => void sim.at(190, (s) => s.partition(['r3'], ['r1', 'r2']).crash('r3')).at(195, (s) => s.restart('r3')),
    });
    expect(result.ok).toBe(true);
    const recovered = result.trace.events.find((e) => e.node === 'r3' && e.kind === 'note' && 'text' in e && e.text.startsWith('recovered in view'))!.tick;
    expect(Math.max(...firstRepliesAfter(result, settledAt(result)))).toBeLessThan(recovered);
    expect(result.tick).toBeGreaterThanOrEqual(recovered);
    expect(result.final.nodes.map((n) => n.up && [n.state.status, n.state.view])).toEqual([['normal', 0], ['normal', 0], ['normal', 0]]);
  });

  it('only a reply to a call made after settling counts, not one made at the settling tick (seed 2 of the tests\' fault mix has one)', () => {
    const result = runVr({ ...FAULTY, seed: 2 });
    expect(result.ok).toBe(true);
    const settled = settledAt(result);
    expect(result.history.some((op) => op.invokeTick === settled && op.returnTick !== undefined)).toBe(true);
    expect(firstRepliesAfter(result, settled).every((t) => t <= result.tick)).toBe(true);
  });

  it('`livenessTicks` bounds how long it waits', () => {
    const result = runVr({ seed: 1, scenario: (sim) => void sim.at(190, (s) => s.partition(['r3'], ['r1', 'r2']).crash('r3')).at(195, (s) => s.restart('r3')), livenessTicks: 5 });
    expect(result.ok ? '' : result.message).toMatch(/still false 5 ticks after settling at tick 200$/);
  });
});
