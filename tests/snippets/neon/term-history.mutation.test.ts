/**
 * Term histories, one rule at a time (snippets/neon/term-history.ts), beyond what neon.test.ts
 * states: the history as it applies to a flush_lsn, the term that wrote a record, the donor's tie
 * rules, and where the proposer starts streaming when the histories agree to the end.
 */
import { describe, expect, it } from 'vitest';
import { chooseDonor, showHistory, startStreamingAt, termAt, upTo } from '../../../snippets/neon/term-history.ts';
import type { TermHistory, Vote } from '../../../snippets/neon/types.ts';

const h = (...pairs: Array<[number, number]>): TermHistory => pairs.map(([term, lsn]) => ({ term, lsn }));
const vote = (termHistory: TermHistory, flushLsn: number): Vote => ({ term: 9, voteGiven: true, flushLsn, truncateLsn: 0, termHistory, walBase: 0, wal: [] });

describe('a history up to a flush_lsn (Neon\'s up_to)', () => {
  it('keeps the terms that begin at or below it', () => {
    expect(upTo(h([1, 0], [2, 3], [4, 5]), 3)).toEqual(h([1, 0], [2, 3]));
    expect(upTo(h([1, 0], [2, 3]), 2)).toEqual(h([1, 0]));
    expect(upTo(h([1, 2]), 1)).toEqual([]);
  });
});

describe('the term that wrote a record', () => {
  it('is the last term that begins at or below the record\'s LSN, and 0 before any', () => {
    const history = h([1, 0], [3, 2], [4, 5]);
    expect([0, 1, 2, 4, 5, 9].map((lsn) => termAt(history, lsn))).toEqual([1, 1, 3, 3, 4, 4]);
    expect(termAt(h([2, 3]), 1)).toBe(0);
  });
});

describe('the donor: the highest <last_log_term, flush_lsn> among the votes', () => {
  it('with equal last terms the longer log wins, wherever it is in the list', () => {
    const votes = [{ id: 'sk1', vote: vote(h([1, 0]), 2) }, { id: 'sk2', vote: vote(h([1, 0]), 5) }, { id: 'sk3', vote: vote(h([1, 0]), 3) }];
    expect(chooseDonor(votes).id).toBe('sk2');
  });

  it('an older last term loses to a newer one even when longer; a full tie keeps the first', () => {
    expect(chooseDonor([{ id: 'sk1', vote: vote(h([1, 0], [2, 1]), 2) }, { id: 'sk2', vote: vote(h([1, 0]), 8) }]).id).toBe('sk1');
    expect(chooseDonor([{ id: 'sk1', vote: vote(h([1, 0]), 2) }, { id: 'sk2', vote: vote(h([1, 0]), 2) }]).id).toBe('sk1');
  });

  it('a term whose WAL begins past the voter\'s flush_lsn does not count as its last term', () => {
    // sk1 adopted term 3's history at LSN 4 but holds WAL only to 3: its last term is 2.
    const votes = [{ id: 'sk1', vote: vote(h([1, 0], [2, 1], [3, 4]), 3) }, { id: 'sk2', vote: vote(h([1, 0], [2, 1]), 4) }];
    expect(chooseDonor(votes).id).toBe('sk2');
  });
});

describe('where the proposer starts streaming to a safekeeper (walproposer.c, SendProposerElected)', () => {
  it('a safekeeper that shares the proposer\'s whole history, the new term included, is streamed to from its flush_lsn', () => {
    expect(startStreamingAt(h([1, 0], [2, 3]), 2, h([1, 0], [2, 3]), 5)).toBe(5);
  });

  it('a safekeeper whose last shared term ended before the proposer\'s did is streamed to from its own end of that term', () => {
    // Both wrote term 1; the proposer's term 1 runs to 4, the safekeeper's to 2 (then its own term 2).
    expect(startStreamingAt(h([1, 0], [3, 4]), 3, h([1, 0], [2, 2]), 6)).toBe(2);
    // It holds term 1 only, to 3: from 3.
    expect(startStreamingAt(h([1, 0], [3, 4]), 3, h([1, 0]), 3)).toBe(3);
  });

  it('prints as term@lsn, oldest first', () => {
    expect(showHistory(h([1, 0], [2, 1]))).toBe('[1@0 2@1]');
    expect(showHistory([])).toBe('[]');
  });
});
