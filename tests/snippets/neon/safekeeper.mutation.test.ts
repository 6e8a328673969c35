/**
 * The safekeeper, one rule at a time (snippets/neon/safekeeper.ts, after safekeeper.rs's
 * handle_vote_request, handle_elected, handle_append_request and remove_wal.rs): one vote per term,
 * on disk before it leaves; truncation where ProposerElected says, never below commit_lsn; WAL only
 * from the term it adopted; reads up to commit_lsn; uploads and trimming. The seeded runs and the
 * scripted variants reach these only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { emptySafekeeper, newSafekeeper, safekeeperStep } from '../../../snippets/neon/safekeeper.ts';
import { neonConfig } from '../../../snippets/neon/run-neon.ts';
import { safekeeperDurable, type SafekeeperState } from '../../../snippets/neon/state.ts';
import type { NeonConfig, NeonMessage, TermHistory } from '../../../snippets/neon/types.ts';

const h = (...pairs: Array<[number, number]>): TermHistory => pairs.map(([term, lsn]) => ({ term, lsn }));
/** sk1 in term 1 with history 1@0, holding `wal` from `walBase`. */
const sk = (change: Partial<SafekeeperState> = {}, config: Partial<NeonConfig> = {}): SafekeeperState => ({ ...newSafekeeper('sk1', neonConfig({ backupTicks: 3, ...config }), emptySafekeeper(1, true)), ...change });
const msg = (message: NeonMessage, from = 'cA') => ({ kind: 'message' as const, from, message });
const step = (s: SafekeeperState, message: NeonMessage, from = 'cA') => safekeeperStep(s, msg(message, from));
const sent = (effects: ReadonlyArray<{ kind: string }>) => effects.flatMap((e) => (e.kind === 'send' ? [(e as unknown as { message: NeonMessage }).message] : []));
const kinds = (effects: ReadonlyArray<{ kind: string }>) => effects.map((e) => e.kind);
const append = (change: Partial<Extract<NeonMessage, { kind: 'append' }>> = {}): NeonMessage => ({ kind: 'append', boot: 0, term: 1, beginLsn: 0, records: [], commitLsn: 0, truncateLsn: 0, ...change });
const elected = (term: number, startStreamingAt: number, termHistory: TermHistory): NeonMessage => ({ kind: 'elected', boot: 0, term, startStreamingAt, termHistory });

describe('greetings and votes', () => {
  it('a greeting is answered with the safekeeper\'s term, for the proposer\'s life', () => {
    expect(sent(step(sk({ term: 4 }), { kind: 'greeting', boot: 2 }).effects)).toEqual([{ kind: 'greeting-reply', boot: 2, term: 4 }]);
  });

  it('votes for a term higher than any it voted for, writing the vote to disk before it leaves, with its flush_lsn, history and WAL', () => {
    const s = sk({ wal: [5, 6], peerHorizonLsn: 1, termHistory: h([1, 0], [3, 4]) });
    const { state, effects } = step(s, { kind: 'vote-request', boot: 1, term: 2 });
    expect(state.term).toBe(2);
    expect(kinds(effects)).toEqual(['persist', 'send']);
    expect(effects[0]).toEqual({ kind: 'persist', durable: safekeeperDurable(state) });
    expect(sent(effects)).toEqual([{ kind: 'vote-response', boot: 1, term: 2, voteGiven: true, flushLsn: 2, truncateLsn: 1, termHistory: h([1, 0]), walBase: 0, wal: [5, 6] }]);
  });

  it('refuses a term it already voted in, or a lower one, answering with its own term and writing nothing', () => {
    for (const term of [2, 1]) {
      const { state, effects } = step(sk({ term: 2 }), { kind: 'vote-request', boot: 0, term });
      expect(state.term).toBe(2);
      expect(kinds(effects)).toEqual(['send']);
      expect(sent(effects)[0]).toMatchObject({ term: 2, voteGiven: false });
    }
  });
});

describe('ProposerElected', () => {
  it('truncates the WAL where the proposer says, adopts its term history, writes both to disk and notes the truncation', () => {
    const { state, effects } = step(sk({ term: 2, wal: [5, 6, 7] }), elected(2, 1, h([1, 0], [2, 1])));
    expect(state).toMatchObject({ term: 2, wal: [5], termHistory: h([1, 0], [2, 1]) });
    expect(kinds(effects)).toEqual(['persist', 'note']);
    expect(effects[1]).toEqual({ kind: 'note', text: 'truncated WAL to 1, term history 1@0 2@1' });
  });

  it('a start at or past its flush_lsn cuts nothing, and says nothing', () => {
    const { state, effects } = step(sk({ term: 2, wal: [5] }), elected(2, 1, h([1, 0], [2, 1])));
    expect(state.wal).toEqual([5]);
    expect(kinds(effects)).toEqual(['persist']);
  });

  it('from a term lower than its own it is ignored; accept-lower-term takes it', () => {
    const s = sk({ term: 3, wal: [5, 6] });
    expect(step(s, elected(2, 0, h([2, 0])))).toEqual({ state: s, effects: [] });
    const taken = step(sk({ term: 3, wal: [5, 6] }, { refuseLowerTerm: false }), elected(2, 0, h([2, 0]))).state;
    expect(taken).toMatchObject({ term: 3, wal: [], termHistory: h([2, 0]) });
  });

  it('a copy for a term whose history it has adopted changes nothing (WAL may have followed it)', () => {
    const s = sk({ term: 2, wal: [5, 6], termHistory: h([1, 0], [2, 1]) });
    expect(step(s, elected(2, 1, h([1, 0], [2, 1])))).toEqual({ state: s, effects: [] });
  });

  it('never truncates below commit_lsn or below the trimmed WAL: it refuses, and says so', () => {
    const committed = sk({ term: 2, wal: [5, 6], commitLsn: 2 });
    const refused = step(committed, elected(2, 1, h([1, 0], [2, 1])));
    expect(refused.state).toBe(committed);
    expect(refused.effects).toEqual([{ kind: 'note', text: 'refused to truncate to 1: commit_lsn is 2' }]);
    const trimmed = sk({ term: 2, walBase: 2, wal: [7] });
    expect(step(trimmed, elected(2, 1, h([1, 0], [2, 1]))).state).toBe(trimmed);
  });
});

describe('AppendRequest', () => {
  it('appends the records past its flush_lsn, takes commit_lsn up to what it holds, writes to disk first, and reports its flush_lsn', () => {
    const { state, effects } = step(sk({ wal: [5] }), append({ beginLsn: 0, records: [5, 6, 7], commitLsn: 9, truncateLsn: 1 }));
    expect(state).toMatchObject({ wal: [5, 6, 7], commitLsn: 3, peerHorizonLsn: 1 });
    expect(kinds(effects)).toEqual(['persist', 'send']);
    expect(sent(effects)).toEqual([{ kind: 'append-response', boot: 0, term: 1, flushLsn: 3, commitLsn: 3 }]);
  });

  it('commit_lsn and the peer horizon never move back', () => {
    const { state } = step(sk({ wal: [5, 6], commitLsn: 2, peerHorizonLsn: 2 }), append({ beginLsn: 2, commitLsn: 1, truncateLsn: 0 }));
    expect(state).toMatchObject({ commitLsn: 2, peerHorizonLsn: 2 });
  });

  it('an AppendRequest that changes nothing is answered without writing to disk', () => {
    const { effects } = step(sk({ wal: [5] }), append({ beginLsn: 1 }));
    expect(kinds(effects)).toEqual(['send']);
  });

  it('records that start past its flush_lsn leave a gap: it takes none and says where it is', () => {
    const s = sk({ wal: [5] });
    const { state, effects } = step(s, append({ beginLsn: 3, records: [8], commitLsn: 4 }));
    expect(state).toBe(s);
    expect(sent(effects)).toEqual([{ kind: 'append-response', boot: 0, term: 1, flushLsn: 1, commitLsn: 0 }]);
  });

  it('WAL of a term whose ProposerElected has not arrived is ignored', () => {
    const s = sk({ term: 2 });
    expect(step(s, append({ term: 2, records: [5] }))).toEqual({ state: s, effects: [] });
  });

  it('from a lower term it is refused with the safekeeper\'s term, so the proposer learns it was superseded', () => {
    const s = sk({ term: 2, wal: [5] });
    const { state, effects } = step(s, append({ term: 1, beginLsn: 1, records: [6] }));
    expect(state).toBe(s);
    expect(sent(effects)).toEqual([{ kind: 'append-response', boot: 0, term: 2, flushLsn: 1, commitLsn: 0 }]);
  });

  it('accept-lower-term takes it, and answers in the proposer\'s term as if it were current', () => {
    const s = sk({ term: 2, wal: [5] }, { refuseLowerTerm: false });
    const { state, effects } = step(s, append({ term: 1, beginLsn: 1, records: [6] }));
    expect(state.wal).toEqual([5, 6]);
    expect(state.term).toBe(2);
    expect(sent(effects)).toEqual([{ kind: 'append-response', boot: 0, term: 1, flushLsn: 2, commitLsn: 0 }]);
  });
});

describe('the pageserver\'s reads', () => {
  it('get WAL from where it asks up to commit_lsn, never past it', () => {
    const s = sk({ wal: [5, 6, 7], commitLsn: 2 });
    expect(sent(step(s, { kind: 'read-wal', from: 0, remoteConsistentLsn: 0 }, 'ps').effects)).toEqual([{ kind: 'wal', from: 0, records: [5, 6] }]);
    expect(sent(step(s, { kind: 'read-wal', from: 2, remoteConsistentLsn: 0 }, 'ps').effects)).toEqual([{ kind: 'wal', from: 2, records: [] }]);
  });

  it('get nothing from below the trimmed WAL', () => {
    const s = sk({ walBase: 2, wal: [7, 8], commitLsn: 4 });
    expect(sent(step(s, { kind: 'read-wal', from: 1, remoteConsistentLsn: 1 }, 'ps').effects)).toEqual([{ kind: 'wal', from: 1, records: [] }]);
    expect(sent(step(s, { kind: 'read-wal', from: 3, remoteConsistentLsn: 3 }, 'ps').effects)).toEqual([{ kind: 'wal', from: 3, records: [8] }]);
  });

  it('record the pageserver\'s remote_consistent_lsn on disk when it moves forward, and only then', () => {
    const s = sk({ wal: [5], commitLsn: 1, remoteConsistentLsn: 1 });
    const forward = step(s, { kind: 'read-wal', from: 1, remoteConsistentLsn: 2 }, 'ps');
    expect(forward.state.remoteConsistentLsn).toBe(2);
    expect(kinds(forward.effects)).toEqual(['persist', 'send']);
    expect(kinds(step(s, { kind: 'read-wal', from: 1, remoteConsistentLsn: 1 }, 'ps').effects)).toEqual(['send']);
  });
});

describe('offload to object storage and trimming (remove_wal.rs)', () => {
  it('uploads the committed WAL not yet in object storage every backupTicks ticks', () => {
    const s = sk({ wal: [5, 6, 7], commitLsn: 2, backupLsn: 1, now: 2 });
    const { state, effects } = safekeeperStep(s, { kind: 'tick' });
    expect(effects).toEqual([{ kind: 'send', to: 's3', message: { kind: 'upload', from: 1, records: [6] } }]);
    expect(state.uploadSentAt).toBe(3);
    expect(safekeeperStep({ ...s, now: 3 }, { kind: 'tick' }).effects).toEqual([]);
  });

  it('one upload at a time: another only after twice backupTicks without an answer; none without object storage or with nothing new', () => {
    const s = sk({ wal: [5, 6], commitLsn: 2, backupLsn: 0, now: 5, uploadSentAt: 3 });
    expect(safekeeperStep(s, { kind: 'tick' }).effects).toEqual([]);
    expect(sent(safekeeperStep({ ...s, now: 8 }, { kind: 'tick' }).effects)).toHaveLength(1);
    const { objectStore: _s3, ...withoutStore } = neonConfig({ backupTicks: 3 });
    expect(safekeeperStep(sk({ wal: [5], commitLsn: 1, now: 2, config: withoutStore }), { kind: 'tick' }).effects).toEqual([]);
    expect(safekeeperStep(sk({ wal: [5], commitLsn: 1, backupLsn: 1, now: 2 }), { kind: 'tick' }).effects).toEqual([]);
  });

  it('an answer moves backup_lsn forward (never back), frees the next upload and is written to disk', () => {
    const { state, effects } = step(sk({ backupLsn: 1, uploadSentAt: 3 }), { kind: 'uploaded', upTo: 3 }, 's3');
    expect(state).toMatchObject({ backupLsn: 3, uploadSentAt: undefined });
    expect(kinds(effects)).toEqual(['persist']);
    expect(step(sk({ backupLsn: 3 }), { kind: 'uploaded', upTo: 2 }, 's3').state.backupLsn).toBe(3);
  });

  it('trims the WAL below what is uploaded, made durable by the pageserver, committed and on every safekeeper, all four', () => {
    const base = { wal: [5, 6, 7, 8], commitLsn: 3, backupLsn: 3, remoteConsistentLsn: 3, peerHorizonLsn: 3, now: 0 };
    const { state, effects } = safekeeperStep(sk(base), { kind: 'tick' });
    expect(state).toMatchObject({ walBase: 3, wal: [8] });
    expect(kinds(effects)).toEqual(['persist']);
    for (const lower of ['commitLsn', 'backupLsn', 'remoteConsistentLsn', 'peerHorizonLsn']) {
      expect(safekeeperStep(sk({ ...base, [lower]: 2 }), { kind: 'tick' }).state).toMatchObject({ walBase: 2, wal: [7, 8] });
    }
  });

  it('a restart writes the new boot count first; other messages are ignored', () => {
    const s = sk({ boot: 2 });
    expect(safekeeperStep(s, { kind: 'restart' }).effects).toEqual([{ kind: 'persist', durable: safekeeperDurable(s) }]);
    expect(step(s, { kind: 'append-response', boot: 0, term: 1, flushLsn: 0, commitLsn: 0 })).toEqual({ state: s, effects: [] });
  });
});

describe('edges (session 17, the whole run\'s survivors)', () => {
  it('a safekeeper created before the timeline\'s first term has no term history: it takes WAL only after ProposerElected gives it one', () => {
    expect(emptySafekeeper(0, false)).toEqual({ role: 'safekeeper', boot: 0, term: 0, termHistory: [], walBase: 0, wal: [], commitLsn: 0, backupLsn: 0, remoteConsistentLsn: 0, peerHorizonLsn: 0 });
    const blank = sk({ term: 2, termHistory: [] });
    expect(step(blank, append({ term: 2, records: [5] }))).toEqual({ state: blank, effects: [] });
    const { state } = step(blank, elected(2, 0, h([2, 0])));
    expect(state).toMatchObject({ term: 2, termHistory: h([2, 0]), wal: [] });
    expect(step(state, append({ term: 2, records: [5] })).state.wal).toEqual([5]);
  });

  it('an AppendRequest that only raises truncate_lsn is written to disk before the answer', () => {
    const s = sk({ wal: [5, 6], commitLsn: 2, peerHorizonLsn: 0 });
    const { state, effects } = step(s, append({ beginLsn: 2, commitLsn: 2, truncateLsn: 2 }));
    expect(state.peerHorizonLsn).toBe(2);
    expect(kinds(effects)).toEqual(['persist', 'send']);
    expect(effects[0]).toEqual({ kind: 'persist', durable: safekeeperDurable(state) });
  });
});
