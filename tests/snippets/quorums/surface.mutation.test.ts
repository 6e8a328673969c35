/**
 * What the quorums folder shows a reader, stated as rules: the demo's text (`npm run snippet -- quorums`),
 * the variants table, the legend, the explorer's descriptor and setup, the player's scenarios and cards,
 * and the checked history the note links to. Written for mutation testing (docs/mutation.md, issue 19):
 * demo.ts, explore.ts, legend.ts, play.ts, variants.ts and histories.ts were run only by tests outside
 * tests/snippets/quorums/. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/quorums/demo.ts';
import { explore } from '../../../snippets/quorums/explore.ts';
import { histories } from '../../../snippets/quorums/histories.ts';
import { quorumsLegend } from '../../../snippets/quorums/legend.ts';
import { quorumsPlay } from '../../../snippets/quorums/play.ts';
import { grid, thresholds } from '../../../snippets/quorums/quorum-system.ts';
import { isQuorumsVariant, quorumsVariants } from '../../../snippets/quorums/variants.ts';
import type { RegisterConfig } from '../../../snippets/quorums/register.ts';
import { exploreModel } from '../../../snippets/explore/explorer.ts';
import { legendText } from '../../../snippets/sim/legend.ts';
import { cardOf, frameAtTick, played, returnLines } from '../play/played.ts';
import { diagramOnly, firstStepsThenMore } from '../../support/demo-diagram.ts';

const lines = (text: string) => text.split('\n');
const variantNames = ['r1-w1', 'no-write-back', 'writer-ids-restart', 'reruns-duplicates', 'ack-before-persist'];
const descriptions = () => Object.fromEntries(Object.entries(quorumsVariants).map(([k, v]) => [k, v.description]));

describe('the demo', () => {
  it('names N, R, W and the seed, the faults and where the legend is, then a blank line before the trace', () => {
    const out = demo.run({ seed: 4, mermaid: false });
    expect(lines(out).slice(0, 4)).toEqual([
      'Quorum register: N = 3 replicas, R = 2, W = 2, seed 4.',
      'Faults until tick 60 (5% loss, 5% duplicates, delays of 1-8 ticks, crashes, partitions), then healed.',
      'Legend: npm run snippet -- quorums --legend',
      '',
    ]);
    expect(lines(out)[4]).toMatch(/^ +1 {2}c\d +invoke +call 1 /);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('a correct seed: invariants and liveness held, the history is linearizable, with the call counts', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(out).toContain('\nRun: invariants held after every step; liveness held after the heal; no call was retried.\n');
    expect(out).toContain("\nChecked: linearizability of the clients' history as one register.\n");
    expect(out).toContain('\nVerdict: linearizable — 9 client calls: 8 completed, 1 timed out, 0 still waiting when the run ended (may or may not have taken effect).\n');
    expect(out).not.toContain('Broken variant');
    expect(out).not.toContain('Counterexample');
  });

  it('--variant r1-w1 says so, runs R = W = 1, and at seed 2 the verdict is "not linearizable" with a counterexample', () => {
    const out = demo.run({ seed: 2, mermaid: false, variant: 'r1-w1' });
    expect(lines(out).slice(0, 3)).toEqual([
      'Quorum register: N = 3 replicas, R = 1, W = 1, seed 2.',
      'Broken variant r1-w1: R = W = 1, so R + W ≤ N: a read can miss an acknowledged write.',
      'Faults until tick 60 (5% loss, 5% duplicates, delays of 1-8 ticks, crashes, partitions), then healed.',
    ]);
    expect(out).toContain('\nVerdict: not linearizable — 11 client calls: 8 completed, 2 timed out, 1 still waiting when the run ended (may or may not have taken effect).\n');
    expect(out).toMatch(/\nNot linearizable: .*\n/);
    expect(out).toContain('\nCounterexample (register):\n');
    // The same seed without the variant is linearizable: the variant is what broke it.
    expect(demo.run({ seed: 2, mermaid: false })).toContain('\nVerdict: linearizable — ');
  });

  it('a variant that only changes a flag keeps R = W = 2 in the header; an unknown name runs the correct model', () => {
    const out = demo.run({ seed: 1, mermaid: false, variant: 'no-write-back' });
    expect(lines(out)[0]).toBe('Quorum register: N = 3 replicas, R = 2, W = 2, seed 1.');
    expect(lines(out)[1]).toBe(`Broken variant no-write-back: ${quorumsVariants['no-write-back'].description}.`);
    expect(demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toEqual(demo.run({ seed: 1, mermaid: false }));
  });

  it('--mermaid prints a sequence diagram ending in exactly one newline, and no report', () => {
    const out = demo.run({ seed: 1, mermaid: true });
    diagramOnly(out);
    expect(out).toContain('% quorum register, seed 1, ticks 1–132');
  });

  it('--mermaid draws the first 60 steps and says how many more there were', () => {
    expect(firstStepsThenMore(demo.run({ seed: 1, mermaid: true }))).toBe('    Note over c1,r3: 20 more steps not shown');
  });

  it('describes itself, lists every variant with its description, and shows the quorums legend', () => {
    expect(demo.description).toBe('A register on N = 3 replicas with R = 2, W = 2 quorums, under faults; checked for linearizability.');
    expect(demo.variants).toEqual(descriptions());
    expect(demo.legend).toBe(quorumsLegend);
  });
});

describe('the variants table', () => {
  const base: RegisterConfig = { system: thresholds(['r1', 'r2', 'r3'], 2, 2), contact: 'all', writeBack: true, incarnation: true };

  it('r1-w1 makes R = W = 1 on the same replicas and keeps the rest', () => {
    const changed = quorumsVariants['r1-w1'].config({ ...base, contact: 'quorum' });
    expect(changed).toEqual({ ...base, contact: 'quorum', system: thresholds(['r1', 'r2', 'r3'], 1, 1) });
    expect(changed.system).toMatchObject({ kind: 'thresholds', nodes: ['r1', 'r2', 'r3'], read: 1, write: 1 });
  });

  it('r1-w1 refuses a quorum system that is not thresholds, naming its kind', () => {
    const onGrid = { ...base, system: grid([['r1', 'r2'], ['r3', 'r4']]) };
    expect(() => quorumsVariants['r1-w1'].config(onGrid)).toThrow('r1-w1 needs a thresholds quorum system, not grid');
  });

  it.each([
    ['no-write-back', { writeBack: false }],
    ['writer-ids-restart', { incarnation: false }],
    ['reruns-duplicates', { rerunDuplicates: true }],
    ['ack-before-persist', { ackBeforePersist: true }],
  ] as const)('%s sets exactly its one rule and keeps the rest', (name, change) => {
    expect(quorumsVariants[name].config(base)).toEqual({ ...base, ...change });
  });

  it('has the five variants, each described in one line that says what goes wrong', () => {
    expect(Object.keys(quorumsVariants)).toEqual(variantNames);
    expect(descriptions()).toEqual({
      'r1-w1': 'R = W = 1, so R + W ≤ N: a read can miss an acknowledged write',
      'no-write-back': 'reads answer without writing back what they saw (ABD’s second phase): a value can appear, then vanish',
      'writer-ids-restart': 'writer and operation ids restart at 1 after a crash: two writes can carry one version',
      'reruns-duplicates': 'a coordinator runs every copy of a duplicated request: one write is stored twice, under two versions',
      'ack-before-persist': 'a replica acknowledges a store before it writes it to disk (a crash between the two loses the write)',
    });
  });

  it('knows its own names only: not undefined, not another word, not what every object inherits', () => {
    for (const name of variantNames) expect(isQuorumsVariant(name)).toBe(true);
    for (const name of [undefined, 'nope', '', 'toString', 'hasOwnProperty', 'constructor']) expect(isQuorumsVariant(name)).toBe(false);
  });
});

describe('the legend', () => {
  it('names the model, its endpoints and its own notation, as the reader sees them', () => {
    const text = legendText(quorumsLegend);
    expect(lines(text)[0]).toBe('How to read a trace of the quorum register: each line is  tick  endpoint  event  detail.');
    expect(text).toContain('\n  r1, r2, r3  replicas; each keeps one register and coordinates the calls it receives\n');
    expect(text).toContain('\n  c1, c2      clients, each with one call at a time, to a random replica\n');
    expect(text).toContain('\nOther notation in the quorum register lines:\n');
    const notation = lines(text.slice(text.indexOf('Other notation in the quorum register lines:\n'))).slice(1, 8);
    expect(notation).toEqual([
      '  write(1001), read()           a client call: write 1001, or read the register',
      "  query, op 2                   phase 1: the coordinator asks for the replica's value; op 2 is the coordinator's own count of the reads and writes it runs (not a call number); op 1.2 is its 2nd after its 1st restart",
      '  has 1001 (v1 by r1.2), op 2   the answer: the value and its version: counter 1, written by operation 2 of r1 (higher counter, then writer, wins)',
      '  store …, op 2 / stored, op 2  phase 2: store the value with a higher version (a read writes back what it read); the acknowledgement',
      '  nothing                       no value written yet',
      '  … ; boot 1                    in persist lines: the node has restarted once; its ids from now on carry that incarnation',
      '  read 1001, ok                 the answer to a read, to a write',
    ]);
    expect(quorumsLegend.notation).toHaveLength(7);
  });

  it('its example lines are printed by the model: a store of 1001 at version 1 by r1.2, a write call, an ok', () => {
    const text = legendText(quorumsLegend);
    expect(quorumsLegend.example).toEqual({
      node: 'r1', peer: 'r2', client: 'c1', note: '',
      message: 'store 1001 (v1 by r1.2), op 2', call: 'write(1001)', response: 'ok',
    });
    expect(text).toContain('  send       → r2 #7 store 1001 (v1 by r1.2), op 2\n');
    expect(text).toContain('  invoke     call 3 write(1001) → r1 #1\n');
    expect(text).toContain('  reply      → c1 #9 call 3: ok\n');
  });

  it('says what the run checks', () => {
    expect(quorumsLegend.name).toBe('the quorum register');
    expect(legendText(quorumsLegend)).toContain(
      "\n  checks            that replicas only hold values some client wrote (after every step), that clients get answers after the heal, and the linearizability of the clients' history as one register.\n",
    );
  });
});

describe("the explorer's descriptor and setup", () => {
  it('describes the shape, lists every variant, and gives each variant the bounds that reach its bug', () => {
    expect(explore.description).toBe('The ABD register, majority quorums, every replica contacted: c1 writes through the first replica, c2 reads through the last.');
    expect(explore.variants).toEqual(descriptions());
    expect(explore.defaults).toEqual({ nodes: 3, requests: 2, depth: 16, losses: 0 });
    expect(explore.variantDefaults).toEqual({
      'r1-w1': { depth: 8, crashes: 0 },
      'no-write-back': { requests: 3, depth: 14, crashes: 0 },
      'writer-ids-restart': { requests: 2, depth: 14, crashes: 1 },
      'reruns-duplicates': { requests: 1, depth: 12, crashes: 0, duplicates: 1 },
      'ack-before-persist': { depth: 13, crashes: 1 },
    });
  });

  it('the correct model: majority thresholds, every replica asked, write-back and incarnations on', () => {
    const { setup } = explore.setup({ nodes: 5, requests: 2, variant: undefined });
    expect(setup.nodes).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(setup.config).toEqual({ system: thresholds(['r1', 'r2', 'r3', 'r4', 'r5'], 3, 3), contact: 'all', writeBack: true, incarnation: true });
    expect((explore.setup({ nodes: 4, requests: 2, variant: undefined }).setup.config as RegisterConfig).system).toMatchObject({ read: 3, write: 3 });
  });

  it('c1 writes 1 once through the first replica; c2 reads requests - 1 times through the last', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 3, variant: undefined });
    expect(setup.clients.map((c) => c.id)).toEqual(['c1', 'c2']);
    const calls = setup.clients.map((c) => [0, 1, 2].map((index) => c.workload({ index } as never)));
    expect(calls).toEqual([
      [{ to: 'r1', request: { kind: 'write', value: 1, pick: 0 }, op: 'write', args: 1 }, undefined, undefined],
      [{ to: 'r3', request: { kind: 'read', pick: 0 }, op: 'read', args: null }, { to: 'r3', request: { kind: 'read', pick: 0 }, op: 'read', args: null }, undefined],
    ]);
  });

  it('writer-ids-restart asks one quorum per operation, and its c2 writes 2 through r1 with pick 5 instead of reading', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 2, variant: 'writer-ids-restart' });
    expect(setup.config).toMatchObject({ contact: 'quorum', incarnation: false, writeBack: true });
    expect(setup.clients[1]!.workload({ index: 0 } as never)).toEqual({ to: 'r1', request: { kind: 'write', value: 2, pick: 5 }, op: 'write', args: 2 });
    expect(setup.clients[1]!.workload({ index: 1 } as never)).toBeUndefined();
    // The correct model in that shape: the same contact and workload, the correct rules.
    const shaped = explore.setup({ nodes: 3, requests: 2, variant: undefined, shape: 'writer-ids-restart' }).setup;
    expect(shaped.config).toMatchObject({ contact: 'quorum', incarnation: true });
    expect(shaped.clients[1]!.workload({ index: 0 } as never)).toMatchObject({ request: { kind: 'write', value: 2, pick: 5 } });
    // Any other variant asks everyone and applies its own change.
    expect(explore.setup({ nodes: 3, requests: 2, variant: 'r1-w1' }).setup.config).toMatchObject({ contact: 'all', system: { read: 1, write: 1 } });
    expect(explore.setup({ nodes: 3, requests: 2, variant: 'no-write-back' }).setup.config).toMatchObject({ contact: 'all', writeBack: false });
  });

  it('checks the register invariants and that a value is stored under one version, naming both versions and replicas', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 2, variant: undefined });
    const invariants = setup.invariants!();
    expect(Object.keys(invariants)).toEqual(['replicas only hold values some client wrote', 'a version names one value', 'a value is stored under one version']);
    const oneVersion = invariants['a value is stored under one version']!;
    const disk = (id: string, value: number | null, counter: number, writer: string) => ({ id, durable: { stored: { value, version: { counter, writer } } } });
    const check = (nodes: unknown[]) => oneVersion({ nodes, history: [] } as never);
    expect(check([disk('r1', 1, 1, 'r1.2'), disk('r2', 1, 1, 'r1.1')])).toBe('1 is stored under (1, r1.2) on r1 and under (1, r1.1) on r2');
    expect(check([disk('r1', 1, 1, 'r1.1'), disk('r2', 1, 2, 'r1.1'), disk('r3', 1, 2, 'r1.1')])).toBe('1 is stored under (1, r1.1) on r1 and under (2, r1.1) on r2');
    expect(check([disk('r1', 1, 1, 'r1.1'), disk('r2', 1, 1, 'r1.1'), disk('r3', 2, 2, 'r2.1')])).toBeUndefined();
    expect(check([disk('r1', null, 1, 'r1.1'), disk('r2', null, 2, 'r1.1')])).toBeUndefined();
    expect(check([{ id: 'r1' }, { id: 'r2', durable: undefined }, disk('r3', 1, 1, 'r1.1')])).toBeUndefined();
  });

  it.each([
    ['r1-w1', /^not linearizable:\nCounterexample \(register\):\n[^]*Cannot place: read\(\) → null/],
    ['no-write-back', /^not linearizable:\nCounterexample \(register\):\n/],
    ['writer-ids-restart', /^invariant "a version names one value" violated: version \(1, r1\.1\) names \d on r\d and \d on r\d$/],
    ['reruns-duplicates', /^invariant "a value is stored under one version" violated: 1 is stored under \(1, r1\.\d\) on r\d and under \(1, r1\.\d\) on r\d$/],
    ['ack-before-persist', /^not linearizable:\nCounterexample \(register\):\n[^]*Cannot place: read\(\) → null/],
  ] as const)('the explorer finds %s at its own bounds, caught by the history check or an invariant', (variant, caught) => {
    const result = exploreModel(explore, variant);
    expect(result.violation?.message).toMatch(caught);
  });

  it('the correct model at depth 10 (one crash) has no violation', () => {
    const result = exploreModel(explore, undefined, { depth: 10 });
    expect(result.violation).toBeUndefined();
    expect(result.distinctStates).toBeGreaterThan(100);
  });
});

describe('the player', () => {

  it('offers five scenarios on r1..r3, each with its label, description and length', () => {
    expect(quorumsPlay).toMatchObject({ name: 'quorums', title: 'the quorum register', maxTicks: 400 });
    expect(quorumsPlay.scenarios.map((s) => [s.id, s.label, s.nodes, s.ticks, s.seed])).toEqual([
      ['write-then-read', 'A write, then a read', ['r1', 'r2', 'r3'], 16, 1],
      ['half-finished-write', 'A half-finished write', ['r1', 'r2', 'r3'], 26, 1],
      ['restarted-writer', 'A writer that restarts', ['r1', 'r2', 'r3'], 30, 1],
      ['faulty', 'Random faults', ['r1', 'r2', 'r3'], 60, 1],
      ['faulty-one-quorum', 'Random faults, one quorum per operation', ['r1', 'r2', 'r3'], 400, 1],
    ]);
    for (const s of quorumsPlay.scenarios) expect(s.description.length).toBeGreaterThan(80);
    expect(quorumsPlay.scenarios[0]!.description).toBe("N = 3, R = W = 2. c1 writes 7 through r1 while r1's store to r3 is late; c2 reads through r3, and its read quorum includes a replica that has 7.");
  });

  it('write-then-read: c1\'s write of 7 is acknowledged, then c2 reads 7', () => {
    expect(returnLines(played(quorumsPlay, 'write-then-read', undefined).run.trace)).toEqual(['7 c1 ok', '12 c2 read 7']);
  });

  it('half-finished-write: c2 reads 7, and the write-back makes c3 read 7 too', () => {
    const { run, last } = played(quorumsPlay, 'half-finished-write', undefined);
    expect(returnLines(run.trace)).toEqual(['15 c2 read 7', '24 c3 read 7']);
    expect(last.failure).toBeUndefined();
  });

  it('restarted-writer: r1 crashes and restarts, and both later reads return 222', () => {
    const { run } = played(quorumsPlay, 'restarted-writer', undefined);
    expect(run.trace.events.filter((e) => e.kind === 'crash' || e.kind === 'restart').map((e) => `${e.tick} ${e.kind} ${e.node}`)).toEqual(['6 crash r1', '6 restart r1']);
    expect(returnLines(run.trace)).toEqual(['13 c2 ok', '20 c3 read 222', '28 c4 read 222']);
    expect(quorumsPlay.scenarios.find((s) => s.id === 'restarted-writer')!.config).toMatchObject({ contact: 'quorum' });
  });

  it('the faulty scenarios: two clients asking everyone, or three asking one quorum each, under faults; no failure', () => {
    const faulty = quorumsPlay.scenarios.find((s) => s.id === 'faulty')!;
    const one = quorumsPlay.scenarios.find((s) => s.id === 'faulty-one-quorum')!;
    expect(faulty.clients().map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(one.clients().map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(faulty.config).toMatchObject({ contact: 'all' });
    expect(one.config).toMatchObject({ contact: 'quorum' });
    for (const s of [faulty, one]) {
      expect(s.network).toMatchObject({ lossProbability: 0.05, duplicateProbability: 0.05 });
      expect(s.faults).toEqual(expect.any(Object));
      const { run, last } = played(quorumsPlay, s.id, undefined);
      expect(last.failure).toBeUndefined();
      expect(returnLines(run.trace).length).toBeGreaterThan(5);
    }
  });

  it('each broken variant fails its own run, caught by the checker or an invariant', () => {
    expect(quorumsPlay.variants.map((v) => [v.id, v.label, v.failing])).toEqual([
      ['r1-w1', 'R = W = 1: reads no longer meet writes (R + W ≤ N)', { scenario: 'write-then-read', seed: 1 }],
      ['no-write-back', 'Reads do not write back', { scenario: 'half-finished-write', seed: 1 }],
      ['writer-ids-restart', 'Operation numbers restart after a crash (no incarnation)', { scenario: 'restarted-writer', seed: 1 }],
      ['reruns-duplicates', 'A duplicated request runs twice (a request no longer runs once)', { scenario: 'faulty-one-quorum', seed: 1394 }],
    ]);
    const failures = quorumsPlay.variants.map((v) => played(quorumsPlay, v.failing!.scenario, v.id, v.failing!.seed).last.failure?.message);
    expect(failures.slice(0, 3)).toEqual([
      'not linearizable (register): read() → null by c2, answered at tick 8, fits no order of the operations acknowledged before it (those that fit leave the value 7)',
      'not linearizable (register): read() → null by c3, answered at tick 22, fits no order of the operations acknowledged before it (those that fit leave the value 7)',
      'invariant "a version names one value" violated: version (1, r1.1) names 222 on r1 and 111 on r2',
    ]);
    for (const v of quorumsPlay.variants) expect(v.config).toBe(quorumsVariants[v.id as keyof typeof quorumsVariants].config);
  });

  it('a replica\'s card: value and version "none" before any write, the boot count, and "nothing" coordinated', () => {
    const start = frameAtTick(quorumsPlay, 'write-then-read', 0);
    expect(cardOf(quorumsPlay, start, 'r2')).toEqual({ role: 'replica', fields: { value: 'none', version: 'none', boot: '0', coordinating: 'nothing' } });
  });

  it('a coordinator\'s card names each operation, its phase (and what a store carries) and who answered', () => {
    const r1 = cardOf(quorumsPlay, frameAtTick(quorumsPlay, 'write-then-read', 5), 'r1');
    expect(r1).toEqual({ role: 'coordinating', fields: { value: '7', version: '(1, r1.1)', boot: '0', coordinating: 'write 7: store 7 (1, r1.1), reached r1' } });
    const r3 = cardOf(quorumsPlay, frameAtTick(quorumsPlay, 'write-then-read', 7), 'r3');
    expect(r3).toMatchObject({ role: 'coordinating', fields: { coordinating: 'read: query, reached r3' } });
    // The same replica, by hand: nobody has answered yet, a read storing nothing, two operations at once.
    const state = frameAtTick(quorumsPlay, 'write-then-read', 7).view.nodes.find((n) => n.id === 'r3')!.state!;
    const [id, read] = Object.entries(state.pending)[0]!;
    const nothing = { value: null, version: { counter: 0, writer: '' } };
    const card = (pending: object) => quorumsPlay.nodeView({ ...state, pending } as never).fields.find((f) => f.label === 'coordinating')!.value;
    expect(card({ [id]: { ...read, answered: [] } })).toBe('read: query, no answer yet');
    expect(card({ [id]: { ...read, phase: 'store', stored: nothing, answered: ['r2', 'r3'] } })).toBe('read: store nothing none, reached r2, r3');
    expect(card({ [id]: read, x: { ...read, request: { kind: 'write', value: 9, pick: 0 } } })).toBe('read: query, reached r3; write 9: query, reached r3');
  });

  it('offers the reader a write that takes a value and a read that does not, each given up after 60 ticks, picking by call number', () => {
    const [write, read] = quorumsPlay.clientCalls!;
    expect(write).toMatchObject({ id: 'write', label: 'Write a value', takesValue: true });
    expect(write!.call('c1', 'r2', 42, 3)).toEqual({ to: 'r2', request: { kind: 'write', value: 42, pick: 3 }, op: 'write', args: 42, timeoutTicks: 60 });
    expect(read).toMatchObject({ id: 'read', label: 'Read', takesValue: false });
    expect(read!.call('c1', 'r3', 0, 4)).toEqual({ to: 'r3', request: { kind: 'read', pick: 4 }, op: 'read', args: null, timeoutTicks: 60 });
  });
});

describe('the checked history the note links to', () => {
  it('no-write-back: c2 reads 7, then c3 reads nothing, and the checker says no order explains it', () => {
    expect(Object.keys(histories)).toEqual(['no-write-back']);
    const embed = histories['no-write-back']!();
    expect(embed).toMatchObject({
      title: 'Quorum register without the write-back: c2 reads 7, then c3 reads nothing',
      verdict: 'Not linearizable: no order of the operations on register matches what the clients saw.',
      ok: false,
    });
    expect(embed.html()).toContain('c3');
  });
});
