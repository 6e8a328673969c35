import { describe, expect, it } from 'vitest';
import { formatFailure, seeds, type Input, type RunResult } from '../../../snippets/sim/index.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { kvModel } from '../../../snippets/check/models/kv.ts';
import { checkVr, FAULTY, runVr, type VrRun } from '../../../snippets/vr/run-vr.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { chooseLog } from '../../../snippets/vr/view-change.ts';
import { anyLog, normalCase, recovery, recoveringTakesPart, scenarios, viewChange } from '../../../snippets/vr/scenarios.ts';
import { demo } from '../../../snippets/vr/demo.ts';
import { DEFAULT_CONFIG, type DoViewChange, type Entry, type ReplicaState, type VrTypes } from '../../../snippets/vr/types.ts';
import { seedCount } from '../../support/mutation-seeds.ts';

const explain = (result: RunResult<VrTypes>): string => (result.ok ? '' : formatFailure(result, 40));

/** Feeds inputs to one replica, returning its state and the effects of the last step. */
function drive(state: ReplicaState, ...inputs: Input<VrTypes>[]) {
  let effects: ReturnType<typeof replica.step>['effects'] = [];
  for (const input of inputs) ({ state, effects } = replica.step(state, input));
  return { state, effects };
}
const put = (requestId: number, requestNumber: number, value: number): Input<VrTypes> => ({
  kind: 'request',
  client: 'c1',
  requestId,
  request: { client: 'c1', requestNumber, op: { f: 'put', key: 'x', value } },
});
const prepareOk = (from: string, opNumber: number): Input<VrTypes> => ({ kind: 'message', from, message: { kind: 'prepare-ok', view: 0, opNumber, replica: from } });

describe('normal operation (VRR §4.1)', () => {
  it('the primary commits after f = 1 PrepareOK, replies, and an idle primary sends Commit', () => {
    const result = normalCase();
    expect(result.ok, explain(result)).toBe(true);
    const events = result.trace.events.map((e) => `${e.tick} ${e.node} ${e.kind} ${'label' in e ? e.label : ''}`);
    const replied = events.findIndex((e) => e.includes('reply') && e.includes('Reply(v=0, s=1'));
    const secondOk = events.filter((e) => e.includes('deliver') && e.includes('PrepareOK')).length;
    expect(replied).toBeGreaterThan(0);
    expect(secondOk).toBe(2);
    expect(events.findIndex((e) => e.includes('deliver') && e.includes('PrepareOK'))).toBeLessThan(replied);
    expect(events.some((e) => e.includes('Commit(v=0, k=1)'))).toBe(true);
    // Backups executed the put once they learned of the commit (step 7).
    for (const node of result.final.nodes) expect(node.state?.store).toEqual({ x: 1 });
  });

  it('the client table answers a retry of an executed request from the saved reply, without executing it again', () => {
    const r1 = replica.init('r1', ['r2', 'r3'], DEFAULT_CONFIG);
    const first = drive(r1, put(1, 1, 5), prepareOk('r2', 1));
    expect(first.effects).toContainEqual({ kind: 'reply', client: 'c1', requestId: 1, response: { view: 0, requestNumber: 1, result: null } });
    const retry = drive(first.state, put(2, 1, 5));
    expect(retry.effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 2, response: { view: 0, requestNumber: 1, result: null } }]);
    expect(retry.state.log).toHaveLength(1);
  });

  it('a retry of a request still being prepared is not appended again; the reply goes to the latest call', () => {
    const r1 = replica.init('r1', ['r2', 'r3'], DEFAULT_CONFIG);
    const pending = drive(r1, put(1, 1, 5), put(2, 1, 5));
    expect(pending.effects).toEqual([]);
    expect(pending.state.log).toHaveLength(1);
    const committed = drive(pending.state, prepareOk('r3', 1));
    expect(committed.effects.filter((e) => e.kind === 'reply').map((e) => (e.kind === 'reply' ? e.requestId : 0))).toEqual([2]);
  });

  it('a request older than the client\'s latest is dropped', () => {
    const r1 = replica.init('r1', ['r2', 'r3'], DEFAULT_CONFIG);
    const later = drive(r1, put(1, 2, 7), prepareOk('r2', 1), put(2, 1, 5));
    expect(later.effects).toEqual([]);
    expect(later.state.log).toHaveLength(1);
  });
});

describe('view changes (VRR §4.2)', () => {
  const dvc = (replica: string, lastNormalView: number, values: number[]): DoViewChange => ({
    kind: 'do-view-change',
    view: 6,
    log: values.map((value, i): Entry => ({ client: `c${value}`, requestNumber: 1, op: { f: 'put', key: 'x', value }, requestId: i })),
    lastNormalView,
    opNumber: values.length,
    commitNumber: 0,
    replica,
  });

  it('the log rule prefers the largest last-normal view over a longer log (the note\'s "comparing n alone")', () => {
    // B appended ops 17 and 18 in view 4 and was cut off; A and C committed a different op 17 in view 5.
    const b = dvc('B', 4, [1, 2]);
    const a = dvc('A', 5, [3]);
    expect(chooseLog([b, a]).replica).toBe('A');
    expect(chooseLog([a, b]).replica).toBe('A');
  });

  it('among logs from the same last-normal view, the longest wins', () => {
    expect(chooseLog([dvc('C', 4, [1]), dvc('A', 4, [1, 2])]).replica).toBe('A');
  });

  it('primary isolated before commit, n = 3: the new primary keeps the prepared put, commits it and answers the waiting client', () => {
    const result = viewChange();
    expect(result.ok, explain(result)).toBe(true);
    expect(result.history.map((op) => [op.op, op.returnTick !== undefined, (op.result as { result: unknown } | undefined)?.result])).toEqual([
      ['put', true, null],
      ['get', true, 1],
    ]);
    expect(checkVr(result).ok).toBe(true);
  });
});

describe('recovery without a disk (VRR §4.3)', () => {
  it('a restarted replica copies the primary\'s log from f + 1 answers to its nonce', () => {
    const result = recovery();
    expect(result.ok, explain(result)).toBe(true);
    const r3 = result.final.nodes.find((n) => n.id === 'r3')!;
    expect(r3.state?.status).toBe('normal');
    expect(r3.state?.log.map((e) => e.op)).toEqual([{ f: 'put', key: 'x', value: 1 }]);
  });

  it('answers to an earlier nonce are ignored, and a recovering replica answers nothing', () => {
    const r3 = replica.recover('r3', ['r1', 'r2'], DEFAULT_CONFIG, { restarts: 1 });
    expect(r3.status).toBe('recovering');
    expect(r3.nonce).toBe(2);
    const entry: Entry = { client: 'c1', requestNumber: 1, op: { f: 'put', key: 'x', value: 1 }, requestId: 1 };
    const response = (from: string, nonce: number): Input<VrTypes> => ({
      kind: 'message',
      from,
      message: {
        kind: 'recovery-response',
        view: 0,
        nonce,
        ...(from === 'r1' ? { primaryState: { log: [entry], opNumber: 1, commitNumber: 1 } } : {}),
        replica: from,
      },
    });
    const stale = drive(r3, response('r1', 1), response('r2', 1));
    expect(stale.state.status).toBe('recovering');
    const silent = drive(stale.state, { kind: 'message', from: 'r1', message: { kind: 'prepare', view: 0, entry, opNumber: 1, commitNumber: 0 } });
    expect(silent.effects).toEqual([]);
    const done = drive(stale.state, response('r2', 2), response('r1', 2));
    expect(done.state.status).toBe('normal');
    expect(done.state.store).toEqual({ x: 1 });
    expect(done.state.clientTable['c1']).toMatchObject({ requestNumber: 1, result: null });
  });
});

describe('safety and liveness under faults (VRR §8)', () => {
  const cases: Array<{ name: string; count: number; run: Omit<VrRun, 'seed'> }> = [
    { name: 'n = 3, loss, duplication, reordering, partitions, crashes that wipe memory', count: 500, run: { ...FAULTY } },
    { name: 'n = 5, up to f = 2 replicas crashed or recovering', count: 120, run: { n: 5, ...FAULTY, crashProbability: 0.02, safetyTicks: 150 } },
  ];
  it.each(cases)('$name: invariants hold after every step, the group recovers, and the history is linearizable', ({ count, run }) => {
    let answered = 0;
    const runs = seedCount(count); // all of them in npm test; fewer in a mutation run (docs/mutation.md)
    for (const seed of seeds(runs)) {
      const result = runVr({ ...run, seed });
      expect(result.ok, `seed ${seed}: ${explain(result)}`).toBe(true);
      const check = checkVr(result);
      expect(check.ok, `seed ${seed} is not linearizable:\n${check.ok ? '' : counterexampleText(kvModel, check.counterexample)}`).toBe(true);
      answered += result.history.filter((op) => op.returnTick !== undefined).length;
    }
    expect(answered).toBeGreaterThan(runs * 5); // the runs did real work
  });
});

/** The first seed whose run breaks an invariant or linearizability (not merely liveness), with what broke. */
function firstViolation(run: Omit<VrRun, 'seed'>, seedList: number[]) {
  for (const seed of seedList) {
    const result = runVr({ ...run, seed });
    if (!result.ok && result.kind !== 'no-progress') return { seed, text: `${result.message}\n${formatFailure(result, 30)}` };
    const check = checkVr(result);
    if (!check.ok) return { seed, text: counterexampleText(kvModel, check.counterexample) };
  }
  return undefined;
}

describe('broken variant (a): the new primary keeps its own log, not the §4.2 rule\'s choice', () => {
  it('the note\'s example: r2 starts view 1 without the committed put(x, 1); an invariant breaks', () => {
    const result = anyLog('own');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/committed operations survive .*r2, primary of view 1, has nothing at op-number 1/);
  });

  it('and the client sees it: get(x) returns null after put(x, 1) returned, which the checker rejects', () => {
    const check = checkVr(anyLog('own', false));
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : counterexampleText(kvModel, check.counterexample)).toMatch(/Cannot place: get\("x"\) → null/);
  });

  it('with the rule, the same run keeps the put and get(x) returns 1', () => {
    const result = anyLog('rule');
    expect(result.ok, explain(result)).toBe(true);
    expect(result.history.map((op) => (op.result as { result: unknown }).result)).toEqual([null, 1]);
  });

  it('random faulty runs find it too (prints the seed)', () => {
    const violation = firstViolation({ ...FAULTY, config: { logChoice: 'own' } }, seeds(60));
    expect(violation, 'no seed of 60 broke anything').toBeDefined();
    console.log(`logChoice 'own' broken at seed ${violation!.seed}:\n${violation!.text.split('\n')[0]}`);
  });
});

describe('broken variant (b): a recovering replica takes part before it has recovered (§4.3)', () => {
  it('r2 restarts empty, joins view 1 as its primary and drops the committed put(x, 1); an invariant breaks', () => {
    const result = recoveringTakesPart(true);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/r2, primary of view 1, has nothing at op-number 1/);
  });

  it('and the client sees it: get(x) returns null after put(x, 1) returned', () => {
    const check = checkVr(recoveringTakesPart(true, false));
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : counterexampleText(kvModel, check.counterexample)).toMatch(/Cannot place: get\("x"\) → null/);
  });

  it('staying silent, r2 waits for a primary that cannot answer: nothing is lost and get(x) is not answered', () => {
    const result = recoveringTakesPart(false);
    expect(result.ok, explain(result)).toBe(true);
    expect(result.final.nodes.find((n) => n.id === 'r2')!.state?.status).toBe('recovering');
    expect(result.history[1]!.returnTick).toBeUndefined();
  });

  it('random faulty runs find it too (prints the seed)', () => {
    const violation = firstViolation({ ...FAULTY, crashProbability: 0.03, config: { recoveringTakesPart: true } }, seeds(150));
    expect(violation, 'no seed of 150 broke anything').toBeDefined();
    console.log(`recoveringTakesPart broken at seed ${violation!.seed}:\n${violation!.text.split('\n')[0]}`);
  });
});

describe('demo and scenarios', () => {
  it('every scenario draws a Mermaid diagram', () => {
    for (const [name, draw] of Object.entries(scenarios)) expect(draw(), name).toMatch(/^sequenceDiagram/);
  });

  it('the demo prints the same bytes for the same seed, with a verdict', () => {
    const text = demo.run({ seed: 7, mermaid: false });
    expect(text).toBe(demo.run({ seed: 7, mermaid: false }));
    expect(text).toMatch(/\nVerdict: linearizable — \d+ client calls: /);
    expect(text).toMatch(/liveness held/);
  });
});
