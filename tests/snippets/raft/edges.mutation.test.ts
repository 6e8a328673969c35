/**
 * Edges of raft's surface that surface.mutation.test.ts leaves out, found by Stryker (docs/mutation.md,
 * "raft: survivors (session 17)"): the explorer's directed phases on views with a server down, without
 * a disk, or with a short log; its history check of strong reads; the scripted runs' calls and
 * sessions; the demo's counterexample; a diagram under its variant; and the model refusing inputs it
 * does not know.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/raft/demo.ts';
import { explore } from '../../../snippets/raft/explore.ts';
import { describeMessage, raft } from '../../../snippets/raft/model.ts';
import { raftConfig } from '../../../snippets/raft/run-raft.ts';
import { figure8Run, normalCaseRun, scenarios, staleNoneReadRun, staleReadRun, voteWithoutLogCheckRun } from '../../../snippets/raft/scenarios.ts';
import type { ScriptedRun } from '../../../snippets/play/from-run.ts';
import { simulate, type ClientOperation } from '../../../snippets/sim/index.ts';
import type { RaftTypes } from '../../../snippets/raft/state.ts';
import type { Entry } from '../../../snippets/raft/types.ts';
import { nop, w } from './servers.ts';

type Server = { kind?: 'leader' | 'follower'; log?: Entry[]; commitIndex?: number; currentTerm?: number; down?: boolean; noDisk?: boolean };
const node = (id: string, s: Server) => ({
  id,
  up: !s.down,
  state: s.down ? undefined : { role: { kind: s.kind ?? 'follower' }, log: s.log ?? [], commitIndex: s.commitIndex ?? 0, currentTerm: s.currentTerm ?? 1 },
  durable: s.noDisk ? undefined : { currentTerm: s.currentTerm ?? 1, log: s.log ?? [] },
});
const view = (servers: Record<string, Server>, history: unknown[] = []) => ({ nodes: Object.entries(servers).map(([id, s]) => node(id, s)), history }) as never;
const phases = (variant: 'commit-previous-term-by-count' | 'read-index-without-quorum-check') => explore.setup({ nodes: 3, requests: 2, variant }).setup.phases!;

describe('the explorer\'s directed phases on views at their edges', () => {
  it('a server that is down leads nothing (Figure 8 phase 1, the deposed-leader phase 1)', () => {
    expect(phases('commit-previous-term-by-count')[0]!.reached(view({ s1: { down: true }, s2: {}, s3: {} }))).toBe(false);
    expect(phases('read-index-without-quorum-check')[0]!.reached(view({ s1: { down: true }, s2: {}, s3: {} }))).toBe(false);
  });

  it('Figure 8 phase 3: a server that has never written its disk counts as term 0', () => {
    expect(phases('commit-previous-term-by-count')[2]!.reached(view({ s1: { kind: 'leader', currentTerm: 1 }, s2: { noDisk: true }, s3: {} }))).toBe(true);
  });

  it('Figure 8 phase 4: not reached while s1 is down, or while s3 holds less than index 2', () => {
    const phase = phases('commit-previous-term-by-count')[3]!;
    const s1 = { kind: 'leader' as const, commitIndex: 2, log: [nop(1), w(1), nop(4)] };
    expect(phase.reached(view({ s1: { down: true }, s2: {}, s3: { log: [nop(1), w(1)] } }))).toBe(false);
    expect(phase.reached(view({ s1, s2: {}, s3: { log: [nop(1)] } }))).toBe(false);
  });

  it('the deposed-leader phase 3: p2\'s acknowledgement counts among other clients\' calls', () => {
    const written = { client: 'p2', result: { kind: 'written', index: 2, term: 2, node: 's2', leaderTerm: 2 } };
    const read = { client: 'r1', result: { kind: 'value', value: null, node: 's1', applied: 1 } };
    expect(phases('read-index-without-quorum-check')[2]!.reached(view({ s1: { kind: 'leader' }, s2: { kind: 'leader' }, s3: {} }, [read, written]))).toBe(true);
  });

  it('the history check takes strong reads too: a strong read of a value overwritten before it began fails it', () => {
    const { historyCheck } = explore.setup({ nodes: 3, requests: 1, variant: undefined }).setup;
    const history: ClientOperation[] = [
      { id: 0, client: 'p1', op: 'write', args: [1, 1001], invokeTick: 1, invokeOrder: 1, returnTick: 3, returnOrder: 2, result: { kind: 'written', index: 2, term: 1, node: 's1', leaderTerm: 1 } },
      { id: 1, client: 'r1', op: 'read', args: [1, 'strong'], invokeTick: 10, invokeOrder: 3, returnTick: 12, returnOrder: 4, result: { kind: 'value', value: null, node: 's1', applied: 1 } },
    ];
    expect(historyCheck!(history)).toMatch(/^not linearizable: /);
    expect(historyCheck!(history.slice(0, 1))).toBeUndefined();
  });
});

describe('the scripted runs', () => {
  const callsOf = (run: ScriptedRun<RaftTypes>, client: string) => {
    const spec = run.clients!.find((c) => c.id === client)!;
    const out = [];
    for (let index = 0; ; index++) {
      const call = spec.workload({ index } as never);
      if (!call) return out;
      out.push(call);
    }
  };

  it('normal-case: r1 reads at weak, linearizable and strong through s1, then at none from s2, with no freshness bound', () => {
    expect(callsOf(normalCaseRun(), 'r1')).toStrictEqual([
      { to: 's1', request: { kind: 'read', level: 'weak' }, op: 'read', args: [1, 'weak'], timeoutTicks: 30 },
      { to: 's1', request: { kind: 'read', level: 'linearizable' }, op: 'read', args: [1, 'linearizable'], timeoutTicks: 30 },
      { to: 's1', request: { kind: 'read', level: 'strong' }, op: 'read', args: [1, 'strong'], timeoutTicks: 30 },
      { to: 's2', request: { kind: 'read', level: 'none' }, op: 'read', args: [1, 'none'], timeoutTicks: 30 },
    ]);
    expect(callsOf(staleNoneReadRun(10), 'r1')[0]!.request).toStrictEqual({ kind: 'read', level: 'none', freshness: 10 });
  });

  it.each([
    ['normal-case', () => normalCaseRun()],
    ['stale-weak-read', () => staleReadRun('weak')],
    ['stale-none-read', () => staleNoneReadRun()],
    ['figure-8', () => figure8Run(false)],
    ['vote-without-log-check', () => voteWithoutLogCheckRun(false)],
  ] as const)('%s: each client writes under its own session (Raft §8), pN writing N', (_, run) => {
    const result = simulate(run());
    const writes = result.final.nodes.flatMap((n) => (n.state ?? n.durable)?.log ?? []).flatMap((e: Entry) => (e.command.kind === 'write' ? [e.command] : []));
    expect(writes.length).toBeGreaterThan(0);
    for (const c of writes) expect(c.session).toBe(`p${c.value}`);
  });
});

describe('the demo and the diagrams', () => {
  it('a scripted run the checker rejects ends with its counterexample after a blank line', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'stale-weak-read' } as never);
    expect(out).toContain('0 still waiting when the run ended.\n\nCounterexample (register):\n');
  });

  it('read-index-without-quorum-check\'s diagram runs the variant: the deposed s1 answers the linearizable read with 1', () => {
    const diagram = scenarios['read-index-without-quorum-check']!();
    expect(diagram).toContain('s1-->>r1: 1 (s1, applied 2)');
    expect(scenarios['linearizable-read']!()).not.toContain('s1-->>r1: 1 (s1, applied 2)');
  });
});

describe('the model refuses what it does not know (a bug in a caller, reported, not a silent undefined step)', () => {
  it('an input, a message, or a response of an unknown kind throws', () => {
    const s = raft.init('s1', ['s2', 's3'], raftConfig(1));
    expect(() => raft.step(s, { kind: 'bogus' } as never)).toThrow(/unhandled/);
    expect(() => raft.step(s, { kind: 'message', from: 's2', message: { kind: 'bogus' } } as never)).toThrow(/unhandled/);
    expect(() => describeMessage({ kind: 'bogus' } as never)).toThrow(/unhandled/);
    expect(() => raft.describeResponse!({ kind: 'bogus' } as never)).toThrow(/unhandled/);
  });
});
