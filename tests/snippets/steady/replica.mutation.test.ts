/**
 * A replica's and the configuration store's rules, one message at a time (snippets/steady/replica.ts,
 * config-store.ts): who may append, when an append is acknowledged, what a backup takes, what a seal,
 * a prepare and an activation do, and the store's compare-and-set. Written for mutation testing
 * (docs/mutation.md): the seeded suites run these paths without pinning them.
 */
import { describe, expect, it } from 'vitest';
import { newReplica, onAppend, onReplicaMessage, onReplicaRestart, onReplicaTick, type ReplicaState } from '../../../snippets/steady/replica.ts';
import { newStore, onStoreMessage } from '../../../snippets/steady/config-store.ts';
import { steadyConfig } from '../../../snippets/steady/run-steady.ts';
import type { Configuration, SteadyConfig, SteadyMessage } from '../../../snippets/steady/types.ts';

const config = steadyConfig(1);
const e1 = config.initial;
const e2: Configuration = { epoch: 2, primary: 'r1', replicas: ['r1', 'r3'], start: 1, writer: 'k1.1.1' };
type Result = ReturnType<typeof onAppend>;
const sends = (r: Result) => r.effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));
const replies = (r: Result) => r.effects.flatMap((e) => (e.kind === 'reply' ? [{ client: e.client, requestId: e.requestId, response: e.response }] : []));
const kinds = (r: Result) => r.effects.map((e) => e.kind);
const msg = (cfg: SteadyConfig, s: ReplicaState, from: string, m: SteadyMessage) => onReplicaMessage(cfg, s, s.id, from, m);

describe('a new replica', () => {
  it('a member of the first epoch starts active in it; the primary leads with its backups at its log end; a spare has no epoch', () => {
    const r1 = newReplica('r1', config);
    expect(r1).toMatchObject({ epoch: 1, configuration: e1, sealed: false, active: true, log: [], lead: { matched: { r2: 0 }, committed: 0, waiting: [], sinceSent: 0 }, late: [] });
    expect(newReplica('r2', config)).toMatchObject({ epoch: 1, active: true, lead: undefined });
    expect(newReplica('r3', config)).toMatchObject({ epoch: 0, configuration: undefined, active: false, lead: undefined });
  });

  it('a restarted primary trusts nothing its backups held until they answer, and asks each from its tail', () => {
    const r1 = newReplica('r1', config, { role: 'replica', epoch: 1, configuration: e1, sealed: false, active: true, log: [4, 5] });
    expect(r1.lead).toEqual({ matched: { r2: 0 }, committed: 0, waiting: [], sinceSent: 0 });
    expect(sends(onReplicaRestart(r1))).toEqual([{ to: 'r2', message: { kind: 'replicate', epoch: 1, writer: 'init', from: 2, entries: [] } }]);
    expect(onReplicaRestart(newReplica('r2', config))).toEqual({ state: newReplica('r2', config), effects: [] });
    // A sealed primary does not lead after a restart.
    expect(newReplica('r1', config, { role: 'replica', epoch: 1, configuration: e1, sealed: true, active: true, log: [] }).lead).toBeUndefined();
  });
});

describe('an append', () => {
  it('at a replica that is not the working primary is refused, naming the primary it knows (not itself)', () => {
    expect(replies(onAppend(config, newReplica('r2', config), 'c1', 1, 7))).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'not-primary', primary: 'r1' } }]);
    expect(replies(onAppend(config, newReplica('r3', config), 'c1', 1, 7))).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'not-primary', primary: undefined } }]);
    const sealed = { ...newReplica('r1', config), sealed: true };
    expect(replies(onAppend(config, sealed, 'c1', 1, 7))).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'not-primary', primary: undefined } }]);
  });

  it('at the primary: on disk first, then to every backup from what it holds; acknowledged only once every backup has it', () => {
    const r = onAppend(config, newReplica('r1', config), 'c1', 1, 7);
    expect(kinds(r)).toEqual(['persist', 'send']);
    expect(sends(r)).toEqual([{ to: 'r2', message: { kind: 'replicate', epoch: 1, writer: 'init', from: 0, entries: [7] } }]);
    expect(r.state.lead).toMatchObject({ committed: 0, waiting: [{ value: 7, pos: 0, client: 'c1', requestId: 1 }] });
    const acked = msg(config, r.state, 'r2', { kind: 'replicated', epoch: 1, length: 1 });
    expect(replies(acked)).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'appended', pos: 0, epoch: 1 } }]);
    expect(acked.state.lead).toMatchObject({ committed: 1, waiting: [], matched: { r2: 1 } });
  });

  it('without write-all (the broken variant) the primary acknowledges alone', () => {
    const early = { ...config, waitForAll: false };
    expect(replies(onAppend(early, newReplica('r1', early), 'c1', 1, 7))).toEqual([{ client: 'c1', requestId: 1, response: { kind: 'appended', pos: 0, epoch: 1 } }]);
  });

  it('with f = 2 it waits for both backups', () => {
    const f2 = steadyConfig(2);
    let s = onAppend(f2, newReplica('r1', f2), 'c1', 1, 7).state;
    const one = msg(f2, s, 'r2', { kind: 'replicated', epoch: 1, length: 1 });
    expect(replies(one)).toEqual([]);
    s = one.state;
    expect(replies(msg(f2, s, 'r3', { kind: 'replicated', epoch: 1, length: 1 }))).toHaveLength(1);
  });

  it('a copy of an append in flight is dropped; a resend of one already acknowledged is answered from its place; one still waiting is resent, not appended twice', () => {
    const first = onAppend(config, newReplica('r1', config), 'c1', 1, 7).state;
    expect(onAppend(config, first, 'c1', 1, 7)).toEqual({ state: first, effects: [] });
    const resent = onAppend(config, first, 'c1', 2, 7);
    expect(resent.state.log).toEqual([7]);
    expect(kinds(resent)).toEqual(['send']);
    expect(resent.state.lead!.waiting.map((w) => w.pos)).toEqual([0, 0]);
    const done = msg(config, first, 'r2', { kind: 'replicated', epoch: 1, length: 1 }).state;
    expect(onAppend(config, done, 'c1', 3, 7).effects).toEqual([{ kind: 'reply', client: 'c1', requestId: 3, response: { kind: 'appended', pos: 0, epoch: 1 } }]);
  });
});

describe('a backup', () => {
  const r2 = () => newReplica('r2', config);
  const replicate = (o: Partial<Extract<SteadyMessage, { kind: 'replicate' }>> = {}): SteadyMessage => ({ kind: 'replicate', epoch: 1, writer: 'init', from: 0, entries: [7], ...o });

  it('takes entries from its epoch\'s primary onto disk and says how much it holds', () => {
    const r = msg(config, r2(), 'r1', replicate());
    expect(r.state.log).toEqual([7]);
    expect(kinds(r)).toEqual(['persist', 'send']);
    expect(sends(r)).toEqual([{ to: 'r1', message: { kind: 'replicated', epoch: 1, length: 1 } }]);
    // Overlapping: it keeps what it has up to `from` and takes the rest.
    expect(msg(config, { ...r2(), log: [7, 9] }, 'r1', replicate({ from: 1, entries: [8, 10] })).state.log).toEqual([7, 8, 10]);
  });

  it('refuses another epoch, another writer, or once sealed, saying so', () => {
    for (const [state, m] of [[r2(), replicate({ epoch: 2 })], [r2(), replicate({ writer: 'k1.1.1' })], [{ ...r2(), sealed: true }, replicate()]] as const) {
      expect(msg(config, state, 'r1', m)).toEqual({ state, effects: [{ kind: 'send', to: 'r1', message: { kind: 'refused', epoch: 1, sealed: state.sealed } }] });
    }
  });

  it('a gap or nothing new: answers its length, and an inactive backup becomes active (on disk)', () => {
    const inactive = { ...r2(), active: false, log: [1] };
    const gap = msg(config, inactive, 'r1', replicate({ from: 3 }));
    expect(gap.state).toEqual({ ...inactive, active: true });
    expect(gap.effects).toEqual([{ kind: 'persist', durable: { role: 'replica', epoch: 1, configuration: e1, sealed: false, active: true, log: [1] } }, { kind: 'send', to: 'r1', message: { kind: 'replicated', epoch: 1, length: 1 } }]);
    const old = msg(config, { ...r2(), log: [7] }, 'r1', replicate({ from: 0, entries: [7] }));
    expect(old.effects).toEqual([{ kind: 'send', to: 'r1', message: { kind: 'replicated', epoch: 1, length: 1 } }]);
    // An empty replicate at its length is nothing new too.
    expect(kinds(msg(config, r2(), 'r1', replicate({ entries: [] })))).toEqual(['send']);
  });
});

describe('the primary hears back', () => {
  const leading = () => onAppend(config, newReplica('r1', config), 'c1', 1, 7).state;

  it('a backup that lacks entries is sent the rest at once; answers from another epoch or a stranger are ignored', () => {
    const s = { ...leading(), log: [7, 8] };
    expect(sends(msg(config, s, 'r2', { kind: 'replicated', epoch: 1, length: 1 }))).toEqual([{ to: 'r2', message: { kind: 'replicate', epoch: 1, writer: 'init', from: 1, entries: [8] } }]);
    expect(msg(config, s, 'r2', { kind: 'replicated', epoch: 2, length: 2 })).toEqual({ state: s, effects: [] });
    expect(msg(config, s, 'r3', { kind: 'replicated', epoch: 1, length: 2 })).toEqual({ state: s, effects: [] });
    expect(msg(config, newReplica('r2', config), 'r1', { kind: 'replicated', epoch: 1, length: 2 }).effects).toEqual([]);
    // What a backup holds never goes back.
    const ahead = msg(config, s, 'r2', { kind: 'replicated', epoch: 1, length: 2 }).state;
    expect(msg(config, ahead, 'r2', { kind: 'replicated', epoch: 1, length: 1 }).state.lead!.matched.r2).toBe(2);
  });

  it('a refusal from a backup that moved on or is sealed stops the primary; one from a racing prepare is answered with this epoch\'s log', () => {
    const s = leading();
    const sealed = msg(config, s, 'r2', { kind: 'refused', epoch: 1, sealed: true });
    expect(sealed.state.lead).toBeUndefined();
    expect(sealed.effects).toEqual([{ kind: 'note', text: 'fenced: r2 is sealed' }]);
    expect(msg(config, s, 'r2', { kind: 'refused', epoch: 2, sealed: false }).effects).toEqual([{ kind: 'note', text: 'fenced: r2 is in epoch 2' }]);
    expect(msg(config, s, 'r2', { kind: 'refused', epoch: 1, sealed: false }).effects).toEqual([{ kind: 'send', to: 'r2', message: { kind: 'prepare', configuration: e1, log: [7] } }]);
    expect(msg(config, s, 'r2', { kind: 'refused', epoch: 0, sealed: false })).toEqual({ state: s, effects: [] });
    expect(msg(config, newReplica('r2', config), 'r1', { kind: 'refused', epoch: 2, sealed: true }).effects).toEqual([]);
  });

  it('each tick: after retryTicks without sending, resends to each backup that lacks entries or while appends wait', () => {
    let s = leading();
    const ticks: number[] = [];
    for (let t = 1; t <= 16; t++) {
      const r = onReplicaTick(config, s);
      if (sends(r).length > 0) ticks.push(t);
      s = r.state;
    }
    expect(ticks).toEqual([8, 16]);
    const caughtUp = msg(config, leading(), 'r2', { kind: 'replicated', epoch: 1, length: 1 }).state;
    let quiet = caughtUp;
    for (let t = 1; t <= 8; t++) quiet = onReplicaTick(config, quiet).state;
    expect(quiet.lead!.sinceSent).toBe(0);
    expect(onReplicaTick(config, { ...caughtUp, lead: { ...caughtUp.lead!, sinceSent: 7 } }).effects).toEqual([]);
    expect(onReplicaTick(config, newReplica('r2', config))).toEqual({ state: newReplica('r2', config), effects: [] });
  });

  it('the slow replica of the cost measurement holds its answers back for its ticks, then lets them go', () => {
    const slow = steadyConfig(1, {}, { node: 'r2', ticks: 2 });
    const r = msg(slow, newReplica('r2', slow), 'r1', { kind: 'replicate', epoch: 1, writer: 'init', from: 0, entries: [7] });
    expect(kinds(r)).toEqual(['persist']);
    const t1 = onReplicaTick(slow, r.state);
    expect(t1.effects).toEqual([]);
    const t2 = onReplicaTick(slow, t1.state);
    expect(t2.effects).toEqual([{ kind: 'send', to: 'r1', message: { kind: 'replicated', epoch: 1, length: 1 } }]);
    expect(t2.state.late).toEqual([]);
  });
});

describe('reconfiguration at a replica', () => {
  const seal = (epoch: number): SteadyMessage => ({ kind: 'seal', epoch, op: 'k1.1.1' });

  it('a seal is on disk before it is answered with the log; a sealed primary stops and says so; a second seal only answers', () => {
    const primary = onAppend(config, newReplica('r1', config), 'c1', 1, 7).state;
    const r = msg(config, primary, 'k1', seal(1));
    expect(r.state).toMatchObject({ epoch: 1, sealed: true, lead: undefined, gave: 1 });
    expect(r.effects).toEqual([
      { kind: 'persist', durable: { role: 'replica', epoch: 1, configuration: e1, sealed: true, active: true, log: [7], gave: 1 } },
      { kind: 'note', text: 'sealed: no more appends in epoch 1' },
      { kind: 'send', to: 'k1', message: { kind: 'sealed', epoch: 1, op: 'k1.1.1', log: [7] } },
    ]);
    expect(msg(config, r.state, 'k1', seal(1))).toEqual({ state: r.state, effects: [{ kind: 'send', to: 'k1', message: { kind: 'sealed', epoch: 1, op: 'k1.1.1', log: [7] } }] });
    expect(kinds(msg(config, newReplica('r2', config), 'k1', seal(1)))).toEqual(['persist', 'send']);
  });

  it('a replica already past the epoch only answers; a read of the tail records what it gave without sealing', () => {
    const later = { ...newReplica('r2', config), epoch: 2 };
    expect(msg(config, later, 'k1', seal(1))).toEqual({ state: later, effects: [{ kind: 'send', to: 'k1', message: { kind: 'sealed', epoch: 1, op: 'k1.1.1', log: [] } }] });
    const read = msg(config, { ...newReplica('r2', config), log: [1, 2], gave: 1 }, 'k1', { kind: 'read-tail', epoch: 1, op: 'k1.1.1' });
    expect(read.state).toMatchObject({ sealed: false, gave: 1 });
    expect(read.effects.at(-1)).toEqual({ kind: 'send', to: 'k1', message: { kind: 'tail', epoch: 1, op: 'k1.1.1', log: [1, 2] } });
  });

  it('a prepare for a later epoch replaces log and configuration (inactive, unsealed); the same one again is only acknowledged', () => {
    const r = msg(config, newReplica('r3', config), 'k1', { kind: 'prepare', configuration: e2, log: [7] });
    expect(r.state).toMatchObject({ epoch: 2, configuration: e2, sealed: false, active: false, log: [7], lead: undefined, gave: undefined });
    expect(r.effects).toEqual([{ kind: 'persist', durable: { role: 'replica', epoch: 2, configuration: e2, sealed: false, active: false, log: [7] } }, { kind: 'send', to: 'k1', message: { kind: 'prepared', epoch: 2, op: 'k1.1.1' } }]);
    expect(msg(config, r.state, 'k1', { kind: 'prepare', configuration: e2, log: [7] })).toEqual({ state: r.state, effects: [{ kind: 'send', to: 'k1', message: { kind: 'prepared', epoch: 2, op: 'k1.1.1' } }] });
    // Another writer's tail for the same epoch overwrites one not yet started…
    const rival = { ...e2, writer: 'k2.1.1' };
    expect(msg(config, r.state, 'k2', { kind: 'prepare', configuration: rival, log: [] }).state.configuration).toEqual(rival);
    // …but not one started (active) or sealed, nor an older epoch's.
    for (const s of [{ ...r.state, active: true }, { ...r.state, sealed: true }, { ...r.state, epoch: 3 }]) {
      expect(msg(config, s, 'k2', { kind: 'prepare', configuration: rival, log: [] })).toEqual({ state: s, effects: [{ kind: 'send', to: 'k2', message: { kind: 'prepare-refused', epoch: 2, op: 'k2.1.1', at: s.epoch } }] });
    }
  });

  it('the installed epoch\'s primary is activated once, leading from the epoch\'s start; anyone else says no', () => {
    const prepared = msg(config, newReplica('r1', config), 'k1', { kind: 'prepare', configuration: e2, log: [7] }).state;
    const activate = (o: Partial<Extract<SteadyMessage, { kind: 'activate' }>> = {}): SteadyMessage => ({ kind: 'activate', epoch: 2, op: 'k1.1.1', ...o });
    const r = msg(config, prepared, 'k1', activate());
    expect(r.state).toMatchObject({ active: true, lead: { matched: { r3: 1 }, committed: 1, waiting: [], sinceSent: 0 } });
    expect(r.effects).toEqual([
      { kind: 'persist', durable: { role: 'replica', epoch: 2, configuration: e2, sealed: false, active: true, log: [7] } },
      { kind: 'note', text: 'primary of epoch 2' },
      { kind: 'send', to: 'k1', message: { kind: 'activated', epoch: 2, op: 'k1.1.1', ok: true } },
    ]);
    expect(msg(config, r.state, 'k1', activate()).effects).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'activated', epoch: 2, op: 'k1.1.1', ok: true } }]);
    const no = (s: ReplicaState, m: SteadyMessage) => msg(config, s, 'k1', m).effects;
    expect(no(prepared, activate({ epoch: 3 }))).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'activated', epoch: 3, op: 'k1.1.1', ok: false } }]);
    expect(no(prepared, activate({ op: 'k2.1.1' }))).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'activated', epoch: 2, op: 'k2.1.1', ok: false } }]);
    expect(no({ ...prepared, sealed: true }, activate())).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'activated', epoch: 2, op: 'k1.1.1', ok: false } }]);
    const backup = msg(config, newReplica('r3', config), 'k1', { kind: 'prepare', configuration: e2, log: [7] }).state;
    expect(no(backup, activate())).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'activated', epoch: 2, op: 'k1.1.1', ok: false } }]);
    expect(no(newReplica('r3', config), activate())).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'activated', epoch: 2, op: 'k1.1.1', ok: false } }]);
  });

  it('messages meant for a controller or the store are ignored', () => {
    const s = newReplica('r2', config);
    for (const m of [{ kind: 'sealed', epoch: 1, op: 'x', log: [] }, { kind: 'tail', epoch: 1, op: 'x', log: [] }, { kind: 'prepared', epoch: 1, op: 'x' }, { kind: 'prepare-refused', epoch: 1, op: 'x', at: 1 }, { kind: 'activated', epoch: 1, op: 'x', ok: true }, { kind: 'read-config', op: 'x' }, { kind: 'config', op: 'x', configuration: e1 }] as SteadyMessage[]) {
      expect(msg(config, s, 'k1', m)).toEqual({ state: s, effects: [] });
    }
  });
});

describe('the configuration store', () => {
  const cas = (expected: number, next: Configuration, op = next.writer): SteadyMessage => ({ kind: 'cas', op, expected, next });

  it('installs only over the epoch it names, on disk first, and tells the winner; a loser gets the current configuration', () => {
    const r = onStoreMessage(newStore(e1), 'k1', cas(1, e2));
    expect(r.state).toEqual({ role: 'store', current: e2, installed: [e1, e2] });
    expect(r.effects).toEqual([{ kind: 'persist', durable: r.state }, { kind: 'send', to: 'k1', message: { kind: 'config', op: 'k1.1.1', configuration: e2, won: true } }]);
    const rival = { ...e2, writer: 'k2.1.1' };
    expect(onStoreMessage(r.state, 'k2', cas(1, rival)).effects).toEqual([{ kind: 'send', to: 'k2', message: { kind: 'config', op: 'k2.1.1', configuration: e2, won: false } }]);
  });

  it('a resend of the write that won is told it won, but only for the very next epoch', () => {
    const after = onStoreMessage(newStore(e1), 'k1', cas(1, e2)).state;
    expect(onStoreMessage(after, 'k1', cas(1, e2)).effects).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'config', op: 'k1.1.1', configuration: e2, won: true } }]);
    expect(onStoreMessage(after, 'k1', cas(0, e2)).effects).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'config', op: 'k1.1.1', configuration: e2, won: false } }]);
  });

  it('answers a read with the current configuration and ignores anything else', () => {
    expect(onStoreMessage(newStore(e1), 'k1', { kind: 'read-config', op: 'k1.1.2' }).effects).toEqual([{ kind: 'send', to: 'k1', message: { kind: 'config', op: 'k1.1.2', configuration: e1 } }]);
    expect(onStoreMessage(newStore(e1), 'r1', { kind: 'replicated', epoch: 1, length: 0 })).toEqual({ state: newStore(e1), effects: [] });
  });
});
