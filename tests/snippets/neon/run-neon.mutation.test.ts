/**
 * How a Neon run is set up (snippets/neon/run-neon.ts): the cluster's nodes, the correct model's
 * config, the Postgres clients' workload, what a run's options pass through to the simulator, and the
 * liveness rule. The seeded suites run all of it, but a client calling the wrong compute or a liveness
 * rule that always holds would not fail them; these tests state each rule on a hand-made context.
 * Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { COMPUTES, committer, FAULTY, neonConfig, neonRunOptions, NODES, OBJECT_STORE, PAGESERVER, runNeon, SAFEKEEPERS } from '../../../snippets/neon/run-neon.ts';
import { neon } from '../../../snippets/neon/model.ts';
import { LEADER_LOG_FAULTS } from '../../../snippets/sim/fault-mixes.ts';
import type { NeonResponse } from '../../../snippets/neon/types.ts';

const firstOf = { pick: <T,>(xs: readonly T[]) => xs[0]! };
const lastOf = { pick: <T,>(xs: readonly T[]) => xs.at(-1)! };
type Context = Parameters<ReturnType<typeof committer>>[0];
const ctx = (index: number, previous?: unknown, rng: { pick: <T>(xs: readonly T[]) => T } = firstOf) => ({ index, previous, rng }) as unknown as Context;
const committed = (by: string): NeonResponse => ({ kind: 'committed', lsn: 3, term: 2, by });

describe('the cluster', () => {
  it('computes cA and cB, safekeepers sk1..sk3, the pageserver ps and object storage s3, in that order', () => {
    expect(COMPUTES).toEqual(['cA', 'cB']);
    expect(SAFEKEEPERS).toEqual(['sk1', 'sk2', 'sk3']);
    expect([PAGESERVER, OBJECT_STORE]).toEqual(['ps', 's3']);
    expect(NODES).toEqual(['cA', 'cB', 'sk1', 'sk2', 'sk3', 'ps', 's3']);
  });

  it('the faulty run is the leader-log mix the Kafka and Raft demos run', () => {
    expect(FAULTY).toBe(LEADER_LOG_FAULTS);
  });
});

describe('the correct model\'s config', () => {
  it('every rule on (sync from the majority, majority commit, lower terms refused), cA first, and the timers', () => {
    expect(neonConfig()).toStrictEqual({
      computes: ['cA', 'cB'], safekeepers: ['sk1', 'sk2', 'sk3'], pageserver: 'ps', objectStore: 's3', firstProposer: 'cA',
      syncFromMajority: true, quorumCommit: true, refuseLowerTerm: true,
      heartbeatTicks: 4, campaignTicks: 16, backoffTicks: 12, readTicks: 5, backupTicks: 6,
    });
  });

  it('an override replaces only what it names', () => {
    expect(neonConfig({ quorumCommit: false, readTicks: 2 })).toMatchObject({ quorumCommit: false, readTicks: 2, syncFromMajority: true, refuseLowerTerm: true, heartbeatTicks: 4 });
  });
});

describe('the Postgres clients\' workload', () => {
  it('commits unique values (client × 1000 + index), with a timeout of 100 ticks, and stops after its calls', () => {
    const c = committer(2, 3);
    expect(c(ctx(0))).toEqual({ to: 'cA', request: { kind: 'commit', value: 2000 }, op: 'commit', args: 2000, timeoutTicks: 100 });
    expect(c(ctx(2))?.args).toBe(2002);
    expect(c(ctx(2))?.request).toEqual({ kind: 'commit', value: 2002 });
    expect(c(ctx(3))).toBeUndefined();
    expect(committer(1)(ctx(10_000))?.args).toBe(11_000);
  });

  it('calls the compute that acknowledged its last commit (the proposer\'s name without its life)', () => {
    expect(committer(1)(ctx(1, { returnTick: 4, result: committed('cB.3') }))?.to).toBe('cB');
    expect(committer(1)(ctx(1, { returnTick: 4, result: committed('cA.0') }, lastOf))?.to).toBe('cA');
  });

  it('after a call that timed out, or on its first call, picks either compute', () => {
    expect(committer(1)(ctx(1, { result: committed('cB.3') }))?.to).toBe('cA');
    expect(committer(1)(ctx(1, { result: committed('cA.0') }, lastOf))?.to).toBe('cB');
    expect(committer(1)(ctx(0, undefined, lastOf))?.to).toBe('cB');
    const seen: unknown[] = [];
    committer(1)(ctx(0, undefined, { pick: <T,>(xs: readonly T[]) => (seen.push(xs), xs[0]!) }));
    expect(seen).toEqual([['cA', 'cB']]);
  });
});

describe('a run\'s options', () => {
  it('run the neon model on the cluster\'s nodes with the correct config, two clients by default, and 200 ticks of faults', () => {
    const plain = neonRunOptions({ seed: 3 });
    expect(plain.model).toBe(neon);
    expect(plain.nodes).toEqual(NODES);
    expect(plain.config).toStrictEqual(neonConfig());
    expect(plain.seed).toBe(3);
    expect(plain.clients!.map((c) => [c.id, c.thinkTicksMax])).toEqual([['pg1', 4], ['pg2', 4]]);
    expect(plain.safetyTicks).toBe(200);
    expect([plain.network, plain.faults, plain.scenario]).toEqual([undefined, undefined, undefined]);
    // Client pg1 is client 1: its values start at 1000, pg2's at 2000; none stops.
    expect(plain.clients!.map((c) => c.workload(ctx(0))?.args)).toEqual([1000, 2000]);
    expect(plain.clients!.map((c) => c.workload(ctx(50_000)) !== undefined)).toEqual([true, true]);
  });

  it('pass the config overrides, clients, network, faults, scenario and safety ticks through', () => {
    const network = { lossProbability: 0.1 } as never;
    const faults = { crash: { probabilityPerTick: 0.1, downTicksMin: 1, downTicksMax: 2 } } as never;
    const scenario = { steps: [] } as never;
    const given = neonRunOptions({ seed: 5, config: { quorumCommit: false }, clients: 3, network, faults, scenario, safetyTicks: 50 });
    expect(given.config).toStrictEqual(neonConfig({ quorumCommit: false }));
    expect(given.clients!.map((c) => c.id)).toEqual(['pg1', 'pg2', 'pg3']);
    expect(given.network).toBe(network);
    expect(given.faults).toBe(faults);
    expect(given.scenario).toBe(scenario);
    expect(given.safetyTicks).toBe(50);
  });

  it('check the five Neon invariants, with a fresh memory per run', () => {
    const { invariants } = neonRunOptions({ seed: 1 });
    expect(Object.keys(invariants!)).toEqual([
      'at most one proposer per term',
      'commit_lsn never moves back, and WAL below it never changes',
      'no acknowledged commit is lost',
      'the pageserver ingests only committed WAL',
      'object storage holds a prefix of the committed WAL',
    ]);
    expect(neonRunOptions({ seed: 1 }).invariants).not.toBe(invariants);
  });

  it('liveness: a commit invoked after the network healed is acknowledged within 250 ticks', () => {
    const { liveness } = neonRunOptions({ seed: 3 });
    expect(liveness!.progress).toBe('a commit made after the network heals is acknowledged');
    expect(liveness!.withinTicks).toBe(250);
    const op = (invokeTick: number, answered = true) => ({ client: 'pg1', invokeTick, ...(answered ? { returnTick: invokeTick + 3, result: committed('cA.0') } : {}) });
    const holds = (history: unknown[], settledTick: number | undefined) => liveness!.holds({ history, settledTick } as never);
    expect(holds([op(101)], 100)).toBe(true);
    expect(holds([op(50), op(120, false), op(130)], 100)).toBe(true);
    expect(holds([op(100)], 100)).toBe(false);
    expect(holds([op(50), op(120, false)], 100)).toBe(false);
    expect(holds([op(101)], undefined)).toBe(false);
    expect(holds([], 100)).toBe(false);
  });
});

describe('a run', () => {
  it('simulates the options: a fault-free run acknowledges commits from both clients and keeps every invariant', () => {
    const result = runNeon({ seed: 2, safetyTicks: 40 });
    expect(result.ok).toBe(true);
    const clients = new Set(result.history.filter((o) => o.returnTick !== undefined).map((o) => o.client));
    expect([...clients].sort()).toEqual(['pg1', 'pg2']);
  });
});
