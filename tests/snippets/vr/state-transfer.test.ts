/**
 * Issue 29 §1: VRR §5.2 as worded lets a replica that hears of a later view claim it (status normal,
 * v′ = the new view) with its log cut to its commit-number, before NewState arrives; Vanlightly's TLA+
 * analysis (2022) showed this loses committed operations. The model waits in a state-transfer status
 * instead; the paper's wording stays as the broken variant `claim-view-at-once`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { formatFailure, seeds, type Input, type RunResult } from '../../../snippets/sim/index.ts';
import { counterexampleText } from '../../../snippets/check/counterexample.ts';
import { kvModel } from '../../../snippets/check/models/kv.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { checkVr, FAULTY, runVr } from '../../../snippets/vr/run-vr.ts';
import { stateTransfer } from '../../../snippets/vr/scenarios.ts';
import { demo } from '../../../snippets/vr/demo.ts';
import { DEFAULT_CONFIG, type Entry, type ReplicaState, type VrConfig, type VrTypes } from '../../../snippets/vr/types.ts';
import { seedCount } from '../../support/mutation-seeds.ts';

const explain = (result: RunResult<VrTypes>): string => (result.ok ? '' : formatFailure(result, 40));
const PAPER: Partial<VrConfig> = { stateTransfer: 'claim-view-at-once' };
/** One line per trace event, `tick node kind detail`, to look for the scenario's steps. */
const lines = (result: RunResult<VrTypes>) =>
  result.trace.events.map((e) => `${e.tick} ${e.node} ${e.kind} ${'label' in e ? e.label : ''}${'text' in e ? e.text : ''}${'reason' in e ? ` (${e.reason})` : ''}`);

describe('the issue\'s scenario, driven by the simulator\'s scenario actions', () => {
  it('happens as the issue tells it: r1 commits and answers, r2 starts view 1 without reaching r3, resends Prepare(v=1) and crashes', () => {
    for (const config of [PAPER, {}]) {
      const trace = lines(stateTransfer(config, false));
      expect(trace).toContain('4 r1 reply Reply(v=0, s=1, result=null)');
      expect(trace.some((l) => /^28 r2 note primary of view 1, op-number 1/.test(l))).toBe(true);
      expect(trace).toContain('28 r3 drop StartView(v=1, n=1, k=0) (partition)');
      expect(trace).toContain('38 r3 deliver Prepare(v=1, n=1, k=0, put(x,1))');
      expect(trace).toContain('39 r2 drop GetState(v=1, n=0) (crashed)');
      expect(trace).toContain('49 r1 send DoViewChange(v=2, v\'=0, n=1, k=1)');
    }
  });

  it('§5.2 as worded: r3 claims view 1 with an empty log, its DoViewChange (v′ = 1, n = 0) wins view 2, and the committed put is gone', () => {
    const result = stateTransfer(PAPER);
    expect(lines(result)).toContain('38 r3 note normal in view 1 at once: log cut to op-number 0, v\' = 1');
    expect(lines(result)).toContain('50 r3 note primary of view 2, op-number 0');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/committed operations survive .*: r3, primary of view 2, has nothing at op-number 1, where c1#1 was committed/);
  });

  it('and the client sees it: get(x) in view 2 returns null after put(x, 1) returned, which the checker rejects', () => {
    const result = stateTransfer(PAPER, false);
    expect(result.history.map((op) => (op.result as { result: unknown } | undefined)?.result)).toEqual([null, null]);
    const check = checkVr(result);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : counterexampleText(kvModel, check.counterexample)).toMatch(/Cannot place: get\("x"\) → null/);
  });

  it('with the fix, the same schedule: r3 waits for NewState keeping v′ = 0 and the put, view 2 keeps it, and get(x) returns 1', () => {
    const result = stateTransfer({});
    expect(result.ok, explain(result)).toBe(true);
    expect(lines(result)).toContain('38 r3 note state transfer to view 1: keeps v\' = 0, op-number 1 until NewState');
    expect(lines(result)).toContain('50 r3 note primary of view 2, op-number 1');
    expect(result.history.map((op) => (op.result as { result: unknown } | undefined)?.result)).toEqual([null, 1]);
    expect(checkVr(result).ok).toBe(true);
  });
});

describe('one replica, stepped by hand', () => {
  const entry = (value: number): Entry => ({ client: `c${value}`, requestNumber: 1, op: { f: 'put', key: 'x', value }, requestId: value });
  /** r3 in view 1's view change: it sent its DoViewChange with op 1 prepared in view 0, not committed. */
  const changing = (config: Partial<VrConfig> = {}): ReplicaState => ({
    ...replica.init('r3', ['r1', 'r2'], { ...DEFAULT_CONFIG, ...config }),
    view: 1,
    status: 'view-change',
    log: [entry(1)],
    sentDoViewChange: true,
  });
  const prepare = (view: number, opNumber: number, value: number): Input<VrTypes> => ({
    kind: 'message',
    from: 'r2',
    message: { kind: 'prepare', view, entry: entry(value), opNumber, commitNumber: 0 },
  });
  const step = (state: ReplicaState, input: Input<VrTypes>) => replica.step(state, input);

  it('a Prepare of the view it is changing to puts it in state transfer with its old v′ and log, and it asks the primary for everything after k', () => {
    const { state, effects } = step(changing(), prepare(1, 2, 2));
    expect(state).toMatchObject({ status: 'state-transfer', view: 1, lastNormalView: 0, transferView: 1, commitNumber: 0 });
    expect(state.log).toEqual([entry(1)]);
    expect(effects).toContainEqual({ kind: 'send', to: 'r2', message: { kind: 'get-state', view: 1, opNumber: 0, replica: 'r3' } });
  });

  it('while it waits, a view change it joins carries the old v′ and the whole log', () => {
    const waiting = step(changing(), prepare(1, 2, 2)).state;
    // r3 is the primary of view 2, so its own DoViewChange is counted in its state rather than sent.
    const { state } = step(waiting, { kind: 'message', from: 'r1', message: { kind: 'start-view-change', view: 2, replica: 'r1' } });
    expect(state.status).toBe('view-change');
    expect(state.doViewChanges.find((d) => d.replica === 'r3')).toMatchObject({ view: 2, lastNormalView: 0, opNumber: 1, log: [entry(1)] });
  });

  it('NewState ends it in one step: entries after k replaced by the new view\'s, normal in that view, v′ = that view, and a PrepareOK', () => {
    const waiting = step(changing(), prepare(1, 2, 2)).state;
    const newState: Input<VrTypes> = {
      kind: 'message',
      from: 'r2',
      message: { kind: 'new-state', view: 1, after: 0, entries: [entry(3), entry(2)], opNumber: 2, commitNumber: 1 },
    };
    const { state, effects } = step(waiting, newState);
    expect(state).toMatchObject({ status: 'normal', view: 1, lastNormalView: 1, commitNumber: 1, store: { x: 3 } });
    expect(state.log).toEqual([entry(3), entry(2)]);
    expect(effects).toContainEqual({ kind: 'send', to: 'r2', message: { kind: 'prepare-ok', view: 1, opNumber: 2, replica: 'r3' } });
  });

  it('an answer to another request (another view, or after another op-number) is ignored', () => {
    const waiting = step(changing(), prepare(1, 2, 2)).state;
    const answer = (view: number, after: number): Input<VrTypes> => ({
      kind: 'message',
      from: 'r2',
      message: { kind: 'new-state', view, after, entries: [entry(3)], opNumber: after + 1, commitNumber: 0 },
    });
    expect(step(waiting, answer(2, 0)).state).toBe(waiting);
    expect(step(waiting, answer(1, 1)).state).toBe(waiting);
  });

  it('§5.2 as worded (the broken variant): the same Prepare leaves it normal in view 1, v′ = 1, with its log cut to k', () => {
    const { state } = step(changing(PAPER), prepare(1, 2, 2));
    expect(state).toMatchObject({ status: 'normal', view: 1, lastNormalView: 1 });
    expect(state.log).toEqual([]);
  });
});

describe('random runs', () => {
  const HARSH = {
    network: { delayTicksMin: 1, delayTicksMax: 6, lossProbability: 0.3, duplicateProbability: 0.05, reorder: true },
    faults: { partition: { probabilityPerTick: 0.05, durationTicksMin: 5, durationTicksMax: 40, oneWayProbability: 0.5 } },
    crashProbability: 0.05,
    safetyTicks: 300,
  };

  it('with the fix, a harsher fault mix (30% loss, crashes and partitions at 5% a tick, 300 ticks) stays safe and linearizable', () => {
    for (const seed of seeds(seedCount(150))) {
      const result = runVr({ ...HARSH, seed });
      expect(result.ok, `seed ${seed}: ${explain(result)}`).toBe(true);
      const check = checkVr(result);
      expect(check.ok, `seed ${seed} is not linearizable:\n${check.ok ? '' : counterexampleText(kvModel, check.counterexample)}`).toBe(true);
    }
  });

  it('the tests\' fault mix with the paper\'s wording loses a committed operation at seed 512 (the seed the note gives); the fix keeps it', () => {
    const broken = runVr({ ...FAULTY, seed: 512, config: { stateTransfer: 'claim-view-at-once' } });
    expect(broken.ok ? '' : broken.message).toMatch(/r2, primary of view 4, has nothing at op-number 15/);
    const fixed = runVr({ ...FAULTY, seed: 512 });
    expect(fixed.ok, explain(fixed)).toBe(true);
  });
});

describe('npm run snippet -- vr --variant claim-view-at-once --scenario state-transfer', () => {
  it('prints the run stopping where the committed put disappears; without the variant the same script is linearizable', () => {
    const broken = demo.run({ seed: 1, mermaid: false, variant: 'claim-view-at-once', scenario: 'state-transfer' });
    expect(broken).toMatch(/\nRunning variant claim-view-at-once: state transfer as VRR §5\.2 words it/);
    expect(broken).toMatch(/\nRun: FAILED in the safety phase at tick 50: .*r3, primary of view 2, has nothing at op-number 1, where c1#1 was committed/);
    const fixed = demo.run({ seed: 1, mermaid: false, scenario: 'state-transfer' });
    expect(fixed).toMatch(/\nRun: invariants held after every step of the script/);
    expect(fixed).toMatch(/\nVerdict: linearizable — 2 client calls: 2 completed/);
  });

  it('a random run takes the variant too, and says so', () => {
    expect(demo.run({ seed: 1, mermaid: false, variant: 'claim-view-at-once' })).toMatch(/\nRunning variant claim-view-at-once: /);
  });

  it('an unknown variant or scenario stops with exit code 2 and the names the model offers', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['snippets/cli/run-snippet.ts', 'vr', ...args], { encoding: 'utf8' });
    const variant = run('--variant', 'paper');
    expect(variant.status).toBe(2);
    expect(variant.stderr).toMatch(/vr has no variant "paper"\. Its variants:\n(?: {2}.*\n)*? {2}claim-view-at-once +unsafe: /);
    const scenario = run('--scenario', 'nope');
    expect(scenario.status).toBe(2);
    expect(scenario.stderr).toContain('\n  state-transfer  ');
  });
});
