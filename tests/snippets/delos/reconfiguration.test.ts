import { describe, expect, it } from 'vitest';
import { seeds } from '../../../snippets/sim/index.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { logModel } from '../../../snippets/check/models/log.ts';
import { demo } from '../../../snippets/delos/demo.ts';
import type { MetaState } from '../../../snippets/delos/metastore.ts';
import { onServerMessage } from '../../../snippets/delos/quorum-loglet.ts';
import { checkDelos, FAULTY, runDelos } from '../../../snippets/delos/run-delos.ts';
import { halfSealed, racingReconfigurations, scenarios, staleAppender } from '../../../snippets/delos/scenarios.ts';
import { formatTrace } from '../../../snippets/sim/index.ts';
import { onSimpleMessage } from '../../../snippets/delos/simple-loglet.ts';
import type { DelosResponse } from '../../../snippets/delos/types.ts';

const results = (run: ReturnType<typeof staleAppender>) =>
  Object.fromEntries(run.history.map((op) => [op.client, op.result as DelosResponse | undefined]));

describe('the seal is one-way (§3.4)', () => {
  it('a simple Loglet refuses appends once sealed, but answers a resend of an entry it already holds', () => {
    let state = onSimpleMessage({ role: 'simple', loglets: {} }, 'v1', { kind: 'append', loglet: 0, op: 'a', value: 1 }).state;
    state = onSimpleMessage(state, 'v2', { kind: 'seal', loglet: 0, op: 's' }).state;
    expect(onSimpleMessage(state, 'v1', { kind: 'append', loglet: 0, op: 'b', value: 2 }).effects).toContainEqual(
      expect.objectContaining({ message: { kind: 'append-failed', loglet: 0, op: 'b', why: 'sealed' } }));
    expect(onSimpleMessage(state, 'v1', { kind: 'append', loglet: 0, op: 'a', value: 1 }).effects).toContainEqual(
      expect.objectContaining({ message: { kind: 'appended', loglet: 0, op: 'a', pos: 0 } }));
  });

  it('a LogServer with its seal bit set refuses the sequencer\'s stores (§4.2.1)', () => {
    const sealed = onServerMessage({ role: 'server', loglets: {} }, 'v1', { kind: 'seal', loglet: 3, op: 's' }).state;
    const store = onServerMessage(sealed, 'seq', { kind: 'store', loglet: 3, pos: 0, entry: { value: 7, op: 'a' } });
    expect(store.state).toBe(sealed);
    expect(store.effects).toEqual([expect.objectContaining({ message: { kind: 'store-refused', loglet: 3, pos: 0 } })]);
  });
});

describe('reconfigExtend: seal, checkTail, conditional write (§3.2)', () => {
  it('a stale VirtualLog node\'s append bounces off the sealed Loglet and lands on the new one; the read sees every acknowledged append', () => {
    const run = staleAppender(true, true);
    expect(run.ok, run.ok ? '' : run.message).toBe(true);
    const r = results(run);
    expect(r.admin).toEqual({ kind: 'reconfigured', won: true, version: 2 });
    expect(r.c2).toEqual({ kind: 'appended', pos: 1, loglet: 1, local: 0 });
    expect(r.c3).toEqual({ kind: 'appended', pos: 2, loglet: 1, local: 1 });
    expect(r.c4).toEqual({ kind: 'read', entries: [1, 2, 3] });
    expect(checkDelos(run).ok).toBe(true);
  });

  it('two racing reconfigurations of chain v1: both seal, exactly one conditional write wins, the loser adopts the winner\'s chain', () => {
    const run = racingReconfigurations();
    expect(run.ok, run.ok ? '' : run.message).toBe(true);
    const outcomes = run.history.filter((op) => op.op === 'reconfigure').map((op) => op.result as DelosResponse);
    expect(outcomes).toEqual([{ kind: 'reconfigured', won: true, version: 2 }, { kind: 'reconfigured', won: false, version: 2 }]);
    const meta = run.final.nodes.find((n) => n.id === 'meta')!.durable as MetaState;
    expect(meta.attempts[1]).toHaveLength(2);
    expect(meta.register.version).toBe(2);
    expect(results(run).c2).toEqual({ kind: 'appended', pos: 1, loglet: 1, local: 0 });
  });
});

describe('broken variant: reconfigure without sealing (§3.2 "seal before writing the new chain")', () => {
  it('scripted: the stale node\'s append is acknowledged at the position the new Loglet already gave away', () => {
    const run = staleAppender(false, true);
    expect(run.ok).toBe(false);
    expect(run.ok ? '' : run.message).toMatch(/position 1 acknowledged twice: to append 2 and to append 3/);
  });

  it('scripted: the acknowledged append is lost to readers, and the checker rejects the history', () => {
    const run = staleAppender(false);
    const r = results(run);
    expect(r.c3).toEqual({ kind: 'appended', pos: 1, loglet: 0, local: 1 });
    expect(r.c4).toEqual({ kind: 'read', entries: [1, 2] });
    const check = checkDelos(run);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : counterexampleText(logModel, check.counterexample)).toMatch(/Cannot place/);
  });

  it('random faulty runs: an invariant and the linearizability checker both find it, and say which seed', () => {
    let invariantSeed: number | undefined;
    let checkerSeed: number | undefined;
    let text = '';
    for (const seed of seeds(40)) {
      const run = runDelos({ seed, clients: 3, safetyTicks: 300, seal: false, ...FAULTY });
      if (!run.ok && invariantSeed === undefined) {
        invariantSeed = seed;
        text += `seed ${seed}: ${run.message}\n`;
      }
      const check = checkDelos(run);
      if (!check.ok && checkerSeed === undefined) {
        checkerSeed = seed;
        text += `seed ${seed}:\n${counterexampleText(logModel, check.counterexample)}\n`;
      }
      if (invariantSeed !== undefined && checkerSeed !== undefined) break;
    }
    console.log(`reconfiguration without sealing is caught:\n${text}`);
    expect(invariantSeed, 'no seed of 40 broke an invariant').toBeDefined();
    expect(checkerSeed, 'no seed of 40 gave a non-linearizable history').toBeDefined();
    expect(text).toMatch(/acknowledged twice|past its sealed end|readers see/);
  });

  it('the same seeds with the seal keep every invariant', () => {
    for (const seed of seeds(40)) expect(runDelos({ seed, clients: 3, safetyTicks: 300, ...FAULTY }).ok, `seed ${seed}`).toBe(true);
  });
});

describe('the seal waits for a majority, and checkTail counts only sealed tails: each rule on its own (§4.2.1, issue 29 §5)', () => {
  // Either rule alone keeps the boundary safe, so breaking one leaves every other test green. Each
  // test below switches the other rule off, so the rule under test is the only thing between the
  // script and an append acknowledged past its seal.
  const appended20 = (run: ReturnType<typeof halfSealed>) => results(run).c2;
  const lines = (run: ReturnType<typeof halfSealed>) => formatTrace(run.trace).split('\n');
  const tick = (line: string | undefined) => Number(line?.trim().split(/\s+/)[0]);

  it('with both rules off, v2 ends L1 at tails read from l1 (sealed) and l2 (unsealed); 20 is acknowledged past that end, and the read misses it', () => {
    const broken = halfSealed({ sealQuorum: false, sealedTails: false });
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.message).toMatch(/append 20 acknowledged at 1 on L1, past its sealed end 1 \(chain v3\)/);
    const onward = halfSealed({ sealQuorum: false, sealedTails: false }, false);
    expect(results(onward).c3).toEqual({ kind: 'read', entries: [10] });
    const check = checkDelos(onward);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : counterexampleText(logModel, check.counterexample)).toMatch(/Cannot place: read\(\) → \[10\]/);
  });

  it('the seal\'s majority alone (checkTail counting unsealed tails): v2 resends the seal until l2 and l3 have set their bits, then reads the tail; 20 is refused', () => {
    const run = halfSealed({ sealedTails: false });
    expect(run.ok, run.ok ? '' : run.message).toBe(true);
    expect(appended20(run)).toEqual({ kind: 'unknown' });
    const trace = lines(run);
    const chainWritten = tick(trace.find((l) => /v2 +send +→ meta #\d+ write chain if v2/.test(l)));
    for (const server of ['l2', 'l3']) {
      const sealed = tick(trace.find((l) => new RegExp(`${server} +persist +L1: .*sealed`).test(l)));
      expect(sealed, `${server} sealed before the chain is written`).toBeLessThan(chainWritten);
    }
    expect(checkDelos(run).ok).toBe(true);
  });

  it('checkTail\'s sealing alone (the seal moving on after l1\'s ack): v2 seals l2 when it answers unsealed, and counts its tail only then; 20 is refused', () => {
    const run = halfSealed({ sealQuorum: false });
    expect(run.ok, run.ok ? '' : run.message).toBe(true);
    expect(appended20(run)).toEqual({ kind: 'unknown' });
    const trace = lines(run);
    const unsealedTail = trace.findIndex((l) => /v2 +deliver +← l2 #\d+ tail L1 = 1$/.test(l));
    expect(unsealedTail).toBeGreaterThan(0);
    expect(trace[unsealedTail + 1]).toMatch(/v2 +send +→ l2 #\d+ seal L1/);
    expect(checkDelos(run).ok).toBe(true);
  });

  it('with both rules, the same script is safe', () => {
    const run = halfSealed({});
    expect(run.ok, run.ok ? '' : run.message).toBe(true);
    expect(checkDelos(run).ok).toBe(true);
  });
});

describe('demo and scenarios', () => {
  it('the demo prints a trace and a verdict', () => {
    const text = demo.run({ seed: 3, mermaid: false });
    expect(text).toMatch(/\nChecked: linearizability of the clients. appends and reads as one append-only log/);
    expect(text).toMatch(/\nVerdict: linearizable — \d+ client calls: /);
    expect(demo.run({ seed: 3, mermaid: true })).toMatch(/^sequenceDiagram/);
  });

  it('--seed 73 (the run the note walks through): the slow reconfiguration, the majority seal, the stale append told unknown, the read path', () => {
    const text = demo.run({ seed: 73, mermaid: false });
    expect(text.match(/\n +(38|48) +meta +drop +← v2 #\d+ read chain \(partition\)/g)).toHaveLength(2);
    expect(text).toMatch(/\n +71 +s1 +persist +L0: 1 entries, sealed\n/);
    expect(text).toMatch(/\n +88 +meta +send +→ v2 #\d+ won, chain v2 \[s0@0 q1@1\]\n +91 +v2 +timer .*\n +91 +v2 +send +→ meta #\d+ write chain if v1\n/);
    expect(text).toMatch(/\n +93 +meta +send +→ v2 #\d+ won, chain v2 \[s0@0 q1@1\]\n/);
    expect(text).toMatch(/\n +154 +meta +send +→ v2 #\d+ won, chain v3 \[s0@0 q1@1 s2@2\]\n/);
    expect(text).toMatch(/\n +148 +v1 +send +→ seq #\d+ append 1002 to L1\n/);
    expect(text).toMatch(/\n +155 +seq +send +→ v1 #\d+ append maybe L1\n/);
    expect(text).toMatch(/\n +161 +v1 +reply +→ c1 #\d+ call 6: unknown\n/);
    expect(text).toMatch(/\n +99 +v2 +send +→ seq #\d+ checkTail L1\n/);
    expect(text).toMatch(/\n +112 +v2 +send +→ s1 #\d+ readNext L0 0\.\.0\n/);
    expect(text).toContain('\nChain v3: L0 (simple) from 0, L1 (quorum) from 1, L2 (simple) from 2.\n');
    expect(text).toMatch(/\nVerdict: linearizable — /);
  });

  it('--variant weak-seal --seed 1778 (the seed the note gives) acknowledges an append past its seal; the same seed is clean without the variant', () => {
    const text = demo.run({ seed: 1778, mermaid: false, variant: 'weak-seal' });
    expect(text).toContain('Broken variant weak-seal:');
    expect(text).toMatch(/\nRun: FAILED in the \w+ phase at tick \d+: invariant .*past its sealed end/);
    expect(demo.run({ seed: 1778, mermaid: false })).toMatch(/\nRun: invariants held after every step/);
  });

  it.each(Object.keys(scenarios))('scenario %s draws a sequence diagram, with no empty lane', (name) => {
    const diagram = scenarios[name]!();
    expect(diagram).toMatch(/^sequenceDiagram/);
    const lanes = [...diagram.matchAll(/^ {4}(?:actor|participant) (\S+)$/gm)].map((m) => m[1]!);
    const arrows = diagram.split('\n').filter((line) => line.includes('>>'));
    for (const lane of lanes) expect(arrows.some((a) => a.trim().startsWith(lane + '-') || a.includes('>>' + lane + ':')), `${name}: ${lane}`).toBe(true);
  });

  // The note describes these diagrams step by step; if the model changes what they show, the note must change too.
  it('the diagrams show what the note says they show', () => {
    const lines = (name: string) => scenarios[name]!().split('\n').map((l) => l.trim());
    expect(lines('reconfigure')).toEqual(expect.arrayContaining([
      'v2->>s1: seal L0', 's1->>v2: tail L0 = 1, sealed', 'v2->>meta: write chain if v1', 'meta->>v2: won, chain v2 [s0@0 q1@1]', 'v2-->>c2: at 1 (L1:0)',
    ]));
    expect(lines('stale-appender')).toEqual(expect.arrayContaining([
      's1->>v1: append sealed L0', 'meta->>v1: chain v2 [s0@0 q1@1]', 'v1-->>c3: at 2 (L1:1)', 'seq->>v2: tail L1 = 2', 'v2-->>c4: [1,2,3]',
    ]));
    const noSeal = lines('no-seal');
    expect(noSeal).toEqual(expect.arrayContaining([
      'v2->>s1: checkTail L0', 's1->>v2: tail L0 = 1', 'meta->>v2: won, chain v2 [s0@0 q1@1]', 'v2-->>c2: at 1 (L1:0)',
      's1->>v1: appended L0:1', 'v1-->>c3: at 1 (L0:1)', 'seq->>v2: tail L1 = 1', 'v2-->>c4: [1,2]',
    ]));
    expect(noSeal.some((l) => /seal L0|sealed/.test(l))).toBe(false);
    const weak = lines('weak-seal');
    expect(weak).toEqual(expect.arrayContaining([
      'Note over l2,v2: seal L1 v2→l2 lost (partition)', 'v2->>l1: seal L1', 'l1->>v2: sealed L1', 'l1->>v2: tail L1 = 1, sealed', 'l2->>v2: tail L1 = 1',
      'meta->>v2: won, chain v3 [s0@0 q1@0 s2@1]', 'Note over l1: crashed', 'seq->>l2: store 20 at L1:1', 'l2->>seq: stored L1:1', 'v1-->>c2: at 1 (L1:1)',
    ]));
    expect(weak.filter(Boolean).at(-1)).toMatch(/append 20 acknowledged at 1 on L1, past its sealed end 1 \(chain v3\)/);
    expect(lines('racing-reconfigurations')).toEqual(expect.arrayContaining([
      'meta->>v1: won, chain v2 [s0@0 q1@1]', 'meta->>v2: lost, chain v2 [s0@0 q1@1]', 'v2-->>admin2: lost, chain v2', 'v2-->>c2: at 1 (L1:0)',
    ]));
  });
});
