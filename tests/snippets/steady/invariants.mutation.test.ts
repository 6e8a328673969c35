/**
 * Each steady-state invariant (snippets/steady/invariants.ts) failing, with its words, on the smallest
 * view that breaks it, and holding on the nearest one that does not. Written for mutation testing
 * (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { steadyInvariants, storeOf } from '../../../snippets/steady/invariants.ts';
import { steadyConfig } from '../../../snippets/steady/run-steady.ts';
import type { Configuration } from '../../../snippets/steady/types.ts';

const e1 = steadyConfig(1).initial;
const e2: Configuration = { epoch: 2, primary: 'r2', replicas: ['r2', 'r3'], start: 1, writer: 'k1.0.1' };
const fresh = () => steadyInvariants();
const check = (inv: ReturnType<typeof steadyInvariants>, prefix: string, view: unknown) => Object.entries(inv).find(([n]) => n.startsWith(prefix))![1](view as never);
const storeNode = (installed: Configuration[], onDisk = true) => {
  const s = { role: 'store', current: installed.at(-1)!, installed };
  return onDisk ? { id: 'cfg', durable: s, state: s } : { id: 'cfg', state: s };
};
const replica = (id: string, log: number[], o: Record<string, unknown> = {}) => ({ id, durable: { role: 'replica', epoch: 1, configuration: e1, sealed: false, active: true, log, ...o } });
const appended = (id: number, value: number, pos: number, epoch = 1) => ({ id, op: 'append', args: value, returnTick: 2, result: { kind: 'appended', pos, epoch } });
const view = (nodes: unknown[], history: unknown[] = []) => ({ nodes, history });

describe('the steady-state invariants', () => {
  it('read the store from its disk, or from memory before its first write', () => {
    expect(storeOf(view([storeNode([e1])]) as never)?.current).toEqual(e1);
    expect(storeOf(view([storeNode([e1], false)]) as never)?.current).toEqual(e1);
    expect(storeOf(view([replica('r1', [])]) as never)).toBeUndefined();
  });

  it('a replica that took entries past the tail it gave', () => {
    const sealed = 'a sealed, stale primary appends nothing';
    expect(check(fresh(), sealed, view([replica('r2', [1, 2], { gave: 1 })]))).toBe('r2 gave epoch 1\'s tail as 1 entries, then took more from the primary of epoch 1 (log [1,2])');
    expect(check(fresh(), sealed, view([replica('r2', [1], { gave: 1 }), replica('r3', [1, 2])]))).toBeUndefined();
  });

  it('an acknowledged append missing from, or replaced in, the installed primary\'s log', () => {
    const inv = fresh();
    const lost = 'no acknowledged append is lost';
    // The acknowledgements are gathered by the check that runs first in each step.
    check(inv, 'a sealed, stale primary acknowledges', view([storeNode([e1])], [appended(1, 7, 0), appended(2, 8, 1)]));
    expect(check(inv, lost, view([storeNode([e1]), replica('r1', [7, 8])]))).toBeUndefined();
    expect(check(inv, lost, view([storeNode([e1]), replica('r1', [7])]))).toBe('append 8 was acknowledged at position 1 in epoch 1, but r1, primary of epoch 1, holds nothing there (log [7])');
    expect(check(inv, lost, view([storeNode([e1]), replica('r1', [7, 9])]))).toMatch(/holds 9 there \(log \[7,9\]\)$/);
    expect(check(inv, lost, view([replica('r1', [])]))).toBeUndefined();
    expect(check(inv, lost, view([storeNode([e1]), { id: 'r1', state: { role: 'replica' } }]))).toBeUndefined();
  });

  it('a position acknowledged to two different appends, unless the later is from an older epoch', () => {
    const twice = 'a sealed, stale primary acknowledges';
    expect(check(fresh(), twice, view([storeNode([e1])], [appended(1, 7, 0), appended(2, 8, 0)]))).toBe('position 0 acknowledged twice: to append 7 (epoch 1) and to append 8 (epoch 1)');
    expect(check(fresh(), twice, view([storeNode([e1])], [appended(1, 7, 0), appended(2, 7, 0)]))).toBeUndefined();
    expect(check(fresh(), twice, view([storeNode([e1])], [appended(1, 7, 0, 2), appended(2, 8, 0, 1)]))).toBeUndefined();
    expect(check(fresh(), twice, view([storeNode([e1])], [appended(1, 7, 0), { id: 2, op: 'append', args: 8, result: { kind: 'appended', pos: 0, epoch: 1 } }, { id: 3, op: 'append', args: 8, returnTick: 3, result: { kind: 'busy' } }]))).toBeUndefined();
  });

  it('an old primary that acknowledged past the tail its successor started from, after that tail was taken', () => {
    const inv = fresh();
    const late = 'a sealed, stale primary acknowledges';
    const primary = (committed: number) => ({ id: 'r1', state: { role: 'replica', epoch: 1, lead: { committed } } });
    const controller = (phase: string) => ({ id: 'k1', state: { role: 'controller', op: { tag: 'k1.0.1', phase: { kind: phase, base: e1 } } } });
    expect(check(inv, late, view([storeNode([e1]), primary(1), controller('prepare')]))).toBeUndefined();
    expect(check(inv, late, view([storeNode([e1, e2]), primary(2)]))).toBe('the primary of epoch 1 acknowledged up to position 1 after the reconfiguration to epoch 2 took a tail of 1 (it had acknowledged below 1 then)');
    // Had it already acknowledged that far when the tail was taken, the successor's start is the one at fault, not this rule's.
    const early = fresh();
    check(early, late, view([storeNode([e1]), primary(2), controller('prepare')]));
    expect(check(early, late, view([storeNode([e1, e2]), primary(2)]))).toBeUndefined();
    // Only a reconfiguration that holds a tail (the prepare phase) records it.
    const seal = fresh();
    check(seal, late, view([storeNode([e1]), primary(2), controller('seal')]));
    expect(check(seal, late, view([storeNode([e1, e2]), primary(2)]))).toBeUndefined();
    expect(check(fresh(), late, view([storeNode([e1, e2]), primary(1)]))).toBeUndefined();
    expect(check(fresh(), late, view([primary(5)]))).toBeUndefined();
    // Acknowledged more after the tail was taken, but only entries the tail already held: nothing is past it.
    const within = fresh();
    check(within, late, view([storeNode([e1]), primary(1), controller('prepare')]));
    expect(check(within, late, view([storeNode([e1, { ...e2, start: 2 }]), primary(2)]))).toBeUndefined();
  });

  it('an epoch installed out of order, or two reconfigurations both told they won it', () => {
    const one = 'of two racing reconfigurations one wins';
    expect(check(fresh(), one, view([storeNode([e1, { ...e2, epoch: 3 }])]))).toBe('epoch 3 installed as configuration 2');
    const won = (id: number, epoch: number, w = true) => ({ id, op: 'reconfigure', returnTick: 9, result: { kind: 'reconfigured', won: w, epoch } });
    expect(check(fresh(), one, view([storeNode([e1, e2])], [won(1, 2), won(2, 2)]))).toBe('two reconfigurations were both told they installed epoch 2');
    expect(check(fresh(), one, view([storeNode([e1, e2])], [won(1, 2), won(2, 2, false), won(3, 3)]))).toBeUndefined();
    expect(check(fresh(), one, view([], [won(1, 2), { id: 2, op: 'reconfigure', result: { kind: 'reconfigured', won: true, epoch: 2 } }]))).toBeUndefined();
  });
});
