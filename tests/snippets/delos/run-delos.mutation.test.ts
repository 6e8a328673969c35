/**
 * How the Delos model is run and checked (snippets/delos/run-delos.ts): the deployment's configuration,
 * the clients' and the operator's workloads, the liveness rule, and the client history the
 * linearizability checker reads, with open appends settled by the final log. Written for mutation
 * testing (docs/mutation.md, issue 19).
 */
import { describe, expect, it } from 'vitest';
import { delosInvariants } from '../../../snippets/delos/invariants.ts';
import { delos } from '../../../snippets/delos/model.ts';
import { checkDelos, delosConfig, delosRunOptions, FAULTY, logHistory, NODES, VLOGS } from '../../../snippets/delos/run-delos.ts';
import { LOG_SERVICE_FAULTS } from '../../../snippets/sim/fault-mixes.ts';
import type { ClientOperation, ClusterView } from '../../../snippets/sim/index.ts';
import type { DelosTypes } from '../../../snippets/delos/model.ts';

describe('the deployment', () => {
  it('a MetaStore, a simple Loglet node, a sequencer, three LogServers and two VirtualLog nodes', () => {
    expect(VLOGS).toEqual(['v1', 'v2']);
    expect(NODES).toEqual(['meta', 's1', 'seq', 'l1', 'l2', 'l3', 'v1', 'v2']);
  });

  it('the correct rules and the timers: resend after 10 ticks, suspect after 3 resends, give up after 120 ticks', () => {
    expect(delosConfig()).toEqual({
      metastore: 'meta', simple: 's1', sequencer: 'seq', servers: ['l1', 'l2', 'l3'], seal: true, sealQuorum: true, sealedTails: true,
      retryTicks: 10, suspectAfterRetries: 3, opTicksMax: 120,
    });
    expect(delosConfig(false)).toMatchObject({ seal: false, sealQuorum: true, sealedTails: true });
    expect(delosConfig(true, { sealQuorum: false })).toMatchObject({ seal: true, sealQuorum: false, sealedTails: true });
    expect(delosConfig(true, { sealedTails: false })).toMatchObject({ sealQuorum: true, sealedTails: false });
  });

  it('the demo\'s faults are the log services\' fixed mix', () => {
    expect(FAULTY).toBe(LOG_SERVICE_FAULTS);
  });
});

describe('a run\'s options', () => {
  it('two clients by default, then the operator from tick 15 every 40 ticks at most; 200 ticks of faults; what it is given passes through', () => {
    const options = delosRunOptions({ seed: 5 });
    expect(options).toMatchObject({ model: delos, nodes: NODES, config: delosConfig(), seed: 5, safetyTicks: 200, network: undefined, faults: undefined });
    expect(options.clients!.map((c) => [c.id, c.startTick, c.thinkTicksMax])).toEqual([['c1', undefined, 4], ['c2', undefined, 4], ['admin', 15, 40]]);
    const given = delosRunOptions({ seed: 5, clients: 3, safetyTicks: 80, reconfigureEveryTicks: 25, seal: false, rules: { sealQuorum: false }, ...FAULTY });
    expect(given).toMatchObject({ safetyTicks: 80, network: FAULTY.network, faults: FAULTY.faults, config: delosConfig(false, { sealQuorum: false }) });
    expect(given.clients!.map((c) => [c.id, c.thinkTicksMax])).toEqual([['c1', 4], ['c2', 4], ['c3', 4], ['admin', 25]]);
    expect(Object.keys(options.invariants!)).toEqual(Object.keys(delosInvariants()));
  });

  it('a client appends its own unique values (client × 1000 + index) or reads, one time in 0.35, through a VirtualLog node it picks, waiting 150 ticks', () => {
    const [c1, c2] = delosRunOptions({ seed: 1 }).clients!;
    const chances: number[] = [];
    const rng = (read: boolean, pick = 1) => ({ pick: <T,>(xs: readonly T[]) => xs[pick]!, chance: (p: number) => (chances.push(p), read) });
    const call = (client: typeof c1, index: number, read: boolean, pick?: number) => client!.workload({ index, rng: rng(read, pick) } as never);
    expect(call(c1, 4, false)).toEqual({ to: 'v2', request: { kind: 'append', value: 1004 }, op: 'append', args: 1004, timeoutTicks: 150 });
    expect(call(c2, 0, false, 0)).toEqual({ to: 'v1', request: { kind: 'append', value: 2000 }, op: 'append', args: 2000, timeoutTicks: 150 });
    expect(call(c1, 5, true)).toEqual({ to: 'v2', request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: 150 });
    expect(chances).toEqual([0.35, 0.35, 0.35]);
  });

  it('the operator alternates: onto a quorum Loglet, then a simple one, through a VirtualLog node it picks, waiting 150 ticks', () => {
    const admin = delosRunOptions({ seed: 1 }).clients!.at(-1)!;
    const rng = { pick: <T,>(xs: readonly T[]) => xs[0]!, chance: () => false };
    expect([0, 1, 2].map((index) => admin.workload({ index, rng } as never))).toEqual([
      { to: 'v1', request: { kind: 'reconfigure', to: 'quorum' }, op: 'reconfigure', args: 'quorum', timeoutTicks: 150 },
      { to: 'v1', request: { kind: 'reconfigure', to: 'simple' }, op: 'reconfigure', args: 'simple', timeoutTicks: 150 },
      { to: 'v1', request: { kind: 'reconfigure', to: 'quorum' }, op: 'reconfigure', args: 'quorum', timeoutTicks: 150 },
    ]);
  });

  it('liveness: within 400 ticks of the heal, every client (the operator too) has a call made after settling answered, and "unknown" does not count', () => {
    const { liveness } = delosRunOptions({ seed: 1 });
    expect(liveness).toMatchObject({ progress: 'every client completes an operation after the network heals', withinTicks: 400 });
    const op = (client: string, invokeTick: number, result?: unknown): ClientOperation => ({
      id: invokeTick, client, op: 'append', args: 1, invokeTick, invokeOrder: invokeTick, ...(result ? { returnTick: invokeTick + 1, returnOrder: invokeTick + 1, result } : {}),
    });
    const ok = { kind: 'appended', pos: 0, loglet: 0, local: 0 };
    const holds = (history: ClientOperation[], settledTick: number | undefined) => liveness!.holds({ history, settledTick } as unknown as ClusterView<DelosTypes>);
    const everyone = [op('c1', 60, ok), op('c2', 61, ok), op('admin', 62, { kind: 'reconfigured', won: true, version: 2 })];
    expect(holds(everyone, 50)).toBe(true);
    expect(holds(everyone, undefined)).toBe(false);
    expect(holds(everyone.slice(1), 50)).toBe(false);
    expect(holds([op('c1', 50, ok), ...everyone.slice(1)], 50)).toBe(false);
    expect(holds([op('c1', 60, { kind: 'unknown' }), ...everyone.slice(1)], 50)).toBe(false);
    expect(holds([op('c1', 60), ...everyone.slice(1)], 50)).toBe(false);
  });
});

describe('the history the checker reads', () => {
  let order = 0;
  const op = (client: string, kind: 'append' | 'read' | 'reconfigure', args: unknown, invokeTick: number, answer?: { tick: number; result: unknown }): ClientOperation => ({
    id: ++order, client, op: kind, args, invokeTick, invokeOrder: invokeTick * 10,
    ...(answer ? { returnTick: answer.tick, returnOrder: answer.tick * 10 + 5, result: answer.result } : {}),
  });

  it('appends and reads with their answers: an append\'s position, a read\'s entries; reconfigurations are not part of it', () => {
    const history = [
      op('c1', 'append', 7, 1, { tick: 3, result: { kind: 'appended', pos: 0, loglet: 0, local: 0 } }),
      op('admin', 'reconfigure', 'quorum', 2, { tick: 5, result: { kind: 'reconfigured', won: true, version: 2 } }),
      op('c2', 'read', null, 4, { tick: 6, result: { kind: 'read', entries: [7] } }),
    ];
    expect(logHistory(history)).toEqual([
      { process: 'c1', call: 1, callOrder: 10, input: { f: 'append', value: 7 }, return: 3, returnOrder: 35, output: 0 },
      { process: 'c2', call: 4, callOrder: 40, input: { f: 'read' }, return: 6, returnOrder: 65, output: [7] },
    ]);
  });

  it('without the final log, an append answered "unknown" or never answered stays open, as does an open read', () => {
    const history = [
      op('c1', 'append', 7, 1, { tick: 3, result: { kind: 'unknown' } }),
      op('c2', 'append', 8, 2),
      op('c3', 'read', null, 4),
    ];
    expect(logHistory(history)).toEqual([
      { process: 'c1', call: 1, callOrder: 10, input: { f: 'append', value: 7 } },
      { process: 'c2', call: 2, callOrder: 20, input: { f: 'append', value: 8 } },
      { process: 'c3', call: 4, callOrder: 40, input: { f: 'read' } },
    ]);
  });

  it('with the final log, an open append whose value is in it took effect at its position before the run ended; one whose value is not never happened', () => {
    const history = [
      op('c1', 'append', 7, 1, { tick: 3, result: { kind: 'unknown' } }),
      op('c2', 'append', 8, 2),
      op('c3', 'read', null, 4),
    ];
    expect(logHistory(history, { log: [5, 7], tick: 90 })).toEqual([
      { process: 'c1', call: 1, callOrder: 10, input: { f: 'append', value: 7 }, return: 90, returnOrder: Number.MAX_SAFE_INTEGER, output: 1 },
      { process: 'c3', call: 4, callOrder: 40, input: { f: 'read' } },
    ]);
    expect(logHistory([op('c1', 'append', 5, 1)], { log: [5], tick: 90 })).toEqual([
      { process: 'c1', call: 1, callOrder: 10, input: { f: 'append', value: 5 }, return: 90, returnOrder: Number.MAX_SAFE_INTEGER, output: 0 },
    ]);
  });

  // A run that ended with chain v1 and L0 = [5, 7] on the simple Loglet's disk.
  const ended = (history: ClientOperation[], tick = 10) => ({
    final: {
      nodes: [
        { id: 'meta', up: true, durable: { role: 'metastore', register: { version: 1, chain: [{ start: 0, loglet: 0, kind: 'simple' }], writer: 'init' }, attempts: {} } },
        { id: 's1', up: true, durable: { role: 'simple', loglets: { 0: { entries: [{ value: 5, op: 'v1.1' }, { value: 7, op: 'v1.2' }], sealed: false } } } },
      ],
    },
    history,
    tick,
  }) as never;

  it('checkDelos holds an open append to its place in the final log: a read that saw it at another position is not linearizable', () => {
    const sawAt0 = [op('c1', 'append', 7, 1), op('c2', 'read', null, 5, { tick: 6, result: { kind: 'read', entries: [7] } })];
    expect(checkDelos(ended(sawAt0)).ok).toBe(false);
    expect(checkDelos(ended([op('c1', 'append', 5, 1), ...sawAt0])).ok).toBe(false);
    const sawBoth = [op('c0', 'append', 5, 1, { tick: 2, result: { kind: 'appended', pos: 0, loglet: 0, local: 0 } }), op('c1', 'append', 7, 1), op('c2', 'read', null, 5, { tick: 6, result: { kind: 'read', entries: [5, 7] } })];
    expect(checkDelos(ended(sawBoth)).ok).toBe(true);
  });
});
