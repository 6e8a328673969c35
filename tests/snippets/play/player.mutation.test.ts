import { describe, expect, it } from 'vitest';
import { Player, PlayRun, type Frame } from '../../../snippets/play/player.ts';
import type { PlayAction } from '../../../snippets/play/actions.ts';
import type { PlayDescriptor, PlayScenario, ScenarioControls } from '../../../snippets/play/descriptor.ts';
import { scenarioFromRun } from '../../../snippets/play/from-run.ts';
import { vrPlay } from '../../../snippets/vr/play.ts';
import { toEnd } from './played.ts';
import type { VrTypes } from '../../../snippets/vr/types.ts';

const spec = (scenario: string, actions: PlayAction[] = [], variant?: string) => ({ scenario, seed: 1, variant, actions });
const oneWay = (frame: Frame<VrTypes>, from: string, to: string) => frame.rules.some((r) => r.kind === 'partition' && r.oneWay && r.from.includes(from) && r.to.includes(to));
const partitionDrops = (run: PlayRun<VrTypes>, from: string, to: string) => run.trace.events.filter((e) => e.kind === 'drop' && e.reason === 'partition' && e.from === from && e.node === to);

describe('a new run, before any step', () => {
  it('has recorded step 0 only, at tick 0, and knows the model’s nodes in order', () => {
    const run = new PlayRun(vrPlay, spec('normal-case'));
    expect(run.recorded).toBe(0);
    expect(run.frame(0)).toMatchObject({ step: 0, tick: 0 });
    expect(run.nodes).toEqual(['r1', 'r2', 'r3']);
  });

  it('applies the actions at step 0 before the first step', () => {
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: 0, kind: 'crash', node: 'r2' }]));
    expect(run.frame(0).view.nodes[1]!.up).toBe(false);
  });

  it('applies a URL’s actions in step order, whatever order they are listed in', () => {
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: 9, kind: 'crash', node: 'r1' }, { at: 2, kind: 'crash', node: 'r3' }, { at: 5, kind: 'crash', node: 'r2' }]));
    const up = (step: number) => run.frame(step).view.nodes.map((n) => n.up);
    expect(up(2)).toEqual([true, true, false]);
    expect(up(5)).toEqual([true, false, false]);
    expect(up(9)).toEqual([false, false, false]);
    expect(run.ignored).toEqual([]);
  });
});

describe('the end of a run', () => {
  it('stops at the descriptor’s maxTicks: no event after it', () => {
    const run = new PlayRun({ ...vrPlay, maxTicks: 6 }, spec('faulty'));
    const last = toEnd(run);
    expect(last.tick).toBeLessThanOrEqual(6);
    expect(run.trace.events.every((e) => e.tick <= 6)).toBe(true);
  });

  it('ends as soon as the step that broke an invariant is shown', () => {
    const broken = toEnd(new PlayRun(vrPlay, spec('any-log', [], 'new-primary-keeps-own-log')));
    expect(broken.failure).toBeDefined();
    const run = new PlayRun(vrPlay, spec('any-log', [], 'new-primary-keeps-own-log'));
    expect(run.frame(broken.step).failure).toBeDefined();
    expect(run.ended).toBe(true);
  });

  it('at the end a step forward changes nothing (atEnd), before it it does', () => {
    const player = new Player({ ...vrPlay, maxTicks: 6 }, { ...spec('normal-case'), step: 0 });
    expect(player.atEnd).toBe(false);
    let guard = 0;
    while (!player.atEnd && guard++ < 500) player.forward();
    const step = player.step;
    expect(step).toBeGreaterThan(0);
    expect(player.forward().step).toBe(step);
    expect(player.atEnd).toBe(true);
  });

  it('an action at or after the failing step is refused: the run has already failed', () => {
    const broken = toEnd(new PlayRun(vrPlay, spec('any-log', [], 'new-primary-keeps-own-log')));
    const player = new Player(vrPlay, { ...spec('any-log', [], 'new-primary-keeps-own-log'), step: broken.step });
    expect(player.act({ kind: 'crash', node: 'r2' })).toBe('the run has already failed');
  });
});

describe('the history check', () => {
  it('runs once for each step in which a call returned, never twice for the same returns', () => {
    const seen: number[] = [];
    const counting: PlayDescriptor<VrTypes> = {
      ...vrPlay,
      checkHistory: (history) => {
        seen.push(history.filter((op) => op.returnTick !== undefined).length);
        return undefined;
      },
    };
    toEnd(new PlayRun({ ...counting, maxTicks: 120 }, spec('faulty')));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual(seen.map((_, i) => i + 1));
  });
});

describe('the reader’s actions', () => {
  it('a restart brings a crashed node back', () => {
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: 2, kind: 'crash', node: 'r3' }, { at: 4, kind: 'restart', node: 'r3' }]));
    expect(run.frame(3).view.nodes[2]!.up).toBe(false);
    expect(run.frame(4).view.nodes[2]!.up).toBe(true);
  });

  it('rates set the loss: at 100 % every message is lost and no call is answered', () => {
    const run = new PlayRun({ ...vrPlay, maxTicks: 60 }, spec('normal-case', [{ at: 0, kind: 'rates', lossPercent: 100, duplicatePercent: 0 }]));
    const last = toEnd(run);
    expect(run.trace.events.some((e) => e.kind === 'drop' && e.reason === 'loss')).toBe(true);
    expect(run.trace.events.some((e) => e.kind === 'deliver')).toBe(false);
    expect(last.view.history.every((op) => op.returnTick === undefined)).toBe(true);
  });

  it('a drop must name two endpoints of the run, and two different ones', () => {
    const player = new Player(vrPlay, { ...spec('normal-case'), step: 2 });
    expect(player.act({ kind: 'drop', from: 'r1', to: 'r9' })).toBe('unknown node or client "r9"');
    expect(player.act({ kind: 'drop', from: 'r1', to: 'r1' })).toBe('drop: r1 → r1 is not a link');
  });

  it('two drops at once are each lifted, once, when their own link drops a message', () => {
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: 0, kind: 'drop', from: 'c1', to: 'r1' }, { at: 0, kind: 'drop', from: 'r1', to: 'r2' }]));
    const last = run.frame(60);
    const lifts = (from: string, to: string) => run.trace.events.filter((e) => e.kind === 'network' && e.text.startsWith(`lift partition ${from} → ${to}`));
    expect(partitionDrops(run, 'c1', 'r1').length).toBe(1);
    expect(partitionDrops(run, 'r1', 'r2').length).toBe(1);
    expect(lifts('c1', 'r1').length).toBe(1);
    expect(lifts('r1', 'r2').length).toBe(1);
    expect(oneWay(last, 'c1', 'r1') || oneWay(last, 'r1', 'r2')).toBe(false);
  });

  it('a second drop on the same link, once the first is lifted, loses one message and is lifted in turn', () => {
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: 0, kind: 'drop', from: 'r1', to: 'r2' }, { at: 20, kind: 'drop', from: 'r1', to: 'r2' }]));
    const last = run.frame(80);
    expect(partitionDrops(run, 'r1', 'r2').length).toBe(2);
    expect(run.trace.events.filter((e) => e.kind === 'network' && e.text.startsWith('lift partition r1 → r2')).length).toBe(2);
    expect(oneWay(last, 'r1', 'r2')).toBe(false);
  });

  it('a message lost because its receiver crashed does not lift a drop: only a message the drop itself loses does', () => {
    const plain = new PlayRun(vrPlay, spec('normal-case'));
    let step = 0;
    while (!plain.frame(step).inFlight.some((m) => m.envelope.from === 'r1' && m.envelope.to === 'r2')) step++;
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: step, kind: 'drop', from: 'r1', to: 'r2' }, { at: step, kind: 'crash', node: 'r2' }]));
    const frame = run.frame(step);
    expect(run.trace.events.slice(0, frame.traceLength).some((e) => e.kind === 'drop' && e.reason === 'crashed' && e.from === 'r1' && e.node === 'r2')).toBe(true);
    expect(oneWay(frame, 'r1', 'r2')).toBe(true);
  });

  it('a drop stays in place while other links from the same sender lose messages', () => {
    // r1 is isolated, so c1's put to r1 is lost at tick 1; c1 never sends to r2, so the drop c1 → r2 must stay.
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: 0, kind: 'isolate', node: 'r1' }, { at: 0, kind: 'drop', from: 'c1', to: 'r2' }]));
    const frame = run.frame(5);
    expect(partitionDrops(run, 'c1', 'r1').length).toBeGreaterThan(0);
    expect(oneWay(frame, 'c1', 'r2')).toBe(true);
    expect(run.trace.events.some((e) => e.kind === 'network' && e.text.startsWith('lift'))).toBe(false);
  });

  it('a drop on one link is not lifted by a message lost on another link from the same node', () => {
    // r2 is isolated, so r1's Prepare to r2 is lost first; the one to r3 must still be the one the drop loses.
    const run = new PlayRun(vrPlay, spec('normal-case', [{ at: 0, kind: 'isolate', node: 'r2' }, { at: 0, kind: 'drop', from: 'r1', to: 'r3' }]));
    run.frame(10);
    const prepares = run.trace.events.filter((e) => e.tick === 2 && e.kind === 'drop' && e.from === 'r1');
    expect(prepares.map((e) => e.node)).toEqual(['r2', 'r3']);
    expect(partitionDrops(run, 'r1', 'r3').length).toBe(1);
  });
});

describe('the reader’s calls, refused', () => {
  it('a model that offers no calls says so', () => {
    const { clientCalls: _offered, ...silent }: PlayDescriptor<VrTypes> = vrPlay;
    const player = new Player(silent, { ...spec('normal-case'), step: 2 });
    expect(player.act({ kind: 'call', call: 'put', to: 'r1', value: 1 })).toBe('call: the model offers no call "put" (none)');
  });

  it('a call the model does not offer is refused with the calls it does offer', () => {
    const player = new Player(vrPlay, { ...spec('normal-case'), step: 2 });
    expect(player.act({ kind: 'call', call: 'delete', to: 'r1' })).toBe('call: the model offers no call "delete" (put, get)');
  });

  it('a call to an endpoint the run does not have names it as unknown', () => {
    const player = new Player(vrPlay, { ...spec('normal-case'), step: 2 });
    expect(player.act({ kind: 'call', call: 'get', to: 'r9' })).toBe('unknown node or client "r9"');
  });

  it('a URL whose only call was refused plays the very run it would without it: the reader’s client changes no other client’s stream', () => {
    const plain = new PlayRun(vrPlay, spec('faulty'));
    const refused = new PlayRun(vrPlay, spec('faulty', [{ at: 3, kind: 'call', call: 'put', to: 'c1', value: 1 }]));
    const a = plain.frame(300);
    const b = refused.frame(300);
    expect(refused.ignored.map((i) => i.reason)).toEqual(['call: "c1" is not a node']);
    expect(b.step).toBe(a.step);
    expect(refused.trace.events.slice(0, b.traceLength)).toEqual(plain.trace.events.slice(0, a.traceLength));
    expect(a.view.history.length).toBeGreaterThan(4);
  });

  it('so does one with crashes, injected ones cutting a step short included', () => {
    const faulty = vrPlay.scenarios.find((s) => s.id === 'faulty')!;
    const crashing: PlayScenario<VrTypes> = { ...faulty, id: 'crashing', faults: { ...faulty.faults, crash: { probabilityPerTick: 0.05, downTicksMin: 3, downTicksMax: 8, betweenEffectsProbability: 0.2 } } };
    const descriptor = { ...vrPlay, scenarios: [crashing] };
    const plain = new PlayRun(descriptor, spec('crashing'));
    const refused = new PlayRun(descriptor, spec('crashing', [{ at: 3, kind: 'call', call: 'put', to: 'c1', value: 1 }]));
    const a = plain.frame(300);
    const b = refused.frame(300);
    expect(plain.trace.events.some((e) => e.kind === 'drop' && e.reason === 'crashed')).toBe(true);
    expect(refused.trace.events.slice(0, b.traceLength)).toEqual(plain.trace.events.slice(0, a.traceLength));
  });
});

describe('the reader’s session (Player)', () => {
  it('acting drops the actions after the current step and keeps the ones before it', () => {
    const player = new Player(vrPlay, { ...spec('normal-case', [{ at: 3, kind: 'crash', node: 'r3' }, { at: 20, kind: 'restart', node: 'r3' }]), step: 10 });
    expect(player.act({ kind: 'heal' })).toBeUndefined();
    expect(player.spec.actions).toEqual([{ at: 3, kind: 'crash', node: 'r3' }, { at: 10, kind: 'heal' }]);
    expect(player.step).toBe(10);
  });

  it('an earlier action the run ignored does not stop a new one', () => {
    const player = new Player(vrPlay, { ...spec('normal-case', [{ at: 2, kind: 'restart', node: 'r1' }]), step: 5 });
    expect(player.run.ignored.map((i) => i.reason)).toEqual(['restart(r1): it is up']);
    expect(player.act({ kind: 'crash', node: 'r2' })).toBeUndefined();
    expect(player.frame.view.nodes[1]!.up).toBe(false);
  });

  it('a restart starts another run from step 0 without the reader’s actions', () => {
    const player = new Player(vrPlay, { ...spec('normal-case', [{ at: 3, kind: 'crash', node: 'r3' }]), step: 10 });
    player.restart({ scenario: 'recovery', seed: 2, variant: undefined });
    expect(player.step).toBe(0);
    expect(player.spec).toEqual({ scenario: 'recovery', seed: 2, variant: undefined, actions: [], step: 0 });
    expect(player.frame.view.nodes.every((n) => n.up)).toBe(true);
  });
});

describe('a scenario’s script (ScenarioControls)', () => {
  it('sees the clock and the nodes before tick 1, and can isolate a node later on', () => {
    const base = vrPlay.scenarios.find((s) => s.id === 'normal-case')!;
    const seen: string[] = [];
    const scripted: PlayScenario<VrTypes> = {
      ...base,
      id: 'scripted',
      setup: (c: ScenarioControls<VrTypes>) => {
        seen.push(`now ${c.now}`, `nodes ${c.view().nodes.map((n) => n.id).join(' ')}`);
        c.at(3, (later) => void later.isolate('r3'));
      },
    };
    const run = new PlayRun({ ...vrPlay, scenarios: [scripted] }, spec('scripted'));
    expect(seen).toEqual(['now 0', 'nodes r1 r2 r3']);
    expect(run.frame(0).rules).toEqual([]);
    let frame = run.frame(0);
    while (frame.tick < 4) frame = run.frame(frame.step + 1);
    expect(frame.rules).toEqual([{ kind: 'isolate', node: 'r3' }]);
  });
});

describe('unknown scenarios and variants', () => {
  it('a URL naming a scenario the model does not have lists the ones it has', () => {
    expect(() => new PlayRun(vrPlay, spec('nope'))).toThrow('vr: no scenario "nope" (normal-case, view-change, recovery, any-log, recovering, faulty)');
  });

  it('a URL naming a variant the model does not have lists the ones it has', () => {
    expect(() => new PlayRun(vrPlay, spec('normal-case', [], 'nope'))).toThrow('vr: no variant "nope" (new-primary-keeps-own-log, recovering-replica-takes-part)');
  });
});

describe('a scenario made from a scripted run (scenarioFromRun)', () => {
  it('a run without clients gives a scenario with none', () => {
    const base = vrPlay.scenarios[0]!;
    const scenario = scenarioFromRun<VrTypes>({ id: 'x', label: 'X', description: 'no clients' }, () => ({ model: vrPlay.model, nodes: base.nodes, config: base.config, seed: 1, safetyTicks: 30 }));
    expect(scenario.clients()).toEqual([]);
    expect(scenario.ticks).toBe(30);
  });
});
