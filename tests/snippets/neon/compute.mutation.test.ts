/**
 * The walproposer, one rule at a time (snippets/neon/compute.ts, after walproposer.c): greeting a
 * majority and proposing a higher term, counting votes, taking the donor's log and telling each
 * voter where to truncate, commit_lsn from a majority's flush_lsn in the term
 * (GetAcknowledgedByQuorumWALPosition), stepping down on a higher term, and the resends of its
 * timer. The seeded runs and the scripted variants reach these only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { computeStep, firstLeader, newCompute, quorumFlush } from '../../../snippets/neon/compute.ts';
import { neonConfig } from '../../../snippets/neon/run-neon.ts';
import type { ComputeState, ProposerMode } from '../../../snippets/neon/state.ts';
import type { NeonConfig, NeonMessage, TermHistory, Vote } from '../../../snippets/neon/types.ts';

type Leader = Extract<ProposerMode, { kind: 'leader' }>;
const h = (...pairs: Array<[number, number]>): TermHistory => pairs.map(([term, lsn]) => ({ term, lsn }));
const config = (change: Partial<NeonConfig> = {}) => neonConfig({ heartbeatTicks: 4, campaignTicks: 16, backoffTicks: 12, ...change });
const compute = (id = 'cB', change: Partial<ComputeState> = {}, c: Partial<NeonConfig> = {}): ComputeState => ({ ...newCompute(id, config(c), 0), ...change });
/** cA leading term 1 from the timeline's start, with every safekeeper streamed to from 0. */
const cA = (mode: Partial<Leader> = {}, change: Partial<ComputeState> = {}, c: Partial<NeonConfig> = {}): ComputeState => {
  const s = firstLeader(newCompute('cA', config(c), 0));
  return { ...s, ...change, mode: { ...(s.mode as Leader), ...mode } };
};
const leaderOf = (s: ComputeState): Leader => {
  if (s.mode.kind !== 'leader') throw new Error(`${s.id} does not lead`);
  return s.mode;
};
const msg = (from: string, message: NeonMessage) => ({ kind: 'message' as const, from, message });
const sent = (effects: ReadonlyArray<{ kind: string }>) => effects.flatMap((e) => (e.kind === 'send' ? [e as unknown as { to: string; message: NeonMessage }] : []));
const notes = (effects: ReadonlyArray<{ kind: string }>) => effects.flatMap((e) => (e.kind === 'note' ? [(e as unknown as { text: string }).text] : []));
const replies = (effects: ReadonlyArray<{ kind: string }>) => effects.flatMap((e) => (e.kind === 'reply' ? [e as unknown as { client: string; requestId: number; response: unknown }] : []));
const vote = (change: Partial<Vote> = {}): Vote => ({ term: 2, voteGiven: true, flushLsn: 0, truncateLsn: 0, termHistory: h([1, 0]), walBase: 0, wal: [], ...change });
const voteFrom = (s: ComputeState, from: string, v: Vote) => computeStep(s, msg(from, { kind: 'vote-response', boot: s.boot, ...v }));
const campaigning = (votes: Array<{ id: string; vote: Vote }> = [], change: Partial<ComputeState> = {}) => compute('cB', { knownTerm: 2, mode: { kind: 'campaign', since: 0, term: 2, votes }, ...change });
const response = (s: ComputeState, from: string, flushLsn: number, term = 1) => computeStep(s, msg(from, { kind: 'append-response', boot: s.boot, term, flushLsn, commitLsn: 0 }));

describe('the timeline\'s first proposer', () => {
  it('leads term 1 over empty safekeepers, streaming to each from LSN 0', () => {
    expect(leaderOf(cA())).toMatchObject({ term: 1, termHistory: h([1, 0]), termStartLsn: 0, walBase: 0, wal: [], commitLsn: 0, streams: { sk1: { startStreamingAt: 0, flushLsn: 0 }, sk2: { startStreamingAt: 0, flushLsn: 0 }, sk3: { startStreamingAt: 0, flushLsn: 0 } } });
    expect(cA().knownTerm).toBe(1);
  });
});

describe('client commits', () => {
  it('a leader appends the commit at the next LSN and streams it to every safekeeper', () => {
    const { state, effects } = computeStep(cA({ wal: [7], streams: { sk1: { startStreamingAt: 0, flushLsn: 1, commitLsn: 0 }, sk2: { startStreamingAt: 0, flushLsn: 0, commitLsn: 0 } } }), { kind: 'request', client: 'pg1', requestId: 1, request: { value: 8 } });
    expect(leaderOf(state).wal).toEqual([7, 8]);
    expect(state.held).toEqual([{ client: 'pg1', requestId: 1, value: 8, lsn: 2 }]);
    expect(sent(effects).map((e) => [e.to, e.message])).toEqual([
      ['sk1', { kind: 'append', boot: 0, term: 1, beginLsn: 1, records: [8], commitLsn: 0, truncateLsn: 0 }],
      ['sk2', { kind: 'append', boot: 0, term: 1, beginLsn: 0, records: [7, 8], commitLsn: 0, truncateLsn: 0 }],
    ]);
  });

  it('a copy of a request already held is not run twice', () => {
    const once = computeStep(cA(), { kind: 'request', client: 'pg1', requestId: 1, request: { value: 8 } }).state;
    expect(computeStep(once, { kind: 'request', client: 'pg1', requestId: 1, request: { value: 8 } })).toEqual({ state: once, effects: [] });
  });

  it('an idle compute holds the commit and greets every safekeeper, once its back-off has passed', () => {
    const { state, effects } = computeStep(compute('cB', { now: 3 }), { kind: 'request', client: 'pg2', requestId: 1, request: { value: 2 } });
    expect(state.mode).toEqual({ kind: 'greeting', since: 3, terms: {} });
    expect(state.held).toEqual([{ client: 'pg2', requestId: 1, value: 2 }]);
    expect(sent(effects).map((e) => [e.to, e.message])).toEqual(['sk1', 'sk2', 'sk3'].map((sk) => [sk, { kind: 'greeting', boot: 0 }]));
    const waiting = computeStep(compute('cB', { now: 3, mode: { kind: 'idle', campaignAfter: 4 } }), { kind: 'request', client: 'pg2', requestId: 1, request: { value: 2 } });
    expect(waiting.state.mode.kind).toBe('idle');
    expect(waiting.effects).toEqual([]);
  });
});

describe('the election', () => {
  it('with greeting replies from a majority, the compute proposes a term higher than any it has heard of, and asks every safekeeper', () => {
    const greeting = compute('cB', { knownTerm: 1, mode: { kind: 'greeting', since: 0, terms: {} } });
    const one = computeStep(greeting, msg('sk1', { kind: 'greeting-reply', boot: 0, term: 3 }));
    expect(one.state.mode).toEqual({ kind: 'greeting', since: 0, terms: { sk1: 3 } });
    expect(one.effects).toEqual([]);
    const two = computeStep(one.state, msg('sk2', { kind: 'greeting-reply', boot: 0, term: 1 }));
    expect(two.state).toMatchObject({ knownTerm: 4, mode: { kind: 'campaign', term: 4, votes: [] } });
    expect(sent(two.effects).map((e) => [e.to, e.message])).toEqual(['sk1', 'sk2', 'sk3'].map((sk) => [sk, { kind: 'vote-request', boot: 0, term: 4 }]));
    // A term it heard of itself counts too.
    expect(computeStep(computeStep({ ...greeting, knownTerm: 6 }, msg('sk1', { kind: 'greeting-reply', boot: 0, term: 1 })).state, msg('sk2', { kind: 'greeting-reply', boot: 0, term: 1 })).state.knownTerm).toBe(7);
  });

  it('a vote short of a majority is recorded; a second vote from the same safekeeper or of another term is not counted', () => {
    const one = voteFrom(campaigning(), 'sk1', vote()).state;
    expect(one.mode).toMatchObject({ kind: 'campaign', votes: [{ id: 'sk1' }] });
    expect(voteFrom(one, 'sk1', vote()).state).toBe(one);
    expect(voteFrom(one, 'sk2', vote({ term: 3 })).state).toBe(one);
  });

  it('with a majority it leads: the donor is the most advanced voter, the new term begins at its flush_lsn, and the note names it', () => {
    const sk1 = vote({ flushLsn: 0 });
    const sk2 = vote({ flushLsn: 1, wal: [1], truncateLsn: 1 });
    const { state, effects } = voteFrom(campaigning([{ id: 'sk1', vote: sk1 }]), 'sk2', sk2);
    expect(leaderOf(state)).toMatchObject({ term: 2, donor: 'sk2', termStartLsn: 1, termHistory: h([1, 0], [2, 1]), wal: [1], walBase: 0, commitLsn: 0, truncateLsn: 1 });
    expect(notes(effects)).toEqual(['elected in term 2: donor sk2 (last_log_term 1, flush_lsn 1)']);
  });

  it('each voter gets ProposerElected with where its history parts from the new one, then the WAL from there', () => {
    const sk1 = vote({ flushLsn: 0 });
    const sk2 = vote({ flushLsn: 1, wal: [1] });
    const { state, effects } = voteFrom(campaigning([{ id: 'sk1', vote: sk1 }]), 'sk2', sk2);
    expect(sent(effects).map((e) => [e.to, e.message])).toEqual([
      ['sk1', { kind: 'elected', boot: 0, term: 2, startStreamingAt: 0, termHistory: h([1, 0], [2, 1]) }],
      ['sk1', { kind: 'append', boot: 0, term: 2, beginLsn: 0, records: [1], commitLsn: 0, truncateLsn: 0 }],
      ['sk2', { kind: 'elected', boot: 0, term: 2, startStreamingAt: 1, termHistory: h([1, 0], [2, 1]) }],
      ['sk2', { kind: 'append', boot: 0, term: 2, beginLsn: 1, records: [], commitLsn: 0, truncateLsn: 0 }],
    ]);
    expect(leaderOf(state).streams).toEqual({ sk1: { startStreamingAt: 0, flushLsn: undefined, commitLsn: 0 }, sk2: { startStreamingAt: 1, flushLsn: undefined, commitLsn: 0 } });
  });

  it('skip-sync-from-majority takes the first voter\'s log instead', () => {
    const votes = [{ id: 'sk1', vote: vote({ flushLsn: 0 }) }];
    const { state } = voteFrom({ ...campaigning(votes), config: config({ syncFromMajority: false }) }, 'sk2', vote({ flushLsn: 1, wal: [1] }));
    expect(leaderOf(state)).toMatchObject({ donor: 'sk1', termStartLsn: 0, wal: [] });
  });

  it('commits held while campaigning are appended once it leads', () => {
    const s = campaigning([{ id: 'sk1', vote: vote() }], { held: [{ client: 'pg2', requestId: 1, value: 2 }] });
    const { state } = voteFrom(s, 'sk2', vote({ flushLsn: 1, wal: [1] }));
    expect(leaderOf(state).wal).toEqual([1, 2]);
    expect(state.held).toEqual([{ client: 'pg2', requestId: 1, value: 2, lsn: 2 }]);
  });

  it('a refusal in its term or a higher one ends the campaign: it stops, drops what it held, and backs off by its position', () => {
    const s = campaigning([], { now: 5, held: [{ client: 'pg2', requestId: 1, value: 2 }] });
    const { state, effects } = voteFrom(s, 'sk3', vote({ term: 3, voteGiven: false }));
    expect(state).toMatchObject({ knownTerm: 3, held: [], mode: { kind: 'idle', campaignAfter: 5 + 12 * 2 } });
    expect(notes(effects)).toEqual(['sk3 refused the vote: saw term 3, stops']);
    expect(voteFrom(s, 'sk3', vote({ term: 2, voteGiven: false })).state.mode.kind).toBe('idle');
    expect(voteFrom(s, 'sk3', vote({ term: 1, voteGiven: false })).state).toBe(s);
  });

  it('a leader that hears a vote of a higher term stops; a late voter of its own term gets ProposerElected', () => {
    const leading = cA({ term: 2, termHistory: h([1, 0], [2, 0]), streams: {} });
    expect(voteFrom(leading, 'sk1', vote({ term: 3, voteGiven: false })).state.mode.kind).toBe('idle');
    const late = voteFrom(leading, 'sk1', vote({ term: 2 }));
    expect(sent(late.effects).map((e) => e.message.kind)).toEqual(['elected', 'append']);
    expect(leaderOf(late.state).streams.sk1).toEqual({ startStreamingAt: 0, flushLsn: undefined, commitLsn: 0 });
    expect(voteFrom(late.state, 'sk1', vote({ term: 2 })).effects).toEqual([]);
  });

  it('an answer to a previous life of the compute is ignored', () => {
    const s = campaigning([{ id: 'sk1', vote: vote() }]);
    expect(computeStep({ ...s, boot: 1 }, msg('sk2', { kind: 'vote-response', boot: 0, ...vote() }))).toEqual({ state: { ...s, boot: 1 }, effects: [] });
  });
});

describe('commit_lsn (walproposer.c, GetAcknowledgedByQuorumWALPosition)', () => {
  const streams = (flushes: Array<number | undefined>) => Object.fromEntries(flushes.map((f, i) => [`sk${i + 1}`, { startStreamingAt: 0, flushLsn: f, commitLsn: 0 }]));

  it('is the highest LSN a majority has flushed', () => {
    expect(quorumFlush(leaderOf(cA({ streams: streams([5, 3, 1]) })), config())).toBe(3);
    expect(quorumFlush(leaderOf(cA({ streams: streams([5, undefined, 1]) })), config())).toBe(1);
  });

  it('a flush below the term\'s start does not count', () => {
    expect(quorumFlush(leaderOf(cA({ termStartLsn: 4, streams: streams([5, 3, 1]) })), config())).toBe(0);
    expect(quorumFlush(leaderOf(cA({ termStartLsn: 4, streams: streams([5, 4, 1]) })), config())).toBe(4);
  });

  it('ack-on-one-flush counts the highest flush of any one safekeeper', () => {
    expect(quorumFlush(leaderOf(cA({ streams: streams([5, 3, 1]) })), config({ quorumCommit: false }))).toBe(5);
  });
});

describe('AppendResponse', () => {
  const holding = (): ComputeState => {
    const s = cA({ wal: [7, 8], streams: { sk1: { startStreamingAt: 0, flushLsn: 0, commitLsn: 0 }, sk2: { startStreamingAt: 0, flushLsn: 0, commitLsn: 0 }, sk3: { startStreamingAt: 0, flushLsn: 0, commitLsn: 0 } } });
    return { ...s, held: [{ client: 'pg1', requestId: 1, value: 7, lsn: 1 }, { client: 'pg2', requestId: 1, value: 8, lsn: 2 }] };
  };

  it('a commit is acknowledged once commit_lsn passes it, by this proposer\'s life in its term; the new commit_lsn goes to every safekeeper', () => {
    const first = response(holding(), 'sk1', 1);
    expect(replies(first.effects)).toEqual([]);
    const { state, effects } = response(first.state, 'sk2', 1);
    expect(leaderOf(state).commitLsn).toBe(1);
    expect(replies(effects)).toEqual([{ kind: 'reply', client: 'pg1', requestId: 1, response: { kind: 'committed', lsn: 1, term: 1, by: 'cA.0' } }]);
    expect(state.held.map((x) => x.client)).toEqual(['pg2']);
    expect(sent(effects).map((e) => [e.to, (e.message as { commitLsn: number }).commitLsn])).toEqual([['sk1', 1], ['sk2', 1], ['sk3', 1]]);
  });

  it('a response that does not move commit_lsn sends nothing new', () => {
    const { effects } = response(holding(), 'sk1', 1);
    expect(sent(effects)).toEqual([]);
  });

  it('truncate_lsn is what every safekeeper has flushed, never past commit_lsn', () => {
    let s = holding();
    for (const sk of ['sk1', 'sk2', 'sk3']) s = response(s, sk, 1).state;
    expect(leaderOf(s)).toMatchObject({ commitLsn: 1, truncateLsn: 1 });
    const once = response(response(holding(), 'sk1', 2).state, 'sk3', 0).state;
    expect(leaderOf(once).truncateLsn).toBe(0);
    // Every safekeeper holds 3, but none of it is committed in this term (it starts at 4): truncate_lsn stays at commit_lsn.
    let old = cA({ termStartLsn: 4, wal: [1, 2, 3] });
    for (const sk of ['sk1', 'sk2', 'sk3']) old = response(old, sk, 3).state;
    expect(leaderOf(old)).toMatchObject({ commitLsn: 0, truncateLsn: 0 });
  });

  it('a response of a higher term makes the proposer stop; one of another term or from a safekeeper it does not stream to is ignored', () => {
    expect(notes(response(holding(), 'sk1', 0, 2).effects)).toEqual(['sk1 is in a higher term: saw term 2, stops']);
    const s = cA({ term: 2, streams: {} });
    expect(response(s, 'sk1', 3, 2)).toEqual({ state: s, effects: [] });
    expect(response(holding(), 'sk1', 3, 0).state).toEqual(holding());
  });
});

describe('the compute\'s timer', () => {
  const tick = (s: ComputeState) => computeStep(s, { kind: 'tick' });

  it('an idle compute holding a commit greets the safekeepers once its back-off has passed', () => {
    const held = [{ client: 'pg2', requestId: 1, value: 2 }];
    expect(tick(compute('cB', { now: 9, held, mode: { kind: 'idle', campaignAfter: 10 } })).state.mode.kind).toBe('greeting');
    expect(tick(compute('cB', { now: 8, held, mode: { kind: 'idle', campaignAfter: 10 } })).state.mode.kind).toBe('idle');
    expect(tick(compute('cB', { now: 9, mode: { kind: 'idle', campaignAfter: 10 } })).state.mode.kind).toBe('idle');
  });

  it('a greeting or vote request unanswered for campaignTicks is sent again, to the silent safekeepers only', () => {
    const greeting = compute('cB', { now: 15, mode: { kind: 'greeting', since: 0, terms: { sk2: 1 } } });
    const again = tick(greeting);
    expect(sent(again.effects).map((e) => [e.to, e.message.kind])).toEqual([['sk1', 'greeting'], ['sk3', 'greeting']]);
    expect(again.state.mode).toMatchObject({ since: 16 });
    expect(tick({ ...greeting, now: 14 }).effects).toEqual([]);
    const asking = campaigning([{ id: 'sk3', vote: vote() }], { now: 15 });
    expect(sent(tick(asking).effects).map((e) => [e.to, e.message])).toEqual([['sk1', { kind: 'vote-request', boot: 0, term: 2 }], ['sk2', { kind: 'vote-request', boot: 0, term: 2 }]]);
    expect(tick({ ...asking, now: 14 }).effects).toEqual([]);
  });

  it('a leader\'s heartbeat every heartbeatTicks: ProposerElected again where no answer came, AppendRequest where WAL or commit_lsn is missing, a vote request to a safekeeper not in its term', () => {
    const s = cA({ term: 2, wal: [7], commitLsn: 1, lastBeat: 0, streams: {
      sk1: { startStreamingAt: 0, flushLsn: undefined, commitLsn: 0 },
      sk2: { startStreamingAt: 0, flushLsn: 1, commitLsn: 1 },
    } }, { now: 3 });
    const { state, effects } = tick(s);
    expect(sent(effects).map((e) => [e.to, e.message.kind])).toEqual([['sk1', 'elected'], ['sk1', 'append'], ['sk3', 'vote-request']]);
    expect(leaderOf(state).lastBeat).toBe(4);
    expect(tick({ ...s, now: 2 }).effects).toEqual([]);
    // A safekeeper that has all the WAL but not the latest commit_lsn gets an AppendRequest too.
    const behind = { ...s, mode: { ...leaderOf(s), streams: { ...leaderOf(s).streams, sk3: { startStreamingAt: 0, flushLsn: 1, commitLsn: 0 } } } };
    expect(sent(tick(behind).effects).map((e) => [e.to, e.message.kind])).toEqual([['sk1', 'elected'], ['sk1', 'append'], ['sk3', 'append']]);
    // An idle timeline, every safekeeper caught up: nothing at all.
    const caughtUp = cA({ wal: [7], commitLsn: 1, streams: Object.fromEntries(['sk1', 'sk2', 'sk3'].map((sk) => [sk, { startStreamingAt: 0, flushLsn: 1, commitLsn: 1 }])) }, { now: 3 });
    expect(tick(caughtUp).effects).toEqual([]);
  });

  it('a restart writes the new boot count before anything is sent', () => {
    expect(computeStep(compute('cB', { boot: 3 }), { kind: 'restart' }).effects).toEqual([{ kind: 'persist', durable: { role: 'compute', boot: 3 } }]);
  });
});

describe('edges of the election and the stream (session 17, the whole run\'s survivors)', () => {
  const tick = (s: ComputeState) => computeStep(s, { kind: 'tick' });

  it('a leader that hears a vote of a higher term says who was in it before it stops', () => {
    const leading = cA({ term: 2, termHistory: h([1, 0], [2, 0]), streams: {} });
    expect(notes(voteFrom(leading, 'sk1', vote({ term: 3, voteGiven: false })).effects)).toEqual(['sk1 is in a higher term: saw term 3, stops']);
  });

  it('a leader ignores a vote of an older term, even from a safekeeper it does not stream to yet', () => {
    const leading = cA({ term: 2, termHistory: h([1, 0], [2, 0]), streams: {} });
    expect(voteFrom(leading, 'sk1', vote({ term: 1 }))).toEqual({ state: leading, effects: [] });
  });

  it('a refusal of a lower term while campaigning changes nothing and sends nothing', () => {
    const s = campaigning([], { now: 5 });
    expect(voteFrom(s, 'sk3', vote({ term: 1, voteGiven: false }))).toEqual({ state: s, effects: [] });
  });

  it('a new leader with nothing held sends each voter ProposerElected and the WAL, and nothing else', () => {
    const { effects } = voteFrom(campaigning([{ id: 'sk1', vote: vote() }]), 'sk2', vote({ flushLsn: 1, wal: [1] }));
    expect(effects.map((e) => e.kind)).toEqual(['note', 'send', 'send', 'send', 'send']);
  });

  it('the WAL a voter gets is read from the donor\'s base when the donor has trimmed its start', () => {
    const donor = vote({ flushLsn: 4, walBase: 2, wal: [30, 40] });
    const { effects } = voteFrom(campaigning([{ id: 'sk1', vote: donor }]), 'sk2', vote({ flushLsn: 3, wal: [10, 20, 30] }));
    expect(sent(effects).filter((e) => e.message.kind === 'append').map((e) => [e.to, e.message])).toEqual([
      ['sk1', { kind: 'append', boot: 0, term: 2, beginLsn: 4, records: [], commitLsn: 0, truncateLsn: 0 }],
      ['sk2', { kind: 'append', boot: 0, term: 2, beginLsn: 3, records: [40], commitLsn: 0, truncateLsn: 0 }],
    ]);
  });

  it('refuses to stream to a voter from below the donor\'s trimmed WAL (the model\'s own check: it cannot send what it does not hold)', () => {
    const donor = vote({ flushLsn: 4, walBase: 2, wal: [30, 40] });
    expect(() => voteFrom(campaigning([{ id: 'sk1', vote: donor }]), 'sk2', vote({ flushLsn: 1, wal: [10] }))).toThrow('model: cB must stream to sk2 from 1, below the donor\'s trimmed WAL (2)');
  });

  it('a campaign that heard no vote at all asks every safekeeper again', () => {
    expect(sent(tick(campaigning([], { now: 15 })).effects).map((e) => e.to)).toEqual(['sk1', 'sk2', 'sk3']);
  });

  it('a compute ignores the messages only safekeepers handle', () => {
    const s = cA();
    for (const message of [{ kind: 'greeting', boot: 0 }, { kind: 'vote-request', boot: 0, term: 5 }] as NeonMessage[]) {
      expect(computeStep(s, msg('cB', message))).toEqual({ state: s, effects: [] });
    }
  });
});
