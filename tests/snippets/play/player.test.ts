import { describe, expect, it } from 'vitest';
import { Player, PlayRun, type Frame, type RunSpec } from '../../../snippets/play/player.ts';
import type { PlayAction } from '../../../snippets/play/actions.ts';
import { vrPlay } from '../../../snippets/vr/play.ts';
import type { VrTypes } from '../../../snippets/vr/types.ts';

const ACTIONS: PlayAction[] = [
  { at: 5, kind: 'rates', lossPercent: 20, duplicatePercent: 10 },
  { at: 12, kind: 'drop', from: 'r1', to: 'r2' },
  { at: 20, kind: 'crash', node: 'r1' },
  { at: 35, kind: 'partition', groups: [['r2'], ['r3', 'c1']] },
  { at: 50, kind: 'heal' },
  { at: 60, kind: 'restart', node: 'r1' },
  { at: 70, kind: 'isolate', node: 'r3' },
];
const SPEC = { scenario: 'faulty', seed: 3, variant: undefined, actions: ACTIONS };

/** What a frame shows, without object identity. */
const shown = (frame: Frame<VrTypes>) => JSON.parse(JSON.stringify(frame)) as unknown;
const fresh = (step: number, spec: RunSpec = SPEC) => new PlayRun(vrPlay, spec).frame(step);

describe('the player replays exactly', () => {
  it('the state after N steps equals a fresh run’s, for every N up to 150, with every kind of action', () => {
    const run = new PlayRun(vrPlay, SPEC);
    for (const n of [0, 1, 4, 5, 6, 12, 13, 20, 21, 35, 36, 50, 60, 70, 71, 150]) {
      expect(shown(run.frame(n)), `step ${n}`).toEqual(shown(fresh(n)));
    }
    expect(run.ignored).toEqual([]);
    expect(run.recorded).toBeGreaterThanOrEqual(150);
  });

  it('the trace up to a step is the same whether the run stopped there or went on', () => {
    const long = new PlayRun(vrPlay, SPEC);
    long.frame(200);
    const short = new PlayRun(vrPlay, SPEC);
    const frame = short.frame(90);
    expect(long.frame(90).traceLength).toBe(frame.traceLength);
    expect(long.trace.events.slice(0, frame.traceLength)).toEqual(short.trace.events.slice(0, frame.traceLength));
  });

  it('step back then forward returns the same state', () => {
    const player = new Player(vrPlay, { ...SPEC, step: 40 });
    const at40 = shown(player.frame);
    player.back();
    expect(player.step).toBe(39);
    expect(shown(player.frame)).toEqual(shown(fresh(39)));
    player.forward();
    expect(shown(player.frame)).toEqual(at40);
  });

  it('actions change the run as the simulator says: a crash takes the node down, a drop loses one message, then the link works', () => {
    const run = new PlayRun(vrPlay, SPEC);
    expect(run.frame(19).view.nodes[0]!.up).toBe(true);
    expect(run.frame(20).view.nodes[0]!.up).toBe(false);
    const events = run.trace.events.slice(run.frame(12).traceLength);
    const drops = events.filter((e) => e.kind === 'drop' && e.reason === 'partition' && e.from === 'r1' && e.node === 'r2');
    expect(drops.length).toBeGreaterThanOrEqual(1);
    const lifted = events.findIndex((e) => e.kind === 'network' && e.text.startsWith('lift partition r1 → r2'));
    expect(lifted).toBeGreaterThan(events.indexOf(drops[0]!));
    // The one-way cut is gone once it has dropped its message (the faulty scenario's own random partitions
    // may still cut r1 from r2 later, so look at the rules rather than at later drops).
    const cut = (frame: Frame<VrTypes>) => frame.rules.some((r) => r.kind === 'partition' && r.oneWay && r.from.includes('r1') && r.to.includes('r2'));
    expect(cut(run.frame(12))).toBe(true);
    expect(cut(run.frame(19))).toBe(false);
    expect(run.frame(36).rules).toEqual([{ kind: 'partition', from: ['r2'], to: ['r3', 'c1'], oneWay: false }]);
    expect(run.frame(50).rules).toEqual([]);
  });

  it('without actions, the run does not depend on where the reader paused', () => {
    const plain = { ...SPEC, actions: [] };
    const player = new Player(vrPlay, { ...plain, step: 0 });
    for (let i = 0; i < 60; i++) player.forward();
    for (let i = 0; i < 25; i++) player.back();
    expect(shown(player.frame)).toEqual(shown(fresh(35, plain)));
  });

  it('acting at a step drops the actions after it and replays; an action that cannot apply is refused with the reason', () => {
    const player = new Player(vrPlay, { ...SPEC, step: 30 });
    expect(player.act({ kind: 'crash', node: 'r1' })).toMatch(/already down/);
    expect(player.act({ kind: 'crash', node: 'r2' })).toBeUndefined();
    expect(player.spec.actions.map((a) => a.at)).toEqual([5, 12, 20, 30]);
    expect(player.frame.view.nodes[1]!.up).toBe(false);
    expect(shown(player.frame)).toEqual(shown(fresh(30, { ...SPEC, actions: player.spec.actions })));
  });

  it('an action in a URL that cannot apply is ignored and reported, not thrown', () => {
    const run = new PlayRun(vrPlay, { ...SPEC, actions: [{ at: 2, kind: 'restart', node: 'r1' }, { at: 3, kind: 'crash', node: 'r9' }] });
    run.frame(5);
    expect(run.ignored.map((i) => i.reason)).toEqual(['restart(r1): it is up', 'unknown node or client "r9"']);
  });
});
