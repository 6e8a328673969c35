/**
 * What a client accepts from its workload, and what it records: a timeout is a whole number of ticks,
 * a retry must follow a call that timed out, a key goes into the history only when there is one, and
 * a client waits for one call at a time. (Written for mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { issue, newClient, type Call, type Issue } from '../../../snippets/sim/client.ts';
import { Rng } from '../../../snippets/sim/rng.ts';
import { beaconSim, eventsOf, script, type Beacon } from './toy-models.ts';

const AT: Issue = { tick: 3, order: 7, opId: 11, nextCall: 5, nodes: ['r1'], rng: new Rng(1) };
const spec = (call: Call<Beacon> | undefined) => ({ id: 'c1', workload: () => call });
const get = (extra: Partial<Call<Beacon>> = {}): Call<Beacon> => ({ to: 'r1', request: { op: 'get' }, op: 'get', args: [], ...extra });

describe('issuing a call', () => {
  it('records the operation with its id, tick and order, and numbers it as a new call', () => {
    const issued = issue(spec(get()), newClient('c1'), AT);
    expect(issued.call).toBeDefined();
    expect(issued).toMatchObject({ operation: { id: 11, client: 'c1', op: 'get', args: [], invokeTick: 3, invokeOrder: 7 }, number: { call: 5, attempt: 1 } });
    expect(issued.state).toMatchObject({ issued: 1, ready: false, pending: { id: 11 }, lastNumber: { call: 5, attempt: 1 }, timeoutTicks: undefined });
  });

  it('puts a key in the operation only when the call has one', () => {
    const keyed = issue(spec(get({ key: 'x' })), newClient('c1'), AT);
    const unkeyed = issue(spec(get()), newClient('c1'), AT);
    expect(keyed.call && keyed.operation.key).toBe('x');
    expect(unkeyed.call && Object.keys(unkeyed.operation)).not.toContain('key');
  });

  it('a client with a call pending cannot issue another (the cluster never asks it to)', () => {
    const { state } = issue(spec(get()), newClient('c1'), AT);
    expect(() => issue(spec(get()), state, AT)).toThrow('client c1 issued a call while op 11 is pending');
  });

  it('a workload that returns nothing leaves the client done: not ready, nothing pending', () => {
    const done = issue(spec(undefined), newClient('c1'), AT);
    expect(done).toEqual({ state: { ...newClient('c1'), ready: false }, call: undefined });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a timeout of %s ticks, naming it', (timeoutTicks) => {
    expect(() => issue(spec(get({ timeoutTicks })), newClient('c1'), AT)).toThrow(`client c1: timeoutTicks must be a whole number ≥ 1, got ${timeoutTicks}`);
  });

  it('takes a timeout of one tick and keeps it while the call is pending', () => {
    expect(issue(spec(get({ timeoutTicks: 1 })), newClient('c1'), AT).state.timeoutTicks).toBe(1);
  });
});

describe('a retry must follow a call that timed out', () => {
  const refusal = 'client c1: a call marked retry must follow an operation that timed out';

  it('not as the first call', () => {
    expect(() => issue(spec(get({ retry: true })), newClient('c1'), AT)).toThrow(refusal);
  });

  it('not after a call that was answered', () => {
    const sim = beaconSim({ clients: [{ id: 'c1', workload: ({ index }) => (index < 2 ? get({ retry: index === 1 }) : undefined) }] });
    expect(() => sim.runUntil(10)).toThrow(refusal);
  });

  it('not without the previous call number (a state that never issued)', () => {
    const timedOut = { ...newClient('c1'), previous: { id: 1, client: 'c1', op: 'get', args: [], invokeTick: 1, invokeOrder: 1 } };
    expect(() => issue(spec(get({ retry: true })), timedOut, AT)).toThrow(refusal);
  });

  it('after a timeout it is the same call, next attempt, with a new operation id', () => {
    const sim = beaconSim({
      clients: [{ id: 'c1', workload: ({ index }) => (index === 0 ? { ...get(), request: { op: 'hold' }, op: 'hold', timeoutTicks: 2 } : index === 1 ? get({ retry: true }) : undefined) }],
    });
    sim.runUntil(10);
    expect(eventsOf(sim, 'invoke').map((e) => [e.opId, e.call, e.attempt])).toEqual([[1, 1, 1], [2, 1, 2]]);
  });
});

describe('one call at a time, through the simulator', () => {
  it('a slow answer holds the next call back until it arrives', () => {
    const sim = beaconSim({ network: { delayTicksMin: 3, delayTicksMax: 3 }, clients: [{ id: 'c1', workload: script('r1', ['get', 'get']) }] });
    sim.runUntil(20);
    const ticks = (kind: 'invoke' | 'return') => eventsOf(sim, kind).map((e) => e.tick);
    expect(ticks('invoke')).toEqual([1, 7]);
    expect(ticks('return')).toEqual([7, 13]);
  });
});
