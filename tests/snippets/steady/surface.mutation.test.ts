/**
 * What the steady-state folder shows a reader, stated as rules: the demo's text (`npm run snippet --
 * steady`), the note's diagrams, the player's cards and calls, and the explorer's setup. Written for
 * mutation testing (docs/mutation.md): these were covered only by the CLI, site and explorer tests
 * outside tests/snippets/steady/. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/steady/demo.ts';
import { explore } from '../../../snippets/steady/explore.ts';
import { steadyPlay } from '../../../snippets/steady/play.ts';
import { scenarios } from '../../../snippets/steady/scenarios.ts';
import { steadyConfig } from '../../../snippets/steady/run-steady.ts';
import { isSteadyVariant, steadyVariants } from '../../../snippets/steady/variants.ts';
import { steady, type SteadyState } from '../../../snippets/steady/model.ts';
import type { Configuration, SteadyConfig } from '../../../snippets/steady/types.ts';

const lines = (text: string) => text.split('\n');
const CHECKED = 'Checked: the invariants after every step: no acknowledged append is lost; no replica takes an entry past the tail it gave a reconfiguration; no acknowledgement past the next epoch\'s start; one winner per epoch.';

describe('the demo', () => {
  it('a scripted run names itself and what it shows, and says it has no liveness phase', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'reconfigure' });
    expect(lines(out).slice(0, 3)).toEqual([
      'Write-all log, f = 1: scripted run "reconfigure", every message delayed one tick.',
      'It shows: backup r2 crashes; k1 seals epoch 1, prepares the spare r3, installs epoch 2 and the stuck append completes.',
      'Legend: npm run snippet -- steady --legend',
    ]);
    expect(out).toContain('\nRun: invariants held after every step of the script (a scripted run has no liveness phase).\n');
    expect(out).toContain(`\n${CHECKED}\n`);
    expect(out).toContain('\nConfiguration at the end: e2 [r1 r3] from 2; 1 reconfiguration(s) installed.\n');
    expect(out).toContain('Verdict: no acknowledged append lost');
    expect(out.endsWith('\n')).toBe(true);
  });

  it.each([
    ['stale-primary', 'reconfigure-without-seal', /a sealed, stale primary appends nothing/],
    ['ack-early', 'ack-before-all-replicas', /no acknowledged append is lost/],
  ])('scenario %s fails under --variant %s, names the variant, and holds without it', (scenario, variant, caught) => {
    const broken = demo.run({ seed: 1, mermaid: false, scenario, variant });
    expect(lines(broken)[2]).toBe(`Broken variant ${variant}: ${steadyVariants[variant as keyof typeof steadyVariants].description}.`);
    expect(broken).toMatch(/\nRun: FAILED/);
    expect(broken).toMatch(caught);
    const clean = demo.run({ seed: 1, mermaid: false, scenario });
    expect(clean).toContain('Run: invariants held after every step of the script');
    expect(clean).not.toContain('Broken variant');
  });

  it.each([
    ['steady-state', 'e1 [r1 r2] from 0; 0 reconfiguration(s)'],
    ['racing-reconfigurations', '1 reconfiguration(s) installed'],
  ])('scenario %s runs its own script: %s', (scenario, end) => {
    const out = demo.run({ seed: 1, mermaid: false, scenario });
    expect(out).toContain(`It shows: ${demo.runs![scenario]}.`);
    expect(out).toContain(end);
  });

  it('a random run names its seed and faults, and the variant it runs changes the run', () => {
    const random = demo.run({ seed: 3, mermaid: false });
    expect(lines(random).slice(0, 3)).toEqual([
      'Write-all log, f = 1: epoch 1 = [r1 r2], spare r3, store cfg, controllers k1 k2; seed 3.',
      'Faults until tick 120 (5% loss, 5% duplicates, delays of 1-5 ticks, crashes, partitions), then healed.',
      'Legend: npm run snippet -- steady --legend',
    ]);
    expect(random).toContain('Run: invariants held after every step; liveness held after the heal');
    expect(random).toMatch(/\nConfiguration at the end: e\d+ \[r\d r\d\] from \d+; \d+ reconfiguration\(s\) installed\.\n/);
    const trace = (o: string) => o.slice(o.indexOf('\n\n'), o.indexOf('\nRun: '));
    const early = demo.run({ seed: 3, mermaid: false, variant: 'ack-before-all-replicas' });
    expect(lines(early)[2]).toMatch(/^Broken variant ack-before-all-replicas: /);
    expect(trace(early)).not.toEqual(trace(random));
  });

  it('--scenario costs prints the cost table; --mermaid a sequence diagram', () => {
    const costs = demo.run({ seed: 1, mermaid: false, scenario: 'costs' });
    expect(lines(costs)[0]).toMatch(/^Simulated costs: 20 appends/);
    expect(costs).toContain('| write-all, f + 1 replicas | 1 | 2 + store | none |');
    expect(costs.endsWith('|\n')).toBe(true);
    const diagram = demo.run({ seed: 1, mermaid: true, scenario: 'steady-state' });
    expect(lines(diagram)[0]).toBe('sequenceDiagram');
    expect(diagram).toContain('c1->>r1: append 1');
    expect(diagram).not.toContain('Legend:');
    expect(diagram.endsWith('\n')).toBe(true);
  });

  it('refuses an unknown variant or scenario by name, and lists what it offers', () => {
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toThrow('no steady variant named "nope"');
    expect(() => demo.run({ seed: 1, mermaid: false, scenario: 'nope' })).toThrow('no steady scenario named "nope"');
    expect(demo.variants).toEqual(Object.fromEntries(Object.entries(steadyVariants).map(([k, v]) => [k, v.description])));
    expect(Object.keys(demo.runs!)).toEqual(['steady-state', 'reconfigure', 'stale-primary', 'ack-early', 'racing-reconfigurations', 'costs']);
    expect(demo.runs!.costs).toMatch(/^replicas, messages and virtual-time latency per append/);
  });

  it('knows its variants by name only', () => {
    expect(isSteadyVariant('reconfigure-without-seal')).toBe(true);
    expect(isSteadyVariant(undefined)).toBe(false);
    expect(isSteadyVariant('hasOwnProperty')).toBe(false);
  });
});

describe('the note\'s diagrams', () => {
  it.each([
    ['steady-state', 1, ['c1', 'c2', 'r1', 'r2']],
    ['reconfigure', 6, ['c1', 'admin', 'cfg', 'k1', 'r1', 'r2', 'r3']],
    ['stale-primary', 8, ['admin', 'c2', 'cfg', 'k1', 'r1', 'r2', 'r3']],
    ['no-seal', 8, ['admin', 'c2', 'cfg', 'k1', 'r1', 'r2', 'r3']],
    ['ack-before-all-replicas', 1, ['c1', 'admin', 'cfg', 'k1', 'r1', 'r2', 'r3']],
    ['racing-reconfigurations', 8, ['admin1', 'admin2', 'c2', 'cfg', 'k1', 'k2', 'r1', 'r2', 'r3']],
  ] as const)('%s: from tick %i, with its lanes in order', (name, from, participants) => {
    const diagram = scenarios[name]!();
    expect(lines(diagram)[0]).toBe('sequenceDiagram');
    const first = Number(/%% steady, seed 1, ticks (\d+)–\d+/.exec(diagram)![1]);
    expect(first).toBeGreaterThanOrEqual(from);
    expect(first).toBeLessThan(from + 3);
    const declared = lines(diagram).flatMap((l) => /^\s+(?:actor|participant) (\S+)/.exec(l)?.[1] ?? []);
    expect(declared).toEqual(participants);
  });

  it('each broken variant\'s diagram shows what the rule prevents; the correct ones do not', () => {
    // Without the seal, the stale primary's append 2 is acknowledged (the run goes on past the first broken rule).
    expect(scenarios['no-seal']!()).toMatch(/r1-->>c2: at 1/);
    expect(scenarios['stale-primary']!()).not.toMatch(/r1-->>c2: at 1/);
    expect(scenarios['ack-before-all-replicas']!()).toMatch(/r1-->>c1: at 0/);
    expect(scenarios['racing-reconfigurations']!()).toMatch(/lost|LOST|not installed|refused/i);
  });
});

describe('the player', () => {
  const config = steadyConfig(1);
  const card = (s: SteadyState) => {
    const c = steadyPlay.nodeView(s);
    return { role: c.role, ...Object.fromEntries(c.fields.map((f) => [f.label, f.value])) } as Record<string, string>;
  };
  const e1: Configuration = config.initial;

  it('the store shows its configuration; a controller what it is doing', () => {
    expect(card(steady.init('cfg', [], config))).toEqual({ role: 'configuration store', current: 'e1 [r1 r2] from 0' });
    const k1 = steady.init('k1', [], config);
    expect(card(k1)).toEqual({ role: 'controller', doing: 'nothing' });
    if (k1.role !== 'controller') throw new Error('k1 is a controller');
    const op = { tag: 'k1.1.1', client: 'admin', requestId: 1, remove: 'r2', phase: { kind: 'seal' as const, base: e1 }, sinceSent: 0, age: 0 };
    expect(card({ ...k1, op }).doing).toBe('reconfigure without r2 for admin: seal');
    expect(card({ ...k1, op: { ...op, remove: undefined, phase: { kind: 'read' as const } } }).doing).toBe('reconfigure for admin: read');
  });

  it('a replica\'s role, epoch, seal and log; a primary also what it has acknowledged', () => {
    const r3 = steady.init('r3', [], config);
    expect(card(r3)).toEqual({ role: 'spare', epoch: 'none', log: '[]' });
    const r1 = steady.init('r1', [], config);
    if (r1.role !== 'replica') throw new Error('r1 is a replica');
    expect(card({ ...r1, lead: { matched: {}, committed: 2, waiting: [], sinceSent: 0 }, log: [1, 2] })).toEqual({ role: 'primary of e1', epoch: 'e1', log: '[1,2]', 'acknowledged below': '2' });
    expect(card({ ...r1, lead: undefined, active: false, sealed: false }).role).toBe('primary of e1, not yet active');
    expect(card({ ...r1, lead: undefined, active: true, sealed: false }).role).toBe('replica of e1');
    expect(card({ ...r1, lead: undefined, active: false, sealed: true })).toMatchObject({ role: 'replica of e1', epoch: 'e1, sealed' });
    const r2 = steady.init('r2', [], config);
    expect(card(r2)).toMatchObject({ role: 'replica of e1', epoch: 'e1' });
  });

  it('offers an append that takes a value, with a timeout; variants change only their own rule', () => {
    const [append] = steadyPlay.clientCalls!;
    expect(append).toMatchObject({ id: 'append', takesValue: true });
    expect(append!.call('c1', 'r2', 5, 1)).toEqual({ to: 'r2', request: { kind: 'append', value: 5 }, op: 'append', args: 5, timeoutTicks: 40 });
    for (const v of steadyPlay.variants) {
      expect(v.config(config)).toEqual({ ...config, ...steadyVariants[v.id as keyof typeof steadyVariants].config });
    }
    const faulty = steadyPlay.scenarios.find((s) => s.id === 'faulty')!;
    expect(faulty.setup).toBeUndefined();
    expect(faulty).toMatchObject({ seed: 1, ticks: 120, faults: expect.any(Object) });
  });
});

describe('the explorer\'s setup', () => {
  it('an admin reconfigures without r1 through k1 alone; the other clients append 1, 2, … through r1, once each', () => {
    const { setup } = explore.setup({ nodes: 5, requests: 3, variant: undefined });
    expect(setup.nodes).toEqual(['cfg', 'k1', 'r1', 'r2', 'r3']);
    expect((setup.config as SteadyConfig).controllers).toEqual(['k1']);
    expect(setup.config).toMatchObject({ waitForAll: true, seal: true });
    expect(setup.maxDown).toBe(1);
    expect(setup.clients.map((c) => c.id)).toEqual(['admin', 'c1', 'c2']);
    const calls = setup.clients.map((c) => [0, 1].map((index) => c.workload({ index } as never)));
    expect(calls).toEqual([
      [{ to: 'k1', request: { kind: 'reconfigure', remove: 'r1' }, op: 'reconfigure', args: 'r1' }, undefined],
      [{ to: 'r1', request: { kind: 'append', value: 1 }, op: 'append', args: 1 }, undefined],
      [{ to: 'r1', request: { kind: 'append', value: 2 }, op: 'append', args: 2 }, undefined],
    ]);
  });

  it('a variant switches off its rule; an unknown one changes nothing; the bounds are listed', () => {
    expect(explore.setup({ nodes: 5, requests: 1, variant: 'ack-before-all-replicas' }).setup.config).toMatchObject({ waitForAll: false, seal: true });
    expect(explore.setup({ nodes: 5, requests: 1, variant: 'reconfigure-without-seal' }).setup.config).toMatchObject({ waitForAll: true, seal: false });
    expect(explore.setup({ nodes: 5, requests: 1, variant: 'nope' }).setup.config).toMatchObject({ waitForAll: true, seal: true });
    expect(explore.defaults).toEqual({ nodes: 5, requests: 2, depth: 20, crashes: 0, losses: 0, timers: 0 });
    expect(explore.variantDefaults).toEqual({ 'ack-before-all-replicas': { requests: 2, crashes: 1 } });
    expect(explore.variants).toEqual(Object.fromEntries(Object.entries(steadyVariants).map(([k, v]) => [k, v.description])));
    expect(explore.description).toMatch(/^The write-all log, f = 1/);
  });
});

describe('the trace\'s labels, and what each node becomes', () => {
  const e2: Configuration = { epoch: 2, primary: 'r1', replicas: ['r1', 'r3'], start: 1, writer: 'k1.0.1' };

  it('names every message with its epoch and contents', () => {
    const labels = ([
      { kind: 'replicate', epoch: 1, writer: 'init', from: 2, entries: [7, 8] },
      { kind: 'replicated', epoch: 1, length: 3 },
      { kind: 'refused', epoch: 1, sealed: true },
      { kind: 'refused', epoch: 2, sealed: false },
      { kind: 'seal', epoch: 1, op: 't' },
      { kind: 'read-tail', epoch: 1, op: 't' },
      { kind: 'sealed', epoch: 1, op: 't', log: [1, 2] },
      { kind: 'tail', epoch: 1, op: 't', log: [] },
      { kind: 'prepare', configuration: e2, log: [1] },
      { kind: 'prepared', epoch: 2, op: 't' },
      { kind: 'prepare-refused', epoch: 2, op: 't', at: 3 },
      { kind: 'activate', epoch: 2, op: 't' },
      { kind: 'activated', epoch: 2, op: 't', ok: true },
      { kind: 'activated', epoch: 2, op: 't', ok: false },
      { kind: 'read-config', op: 't' },
      { kind: 'cas', op: 't', expected: 1, next: e2 },
      { kind: 'config', op: 't', configuration: e2 },
      { kind: 'config', op: 't', configuration: e2, won: true },
      { kind: 'config', op: 't', configuration: e2, won: false },
    ] as const).map((m) => steady.describeMessage!(m));
    expect(labels).toEqual([
      'replicate e1 2: [7,8]', 'have e1 3', 'refused, sealed e1', 'refused, in e2', 'seal e1', 'read tail e1', 'sealed e1, log [1,2]', 'tail e1, log []',
      'prepare e2 [r1 r3] from 1, log [1]', 'prepared e2', 'refused e2, at e3', 'activate e2', 'active e2', 'not activated e2', 'read config',
      'CAS e1 → e2 [r1 r3] from 1', 'config e2 [r1 r3] from 1', 'won, config e2 [r1 r3] from 1', 'lost, config e2 [r1 r3] from 1',
    ]);
  });

  it('requests, responses and disks', () => {
    expect(steady.describeRequest!({ kind: 'append', value: 3 })).toBe('append 3');
    expect(steady.describeRequest!({ kind: 'reconfigure', remove: 'r2' })).toBe('reconfigure without r2');
    expect(steady.describeRequest!({ kind: 'reconfigure', remove: undefined })).toBe('reconfigure');
    expect([
      { kind: 'appended', pos: 2, epoch: 1 }, { kind: 'not-primary', primary: 'r1' }, { kind: 'not-primary', primary: undefined },
      { kind: 'reconfigured', won: true, epoch: 2 }, { kind: 'reconfigured', won: false, epoch: 2 }, { kind: 'busy' }, { kind: 'gave-up' },
    ].map((r) => steady.describeResponse!(r as never))).toEqual(['at 2 (e1)', 'not primary, try r1', 'not primary', 'won, e2', 'lost, e2', 'busy', 'gave up']);
    expect(steady.describeDurable!({ role: 'store', current: e2, installed: [] })).toBe('e2 [r1 r3] from 1');
    expect(steady.describeDurable!({ role: 'controller', boot: 3 })).toBe('boot 3');
    expect(steady.describeDurable!({ role: 'replica', epoch: 2, configuration: e2, sealed: true, active: true, log: [1, 2] })).toBe('e2 sealed [1,2]');
    expect(steady.describeDurable!({ role: 'replica', epoch: 2, configuration: e2, sealed: false, active: true, log: [] })).toBe('e2 []');
  });

  it('a node restarts from its disk: the store as written, a controller in its next life, a replica with its log', () => {
    const config = steadyConfig(1);
    const store = { role: 'store' as const, current: e2, installed: [config.initial, e2] };
    expect(steady.recover('cfg', [], config, store)).toBe(store);
    expect(steady.recover('cfg', [], config, undefined)).toEqual(steady.init('cfg', [], config));
    expect(steady.recover('k1', [], config, { role: 'controller', boot: 2 })).toMatchObject({ role: 'controller', boot: 3 });
    expect(steady.recover('k2', [], config, undefined)).toMatchObject({ role: 'controller', boot: 1 });
    expect(steady.recover('r2', [], config, { role: 'replica', epoch: 2, configuration: e2, sealed: false, active: false, log: [4] })).toMatchObject({ role: 'replica', epoch: 2, log: [4] });
    expect(steady.recover('r3', [], config, undefined)).toMatchObject({ role: 'replica', epoch: 0 });
  });

  it('a store ignores everything but messages; a replica answers a reconfigure with busy; a controller writes its life on restart', () => {
    const config = steadyConfig(1);
    const store = steady.init('cfg', [], config);
    expect(steady.step(store, { kind: 'tick' })).toEqual({ state: store, effects: [] });
    const r1 = steady.init('r1', [], config);
    expect(steady.step(r1, { kind: 'request', client: 'admin', requestId: 1, request: { kind: 'reconfigure', remove: 'r2' } }).effects).toEqual([{ kind: 'reply', client: 'admin', requestId: 1, response: { kind: 'busy' } }]);
    const k1 = steady.recover('k1', [], config, { role: 'controller', boot: 4 });
    expect(steady.step(k1, { kind: 'restart' } as never).effects).toEqual([{ kind: 'persist', durable: { role: 'controller', boot: 5 } }]);
  });
});
