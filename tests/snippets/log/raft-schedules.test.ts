/**
 * The Raft adapter on the model's scripted schedules: the two variants swarm seeds do not reach
 * (snippets/log/backends/raft.ts records them as unseen) are seen by the interface's own checks
 * when a schedule drives the run there, so "unseen" is about the faults, not a blind adapter — and
 * the same schedules on the correct model keep every property.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../snippets/sim/index.ts';
import { ConformanceChecker, type Violation } from '../../../snippets/log/conformance.ts';
import { raftLog } from '../../../snippets/log/backends/raft.ts';
import { figure8Run, staleReadRun } from '../../../snippets/raft/scenarios.ts';
import { raftVariants } from '../../../snippets/raft/variants.ts';
import type { ScriptedRun } from '../../../snippets/play/from-run.ts';
import type { RaftTypes } from '../../../snippets/raft/state.ts';

/** The first property the suite's checker finds broken in a scripted run, observed through the adapter after every step. */
function firstViolation(run: ScriptedRun<RaftTypes>): Violation | undefined {
  const checker = new ConformanceChecker(raftLog.capabilities);
  let broken: Violation | undefined;
  // The model's own invariants are left out, as the suite leaves them out: only the interface's checks run.
  const { invariants: _own, ...options } = run;
  const result = simulate<RaftTypes>({
    ...options,
    invariants: { 'the log conforms': (view) => ((broken ??= checker.step(raftLog.observe(view))), broken && broken.message) },
  });
  return broken ?? checker.finish(raftLog.observe(result.final));
}

describe('the Raft adapter on scripted schedules', () => {
  it('sees a deposed leader answer a linearizable read without the quorum check: the read lacks a write acknowledged before it', () => {
    expect(firstViolation(staleReadRun('linearizable', raftVariants['read-index-without-quorum-check'].config))?.property).toBe('readSeesAcked');
    expect(firstViolation(staleReadRun('linearizable'))).toBeUndefined();
  });

  it('sees Figure 8: an entry of an earlier term committed by counting is later overwritten', () => {
    // s2 holds its own term's blank entry where s1 had committed write 1 by counting.
    expect(firstViolation(figure8Run(false))?.property).toBe('order');
    expect(firstViolation(figure8Run(true))).toBeUndefined();
  });
});
