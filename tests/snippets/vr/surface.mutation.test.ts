/**
 * What the VR folder shows a reader, stated as rules: the demo's text (`npm run snippet -- vr`), its
 * scripted runs and flags, the variants table, the legend and the message fields it explains, the
 * explorer's descriptor, setup, directed phases and history check, the player's scenarios, variants
 * and cards, and the note's diagrams. Written for mutation testing (docs/mutation.md, issue 19):
 * demo.ts, explore.ts, fields.ts, legend.ts, play.ts, variants.ts and scenarios.ts were run mostly by
 * tests outside tests/snippets/vr/. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/vr/demo.ts';
import { explore } from '../../../snippets/vr/explore.ts';
import { vrFields } from '../../../snippets/vr/fields.ts';
import { vrLegend } from '../../../snippets/vr/legend.ts';
import { vrPlay } from '../../../snippets/vr/play.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { scenarios } from '../../../snippets/vr/scenarios.ts';
import { isVrVariant, vrVariants } from '../../../snippets/vr/variants.ts';
import { DEFAULT_CONFIG, type ReplicaState, type VrConfig } from '../../../snippets/vr/types.ts';
import { explore as runExplorer } from '../../../snippets/explore/explorer.ts';
import { resolveBounds } from '../../../snippets/explore/descriptor.ts';
import { legendText } from '../../../snippets/sim/legend.ts';
import { cardOf, frameAtTick, played, returnLines } from '../play/played.ts';
import { firstStepsThenMore } from '../../support/demo-diagram.ts';

const lines = (text: string) => text.split('\n');
const variantNames = [
  'claim-view-at-once', 'new-primary-keeps-own-log', 'recovering-replica-takes-part', 'no-start-view-change-round',
  'recover-on-one-answer', 'recover-from-older-primary', 'new-primary-own-commit-number', 'no-prepare-ok-after-start-view',
];
const safety = variantNames.slice(0, 6);
const descriptions = (keep: (breaks: string) => boolean = () => true) =>
  Object.fromEntries(Object.entries(vrVariants).flatMap(([k, v]) => (keep(v.breaks) ? [[k, v.description]] : [])));

describe('the demo', () => {
  it('a random run names the group, the clients and the seed, the faults and where the legend is, then a blank line', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(lines(out).slice(0, 4)).toEqual([
      'Viewstamped Replication Revisited: 3 replicas (f = 1), 2 clients on keys x and y, seed 1.',
      'Faults until tick 120 (5% loss, 5% duplicates, delays of 1-6 ticks, partitions, crashes that wipe memory), then healed.',
      'Legend: npm run snippet -- vr --legend',
      '',
    ]);
    expect(lines(out)[4]).toBe('     1  c1    invoke     call 1 put(y, 1001, s=1) → r1 #1');
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('a correct random run: invariants and liveness held, the history linearizable, and the views counted in the singular', () => {
    const out = demo.run({ seed: 1, mermaid: false });
    expect(out).toContain('\nRun: invariants held after every step; liveness held after the heal; 2 calls retried after a timeout (21 attempts in all).\n');
    expect(out).toContain('\nChecked: linearizability of the clients\' history as a key-value map, keys x and y independently; 1 new view or recovery (the "note" lines that say so).\n');
    expect(out).toContain('\nVerdict: linearizable — 16 client calls: 15 completed, 0 timed out, 1 still waiting when the run ended (may or may not have taken effect).\n');
    expect(out).not.toContain('Running');
  });

  it('a scripted run says what it shows and with which rules, and that it has no liveness phase; two views in the plural', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'state-transfer' });
    expect(lines(out).slice(0, 5)).toEqual([
      'Viewstamped Replication Revisited: scripted run "state-transfer" on 3 replicas (f = 1), every message delayed one tick unless the script says otherwise.',
      'It shows: r3 hears of view 1 from a Prepare and asks for NewState, which never comes; view 2 then starts from r3\'s log (try --variant claim-view-at-once).',
      'Running the model as the paper has it, with §5.2 state transfer corrected.',
      'Legend: npm run snippet -- vr --legend',
      '',
    ]);
    expect(out).toContain('\nRun: invariants held after every step of the script (a scripted run has no liveness phase).\n');
    expect(out).toContain('; 2 new views or recoveries (the "note" lines that say so).\n');
    expect(out).toContain('\nVerdict: linearizable — 2 client calls: 2 completed, 0 timed out, 0 still waiting when the run ended.\n');
  });

  it.each([
    ['start-view-change-round', 'no-start-view-change-round', 'invariant "committed operations survive every later view change (VRR §4.2)" violated: r2, primary of view 1, has nothing at op-number 1'],
    ['recovery-lost-answer', 'recover-on-one-answer', 'invariant "no two different operations are committed at the same op-number (VRR §8.1)" violated: op-number 1: r2 committed c1#1 (view 1), r1 committed c2#1 (view 0)'],
    ['recovery-late-answer', 'recover-from-older-primary', 'invariant "no two different operations are committed at the same op-number (VRR §8.1)" violated'],
  ])('scripted run %s fails under --variant %s, says which rule is off, and holds without it', (scenario, variant, caught) => {
    const broken = demo.run({ seed: 1, mermaid: false, scenario, variant });
    expect(lines(broken)[2]).toBe(`Running variant ${variant}: ${vrVariants[variant as keyof typeof vrVariants].description}.`);
    expect(broken).toMatch(/\nRun: FAILED in the safety phase at tick \d+: /);
    expect(broken).toContain(caught);
    expect(broken).toContain('\nVerdict: run failed — ');
    expect(broken).not.toContain('a scripted run has no liveness phase');
    const clean = demo.run({ seed: 1, mermaid: false, scenario });
    expect(clean).toContain('\nRun: invariants held after every step of the script (a scripted run has no liveness phase).\n');
    expect(lines(clean)[1]).toBe(`It shows: ${demo.runs![scenario]}.`);
  });

  it('a random run under a variant says so in a third line', () => {
    const out = demo.run({ seed: 1, mermaid: false, variant: 'no-prepare-ok-after-start-view' });
    expect(lines(out).slice(1, 4)).toEqual([
      'Faults until tick 120 (5% loss, 5% duplicates, delays of 1-6 ticks, partitions, crashes that wipe memory), then healed.',
      'Running variant no-prepare-ok-after-start-view: backups send no PrepareOK for the uncommitted entries a StartView gives them (§4.2 step 5).',
      'Legend: npm run snippet -- vr --legend',
    ]);
  });

  it('refuses an unknown variant or scenario by name', () => {
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toThrow('no VR variant named "nope"');
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'toString' })).toThrow('no VR variant named "toString"');
    expect(() => demo.run({ seed: 1, mermaid: false, scenario: 'nope' })).toThrow('no VR scenario named "nope"');
  });

  it('--mermaid draws the first 60 steps of a random run, says how many more there were, and no report', () => {
    const out = demo.run({ seed: 1, mermaid: true });
    expect(firstStepsThenMore(out)).toBe('    Note over c1,r3: 151 more steps not shown');
    expect(out).toContain('%% vr, seed 1, ticks 1–190');
    // A scripted run draws the script.
    expect(demo.run({ seed: 1, mermaid: true, scenario: 'state-transfer' })).toContain('%% vr, seed 1, ticks 1–57');
  });

  it('describes itself, marks each variant unsafe or slower, lists its four scripted runs, and shows the VR legend', () => {
    expect(demo.description).toBe('Viewstamped Replication on 3 replicas under faults and crashes (view changes, recovery); checked for linearizability.');
    expect(demo.variants).toEqual(Object.fromEntries(variantNames.map((name, i) => [name, `${i < 6 ? 'unsafe' : 'slower'}: ${vrVariants[name as keyof typeof vrVariants].description}`])));
    expect(Object.keys(demo.runs!)).toEqual(['state-transfer', 'start-view-change-round', 'recovery-lost-answer', 'recovery-late-answer']);
    expect(demo.runs!['recovery-late-answer']).toBe('r3 restarts; r1, primary of an older view, answers before r2, primary of the latest (try --variant recover-from-older-primary)');
    expect(demo.legend).toBe(vrLegend);
  });
});

describe('the variants table', () => {
  it('has eight variants, each changing exactly one rule of the configuration', () => {
    expect(Object.keys(vrVariants)).toEqual(variantNames);
    expect(Object.fromEntries(Object.entries(vrVariants).map(([k, v]) => [k, v.config]))).toEqual({
      'claim-view-at-once': { stateTransfer: 'claim-view-at-once' },
      'new-primary-keeps-own-log': { logChoice: 'own' },
      'recovering-replica-takes-part': { recoveringTakesPart: true },
      'no-start-view-change-round': { startViewChangeRound: false },
      'recover-on-one-answer': { recoveryQuorum: 'one' },
      'recover-from-older-primary': { recoverFrom: 'any-primary' },
      'new-primary-own-commit-number': { newPrimaryCommit: 'own' },
      'no-prepare-ok-after-start-view': { prepareOkAfterStartView: false },
    });
    // The correct model differs from every variant in that rule.
    for (const v of Object.values(vrVariants)) {
      for (const [rule, value] of Object.entries(v.config)) expect(DEFAULT_CONFIG[rule as keyof VrConfig]).not.toEqual(value);
    }
  });

  it('six lose a committed operation; the commit-number and PrepareOK ones only slow the group down', () => {
    expect(Object.entries(vrVariants).filter(([, v]) => v.breaks === 'safety').map(([k]) => k)).toEqual(safety);
    expect(Object.entries(vrVariants).filter(([, v]) => v.breaks === 'speed').map(([k]) => k)).toEqual(['new-primary-own-commit-number', 'no-prepare-ok-after-start-view']);
  });

  it('each is described in one line that names the rule and the paper\'s section', () => {
    expect(descriptions()).toEqual({
      'claim-view-at-once': 'state transfer as VRR §5.2 words it: a replica that hears of a later view cuts its log to its commit-number and is normal in that view (v\' = it) before NewState arrives',
      'new-primary-keeps-own-log': 'the new primary keeps its own log instead of the one with the largest v\', then n (§4.2 step 3)',
      'recovering-replica-takes-part': 'a restarted replica answers Prepares and view changes before it has recovered (§4.3)',
      'no-start-view-change-round': 'a replica sends DoViewChange as soon as it enters a view change, without waiting for StartViewChange from f others (§4.2 step 2, §8.2)',
      'recover-on-one-answer': 'a recovering replica copies a primary\'s state after one RecoveryResponse instead of f + 1 (§4.3 step 3)',
      'recover-from-older-primary': 'a recovering replica copies the first primary that answers, even one of an older view than another answer reports (§4.3 step 3)',
      'new-primary-own-commit-number': 'the new primary keeps its own commit-number instead of the largest k in the DoViewChanges (§4.2 step 3)',
      'no-prepare-ok-after-start-view': 'backups send no PrepareOK for the uncommitted entries a StartView gives them (§4.2 step 5)',
    });
  });

  it('knows its own names only, not what every object inherits', () => {
    for (const name of variantNames) expect(isVrVariant(name)).toBe(true);
    for (const name of ['nope', '', 'toString', 'hasOwnProperty', 'constructor']) expect(isVrVariant(name)).toBe(false);
  });
});

describe('the legend and the message fields', () => {
  it('names the model and its endpoints: which replica is primary of which view, and the clients', () => {
    const text = legendText(vrLegend);
    expect(lines(text)[0]).toBe('How to read a trace of Viewstamped Replication: each line is  tick  endpoint  event  detail.');
    expect(text).toContain('\n  r1, r2, r3  replicas; the primary of view 0 is r1, of view 1 r2, of view 2 r3, of view 3 r1 again, and so on\n');
    expect(text).toContain('\n  c1, c2      clients, each with one call at a time on keys x and y\n');
  });

  it('its example lines are printed by the model: a PrepareOK, a put with its request-number, a Reply, a note', () => {
    const text = legendText(vrLegend);
    expect(text).toContain('  send       → r2 #7 PrepareOK(v=0, n=3)\n');
    expect(text).toContain('  invoke     call 3 put(x, 1002, s=2) → r1 #1\n');
    expect(text).toContain('  reply      → c1 #9 call 3: Reply(v=0, s=2, result=null)\n');
    expect(text).toContain('  note       primary of view 1, op-number 4\n');
  });

  it('explains each field as the paper names it, in the order the trace prints them', () => {
    const text = legendText(vrLegend);
    const fields = lines(text.slice(text.indexOf('Fields in Viewstamped Replication messages:\n'))).slice(1, 10);
    expect(fields).toEqual([
      '  v=         view-number: which view (primary r1, r2, r3 in turn for views 0, 1, 2, …) the sender is in',
      '  v\'=        in DoViewChange: the last view in which the sender was normal (its log is from that view)',
      '  n=         op-number: the position of the latest entry in the sender\'s log',
      '  k=         commit-number: the position of the latest committed entry (k ≤ n)',
      '  c=         client-id of a request',
      '  s=         request-number: the client\'s count of its own calls; a retry carries the same s',
      '  nonce=     in Recovery: the recovering replica\'s fresh number, echoed so old answers are told apart',
      '  result=    in a Reply: what the call returned: a get\'s value (null if never written); null for a put',
      '  restarts=  on disk: how many times the replica restarted (the source of its nonce)',
    ]);
    expect(vrLegend.fields).toBe(vrFields);
    expect(vrFields.show({ v: 1, n: 3, k: 2 })).toBe('v=1, n=3, k=2');
  });

  it('its notation: a put and a get call with their request-numbers, and the request as a replica receives it', () => {
    const text = legendText(vrLegend);
    const notation = lines(text.slice(text.indexOf('Other notation in Viewstamped Replication lines:\n'))).slice(1, 4);
    expect(notation).toEqual([
      '  put(x, 1002, s=2)      a client call: write 1002 to key x; the client\'s request-number is 2',
      '  get(x, s=3)            a client call: read key x',
      '  put(x,1002) c=c1, s=2  the same request as a replica receives it, with who sent it',
    ]);
  });

  it('says what the run checks', () => {
    expect(vrLegend.name).toBe('Viewstamped Replication');
    expect(legendText(vrLegend)).toContain(
      '\n  checks            the invariants after every step (no two operations committed at one op-number, committed operations survive every view change, no request runs twice), progress after the heal, and the linearizability of the clients\' history as a key-value map (keys x and y checked independently).\n',
    );
  });
});

describe("the explorer's descriptor, setup, phases and history check", () => {
  const node = (id: string, change: Partial<ReplicaState>, up = true, restarts = 0) => ({ id, up, state: { ...replica.init(id, ['r1', 'r2', 'r3'].filter((r) => r !== id), DEFAULT_CONFIG), ...change }, durable: { restarts } });
  const view = (...nodes: unknown[]) => ({ nodes, history: [] }) as never;

  it('describes the shape, lists the six unsafe variants to search and the two slower ones apart, with bounds that reach each bug', () => {
    expect(explore.description).toBe('VR: c1 puts x, then c2 gets x (and c3 puts y, …), each once, to the primary of view 0; backups start view changes when their timers fire.');
    expect(explore.variants).toEqual(descriptions((b) => b === 'safety'));
    expect(explore.livenessOnly).toEqual(descriptions((b) => b === 'speed'));
    expect(explore.defaults).toEqual({ nodes: 3, requests: 2, depth: 14, crashes: 0, losses: 0, timers: 2 });
    expect(explore.variantDefaults).toEqual({
      'new-primary-keeps-own-log': { requests: 1, depth: 10, crashes: 0, timers: 2 },
      'no-start-view-change-round': { requests: 1, depth: 16, crashes: 1, timers: 2 },
      'recovering-replica-takes-part': { requests: 1, depth: 10, crashes: 1, timers: 1 },
      'claim-view-at-once': { requests: 1, depth: 16, crashes: 1, timers: 3 },
      'recover-on-one-answer': { requests: 2, depth: 17, crashes: 1, timers: 1 },
      'recover-from-older-primary': { requests: 2, depth: 19, crashes: 1, timers: 1 },
    });
  });

  it('by default each client sends one request to r1, the primary of view 0: put x, get x, put y, get y, then put x again', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 5, variant: undefined });
    expect(setup.nodes).toEqual(['r1', 'r2', 'r3']);
    expect(setup.config).toEqual(DEFAULT_CONFIG);
    expect(setup.phases).toBeUndefined();
    const calls = setup.clients.map((c) => [c.id, c.workload({ index: 0 } as never), c.workload({ index: 1 } as never)]);
    expect(calls).toEqual([
      ['c1', { to: 'r1', request: { client: 'c1', requestNumber: 1, op: { f: 'put', key: 'x', value: 1 } }, op: 'put', args: ['x', 1, 's=1'], key: 'x' }, undefined],
      ['c2', { to: 'r1', request: { client: 'c2', requestNumber: 1, op: { f: 'get', key: 'x' } }, op: 'get', args: ['x', 's=1'], key: 'x' }, undefined],
      ['c3', { to: 'r1', request: { client: 'c3', requestNumber: 1, op: { f: 'put', key: 'y', value: 3 } }, op: 'put', args: ['y', 3, 's=1'], key: 'y' }, undefined],
      ['c4', { to: 'r1', request: { client: 'c4', requestNumber: 1, op: { f: 'get', key: 'y' } }, op: 'get', args: ['y', 's=1'], key: 'y' }, undefined],
      ['c5', { to: 'r1', request: { client: 'c5', requestNumber: 1, op: { f: 'put', key: 'x', value: 5 } }, op: 'put', args: ['x', 5, 's=1'], key: 'x' }, undefined],
    ]);
    expect(explore.setup({ nodes: 5, requests: 1, variant: undefined }).setup.nodes).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('each variant runs with its own rule changed; a name that is not one runs the correct model', () => {
    for (const name of variantNames) {
      expect(explore.setup({ nodes: 3, requests: 1, variant: name }).setup.config).toEqual({ ...DEFAULT_CONFIG, ...vrVariants[name as keyof typeof vrVariants].config });
    }
    expect(explore.setup({ nodes: 3, requests: 1, variant: 'nope' }).setup.config).toEqual(DEFAULT_CONFIG);
    expect(explore.setup({ nodes: 3, requests: 1, variant: 'nope' }).setup.phases).toBeUndefined();
  });

  it('the recovery variants: c1 puts x = 1 at r2 (primary of view 1), c2 puts x = 2 at r1, the old primary', () => {
    for (const name of ['recover-on-one-answer', 'recover-from-older-primary']) {
      const { setup } = explore.setup({ nodes: 3, requests: 3, variant: name });
      const calls = setup.clients.map((c) => c.workload({ index: 0 } as never) as { to: string; request: { op: unknown } });
      expect(calls.map((c) => [c.to, c.request.op])).toEqual([
        ['r2', { f: 'put', key: 'x', value: 1 }],
        ['r1', { f: 'put', key: 'x', value: 2 }],
        // A third client falls back to the default requests.
        ['r1', { f: 'put', key: 'y', value: 3 }],
      ]);
    }
    // The correct model in that shape: the same requests and phases, the correct rules.
    const shaped = explore.setup({ nodes: 3, requests: 2, variant: undefined, shape: 'recover-on-one-answer' }).setup;
    expect(shaped.config).toEqual(DEFAULT_CONFIG);
    expect((shaped.clients[0]!.workload({ index: 0 } as never) as { to: string }).to).toBe('r2');
    expect(shaped.phases!.map((p) => p.goal)).toEqual([
      'r2 is the primary of view 1 and r1 still the normal primary of view 0',
      'r2 has committed op 1 in view 1, r1 still in view 0',
    ]);
  });

  it('which variants walk a directed prefix, and to what goals', () => {
    const goals = (name: string) => explore.setup({ nodes: 3, requests: 1, variant: name }).setup.phases?.map((p) => p.goal);
    expect(goals('no-start-view-change-round')).toEqual(['r3 has started a view change to view 1', 'r3 has restarted and recovered into view 0']);
    expect(goals('claim-view-at-once')).toEqual(['r1, primary of view 0, has committed op 1', 'r2 is the primary of view 1']);
    expect(goals('recover-from-older-primary')).toEqual(goals('recover-on-one-answer'));
    for (const name of ['new-primary-keeps-own-log', 'recovering-replica-takes-part', 'new-primary-own-commit-number']) expect(goals(name)).toBeUndefined();
  });

  it('the recovery prefix is reached when r2 leads view 1 and then commits there, while r1 is still the normal primary of view 0', () => {
    const [led, committed] = explore.setup({ nodes: 3, requests: 2, variant: 'recover-on-one-answer' }).setup.phases!;
    const r1 = node('r1', { view: 0, status: 'normal' });
    const r2 = (change: Partial<ReplicaState>) => node('r2', { view: 1, status: 'normal', ...change });
    expect(led!.reached(view(r1, r2({})))).toBe(true);
    expect(led!.reached(view(r1, r2({ status: 'view-change' })))).toBe(false);
    expect(led!.reached(view(r1, r2({ view: 2 })))).toBe(false);
    expect(led!.reached(view(node('r1', { view: 1, status: 'normal' }), r2({})))).toBe(false);
    expect(led!.reached(view(node('r1', { view: 0, status: 'view-change' }), r2({})))).toBe(false);
    expect(led!.reached(view(node('r1', { view: 0, status: 'normal' }, false), r2({})))).toBe(false);
    expect(led!.reached(view(r1, node('r2', { view: 1, status: 'normal' }, false)))).toBe(false);
    expect(committed!.reached(view(r1, r2({ commitNumber: 1 })))).toBe(true);
    expect(committed!.reached(view(r1, r2({ commitNumber: 0 })))).toBe(false);
    expect(committed!.reached(view(r1, r2({ commitNumber: 1, view: 2 })))).toBe(false);
    expect(committed!.reached(view(node('r1', { view: 1, status: 'normal' }), r2({ commitNumber: 1 })))).toBe(false);
  });

  it('the §8.2 prefix: r3 starts a view change to view 1, then restarts and recovers into view 0', () => {
    const [started, recovered] = explore.setup({ nodes: 3, requests: 1, variant: 'no-start-view-change-round' }).setup.phases!;
    expect(started!.reached(view(node('r3', { view: 1, status: 'view-change' })))).toBe(true);
    expect(started!.reached(view(node('r3', { view: 1, status: 'normal' })))).toBe(false);
    expect(started!.reached(view(node('r3', { view: 2, status: 'view-change' })))).toBe(false);
    expect(started!.reached(view(node('r3', { view: 1, status: 'view-change' }, false)))).toBe(false);
    expect(recovered!.reached(view(node('r3', { view: 0, status: 'normal' }, true, 1)))).toBe(true);
    expect(recovered!.reached(view(node('r3', { view: 0, status: 'normal' }, true, 0)))).toBe(false);
    expect(recovered!.reached(view(node('r3', { view: 0, status: 'recovering' }, true, 1)))).toBe(false);
    expect(recovered!.reached(view(node('r3', { view: 1, status: 'normal' }, true, 1)))).toBe(false);
    expect(recovered!.reached(view(node('r3', { view: 0, status: 'normal' }, false, 1)))).toBe(false);
  });

  it('the §5.2 prefix: r1 has committed op 1, then r2 leads view 1', () => {
    const [committed, led] = explore.setup({ nodes: 3, requests: 1, variant: 'claim-view-at-once' }).setup.phases!;
    expect(committed!.reached(view(node('r1', { commitNumber: 1 })))).toBe(true);
    expect(committed!.reached(view(node('r1', { commitNumber: 2 })))).toBe(true);
    expect(committed!.reached(view(node('r1', { commitNumber: 0 })))).toBe(false);
    expect(committed!.reached(view(node('r1', { commitNumber: 1 }, false)))).toBe(false);
    expect(led!.reached(view(node('r2', { view: 1, status: 'normal' })))).toBe(true);
  });

  it('checks the VR invariants in every state and the clients\' history as a key-value map, printing a counterexample', () => {
    const { setup } = explore.setup({ nodes: 3, requests: 2, variant: undefined });
    expect(Object.keys(setup.invariants!())).toEqual(expect.arrayContaining(['committed operations survive every later view change (VRR §4.2)', 'no two different operations are committed at the same op-number (VRR §8.1)']));
    const put = { id: 1, client: 'c1', op: 'put', args: ['x', 1, 's=1'], key: 'x', invokeTick: 1, invokeOrder: 1, returnTick: 3, returnOrder: 3, result: { view: 0, requestNumber: 1, result: null } };
    const get = (result: number | null) => ({ id: 2, client: 'c2', op: 'get', args: ['x', 's=1'], key: 'x', invokeTick: 4, invokeOrder: 4, returnTick: 6, returnOrder: 6, result: { view: 1, requestNumber: 1, result } });
    expect(setup.historyCheck!([put, get(1)] as never)).toBeUndefined();
    expect(setup.historyCheck!([put, get(null)] as never)).toMatch(/^not linearizable:\nCounterexample \(key "x"\):\n[^]*Cannot place: get\("x"\) → null {2}client c2/);
  });

  it('the explorer finds new-primary-keeps-own-log at depth 8 (one put, two timers): a committed put missing from the new primary\'s log', () => {
    const { size, bounds } = resolveBounds(explore, 'new-primary-keeps-own-log', { depth: 8 });
    const result = runExplorer(explore.setup(size).setup, bounds);
    expect(result.violation?.message).toBe('invariant "committed operations survive every later view change (VRR §4.2)" violated: r2, primary of view 1, has nothing at op-number 1, where c1#1 was committed (seen in view 0 at r1)');
  }, 60_000);

  it('the correct model, one put and one timer to depth 8, and in the same shape with the log-choice rule: no violation', () => {
    const small = resolveBounds(explore, undefined, { requests: 1, depth: 8, timers: 1 });
    const result = runExplorer(explore.setup(small.size).setup, small.bounds);
    expect(result.violation).toBeUndefined();
    expect(result.distinctStates).toBeGreaterThan(1000);
    const shaped = resolveBounds(explore, 'new-primary-keeps-own-log', { depth: 8 });
    const correct = runExplorer(explore.setup({ ...shaped.size, variant: undefined, shape: 'new-primary-keeps-own-log' }).setup, { ...shaped.bounds, maxStates: 20_000 });
    expect(correct.violation).toBeUndefined();
  }, 60_000);
});

describe('the player', () => {

  it('offers six scenarios on r1..r3, each with its label and length, the scripted ones one tick a message', () => {
    expect(vrPlay).toMatchObject({ name: 'vr', title: 'Viewstamped Replication', maxTicks: 400 });
    expect(vrPlay.scenarios.map((s) => [s.id, s.label, s.ticks, s.seed])).toEqual([
      ['normal-case', 'Normal case', 9, 1],
      ['view-change', 'View change', 45, 1],
      ['recovery', 'Recovery', 16, 1],
      ['any-log', 'Whose log the new primary takes', 36, 1],
      ['recovering', 'A recovering replica stays silent', 46, 1],
      ['faulty', 'Random faults', 120, 1],
    ]);
    for (const s of vrPlay.scenarios) {
      expect(s.nodes).toEqual(['r1', 'r2', 'r3']);
      expect(s.config).toEqual(DEFAULT_CONFIG);
      expect(s.description.length).toBeGreaterThan(80);
    }
    for (const s of vrPlay.scenarios.slice(0, 5)) expect(s.network).toEqual({ delayTicksMin: 1, delayTicksMax: 1 });
    expect(vrPlay.scenarios[0]!.setup).toBeUndefined();
    expect(vrPlay.scenarios[1]!.setup).toEqual(expect.any(Function));
  });

  it.each([
    ['normal-case', ['5 c1 Reply(v=0, s=1, result=null)']],
    ['view-change', ['31 c1 Reply(v=1, s=1, result=null)', '44 c2 Reply(v=1, s=1, result=1)']],
    ['recovery', ['5 c1 Reply(v=0, s=1, result=null)']],
    ['any-log', ['5 c1 Reply(v=0, s=1, result=null)', '36 c2 Reply(v=1, s=1, result=1)']],
    ['recovering', ['5 c1 Reply(v=0, s=1, result=null)']],
  ])('%s: the correct model answers the clients as the description says, and no check fails', (scenario, answers) => {
    const { run, last } = played(vrPlay, scenario, undefined);
    expect(returnLines(run.trace)).toEqual(answers);
    expect(last.failure).toBeUndefined();
  });

  it('the random scenario: two clients with the demo\'s faults, each thinking up to 4 ticks; no failure', () => {
    const faulty = vrPlay.scenarios.find((s) => s.id === 'faulty')!;
    expect(faulty.setup).toBeUndefined();
    expect(faulty.network).toMatchObject({ lossProbability: 0.05, duplicateProbability: 0.05 });
    expect(faulty.faults).toEqual(expect.any(Object));
    expect(faulty.clients().map((c) => [c.id, c.thinkTicksMax])).toEqual([['c1', 4], ['c2', 4]]);
    const { run, last } = played(vrPlay, 'faulty', undefined);
    expect(last.failure).toBeUndefined();
    expect(returnLines(run.trace).slice(0, 2)).toEqual(['12 c1 Reply(v=0, s=1, result=null)', '14 c2 Reply(v=0, s=1, result=null)']);
  });

  it('its two broken variants each fail their own scenario on the same invariant, changing only their own rule', () => {
    expect(vrPlay.variants.map((v) => [v.id, v.label, v.failing])).toEqual([
      ['new-primary-keeps-own-log', 'New primary keeps its own log (no §4.2 log choice)', { scenario: 'any-log', seed: 1 }],
      ['recovering-replica-takes-part', 'A recovering replica takes part (no §4.3 silence)', { scenario: 'recovering', seed: 1 }],
    ]);
    for (const v of vrPlay.variants) {
      expect(played(vrPlay, v.failing!.scenario, v.id).last.failure?.message).toBe(
        'invariant "committed operations survive every later view change (VRR §4.2)" violated: r2, primary of view 1, has nothing at op-number 1, where c1#1 was committed (seen in view 0 at r1)',
      );
      const base: VrConfig = { ...DEFAULT_CONFIG, heartbeat: 10 };
      expect(v.config!(base)).toEqual({ ...base, ...vrVariants[v.id as keyof typeof vrVariants].config });
    }
  });

  it('checks the clients\' history for linearizability, and the VR invariants', () => {
    expect(vrPlay.checkHistory).toEqual(expect.any(Function));
    expect(Object.keys(vrPlay.invariants!())).toContain('no two different operations are committed at the same op-number (VRR §8.1)');
  });

  it('a replica\'s card: its role (primary, backup, or its status), view, status, op-number, commit-number and log', () => {
    expect(cardOf(vrPlay, frameAtTick(vrPlay, 'normal-case', 0), 'r2')).toEqual({ role: 'backup', fields: { view: '0', status: 'normal', 'op-number': '0', 'commit-number': '0', log: 'empty' } });
    expect(cardOf(vrPlay, frameAtTick(vrPlay, 'normal-case', 0), 'r1').role).toBe('primary');
    expect(cardOf(vrPlay, frameAtTick(vrPlay, 'view-change', 10), 'r2')).toEqual({ role: 'view-change', fields: { view: '1', status: 'view-change', 'op-number': '1', 'commit-number': '0', log: '1:put(x, 1)' } });
    expect(cardOf(vrPlay, frameAtTick(vrPlay, 'recovery', 10), 'r3').role).toBe('recovering');
    const r1 = frameAtTick(vrPlay, 'normal-case', 0).view.nodes[0]!.state!;
    const entry = (op: { f: 'put'; key: string; value: number } | { f: 'get'; key: string }) => ({ ...op, client: 'c1', requestNumber: 1 });
    const log = [{ op: entry({ f: 'put', key: 'x', value: 1 }), client: 'c1', requestNumber: 1 }, { op: entry({ f: 'get', key: 'y' }), client: 'c2', requestNumber: 1 }];
    const card = vrPlay.nodeView({ ...r1, log, commitNumber: 1 } as never);
    expect(Object.fromEntries(card.fields.map((f) => [f.label, f.value]))).toMatchObject({ 'op-number': '2', 'commit-number': '1', log: '1:put(x, 1) 2:get(y)' });
  });

  it('offers the reader a write of x that takes a value and a read of x that does not, each given up after 40 ticks', () => {
    const [put, get] = vrPlay.clientCalls!;
    expect(put).toMatchObject({ id: 'put', label: 'Write x', takesValue: true });
    expect(put!.call('you', 'r1', 42, 3)).toEqual({ to: 'r1', request: { client: 'you', requestNumber: 3, op: { f: 'put', key: 'x', value: 42 } }, op: 'put', args: ['x', 42, 's=3'], key: 'x', timeoutTicks: 40 });
    expect(get).toMatchObject({ id: 'get', label: 'Read x', takesValue: false });
    expect(get!.call('you', 'r2', 0, 4)).toEqual({ to: 'r2', request: { client: 'you', requestNumber: 4, op: { f: 'get', key: 'x' } }, op: 'get', args: ['x', 's=4'], key: 'x', timeoutTicks: 40 });
  });
});

describe("the note's diagrams", () => {
  it('draws seven named runs, each a sequence diagram, within its line budget', () => {
    expect(Object.keys(scenarios)).toEqual(['normal-case', 'view-change', 'recovery', 'broken-any-log', 'broken-recovering-takes-part', 'broken-state-transfer', 'state-transfer-fixed']);
    const budget: Record<string, number> = { 'view-change': 40, 'broken-any-log': 40, 'broken-recovering-takes-part': 50, 'broken-state-transfer': 60, 'state-transfer-fixed': 40 };
    for (const [name, draw] of Object.entries(scenarios)) {
      const diagram = draw();
      expect(lines(diagram)[0]).toBe('sequenceDiagram');
      if (budget[name]) expect(lines(diagram).filter((l) => /->>|-->>|-x|--x/.test(l)).length).toBeLessThanOrEqual(budget[name]);
    }
  });

  it('each broken diagram ends in its failure; the fixed state transfer starts at tick 37', () => {
    for (const name of ['broken-any-log', 'broken-recovering-takes-part', 'broken-state-transfer']) expect(scenarios[name]!()).toMatch(/violated/);
    for (const name of ['normal-case', 'view-change', 'recovery', 'state-transfer-fixed']) expect(scenarios[name]!()).not.toMatch(/violated/);
    expect(scenarios['state-transfer-fixed']!()).toContain('%% vr, seed 1, ticks 37–57');
    expect(scenarios['normal-case']!()).toContain('%% vr, seed 1, ticks 1–7');
  });
});
