/**
 * The cluster on its own, driven event by event the way the explorer and the player drive it (no
 * random scheduler): what `enabled()` offers in each state, what `lose` and `duplicate` do, how a
 * snapshot brings an untraced cluster back, and what it refuses, in words. The simulator's tests cover
 * the cluster only through the seeded scheduler, which never asks for most of this.
 * (Written for mutation testing, docs/mutation.md: each test states a rule a survivor broke unseen.)
 */
import { describe, expect, it } from 'vitest';
import type { ClusterEvent, InFlight, Scheduling } from '../../../snippets/sim/cluster-events.ts';
import { Cluster, type ClusterOptions } from '../../../snippets/sim/cluster.ts';
import { Rng } from '../../../snippets/sim/rng.ts';
import type { ClientSpec } from '../../../snippets/sim/client.ts';
import { beacon, eventsOf, script, type Beacon, type BeaconConfig } from './toy-models.ts';

/** Every message travels as one copy and the test decides the rest (the explorer's answers). */
const scheduling: Scheduling<Beacon> = {
  send: () => ({ lost: false, copies: 1 }),
  inFlight: () => {},
  cancel: (copies: ReadonlyArray<InFlight<Beacon>>) => copies,
  clientRng: () => new Rng(1),
  clientReady: () => {},
  timeoutArmed: () => {},
};

const CONFIG: BeaconConfig = { pingEveryTicks: 1, pingsMax: 1, targets: { r1: ['r2'], r2: [] } };

function cluster(options: Partial<ClusterOptions<Beacon>> = {}): Cluster<Beacon> {
  return new Cluster<Beacon>({ model: beacon(CONFIG), nodes: ['r1', 'r2'], config: CONFIG, seed: 1, ...options }, scheduling);
}

const client = (ops: ReadonlyArray<'inc' | 'get' | 'hold' | 'bump'>, timeoutTicks?: number): ClientSpec<Beacon> => ({
  id: 'c1',
  workload: script('r1', ops, timeoutTicks),
});

const kinds = (events: readonly ClusterEvent[]) => events.map((e) => [e.kind, 'copy' in e ? e.copy : 'node' in e ? e.node : 'client' in e ? e.client : ''].join(' '));

describe('a fresh cluster', () => {
  it('has every node up from init, no rules, nothing in flight, an empty trace and history', () => {
    const c = cluster();
    expect(c.rules).toEqual([]);
    expect(c.inFlight).toEqual([]);
    expect(c.trace.events).toEqual([]);
    expect(c.history).toEqual([]);
    expect(c.nodeRecords.map((n) => [n.up, n.state?.id, n.durable])).toEqual([[true, 'r1', undefined], [true, 'r2', undefined]]);
    expect(c.stateOf('r2')).toMatchObject({ id: 'r2', targets: [], count: 0 });
    expect(c.nextOpId).toBe(1);
    expect(c.settledTick).toBeUndefined();
    expect(c.lastStepEffects).toBeUndefined();
    expect(c.lastStepLastPersist).toBe(-1);
  });

  it('offers: a tick per node, a call per ready client, a crash per node, in that order', () => {
    expect(kinds(cluster({ clients: [client(['inc'])] }).enabled())).toEqual(['tick r1', 'tick r2', 'call c1', 'crash r1', 'crash r2']);
  });
});

describe('what the cluster offers next (enabled)', () => {
  it('a message in flight can be delivered, lost or duplicated; a down node can restart but not tick or crash', () => {
    const c = cluster({ trace: false });
    c.apply({ kind: 'tick', node: 'r1' }); // r1 pings r2: copy 1 in flight
    c.apply({ kind: 'crash', node: 'r1' });
    expect(kinds(c.enabled())).toEqual(['deliver 1', 'restart r1', 'tick r2', 'crash r2', 'lose 1', 'duplicate 1']);
  });

  it('a client with a call pending is not offered another call; one with a timeout is offered its timeout', () => {
    const c = cluster({ clients: [client(['hold'], 3)] });
    c.apply({ kind: 'call', client: 'c1' });
    expect(kinds(c.enabled())).toEqual(['deliver 1', 'tick r1', 'tick r2', 'timeout c1', 'crash r1', 'crash r2', 'lose 1', 'duplicate 1']);
    expect(c.enabled()).toContainEqual({ kind: 'timeout', client: 'c1', opId: 1 });
  });

  it('a pending call without a timeout offers no timeout', () => {
    const c = cluster({ clients: [client(['hold'])] });
    c.apply({ kind: 'call', client: 'c1' });
    expect(kinds(c.enabled())).not.toContain('timeout c1');
  });

  it('a client whose workload is done is offered nothing more', () => {
    const c = cluster({ clients: [client([])] });
    c.apply({ kind: 'call', client: 'c1' });
    expect(c.clients[0]!.ready).toBe(false);
    expect(kinds(c.enabled())).toEqual(['tick r1', 'tick r2', 'crash r1', 'crash r2']);
    expect(() => c.apply({ kind: 'call', client: 'c1' })).toThrow('call: client c1 is not ready to call');
  });

  it('after a timeout the client is ready again and the operation stays open', () => {
    const c = cluster({ clients: [client(['hold', 'get'], 2)] });
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'timeout', client: 'c1', opId: 1 });
    expect(kinds(c.enabled())).toContain('call c1');
    expect(c.history).toMatchObject([{ id: 1, op: 'hold' }]);
    expect(c.history[0]!.returnTick).toBeUndefined();
    expect(eventsOf(c, 'timeout')).toMatchObject([{ node: 'c1', opId: 1, afterTicks: 2 }]);
  });

  it('a failed cluster offers nothing and ignores events', () => {
    const c = cluster({ invariants: { 'never ticks': () => 'ticked' } });
    c.apply({ kind: 'tick', node: 'r1' });
    expect(c.failure).toMatchObject({ kind: 'invariant-violated', message: 'invariant "never ticks" violated: ticked' });
    expect(c.enabled()).toEqual([]);
    const before = c.trace.events.length;
    c.apply({ kind: 'tick', node: 'r2' });
    expect(c.trace.events).toHaveLength(before);
  });
});

describe('the network events the explorer chooses', () => {
  it('lose: the copy leaves the network and the trace says it was lost', () => {
    const c = cluster();
    c.apply({ kind: 'tick', node: 'r1' });
    c.apply({ kind: 'lose', copy: 1 });
    expect(c.inFlight).toEqual([]);
    expect(eventsOf(c, 'drop')).toMatchObject([{ node: 'r2', from: 'r1', msgId: 1, reason: 'loss', label: 'Ping(1)' }]);
  });

  it('duplicate: a second copy of the same message travels; whichever arrives second is marked the duplicate', () => {
    const c = cluster();
    c.apply({ kind: 'tick', node: 'r1' });
    c.apply({ kind: 'duplicate', copy: 1 });
    expect(c.inFlight.map((f) => [f.copy, f.envelope.msgId])).toEqual([[1, 1], [2, 1]]);
    expect(eventsOf(c, 'duplicate')).toMatchObject([{ node: 'r1', to: 'r2', msgId: 1, label: 'Ping(1)' }]);
    c.apply({ kind: 'deliver', copy: 2 });
    c.apply({ kind: 'deliver', copy: 1 });
    expect(eventsOf(c, 'deliver').map((e) => e.duplicate)).toEqual([false, true]);
    expect(c.stateOf('r2')?.received).toEqual(['r1:1', 'r1:1']);
  });

  it('a copy that is not in flight is an error naming it', () => {
    const c = cluster();
    expect(() => c.apply({ kind: 'deliver', copy: 9 })).toThrow('no message copy 9 in flight');
    expect(() => c.apply({ kind: 'lose', copy: 9 })).toThrow('no message copy 9 in flight');
    expect(() => c.apply({ kind: 'duplicate', copy: 9 })).toThrow('no message copy 9 in flight');
  });

  it('lift takes away the one rule it names, and says so; lifting it again does nothing', () => {
    const c = cluster();
    const rule = { kind: 'isolate', node: 'r2' } as const;
    c.apply({ kind: 'cut', rule });
    c.apply({ kind: 'lift', rule });
    c.apply({ kind: 'lift', rule });
    expect(c.rules).toEqual([]);
    expect(eventsOf(c, 'network').map((e) => e.text)).toEqual(['isolate r2', 'lift isolate r2']);
  });
});

describe('what a step leaves for the explorer', () => {
  it('the number of effects of the last node step, and where its last persist was', () => {
    const c = cluster({ clients: [client(['inc', 'get'])] });
    c.apply({ kind: 'call', client: 'c1' });
    expect(c.lastStepEffects).toBeUndefined(); // a call steps no node
    c.apply({ kind: 'deliver', copy: 1 }); // inc: persist, then reply
    expect([c.lastStepEffects, c.lastStepLastPersist]).toEqual([2, 0]);
    c.apply({ kind: 'tick', node: 'r2' }); // r2 has no targets: nothing to do
    expect([c.lastStepEffects, c.lastStepLastPersist]).toEqual([0, -1]);
  });

  it('a step cut after k effects applies only those, then crashes the node, and the trace says where', () => {
    const c = cluster({ clients: [client(['inc'])] });
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'deliver', copy: 1, crashAfter: 1 });
    expect(c.nodeRecords[0]).toEqual({ up: false, state: undefined, durable: { count: 1 } });
    expect(eventsOf(c, 'reply')).toEqual([]);
    expect(eventsOf(c, 'crash')).toMatchObject([{ node: 'r1', afterEffects: 1, of: 2 }]);
  });
});

describe('snapshots: the explorer copies a state, tries an event, and goes back', () => {
  it('restore brings back nodes, disks, clients, messages, history, rules and counters', () => {
    const c = cluster({ trace: false, clients: [client(['inc', 'inc'])] });
    c.apply({ kind: 'call', client: 'c1' });
    const before = c.snapshot();
    const offered = c.enabled();
    const view = c.view();
    c.apply({ kind: 'clock', tick: 4 });
    c.apply({ kind: 'deliver', copy: 1 });
    c.apply({ kind: 'deliver', copy: 2 });
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'cut', rule: { kind: 'isolate', node: 'r2' } });
    c.apply({ kind: 'crash', node: 'r1' });
    c.apply({ kind: 'settle' });
    expect(c.snapshot()).not.toEqual(before);
    c.restore(before);
    expect(c.view()).toEqual(view);
    expect(c.enabled()).toEqual(offered);
    expect(c.snapshot()).toEqual(before);
    expect([c.now, c.nextOpId, c.rules, c.settledTick]).toEqual([0, 2, [], undefined]);
    // The counters came back too: the next message and operation get the numbers they would have.
    c.apply({ kind: 'deliver', copy: 1 });
    c.apply({ kind: 'deliver', copy: 2 });
    c.apply({ kind: 'call', client: 'c1' });
    expect(c.inFlight.map((f) => [f.copy, f.envelope.msgId])).toEqual([[3, 3]]);
    expect(c.history.map((op) => [op.id, op.invokeOrder])).toEqual([[1, 1], [2, 4]]);
  });

  it('a snapshot is not changed by what the cluster does after it', () => {
    const c = cluster({ trace: false, clients: [client(['inc'])] });
    const snapshot = c.snapshot();
    const copy = structuredClone(snapshot);
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'crash', node: 'r2' });
    expect(snapshot).toEqual(copy);
  });

  it('a failure is part of the state: restoring before it clears it', () => {
    const c = cluster({ trace: false });
    const before = c.snapshot();
    c.apply({ kind: 'fail', message: 'stop', failure: 'no-progress' });
    expect(c.failure).toMatchObject({ kind: 'no-progress', message: 'stop' });
    c.restore(before);
    expect(c.failure).toBeUndefined();
  });

  it('a traced cluster refuses to go back, since its trace would lie', () => {
    const c = cluster();
    expect(() => c.restore(c.snapshot())).toThrow('restore: a traced cluster cannot go back (its trace would lie); replay the events instead');
  });

  it('an untraced cluster records no trace and still keeps the history', () => {
    const c = cluster({ trace: false, clients: [client(['inc'])] });
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'deliver', copy: 1 });
    c.apply({ kind: 'deliver', copy: 2 });
    expect(c.trace.events).toEqual([]);
    expect(c.history).toMatchObject([{ id: 1, op: 'inc', result: 1 }]);
  });
});

describe('events the cluster refuses, in words', () => {
  it('a clock that goes back, or is not a whole tick', () => {
    const c = cluster();
    c.apply({ kind: 'clock', tick: 5 });
    expect(() => c.apply({ kind: 'clock', tick: 4 })).toThrow('clock: tick 4 is before now (5)');
    expect(() => c.apply({ kind: 'clock', tick: 5.5 })).toThrow('clock: tick 5.5 is before now (5)');
  });

  it('a tick or crash of a down node, a restart of a live one', () => {
    const c = cluster();
    c.apply({ kind: 'crash', node: 'r1' });
    expect(() => c.apply({ kind: 'tick', node: 'r1' })).toThrow('tick: r1 is down');
    expect(() => c.apply({ kind: 'crash', node: 'r1' })).toThrow('crash(r1): it is already down');
    expect(() => c.apply({ kind: 'restart', node: 'r2' })).toThrow('restart(r2): it is up');
  });

  it('a node or client it does not know', () => {
    const c = cluster();
    expect(() => c.apply({ kind: 'tick', node: 'r9' })).toThrow('unknown node "r9"');
    expect(() => c.stateOf('r9')).toThrow('unknown node "r9"');
    expect(() => c.apply({ kind: 'call', client: 'c9' })).toThrow('unknown client "c9"');
    expect(() => c.apply({ kind: 'timeout', client: 'c9', opId: 1 })).toThrow('unknown client "c9"');
  });

  it('a client that calls a node that does not exist', () => {
    const c = cluster({ clients: [{ id: 'c1', workload: () => ({ to: 'r9', request: { op: 'get' }, op: 'get', args: [] }) }] });
    expect(() => c.apply({ kind: 'call', client: 'c1' })).toThrow('client c1 called unknown node "r9"');
  });

  it('names: at least one node, none twice (nodes and clients share them), none empty, with spaces, or "*"', () => {
    expect(() => cluster({ nodes: [] })).toThrow('a cluster needs at least one node');
    expect(() => cluster({ nodes: ['r1', 'c1'], clients: [client([])] })).toThrow('"c1" is used twice: node and client names share one namespace');
    for (const bad of ['*', '', ' ', 'r 3']) {
      expect(() => cluster({ nodes: ['r1', bad] }), JSON.stringify(bad)).toThrow(`names must be non-empty, without spaces, and not "*": r1, ${bad}`);
    }
  });
});

describe('a model that addresses someone who does not exist fails the run (model-threw), naming both', () => {
  it('a send to an unknown node', () => {
    const config: BeaconConfig = { pingEveryTicks: 1, pingsMax: 1, targets: { r1: ['r7'], r2: [] } };
    const c = new Cluster<Beacon>({ model: beacon(config), nodes: ['r1', 'r2'], config, seed: 1 }, scheduling);
    c.apply({ kind: 'tick', node: 'r1' });
    expect(c.failure).toMatchObject({ kind: 'model-threw', message: 'r1 sent to unknown node "r7"' });
    expect(c.inFlight).toEqual([]);
  });

  it('a reply to an unknown client', () => {
    const model = beacon(CONFIG);
    const liar = { ...model, step: (state: Beacon['state'], input: Parameters<typeof model.step>[1]) => {
      const step = model.step(state, input);
      return input.kind === 'request' ? { ...step, effects: [{ kind: 'reply' as const, client: 'c7', requestId: 1, response: 0 }] } : step;
    } };
    const c = new Cluster<Beacon>({ model: liar, nodes: ['r1', 'r2'], config: CONFIG, seed: 1, clients: [client(['get'])] }, scheduling);
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'deliver', copy: 1 });
    expect(c.failure).toMatchObject({ kind: 'model-threw', message: 'r1 replied to unknown client "c7"' });
  });

  it('an effect of a kind the simulator does not know', () => {
    const model = beacon(CONFIG);
    const odd = { ...model, step: (state: Beacon['state']) => ({ state, effects: [{ kind: 'shout' } as never] }) };
    const c = new Cluster<Beacon>({ model: odd, nodes: ['r1', 'r2'], config: CONFIG, seed: 1 }, scheduling);
    expect(() => c.apply({ kind: 'tick', node: 'r1' })).toThrow('unhandled effect: {"kind":"shout"}');
  });

  it('an event of a kind the cluster does not know', () => {
    expect(() => cluster().apply({ kind: 'teleport' } as never)).toThrow('unhandled cluster event: {"kind":"teleport"}');
  });
});

describe('more of the cluster\'s rules (session 17)', () => {
  it('invariants run after the events that change what they see, not after a loss, a copy, the clock or a link rule', () => {
    let checks = 0;
    const c = cluster({ invariants: { counted: () => { checks++; return undefined; } } });
    c.apply({ kind: 'tick', node: 'r1' }); // r1 pings r2: copy 1 in flight
    expect(checks).toBe(1);
    const rule = { kind: 'isolate', node: 'r2' } as const;
    for (const event of [
      { kind: 'duplicate', copy: 1 }, { kind: 'lose', copy: 2 }, { kind: 'clock', tick: 1 },
      { kind: 'cut', rule }, { kind: 'lift', rule }, { kind: 'heal' }, { kind: 'rates', text: 'loss 10%' },
    ] as const) c.apply(event);
    expect(checks).toBe(1);
  });

  it('the clock may stay on the same tick (several events happen in one tick)', () => {
    const c = cluster();
    c.apply({ kind: 'clock', tick: 0 });
    c.apply({ kind: 'clock', tick: 3 });
    c.apply({ kind: 'clock', tick: 3 });
    expect(c.now).toBe(3);
  });

  it('heal lifts every rule', () => {
    const c = cluster();
    c.apply({ kind: 'cut', rule: { kind: 'isolate', node: 'r2' } });
    c.apply({ kind: 'cut', rule: { kind: 'isolate', node: 'r1' } });
    c.apply({ kind: 'heal' });
    expect(c.rules).toEqual([]);
    expect(eventsOf(c, 'network').map((e) => e.text)).toEqual(['isolate r2', 'isolate r1', 'heal']);
  });

  it('settle records its tick and says what it does', () => {
    const c = cluster();
    c.apply({ kind: 'clock', tick: 4 });
    c.apply({ kind: 'settle' });
    expect(c.settledTick).toBe(4);
    expect(eventsOf(c, 'phase').map((e) => [e.tick, e.text])).toEqual([[4, 'settle: heal links, restart crashed nodes, stop faults']]);
  });

  it('a crash loses every message on its way to the node: nothing left in flight to deliver, each drop traced', () => {
    const c = cluster();
    c.apply({ kind: 'tick', node: 'r1' }); // copy 1, r1 → r2
    c.apply({ kind: 'crash', node: 'r2' });
    expect(c.inFlight).toEqual([]);
    expect(kinds(c.enabled())).toEqual(['tick r1', 'restart r2', 'crash r1']);
    expect(eventsOf(c, 'drop')).toMatchObject([{ node: 'r2', from: 'r1', msgId: 1, reason: 'crashed' }]);
  });

  it('a model whose recover throws fails the run, naming the node and "recover"', () => {
    const broken = { ...beacon(CONFIG), recover: () => { throw new Error('disk unreadable'); } };
    const c = new Cluster<Beacon>({ model: broken, nodes: ['r1', 'r2'], config: CONFIG, seed: 1 }, scheduling);
    c.apply({ kind: 'crash', node: 'r1' });
    c.apply({ kind: 'restart', node: 'r1' });
    expect(c.failure).toMatchObject({ kind: 'model-threw', message: 'r1 on recover threw: disk unreadable' });
  });

  it('a restart says whether the node came back from a disk', () => {
    const c = cluster({ clients: [client(['inc'])] });
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'deliver', copy: 1 }); // r1 persists count 1
    for (const node of ['r1', 'r2']) {
      c.apply({ kind: 'crash', node });
      c.apply({ kind: 'restart', node });
    }
    expect(eventsOf(c, 'restart').map((e) => [e.node, e.fromDurable])).toEqual([['r1', true], ['r2', false]]);
  });

  it('a delivery carries the message itself: a node\'s message, or a client\'s request', () => {
    const c = cluster({ clients: [client(['get'])] });
    c.apply({ kind: 'tick', node: 'r1' }); // copy 1: Ping(1) to r2
    c.apply({ kind: 'call', client: 'c1' }); // copy 2: get to r1
    c.apply({ kind: 'deliver', copy: 1 });
    c.apply({ kind: 'deliver', copy: 2 });
    expect(eventsOf(c, 'deliver').map((e) => e.message)).toEqual([{ type: 'ping', n: 1 }, { op: 'get' }]);
  });

  it('a model without describe hooks: messages, requests and responses are labelled as JSON', () => {
    const { describeMessage: _m, describeRequest: _q, describeResponse: _r, ...plain } = beacon(CONFIG);
    const c = new Cluster<Beacon>({ model: plain, nodes: ['r1', 'r2'], config: CONFIG, seed: 1, clients: [client(['get'])] }, scheduling);
    c.apply({ kind: 'tick', node: 'r1' });
    c.apply({ kind: 'call', client: 'c1' });
    c.apply({ kind: 'deliver', copy: 2 });
    expect(eventsOf(c, 'send').map((e) => e.label)).toEqual(['{"type":"ping","n":1}']);
    expect(eventsOf(c, 'reply').map((e) => e.label)).toEqual(['0']);
  });
});
