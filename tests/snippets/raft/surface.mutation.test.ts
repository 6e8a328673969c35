/**
 * What the Raft folder shows a reader, stated as rules: the demo's text (`npm run snippet -- raft`)
 * and its flags, the variant table, the legend and its field rows, the explorer's descriptor, setup,
 * directed phases and history check, the player's scenarios, cards and calls, and the note's diagrams
 * with the `quiet` filter they go through. Written for mutation testing (docs/mutation.md, issue 19):
 * demo.ts, explore.ts, play.ts, variants.ts, legend.ts, fields.ts and the diagrams of scenarios.ts
 * were run only by tests outside tests/snippets/raft/. Everything is computed inside `it`.
 *
 * The explorer's searches for commit-previous-term-by-count (227,000 states) and
 * read-index-without-quorum-check (60,000) take seconds of CPU each; they stay in
 * tests/snippets/explore/models.test.ts, and their directed phases are stated here one by one.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/raft/demo.ts';
import { explore } from '../../../snippets/raft/explore.ts';
import { raftFields } from '../../../snippets/raft/fields.ts';
import { raftLegend } from '../../../snippets/raft/legend.ts';
import { raftPlay } from '../../../snippets/raft/play.ts';
import { quiet, scenarios, staleRead, staleWeakReadCounterexample } from '../../../snippets/raft/scenarios.ts';
import { raftConfig } from '../../../snippets/raft/run-raft.ts';
import { raftInvariants } from '../../../snippets/raft/invariants.ts';
import { describeMessage, raft } from '../../../snippets/raft/model.ts';
import { isRaftVariant, raftVariants, variantConfig } from '../../../snippets/raft/variants.ts';
import type { RaftState } from '../../../snippets/raft/state.ts';
import type { Entry, RaftConfig, RaftMessage } from '../../../snippets/raft/types.ts';
import { exploreModel } from '../../../snippets/explore/explorer.ts';
import { legendText } from '../../../snippets/sim/legend.ts';
import type { Trace, TraceEvent } from '../../../snippets/sim/index.ts';
import { cardOf, frameAtTick, played, returnLines } from '../play/played.ts';
import { firstStepsThenMore } from '../../support/demo-diagram.ts';

const lines = (text: string) => text.split('\n');
const variantNames = ['commit-previous-term-by-count', 'vote-without-log-check', 'read-index-without-quorum-check'];
const descriptions = () => Object.fromEntries(Object.entries(raftVariants).map(([k, v]) => [k, v.description]));
const CHECKED = 'Checked: Election Safety, Log Matching, Leader Completeness, State Machine Safety and no acknowledged write lost (after every step); linearizability of the writes with the';
const SCRIPTED = 'Run: invariants held after every step of the script (a scripted run has no liveness phase).';

describe('the demo', () => {
  it('a random run names the servers, clients and seed, the faults, the rules it runs with and where the legend is', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(lines(out).slice(0, 5)).toEqual([
      'Raft: servers s1..s3, writers p1 and p2, a linearizable reader r1 and a strong reader r2; seed 1.',
      'Faults until tick 150 (5% loss, 5% duplicates, delays of 1-4 ticks, crashes, partitions), then healed.',
      'Running Raft as the paper has it: up-to-date votes, current-term commits, and linearizable reads confirmed by a quorum.',
      'Legend: npm run snippet -- raft --legend',
      '',
    ]);
    expect(lines(out)[5]).toMatch(/^ +\d+ {2}\S+ +\S+/);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('a random run reports the invariants, liveness, the levels checked, the elections won (singular for one) and the verdict', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(out).toContain('\nRun: invariants held after every step; liveness held after the heal; ');
    expect(out).toContain(`\n${CHECKED} linearizable, strong reads, as a register.\n`);
    expect(out).toContain('\n1 election won.\n');
    expect(out).toMatch(/\nVerdict: linearizable — \d+ client calls: /);
    expect(out).not.toContain('Counterexample');
  });

  it('counts only the notes that say a server leads a term, with a plural past one', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'figure-8', variant: 'commit-previous-term-by-count' });
    const leads = lines(out).filter((l) => / note +\S+ leads term /.test(l)).length;
    expect(leads).toBe(4);
    expect(out).toContain('\n4 elections won.\n');
  });

  it('a scripted run names itself, what it shows, the fixed timeouts, and says it has no liveness phase', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'normal-case' });
    expect(lines(out).slice(0, 5)).toEqual([
      'Raft: scripted run "normal-case" on servers s1..s3, every message delayed one tick, election timeouts fixed (s1 4 ticks, s2 8, s3 12) unless the script says otherwise.',
      'It shows: s1 elected, a write committed, and a read at each level.',
      'Running Raft as the paper has it: up-to-date votes, current-term commits, and linearizable reads confirmed by a quorum.',
      'Legend: npm run snippet -- raft --legend',
      '',
    ]);
    expect(out).toContain(`\n${SCRIPTED}\n`);
    expect(out).toContain(`\n${CHECKED} weak, linearizable, strong reads, as a register.\n`);
    expect(out).toContain('\nVerdict: linearizable — 5 client calls: 5 completed, 0 timed out, 0 still waiting when the run ended.\n');
  });

  it.each([
    ['figure-8', 'commit-previous-term-by-count', /\nRun: FAILED in the safety phase at tick 61: invariant "State Machine Safety[^\n]*s1 applied w1@1 at index 2, s2 applied nop@2\n/],
    ['vote-without-log-check', 'vote-without-log-check', /\nRun: FAILED in the safety phase at tick 26: invariant "Leader Completeness[^\n]*but s3, leader of term 3, holds nop@3 there\n/],
  ])('scenario %s fails under --variant %s, and holds without it', (scenario, variant, caught) => {
    const broken = demo.run({ seed: 1, mermaid: false, scenario, variant });
    expect(lines(broken)[2]).toBe(`Running variant ${variant}: ${raftVariants[variant as keyof typeof raftVariants].description}.`);
    expect(broken).toMatch(caught);
    expect(broken).not.toContain(SCRIPTED);
    const clean = demo.run({ seed: 1, mermaid: false, scenario });
    expect(clean).toContain(`\n${SCRIPTED}\n`);
    expect(clean).toContain(`\nIt shows: ${demo.runs![scenario]}.\n`);
    expect(clean).toContain(`\n${CHECKED} linearizable reads, as a register.\n`);
  });

  it('linearizable-read runs the variant it is given: without the quorum round s1 answers 1, and the checker prints a counterexample', () => {
    const broken = demo.run({ seed: 1, mermaid: false, scenario: 'linearizable-read', variant: 'read-index-without-quorum-check' });
    expect(broken).toMatch(/\nVerdict: not linearizable — /);
    expect(broken).toContain('\nCounterexample (register):\n');
    expect(broken).toContain('Cannot place: read() → 1  client r1  t=40..42');
    const clean = demo.run({ seed: 1, mermaid: false, scenario: 'linearizable-read' });
    expect(clean).toMatch(/\nVerdict: linearizable — /);
    expect(clean).not.toContain('Counterexample');
  });

  it('each read scenario is checked at its own level: weak and none find the stale read, freshness and strong do not', () => {
    const verdict = (scenario: string) => /\nVerdict: ([a-z ]+) — /.exec(demo.run({ seed: 1, mermaid: false, scenario }))![1];
    expect(verdict('stale-weak-read')).toBe('not linearizable');
    expect(verdict('stale-none-read')).toBe('not linearizable');
    expect(verdict('none-with-freshness')).toBe('linearizable');
    expect(verdict('strong-read')).toBe('linearizable');
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'stale-none-read' })).toContain(`\n${CHECKED} none reads, as a register.\n`);
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'none-with-freshness' })).toContain(`\n${CHECKED} none reads, as a register.\n`);
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'strong-read' })).toContain(`\n${CHECKED} strong reads, as a register.\n`);
  });

  it('a random run under a variant says so in its header', () => {
    const out = demo.run({ seed: 1, mermaid: false, variant: 'vote-without-log-check' });
    expect(lines(out)[2]).toBe(`Running variant vote-without-log-check: ${raftVariants['vote-without-log-check'].description}.`);
  });

  it('refuses an unknown variant or scenario, naming it', () => {
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toThrow('no Raft variant named "nope"');
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'toString' })).toThrow('no Raft variant named "toString"');
    expect(() => demo.run({ seed: 1, mermaid: false, scenario: 'nope' })).toThrow('no Raft scenario named "nope"');
  });

  it('--mermaid prints a sequence diagram of the first 60 steps, says how many more there were, and no report', () => {
    const out = demo.run({ seed: 1, mermaid: true });
    firstStepsThenMore(out);
    expect(out).toContain('%% raft, seed 1, ticks 1–');
    // A scripted run draws too.
    expect(lines(demo.run({ seed: 1, mermaid: true, scenario: 'normal-case' }))[0]).toBe('sequenceDiagram');
  });

  it('describes itself, lists every variant and every scripted run, and shows the Raft legend', () => {
    expect(demo.description).toBe('Raft with rqlite\'s read levels: 3 servers under faults and crashes (elections, log repair, none/weak/linearizable/strong reads).');
    expect(demo.variants).toEqual(descriptions());
    expect(demo.legend).toBe(raftLegend);
    expect(Object.keys(demo.runs!)).toEqual(['normal-case', 'stale-weak-read', 'linearizable-read', 'strong-read', 'stale-none-read', 'none-with-freshness', 'figure-8', 'vote-without-log-check']);
    expect(demo.runs!['none-with-freshness']).toBe('the same read with freshness 10: the follower has not heard from a leader for longer and refuses');
  });
});

describe('the variants table', () => {
  it('has three variants, each switching off one rule the note names, described in one line', () => {
    expect(Object.keys(raftVariants)).toEqual(variantNames);
    expect(Object.fromEntries(Object.entries(raftVariants).map(([k, v]) => [k, v.config]))).toEqual({
      'commit-previous-term-by-count': { commitOnlyCurrentTerm: false },
      'vote-without-log-check': { voteLogCheck: false },
      'read-index-without-quorum-check': { confirmLeadership: false },
    });
    expect(raftVariants['commit-previous-term-by-count'].description).toContain('§5.4.2');
    expect(raftVariants['vote-without-log-check'].description).toContain('§5.4.1');
    expect(raftVariants['read-index-without-quorum-check'].description).toContain('a deposed leader answers with old data');
  });

  it('knows its own names only, and a name that is none of them changes nothing', () => {
    for (const name of variantNames) expect(isRaftVariant(name)).toBe(true);
    for (const name of [undefined, 'nope', '', 'toString', 'hasOwnProperty']) expect(isRaftVariant(name)).toBe(false);
    expect(variantConfig('vote-without-log-check')).toEqual({ voteLogCheck: false });
    expect(variantConfig('nope')).toEqual({});
    expect(variantConfig(undefined)).toEqual({});
  });
});

describe('the legend and its fields', () => {
  it('names the model and its endpoints as the reader sees them', () => {
    const text = legendText(raftLegend);
    expect(lines(text)[0]).toBe('How to read a trace of Raft with rqlite\'s read levels: each line is  tick  endpoint  event  detail.');
    expect(text).toContain('\n  s1, s2, s3  Raft servers, each a follower, candidate or leader, with the register as its state machine\n');
    expect(text).toContain('\n  p1, p2      writers, each writing unique values to the register through the leader\n');
    expect(text).toContain('\n  r1, r2      readers, each reading the register at one of rqlite\'s levels (none, weak, linearizable, strong)\n');
  });

  it('its example lines are printed by the model: an AppendEntries carrying w1001@2, a write call, its ok, a leader\'s note', () => {
    expect(raftLegend.example).toEqual({
      node: 's2', peer: 's1', client: 'p1',
      message: 'AppendEntries(t=2, prev=3@1, entries=[w1001@2], commit=3, round=4)',
      call: 'write(1, 1001)',
      response: 'ok, index 4@2',
      note: 's1 leads term 2 (votes s1, s3)',
    });
  });

  it('lists the message fields as the paper names them, each with its section', () => {
    expect(Object.keys(raftFields.meanings)).toEqual(['t', 'last', 'prev', 'entries', 'commit', 'round', 'match']);
    expect(raftFields.meanings.t).toContain('Raft §5.1');
    expect(raftFields.meanings.last).toContain('§5.4.1');
    expect(raftFields.meanings.prev).toContain('§5.3');
    expect(legendText(raftLegend)).toContain('\n  match=    in a reply: the index through which the follower\'s log now matches (on success), or a hint where to retry (on refusal)\n');
    expect(raftFields.show({ t: 2, match: 4 })).toBe('t=2, match=4');
  });

  it('explains the eight notations a Raft line uses, and says what the run checks', () => {
    expect(raftLegend.notation!.map((n) => n.term)).toEqual([
      'write(1, 1001)', 'read(2, weak)', 'w1001@2, nop@2, rd@2', 'ok, index 4@2', '1001 (s1, applied 4)', 'not leader, try s2', 'stale read refused', 'term 3, voted s2, log [...], boot 1',
    ]);
    expect(legendText(raftLegend)).toContain('\n  stale read refused                   level none with a freshness bound: the server has not heard from a leader within it\n');
    expect(raftLegend.verdict).toBe('the invariants after every step (Election Safety, Log Matching, Leader Completeness, State Machine Safety, no acknowledged write lost), the linearizability of the writes with the linearizable and strong reads, and progress after the heal: every writer is acknowledged again.');
  });
});

// Hand-made cluster views for the explorer's directed phases.
const w = (term: number, value = 1): Entry => ({ term, command: { kind: 'write', value, session: 'p1', seq: 1 } });
const nop = (term: number): Entry => ({ term, command: { kind: 'noop' } });
type Server = { kind?: 'leader' | 'follower'; log?: Entry[]; commitIndex?: number; currentTerm?: number; durableTerm?: number; down?: boolean };
const server = (id: string, s: Server) => ({
  id,
  up: !s.down,
  state: s.down ? undefined : { role: { kind: s.kind ?? 'follower' }, log: s.log ?? [], commitIndex: s.commitIndex ?? 0, currentTerm: s.currentTerm ?? 1 },
  durable: { currentTerm: s.durableTerm ?? s.currentTerm ?? 1, log: s.log ?? [] },
});
const view = (servers: Record<string, Server>, history: unknown[] = []) => ({ nodes: Object.entries(servers).map(([id, s]) => server(id, s)), history }) as never;

describe("the explorer's descriptor and setup", () => {
  it('describes the shape, lists every variant, and gives each the bounds that reach its bug', () => {
    expect(explore.description).toBe('Raft on s1..s3 (one entry per AppendEntries for Figure 8): a write through s1, or through s2 with a linearizable read at s1, with the Figure 3 invariants and linearizability checked in every state.');
    expect(explore.variants).toEqual(descriptions());
    expect(explore.defaults).toEqual({ nodes: 3, requests: 1, depth: 14, crashes: 0, losses: 0, timers: 4 });
    expect(explore.variantDefaults).toEqual({
      'vote-without-log-check': { depth: 12, timers: 3 },
      'commit-previous-term-by-count': { depth: 24, timers: 7 },
      'read-index-without-quorum-check': { requests: 2, depth: 22, timers: 3 },
    });
  });

  it('the correct model: servers s1..sN with every rule on, four entries per AppendEntries, no directed phases, the Figure 3 invariants', () => {
    const { setup } = explore.setup({ nodes: 5, requests: 1, variant: undefined });
    expect(setup.nodes).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(setup.config).toEqual(raftConfig(1, { maxEntriesPerMessage: 4 }));
    expect(setup.phases).toBeUndefined();
    expect(Object.keys(setup.invariants!())).toEqual(Object.keys(raftInvariants()));
  });

  it('p1 writes 1 once through s1; each further request is a linearizable read at s1', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 3, variant: undefined });
    expect(setup.clients.map((c) => c.id)).toEqual(['p1', 'r1', 'r2']);
    const calls = setup.clients.map((c) => [0, 1].map((index) => c.workload({ index } as never)));
    expect(calls).toEqual([
      [{ to: 's1', request: { kind: 'write', value: 1, session: 'p1', seq: 1 }, op: 'write', args: [1, 1] }, undefined],
      [{ to: 's1', request: { kind: 'read', level: 'linearizable' }, op: 'read', args: [1, 'linearizable'] }, undefined],
      [{ to: 's1', request: { kind: 'read', level: 'linearizable' }, op: 'read', args: [1, 'linearizable'] }, undefined],
    ]);
  });

  it('read-index-without-quorum-check: p2 writes 2 through s2 and r1 reads at s1, after the deposed-leader phases', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 2, variant: 'read-index-without-quorum-check' });
    expect(setup.config).toMatchObject({ confirmLeadership: false, maxEntriesPerMessage: 4 });
    expect(setup.clients.map((c) => [c.id, c.workload({ index: 0 } as never)])).toEqual([
      ['p2', { to: 's2', request: { kind: 'write', value: 2, session: 'p2', seq: 1 }, op: 'write', args: [1, 2] }],
      ['r1', { to: 's1', request: { kind: 'read', level: 'linearizable' }, op: 'read', args: [1, 'linearizable'] }],
    ]);
    expect(setup.phases!.map((p) => p.goal)).toEqual([
      's1 leads and has committed an entry of its term',
      's2 leads a later term, while s1 still believes it leads',
      'p2\'s write is acknowledged by s2, and s1 still believes it leads',
    ]);
  });

  it('commit-previous-term-by-count: one entry per AppendEntries and the four Figure 8 phases; the correct model in that shape keeps the rule', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 1, variant: 'commit-previous-term-by-count' });
    expect(setup.config).toMatchObject({ commitOnlyCurrentTerm: false, maxEntriesPerMessage: 1 });
    expect(setup.phases).toHaveLength(4);
    const shaped = explore.setup({ nodes: 3, requests: 1, variant: undefined, shape: 'commit-previous-term-by-count' }).setup;
    expect(shaped.config).toEqual(raftConfig(1, { maxEntriesPerMessage: 1 }));
    expect(shaped.phases).toBe(setup.phases);
    expect(explore.setup({ nodes: 3, requests: 1, variant: 'vote-without-log-check' }).setup).toMatchObject({ config: { voteLogCheck: false, maxEntriesPerMessage: 4 } });
    expect(explore.setup({ nodes: 3, requests: 1, variant: 'vote-without-log-check' }).setup.phases).toBeUndefined();
  });

  it('Figure 8, phase 1: s1 leads and is the only server holding p1\'s write', () => {
    const [phase] = explore.setup({ nodes: 3, requests: 1, variant: 'commit-previous-term-by-count' }).setup.phases!;
    const s1 = { kind: 'leader' as const, log: [nop(1), w(1)] };
    expect(phase!.reached(view({ s1, s2: { log: [nop(1)] }, s3: { down: true } }))).toBe(true);
    expect(phase!.reached(view({ s1: { ...s1, kind: 'follower' }, s2: {}, s3: {} }))).toBe(false);
    expect(phase!.reached(view({ s1: { ...s1, log: [nop(1)] }, s2: {}, s3: {} }))).toBe(false);
    expect(phase!.reached(view({ s1, s2: {}, s3: { log: [nop(1), w(1)] } }))).toBe(false);
  });

  it('Figure 8, phase 2: s2 leads with an entry of a later term at index 2', () => {
    const phase = explore.setup({ nodes: 3, requests: 1, variant: 'commit-previous-term-by-count' }).setup.phases![1]!;
    expect(phase.reached(view({ s1: {}, s2: { kind: 'leader', log: [nop(1), nop(2)] }, s3: {} }))).toBe(true);
    expect(phase.reached(view({ s1: {}, s2: { kind: 'leader', log: [nop(1), w(1)] }, s3: {} }))).toBe(false);
    expect(phase.reached(view({ s1: {}, s2: { kind: 'leader', log: [nop(1)] }, s3: {} }))).toBe(false);
    expect(phase.reached(view({ s1: {}, s2: { log: [nop(1), nop(2)] }, s3: {} }))).toBe(false);
  });

  it('Figure 8, phase 3: s1 leads again, in a term after the one s2 wrote to disk', () => {
    const phase = explore.setup({ nodes: 3, requests: 1, variant: 'commit-previous-term-by-count' }).setup.phases![2]!;
    expect(phase.reached(view({ s1: { kind: 'leader', currentTerm: 3 }, s2: { currentTerm: 2 }, s3: {} }))).toBe(true);
    expect(phase.reached(view({ s1: { kind: 'leader', currentTerm: 2 }, s2: { currentTerm: 2 }, s3: {} }))).toBe(false);
    expect(phase.reached(view({ s1: { kind: 'leader', currentTerm: 3 }, s2: { down: true, durableTerm: 4 }, s3: {} }))).toBe(false);
    expect(phase.reached(view({ s1: { currentTerm: 3 }, s2: { currentTerm: 2 }, s3: {} }))).toBe(false);
  });

  it('Figure 8, phase 4: s1 has committed index 2, and s3 holds the write there and nothing after it', () => {
    const phase = explore.setup({ nodes: 3, requests: 1, variant: 'commit-previous-term-by-count' }).setup.phases![3]!;
    const s1 = { kind: 'leader' as const, commitIndex: 2, log: [nop(1), w(1), nop(4)] };
    expect(phase.reached(view({ s1, s2: {}, s3: { log: [nop(1), w(1)] } }))).toBe(true);
    expect(phase.reached(view({ s1: { ...s1, commitIndex: 1 }, s2: {}, s3: { log: [nop(1), w(1)] } }))).toBe(false);
    expect(phase.reached(view({ s1: { ...s1, kind: 'follower' }, s2: {}, s3: { log: [nop(1), w(1)] } }))).toBe(false);
    expect(phase.reached(view({ s1, s2: {}, s3: { log: [nop(1), w(1), nop(4)] } }))).toBe(false);
    expect(phase.reached(view({ s1, s2: {}, s3: { log: [nop(1), nop(2)] } }))).toBe(false);
    expect(phase.reached(view({ s1, s2: {}, s3: { down: true } }))).toBe(false);
  });

  it('the deposed-leader phases: s1 commits in its term; s2 leads while s1 believes it still does; p2\'s write is acknowledged', () => {
    const [first, second, third] = explore.setup({ nodes: 3, requests: 2, variant: 'read-index-without-quorum-check' }).setup.phases!;
    expect(first!.reached(view({ s1: { kind: 'leader', commitIndex: 1 }, s2: {}, s3: {} }))).toBe(true);
    expect(first!.reached(view({ s1: { kind: 'leader', commitIndex: 0 }, s2: {}, s3: {} }))).toBe(false);
    expect(first!.reached(view({ s1: { commitIndex: 1 }, s2: {}, s3: {} }))).toBe(false);
    expect(second!.reached(view({ s1: { kind: 'leader' }, s2: { kind: 'leader' }, s3: {} }))).toBe(true);
    expect(second!.reached(view({ s1: {}, s2: { kind: 'leader' }, s3: {} }))).toBe(false);
    expect(second!.reached(view({ s1: { kind: 'leader' }, s2: {}, s3: {} }))).toBe(false);
    const written = { client: 'p2', result: { kind: 'written', index: 2, term: 2, node: 's2', leaderTerm: 2 } };
    const leaders = { s1: { kind: 'leader' as const }, s2: { kind: 'leader' as const }, s3: {} };
    expect(third!.reached(view(leaders, [written]))).toBe(true);
    expect(third!.reached(view(leaders, [{ client: 'p2', result: { kind: 'not-leader', leader: 's2' } }, { client: 'p2' }]))).toBe(false);
    expect(third!.reached(view(leaders, [{ ...written, client: 'r1' }]))).toBe(false);
    expect(third!.reached(view({ ...leaders, s1: {} }, [written]))).toBe(false);
  });

  it('the history check takes the writes with linearizable and strong reads: a stale weak read passes it, a stale linearizable one does not', () => {
    const { historyCheck } = explore.setup({ nodes: 3, requests: 1, variant: undefined }).setup;
    expect(historyCheck!(staleRead('weak').history)).toBeUndefined();
    expect(historyCheck!(staleRead('linearizable').history)).toBeUndefined();
    expect(historyCheck!(staleRead('linearizable', { confirmLeadership: false }).history)).toMatch(/^not linearizable: Not linearizable: /);
  });

  it('finds vote-without-log-check at its own bounds: a leader of term 2 without the entry s1 committed in term 1', () => {
    const result = exploreModel(explore, 'vote-without-log-check');
    expect(result.violation?.message).toMatch(/^invariant "Leader Completeness[^]*index 1@1 is committed \(s1's commitIndex in term 1\), but s2, leader of term 2, holds nop@2 there$/);
    expect(result.violation!.events).toHaveLength(8);
  });

  it('the correct model at depth 6 has no violation', () => {
    const result = exploreModel(explore, undefined, { depth: 6 });
    expect(result.violation).toBeUndefined();
    expect(result.distinctStates).toBeGreaterThan(100);
  });
});

describe('the player', () => {
  const scenario = (id: string) => raftPlay.scenarios.find((s) => s.id === id)!;

  it('offers seven scenarios on s1..s3: the note\'s scripted runs with their scripts, then the demo\'s random faults without one', () => {
    expect(raftPlay).toMatchObject({ name: 'raft', title: 'Raft and rqlite\'s read levels', maxTicks: 400 });
    expect(raftPlay.scenarios.map((s) => [s.id, s.label, s.ticks, s.seed, s.setup !== undefined])).toEqual([
      ['normal-case', 'A write, then a read at each level', 40, 1, false],
      ['stale-weak-read', 'A weak read from a deposed leader', 80, 1, true],
      ['linearizable-read', 'The same read at level linearizable', 80, 1, true],
      ['stale-none-read', 'A none read from a cut-off follower', 60, 1, true],
      ['figure-8', 'Figure 8: an old term\'s entry on a majority', 90, 1, true],
      ['vote-without-log-check', 'A server that missed a committed write asks for votes', 60, 1, true],
      ['faulty', 'Random faults', 150, 1, false],
    ]);
    for (const s of raftPlay.scenarios) expect(s.nodes).toEqual(['s1', 's2', 's3']);
    for (const s of raftPlay.scenarios) expect(s.description.length).toBeGreaterThan(80);
    expect(scenario('faulty').faults).toEqual(expect.any(Object));
    expect(scenario('faulty').network).toMatchObject({ lossProbability: 0.05, duplicateProbability: 0.05 });
    expect(scenario('faulty').clients().map((c) => c.id)).toEqual(['p1', 'p2', 'r1', 'r2']);
  });

  it('normal-case: p1\'s write is committed at index 2, then r1 reads 1 at weak, linearizable, strong (through s1) and none (from s2)', () => {
    expect(returnLines(played(raftPlay, 'normal-case', undefined).run.trace)).toEqual(['14 p1 ok, index 2@1', '20 r1 1 (s1, applied 2)', '24 r1 1 (s1, applied 2)', '28 r1 1 (s1, applied 3)', '30 r1 1 (s2, applied 3)']);
  });

  it('stale-weak-read plays to its end: weak reads are left out of the player\'s history check', () => {
    const { run, last } = played(raftPlay, 'stale-weak-read', undefined);
    expect(returnLines(run.trace)).toEqual(['14 p1 ok, index 2@1', '36 p2 ok, index 4@2', '42 r1 1 (s1, applied 2)', '44 r1 2 (s2, applied 4)']);
    expect(last.failure).toBeUndefined();
  });

  it('linearizable-read: the read at s1 times out and s2 answers 2; stale-none-read: s3 answers 1', () => {
    expect(returnLines(played(raftPlay, 'linearizable-read', undefined).run.trace)).toEqual(['14 p1 ok, index 2@1', '36 p2 ok, index 4@2', '74 r1 2 (s2, applied 4)']);
    expect(returnLines(played(raftPlay, 'stale-none-read', undefined).run.trace)).toEqual(['14 p1 ok, index 2@1', '28 p2 ok, index 3@1', '42 r1 1 (s3, applied 2)']);
  });

  it('each broken variant fails its own scripted run, caught by an invariant or the history check', () => {
    expect(raftPlay.variants.map((v) => [v.id, v.label, v.failing])).toEqual([
      ['commit-previous-term-by-count', 'A leader commits an older term\'s entry by counting (Figure 8)', { scenario: 'figure-8', seed: 1 }],
      ['vote-without-log-check', 'Votes without the up-to-date log check', { scenario: 'vote-without-log-check', seed: 1 }],
      ['read-index-without-quorum-check', 'Linearizable reads without the quorum round', { scenario: 'linearizable-read', seed: 1 }],
    ]);
    const base: RaftConfig = raftConfig(7);
    for (const v of raftPlay.variants) expect(v.config(base)).toEqual({ ...base, ...raftVariants[v.id as keyof typeof raftVariants].config });
    expect(played(raftPlay, 'linearizable-read', 'read-index-without-quorum-check').last.failure?.message).toBe(
      'not linearizable (register): read() → 1 by r1, answered at tick 42, fits no order of the operations acknowledged before it (those that fit leave the value 2)',
    );
  });

  it('a server\'s card before anything happens: a follower of nobody, with an empty log and nothing applied', () => {
    expect(cardOf(raftPlay, frameAtTick(raftPlay, 'normal-case', 0), 's2')).toEqual({
      role: 'follower',
      fields: { term: '0', 'voted for': 'nobody', log: 'empty', 'commit index': '0', value: 'nothing (applied 0)', doing: 'waiting for a leader' },
    });
  });

  it('a candidate\'s card names its votes; a leader\'s counts the calls waiting for a commit and the reads waiting for a quorum round', () => {
    const s1 = frameAtTick(raftPlay, 'normal-case', 16).view.nodes.find((n) => n.id === 's1')!.state as RaftState;
    const doing = (role: RaftState['role']) => raftPlay.nodeView({ ...s1, role }).fields.find((f) => f.label === 'doing')!.value;
    expect(doing({ kind: 'candidate', votes: ['s1', 's3'] })).toBe('asking for votes (s1, s3)');
    expect(doing({ kind: 'follower', leader: 's3' })).toBe('following s3');
    if (s1.role.kind !== 'leader') throw new Error('s1 leads at tick 16');
    const waiter = { index: 3, term: 1, client: 'p1', requestId: 2 };
    const read = { readIndex: 2, round: 9, client: 'r1', requestId: 3 };
    expect(doing({ ...s1.role, waiters: [waiter, waiter], reads: [read] })).toBe('2 call(s) waiting for a commit, 1 read(s) for a quorum round');
    expect(raftPlay.nodeView({ ...s1, role: { kind: 'candidate', votes: ['s1'] } }).role).toBe('candidate');
  });

  it('offers the reader a write that takes a value and a read at each of rqlite\'s levels, each given up after 30 ticks', () => {
    const calls = raftPlay.clientCalls!;
    expect(calls.map((c) => [c.id, c.label, c.takesValue])).toEqual([
      ['write', 'Write a value', true],
      ['read-none', 'Read (none)', false],
      ['read-weak', 'Read (weak)', false],
      ['read-linearizable', 'Read (linearizable)', false],
      ['read-strong', 'Read (strong)', false],
    ]);
    expect(calls[0]!.call('c1', 's2', 42, 3)).toEqual({ to: 's2', request: { kind: 'write', value: 42, session: 'c1', seq: 3 }, op: 'write', args: [3, 42], timeoutTicks: 30 });
    expect(calls[2]!.call('c1', 's1', 0, 4)).toEqual({ to: 's1', request: { kind: 'read', level: 'weak' }, op: 'read', args: [4, 'weak'], timeoutTicks: 30 });
  });
});

// A hand-written trace for `quiet`.
let tick = 0;
const ev = (e: Record<string, unknown>): TraceEvent => ({ tick: ++tick, ...e }) as unknown as TraceEvent;
const send = (node: string, to: string, message: RaftMessage, msgId: number): TraceEvent => ev({ kind: 'send', node, to, msgId, label: message.kind, message });
const deliver = (from: string, node: string, message: RaftMessage, msgId: number): TraceEvent => ev({ kind: 'deliver', node, from, msgId, label: message.kind, duplicate: false, message });
const append = (prevLogIndex: number, round: number, entries: Entry[] = [], leaderCommit = 1): RaftMessage => ({ kind: 'append-entries', term: 1, prevLogIndex, prevLogTerm: 1, entries, leaderCommit, round });
const result = (success: boolean, round: number): RaftMessage => ({ kind: 'append-result', term: 1, success, matchIndex: 1, round });
const kept = (events: TraceEvent[]) => quiet({ model: 'raft', seed: 1, nodes: ['s1', 's2', 's3'], clients: [], events } as Trace).events;

describe('quiet: the diagrams leave out repeated AppendEntries, the replies to them, and repeated losses', () => {
  it('an AppendEntries that repeats one already sent on its link is hidden, sent and delivered; a new one on another link or with news is not', () => {
    const first = send('s1', 's2', append(1, 1), 1);
    const firstIn = deliver('s1', 's2', append(1, 1), 1);
    const repeat = send('s1', 's2', append(1, 2), 2);
    const repeatIn = deliver('s1', 's2', append(1, 2), 2);
    const otherLink = send('s1', 's3', append(1, 2), 3);
    const moreEntries = send('s1', 's2', append(1, 3, [w(1)]), 4);
    const newCommit = send('s1', 's2', append(1, 4, [], 2), 5);
    expect(kept([first, firstIn, repeat, repeatIn, otherLink, moreEntries, newCommit])).toEqual([first, firstIn, otherLink, moreEntries, newCommit]);
  });

  it('a success reply shows only for a round whose AppendEntries is shown; a refusal always shows', () => {
    const first = send('s1', 's2', append(1, 1), 1);
    const repeat = send('s1', 's2', append(1, 2), 2);
    const okShown = send('s2', 's1', result(true, 1), 3);
    const okShownIn = deliver('s2', 's1', result(true, 1), 3);
    const okHidden = send('s2', 's1', result(true, 2), 4);
    const okHiddenIn = deliver('s2', 's1', result(true, 2), 4);
    const refused = send('s2', 's1', result(false, 2), 5);
    const fromOther = send('s3', 's1', result(true, 1), 6);
    const vote = send('s2', 's1', { kind: 'vote', term: 1, granted: true }, 7);
    expect(kept([first, repeat, okShown, okShownIn, okHidden, okHiddenIn, refused, fromOther, vote])).toEqual([first, okShown, okShownIn, refused, vote]);
  });

  it('keeps the first loss on a link for each reason, and every event that is not a message', () => {
    const drop = (from: string, node: string, reason: string) => ev({ kind: 'drop', node, from, msgId: tick, label: 'AppendEntries', reason });
    const a = drop('s1', 's2', 'partition');
    const a2 = drop('s1', 's2', 'partition');
    const loss = drop('s1', 's2', 'loss');
    const back = drop('s2', 's1', 'partition');
    const note = ev({ kind: 'note', node: 's1', text: 's1 leads term 1 (votes s1, s2)' });
    expect(kept([a, a2, loss, back, note])).toEqual([a, loss, back, note]);
  });
});

describe("the note's diagrams", () => {
  it.each([
    ['normal-case', 1, 40],
    ['stale-weak-read', 14, 44],
    ['linearizable-read', 38, 76],
    ['stale-none-read', 14, 44],
    ['figure-8', 9, 61],
    ['figure-8-correct', 40, 90],
    ['vote-without-log-check', 9, 26],
    ['read-index-without-quorum-check', 38, 44],
  ] as const)('%s: a sequence diagram of its ticks, without repeated AppendEntries', (name, from, to) => {
    const diagram = scenarios[name]!();
    expect(lines(diagram)[0]).toBe('sequenceDiagram');
    const [, first, last] = /%% raft, seed 1, ticks (\d+)–(\d+)/.exec(diagram)!.map(Number);
    expect(first).toBeGreaterThanOrEqual(from);
    expect(first).toBeLessThan(from + 4);
    expect(last).toBeLessThanOrEqual(to);
    expect(last).toBeGreaterThan(to - 6);
  });

  it('each diagram shows its story', () => {
    expect(scenarios['figure-8']!()).toContain('s2 leads term 6 (votes s2, s3)');
    expect(scenarios['figure-8-correct']!()).toContain('s3 drops its entries from index 2');
    expect(scenarios['vote-without-log-check']!()).toMatch(/s3 leads term \d \(votes s3, s2\)|s3 leads term \d \(votes s2, s3\)/);
    expect(scenarios['stale-none-read']!()).toContain('read (none)');
  });

  it('the stale weak read\'s counterexample is drawn as the history the checker could not order', () => {
    const drawn = staleWeakReadCounterexample();
    expect(scenarios['stale-weak-read-history']).toBe(staleWeakReadCounterexample);
    expect(drawn).toContain('read');
    expect(drawn.length).toBeGreaterThan(50);
  });
});

describe("the trace's labels and the model's restarts (model.ts)", () => {
  it('names every message the way the paper does, with its fields', () => {
    const labels = ([
      { kind: 'request-vote', term: 3, lastLogIndex: 4, lastLogTerm: 2 },
      { kind: 'vote', term: 3, granted: true },
      { kind: 'vote', term: 3, granted: false },
      { kind: 'append-entries', term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: [nop(2), { term: 2, command: { kind: 'read' } }, w(2, 5)], leaderCommit: 1, round: 2 },
      { kind: 'append-result', term: 2, success: true, matchIndex: 4, round: 2 },
      { kind: 'append-result', term: 2, success: false, matchIndex: 1, round: 3 },
    ] as RaftMessage[]).map(describeMessage);
    expect(labels).toEqual([
      'RequestVote(t=3, last=4@2)',
      'Vote granted(t=3)',
      'Vote refused(t=3)',
      'AppendEntries(t=2, prev=1@1, entries=[nop@2 rd@2 w5@2], commit=1, round=2)',
      'Appended(t=2, match=4, round=2)',
      'Refused(t=2, match=1, round=3)',
    ]);
  });

  it('requests, responses and a server\'s disk', () => {
    expect(raft.describeRequest!({ kind: 'write', value: 3, session: 'p1', seq: 1 })).toBe('write 3');
    expect(raft.describeRequest!({ kind: 'read', level: 'weak' })).toBe('read (weak)');
    expect(raft.describeRequest!({ kind: 'read', level: 'none', freshness: 10 })).toBe('read (none, freshness 10)');
    expect(raft.describeResponse!({ kind: 'value', value: null, node: 's1', applied: 0 })).toBe('nothing (s1, applied 0)');
    expect(raft.describeResponse!({ kind: 'value', value: 7, node: 's2', applied: 3 })).toBe('7 (s2, applied 3)');
    expect(raft.describeResponse!({ kind: 'not-leader', leader: undefined })).toBe('not leader');
    expect(raft.describeResponse!({ kind: 'not-leader', leader: 's2' })).toBe('not leader, try s2');
    expect(raft.describeResponse!({ kind: 'stale' })).toBe('stale read refused');
    expect(raft.describeDurable!({ currentTerm: 3, votedFor: undefined, log: [nop(1), w(3, 4)], boot: 1 })).toBe('term 3, voted nobody, log [nop@1 w4@3], boot 1');
    expect(raft.describeDurable!({ currentTerm: 3, votedFor: 's2', log: [], boot: 0 })).toBe('term 3, voted s2, log [], boot 0');
  });

  it('a server restarts from its disk with one more boot, a follower of nobody with nothing applied; with no disk, from term 0', () => {
    const config = raftConfig(1);
    const disk = { currentTerm: 4, votedFor: 's2', log: [nop(1), w(4)], boot: 2 };
    expect(raft.recover('s1', ['s2', 's3'], config, disk)).toMatchObject({ ...disk, boot: 3, role: { kind: 'follower', leader: undefined }, commitIndex: 0, lastApplied: 0, machine: { value: null }, draws: 1 });
    expect(raft.recover('s1', ['s2', 's3'], config, undefined)).toMatchObject({ currentTerm: 0, votedFor: undefined, log: [], boot: 1 });
    const s = raft.init('s1', ['s2', 's3'], config);
    expect(s).toMatchObject({ currentTerm: 0, boot: 0, electionElapsed: 0 });
    expect(raft.step(s, { kind: 'restart' } as never)).toEqual({ state: s, effects: [{ kind: 'persist', durable: { currentTerm: 0, votedFor: undefined, log: [], boot: 0 } }] });
  });

  it('a follower\'s tick ages its timer and its last word from a leader, and starts an election when the timer runs out', () => {
    const s = { ...raft.init('s1', ['s2', 's3'], raftConfig(1, { fixedElectionTicks: { s1: 3 } })), electionElapsed: 1, sinceLeaderContact: 5 };
    expect(raft.step(s, { kind: 'tick' } as never)).toEqual({ state: { ...s, electionElapsed: 2, sinceLeaderContact: 6 }, effects: [] });
    const timedOut = raft.step({ ...s, electionElapsed: 2 }, { kind: 'tick' } as never);
    expect(timedOut.state).toMatchObject({ currentTerm: 1, role: { kind: 'candidate' } });
  });
});
