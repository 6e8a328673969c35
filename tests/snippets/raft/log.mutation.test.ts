/**
 * The log's rules, one at a time (snippets/raft/log.ts): the paper's 1-based indexes, the
 * up-to-date comparison a voter makes (§5.4.1), and the follower's consistency check with its
 * conflict rule (§5.3, Figure 2). The seeded suites run them only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { appendAfter, atLeastAsUpToDate, firstConflict, lastIndex, lastTerm, termAt } from '../../../snippets/raft/log.ts';
import { nop, w } from './servers.ts';

describe('indexes', () => {
  it('entry i is log[i - 1]; index 0 is the empty prefix of term 0; past the end there is no term', () => {
    const log = [nop(1), w(2)];
    expect([termAt(log, 0), termAt(log, 1), termAt(log, 2), termAt(log, 3)]).toEqual([0, 1, 2, -1]);
    expect([lastIndex(log), lastTerm(log)]).toEqual([2, 2]);
    expect([lastIndex([]), lastTerm([])]).toEqual([0, 0]);
  });
});

describe('at least as up-to-date (Raft §5.4.1)', () => {
  const log = [nop(1), w(2), w(2)];
  it('a later last term wins, even with a shorter log', () => {
    expect(atLeastAsUpToDate({ lastLogTerm: 3, lastLogIndex: 1 }, log)).toBe(true);
  });
  it('an earlier last term loses, even with a longer log', () => {
    expect(atLeastAsUpToDate({ lastLogTerm: 1, lastLogIndex: 9 }, log)).toBe(false);
  });
  it('with equal last terms, the longer log wins and an equal one is enough', () => {
    expect(atLeastAsUpToDate({ lastLogTerm: 2, lastLogIndex: 4 }, log)).toBe(true);
    expect(atLeastAsUpToDate({ lastLogTerm: 2, lastLogIndex: 3 }, log)).toBe(true);
    expect(atLeastAsUpToDate({ lastLogTerm: 2, lastLogIndex: 2 }, log)).toBe(false);
  });
  it('anyone is at least as up-to-date as an empty log', () => {
    expect(atLeastAsUpToDate({ lastLogTerm: 0, lastLogIndex: 0 }, [])).toBe(true);
  });
});

describe('the consistency check (Raft §5.3, Figure 2 receiver rules 2–4)', () => {
  it('refuses unless the log holds an entry at prevLogIndex with prevLogTerm', () => {
    const log = [nop(1), w(1)];
    expect(appendAfter(log, 3, 1, [w(2)])).toBeUndefined();
    expect(appendAfter(log, 2, 2, [w(2)])).toBeUndefined();
    expect(appendAfter(log, 2, 1, [w(2)])).toEqual([nop(1), w(1), w(2)]);
  });

  it('prevLogIndex 0 always matches: the leader sends its whole log', () => {
    expect(appendAfter([], 0, 0, [nop(1), w(1)])).toEqual([nop(1), w(1)]);
  });

  it('an entry that conflicts (same index, other term) is deleted with everything after it', () => {
    const log = [nop(1), w(1, 1), w(1, 2), w(1, 3)];
    expect(appendAfter(log, 1, 1, [nop(2)])).toEqual([nop(1), nop(2)]);
  });

  it('entries already there stay, so an old, reordered AppendEntries never shortens the log', () => {
    const log = [nop(1), w(1, 1), w(1, 2)];
    const same = appendAfter(log, 1, 1, [w(1, 1)]);
    expect(same).toBe(log);
    expect(appendAfter(log, 0, 0, [])).toBe(log);
  });

  it('past the entries that match, the new ones are appended', () => {
    expect(appendAfter([nop(1), w(1, 1)], 1, 1, [w(1, 1), w(1, 2), w(1, 3)])).toEqual([nop(1), w(1, 1), w(1, 2), w(1, 3)]);
  });
});

describe('where a follower dropped entries', () => {
  it('is the first index at which both logs hold an entry and the terms differ', () => {
    expect(firstConflict([nop(1), w(1), w(1)], [nop(1), nop(2)])).toBe(2);
    expect(firstConflict([nop(1), w(1)], [nop(2)])).toBe(1);
  });
  it('is just past the shorter log when the longer one was cut there, and none when nothing was dropped', () => {
    expect(firstConflict([nop(1), w(1), w(1)], [nop(1)])).toBe(2);
    expect(firstConflict([nop(1)], [nop(1), w(1)])).toBeUndefined();
    expect(firstConflict([nop(1), w(1)], [nop(1), w(1)])).toBeUndefined();
  });
});
