/**
 * The scripted runs' set-up (snippets/steady/scenarios.ts), as their comments tell it: who calls whom
 * with what, the retried append, the reconfigurations each operator asks for, and that a run checks
 * the invariants unless told not to. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { ackEarlyRun, racingRun, replaceBackupRun, scenarios, stalePrimaryRun, steadyStateRun } from '../../../snippets/steady/scenarios.ts';

type Run = ReturnType<typeof steadyStateRun>;
const call = (run: Run, id: string, index = 0) => run.clients!.find((c) => c.id === id)!.workload({ index } as never);

describe('the scripted runs (session 17)', () => {
  it('the steady state: two appends to the primary r1, each called once, with the invariants checked', () => {
    const run = steadyStateRun();
    expect(call(run, 'c1')).toStrictEqual({ to: 'r1', request: { kind: 'append', value: 1 }, op: 'append', args: 1, timeoutTicks: 30 });
    expect(call(run, 'c1', 1)).toBeUndefined();
    expect(run.invariants).toBeDefined();
  });

  it('replacing a backup: c1\'s append is sent again once as a retry, and the operator asks k1 to leave r2 out', () => {
    const run = replaceBackupRun();
    expect(call(run, 'c1')).toStrictEqual({ to: 'r1', request: { kind: 'append', value: 2 }, op: 'append', args: 2, timeoutTicks: 16 });
    expect(call(run, 'c1', 1)).toStrictEqual({ to: 'r1', request: { kind: 'append', value: 2 }, op: 'append', args: 2, timeoutTicks: 16, retry: true });
    expect(call(run, 'c1', 2)).toBeUndefined();
    expect(call(run, 'admin')).toStrictEqual({ to: 'k1', request: { kind: 'reconfigure', remove: 'r2' }, op: 'reconfigure', args: 'r2', timeoutTicks: 60 });
  });

  it('the stale primary and the early acknowledgement: the operator asks k1 to leave the primary r1 out; checks on unless switched off', () => {
    for (const run of [stalePrimaryRun(), ackEarlyRun()]) {
      expect(call(run, 'admin')).toStrictEqual({ to: 'k1', request: { kind: 'reconfigure', remove: 'r1' }, op: 'reconfigure', args: 'r1', timeoutTicks: 60 });
      expect(run.invariants).toBeDefined();
    }
    expect(stalePrimaryRun({ seal: false }, false).invariants).toBeUndefined();
    expect(ackEarlyRun({ waitForAll: false }, false).invariants).toBeUndefined();
    expect(stalePrimaryRun({ seal: false }).config).toMatchObject({ seal: false });
  });

  it('racing: k1 is asked to leave r2 out and k2 to leave r1 out, at the same tick', () => {
    const run = racingRun();
    expect(call(run, 'admin1')).toMatchObject({ to: 'k1', request: { kind: 'reconfigure', remove: 'r2' } });
    expect(call(run, 'admin2')).toMatchObject({ to: 'k2', request: { kind: 'reconfigure', remove: 'r1' } });
    expect(run.clients!.filter((c) => c.id.startsWith('admin')).map((c) => c.startTick)).toEqual([8, 8]);
  });

  it('the early-acknowledgement diagram runs on past the first broken rule, to the operator told it installed epoch 2', () => {
    const text = scenarios['ack-before-all-replicas']!();
    expect(text).toContain('won, e2');
    expect(text).not.toMatch(/violated/);
  });
});
