/**
 * What the Neon folder shows a reader, stated as rules: the demo's text (`npm run snippet -- neon`)
 * and its flags, the variant table, the legend and its field rows, the explorer's descriptor, setup
 * and directed phases, the player's scenarios, cards and calls, and the note's diagrams with the
 * `quiet` filter they go through. Written for mutation testing (docs/mutation.md, issue 19): demo.ts,
 * explore.ts, play.ts, variants.ts, legend.ts, fields.ts and the diagrams of scenarios.ts were run
 * only by tests outside tests/snippets/neon/. Everything is computed inside `it`.
 *
 * The explorer's search for accept-lower-term (43,000 states, over a second of CPU) stays in
 * tests/snippets/explore/models.test.ts; its directed phase is stated here.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/neon/demo.ts';
import { explore } from '../../../snippets/neon/explore.ts';
import { neonFields } from '../../../snippets/neon/fields.ts';
import { neonLegend } from '../../../snippets/neon/legend.ts';
import { neonPlay } from '../../../snippets/neon/play.ts';
import { quiet, scenarios } from '../../../snippets/neon/scenarios.ts';
import { neonConfig } from '../../../snippets/neon/run-neon.ts';
import { neonInvariants } from '../../../snippets/neon/invariants.ts';
import { describeMessage, neon } from '../../../snippets/neon/model.ts';
import { isNeonVariant, neonVariants, variantConfig } from '../../../snippets/neon/variants.ts';
import type { ComputeState, SafekeeperState } from '../../../snippets/neon/state.ts';
import type { NeonConfig, NeonMessage } from '../../../snippets/neon/types.ts';
import { exploreModel } from '../../../snippets/explore/explorer.ts';
import { legendText } from '../../../snippets/sim/legend.ts';
import type { Trace, TraceEvent } from '../../../snippets/sim/index.ts';
import { cardOf, frameAtTick, played, returnLines } from '../play/played.ts';
import { firstStepsThenMore } from '../../support/demo-diagram.ts';

const lines = (text: string) => text.split('\n');
const variantNames = ['skip-sync-from-majority', 'ack-on-one-flush', 'accept-lower-term'];
const descriptions = () => Object.fromEntries(Object.entries(neonVariants).map(([k, v]) => [k, v.description]));
const SCRIPTED = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';
const RULES = 'Running the protocol with its rules: the most advanced log among the voting majority, commit_lsn from a majority\'s flush_lsn in the term, lower terms refused.';

describe('the demo', () => {
  it('a random run names its nodes, clients and seed, the faults, the rules it runs with and where the legend is', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(lines(out).slice(0, 5)).toEqual([
      'Neon WAL service: computes cA and cB (cA leads term 1), safekeepers sk1..sk3, pageserver ps, object storage s3, clients pg1 and pg2; seed 1.',
      'Faults until tick 150 (5% loss, 5% duplicates, delays of 1-4 ticks, crashes, partitions), then healed.',
      RULES,
      'Legend: npm run snippet -- neon --legend',
      '',
    ]);
    expect(lines(out)[5]).toMatch(/^ +\d+ {2}\S+ +\S+/);
    expect(out).toContain('\nRun: invariants held after every step; liveness held after the heal; ');
    expect(out).toContain('\nChecked: at most one proposer per term, commit_lsn never moves back, no acknowledged commit lost, the pageserver and object storage hold only committed WAL (after every step).\n');
    expect(out).toMatch(/\nVerdict: no acknowledged commit lost — \d+ client calls: /);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('counts the elections after term 1 and the truncations of a divergent tail, singular for one', () => {
    const count = (seed: number) => /\n(\d+ elections? after term 1; \d+ safekeeper truncations? of a divergent tail\.)\n/.exec(demo.run({ seed, mermaid: false }))![1];
    expect(count(1)).toBe('0 elections after term 1; 0 safekeeper truncations of a divergent tail.');
    expect(count(3)).toBe('1 election after term 1; 1 safekeeper truncation of a divergent tail.');
    expect(count(5)).toBe('4 elections after term 1; 1 safekeeper truncation of a divergent tail.');
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'lower-term', variant: 'accept-lower-term' })).toContain('\n1 election after term 1; 3 safekeeper truncations of a divergent tail.\n');
  });

  it('a scripted run names itself, what it shows, and says it has no liveness phase', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'normal-case' });
    expect(lines(out).slice(0, 5)).toEqual([
      'Neon WAL service: scripted run "normal-case" on computes cA, cB, safekeepers sk1..sk3, pageserver ps and object storage s3, every message delayed one tick unless the script says otherwise.',
      'It shows: one commit flushed by a majority, acknowledged at commit_lsn, read by the pageserver and uploaded to object storage.',
      RULES,
      'Legend: npm run snippet -- neon --legend',
      '',
    ]);
    expect(out).toContain(`\n${SCRIPTED}\n`);
    expect(out).toContain('\nVerdict: no acknowledged commit lost — 1 client call: 1 completed, 0 timed out, 0 still waiting when the run ended.\n');
  });

  it.each([
    ['proposer-change', 'skip-sync-from-majority', 'at tick 13: invariant "no acknowledged commit is lost" violated: commit 1 was acknowledged at LSN 1, but cB, leading term 2, streams 2 there'],
    ['one-flush', 'ack-on-one-flush', 'at tick 6: invariant "no acknowledged commit is lost" violated: commit 1 was acknowledged at LSN 1, but only 1 safekeeper(s) hold it (sk1: 1, sk2: nothing, sk3: nothing)'],
    ['lower-term', 'accept-lower-term', 'at tick 9: invariant "no acknowledged commit is lost" violated: commit 1 was acknowledged at LSN 1, but only 0 safekeeper(s) hold it (sk1: 2, sk2: 2, sk3: 2)'],
  ])('scenario %s fails under --variant %s, and holds without it', (scenario, variant, caught) => {
    const broken = demo.run({ seed: 1, mermaid: false, scenario, variant });
    expect(lines(broken)[2]).toBe(`Running variant ${variant}: ${neonVariants[variant as keyof typeof neonVariants].description}.`);
    expect(broken).toContain(`\nRun: FAILED in the safety phase ${caught}\n`);
    expect(broken).not.toContain(SCRIPTED);
    const clean = demo.run({ seed: 1, mermaid: false, scenario });
    expect(lines(clean)[2]).toBe(RULES);
    expect(clean).toContain(`\nIt shows: ${demo.runs![scenario]}.\n`);
    expect(clean).toContain(`\n${SCRIPTED}\n`);
  });

  it('a random run under a variant says so in its header', () => {
    expect(lines(demo.run({ seed: 1, mermaid: false, variant: 'ack-on-one-flush' }))[2]).toBe(`Running variant ack-on-one-flush: ${neonVariants['ack-on-one-flush'].description}.`);
  });

  it('refuses an unknown variant or scenario, naming it', () => {
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toThrow('no Neon variant named "nope"');
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'constructor' })).toThrow('no Neon variant named "constructor"');
    expect(() => demo.run({ seed: 1, mermaid: false, scenario: 'nope' })).toThrow('no Neon scenario named "nope"');
  });

  it('--mermaid prints a sequence diagram of the first 60 steps, says how many more there were, and no report', () => {
    const out = demo.run({ seed: 1, mermaid: true });
    firstStepsThenMore(out);
    expect(out).toContain('%% neon, seed 1, ticks 1–');
    expect(lines(demo.run({ seed: 1, mermaid: true, scenario: 'one-flush' }))[0]).toBe('sequenceDiagram');
  });

  it('describes itself, lists every variant and every scripted run, and shows the Neon legend', () => {
    expect(demo.description).toBe('Neon\'s WAL service: walproposer, 3 safekeepers, a pageserver and object storage, under faults and crashes (elections, truncation, offload).');
    expect(demo.variants).toEqual(descriptions());
    expect(demo.legend).toBe(neonLegend);
    expect(Object.keys(demo.runs!)).toEqual(['normal-case', 'proposer-change', 'one-flush', 'lower-term']);
    expect(demo.runs!['one-flush']).toBe('cA reaches only sk1; with --variant ack-on-one-flush the commit is acknowledged anyway');
  });
});

describe('the variants table', () => {
  it('has three variants, each switching off one rule, described in one line', () => {
    expect(Object.keys(neonVariants)).toEqual(variantNames);
    expect(Object.fromEntries(Object.entries(neonVariants).map(([k, v]) => [k, v.config]))).toEqual({
      'skip-sync-from-majority': { syncFromMajority: false },
      'ack-on-one-flush': { quorumCommit: false },
      'accept-lower-term': { refuseLowerTerm: false },
    });
    expect(descriptions()).toEqual({
      'skip-sync-from-majority': 'a new proposer takes the log of the first safekeeper that votes for it, instead of the most advanced log among the majority that voted',
      'ack-on-one-flush': 'commit_lsn is the highest LSN any one safekeeper has flushed, so a commit is acknowledged before a majority has it',
      'accept-lower-term': 'a safekeeper takes ProposerElected and WAL from a proposer whose term is lower than the one it last voted for',
    });
  });

  it('knows its own names only, and a name that is none of them changes nothing', () => {
    for (const name of variantNames) expect(isNeonVariant(name)).toBe(true);
    for (const name of [undefined, 'nope', '', 'toString', 'hasOwnProperty']) expect(isNeonVariant(name)).toBe(false);
    expect(variantConfig('ack-on-one-flush')).toEqual({ quorumCommit: false });
    expect(variantConfig('nope')).toEqual({});
    expect(variantConfig(undefined)).toEqual({});
  });
});

describe('the legend and its fields', () => {
  it('names the model and its five kinds of endpoint as the reader sees them', () => {
    const text = legendText(neonLegend);
    expect(lines(text)[0]).toBe('How to read a trace of Neon WAL service: each line is  tick  endpoint  event  detail.');
    expect(neonLegend.endpoints.map((e) => e.term)).toEqual(['cA, cB', 'sk1, sk2, sk3', 'ps', 's3', 'pg1, pg2']);
    expect(text).toContain('\n  ps             the pageserver (the learner): it reads WAL from a safekeeper, only up to commit_lsn\n');
    expect(text).toContain('\n  s3             object storage: safekeepers upload committed WAL there, then trim it from their disks\n');
  });

  it('its example lines are printed by the model: an AppendRequest, a commit call, its answer, an election note', () => {
    expect(neonLegend.example).toEqual({
      node: 'sk2', peer: 'cA', client: 'pg1',
      message: 'AppendRequest(term=1, begin=0, records=[1000], commit=0)',
      call: 'commit(1000)',
      response: 'committed at LSN 1 (term 1, cA.0)',
      note: 'elected in term 2: donor sk2 (last_log_term 1, flush_lsn 1)',
    });
  });

  it('lists the message fields as Neon names them', () => {
    expect(Object.keys(neonFields.meanings)).toEqual(['term', 'given', 'flush', 'llt', 'th', 'start', 'begin', 'records', 'commit', 'trunc', 'from', 'upTo', 'rcl']);
    expect(legendText(neonLegend)).toContain('\n  llt=      last_log_term: the term of the safekeeper\'s last WAL, from its term history; votes are compared by <last_log_term, flush_lsn>\n');
    expect(neonFields.meanings.commit).toBe('commit_lsn: WAL below it is flushed on a majority in the proposer\'s term, and may be acknowledged and read');
    expect(neonFields.show({ term: 2, flush: 3 })).toBe('term=2, flush=3');
  });

  it('explains the notation of a Neon line, and says what the run checks', () => {
    expect(neonLegend.notation!.map((n) => n.term)).toEqual(['commit(1000)', 'committed at LSN 1 (term 1, cA.0)', '1@0 2@1', 'LSN', 'WAL (from 3) [...]']);
    expect(legendText(neonLegend)).toContain('\n  1@0 2@1                            a term history: term 1 begins at LSN 0, term 2 at LSN 1\n');
    expect(neonLegend.verdict).toBe('the invariants after every step (at most one proposer per term, commit_lsn never moves back, no acknowledged commit lost, the pageserver and object storage hold only committed WAL) and progress after the heal: a commit made then is acknowledged.');
  });
});

describe("the explorer's descriptor and setup", () => {
  it('describes the shape, lists every variant, and gives each the bounds that reach its bug', () => {
    expect(explore.description).toBe('Neon: computes cA (leading term 1) and cB, safekeepers sk1..sk3; pg1 commits 1 at cA and pg2 commits 2 at cB, which campaigns for a new term.');
    expect(explore.variants).toEqual(descriptions());
    expect(explore.defaults).toEqual({ nodes: 5, requests: 2, depth: 14, crashes: 0, losses: 0, timers: 0 });
    expect(explore.variantDefaults).toEqual({
      'ack-on-one-flush': { requests: 1, depth: 10 },
      'skip-sync-from-majority': { depth: 18 },
      'accept-lower-term': { depth: 20 },
    });
  });

  it('the computes and safekeepers only, whatever --nodes says: no pageserver, no object storage, every rule on', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 2, variant: undefined });
    expect(setup.nodes).toEqual(['cA', 'cB', 'sk1', 'sk2', 'sk3']);
    const { pageserver: _ps, objectStore: _s3, ...core } = neonConfig();
    expect(setup.config).toEqual(core);
    expect(setup.config).not.toHaveProperty('pageserver');
    expect(setup.config).not.toHaveProperty('objectStore');
    expect(setup.phases).toBeUndefined();
    expect(Object.keys(setup.invariants!())).toEqual(Object.keys(neonInvariants()));
  });

  it('pg1 commits 1 at cA once; with two requests pg2 commits 2 at cB', () => {
    const two = explore.setup({ nodes: 5, requests: 2, variant: undefined }).setup;
    expect(two.clients.map((c) => [c.id, c.workload({ index: 0 } as never), c.workload({ index: 1 } as never)])).toEqual([
      ['pg1', { to: 'cA', request: { kind: 'commit', value: 1 }, op: 'commit', args: 1 }, undefined],
      ['pg2', { to: 'cB', request: { kind: 'commit', value: 2 }, op: 'commit', args: 2 }, undefined],
    ]);
    expect(explore.setup({ nodes: 5, requests: 1, variant: undefined }).setup.clients.map((c) => c.id)).toEqual(['pg1']);
  });

  it('each variant runs its own rule; skip-sync-from-majority and accept-lower-term walk a directed prefix, also for the correct model in their shape', () => {
    expect(explore.setup({ nodes: 5, requests: 1, variant: 'ack-on-one-flush' }).setup).toMatchObject({ config: { quorumCommit: false } });
    expect(explore.setup({ nodes: 5, requests: 1, variant: 'ack-on-one-flush' }).setup.phases).toBeUndefined();
    const skip = explore.setup({ nodes: 5, requests: 2, variant: 'skip-sync-from-majority' }).setup;
    expect(skip.config).toMatchObject({ syncFromMajority: false });
    expect(skip.phases!.map((p) => p.goal)).toEqual(['pg1\'s commit is acknowledged by cA']);
    const lower = explore.setup({ nodes: 5, requests: 2, variant: 'accept-lower-term' }).setup;
    expect(lower.config).toMatchObject({ refuseLowerTerm: false });
    expect(lower.phases!.map((p) => p.goal)).toEqual(['sk1 and sk2 have voted for term 2']);
    const shaped = explore.setup({ nodes: 5, requests: 2, variant: undefined, shape: 'accept-lower-term' }).setup;
    expect(shaped.config).toMatchObject({ refuseLowerTerm: true });
    expect(shaped.phases).toBe(lower.phases);
  });

  it('the acknowledged phase is reached when pg1 has an answer, not before', () => {
    const [phase] = explore.setup({ nodes: 5, requests: 2, variant: 'skip-sync-from-majority' }).setup.phases!;
    const view = (history: Array<{ client: string; returnTick?: number }>) => ({ nodes: [], history }) as never;
    expect(phase!.reached(view([]))).toBe(false);
    expect(phase!.reached(view([{ client: 'pg1' }]))).toBe(false);
    expect(phase!.reached(view([{ client: 'pg2', returnTick: 4 }]))).toBe(false);
    expect(phase!.reached(view([{ client: 'pg2' }, { client: 'pg1', returnTick: 0 }]))).toBe(true);
  });

  it('the voted phase is reached when two safekeepers are in term 2', () => {
    const [phase] = explore.setup({ nodes: 5, requests: 2, variant: 'accept-lower-term' }).setup.phases!;
    const node = (role: string, term: number) => ({ state: { role, term } });
    const view = (nodes: unknown[]) => ({ nodes, history: [] }) as never;
    expect(phase!.reached(view([node('safekeeper', 2), node('safekeeper', 2), node('safekeeper', 1)]))).toBe(true);
    expect(phase!.reached(view([node('safekeeper', 2), node('safekeeper', 1), node('safekeeper', 1)]))).toBe(false);
    expect(phase!.reached(view([node('safekeeper', 2), node('safekeeper', 3), { state: undefined }]))).toBe(false);
    expect(phase!.reached(view([node('safekeeper', 2), node('compute', 2)]))).toBe(false);
  });

  it.each([
    ['ack-on-one-flush', /^invariant "no acknowledged commit is lost" violated: commit 1 was acknowledged at LSN 1, but only 1 safekeeper\(s\) hold it/, 5],
    ['skip-sync-from-majority', /^invariant "no acknowledged commit is lost" violated: commit 1 was acknowledged at LSN 1, but cB, leading term 2, streams 2 there$/, 17],
  ] as const)('the explorer finds %s at its own bounds', (variant, caught, events) => {
    const result = exploreModel(explore, variant);
    expect(result.violation?.message).toMatch(caught);
    expect(result.violation!.events).toHaveLength(events);
  });

  it('the correct model at depth 10 has no violation', () => {
    const result = exploreModel(explore, undefined, { depth: 10 });
    expect(result.violation).toBeUndefined();
    expect(result.distinctStates).toBeGreaterThan(100);
  });
});

describe('the player', () => {
  const scenario = (id: string) => neonPlay.scenarios.find((s) => s.id === id)!;
  const all = ['cA', 'cB', 'sk1', 'sk2', 'sk3', 'ps', 's3'];

  it('offers five scenarios on every node: the note\'s scripted runs, then the demo\'s random faults without a script', () => {
    expect(neonPlay).toMatchObject({ name: 'neon', title: 'Neon\'s WAL service', maxTicks: 400 });
    expect(neonPlay.scenarios.map((s) => [s.id, s.label, s.ticks, s.seed, s.setup !== undefined])).toEqual([
      ['normal-case', 'One commit', 16, 1, false],
      ['proposer-change', 'The compute fails, another takes over', 24, 1, true],
      ['one-flush', 'Only one safekeeper reachable', 12, 1, true],
      ['lower-term', 'Two computes at once', 20, 1, false],
      ['faulty', 'Random faults', 150, 1, false],
    ]);
    for (const s of neonPlay.scenarios) expect(s.nodes).toEqual(all);
    for (const s of neonPlay.scenarios) expect(s.description.length).toBeGreaterThan(80);
    expect(scenario('faulty').faults).toEqual(expect.any(Object));
    expect(scenario('faulty').network).toMatchObject({ lossProbability: 0.05, duplicateProbability: 0.05 });
    expect(scenario('faulty').clients().map((c) => c.id)).toEqual(['pg1', 'pg2']);
  });

  it('what each scenario acknowledges: one commit; a commit in each term; nothing with one safekeeper; cB\'s commit only', () => {
    expect(returnLines(played(neonPlay, 'normal-case', undefined).run.trace)).toEqual(['6 pg1 committed at LSN 1 (term 1, cA.0)']);
    expect(returnLines(played(neonPlay, 'proposer-change', undefined).run.trace)).toEqual(['6 pg1 committed at LSN 1 (term 1, cA.0)', '16 pg2 committed at LSN 2 (term 2, cB.0)']);
    expect(returnLines(played(neonPlay, 'one-flush', undefined).run.trace)).toEqual([]);
    expect(returnLines(played(neonPlay, 'lower-term', undefined).run.trace)).toEqual(['10 pg2 committed at LSN 1 (term 2, cB.0)']);
  });

  it('each broken variant fails its own scripted run', () => {
    expect(neonPlay.variants.map((v) => [v.id, v.label, v.failing])).toEqual([
      ['skip-sync-from-majority', 'A new proposer takes the first voter\'s log', { scenario: 'proposer-change', seed: 1 }],
      ['ack-on-one-flush', 'commit_lsn from one safekeeper\'s flush', { scenario: 'one-flush', seed: 1 }],
      ['accept-lower-term', 'Safekeepers accept WAL from a lower term', { scenario: 'lower-term', seed: 1 }],
    ]);
    const base: NeonConfig = neonConfig({ heartbeatTicks: 9 });
    for (const v of neonPlay.variants) expect(v.config(base)).toEqual({ ...base, ...neonVariants[v.id as keyof typeof neonVariants].config });
  });

  it('the cards at the start: cA proposes in term 1, cB is idle, each safekeeper, the pageserver and object storage are empty', () => {
    const start = frameAtTick(neonPlay, 'normal-case', 0);
    expect(cardOf(neonPlay, start, 'cA')).toEqual({ role: 'proposer, term 1', fields: { WAL: 'empty', commit_lsn: '0', 'term history': '[1@0]', 'commits held': '0' } });
    expect(cardOf(neonPlay, start, 'cB')).toEqual({ role: 'compute', fields: { doing: 'not leading', 'commits held': '0' } });
    expect(cardOf(neonPlay, start, 'sk1')).toEqual({ role: 'safekeeper, term 1', fields: { WAL: 'empty', 'term history': '[1@0]', 'flush / commit': '0 / 0', backup_lsn: '0' } });
    expect(cardOf(neonPlay, start, 'ps')).toEqual({ role: 'pageserver', fields: { ingested: 'empty' } });
    expect(cardOf(neonPlay, start, 's3')).toEqual({ role: 'object storage', fields: { WAL: 'empty' } });
  });

  it('the cards after the normal case: the commit flushed and committed, read by the pageserver and uploaded', () => {
    const end = played(neonPlay, 'normal-case', undefined).last;
    expect(cardOf(neonPlay, end, 'cA').fields).toMatchObject({ WAL: '1', commit_lsn: '1' });
    expect(cardOf(neonPlay, end, 'ps').fields).toEqual({ ingested: '1' });
    expect(cardOf(neonPlay, end, 's3').fields).toEqual({ WAL: '1' });
  });

  it('a campaigning compute says what it is doing and how many votes it has; trimmed WAL shows where it starts', () => {
    const start = frameAtTick(neonPlay, 'normal-case', 0);
    const cB = start.view.nodes.find((n) => n.id === 'cB')!.state as ComputeState;
    const card = (mode: ComputeState['mode'], held = 0) => neonPlay.nodeView({ ...cB, mode, held: Array.from({ length: held }, (_, i) => ({ client: 'pg1', requestId: i, value: i })) });
    expect(card({ kind: 'greeting', since: 0, terms: {} }, 2)).toEqual({ role: 'candidate', fields: [{ label: 'doing', value: 'greeting the safekeepers' }, { label: 'commits held', value: '2' }] });
    const vote = { term: 2, voteGiven: true, flushLsn: 0, truncateLsn: 0, termHistory: [], walBase: 0, wal: [] };
    expect(card({ kind: 'campaign', since: 0, term: 2, votes: [{ id: 'sk1', vote }] }).fields[0]!.value).toBe('asking for votes in term 2 (1 so far)');
    const cA = start.view.nodes.find((n) => n.id === 'cA')!.state as ComputeState;
    if (cA.mode.kind !== 'leader') throw new Error('cA leads term 1 at the start');
    expect(neonPlay.nodeView({ ...cA, mode: { ...cA.mode, walBase: 3, wal: [4, 5] } }).fields[0]!.value).toBe('(from 3) 4 5');
    const sk1 = start.view.nodes.find((n) => n.id === 'sk1')!.state as SafekeeperState;
    expect(neonPlay.nodeView({ ...sk1, walBase: 2, wal: [3], commitLsn: 3, backupLsn: 2 }).fields).toEqual([
      { label: 'WAL', value: '(from 2) 3' },
      { label: 'term history', value: '[1@0]' },
      { label: 'flush / commit', value: '3 / 3' },
      { label: 'backup_lsn', value: '2' },
    ]);
  });

  it('offers the reader one call, a commit that takes a value, given up after 60 ticks', () => {
    expect(neonPlay.clientCalls!.map((c) => [c.id, c.label, c.takesValue])).toEqual([['commit', 'Commit a value', true]]);
    expect(neonPlay.clientCalls![0]!.call('pg3', 'cB', 7, 2)).toEqual({ to: 'cB', request: { kind: 'commit', value: 7 }, op: 'commit', args: 7, timeoutTicks: 60 });
  });
});

// A hand-written trace for `quiet`.
let tick = 0;
const ev = (e: Record<string, unknown>): TraceEvent => ({ tick: ++tick, ...e }) as unknown as TraceEvent;
let ids = 0;
/** A send and its deliver, with one message id. */
const message = (node: string, to: string, m: NeonMessage): [TraceEvent, TraceEvent] => {
  const msgId = ++ids;
  return [ev({ kind: 'send', node, to, msgId, label: m.kind, message: m }), ev({ kind: 'deliver', node: to, from: node, msgId, label: m.kind, duplicate: false, message: m })];
};
const append = (records: number[], commitLsn: number): NeonMessage => ({ kind: 'append', boot: 0, term: 1, beginLsn: 0, records, commitLsn, truncateLsn: 0 });
const response = (flushLsn: number, commitLsn: number): NeonMessage => ({ kind: 'append-response', boot: 0, term: 1, flushLsn, commitLsn });
const kept = (events: TraceEvent[]) => quiet({ model: 'neon', seed: 1, nodes: ['cA', 'sk1', 'sk2'], clients: [], events } as Trace).events;

describe('quiet: the diagrams leave out background noise, and only that', () => {
  it('leaves out the pageserver\'s reads and empty WAL answers, and keeps WAL that carries records', () => {
    const read = message('ps', 'sk1', { kind: 'read-wal', from: 0, remoteConsistentLsn: 0 });
    const empty = message('sk1', 'ps', { kind: 'wal', from: 0, records: [] });
    const full = message('sk1', 'ps', { kind: 'wal', from: 0, records: [1] });
    expect(kept([...read, ...empty, ...full])).toEqual(full);
  });

  it('leaves out an AppendRequest with no WAL and no newer commit_lsn on its link, and nothing else', () => {
    const first = message('cA', 'sk1', append([], 0));
    const idle = message('cA', 'sk1', append([], 0));
    const otherLink = message('cA', 'sk2', append([], 0));
    const withWal = message('cA', 'sk1', append([1], 0));
    const newerCommit = message('cA', 'sk1', append([], 1));
    const idleAgain = message('cA', 'sk1', append([], 1));
    expect(kept([...first, ...idle, ...otherLink, ...withWal, ...newerCommit, ...idleAgain])).toEqual([...first, ...otherLink, ...withWal, ...newerCommit]);
  });

  it('leaves out an AppendResponse that repeats the last one on its link', () => {
    const a = message('sk1', 'cA', response(1, 0));
    const same = message('sk1', 'cA', response(1, 0));
    const otherSender = message('sk2', 'cA', response(1, 0));
    const moved = message('sk1', 'cA', response(1, 1));
    const back = message('sk1', 'cA', response(1, 0));
    expect(kept([...a, ...same, ...otherSender, ...moved, ...back])).toEqual([...a, ...otherSender, ...moved, ...back]);
  });

  it('shows each greeting, VoteRequest and ProposerElected once per link and term, and hides a lost or duplicated copy too', () => {
    const greet = message('cB', 'sk1', { kind: 'greeting', boot: 0 });
    const greetAgain = message('cB', 'sk1', { kind: 'greeting', boot: 0 });
    const ask = message('cB', 'sk1', { kind: 'vote-request', boot: 0, term: 2 });
    const askAgain = message('cB', 'sk1', { kind: 'vote-request', boot: 0, term: 2 });
    const askLater = message('cB', 'sk1', { kind: 'vote-request', boot: 0, term: 3 });
    const elected = message('cB', 'sk1', { kind: 'elected', boot: 0, term: 2, startStreamingAt: 0, termHistory: [] });
    const electedAgain = message('cB', 'sk2', { kind: 'elected', boot: 0, term: 2, startStreamingAt: 0, termHistory: [] });
    const lostCopy = ev({ kind: 'drop', node: 'sk1', from: 'cB', msgId: (askAgain[0] as unknown as { msgId: number }).msgId, label: 'VoteRequest(term=2)', reason: 'loss' });
    const duplicated = ev({ kind: 'duplicate', node: 'cB', to: 'sk1', msgId: (greetAgain[0] as unknown as { msgId: number }).msgId, label: 'greeting' });
    expect(kept([...greet, ...greetAgain, ...ask, ...askAgain, lostCopy, duplicated, ...askLater, ...elected, ...electedAgain])).toEqual([...greet, ...ask, ...askLater, ...elected, ...electedAgain]);
  });

  it('keeps the first loss of a kind of message on a link for each reason, and every event that is not a message', () => {
    const drop = (from: string, node: string, label: string, reason: string) => ev({ kind: 'drop', node, from, msgId: 1000 + tick, label, reason });
    const a = drop('cA', 'sk1', 'AppendRequest(term=1, begin=0)', 'partition');
    const a2 = drop('cA', 'sk1', 'AppendRequest(term=1, begin=1)', 'partition');
    const loss = drop('cA', 'sk1', 'AppendRequest(term=1, begin=1)', 'loss');
    const otherKind = drop('cA', 'sk1', 'ProposerElected(term=2)', 'partition');
    const otherLink = drop('cA', 'sk2', 'AppendRequest(term=1, begin=0)', 'partition');
    const note = ev({ kind: 'note', node: 'cB', text: 'elected in term 2' });
    expect(kept([a, a2, loss, otherKind, otherLink, note])).toEqual([a, loss, otherKind, otherLink, note]);
  });
});

describe("the note's diagrams", () => {
  const participants = (diagram: string) => lines(diagram).flatMap((l) => /^\s+(?:actor|participant) (\S+)/.exec(l)?.[1] ?? []);

  it.each([
    ['normal-case', 2, 16, ['pg1', 'cA', 'sk1', 'sk2', 'sk3', 'ps', 's3']],
    ['proposer-change', 6, 16, ['pg1', 'pg2', 'cA', 'cB', 'sk1', 'sk2', 'sk3']],
    ['skip-sync-from-majority', 6, 13, ['pg1', 'pg2', 'cA', 'cB', 'sk1', 'sk2', 'sk3']],
    ['ack-on-one-flush', 1, 6, ['pg1', 'cA', 'sk1', 'sk2', 'sk3']],
    ['accept-lower-term', 2, 9, ['pg2', 'pg1', 'cA', 'cB', 'sk1', 'sk2', 'sk3']],
  ] as const)('%s: a sequence diagram of ticks %i to %i, on the nodes its story needs', (name, from, to, nodes) => {
    const diagram = scenarios[name]!();
    expect(lines(diagram)[0]).toBe('sequenceDiagram');
    expect(diagram).toContain(`%% neon, seed 1, ticks ${from}–${to}`);
    expect(participants(diagram)).toEqual(nodes);
    expect(diagram).not.toContain('StartReplication');
  });

  it('each broken variant\'s diagram ends in its failure; the correct proposer change elects cB with sk2 as donor', () => {
    expect(scenarios['proposer-change']!()).toContain('elected in term 2: donor sk2 (last_log_term 1, flush_lsn 1)');
    expect(scenarios['skip-sync-from-majority']!()).toContain('elected in term 2: donor sk1 (last_log_term 1, flush_lsn 0)');
    expect(scenarios['ack-on-one-flush']!()).toContain('only 1 safekeeper(s) hold it');
    expect(scenarios['accept-lower-term']!()).toContain('only 0 safekeeper(s) hold it');
  });
});

describe("the trace's labels and the model's restarts (model.ts)", () => {
  it('names every message the way Neon does, with its fields', () => {
    const labels = ([
      { kind: 'greeting', boot: 0 },
      { kind: 'greeting-reply', boot: 0, term: 2 },
      { kind: 'vote-request', boot: 0, term: 3 },
      { kind: 'vote-response', boot: 0, term: 3, voteGiven: true, flushLsn: 4, truncateLsn: 0, termHistory: [{ term: 1, lsn: 0 }, { term: 2, lsn: 2 }], walBase: 0, wal: [] },
      { kind: 'elected', boot: 0, term: 3, startStreamingAt: 2, termHistory: [{ term: 1, lsn: 0 }, { term: 3, lsn: 2 }] },
      { kind: 'append', boot: 0, term: 3, beginLsn: 2, records: [7, 8], commitLsn: 2, truncateLsn: 1 },
      { kind: 'append-response', boot: 0, term: 3, flushLsn: 4, commitLsn: 3 },
      { kind: 'read-wal', from: 2, remoteConsistentLsn: 2 },
      { kind: 'wal', from: 2, records: [7, 8] },
      { kind: 'upload', from: 0, records: [1] },
      { kind: 'uploaded', upTo: 1 },
    ] as NeonMessage[]).map(describeMessage);
    expect(labels).toEqual([
      'ProposerGreeting',
      'AcceptorGreeting(term=2)',
      'VoteRequest(term=3)',
      'VoteResponse(term=3, given=true, llt=2, flush=4)',
      'ProposerElected(term=3, start=2, th=[1@0 3@2])',
      'AppendRequest(term=3, begin=2, records=[7 8], commit=2)',
      'AppendResponse(term=3, flush=4, commit=3)',
      'StartReplication(from=2, rcl=2)',
      'WAL(from=2, records=[7 8])',
      'Upload(from=0, records=[1])',
      'Uploaded(upTo=1)',
    ]);
  });

  it('a request, a response, and each kind of node\'s disk', () => {
    expect(neon.describeRequest!({ kind: 'commit', value: 4 })).toBe('commit 4');
    expect(neon.describeResponse!({ kind: 'committed', lsn: 2, term: 3, by: 'cB.1' })).toBe('committed at LSN 2 (term 3, cB.1)');
    const sk = { role: 'safekeeper' as const, boot: 0, term: 2, termHistory: [{ term: 1, lsn: 0 }], walBase: 2, wal: [3], commitLsn: 3, backupLsn: 2, remoteConsistentLsn: 0, peerHorizonLsn: 0 };
    expect(neon.describeDurable!(sk)).toBe('term 2, th [1@0], WAL (from 2) [3], commit=3, backup_lsn=2');
    expect(neon.describeDurable!({ ...sk, walBase: 0, wal: [] })).toBe('term 2, th [1@0], WAL [], commit=3, backup_lsn=2');
    expect(neon.describeDurable!({ role: 'compute', boot: 2 })).toBe('boot 2');
    expect(neon.describeDurable!({ role: 'pageserver', wal: [1, 2] })).toBe('ingested [1 2]');
    expect(neon.describeDurable!({ role: 'object-store', wal: [] })).toBe('WAL []');
  });

  it('each node starts as its role: cA leads term 1, cB idles, safekeepers hold term 1\'s empty history, the pageserver and object storage are empty', () => {
    const c = neonConfig();
    expect(neon.init('cA', [], c)).toMatchObject({ role: 'compute', mode: { kind: 'leader', term: 1 } });
    expect(neon.init('cB', [], c)).toMatchObject({ role: 'compute', mode: { kind: 'idle' }, boot: 0 });
    expect(neon.init('sk2', [], c)).toMatchObject({ role: 'safekeeper', id: 'sk2', term: 1, termHistory: [{ term: 1, lsn: 0 }], wal: [] });
    expect(neon.init('ps', [], c)).toMatchObject({ role: 'pageserver', wal: [], asked: 0 });
    expect(neon.init('s3', [], c)).toEqual({ role: 'object-store', id: 's3', wal: [] });
  });

  it('a node restarts from its disk: a compute with one more boot and no lead, a safekeeper with its WAL, the pageserver and object storage with theirs', () => {
    const c = neonConfig();
    expect(neon.recover('cA', [], c, { role: 'compute', boot: 2 })).toMatchObject({ boot: 3, mode: { kind: 'idle' }, knownTerm: 0 });
    expect(neon.recover('cA', [], c, undefined)).toMatchObject({ boot: 1 });
    const disk = { role: 'safekeeper' as const, boot: 1, term: 3, termHistory: [{ term: 1, lsn: 0 }, { term: 3, lsn: 1 }], walBase: 0, wal: [4, 5], commitLsn: 2, backupLsn: 0, remoteConsistentLsn: 0, peerHorizonLsn: 0 };
    expect(neon.recover('sk1', [], c, disk)).toMatchObject({ ...disk, boot: 2, id: 'sk1', uploadSentAt: undefined });
    expect(neon.recover('sk1', [], c, undefined)).toMatchObject({ boot: 1, term: 1, termHistory: [{ term: 1, lsn: 0 }], wal: [] });
    expect(neon.recover('ps', [], c, { role: 'pageserver', wal: [4] })).toMatchObject({ role: 'pageserver', wal: [4] });
    expect(neon.recover('ps', [], c, undefined)).toMatchObject({ role: 'pageserver', wal: [] });
    expect(neon.recover('s3', [], c, { role: 'object-store', wal: [4] })).toEqual({ role: 'object-store', id: 's3', wal: [4] });
    expect(neon.recover('s3', [], c, undefined)).toEqual({ role: 'object-store', id: 's3', wal: [] });
  });

  it('only a compute takes a client\'s request', () => {
    const c = neonConfig();
    for (const id of ['sk1', 'ps', 's3']) {
      const s = neon.init(id, [], c);
      expect(neon.step(s, { kind: 'request', client: 'pg1', requestId: 1, request: { kind: 'commit', value: 1 } } as never)).toEqual({ state: s, effects: [] });
    }
  });
});
