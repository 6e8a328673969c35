/**
 * The write-all log with external reconfiguration (Vanlightly, "Steady on!", 2025; Vertical Paxos,
 * PODC 2009): the steady state acknowledges only what all f + 1 replicas hold, a reconfiguration seals
 * the old epoch before it takes the tail, and the store's compare-and-set lets one reconfiguration of
 * an epoch win. Each rule has a broken variant, and the checks catch it.
 */
import { describe, expect, it } from 'vitest';
import { assertPassed, formatFailure, seeds, simulate, type RunResult } from '../../../snippets/sim/index.ts';
import { seedCount } from '../../support/mutation-seeds.ts';
import { describeProfile } from '../../../snippets/sim/swarm.ts';
import { RANDOM_SUITES } from '../../../snippets/swarm-runs.ts';
import { steady, type SteadyTypes } from '../../../snippets/steady/model.ts';
import { onStoreMessage, newStore } from '../../../snippets/steady/config-store.ts';
import { FAULTY, runSteady, steadyConfig, type SteadyRules } from '../../../snippets/steady/run-steady.ts';
import { ackEarly, racing, replaceBackup, stalePrimary, stalePrimaryRun, steadyState } from '../../../snippets/steady/scenarios.ts';
import type { SteadyResponse } from '../../../snippets/steady/types.ts';
import { steadyInvariants } from '../../../snippets/steady/invariants.ts';

const answers = (result: RunResult<SteadyTypes>) =>
  result.history.filter((op) => op.returnTick !== undefined).map((op) => ({ client: op.client, args: op.args, result: op.result as SteadyResponse }));

const LOST = /no acknowledged append is lost/;
const PAST_SEAL = /a sealed, stale primary appends nothing|a sealed, stale primary acknowledges nothing past the tail/;

describe('the steady state', () => {
  it('acknowledges an append only after the backup has it on disk: one round trip from primary to backup', () => {
    const result = steadyState();
    assertPassed(result);
    const events = result.trace.events;
    const stored = events.findIndex((e) => e.node === 'r2' && e.kind === 'persist' && e.label.includes('[1]'));
    const acked = events.findIndex((e) => e.node === 'r1' && e.kind === 'reply' && e.label.includes('at 0'));
    expect(stored).toBeGreaterThan(-1);
    expect(acked).toBeGreaterThan(stored);
    expect(answers(result).map((a) => a.result)).toEqual([{ kind: 'appended', pos: 0, epoch: 1 }, { kind: 'appended', pos: 1, epoch: 1 }]);
  });

  it('does not repair itself: with backup r2 down, the append waits until a reconfiguration replaces r2, then completes in epoch 2', () => {
    const result = replaceBackup();
    assertPassed(result);
    expect(answers(result)).toContainEqual({ client: 'admin', args: 'r2', result: { kind: 'reconfigured', won: true, epoch: 2 } });
    expect(answers(result)).toContainEqual({ client: 'c1', args: 2, result: { kind: 'appended', pos: 1, epoch: 2 } });
    const store = result.final.nodes.find((n) => n.id === 'cfg')!.durable;
    expect(store?.role === 'store' && store.current).toMatchObject({ epoch: 2, primary: 'r1', replicas: ['r1', 'r3'], start: 2 });
  });
});

describe('a sealed, stale primary cannot append', () => {
  it('with the seal: r1, cut off from the controller, appends 2, its backup refuses, and 2 is never acknowledged', () => {
    const result = stalePrimary();
    assertPassed(result);
    expect(answers(result).filter((a) => a.client === 'c2')).toEqual([]);
    expect(result.trace.events.some((e) => e.node === 'r1' && e.kind === 'note' && /fenced: r2 is sealed/.test(e.text))).toBe(true);
  });

  it('reconfigure-without-seal: r2 gives its tail and still takes 2 from the stale primary', () => {
    const result = stalePrimary({ seal: false });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/a sealed, stale primary appends nothing[^]*r2 gave epoch 1's tail as 1 entries, then took more from the primary of epoch 1 \(log \[1,2\]\)/);
  });

  it('reconfigure-without-seal, played on: r1 acknowledges 2, and epoch 2 starts from the tail without it', () => {
    const unchecked = stalePrimary({ seal: false }, false);
    expect(answers(unchecked)).toContainEqual({ client: 'c2', args: 2, result: { kind: 'appended', pos: 1, epoch: 1 } });
    const store = unchecked.final.nodes.find((n) => n.id === 'cfg')!.durable;
    expect(store?.role === 'store' && store.current).toMatchObject({ epoch: 2, primary: 'r2', start: 1 });
    const r2 = unchecked.final.nodes.find((n) => n.id === 'r2')!.durable;
    expect(r2?.role === 'replica' && r2.log).toEqual([1]);
  });

  it('reconfigure-without-seal: the acknowledgement check alone, on the same run, names the late acknowledgement once epoch 2 is installed', () => {
    const name = 'a sealed, stale primary acknowledges nothing past the tail its successor started from';
    const only = { [name]: steadyInvariants()[name]! };
    const result = simulate({ ...stalePrimaryRun({ seal: false }, false), invariants: only });
    expect(result.ok ? '' : result.message).toMatch(/the primary of epoch 1 acknowledged up to position 1 after the reconfiguration to epoch 2 took a tail of 1 \(it had acknowledged below 1 then\)/);
    expect(simulate({ ...stalePrimaryRun({}, false), invariants: { [name]: steadyInvariants()[name]! } }).ok).toBe(true);
  });
});

describe('write-all: no acknowledged append is lost under f crashes', () => {
  it('with write-all, the append r1 could not replicate is never acknowledged, and the reconfiguration after r1 crashes loses nothing', () => {
    const result = ackEarly();
    assertPassed(result);
    expect(answers(result).filter((a) => a.client === 'c1')).toEqual([]);
  });

  it('ack-before-all-replicas: r1 acknowledges 1 alone, crashes, and epoch 2 starts from r2\'s empty log', () => {
    const result = ackEarly({ waitForAll: false });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(LOST);
    expect(result.ok ? '' : result.message).toMatch(/append 1 was acknowledged at position 0 in epoch 1, but r2, primary of epoch 2, holds nothing there/);
  });
});

describe('of two racing reconfigurations one wins', () => {
  it('k1 and k2 both seal epoch 1 and prepare; the store installs one epoch 2, the other is told it lost, and appends go on', () => {
    const result = racing();
    assertPassed(result);
    const outcomes = answers(result).filter((a) => a.result.kind === 'reconfigured').map((a) => a.result);
    expect(outcomes).toHaveLength(2);
    expect(outcomes.filter((r) => r.kind === 'reconfigured' && r.won)).toHaveLength(1);
    expect(outcomes.every((r) => r.kind === 'reconfigured' && r.epoch === 2)).toBe(true);
    expect(answers(result)).toContainEqual({ client: 'c2', args: 2, result: { kind: 'appended', pos: 1, epoch: 2 } });
  });

  it('the store\'s compare-and-set: a write that names an old epoch is refused and told the current configuration', () => {
    const config = steadyConfig();
    const next = { ...config.initial, epoch: 2, writer: 'k1.0.1' };
    const first = onStoreMessage(newStore(config.initial), 'k1', { kind: 'cas', op: 'k1.0.1', expected: 1, next });
    const second = onStoreMessage(first.state, 'k2', { kind: 'cas', op: 'k2.0.1', expected: 1, next: { ...next, writer: 'k2.0.1' } });
    expect(first.state.current.writer).toBe('k1.0.1');
    expect(second.state.current.writer).toBe('k1.0.1');
    expect(second.effects).toContainEqual(expect.objectContaining({ kind: 'send', message: expect.objectContaining({ won: false }) }));
    // The winner's resent write is told it won, not that it lost.
    const again = onStoreMessage(first.state, 'k1', { kind: 'cas', op: 'k1.0.1', expected: 1, next });
    expect(again.effects).toContainEqual(expect.objectContaining({ kind: 'send', message: expect.objectContaining({ won: true }) }));
  });

  it('a controller\'s reconfigurations are named across restarts: a new life never reuses a tag', () => {
    const config = steadyConfig();
    const restarted = steady.recover('k1', [], config, { role: 'controller', boot: 2 });
    expect(restarted.role === 'controller' && restarted.boot).toBe(3);
    const step = steady.step(restarted, { kind: 'request', client: 'admin', requestId: 7, request: { kind: 'reconfigure' } });
    expect(step.state.role === 'controller' && step.state.op?.tag).toBe('k1.3.1');
  });
});

describe('under faults (a lossy, duplicating, reordering network; crashes; partitions), invariants after every event', () => {
  it.each([1, 2])('f = %i: 150 seeds keep every invariant and make progress after healing', (f) => {
    for (const seed of seeds(seedCount(150))) {
      const result = runSteady({ seed, f, ...FAULTY });
      expect(result.ok, result.ok ? '' : `seed ${seed}: ${formatFailure(result)}`).toBe(true);
    }
  }, 120_000);
});

describe('the swarm suite (snippets/swarm-runs.ts) finds each broken variant, and the same seed is clean with the rule', () => {
  const cases: Array<{ name: string; rules: SteadyRules; caught: RegExp }> = [
    { name: 'ack-before-all-replicas', rules: { waitForAll: false }, caught: LOST },
    { name: 'reconfigure-without-seal', rules: { seal: false }, caught: PAST_SEAL },
  ];
  it.each(cases)('$name', ({ rules, caught }) => {
    const suite = RANDOM_SUITES.steady;
    const seed = seeds(suite.seeds).find((s) => suite.run(s, rules).finding !== undefined);
    expect(seed, `none of ${suite.seeds} seeds found it`).toBeDefined();
    const broken = suite.run(seed!, rules);
    expect(broken.finding, describeProfile(broken.profile)).toMatch(caught);
    expect(suite.run(seed!).finding).toBeUndefined();
  }, 120_000);
});
