/**
 * The reconfiguration controller's rules, one message at a time (snippets/steady/controller.ts): which
 * requests it takes, each phase's messages, what moves it to the next phase (and what does not), the
 * next configuration it chooses, and its timers. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { newController, nextConfiguration, onControllerMessage, onControllerRequest, onControllerTick, type ControllerState } from '../../../snippets/steady/controller.ts';
import { steadyConfig } from '../../../snippets/steady/run-steady.ts';
import type { Configuration, SteadyMessage } from '../../../snippets/steady/types.ts';

const config = steadyConfig(1);
const e1 = config.initial;
type Result = ReturnType<typeof onControllerTick>;
const sends = (r: Result) => r.effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));
const replies = (r: Result) => r.effects.flatMap((e) => (e.kind === 'reply' ? [e.response] : []));
const reconfigure = (s: ControllerState, requestId = 1, remove: string | undefined = 'r2', client = 'admin') => onControllerRequest(config, s, client, requestId, { kind: 'reconfigure', remove });
const started = () => reconfigure(newController('k1', config, 2)).state;
const at = (s: ControllerState, from: string, m: SteadyMessage, cfg = config) => onControllerMessage(cfg, s, from, m);

/** Walks a reconfiguration without r2 from its start to the phase asked for. */
function walk(to: 'seal' | 'prepare' | 'cas' | 'activate', cfg = config): ControllerState {
  let s = reconfigure(newController('k1', cfg, 2)).state;
  s = at(s, 'cfg', { kind: 'config', op: 'k1.2.1', configuration: e1 }, cfg).state;
  if (to === 'seal') return s;
  s = at(s, 'r1', { kind: 'sealed', epoch: 1, op: 'k1.2.1', log: [7] }, cfg).state;
  if (to === 'prepare') return s;
  s = at(s, 'r1', { kind: 'prepared', epoch: 2, op: 'k1.2.1' }, cfg).state;
  s = at(s, 'r3', { kind: 'prepared', epoch: 2, op: 'k1.2.1' }, cfg).state;
  if (to === 'cas') return s;
  return at(s, 'cfg', { kind: 'config', op: 'k1.2.1', configuration: s.op!.phase.kind === 'cas' ? s.op!.phase.next : e1, won: true }, cfg).state;
}

describe('requests', () => {
  it('starts a reconfiguration with a fresh tag (id.boot.count) by reading the store', () => {
    const r = reconfigure(newController('k1', config, 2));
    expect(r.state.count).toBe(1);
    expect(r.state.op).toEqual({ tag: 'k1.2.1', client: 'admin', requestId: 1, remove: 'r2', phase: { kind: 'read' }, sinceSent: 0, age: 0 });
    expect(sends(r)).toEqual([{ to: 'cfg', message: { kind: 'read-config', op: 'k1.2.1' } }]);
  });

  it('refuses appends, drops a copy of the running one, answers another with busy, and a finished one with its answer again', () => {
    const s = started();
    expect(replies(onControllerRequest(config, s, 'c1', 1, { kind: 'append', value: 1 }))).toEqual([{ kind: 'not-primary' }]);
    expect(reconfigure(s)).toEqual({ state: s, effects: [] });
    expect(replies(reconfigure(s, 2))).toEqual([{ kind: 'busy' }]);
    expect(replies(reconfigure(s, 1, 'r2', 'admin2'))).toEqual([{ kind: 'busy' }]);
    const done = { ...newController('k1', config), last: { client: 'admin', requestId: 1, response: { kind: 'reconfigured' as const, won: true, epoch: 2 } } };
    expect(reconfigure(done)).toEqual({ state: done, effects: [{ kind: 'reply', client: 'admin', requestId: 1, response: { kind: 'reconfigured', won: true, epoch: 2 } }] });
    expect(reconfigure(done, 2).state.op?.tag).toBe('k1.0.1');
    expect(reconfigure(done, 1, 'r2', 'other').state.op?.tag).toBe('k1.0.1');
  });
});

describe('the phases', () => {
  it('read → seal: seals every replica of the epoch the store holds (or, without the seal, reads their tails)', () => {
    const r = at(started(), 'cfg', { kind: 'config', op: 'k1.2.1', configuration: e1 });
    expect(r.state.op!.phase).toEqual({ kind: 'seal', base: e1 });
    expect(sends(r)).toEqual([{ to: 'r1', message: { kind: 'seal', epoch: 1, op: 'k1.2.1' } }, { to: 'r2', message: { kind: 'seal', epoch: 1, op: 'k1.2.1' } }]);
    const loose = { ...config, seal: false };
    expect(sends(at(started(), 'cfg', { kind: 'config', op: 'k1.2.1', configuration: e1 }, loose))[0]).toEqual({ to: 'r1', message: { kind: 'read-tail', epoch: 1, op: 'k1.2.1' } });
  });

  it('answers for another tag, or messages without one, are ignored', () => {
    const s = started();
    expect(at(s, 'cfg', { kind: 'config', op: 'k1.2.9', configuration: e1 })).toEqual({ state: s, effects: [] });
    expect(at(s, 'r1', { kind: 'replicated', epoch: 1, length: 0 })).toEqual({ state: s, effects: [] });
    expect(at(newController('k1', config), 'cfg', { kind: 'config', op: 'k1.0.1', configuration: e1 })).toEqual({ state: newController('k1', config), effects: [] });
  });

  it('seal → prepare on one sealed replica of that epoch: the next epoch starts at its tail, and every new replica is sent it', () => {
    const s = walk('seal');
    const r = at(s, 'r1', { kind: 'sealed', epoch: 1, op: 'k1.2.1', log: [7, 8] });
    const next: Configuration = { epoch: 2, primary: 'r1', replicas: ['r1', 'r3'], start: 2, writer: 'k1.2.1' };
    expect(r.state.op!.phase).toEqual({ kind: 'prepare', base: e1, next, log: [7, 8], prepared: [], installed: false });
    expect(sends(r)).toEqual([{ to: 'r1', message: { kind: 'prepare', configuration: next, log: [7, 8] } }, { to: 'r3', message: { kind: 'prepare', configuration: next, log: [7, 8] } }]);
    // A tail (the no-seal variant) counts too; another epoch's, or a stranger's, does not.
    expect(at(s, 'r1', { kind: 'tail', epoch: 1, op: 'k1.2.1', log: [] }).state.op!.phase.kind).toBe('prepare');
    expect(at(s, 'r1', { kind: 'sealed', epoch: 0, op: 'k1.2.1', log: [] })).toEqual({ state: s, effects: [] });
    expect(at(s, 'r3', { kind: 'sealed', epoch: 1, op: 'k1.2.1', log: [] })).toEqual({ state: s, effects: [] });
  });

  it('prepare → cas once every new replica holds the tail, each counted once; then the store is asked over the old epoch', () => {
    let s = walk('prepare');
    s = at(s, 'r1', { kind: 'prepared', epoch: 2, op: 'k1.2.1' }).state;
    const again = at(s, 'r1', { kind: 'prepared', epoch: 2, op: 'k1.2.1' });
    expect(again.state.op!.phase).toMatchObject({ kind: 'prepare', prepared: ['r1'] });
    expect(at(s, 'r3', { kind: 'prepared', epoch: 3, op: 'k1.2.1' })).toEqual({ state: s, effects: [] });
    const r = at(s, 'r3', { kind: 'prepared', epoch: 2, op: 'k1.2.1' });
    expect(r.state.op!.phase.kind).toBe('cas');
    expect(sends(r)).toEqual([{ to: 'cfg', message: { kind: 'cas', op: 'k1.2.1', expected: 1, next: { epoch: 2, primary: 'r1', replicas: ['r1', 'r3'], start: 1, writer: 'k1.2.1' } } }]);
  });

  it('a prepare refused (someone reconfigured first) goes to the store, which will say so; once installed, it is done', () => {
    const s = walk('prepare');
    expect(at(s, 'r3', { kind: 'prepare-refused', epoch: 2, op: 'k1.2.1', at: 3 }).state.op!.phase.kind).toBe('cas');
    const installed = { ...s, op: { ...s.op!, phase: { ...(s.op!.phase as Extract<typeof s.op, object>['phase'] & { kind: 'prepare' }), installed: true } } } as ControllerState;
    expect(replies(at(installed, 'r3', { kind: 'prepare-refused', epoch: 2, op: 'k1.2.1', at: 3 }))).toEqual([{ kind: 'reconfigured', won: true, epoch: 2 }]);
  });

  it('cas → activate when the store says it won (with a note); a loser is told it lost and is done', () => {
    const s = walk('cas');
    const next = (s.op!.phase as { next: Configuration }).next;
    const won = at(s, 'cfg', { kind: 'config', op: 'k1.2.1', configuration: next, won: true });
    expect(won.effects[0]).toEqual({ kind: 'note', text: 'installed epoch 2: r1, r3, from 1' });
    expect(sends(won)).toEqual([{ to: 'r1', message: { kind: 'activate', epoch: 2, op: 'k1.2.1' } }]);
    const lost = at(s, 'cfg', { kind: 'config', op: 'k1.2.1', configuration: { ...next, writer: 'k2.0.1' }, won: false });
    expect(lost.state.op).toBeUndefined();
    expect(lost.state.last).toEqual({ client: 'admin', requestId: 1, response: { kind: 'reconfigured', won: false, epoch: 2 } });
    expect(replies(lost)).toEqual([{ kind: 'reconfigured', won: false, epoch: 2 }]);
  });

  it('activate → done when the primary starts; if it holds another tail, the installed one is handed out again', () => {
    const s = walk('activate');
    expect(replies(at(s, 'r1', { kind: 'activated', epoch: 2, op: 'k1.2.1', ok: true }))).toEqual([{ kind: 'reconfigured', won: true, epoch: 2 }]);
    const again = at(s, 'r1', { kind: 'activated', epoch: 2, op: 'k1.2.1', ok: false });
    expect(again.state.op!.phase).toMatchObject({ kind: 'prepare', prepared: [], installed: true });
    expect(sends(again).map((x) => x.to)).toEqual(['r1', 'r3']);
    // Once installed, all prepared goes straight back to activate.
    let p = again.state;
    p = at(p, 'r1', { kind: 'prepared', epoch: 2, op: 'k1.2.1' }).state;
    expect(sends(at(p, 'r3', { kind: 'prepared', epoch: 2, op: 'k1.2.1' }))).toEqual([{ to: 'r1', message: { kind: 'activate', epoch: 2, op: 'k1.2.1' } }]);
  });
});

describe('choosing the next configuration', () => {
  it('f + 1 replicas of the pool, starting at the one that gave the tail, without the one removed', () => {
    expect(nextConfiguration(config, e1, 'r2', 'r1', 3, 'w')).toEqual({ epoch: 2, primary: 'r2', replicas: ['r2', 'r3'], start: 3, writer: 'w' });
    expect(nextConfiguration(config, e1, 'r3', undefined, 0, 'w').replicas).toEqual(['r3', 'r1']);
    expect(nextConfiguration(config, e1, 'r1', 'r2', 0, 'w').replicas).toEqual(['r1', 'r3']);
    expect(nextConfiguration(steadyConfig(2), steadyConfig(2).initial, 'r2', 'r4', 0, 'w').replicas).toEqual(['r2', 'r3', 'r1']);
  });
});

describe('timers', () => {
  it('resends the phase every retryTicks, and gives up after opTicksMax', () => {
    let s = started();
    const resent: number[] = [];
    for (let t = 1; t <= 16; t++) {
      const r = onControllerTick(config, s);
      if (sends(r).length > 0) resent.push(t);
      s = r.state;
    }
    expect(resent).toEqual([8, 16]);
    expect(s.op).toMatchObject({ age: 16, sinceSent: 0 });
    const old = { ...started(), op: { ...started().op!, age: 119 } };
    const r = onControllerTick(config, old);
    expect(r.state.op).toBeUndefined();
    expect(replies(r)).toEqual([{ kind: 'gave-up' }]);
    expect(onControllerTick(config, { ...started(), op: { ...started().op!, age: 118 } }).state.op).toBeDefined();
    expect(onControllerTick(config, newController('k1', config))).toEqual({ state: newController('k1', config), effects: [] });
  });
});

describe('late answers of an earlier phase (session 17)', () => {
  it('a late "prepare refused" once the primary is being activated is ignored', () => {
    const s = walk('activate');
    expect(s.op!.phase.kind).toBe('activate');
    expect(at(s, 'r3', { kind: 'prepare-refused', epoch: 2, op: 'k1.2.1', at: 2 })).toEqual({ state: s, effects: [] });
  });

  it('a late "prepared" once the primary is being activated is ignored', () => {
    const s = walk('activate');
    expect(at(s, 'r3', { kind: 'prepared', epoch: 2, op: 'k1.2.1' })).toEqual({ state: s, effects: [] });
  });

  it('while the installed epoch\'s tail is handed out again, a copy of the primary\'s "no" neither counts as prepared nor restarts it', () => {
    const refused = at(walk('activate'), 'r1', { kind: 'activated', epoch: 2, op: 'k1.2.1', ok: false }).state;
    expect(refused.op!.phase).toMatchObject({ kind: 'prepare', installed: true, prepared: [] });
    const one = at(refused, 'r3', { kind: 'prepared', epoch: 2, op: 'k1.2.1' }).state;
    expect(at(one, 'r1', { kind: 'activated', epoch: 2, op: 'k1.2.1', ok: false })).toEqual({ state: one, effects: [] });
  });
});
