/**
 * More of a replica's rules, one message at a time (snippets/steady/replica.ts), each stated for a case
 * the whole-folder mutation run found unpinned (session 17): a copy is known by client and request
 * together, a backup that takes entries is active, a sealed replica still moves to a later epoch's
 * seal, the slow replica holds back only its "replicated" answers, and the primary's timer resends from
 * what each backup holds. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { newReplica, onAppend, onReplicaMessage, onReplicaTick, type ReplicaState } from '../../../snippets/steady/replica.ts';
import { steadyConfig } from '../../../snippets/steady/run-steady.ts';
import type { Configuration, SteadyConfig, SteadyMessage } from '../../../snippets/steady/types.ts';

const config = steadyConfig(1);
const e1 = config.initial;
const e2: Configuration = { epoch: 2, primary: 'r1', replicas: ['r1', 'r3'], start: 1, writer: 'k1.1.1' };
type Result = ReturnType<typeof onAppend>;
const sends = (r: Result) => r.effects.flatMap((e) => (e.kind === 'send' ? [{ to: e.to, message: e.message }] : []));
const msg = (cfg: SteadyConfig, s: ReplicaState, from: string, m: SteadyMessage) => onReplicaMessage(cfg, s, s.id, from, m);
const seal = (epoch: number): SteadyMessage => ({ kind: 'seal', epoch, op: `k1.${epoch}.1` });

describe('a replica\'s rules (session 17)', () => {
  it('a copy of an append in flight is the same client and request: another client\'s request with the same number is appended', () => {
    const primary = onAppend(config, newReplica('r1', config), 'c1', 1, 7).state;
    const r = onAppend(config, primary, 'c2', 1, 8);
    expect(r.state.log).toEqual([7, 8]);
    expect(r.state.lead!.waiting.map((w) => w.client)).toEqual(['c1', 'c2']);
    expect(sends(r)).toEqual([{ to: 'r2', message: { kind: 'replicate', epoch: 1, writer: 'init', from: 0, entries: [7, 8] } }]);
  });

  it('a prepared backup that takes entries from its epoch\'s primary becomes active, on disk', () => {
    const prepared = msg(config, newReplica('r3', config), 'k1', { kind: 'prepare', configuration: e2, log: [7] }).state;
    expect(prepared.active).toBe(false);
    const r = msg(config, prepared, 'r1', { kind: 'replicate', epoch: 2, writer: 'k1.1.1', from: 1, entries: [8] });
    expect(r.state).toMatchObject({ active: true, log: [7, 8] });
    expect(r.effects[0]).toEqual({ kind: 'persist', durable: { role: 'replica', epoch: 2, configuration: e2, sealed: false, active: true, log: [7, 8] } });
  });

  it('a replica sealed in one epoch is sealed again into a later epoch\'s seal', () => {
    const sealed = msg(config, newReplica('r2', config), 'k1', seal(1)).state;
    const r = msg(config, sealed, 'k1', seal(2));
    expect(r.state).toMatchObject({ epoch: 2, sealed: true });
    expect(r.effects[0]).toMatchObject({ kind: 'persist', durable: { epoch: 2, sealed: true } });
  });

  it('the slow replica holds back only its answers to the primary; it answers a seal at once', () => {
    const slow = steadyConfig(1, {}, { node: 'r2', ticks: 2 });
    const r = msg(slow, newReplica('r2', slow), 'k1', seal(1));
    expect(sends(r)).toEqual([{ to: 'k1', message: { kind: 'sealed', epoch: 1, op: 'k1.1.1', log: [] } }]);
    expect(r.state.late).toEqual([]);
  });

  it('the timer resends to a backup that lacks entries even with no append waiting (a restarted primary)', () => {
    const restarted = newReplica('r1', config, { role: 'replica', epoch: 1, configuration: e1, sealed: false, active: true, log: [4, 5] });
    const r = onReplicaTick(config, { ...restarted, lead: { ...restarted.lead!, sinceSent: 7 } });
    expect(sends(r)).toEqual([{ to: 'r2', message: { kind: 'replicate', epoch: 1, writer: 'init', from: 0, entries: [4, 5] } }]);
  });

  it('the timer resends each backup only what it lacks, from what it is known to hold', () => {
    const primary = onAppend(config, newReplica('r1', config), 'c1', 1, 7).state;
    const s: ReplicaState = { ...primary, log: [7, 8], lead: { ...primary.lead!, matched: { r2: 1 }, sinceSent: 7 } };
    expect(sends(onReplicaTick(config, s))).toEqual([{ to: 'r2', message: { kind: 'replicate', epoch: 1, writer: 'init', from: 1, entries: [8] } }]);
  });
});
