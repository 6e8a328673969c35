/**
 * Raft with rqlite's read levels, as the note tells it: the correct model keeps the Figure 3
 * properties after every step and its writes with linearizable and strong reads pass the checker
 * under faults; weak and none reads from a partitioned server are stale and the checker says so;
 * and each rule the note says matters, switched off, is caught on its scripted run and runs clean
 * with the rule. The 500-seed swarm suite is RANDOM_SUITES.raft (tests/snippets/swarm-suites.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatFailure, seeds, type RunResult } from '../../../snippets/sim/index.ts';
import { checkRaft, FAULTY, runRaft } from '../../../snippets/raft/run-raft.ts';
import { checkedAt, figure8, normalCase, staleNoneRead, staleRead, voteWithoutLogCheck } from '../../../snippets/raft/scenarios.ts';
import { RANDOM_SUITES } from '../../../snippets/swarm-runs.ts';
import { raftVariants } from '../../../snippets/raft/variants.ts';
import type { RaftTypes } from '../../../snippets/raft/state.ts';
import type { RaftResponse, ReadLevel } from '../../../snippets/raft/types.ts';

const failure = (r: RunResult<RaftTypes>) => (r.ok ? '' : r.message);
const notes = (r: RunResult<RaftTypes>) => r.trace.events.flatMap((e) => (e.kind === 'note' ? [e.text] : []));
const reads = (r: RunResult<RaftTypes>) => r.history.filter((op) => op.op === 'read').map((op) => ({ at: op.invokeTick, took: op.returnTick === undefined ? undefined : op.returnTick - op.invokeTick, result: op.result as RaftResponse | undefined }));

describe('the correct model under faults', () => {
  it('keeps every invariant after every step, passes the checker with linearizable and strong reads, and acknowledges every writer after the heal (60 seeds)', () => {
    let elections = 0, dropped = 0, readsChecked = 0;
    for (const seed of seeds(60)) {
      const result = runRaft({ seed, ...FAULTY });
      expect(result.ok, result.ok ? '' : formatFailure(result)).toBe(true);
      const check = checkRaft(result);
      expect(check.ok, `seed ${seed}: ${check.verdict}`).toBe(true);
      elections += notes(result).filter((n) => / leads term /.test(n)).length;
      dropped += notes(result).filter((n) => n.includes('drops its entries')).length;
      readsChecked += result.history.filter((op) => op.op === 'read' && (op.result as RaftResponse | undefined)?.kind === 'value').length;
    }
    // The runs did what the properties are about: leaders changed, followers dropped conflicting entries, reads were answered.
    expect(elections).toBeGreaterThan(60);
    expect(dropped).toBeGreaterThan(5);
    expect(readsChecked).toBeGreaterThan(500);
  }, 120_000);

  it('the normal case: a write committed, then a read at each level; weak and none cost the client\'s round trip, linearizable and strong one more round', () => {
    const result = normalCase();
    expect(result.ok).toBe(true);
    expect(result.history.find((op) => op.op === 'write')!.result).toMatchObject({ kind: 'written', index: 2, term: 1, node: 's1' });
    const byLevel = Object.fromEntries(result.history.filter((op) => op.op === 'read').map((op) => [(op.args as readonly [number, ReadLevel])[1], { took: op.returnTick! - op.invokeTick, value: (op.result as Extract<RaftResponse, { kind: 'value' }>).value }]));
    expect(byLevel).toEqual({ weak: { took: 2, value: 1 }, linearizable: { took: 4, value: 1 }, strong: { took: 4, value: 1 }, none: { took: 2, value: 1 } });
  });
});

describe('rqlite\'s read levels when the old leader is partitioned away', () => {
  it('weak: s1, deposed without knowing it, answers 1 after the write of 2 completed, and the checker finds no order for it', () => {
    const result = staleRead('weak');
    expect(failure(result)).toBe(''); // no invariant breaks: the damage is only in what the client saw
    expect(reads(result)[0]).toEqual({ at: 40, took: 2, result: { kind: 'value', value: 1, node: 's1', applied: 2 } });
    const check = checkedAt(result, 'weak');
    expect(check.ok).toBe(false);
    if (check.ok !== false) return;
    expect(check.counterexample.stuck.output).toBe(1);
  });

  it('linearizable: s1 cannot confirm it leads, the read times out, and s2 answers 2; the history is linearizable', () => {
    const result = staleRead('linearizable');
    expect(failure(result)).toBe('');
    const [first, second] = reads(result);
    expect(first).toEqual({ at: 40, took: undefined, result: undefined });
    expect(second!.result).toMatchObject({ kind: 'value', value: 2, node: 's2' });
    expect(checkedAt(result, 'linearizable').ok).toBe(true);
  });

  it('strong: s1 cannot commit the read entry; s2 answers it through its log with 2', () => {
    const result = staleRead('strong');
    expect(reads(result).map((r) => r.result && (r.result as Extract<RaftResponse, { kind: 'value' }>).value)).toEqual([undefined, 2]);
    expect(checkedAt(result, 'strong').ok).toBe(true);
  });

  it('none: a partitioned follower answers 1 (stale); with freshness 10 it refuses instead', () => {
    const stale = staleNoneRead();
    expect(reads(stale)[0]!.result).toEqual({ kind: 'value', value: 1, node: 's3', applied: 2 });
    expect(checkedAt(stale, 'none').ok).toBe(false);
    const fresh = staleNoneRead(10);
    expect(reads(fresh)[0]!.result).toEqual({ kind: 'stale' });
    expect(checkedAt(fresh, 'none').ok).toBe(true);
  });
});

describe('each rule, switched off, is caught', () => {
  it('commit-previous-term-by-count (Figure 8): s1 commits a term-1 entry by counting, s2 is elected without it and two servers apply different entries at index 2', () => {
    const broken = figure8(false);
    expect(failure(broken)).toMatch(/State Machine Safety[^]*s1 applied w1@1 at index 2, s2 applied nop@2/);
    expect(notes(broken)).toContain('s2 leads term 6 (votes s2, s3)');
    const clean = figure8(true);
    expect(failure(clean)).toBe('');
    // The same elections happen; s3's uncommitted copy of the write is overwritten, which is allowed.
    expect(notes(clean)).toContain('s3 drops its entries from index 2: they conflict with the leader\'s');
  });

  it('vote-without-log-check: s2 votes for s3, which missed the acknowledged write, and s3 leads without it', () => {
    const broken = voteWithoutLogCheck(false);
    expect(failure(broken)).toMatch(/Leader Completeness[^]*index 2@1 is committed[^]*but s3, leader of term 3, holds nop@3 there/);
    const clean = voteWithoutLogCheck(true);
    expect(failure(clean)).toBe('');
    expect(notes(clean)).toContain('s2 leads term 4 (votes s2, s3)');
  });

  it('read-index-without-quorum-check: s1 answers the linearizable read from old state, and the checker finds it', () => {
    const broken = staleRead('linearizable', raftVariants['read-index-without-quorum-check'].config);
    expect(reads(broken)[0]!.result).toMatchObject({ kind: 'value', value: 1, node: 's1' });
    expect(checkedAt(broken, 'linearizable').ok).toBe(false);
  });

  it('the swarm suite\'s random seeds find vote-without-log-check (the first 20 seeds)', () => {
    let found: string | undefined;
    for (const seed of seeds(20)) {
      found = RANDOM_SUITES.raft.run(seed, raftVariants['vote-without-log-check'].config).finding;
      if (found) break;
    }
    expect(found).toMatch(/^invariant-violated: invariant "(Leader Completeness|no acknowledged write is lost|State Machine Safety)/);
  }, 60_000);
});
