/**
 * Neon's WAL service under faults (two computes, three safekeepers, a pageserver, object storage):
 * the invariants hold after every step on a lossy, duplicating, reordering network with crashes and
 * partitions; after the heal a commit is acknowledged again; and each rule the note says matters,
 * switched off, is caught by an invariant on a scripted run. The 500-seed swarm suite is
 * RANDOM_SUITES.neon, run by tests/snippets/swarm-suites.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure, seeds, type RunResult } from '../../../snippets/sim/index.ts';
import { FAULTY, runNeon } from '../../../snippets/neon/run-neon.ts';
import { lowerTerm, normalCase, oneFlush, proposerChange } from '../../../snippets/neon/scenarios.ts';
import { RANDOM_SUITES } from '../../../snippets/swarm-runs.ts';
import { neonVariants } from '../../../snippets/neon/variants.ts';
import { chooseDonor, lastLogTerm, startStreamingAt } from '../../../snippets/neon/term-history.ts';
import type { NeonTypes } from '../../../snippets/neon/state.ts';
import type { NeonResponse, Vote } from '../../../snippets/neon/types.ts';

const acked = (r: RunResult<NeonTypes>) => r.history.filter((op) => op.returnTick !== undefined).map((op) => ({ value: op.args, ...(op.result as NeonResponse) }));
const failure = (r: RunResult<NeonTypes>) => (r.ok ? '' : r.message);
const notes = (r: RunResult<NeonTypes>) => r.trace.events.flatMap((e) => (e.kind === 'note' ? [`${e.node} ${e.text}`] : []));

describe('term histories', () => {
  const vote = (termHistory: Vote['termHistory'], flushLsn: number): Vote => ({ term: 5, voteGiven: true, flushLsn, truncateLsn: 0, termHistory, walBase: 0, wal: [] });

  it('last_log_term is the last entry that begins at or below flush_lsn', () => {
    expect(lastLogTerm([{ term: 1, lsn: 0 }, { term: 3, lsn: 4 }], 4)).toBe(3);
    expect(lastLogTerm([{ term: 1, lsn: 0 }, { term: 3, lsn: 4 }], 3)).toBe(1);
    expect(lastLogTerm([], 0)).toBe(0);
  });

  it('the donor is the highest <last_log_term, flush_lsn>: a newer term beats a longer log', () => {
    const votes = [
      { id: 'sk1', vote: vote([{ term: 1, lsn: 0 }], 9) },
      { id: 'sk2', vote: vote([{ term: 1, lsn: 0 }, { term: 2, lsn: 3 }], 4) },
      { id: 'sk3', vote: vote([{ term: 1, lsn: 0 }, { term: 2, lsn: 3 }], 5) },
    ];
    expect(chooseDonor(votes).id).toBe('sk3');
    expect(chooseDonor(votes, true).id).toBe('sk1'); // the broken variant takes the first vote
  });

  it('startStreamingAt is where the histories part (Neon\'s example: a tail from a losing term is cut)', () => {
    const proposer = [{ term: 1, lsn: 0 }, { term: 3, lsn: 2 }, { term: 4, lsn: 5 }];
    // The safekeeper wrote term-2 WAL from LSN 2 that term 3 replaced: truncate at 2.
    expect(startStreamingAt(proposer, 4, [{ term: 1, lsn: 0 }, { term: 2, lsn: 2 }], 6)).toBe(2);
    // It shares term 3 but holds only up to 4: stream from 4.
    expect(startStreamingAt(proposer, 4, [{ term: 1, lsn: 0 }, { term: 3, lsn: 2 }], 4)).toBe(4);
    // Nothing in common: from the proposer's first entry.
    expect(startStreamingAt(proposer, 4, [], 0)).toBe(0);
  });
});

describe('the correct model under faults', () => {
  it('keeps every invariant after every step, and acknowledges a commit again after the heal (60 seeds)', () => {
    let elections = 0, truncations = 0, commits = 0;
    for (const seed of seeds(60)) {
      const result = runNeon({ seed, ...FAULTY, safetyTicks: 150 });
      expect(result.ok, result.ok ? '' : formatFailure(result)).toBe(true);
      elections += notes(result).filter((n) => n.includes('elected in term')).length;
      truncations += notes(result).filter((n) => n.includes('truncated WAL')).length;
      commits += acked(result).length;
    }
    // The runs did what the properties are about: proposers changed, tails were truncated, commits acknowledged.
    expect(elections).toBeGreaterThan(30);
    expect(truncations).toBeGreaterThan(0);
    expect(commits).toBeGreaterThan(500);
  }, 120_000);

  it('the normal case: one commit, flushed by a majority, acknowledged at commit_lsn; the pageserver and object storage get it', () => {
    const result = normalCase();
    expect(result.ok).toBe(true);
    expect(acked(result)).toEqual([{ value: 1, kind: 'committed', lsn: 1, term: 1, by: 'cA.0' }]);
    const disk = (id: string) => result.final.nodes.find((n) => n.id === id)!.durable as { wal: readonly number[] };
    expect(disk('ps').wal).toEqual([1]);
    expect(disk('s3').wal).toEqual([1]);
  });
});

describe('each rule, switched off, is caught', () => {
  it('skip-sync-from-majority: the new proposer takes the first voter\'s empty log and an acknowledged commit is gone; syncing from the majority keeps it', () => {
    const broken = proposerChange(false);
    expect(failure(broken)).toMatch(/no acknowledged commit is lost[^]*commit 1 was acknowledged at LSN 1, but cB, leading term 2, streams/);
    expect(notes(broken)).toContain('cB elected in term 2: donor sk1 (last_log_term 1, flush_lsn 0)');
    const clean = proposerChange(true);
    expect(failure(clean)).toBe('');
    expect(notes(clean)).toContain('cB elected in term 2: donor sk2 (last_log_term 1, flush_lsn 1)');
    expect(acked(clean).map((a) => [a.value, a.lsn, a.term])).toEqual([[1, 1, 1], [2, 2, 2]]);
  });

  it('ack-on-one-flush: a commit is acknowledged with one safekeeper of three holding it; the majority rule never answers', () => {
    expect(failure(oneFlush(false))).toMatch(/commit 1 was acknowledged at LSN 1, but only 1 safekeeper\(s\) hold it/);
    const clean = oneFlush(true);
    expect(failure(clean)).toBe('');
    expect(acked(clean)).toHaveLength(0);
  });

  it('accept-lower-term: safekeepers take the old term\'s WAL after voting, the old proposer acknowledges it, and the new one truncates it', () => {
    const broken = lowerTerm(false);
    expect(failure(broken)).toMatch(/commit 1 was acknowledged at LSN 1, but only 0 safekeeper\(s\) hold it/);
    const clean = lowerTerm(true);
    expect(failure(clean)).toBe('');
    expect(notes(clean)).toContain('cA sk1 is in a higher term: saw term 2, stops');
    expect(acked(clean).map((a) => a.by)).toEqual(['cB.0']);
  });

  it('the swarm suite\'s random seeds find every variant too', () => {
    for (const [name, variant] of Object.entries(neonVariants)) {
      let found: string | undefined;
      for (const seed of seeds(40)) {
        found = RANDOM_SUITES.neon.run(seed, variant.config).finding;
        if (found) break;
      }
      expect(found, name).toMatch(/^invariant-violated/);
    }
  }, 60_000);
});
