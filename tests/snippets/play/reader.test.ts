import { describe, expect, it } from 'vitest';
import { Player, PlayRun } from '../../../snippets/play/player.ts';
import type { PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import { vrPlay } from '../../../snippets/vr/play.ts';
import type { VrTypes } from '../../../snippets/vr/types.ts';

/** Steps until `done` holds or the run ends; returns the last frame. */
function until(run: PlayRun<VrTypes>, done: (step: number) => boolean, from = 0) {
  let frame = run.frame(from);
  while (!done(frame.step) && !run.ended) frame = run.frame(frame.step + 1);
  return frame;
}

describe("the reader's client calls", () => {
  it('a write then a read from the buttons go through the protocol, and show in the history and the trace as "you"', () => {
    const player = new Player(vrPlay, { scenario: 'normal-case', seed: 1, variant: undefined, actions: [], step: 20 });
    expect(player.act({ kind: 'call', call: 'put', to: 'r1', value: 7 })).toBeUndefined();
    expect(player.act({ kind: 'call', call: 'get', to: 'r1' })).toMatch(/still waiting/);
    const run = player.run;
    const answered = until(run, (step) => run.frame(step).view.history.some((op) => op.client === 'you' && op.returnTick !== undefined), 20);
    player.goTo(answered.step);
    expect(player.act({ kind: 'call', call: 'get', to: 'r1' })).toBeUndefined();
    const read = until(player.run, (step) => player.run.frame(step).view.history.filter((op) => op.client === 'you' && op.returnTick !== undefined).length === 2, answered.step);
    const ours = read.view.history.filter((op) => op.client === 'you');
    expect(ours.map((op) => op.op)).toEqual(['put', 'get']);
    expect(ours[1]!.result).toMatchObject({ result: 7 });
    expect(player.run.trace.clients).toContain('you');
    expect(player.spec.actions.map((a) => a.kind)).toEqual(['call', 'call']);
    expect(read.failure).toBeUndefined();
  });

  it('a run without reader calls has no "you" (its trace and diagram are the scenario\'s own)', () => {
    expect(new PlayRun(vrPlay, { scenario: 'normal-case', seed: 1, variant: undefined, actions: [] }).trace.clients).toEqual(['c1']);
  });

  it('refuses a call the model does not offer, or to a client', () => {
    const player = new Player(vrPlay, { scenario: 'normal-case', seed: 1, variant: undefined, actions: [], step: 2 });
    expect(player.act({ kind: 'call', call: 'delete', to: 'r1' })).toMatch(/no call "delete"/);
    expect(player.act({ kind: 'call', call: 'put', to: 'c1', value: 1 })).toMatch(/"c1" is not a node/);
  });
});

describe('the history check runs as the player steps', () => {
  it('with "new primary keeps its own log" and no invariants, the linearizability check stops the run when the read misses the acknowledged write', () => {
    // Without its invariants the broken run goes on until c2's get(x) returns nothing; the checker must catch that.
    const blind: PlayDescriptor<VrTypes> = { ...vrPlay, invariants: () => ({}) };
    const run = new PlayRun(blind, { scenario: 'any-log', seed: 1, variant: 'new-primary-keeps-own-log', actions: [] });
    const last = until(run, () => false);
    // The kv model refutes this read without a search, and the message gives its reason (what the read must have seen).
    expect(last.failure?.message).toMatch(/^not linearizable \(key "x"\): get\("x"\) → null by c2, answered at tick \d+: get\("x"\) → null is not 1, though put\("x", 1\) returned before it was called/);
    expect(last.failure?.kind).toBe('invariant-violated');
    // It stopped at the step the read returned: the trace's last client event is that return.
    const events = run.trace.events.slice(0, last.traceLength);
    expect(events.at(-1)).toMatchObject({ kind: 'failure' });
    expect(events.filter((e) => e.kind === 'return').at(-1)).toMatchObject({ node: 'c2' });
  });

  it('with the rule on, the same run passes the check', () => {
    const blind: PlayDescriptor<VrTypes> = { ...vrPlay, invariants: () => ({}) };
    const run = new PlayRun(blind, { scenario: 'any-log', seed: 1, variant: undefined, actions: [] });
    const last = until(run, (step) => run.frame(step).tick > 36);
    expect(last.failure).toBeUndefined();
    expect(last.view.history.filter((op) => op.returnTick !== undefined).length).toBe(2);
  });
});
