/**
 * What the Dynamo folder shows a reader, stated as rules: the demo's text (`npm run snippet -- dynamo`),
 * the variants table, the legend, the explorer's descriptor, setup and invariants, the player's
 * scenarios, variants and cards, and the note's diagrams. Written for mutation testing
 * (docs/mutation.md, issue 19): demo.ts, explore.ts, legend.ts, play.ts, variants.ts and scenarios.ts
 * were run mostly by tests outside tests/snippets/dynamo/. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/dynamo/demo.ts';
import { explore } from '../../../snippets/dynamo/explore.ts';
import { dynamoLegend } from '../../../snippets/dynamo/legend.ts';
import { dynamoPlay } from '../../../snippets/dynamo/play.ts';
import { scenarios, staleReadIn, writeThenRead } from '../../../snippets/dynamo/scenarios.ts';
import { dynamoVariants, isDynamoVariant } from '../../../snippets/dynamo/variants.ts';
import { DEFAULT_CONFIG } from '../../../snippets/dynamo/node.ts';
import type { DynamoConfig, NodeState, Pending } from '../../../snippets/dynamo/types.ts';
import type { Version } from '../../../snippets/dynamo/versions.ts';
import { exploreModel, explore as runExplorer } from '../../../snippets/explore/explorer.ts';
import { resolveBounds } from '../../../snippets/explore/descriptor.ts';
import { legendText } from '../../../snippets/sim/legend.ts';
import { cardOf, frameAtTick, played, returnLines } from '../play/played.ts';
import { firstStepsThenMore } from '../../support/demo-diagram.ts';

const lines = (text: string) => text.split('\n');
const variantNames = ['no-hinted-handoff', 'r1-w1', 'op-ids-restart', 'forgetful-dots', 'first-reply-get', 'ignore-suspicion'];
const descriptions = (keep: (breaks: string) => boolean = () => true) =>
  Object.fromEntries(Object.entries(dynamoVariants).flatMap(([k, v]) => (keep(v.breaks) ? [[k, v.description]] : [])));
const version = (value: number, node: string, counter: number, context: Record<string, number> = {}): Version => ({ value, context, dot: { node, counter } });

describe('the demo', () => {
  it('names N, R, W and the seed, the faults and where the legend is, then a blank line before the trace', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(lines(out).slice(0, 4)).toEqual([
      'Dynamo: 5 nodes, N = 3, R = 2, W = 2, seed 1.',
      'Faults until tick 80 (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.',
      'Legend: npm run snippet -- dynamo --legend',
      '',
    ]);
    expect(lines(out)[4]).toMatch(/^ +1 {2}c\d +invoke +call 1 get\(cart-\d\) → n\d #1$/);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('lists each cart\'s preference list and its three home replicas with what each holds at the end', () => {
    const out = lines(demo.run({ seed: 1, mermaid: false }));
    const at = out.indexOf('Home replicas at the end:');
    expect(at).toBeGreaterThan(4);
    expect(out.slice(at + 1, at + 10)).toEqual([
      'cart-1: preference list n4, n5, n2, n3, n1 (home: n4, n5, n2)',
      '  n4: 1003@n4:3 | 2003@n5:1',
      '  n5: 1003@n4:3 | 2003@n5:1',
      '  n2: 1003@n4:3 | 2003@n5:1',
      'cart-2: preference list n3, n4, n1, n2, n5 (home: n3, n4, n1)',
      '  n3: 1001@n4:2 | 3001@n5:2',
      '  n4: 1001@n4:2 | 3001@n5:2',
      '  n1: 1001@n4:2 | 3001@n5:2',
      '',
    ]);
  });

  it('a correct seed: invariants and liveness held, with the puts acknowledged out of all, and the verdict "eventually consistent"', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(out).toContain('\nRun: invariants held after every step; liveness held after the heal; no call was retried.\n');
    expect(out).toContain('\nChecked: no acknowledged put lost and no dot naming two writes (4 of 5 puts acknowledged), siblings kept, and the home replicas converged after the heal. Dynamo is eventually consistent, so linearizability is not checked.\n');
    expect(out).toContain('\nVerdict: eventually consistent — 15 client calls: 11 completed, 2 timed out, 2 still waiting when the run ended (may or may not have taken effect).\n');
    expect(out).not.toContain('Broken variant');
  });

  it('--variant forgetful-dots at seed 12 says so under the header, fails on the dot, and shows a home replica that is down', () => {
    const out = demo.run({ seed: 12, mermaid: false, variant: 'forgetful-dots' });
    expect(lines(out).slice(0, 3)).toEqual([
      'Dynamo: 5 nodes, N = 3, R = 2, W = 2, seed 12.',
      'Broken variant forgetful-dots: the dot counter is lost in a crash: a restarted coordinator names a new write with an old dot (§4.4).',
      'Faults until tick 80 (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.',
    ]);
    expect(out).toContain('\nRun: FAILED in the safety phase at tick 70: invariant "a dot names one write (§4.4)" violated: dot n4:1 names two writes');
    expect(out).toContain('\n  n3: down\n');
    expect(out).toContain('(4 of 6 puts acknowledged)');
  });

  it('--variant r1-w1 prints R = 1, W = 1 in the header: the run uses the variant\'s quorums', () => {
    const out = demo.run({ seed: 1, mermaid: false, variant: 'r1-w1' });
    expect(lines(out)[0]).toBe('Dynamo: 5 nodes, N = 3, R = 1, W = 1, seed 1.');
    expect(lines(out)[1]).toBe(`Broken variant r1-w1: ${dynamoVariants['r1-w1'].description}.`);
    // The same seed runs differently: a put or get needs fewer answers.
    expect(out.slice(out.indexOf('\n\n'))).not.toEqual(demo.run({ seed: 1, mermaid: false }).slice(out.indexOf('\n\n')));
  });

  it('a name that is not a variant runs the correct model (npm run snippet refuses it before the demo runs)', () => {
    expect(demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toEqual(demo.run({ seed: 1, mermaid: false }));
    expect(demo.run({ seed: 1, mermaid: false, variant: 'toString' })).toEqual(demo.run({ seed: 1, mermaid: false }));
  });

  it('--mermaid prints a sequence diagram of the first 60 steps, says how many more there were, and no report', () => {
    const out = demo.run({ seed: 1, mermaid: true });
    expect(firstStepsThenMore(out)).toBe('    Note over c1,n5: 67 more steps not shown');
    expect(out).toContain('% dynamo, seed 1, ticks 1–102');
    expect(out).not.toContain('Home replicas');
  });

  it('describes itself, lists every variant with its description, and shows the Dynamo legend', () => {
    expect(demo.description).toBe('Dynamo on 5 nodes, (N, R, W) = (3, 2, 2): sloppy quorum, hinted handoff, siblings, read repair, under faults.');
    expect(demo.variants).toEqual(descriptions());
    expect(demo.legend).toBe(dynamoLegend);
  });
});

describe('the variants table', () => {
  it('has six variants, each switching off exactly one rule of the configuration', () => {
    expect(Object.keys(dynamoVariants)).toEqual(variantNames);
    expect(Object.fromEntries(Object.entries(dynamoVariants).map(([k, v]) => [k, v.config]))).toEqual({
      'no-hinted-handoff': { hintedHandoff: false },
      'r1-w1': { r: 1, w: 1 },
      'op-ids-restart': { incarnation: false },
      'forgetful-dots': { durableDots: false },
      'first-reply-get': { mergeReplies: false },
      'ignore-suspicion': { avoidSuspects: false },
    });
    // The correct model has each of those rules on, with R = W = 2 of N = 3.
    expect(DEFAULT_CONFIG).toMatchObject({ n: 3, r: 2, w: 2, hintedHandoff: true, incarnation: true, durableDots: true, mergeReplies: true, avoidSuspects: true });
  });

  it('four break safety (a put lost or a get missing one); hinted handoff and suspicion only liveness or speed', () => {
    expect(Object.fromEntries(Object.entries(dynamoVariants).map(([k, v]) => [k, v.breaks]))).toEqual({
      'no-hinted-handoff': 'liveness',
      'r1-w1': 'safety',
      'op-ids-restart': 'safety',
      'forgetful-dots': 'safety',
      'first-reply-get': 'safety',
      'ignore-suspicion': 'liveness',
    });
  });

  it('each is described in one line that says what goes wrong, citing the paper\'s section', () => {
    expect(descriptions()).toEqual({
      'no-hinted-handoff': 'a fallback keeps a replica as its own and never hands it back: the homes never converge, but the put stays on a disk (§4.6)',
      'r1-w1': 'R = W = 1, so R + W ≤ N: a get can miss an acknowledged put (§4.5)',
      'op-ids-restart': 'operation ids restart at 1 after a crash: acks meant for the old life acknowledge a new put',
      'forgetful-dots': 'the dot counter is lost in a crash: a restarted coordinator names a new write with an old dot (§4.4)',
      'first-reply-get': 'a get answers with one reply\'s versions instead of merging all R (§4.5)',
      'ignore-suspicion': 'targets are chosen without the failure detector: slower, never unsafe (§4.6)',
    });
  });

  it('knows its own names only, not what every object inherits', () => {
    for (const name of variantNames) expect(isDynamoVariant(name)).toBe(true);
    for (const name of ['nope', '', 'toString', 'hasOwnProperty', 'constructor']) expect(isDynamoVariant(name)).toBe(false);
  });
});

describe('the legend', () => {
  it('names the model and its endpoints as the reader sees them', () => {
    const text = legendText(dynamoLegend);
    expect(lines(text)[0]).toBe('How to read a trace of Dynamo: each line is  tick  endpoint  event  detail.');
    expect(text).toContain('\n  n1 … n5     nodes: each stores replicas and coordinates the calls it receives\n');
    expect(text).toContain('\n  c1, c2, c3  clients reading and writing two shopping carts, cart-1 and cart-2\n');
  });

  it('its example lines are printed by the model: a replicate of 7@n3:1 to n1, a put call, an ok with the dot', () => {
    const text = legendText(dynamoLegend);
    expect(text).toContain('  send       → n1 #7 replicate cart-1=7@n3:1\n');
    expect(text).toContain('  invoke     call 3 put(cart-1, 7) → n3 #1\n');
    expect(text).toContain('  reply      → c1 #9 call 3: ok n3:1\n');
    expect(text).toContain('  note       this put from c1 arrived a second time: a new version 7@n3:2, kept as a sibling of equal value\n');
  });

  it('explains its own notation in eleven rows: calls, the put as received, versions, siblings, hints, op ids, disk', () => {
    const text = legendText(dynamoLegend);
    const notation = lines(text.slice(text.indexOf('Other notation in Dynamo lines:\n'))).slice(1, 12);
    expect(notation).toEqual([
      '  put(cart-1, 7), get(cart-1)  client calls: write 7 to cart-1, read cart-1',
      '  put(cart-1, {n1=1}, 7)       the same put as the node receives it, with its context: the vector clock of the versions the client read ({} if none)',
      '  7@n3:1                       a version: value 7, written by a put that n3 coordinated, n3\'s first write (node:counter is the version\'s "dot")',
      '  7@n3:1 | 9@n4:2              siblings: versions neither of which replaced the other (concurrent writes); a later put that read both replaces both',
      '  nothing                      no version of the key',
      '  ok n3:1                      a put\'s answer: acknowledged by W nodes, as version n3:1',
      '  replicate … hint n5          a copy sent to a fallback node because n5, a home replica, seems down; the fallback hands it to n5 later (handoff)',
      '  stored, op 4 / has …         a replica\'s answer to the coordinator\'s operation 4 (its own count, not a call number); op 2.4 is the 4th operation after the coordinator\'s 2nd restart',
      '  repair, handoff, took        read repair of a stale replica; a fallback handing hinted copies home; the home replica taking them',
      '  cart-1=7@n3:1; hint …        in persist lines: what the node holds on disk, per key, and the hints it keeps for others',
      '  boot 2                       in persist lines: the node has restarted twice; its operation ids now carry that incarnation (op 2.4)',
    ]);
    expect(dynamoLegend.notation).toHaveLength(11);
  });

  it('says what the run checks, and why not linearizability', () => {
    expect(dynamoLegend.name).toBe('Dynamo');
    expect(legendText(dynamoLegend)).toContain(
      '\n  checks            no acknowledged put lost, no dot naming two different writes, and no stored sibling that descends from another (after every step), and after the heal every key\'s home replicas agree, hold every acknowledged put and keep no hints. Dynamo promises eventual consistency, not linearizability, so no linearizability check: a get may miss a recent put, and concurrent puts come back as siblings.\n',
    );
  });
});

describe("the explorer's descriptor, setup and invariants", () => {
  it('describes the shape, lists the safety variants to search and the liveness ones apart, with bounds that reach each bug', () => {
    expect(explore.description).toBe('Dynamo, N = 3, R = W = 2: c1 puts cart-1 through one home replica, c2 gets it through another (c3, c4… alternate); no timers, so no sloppy quorum.');
    expect(explore.variants).toEqual(descriptions((b) => b === 'safety'));
    expect(Object.keys(explore.variants)).toEqual(['r1-w1', 'op-ids-restart', 'forgetful-dots', 'first-reply-get']);
    expect(explore.livenessOnly).toEqual(descriptions((b) => b === 'liveness'));
    expect(explore.defaults).toEqual({ nodes: 3, requests: 2, depth: 12, crashes: 0, losses: 0, timers: 0 });
    expect(explore.variantDefaults).toEqual({
      'r1-w1': { depth: 8 },
      'first-reply-get': { depth: 11 },
      'op-ids-restart': { nodes: 4, depth: 12, crashes: 1 },
      'forgetful-dots': { nodes: 4, depth: 10, crashes: 1 },
    });
  });

  it('the correct model: n1..n3 with the default rules; c1 puts 1 through the first home of cart-1, c2 gets through the second, c3 puts through the third', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 3, variant: undefined });
    expect(setup.nodes).toEqual(['n1', 'n2', 'n3']);
    expect(setup.config).toEqual(DEFAULT_CONFIG);
    const calls = setup.clients.map((c) => [0, 1].map((index) => c.workload({ index } as never)));
    const [first, second, third] = calls.map((c) => c[0] as { to: string });
    expect(new Set([first!.to, second!.to, third!.to]).size).toBe(3);
    expect(calls).toEqual([
      [{ to: first!.to, request: { kind: 'put', key: 'cart-1', context: {}, value: 1 }, op: 'put', args: 1, key: 'cart-1' }, undefined],
      [{ to: second!.to, request: { kind: 'get', key: 'cart-1' }, op: 'get', args: 'cart-1', key: 'cart-1' }, undefined],
      [{ to: third!.to, request: { kind: 'put', key: 'cart-1', context: {}, value: 3 }, op: 'put', args: 3, key: 'cart-1' }, undefined],
    ]);
    // A fourth client goes back to the first home.
    const fourth = explore.setup({ nodes: 3, requests: 4, variant: undefined }).setup.clients[3]!.workload({ index: 0 } as never) as { to: string; op: string };
    expect(fourth).toMatchObject({ to: first!.to, op: 'get' });
  });

  it('each variant runs with its own rule changed, and no other', () => {
    for (const name of variantNames) {
      const nodes = name === 'op-ids-restart' || name === 'forgetful-dots' ? 4 : 3;
      const config = explore.setup({ nodes, requests: 2, variant: name }).setup.config as DynamoConfig;
      expect(config).toEqual({ ...DEFAULT_CONFIG, ...dynamoVariants[name as keyof typeof dynamoVariants].config });
    }
    expect(explore.setup({ nodes: 3, requests: 2, variant: 'nope' }).setup.config).toEqual(DEFAULT_CONFIG);
  });

  it('the crash-restart bugs send both puts through a node that is not a home of cart-1, and refuse three nodes, saying why', () => {
    for (const name of ['op-ids-restart', 'forgetful-dots']) {
      const { setup } = explore.setup({ nodes: 4, requests: 2, variant: name });
      const calls = setup.clients.map((c) => c.workload({ index: 0 } as never) as { to: string; op: string; args: number });
      expect(calls.map((c) => [c.op, c.args])).toEqual([['put', 1], ['put', 2]]);
      expect(calls[0]!.to).toBe(calls[1]!.to);
      // The outsider is the one node the default shape never sends to.
      const usual = explore.setup({ nodes: 4, requests: 3, variant: undefined }).setup.clients.map((c) => (c.workload({ index: 0 } as never) as { to: string }).to);
      expect(usual).not.toContain(calls[0]!.to);
      expect(() => explore.setup({ nodes: 3, requests: 2, variant: name })).toThrow(`dynamo --variant ${name} needs a node that is not a home of cart-1: use --nodes 4 or more`);
    }
    // The correct model in that shape: the same workload, the correct rules.
    const shaped = explore.setup({ nodes: 4, requests: 2, variant: undefined, shape: 'op-ids-restart' }).setup;
    expect(shaped.config).toEqual(DEFAULT_CONFIG);
    expect(shaped.clients.map((c) => (c.workload({ index: 0 } as never) as { op: string }).op)).toEqual(['put', 'put']);
  });

  it('checks four invariants, each citing its section of the paper', () => {
    const invariants = explore.setup({ nodes: 3, requests: 2, variant: undefined }).setup.invariants!();
    expect(Object.keys(invariants)).toEqual([
      'no acknowledged put is lost (§4.4)',
      'a dot names one write (§4.4)',
      'stored siblings never descend from one another (§4.4)',
      'a get sees every put acknowledged before it began (§4.5, R + W > N)',
    ]);
  });

  it('"stored siblings never descend from one another" names the node and key that keeps an ancestor', () => {
    const check = explore.setup({ nodes: 3, requests: 2, variant: undefined }).setup.invariants!()['stored siblings never descend from one another (§4.4)']!;
    const node = (id: string, store: Record<string, Version[]>) => ({ id, durable: { store, hints: [], issued: 0, boot: 0 } });
    const view = (nodes: unknown[]) => check({ nodes, history: [] } as never);
    const five = version(5, 'n1', 1);
    const twelve = version(12, 'n2', 1, { n1: 1 });
    expect(view([node('n1', { 'cart-1': [five, version(6, 'n2', 1)] }), node('n2', { 'cart-1': [twelve] })])).toBeUndefined();
    expect(view([node('n1', { 'cart-1': [five] }), node('n3', { 'cart-2': [twelve], 'cart-1': [five, twelve] })])).toBe('n3 keeps an ancestor among the siblings of cart-1');
    expect(view([node('n2', { 'cart-1': [twelve, five] })])).toBe('n2 keeps an ancestor among the siblings of cart-1');
    // A node with no disk yet holds nothing.
    expect(view([{ id: 'n1' }, node('n2', {})])).toBeUndefined();
  });

  it('"a get sees every put acknowledged before it began" names the get, what it returned and the put it missed', () => {
    const check = explore.setup({ nodes: 3, requests: 2, variant: undefined }).setup.invariants!()['a get sees every put acknowledged before it began (§4.5, R + W > N)']!;
    const put = { id: 1, client: 'c1', op: 'put', args: 1, key: 'cart-1', invokeTick: 1, invokeOrder: 1, returnTick: 3, returnOrder: 3, result: { kind: 'put-ok', dot: { node: 'n1', counter: 1 } } };
    const get = (siblings: Version[], invokeOrder: number) => ({ id: 2, client: 'c2', op: 'get', args: 'cart-1', key: 'cart-1', invokeTick: invokeOrder, invokeOrder, returnTick: 6, returnOrder: 6, result: { kind: 'get-ok', siblings, context: {} } });
    const history = (...ops: unknown[]) => check({ nodes: [], history: ops } as never);
    expect(history(put, get([], 4))).toBe('get(cart-1) at ticks 4-6 returned [], missing put 1 acknowledged at tick 3');
    expect(history(put, get([version(1, 'n1', 1)], 4))).toBeUndefined();
    // Begun before the put was acknowledged: concurrent, not stale.
    expect(history(put, get([], 2))).toBeUndefined();
    // A get still waiting has returned nothing yet.
    expect(history(put, { ...get([], 4), returnTick: undefined, result: undefined })).toBeUndefined();
  });

  it.each([
    ['r1-w1', {}, /^invariant "a get sees every put acknowledged before it began \(§4\.5, R \+ W > N\)" violated: get\(cart-1\) at ticks \d+-\d+ returned \[\], missing put 1/],
    ['first-reply-get', {}, /^invariant "a get sees every put acknowledged before it began \(§4\.5, R \+ W > N\)" violated: get\(cart-1\) at ticks \d+-\d+ returned \[\], missing put 1/],
    ['forgetful-dots', {}, /^invariant "a dot names one write \(§4\.4\)" violated: dot n\d:1 names two writes/],
    ['op-ids-restart', { depth: 10 }, /^invariant "no acknowledged put is lost \(§4\.4\)" violated: put\(cart-1, 2\) acknowledged at tick \d+ is on no disk$/],
  ] as const)('the explorer finds %s at its own bounds, caught by the invariant its rule keeps', (variant, override, caught) => {
    const { size, bounds } = resolveBounds(explore, variant, override);
    const result = runExplorer(explore.setup(size).setup, bounds);
    expect(result.violation?.message).toMatch(caught);
  }, 60_000);

  it('the correct model at its default bounds (3 nodes, a put and a get, depth 12) has no violation', () => {
    const result = exploreModel(explore, undefined);
    expect(result.violation).toBeUndefined();
    expect(result.distinctStates).toBeGreaterThan(1000);
  }, 60_000);
});

describe('the player', () => {

  it('offers eight scenarios on n1..n5, each with its label and length', () => {
    expect(dynamoPlay).toMatchObject({ name: 'dynamo', title: 'Dynamo', maxTicks: 400 });
    expect(dynamoPlay.scenarios.map((s) => [s.id, s.label, s.ticks, s.seed])).toEqual([
      ['hinted-handoff', 'Sloppy quorum and hinted handoff', 80, 1],
      ['stale-read', 'A put, then a get (R + W > N)', 40, 1],
      ['siblings', 'Concurrent puts become siblings', 50, 1],
      ['restarted-coordinator', 'A coordinator restarts mid-put', 60, 1],
      ['forgotten-counter', 'A coordinator restarts between puts', 30, 1],
      ['first-reply', 'A get merges its R replies', 30, 1],
      ['dead-homes', 'Two home replicas down', 80, 1],
      ['faulty', 'Random faults', 80, 1],
    ]);
    for (const s of dynamoPlay.scenarios) {
      expect(s.nodes).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
      expect(s.description.length).toBeGreaterThan(80);
    }
  });

  it.each([
    ['hinted-handoff', ['21 c1 ok n3:1', '77 c2 7@n3:1']],
    ['stale-read', ['9 c2 nothing', '17 c1 ok n4:1']],
    ['siblings', ['7 c1 ok n4:1', '9 c2 ok n5:1', '18 c3 5@n4:1 | 6@n5:1', '23 c3 ok n2:1', '30 c3 12@n2:1']],
    ['restarted-coordinator', ['30 c2 ok n3:2']],
    ['forgotten-counter', ['5 c1 ok n3:1', '13 c2 ok n3:2', '17 c2 5@n3:1 | 7@n3:2']],
    ['first-reply', ['5 c1 ok n4:1', '12 c2 7@n4:1']],
    ['dead-homes', ['18 c1 ok n5:1', '22 c1 ok n5:2', '26 c1 ok n5:3']],
  ])('%s: the correct model answers the clients as the description says, and no check fails', (scenario, answers) => {
    const { run, last } = played(dynamoPlay, scenario, undefined);
    expect(returnLines(run.trace)).toEqual(answers);
    expect(last.failure).toBeUndefined();
  });

  it('the random scenario is the demo\'s faulty run: three clients, faults, no failure', () => {
    const faulty = dynamoPlay.scenarios.find((s) => s.id === 'faulty')!;
    expect(faulty.setup).toBeUndefined();
    expect(faulty.network).toMatchObject({ lossProbability: 0.05, duplicateProbability: 0.05 });
    expect(faulty.faults).toEqual(expect.any(Object));
    expect(faulty.clients().map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    const { run, last } = played(dynamoPlay, 'faulty', undefined);
    expect(last.failure).toBeUndefined();
    expect(returnLines(run.trace).length).toBeGreaterThan(10);
  });

  it('each broken variant fails its own scenario, caught by the invariant its rule keeps; ignore-suspicion has none', () => {
    expect(dynamoPlay.variants.map((v) => [v.id, v.label, v.failing])).toEqual([
      ['no-hinted-handoff', 'Fallbacks keep the replica as their own (no hint, §4.6)', { scenario: 'hinted-handoff', seed: 1 }],
      ['r1-w1', 'R = W = 1: reads no longer meet writes (R + W ≤ N, §4.5)', { scenario: 'stale-read', seed: 1 }],
      ['op-ids-restart', 'Operation ids restart after a crash (no incarnation)', { scenario: 'restarted-coordinator', seed: 1 }],
      ['forgetful-dots', 'The dot counter is lost in a crash (§4.4)', { scenario: 'forgotten-counter', seed: 1 }],
      ['first-reply-get', 'A get keeps one reply instead of merging all R (§4.5)', { scenario: 'first-reply', seed: 1 }],
      ['ignore-suspicion', 'Targets ignore the failure detector: slower, never unsafe (§4.6)', undefined],
    ]);
    const failures = dynamoPlay.variants.flatMap((v) => (v.failing ? [played(dynamoPlay, v.failing.scenario, v.id, v.failing.seed).last.failure?.message] : []));
    expect(failures).toEqual([
      'invariant "a get begun after the heal sees every acknowledged put (hinted handoff, §4.6)" violated: get(cart-1) at ticks 70-77 returned [], missing put 7 acknowledged at tick 21',
      'invariant "a get sees every put acknowledged before it began (§4.5, R + W > N)" violated: get(cart-1) at ticks 5-7 returned [], missing put 7 acknowledged at tick 3',
      'invariant "no acknowledged put is lost (§4.4)" violated: put(cart-1, 7) acknowledged at tick 13 is on no disk',
      'invariant "a dot names one write (§4.4)" violated: dot n3:1 names two writes: 5 (put acknowledged at tick 5) and 7 (put acknowledged at tick 13)',
      'invariant "a get sees every put acknowledged before it began (§4.5, R + W > N)" violated: get(cart-1) at ticks 8-12 returned [], missing put 7 acknowledged at tick 5',
    ]);
  });

  it('each variant changes only its own rule of whatever configuration the scenario runs', () => {
    const base: DynamoConfig = { ...DEFAULT_CONFIG, r: 3 };
    for (const v of dynamoPlay.variants) expect(v.config!(base)).toEqual({ ...base, ...dynamoVariants[v.id as keyof typeof dynamoVariants].config });
  });

  it('the hinted-handoff scenario adds its after-the-heal check; the strict one only where nothing fails', () => {
    const names = (id: string) => Object.keys(dynamoPlay.scenarios.find((s) => s.id === id)!.invariants!());
    expect(names('hinted-handoff')).toEqual([
      'a dot names one write (§4.4)', 'a get returns versions of its own key', 'no acknowledged put is lost (§4.4)', 'stored siblings never descend from one another (§4.4)',
      'a get begun after the heal sees every acknowledged put (hinted handoff, §4.6)',
    ]);
    expect(names('stale-read')).toContain('a get sees every put acknowledged before it began (§4.5, R + W > N)');
    expect(Object.keys(dynamoPlay.invariants!())).not.toContain('a get sees every put acknowledged before it began (§4.5, R + W > N)');
  });

  it('the after-the-heal check ignores gets begun by tick 40 and gets not yet answered', () => {
    const check = dynamoPlay.scenarios.find((s) => s.id === 'hinted-handoff')!.invariants!()['a get begun after the heal sees every acknowledged put (hinted handoff, §4.6)']!;
    const put = { id: 1, client: 'c1', op: 'put', args: 7, key: 'cart-1', invokeTick: 2, invokeOrder: 2, returnTick: 21, returnOrder: 21, result: { kind: 'put-ok', dot: { node: 'n3', counter: 1 } } };
    const get = (invokeTick: number, answered = true) => ({ id: 2, client: 'c2', op: 'get', args: 'cart-1', key: 'cart-1', invokeTick, invokeOrder: invokeTick, ...(answered ? { returnTick: invokeTick + 5, returnOrder: invokeTick + 5, result: { kind: 'get-ok', siblings: [], context: {} } } : {}) });
    const verdict = (...ops: unknown[]) => check({ nodes: [], history: ops } as never);
    expect(verdict(put, get(40))).toBeUndefined();
    expect(verdict(put, get(41))).toBe('get(cart-1) at ticks 41-46 returned [], missing put 7 acknowledged at tick 21');
    expect(verdict(put, get(70, false))).toBeUndefined();
    expect(verdict(put, { ...get(70), op: 'put', args: 8, result: { kind: 'put-ok', dot: { node: 'n3', counter: 2 } } })).toBeUndefined();
  });

  it('a node card: its ring position and the keys it is home of, each cart\'s versions with their clocks, hints, and what it coordinates', () => {
    const n3 = cardOf(dynamoPlay, frameAtTick(dynamoPlay, 'hinted-handoff', 15), 'n3');
    expect(n3.role).toBe('coordinating');
    expect(n3.fields.ring).toMatch(/^tokens at (\d+, ){7}\d+% of the ring; home of cart-2 #1$/);
    expect(n3.fields.coordinating).toBe('put 7 to cart-1: answered by n3 for n4');
    const n4 = cardOf(dynamoPlay, frameAtTick(dynamoPlay, 'siblings', 3), 'n4');
    expect(n4.fields.coordinating).toBe('put 5 to cart-1: answered by n4');
    expect(n4.fields.ring).toMatch(/home of cart-1 #1, cart-2 #2$/);
    const start = cardOf(dynamoPlay, frameAtTick(dynamoPlay, 'hinted-handoff', 3), 'n3');
    expect(start.fields.coordinating).toBe('put 7 to cart-1: no answer yet');
    const idle = cardOf(dynamoPlay, frameAtTick(dynamoPlay, 'hinted-handoff', 0), 'n1');
    expect(idle).toEqual({ role: 'node', fields: { ring: expect.stringMatching(/home of cart-2 #3$/), 'cart-1': 'nothing', 'cart-2': 'nothing', hints: 'none', coordinating: 'nothing' } });
    // With N = 1, n1 is the home of neither cart.
    const n1 = frameAtTick(dynamoPlay, 'hinted-handoff', 0).view.nodes.find((n) => n.id === 'n1')!.state! as NodeState;
    expect(dynamoPlay.nodeView({ ...n1, config: { ...n1.config, n: 1 } }).fields[0]!.value).toMatch(/^tokens at (\d+, ){7}\d+% of the ring; home of no key$/);
  });

  it('a card by hand: a get, a put whose client was told, an unknown value, siblings with merged clocks, two hints', () => {
    const base = frameAtTick(dynamoPlay, 'siblings', 0).view.nodes.find((n) => n.id === 'n2')!.state! as NodeState;
    const pending = (p: Partial<Pending>): Pending => ({ kind: 'put', client: 'c1', requestId: 1, key: 'cart-1', startedTick: 0, asked: [], replied: false, version: null, ...p });
    const asked = (node: string, answered: boolean, home: string | null = null) => ({ node, home, sentTick: 0, answered, replaced: false, versions: [] });
    const state: NodeState = {
      ...base,
      store: { 'cart-1': [version(5, 'n4', 1), version(12, 'n2', 1, { n4: 1, n5: 1 })] },
      hints: [{ home: 'n4', key: 'cart-1', version: version(7, 'n3', 1) }, { home: 'n5', key: 'cart-2', version: version(8, 'n3', 2) }],
      pending: {
        '1': pending({ kind: 'get', key: 'cart-2', asked: [asked('n2', true), asked('n1', false), asked('n3', true, 'n5')] }),
        '2': pending({ version: version(9, 'n2', 2), replied: true, asked: [asked('n2', true)] }),
        '3': pending({}),
      },
    };
    const card = dynamoPlay.nodeView(state);
    expect(card.role).toBe('coordinating');
    expect(Object.fromEntries(card.fields.map((f) => [f.label, f.value]))).toMatchObject({
      'cart-1': '5 (dot n4:1, clock [n4:1]) | 12 (dot n2:1, clock [n4:1 n5:1 n2:1])',
      'cart-2': 'nothing',
      hints: 'cart-1 = 7 for n4; cart-2 = 8 for n5',
      coordinating: 'get cart-2: answered by n2, n3 for n5; put 9 to cart-1: answered by n2, client told; put ? to cart-1: no answer yet',
    });
  });

  it('offers the reader a put of cart-1 that takes a value, and a get that does not, each given up after 50 ticks', () => {
    const [put, get] = dynamoPlay.clientCalls!;
    expect(put).toMatchObject({ id: 'put', label: 'Put to cart-1', takesValue: true });
    expect(put!.call('you', 'n4', 42, 1)).toEqual({ to: 'n4', request: { kind: 'put', key: 'cart-1', context: {}, value: 42 }, op: 'put', args: 42, key: 'cart-1', timeoutTicks: 50 });
    expect(get).toMatchObject({ id: 'get', label: 'Get cart-1', takesValue: false });
    expect(get!.call('you', 'n5', 0, 2)).toEqual({ to: 'n5', request: { kind: 'get', key: 'cart-1' }, op: 'get', args: 'cart-1', key: 'cart-1', timeoutTicks: 50 });
  });
});

describe("the note's diagrams", () => {
  it('draws six named runs, each a sequence diagram of at most 60 drawn steps', () => {
    expect(Object.keys(scenarios)).toEqual(['hinted-handoff', 'no-hinted-handoff', 'stale-read', 'strict-quorum-read', 'siblings', 'op-ids-restart']);
    for (const draw of Object.values(scenarios)) {
      const diagram = draw();
      expect(lines(diagram)[0]).toBe('sequenceDiagram');
      expect(lines(diagram).filter((l) => /->>|-->>|-x|--x/.test(l)).length).toBeLessThanOrEqual(60);
    }
  });

  it('each diagram stops where its story ends: hinted handoff and stale read by their ticks; op-ids-restart without n1', () => {
    const lastTick = (d: string) => Number(/ticks \d+–(\d+)/.exec(d)![1]);
    expect(lastTick(scenarios['hinted-handoff']!())).toBeLessThanOrEqual(80);
    expect(lastTick(scenarios['stale-read']!())).toBeLessThanOrEqual(12);
    expect(lastTick(scenarios['strict-quorum-read']!())).toBeLessThanOrEqual(20);
    expect(lastTick(scenarios['op-ids-restart']!())).toBeLessThanOrEqual(13);
    const declared = lines(scenarios['op-ids-restart']!()).flatMap((l) => /^\s+(?:actor|participant) (\S+)/.exec(l)?.[1] ?? []);
    expect([...declared].sort()).toEqual(['c1', 'c2', 'n2', 'n3', 'n4', 'n5']);
  });

  it('the stale read: R = W = 1 lets c2\'s get miss c1\'s acknowledged put; R = W = 2 does not', () => {
    expect(staleReadIn(writeThenRead(1, 1))).toMatch(/^get\(cart-1\) at ticks \d+-\d+ returned \[\], missing put 7 acknowledged at tick \d+$/);
    expect(staleReadIn(writeThenRead(2, 2))).toBeUndefined();
    expect(scenarios['no-hinted-handoff']!()).not.toEqual(scenarios['hinted-handoff']!());
  });
});
