/**
 * What the delos folder shows a reader, stated as rules: the demo's text (`npm run snippet -- delos`),
 * the variants table, the explorer's descriptor and setup (`npm run explore -- delos`) and what it
 * finds, and the player's scenarios, variants, cards and calls. Written for mutation testing
 * (docs/mutation.md, issue 19): explore.ts and play.ts were run only by tests outside
 * tests/snippets/delos/. Everything is computed inside `it`; the explorer runs at small bounds (the
 * slowest search here takes well under a second).
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/delos/demo.ts';
import { explore } from '../../../snippets/delos/explore.ts';
import { delosInvariants } from '../../../snippets/delos/invariants.ts';
import { delosLegend } from '../../../snippets/delos/legend.ts';
import type { DelosState, DelosTypes } from '../../../snippets/delos/model.ts';
import { delosPlay } from '../../../snippets/delos/play.ts';
import { delosConfig, NODES } from '../../../snippets/delos/run-delos.ts';
import type { DelosConfig } from '../../../snippets/delos/types.ts';
import { delosVariants, isDelosVariant } from '../../../snippets/delos/variants.ts';
import { newVlog, type Op } from '../../../snippets/delos/virtual-log.ts';
import { exploreModel, explore as runExplorer } from '../../../snippets/explore/explorer.ts';
import { resolveBounds, type Phase, type Setup } from '../../../snippets/explore/descriptor.ts';
import type { ClusterView } from '../../../snippets/sim/index.ts';
import { cardOf, frameAtTick, played, returnLines } from '../play/played.ts';
import { firstStepsThenMore } from '../../support/demo-diagram.ts';

const lines = (text: string) => text.split('\n');
const variantNames = ['no-seal', 'weak-seal'];
const descriptions = () => Object.fromEntries(Object.entries(delosVariants).map(([k, v]) => [k, v.description]));
/** Each search below visits a few thousand states; a broken rule that lets one run away stops here (and fails) instead of for minutes. */
const STATES_MAX = 20_000;

describe('the demo', () => {
  it('names the deployment and the seed, the faults and where the legend is, then a blank line before the trace', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(lines(out).slice(0, 4)).toEqual([
      'Delos VirtualLog: MetaStore, simple Loglet s1, quorum Loglet (seq + l1..l3), VirtualLog nodes v1, v2; seed 1.',
      'Faults until tick 100 (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.',
      'Legend: npm run snippet -- delos --legend',
      '',
    ]);
    expect(lines(out)[4]).toBe('     1  c1     invoke     call 1 append(1000) → v2 #1');
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('a correct seed: what held, what was checked, the chain it ended with, that the LogServers agree, and the verdict', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(lines(out).slice(-7)).toEqual([
      '',
      'Run: invariants held after every step; liveness held after the heal; no call was retried.',
      "Checked: linearizability of the clients' appends and reads as one append-only log; an append whose outcome its client does not know took effect if its value is in the final log, and never happened if not.",
      'Chain v4: L0 (simple) from 0, L1 (quorum) from 2, L2 (simple) from 2, L3 (quorum) from 2.',
      'LogServers agree: yes.',
      'Verdict: linearizable — 12 client calls: 9 completed, 1 timed out, 2 still waiting when the run ended (may or may not have taken effect).',
      '',
    ]);
    expect(out).not.toContain('Broken variant');
  });

  it('an append answered "unknown" is counted apart from the other completed calls', () => {
    expect(demo.run({ seed: 2, mermaid: false })).toContain(
      '\nVerdict: linearizable — 12 client calls: 9 completed (1 answered "unknown", which may or may not have taken effect), 1 timed out, 2 still waiting when the run ended (may or may not have taken effect).\n',
    );
  });

  it('--variant no-seal says so, and at seed 2 the run fails on an append acknowledged past its seal', () => {
    const out = demo.run({ seed: 2, mermaid: false, variant: 'no-seal' });
    expect(lines(out).slice(0, 3)).toEqual([
      'Delos VirtualLog: MetaStore, simple Loglet s1, quorum Loglet (seq + l1..l3), VirtualLog nodes v1, v2; seed 2.',
      'Broken variant no-seal: reconfiguration skips the seal and only reads the tail (§3.2): a stale VirtualLog node still appends to the old Loglet.',
      'Faults until tick 100 (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.',
    ]);
    expect(out).toContain(
      '\nRun: FAILED in the liveness phase at tick 117: invariant "no append is acknowledged past its seal, one value per position, readers see one sequence" violated: append 2003 acknowledged at 2 on L0, past its sealed end 2 (chain v2)\n',
    );
    expect(out).toContain('\nChain v2: L0 (simple) from 0, L1 (quorum) from 2.\n');
    expect(out).toContain('\nVerdict: run failed — 6 client calls: 5 completed, 0 timed out, 1 still waiting when the run ended (may or may not have taken effect).\n');
    // The same seed with the seal passes: the variant is what broke it.
    expect(demo.run({ seed: 2, mermaid: false })).toContain('\nRun: invariants held after every step; liveness held after the heal; no call was retried.\n');
  });

  it('when the checker also rejects the history, the verdict says so and the counterexample follows (no-seal, seed 33)', () => {
    const out = demo.run({ seed: 33, mermaid: false, variant: 'no-seal' });
    expect(out).toContain('\nVerdict: run failed — 5 client calls: 4 completed, 0 timed out, 1 still waiting when the run ended (may or may not have taken effect).\nNot linearizable: no order of the operations on log matches what the clients saw.\nCounterexample (log):\n');
    expect(out).toContain('\nCannot place: append(2001) → 2  client c2  t=33..61\n');
  });

  it('--variant weak-seal runs with both seal rules off; an unknown name runs the correct model', () => {
    const out = demo.run({ seed: 1, mermaid: false, variant: 'weak-seal' });
    expect(lines(out)[1]).toBe(`Broken variant weak-seal: ${delosVariants['weak-seal'].description}.`);
    // Seed 1's run takes another course once the seal moves on after one LogServer.
    expect(out).toContain('\n   193  meta   send       → v1 #111 chain v4 [s0@0 q1@2 s2@2 q3@2]\n');
    expect(demo.run({ seed: 1, mermaid: false })).not.toContain('→ v1 #111 chain v4');
    expect(demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toEqual(demo.run({ seed: 1, mermaid: false }));
  });

  it('--mermaid prints a sequence diagram of the first 60 steps, ending in exactly one newline, and no report', () => {
    const out = demo.run({ seed: 1, mermaid: true });
    expect(firstStepsThenMore(out)).toBe('    Note over c1,v2: 71 more steps not shown');
    expect(out).toContain('%% delos, seed 1, ticks 1–213');
  });

  it('describes itself, lists every variant with its description, and shows the Delos legend', () => {
    expect(demo.description).toBe('Delos: a VirtualLog over a chain of simple and quorum Loglets, reconfigured under faults; checked for linearizability.');
    expect(demo.variants).toEqual(descriptions());
    expect(demo.legend).toBe(delosLegend);
  });
});

describe('the variants table', () => {
  it('has the two variants, each switching off exactly its rules, each described in one line that says what goes wrong', () => {
    expect(Object.keys(delosVariants)).toEqual(variantNames);
    expect(delosVariants['no-seal'].config).toEqual({ seal: false });
    expect(delosVariants['weak-seal'].config).toEqual({ sealQuorum: false, sealedTails: false });
    expect(descriptions()).toEqual({
      'no-seal': 'reconfiguration skips the seal and only reads the tail (§3.2): a stale VirtualLog node still appends to the old Loglet',
      'weak-seal': "the seal moves on after one LogServer's ack and checkTail counts unsealed tails (§4.2.1); either rule alone would be enough: an append lands past the sealed end",
    });
  });

  it('knows its own names only: not undefined, not another word, not what every object inherits', () => {
    for (const name of variantNames) expect(isDelosVariant(name)).toBe(true);
    for (const name of [undefined, 'nope', '', 'toString', 'hasOwnProperty', 'constructor']) expect(isDelosVariant(name)).toBe(false);
  });
});

describe("the explorer's descriptor and setup", () => {
  const setupOf = (requests: number, variant: string | undefined, shape?: string) =>
    explore.setup({ nodes: 3, requests, variant, ...(shape === undefined ? {} : { shape }) }).setup as unknown as Setup<DelosTypes>;
  const calls = (setup: Setup<DelosTypes>, upTo = 3) => setup.clients.map((c) => [c.id, ...Array.from({ length: upTo }, (_, index) => c.workload({ index } as never))]);
  const reconfigure = (to: string) => ({ to: 'v2', request: { kind: 'reconfigure', to }, op: 'reconfigure', args: to });
  const append = (to: string, value: number) => ({ to, request: { kind: 'append', value }, op: 'append', args: value });

  it('describes the shape, lists every variant, and gives weak-seal the deeper bound its directed search needs', () => {
    expect(explore.description).toBe(
      'Delos: the operator reconfigures to a quorum Loglet through v2 while c1 appends through v1 and c2 through v2 (c3… alternate); for weak-seal, onto a quorum Loglet and off it again while c1 appends through v1.',
    );
    expect(explore.variants).toEqual(descriptions());
    expect(explore.defaults).toEqual({ nodes: 8, requests: 3, depth: 24, crashes: 0, losses: 0, timers: 0 });
    expect(explore.variantDefaults).toEqual({ 'weak-seal': { requests: 3, depth: 33 } });
  });

  it('the whole deployment whatever --nodes says, with the correct rules and the Delos invariants', () => {
    const setup = setupOf(3, undefined);
    expect(setup.nodes).toEqual(NODES);
    expect(setup.nodes).toEqual(['meta', 's1', 'seq', 'l1', 'l2', 'l3', 'v1', 'v2']);
    expect(setup.config).toEqual(delosConfig(true));
    expect(setup.config).toMatchObject({ seal: true, sealQuorum: true, sealedTails: true });
    expect(setup.invariants).toBe(delosInvariants);
    expect(setup.phases).toBeUndefined();
  });

  it('the operator reconfigures to quorum once through v2; each other request is one append of its own number, alternating v1 and v2', () => {
    expect(calls(setupOf(4, undefined))).toEqual([
      ['admin', reconfigure('quorum'), undefined, undefined],
      ['c1', append('v1', 1), undefined, undefined],
      ['c2', append('v2', 2), undefined, undefined],
      ['c3', append('v1', 3), undefined, undefined],
    ]);
    expect(setupOf(1, undefined).clients.map((c) => c.id)).toEqual(['admin']);
  });

  it('no-seal: the same shape with the seal switched off and the other rules kept', () => {
    const setup = setupOf(3, 'no-seal');
    expect(setup.config).toEqual(delosConfig(false));
    expect(setup.phases).toBeUndefined();
    expect(calls(setup).map((c) => c[0])).toEqual(['admin', 'c1', 'c2']);
  });

  it('weak-seal: the operator moves onto a quorum Loglet and off it again, one request fewer for appends, behind three directed goals', () => {
    const setup = setupOf(3, 'weak-seal');
    expect(setup.config).toEqual(delosConfig(true, { sealQuorum: false, sealedTails: false }));
    expect(calls(setup)).toEqual([
      ['admin', reconfigure('quorum'), reconfigure('simple'), undefined],
      ['c1', append('v1', 1), undefined, undefined],
    ]);
    expect(setup.phases!.map((p) => p.goal)).toEqual([
      'the operator has moved the log onto quorum Loglet L1 (chain v2 installed and answered)',
      "v1 sends c1's append to L1",
      "v2, for the operator's second move, has sealed L1 by its own rule and asks for L1's tail",
    ]);
    // The correct model in that shape: the same clients and goals, the correct rules.
    const shaped = setupOf(3, undefined, 'weak-seal');
    expect(shaped.config).toEqual(delosConfig(true));
    expect(calls(shaped)).toEqual(calls(setup));
    expect(shaped.phases).toBe(setup.phases);
  });

  it('the first goal needs the operator\'s move onto quorum to be answered, not only asked', () => {
    const [moved] = setupOf(3, 'weak-seal').phases!;
    const view = (history: Array<{ client: string; args: unknown; returnTick?: number }>) => ({ nodes: [], history }) as unknown as ClusterView<DelosTypes>;
    expect(moved!.reached(view([]))).toBe(false);
    expect(moved!.reached(view([{ client: 'admin', args: 'quorum' }]))).toBe(false);
    expect(moved!.reached(view([{ client: 'admin', args: 'simple', returnTick: 9 }]))).toBe(false);
    expect(moved!.reached(view([{ client: 'c1', args: 'quorum', returnTick: 9 }]))).toBe(false);
    expect(moved!.reached(view([{ client: 'admin', args: 'quorum', returnTick: 9 }]))).toBe(true);
  });

  it('the second and third goals read v1 and v2 only while they are up, and only their operation in flight', () => {
    const [, sends, seals] = setupOf(3, 'weak-seal').phases!;
    const quorum = { start: 0, loglet: 1, kind: 'quorum' } as const;
    const simple = { start: 0, loglet: 0, kind: 'simple' } as const;
    const base = { version: 2, chain: [{ ...simple }, { ...quorum, start: 0 }], writer: 'v2.1' };
    const vlog = (id: string, phase: Op['phase'] | undefined, up = true) => ({
      id, up,
      state: { ...newVlog(id, delosConfig()), op: phase && ({ client: 'c1', requestId: 1, request: { kind: 'append', value: 1 }, tag: `${id}.1`, phase, waitTicks: 0, retries: 0, ageTicks: 0, unknown: false, sealedLoglet: -1 } satisfies Op) },
    });
    const view = (...nodes: unknown[]) => ({ nodes: [{ id: 'meta', up: true, state: { role: 'metastore' } }, ...nodes], history: [] }) as unknown as ClusterView<DelosTypes>;
    expect(sends!.reached(view(vlog('v1', { kind: 'append', segment: quorum })))).toBe(true);
    expect(sends!.reached(view(vlog('v1', { kind: 'append', segment: simple })))).toBe(false);
    expect(sends!.reached(view(vlog('v1', { kind: 'tail', segment: quorum, version: 2 })))).toBe(false);
    expect(sends!.reached(view(vlog('v2', { kind: 'append', segment: quorum })))).toBe(false);
    expect(sends!.reached(view(vlog('v1', { kind: 'append', segment: quorum }, false)))).toBe(false);
    expect(sends!.reached(view(vlog('v1', undefined)))).toBe(false);
    expect(sends!.reached(view())).toBe(false);
    expect(seals!.reached(view(vlog('v2', { kind: 'check', base, tails: {} })))).toBe(true);
    expect(seals!.reached(view(vlog('v2', { kind: 'check', base: { ...base, chain: [simple] }, tails: {} })))).toBe(false);
    expect(seals!.reached(view(vlog('v2', { kind: 'seal', base, acks: [] })))).toBe(false);
    expect(seals!.reached(view(vlog('v1', { kind: 'check', base, tails: {} })))).toBe(false);
    expect(seals!.reached(view(vlog('v2', { kind: 'check', base, tails: {} }, false)))).toBe(false);
  });

  it('the explorer finds no-seal at its own bounds: an append acknowledged on L0 past the end its reconfiguration read', () => {
    const { size, bounds } = resolveBounds(explore, 'no-seal');
    expect(bounds).toMatchObject({ depth: 24, crashes: 0, losses: 0, timers: 0 });
    const result = runExplorer(explore.setup(size).setup, { ...bounds, maxStates: STATES_MAX });
    expect(result.violation?.message).toBe(
      'invariant "no append is acknowledged past its seal, one value per position, readers see one sequence" violated: append 1 acknowledged at 0 on L0, past its sealed end 0 (chain v2)',
    );
  });

  it('the correct model to depth 12 has no violation, and the search is complete', () => {
    const result = exploreModel(explore, undefined, { depth: 12, maxStates: STATES_MAX });
    expect(result.violation).toBeUndefined();
    expect(result.complete).toBe(true);
    expect(result.distinctStates).toBeGreaterThan(1000);
  });

  // The weak seal's own search (depth 33) takes seconds; one goal further along the same prefix
  // (chain v3 installed) it takes a fraction of one, and the directed goals are the descriptor's.
  const chainV3: Phase<DelosTypes> = {
    goal: 'the MetaStore holds chain v3',
    reached: (view) => view.nodes.some((n) => n.up && n.state.role === 'metastore' && n.state.register.version === 3),
  };
  const weakSealSearch = (variant: string | undefined) => {
    const { size, bounds } = resolveBounds(explore, 'weak-seal');
    const setup = explore.setup({ ...size, variant, shape: 'weak-seal' }).setup as unknown as Setup<DelosTypes>;
    return runExplorer({ ...setup, phases: [...setup.phases!, chainV3] }, { ...bounds, maxStates: STATES_MAX });
  };

  it('the explorer finds weak-seal after its directed prefix: c1\'s append acknowledged on L1 past the end the weak seal read', () => {
    const result = weakSealSearch('weak-seal');
    expect(result.phases?.map((p) => p.events)).toEqual([11, 15, 21, 26]);
    expect(result.violation?.message).toBe(
      'invariant "no append is acknowledged past its seal, one value per position, readers see one sequence" violated: append 1 acknowledged at 0 on L1, past its sealed end 0 (chain v3)',
    );
  });

  it('the correct model in the weak-seal shape reaches the same goals and has no violation to depth 33', () => {
    const result = weakSealSearch(undefined);
    expect(result.phases?.map((p) => p.events)).toEqual([11, 15, 23, 28]);
    expect(result.violation).toBeUndefined();
    expect(result.complete).toBe(true);
  });
});

describe('the player', () => {
  it('offers four scenarios on the whole deployment, each with its label, description and length', () => {
    expect(delosPlay).toMatchObject({ name: 'delos', title: 'Delos', maxTicks: 400 });
    expect(delosPlay.scenarios.map((s) => [s.id, s.label, s.nodes, s.ticks, s.seed])).toEqual([
      ['stale-appender', 'A stale appender meets the seal', NODES, 70, 1],
      ['racing-reconfigurations', 'Two reconfigurations race', NODES, 50, 1],
      ['half-sealed', 'A seal that reaches one LogServer', NODES, 60, 1],
      ['faulty', 'Random faults', NODES, 100, 1],
    ]);
    expect(delosPlay.scenarios.map((s) => s.description)).toEqual([
      'The operator moves the log from simple Loglet L0 to quorum Loglet L1 through v2. c3 then appends 3 through v1, which still believes in L0: the sealed L0 refuses, and v1 reads the new chain and appends on L1 (§3.2).',
      "Two operators reconfigure chain v1 through v1 and v2 at the same tick. Both seal L0; the MetaStore's conditional write lets one win, and the other adopts its chain (§3.2).",
      "The log moves on from quorum Loglet L1 while v2's seals to l2 and l3 are cut and l1 crashes. The seal waits for a majority, and checkTail counts only sealed tails, so c2's append of 20 is refused or lands inside L1's segment (§4.2.1).",
      'The demo: two clients append and read through v1 and v2 while an operator reconfigures between simple and quorum Loglets, on a network that loses, duplicates and reorders messages while nodes crash; add your own faults.',
    ]);
    expect(delosPlay.invariants).toBe(delosInvariants);
    expect(delosPlay.checkHistory).toBeUndefined();
  });

  it('stale-appender: c3\'s append through the stale v1 lands at position 2 on L1, and c4 reads [1,2,3]', () => {
    const { run, last } = played(delosPlay, 'stale-appender', undefined);
    expect(returnLines(run.trace)).toEqual(['7 c1 at 0 (L0:0)', '18 admin won, chain v2', '30 c2 at 1 (L1:0)', '44 c3 at 2 (L1:1)', '58 c4 [1,2,3]']);
    expect(last.failure).toBeUndefined();
  });

  it('racing-reconfigurations: one operator wins chain v2, the other loses, and c2 appends on the winner\'s L1', () => {
    const { run, last } = played(delosPlay, 'racing-reconfigurations', undefined);
    expect(returnLines(run.trace)).toEqual(['7 c1 at 0 (L0:0)', '18 admin1 won, chain v2', '18 admin2 lost, chain v2', '36 c2 at 1 (L1:0)']);
    expect(last.failure).toBeUndefined();
  });

  it('half-sealed: l1 crashes at tick 30, c2\'s append is answered "unknown", and c3 reads [10]', () => {
    const { run, last } = played(delosPlay, 'half-sealed', undefined);
    expect(run.trace.events.filter((e) => e.kind === 'crash').map((e) => `${e.tick} ${e.node}`)).toEqual(['30 l1']);
    expect(returnLines(run.trace)).toEqual(['11 admin won, chain v2', '18 c1 at 0 (L1:0)', '39 admin2 won, chain v3', '40 c2 unknown', '54 c3 [10]']);
    expect(last.failure).toBeUndefined();
  });

  it('faulty: two clients and the operator under the demo\'s faults, reconfiguring many times, no failure', () => {
    const faulty = delosPlay.scenarios.find((s) => s.id === 'faulty')!;
    expect(faulty.clients().map((c) => c.id)).toEqual(['c1', 'c2', 'admin']);
    expect(faulty.network).toMatchObject({ lossProbability: 0.05, duplicateProbability: 0.05 });
    expect(faulty.faults).toEqual(expect.any(Object));
    expect(faulty.setup).toBeUndefined();
    const { run, last } = played(delosPlay, 'faulty', undefined);
    expect(last.failure).toBeUndefined();
    expect(returnLines(run.trace).filter((r) => / admin won, chain v\d/.test(r)).length).toBeGreaterThan(4);
    expect(returnLines(run.trace).length).toBeGreaterThan(10);
  });

  it('each broken variant fails its own scenario on the invariant the note names', () => {
    expect(delosPlay.variants.map((v) => [v.id, v.label, v.failing])).toEqual([
      ['no-seal', 'Reconfiguration skips the seal (no “seal before writing the new chain”, §3.2)', { scenario: 'stale-appender', seed: 1 }],
      ['weak-seal', 'The seal moves on after one LogServer and checkTail counts unsealed tails (§4.2.1)', { scenario: 'half-sealed', seed: 1 }],
    ]);
    const failures = delosPlay.variants.map((v) => played(delosPlay, v.failing!.scenario, v.id, v.failing!.seed).last.failure?.message);
    expect(failures).toEqual([
      'invariant "no append is acknowledged past its seal, one value per position, readers see one sequence" violated: position 1 acknowledged twice: to append 2 and to append 3',
      'invariant "no append is acknowledged past its seal, one value per position, readers see one sequence" violated: append 20 acknowledged at 1 on L1, past its sealed end 1 (chain v3)',
    ]);
  });

  it('a variant changes only its own rules of whatever configuration the scenario has', () => {
    const base: DelosConfig = { ...delosConfig(), retryTicks: 7 };
    const [noSeal, weakSeal] = delosPlay.variants;
    expect(noSeal!.config(base)).toEqual({ ...base, seal: false });
    expect(weakSeal!.config(base)).toEqual({ ...base, sealQuorum: false, sealedTails: false });
  });

  it('the cards before anything happens: the MetaStore\'s chain v1, no Loglet yet, VirtualLog nodes that have not read the chain', () => {
    const start = frameAtTick(delosPlay, 'stale-appender', 0);
    expect(cardOf(delosPlay, start, 'meta')).toEqual({ role: 'MetaStore', fields: { chain: 'v1: L0 simple from 0' } });
    expect(cardOf(delosPlay, start, 's1')).toEqual({ role: 'simple Loglet', fields: { Loglets: 'none yet' } });
    expect(cardOf(delosPlay, start, 'l1')).toEqual({ role: 'LogServer', fields: { Loglets: 'none yet' } });
    expect(cardOf(delosPlay, start, 'seq')).toEqual({ role: 'sequencer', fields: { Loglets: 'none yet' } });
    expect(cardOf(delosPlay, start, 'v1')).toEqual({ role: 'VirtualLog', fields: { chain: 'not read yet', doing: 'nothing', queued: '0' } });
  });

  it('the cards during the run: each Loglet\'s tail (the sequencer\'s committed count) and seal bit, and what a VirtualLog node is doing', () => {
    const frame = frameAtTick(delosPlay, 'stale-appender', 40);
    expect(cardOf(delosPlay, frame, 'meta')).toEqual({ role: 'MetaStore', fields: { chain: 'v2: L0 simple from 0, L1 quorum from 1' } });
    expect(cardOf(delosPlay, frame, 's1')).toEqual({ role: 'simple Loglet', fields: { Loglets: 'L0: tail 1, sealed' } });
    expect(cardOf(delosPlay, frame, 'l2')).toEqual({ role: 'LogServer', fields: { Loglets: 'L1: tail 1' } });
    expect(cardOf(delosPlay, frame, 'seq')).toEqual({ role: 'sequencer', fields: { Loglets: 'L1: committed 1' } });
    expect(cardOf(delosPlay, frame, 'v1')).toEqual({ role: 'VirtualLog', fields: { chain: 'v2: L0 simple from 0, L1 quorum from 1', doing: 'append 3 for c3: append', queued: '0' } });
  });

  it('a node that serves several Loglets lists each, separated by semicolons', () => {
    const s1: DelosState = { role: 'simple', loglets: { 0: { entries: [{ value: 1, op: 'v1.1' }], sealed: true }, 2: { entries: [], sealed: false } } };
    expect(delosPlay.nodeView(s1).fields).toEqual([{ label: 'Loglets', value: 'L0: tail 1, sealed; L2: tail 0' }]);
  });

  it('a VirtualLog node\'s card names a read, a reconfiguration, its retries and its queue', () => {
    const op: Op = { client: 'c1', requestId: 1, request: { kind: 'read' }, tag: 'v1.1', phase: { kind: 'chain' }, waitTicks: 0, retries: 0, ageTicks: 0, unknown: false, sealedLoglet: -1 };
    const card = (change: Partial<Op>, queue = 0) => {
      const state: DelosState = { ...newVlog('v1', delosConfig()), op: { ...op, ...change }, queue: Array.from({ length: queue }, (_, i) => ({ client: `c${i + 2}`, requestId: 1, request: { kind: 'read' } as const, waitedTicks: 0 })) };
      return Object.fromEntries(delosPlay.nodeView(state).fields.map((f) => [f.label, f.value]));
    };
    expect(card({})).toEqual({ chain: 'not read yet', doing: 'read for c1: chain', queued: '0' });
    expect(card({ retries: 1 }).doing).toBe('read for c1: chain, 1 retry');
    expect(card({ retries: 2 }, 2)).toMatchObject({ doing: 'read for c1: chain, 2 retries', queued: '2' });
    expect(card({ client: 'admin', request: { kind: 'reconfigure', to: 'quorum' } }).doing).toBe('reconfigure to quorum for admin: chain');
  });

  it('offers the reader an append that takes a value and a read that does not, each given up after 150 ticks', () => {
    const [append, read] = delosPlay.clientCalls!;
    expect(delosPlay.clientCalls).toHaveLength(2);
    expect(append).toMatchObject({ id: 'append', label: 'Append a value', takesValue: true });
    expect(append!.call('you', 'v2', 42, 3)).toEqual({ to: 'v2', request: { kind: 'append', value: 42 }, op: 'append', args: 42, timeoutTicks: 150 });
    expect(read).toMatchObject({ id: 'read', label: 'Read the log', takesValue: false });
    expect(read!.call('you', 'v1', 0, 4)).toEqual({ to: 'v1', request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: 150 });
  });
});
