/**
 * What the BookKeeper folder shows a reader, stated as rules: the demo's text (`npm run snippet --
 * bookkeeper`), the note's diagrams, the player's cards and calls, and the explorer's setup. Written
 * for mutation testing (docs/mutation.md): these were covered only by the CLI, site and explorer tests
 * outside tests/snippets/bookkeeper/. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { demo } from '../../../snippets/bookkeeper/demo.ts';
import { explore } from '../../../snippets/bookkeeper/explore.ts';
import { bookkeeperPlay } from '../../../snippets/bookkeeper/play.ts';
import { scenarios } from '../../../snippets/bookkeeper/scenarios.ts';
import { bkConfig } from '../../../snippets/bookkeeper/run-bookkeeper.ts';
import { bookkeeperVariants, isBookkeeperVariant } from '../../../snippets/bookkeeper/variants.ts';
import { newBroker, type BrokerState, type Owner } from '../../../snippets/bookkeeper/broker-state.ts';
import { emptyStore } from '../../../snippets/bookkeeper/store.ts';
import type { BkState } from '../../../snippets/bookkeeper/model.ts';
import type { LedgerMeta } from '../../../snippets/bookkeeper/types.ts';

const lines = (text: string) => text.split('\n');

describe('the demo', () => {
  it('a scripted run names itself and its deployment, says it has no liveness phase, and lists the topic\'s ledgers', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'takeover' });
    expect(lines(out).slice(0, 3)).toEqual([
      'BookKeeper and Pulsar: scripted run "takeover": store zk, bookies b1..b4 (E = 3, Qw = 2, Qa = 2), brokers p1, p2; every message takes one tick.',
      'Legend: npm run snippet -- bookkeeper --legend',
      '',
    ]);
    expect(out).toContain('\nRun: invariants held after every step of the script (a scripted run has no liveness phase).\n');
    expect(out).toContain('\nTopic (managed ledger): L0 CLOSED at entry 3, fragments 0:b1,b2,b3; L1 OPEN, fragments 0:b2,b3,b4.\n');
    // Answers of "fenced" are counted as unknown outcomes.
    expect(out).toMatch(/Verdict: invariants held — 11 client calls: 11 completed \(5 answered "unknown"/);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('a variant is named in its own line and breaks the scripted run; without it the same script holds', () => {
    const broken = demo.run({ seed: 1, mermaid: false, scenario: 'takeover', variant: 'close-at-lac' });
    expect(lines(broken)[1]).toBe(`Broken variant close-at-lac: ${bookkeeperVariants['close-at-lac'].description}.`);
    expect(broken).toMatch(/\nRun: FAILED[^\n]*append 4 was acknowledged as L0:3, but L0 closed at entry 2/);
    expect(broken).toContain('\nTopic (managed ledger): L0 CLOSED at entry 2, fragments 0:b1,b2,b3.\n');
    expect(demo.run({ seed: 1, mermaid: false, scenario: 'takeover', variant: 'recovery-without-fencing' })).toMatch(/\nRun: FAILED/);
  });

  it('the ensemble-change run: an open ledger with two fragments', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'ensemble-change' });
    expect(out).toContain('\nTopic (managed ledger): L0 OPEN, fragments 0:b1,b2,b3 1:b1,b4,b3.\n');
    expect(out).toContain('Run: invariants held after every step of the script');
  });

  it('a random run names its seed, clients and faults; a variant changes it', () => {
    const random = demo.run({ seed: 3, mermaid: false });
    expect(lines(random).slice(0, 3)).toEqual([
      'BookKeeper and Pulsar: store zk, bookies b1..b4 (E = 3, Qw = 2, Qa = 2), brokers p1, p2, clients c1..c3; seed 3.',
      'Faults until tick 150 (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.',
      'Legend: npm run snippet -- bookkeeper --legend',
    ]);
    expect(random).toContain('Run: invariants held after every step; liveness held after the heal');
    const trace = (o: string) => o.slice(o.indexOf('\n\n'), o.indexOf('\nRun: '));
    const broken = demo.run({ seed: 3, mermaid: false, variant: 'recovery-without-fencing' });
    expect(lines(broken)[1]).toMatch(/^Broken variant recovery-without-fencing: /);
    expect(lines(broken)[2]).toMatch(/^Faults until tick 150/);
    expect(trace(broken)).not.toEqual(trace(random));
  });

  it('says what the invariants checked, after every event', () => {
    const out = demo.run({ seed: 1, mermaid: false, scenario: 'takeover' });
    expect(out).toContain('\nChecked: after every event: every acknowledged entry is at or below its closed ledger\'s last entry; a fenced writer confirms nothing past the close; readers of a closed ledger agree with it; each entry has one fragment, and an acknowledged one is on an ack quorum of it; every ledger of the topic but the last is closed.\n');
  });

  it('--mermaid on a random run draws its first 60 steps and says how many more there were', () => {
    const drawn = lines(demo.run({ seed: 1, mermaid: true })).filter((l) => /^ {4}(?!%%|actor |participant )/.test(l));
    expect(drawn.at(-1)).toMatch(/^ {4}Note over c1,p2: \d+ more steps not shown$/);
    expect(drawn.length - 1).toBe(60);
  });

  it('--mermaid prints a sequence diagram; unknown names are refused; it lists what it offers', () => {
    const diagram = demo.run({ seed: 1, mermaid: true, scenario: 'ensemble-change' });
    expect(lines(diagram)[0]).toBe('sequenceDiagram');
    expect(diagram).not.toContain('Legend:');
    expect(diagram.endsWith('\n')).toBe(true);
    expect(() => demo.run({ seed: 1, mermaid: false, variant: 'nope' })).toThrow('no BookKeeper variant named "nope"');
    expect(() => demo.run({ seed: 1, mermaid: false, scenario: 'nope' })).toThrow('no BookKeeper scenario named "nope"');
    expect(demo.variants).toEqual(Object.fromEntries(Object.entries(bookkeeperVariants).map(([k, v]) => [k, v.description])));
    expect(Object.keys(demo.runs!)).toEqual(['takeover', 'ensemble-change']);
    expect(isBookkeeperVariant('close-at-lac')).toBe(true);
    expect(isBookkeeperVariant(undefined)).toBe(false);
    expect(isBookkeeperVariant('constructor')).toBe(false);
  });
});

describe('the note\'s diagrams', () => {
  it.each([
    ['steady-state', 1, 15, ['c1', 'zk', 'b1', 'b2', 'b3', 'p1']],
    ['takeover', 15, 31, ['c1', 'c2', 'zk', 'b1', 'b2', 'b3', 'p1', 'p2']],
    ['recovery-without-fencing', 36, undefined, ['c1', 'c3', 'zk', 'b1', 'b2', 'b3', 'p1', 'p2']],
    ['close-at-lac', 15, undefined, ['c1', 'c2', 'zk', 'b1', 'b2', 'b3', 'p1', 'p2']],
    ['ensemble-change', 8, undefined, ['c1', 'c2', 'zk', 'b1', 'b2', 'b3', 'b4', 'p1']],
  ] as const)('%s: from tick %i (to %s), with its lanes in order', (name, from, to, participants) => {
    const diagram = scenarios[name]!();
    const [, first, last] = /%% bookkeeper, seed 1, ticks (\d+)–(\d+)/.exec(diagram)!.map(Number);
    expect(first).toBeGreaterThanOrEqual(from);
    expect(first).toBeLessThan(from + 3);
    if (to !== undefined) expect(last).toBeLessThanOrEqual(to);
    const declared = lines(diagram).flatMap((l) => /^\s+(?:actor|participant) (\S+)/.exec(l)?.[1] ?? []);
    expect(declared).toEqual(participants);
  });

  it('each broken variant\'s diagram runs that variant, checked: it ends in the failure', () => {
    expect(scenarios['recovery-without-fencing']!()).toMatch(/a fenced old writer gets no further acknowledgement|fenced writer/);
    expect(scenarios['close-at-lac']!()).toMatch(/closed at entry 2|closed ledger's last entry/);
    expect(scenarios.takeover!()).not.toMatch(/violated/);
  });
});

describe('the player', () => {
  const config = bkConfig();
  const card = (s: BkState) => {
    const c = bookkeeperPlay.nodeView(s);
    return { role: c.role, ...Object.fromEntries(c.fields.map((f) => [f.label, f.value])) } as Record<string, string>;
  };
  const meta = (id: number, state: LedgerMeta['state'], lastEntry = -1): LedgerMeta => ({ kind: 'ledger', id, state, lastEntry, ensembles: [{ first: 0, bookies: ['b1', 'b2', 'b3'] }] });

  it('the store: the topic\'s ledgers in order, and each ledger\'s state and fragments', () => {
    const empty = emptyStore();
    expect(card(empty)).toEqual({ role: 'metadata store', topic: 'no ledger yet', ledgers: 'none' });
    const keys = {
      ...empty.keys,
      managed: { version: 3, value: { kind: 'managed' as const, ledgers: [0, 1] }, writer: 'p1.0.1' },
      L0: { version: 4, value: meta(0, 'CLOSED', 3), writer: 'p2.0.2' },
      L1: { version: 1, value: meta(1, 'OPEN'), writer: 'p2.0.3' },
    };
    expect(card({ ...empty, keys })).toEqual({ role: 'metadata store', topic: 'L0 → L1', ledgers: 'L0 CLOSED at 3 [0:b1,b2,b3]; L1 OPEN [0:b1,b2,b3]' });
  });

  it('a bookie: per ledger its entries, LAC and fence bit', () => {
    expect(card({ role: 'bookie', ledgers: {} })).toEqual({ role: 'bookie', ledgers: 'none yet' });
    expect(card({ role: 'bookie', ledgers: { 0: { entries: { 0: 5, 1: 6 }, lac: 0, fenced: true }, 2: { entries: {}, lac: -1, fenced: false } } })).toEqual({
      role: 'bookie', ledgers: 'L0: 0=5 1=6, LAC 0, fenced; L2: empty, LAC -1',
    });
  });

  it('a broker: what it is doing, and how many requests wait', () => {
    const idle = newBroker('p1', config);
    expect(card(idle)).toEqual({ role: 'broker', doing: 'idle', queued: '0' });
    expect(card({ ...idle, yieldTicks: 4, queue: [{ client: 'c1', requestId: 1, request: { kind: 'read' } }] })).toEqual({ role: 'broker', doing: 'fenced out (4 ticks)', queued: '1' });
    const owner: Owner = { kind: 'owner', ledger: 2, version: 1, ensembles: [], nextEntry: 5, lac: 3, pending: {}, change: undefined };
    const owning = (o: Partial<Owner>): BrokerState => ({ ...idle, task: { ...owner, ...o } });
    expect(card(owning({})).doing).toBe('writes L2: LAC 3, next entry 5');
    const pending = { value: 1, client: 'c1', requestId: 1, acks: [], waitTicks: 0, retries: 0 };
    expect(card(owning({ pending: { 4: pending } })).doing).toBe('writes L2: LAC 3, next entry 5, 1 waiting');
    expect(card(owning({ change: { tag: 't', ensembles: [], waitTicks: 0 } })).doing).toBe('writes L2: LAC 3, next entry 5, ensemble change');
    const acquiring = (phase: NonNullable<Extract<BrokerState['task'], { kind: 'acquire' }>>['phase']): BrokerState => ({ ...idle, task: { kind: 'acquire', tag: 't', phase, waitTicks: 0 } });
    expect(card(acquiring({ step: 'managed' })).doing).toBe('takes the topic: managed');
    expect(card(acquiring({ step: 'recover', managedVersion: 1, ledgers: [0], recovery: { step: 'meta', ledger: 0 } })).doing).toBe('takes the topic: recovering L0 (meta)');
  });

  it('offers a publish that takes a value and a read that does not, each keyed by the broker and with a timeout', () => {
    const [append, read] = bookkeeperPlay.clientCalls!;
    expect(append).toMatchObject({ id: 'append', takesValue: true });
    expect(append!.call('c1', 'p2', 7, 1)).toEqual({ to: 'p2', request: { kind: 'append', value: 7 }, op: 'append', args: 7, timeoutTicks: 200, key: 'p2' });
    expect(read).toMatchObject({ id: 'read', takesValue: false });
    expect(read!.call('c1', 'p1', 0, 1)).toEqual({ to: 'p1', request: { kind: 'read' }, op: 'read', args: null, timeoutTicks: 200, key: 'p1' });
  });

  it('variants change only their own rule; the random scenario has no script', () => {
    for (const v of bookkeeperPlay.variants) {
      expect(v.config(config)).toEqual({ ...config, ...bookkeeperVariants[v.id as keyof typeof bookkeeperVariants].config });
    }
    const faulty = bookkeeperPlay.scenarios.find((s) => s.id === 'faulty')!;
    expect(faulty.setup).toBeUndefined();
    expect(faulty).toMatchObject({ seed: 1, ticks: 150, faults: expect.any(Object) });
    expect(faulty.clients().map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });
});

describe('the explorer\'s setup', () => {
  it('two bookies with E = Qw = Qa = 2; c1 appends requests - 1 values through p1, c2 one through p2', () => {
    const { setup } = explore.setup({ nodes: 5, requests: 3, variant: undefined });
    expect(setup.nodes).toEqual(['zk', 'b1', 'b2', 'p1', 'p2']);
    expect(setup.config).toMatchObject({ bookies: ['b1', 'b2'], ensembleSize: 2, writeQuorum: 2, ackQuorum: 2, fencing: true, fencingReads: true, readPastLac: true });
    const calls = setup.clients.map((c) => [c.id, [0, 1, 2].map((index) => c.workload({ index } as never))]);
    expect(calls).toEqual([
      ['c1', [{ to: 'p1', request: { kind: 'append', value: 1 }, op: 'append', args: 1, key: 'p1' }, { to: 'p1', request: { kind: 'append', value: 2 }, op: 'append', args: 2, key: 'p1' }, undefined]],
      ['c2', [{ to: 'p2', request: { kind: 'append', value: 10 }, op: 'append', args: 10, key: 'p2' }, undefined, undefined]],
    ]);
    // At least one append for c1, however few requests.
    expect(explore.setup({ nodes: 5, requests: 1, variant: undefined }).setup.clients[0]!.workload({ index: 0 } as never)).toMatchObject({ args: 1 });
  });

  it('a variant switches off its rule; an unknown name changes nothing', () => {
    expect(explore.setup({ nodes: 5, requests: 3, variant: 'close-at-lac' }).setup.config).toMatchObject({ readPastLac: false, fencing: true });
    expect(explore.setup({ nodes: 5, requests: 3, variant: 'nope' }).setup.config).toMatchObject({ readPastLac: true, fencing: true, fencingReads: true });
    expect(explore.defaults).toEqual({ nodes: 5, requests: 3, depth: 34, crashes: 0, losses: 0, timers: 0 });
    expect(explore.variants).toEqual(Object.fromEntries(Object.entries(bookkeeperVariants).map(([k, v]) => [k, v.description])));
  });

  it('the directed prefix ends once c1 has its first answer', () => {
    const [phase] = explore.setup({ nodes: 5, requests: 3, variant: undefined }).setup.phases!;
    const view = (history: Array<{ client: string; returnTick?: number }>) => ({ history }) as never;
    expect(phase!.reached(view([]))).toBe(false);
    expect(phase!.reached(view([{ client: 'c2', returnTick: 3 }, { client: 'c1' }]))).toBe(false);
    expect(phase!.reached(view([{ client: 'c1', returnTick: 9 }]))).toBe(true);
  });

  it('its invariants know the two-bookie quorums', () => {
    const { setup } = explore.setup({ nodes: 5, requests: 3, variant: undefined });
    expect(Object.keys(setup.invariants!()).length).toBeGreaterThan(3);
  });
});

describe('the trace\'s labels, and what each node becomes', () => {
  const open: LedgerMeta = { kind: 'ledger', id: 0, state: 'OPEN', lastEntry: -1, ensembles: [{ first: 0, bookies: ['b1', 'b2', 'b3'] }, { first: 2, bookies: ['b1', 'b4', 'b3'] }] };
  const closed: LedgerMeta = { ...open, state: 'CLOSED', lastEntry: 3 };

  it('names every message with its ledger, entries and versions', () => {
    const labels = ([
      { kind: 'get', op: 't', key: 'L0' },
      { kind: 'cas', op: 't', key: 'managed', expected: 2, value: { kind: 'managed', ledgers: [0, 1] } },
      { kind: 'cas', op: 't', key: 'L0', expected: 1, value: open },
      { kind: 'cas', op: 't', key: 'L0', expected: 1, value: closed },
      { kind: 'cas', op: 't', key: 'L0', expected: 1, value: { ...open, state: 'IN_RECOVERY' } },
      { kind: 'create', op: 't', ensemble: ['b1', 'b2', 'b3'] },
      { kind: 'value', op: 't', key: 'L9', version: 0, value: undefined },
      { kind: 'value', op: 't', key: 'managed', version: 3, value: { kind: 'managed', ledgers: [0] }, ok: true },
      { kind: 'value', op: 't', key: 'L0', version: 4, value: closed, ok: false },
      { kind: 'value', op: 't', key: 'L0', version: 1, value: open },
      { kind: 'add', ledger: 0, entry: 2, value: 9, lac: 1, recovery: false },
      { kind: 'add', ledger: 0, entry: 2, value: 9, lac: 1, recovery: true },
      { kind: 'added', ledger: 0, entry: 2 },
      { kind: 'add-fenced', ledger: 0, entry: 2 },
      { kind: 'fence', op: 't', ledger: 0, fence: true },
      { kind: 'fence', op: 't', ledger: 0, fence: false },
      { kind: 'lac', op: 't', ledger: 0, lac: 1 },
      { kind: 'read', op: 't', ledger: 0, from: 2, to: 3, fence: true },
      { kind: 'read', op: 't', ledger: 0, from: 0, to: 3, fence: false },
      { kind: 'entries', op: 't', ledger: 0, from: 2, values: [9, null] },
    ] as const).map((m) => bookkeeperPlay.model.describeMessage!(m as never));
    expect(labels).toEqual([
      'get L0', 'CAS managed if v2: [L0 L1]', 'CAS L0 if v1: OPEN ensembles 0:b1,b2,b3 2:b1,b4,b3', 'CAS L0 if v1: CLOSED last=3', 'CAS L0 if v1: IN_RECOVERY',
      'create ledger on b1,b2,b3', 'L9 absent', 'ok, managed v3 [L0]', 'failed, L0 v4 CLOSED last=3', 'L0 v1 OPEN',
      'add L0:2 = 9, LAC 1', 'recovery add L0:2 = 9, LAC 1', 'added L0:2', 'fenced L0, refused 2', 'fence L0', 'read LAC L0', 'LAC L0 = 1',
      'fencing read L0:2', 'read L0:0..2', 'L0 from 2: [9,_]',
    ]);
  });

  it('a topic of several ledgers is listed in order, space-separated, in a store answer and on the store\'s disk', () => {
    const m = bookkeeperPlay.model;
    expect(m.describeMessage!({ kind: 'value', op: 't', key: 'managed', version: 3, value: { kind: 'managed', ledgers: [0, 2] } })).toBe('managed v3 [L0 L2]');
    const store = { ...emptyStore(), keys: { managed: { version: 3, value: { kind: 'managed' as const, ledgers: [0, 2] }, writer: 'p1.0.4' } } };
    expect(m.describeDurable!(store)).toBe('managed v3 [L0 L2]');
  });

  it('requests, responses and disks', () => {
    const m = bookkeeperPlay.model;
    expect(m.describeRequest!({ kind: 'append', value: 3 })).toBe('append 3');
    expect(m.describeRequest!({ kind: 'read' })).toBe('read');
    expect(m.describeResponse!({ kind: 'appended', ledger: 1, entry: 4 })).toBe('L1:4');
    expect(m.describeResponse!({ kind: 'read', ledgers: [{ ledger: 0, entries: [1, 2] }, { ledger: 1, entries: [] }] })).toBe('L0 [1,2] L1 []');
    expect(m.describeResponse!({ kind: 'read', ledgers: [] })).toBe('nothing closed');
    expect(m.describeResponse!({ kind: 'fenced' })).toBe('fenced');
    const store = { ...emptyStore(), keys: { ...emptyStore().keys, L0: { version: 2, value: closed, writer: 'x' } } };
    expect(m.describeDurable!(store)).toBe('managed v1 []; L0 v2 CLOSED');
    expect(m.describeDurable!({ role: 'bookie', ledgers: { 0: { entries: { 0: 1, 1: 2 }, lac: 0, fenced: true }, 1: { entries: {}, lac: -1, fenced: false } } })).toBe('L0: 2 entries, LAC 0, fenced; L1: 0 entries, LAC -1');
    expect(m.describeDurable!({ role: 'broker', boot: 2 })).toBe('boot 2');
  });

  it('each node restarts from its own disk: the store and bookies as written, a broker in its next life', () => {
    const m = bookkeeperPlay.model;
    const config = bkConfig();
    const bookie = { role: 'bookie' as const, ledgers: { 0: { entries: { 0: 1 }, lac: 0, fenced: true } } };
    expect(m.recover('b1', [], config, bookie)).toBe(bookie);
    expect(m.recover('b1', [], config, undefined)).toEqual({ role: 'bookie', ledgers: {} });
    expect(m.recover('zk', [], config, emptyStore())).toEqual(emptyStore());
    expect(m.recover('zk', [], config, bookie as never)).toEqual(emptyStore());
    expect(m.recover('p1', [], config, { role: 'broker', boot: 2 })).toMatchObject({ role: 'broker', boot: 3 });
    expect(m.recover('p2', [], config, undefined)).toMatchObject({ role: 'broker', boot: 1 });
    expect(m.init('p1', [], config)).toMatchObject({ role: 'broker', boot: 0 });
  });

  it('the store and bookies take only their own messages; a broker writes its life on restart', () => {
    const m = bookkeeperPlay.model;
    const config = bkConfig();
    const store = m.init('zk', [], config);
    expect(m.step(store, { kind: 'message', from: 'p1', message: { kind: 'add', ledger: 0, entry: 0, value: 1, lac: -1, recovery: false } })).toEqual({ state: store, effects: [] });
    expect(m.step(store, { kind: 'tick' })).toEqual({ state: store, effects: [] });
    expect(m.step(store, { kind: 'message', from: 'p1', message: { kind: 'get', op: 't', key: 'managed' } }).effects).toHaveLength(1);
    const b1 = m.init('b1', [], config);
    expect(m.step(b1, { kind: 'message', from: 'p1', message: { kind: 'get', op: 't', key: 'managed' } })).toEqual({ state: b1, effects: [] });
    expect(m.step(b1, { kind: 'tick' })).toEqual({ state: b1, effects: [] });
    expect(m.step(b1, { kind: 'message', from: 'p1', message: { kind: 'fence', op: 't', ledger: 0, fence: true } }).effects).toHaveLength(2);
    const p1 = m.recover('p1', [], config, { role: 'broker', boot: 2 });
    expect(m.step(p1, { kind: 'restart' } as never).effects).toEqual([{ kind: 'persist', durable: { role: 'broker', boot: 3 } }]);
  });
});
