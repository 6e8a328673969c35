/**
 * What every Raft handler shares, one rule at a time (snippets/raft/role.ts): the quorum, the
 * randomized election timer (§5.2), adopting a higher term (§5.1), persisting before answering
 * (Figure 2), applying committed entries and answering the clients waiting on them (§5.3, §8), and
 * answering linearizable reads (dissertation §6.4). The seeded suites run them only inside whole runs.
 */
import { describe, expect, it } from 'vitest';
import { adoptTerm, answerReadyReads, applyCommitted, committedInTerm, persistIfChanged, quorum, restartElectionTimer } from '../../../snippets/raft/role.ts';
import { durableOf } from '../../../snippets/raft/state.ts';
import { follower, leader, leaderRole, nop, rd, replies, w } from './servers.ts';

describe('the quorum', () => {
  it('is a majority of the cluster, the server itself included', () => {
    expect(quorum(follower({ peers: ['s2', 's3'] }))).toBe(2);
    expect(quorum(follower({ peers: ['s2', 's3', 's4'] }))).toBe(3);
    expect(quorum(follower({ peers: ['s2', 's3', 's4', 's5'] }))).toBe(3);
  });
});

describe('the election timer (Raft §5.2)', () => {
  it('restarts at 0 with a timeout drawn in [min, max], a new draw each time', () => {
    let s = follower({}, { fixedElectionTicks: {}, electionTicksMin: 10, electionTicksMax: 20 });
    const timeouts = new Set<number>();
    for (let i = 0; i < 40; i++) {
      s = restartElectionTimer({ ...s, electionElapsed: 7 });
      expect(s.electionElapsed).toBe(0);
      expect(s.electionTimeout).toBeGreaterThanOrEqual(10);
      expect(s.electionTimeout).toBeLessThanOrEqual(20);
      timeouts.add(s.electionTimeout);
    }
    expect(s.draws).toBe(41);
    expect(timeouts.size).toBeGreaterThan(5);
    expect(timeouts.has(10) || timeouts.has(20)).toBe(true);
  });

  it('draws every timeout from min to max, both ends included', () => {
    let s = follower({}, { fixedElectionTicks: {}, electionTicksMin: 10, electionTicksMax: 12 });
    const timeouts = new Set<number>();
    for (let i = 0; i < 30; i++) {
      s = restartElectionTimer(s);
      timeouts.add(s.electionTimeout);
    }
    expect([...timeouts].sort()).toEqual([10, 11, 12]);
  });

  it('is a pure function of the seed, the server, its boot and its draw, so a seed replays a run', () => {
    const draw = (change: Parameters<typeof follower>[0], seed = 1) => restartElectionTimer(follower(change, { seed, fixedElectionTicks: {} })).electionTimeout;
    const draws = (change: Parameters<typeof follower>[0], seed = 1) => [0, 1, 2, 3, 4, 5].map((d) => draw({ ...change, draws: d }, seed)).join();
    expect(draws({})).toBe(draws({}));
    expect(draws({ boot: 1 })).not.toBe(draws({}));
    expect(draws({ id: 's2' })).not.toBe(draws({}));
    expect(draws({}, 2)).not.toBe(draws({}));
  });

  it('a scripted run fixes a server\'s timeout', () => {
    expect(restartElectionTimer(follower({}, { fixedElectionTicks: { s1: 4 } })).electionTimeout).toBe(4);
  });
});

describe('a higher term (Raft §5.1)', () => {
  it('is adopted: the server follows nobody yet and has voted for nobody in it', () => {
    const s = adoptTerm(follower({ currentTerm: 2, votedFor: 's3', role: { kind: 'candidate', votes: ['s1'] } }), 3);
    expect(s).toMatchObject({ currentTerm: 3, votedFor: undefined, role: { kind: 'follower', leader: undefined } });
  });

  it('a term that is not higher changes nothing', () => {
    const s = follower({ currentTerm: 3, votedFor: 's1' });
    expect(adoptTerm(s, 3)).toBe(s);
    expect(adoptTerm(s, 2)).toBe(s);
  });

  it('a leader that steps down restarts its election timer; a follower keeps its own running', () => {
    const deposed = adoptTerm(leader({ electionElapsed: 9, draws: 3 }), 2);
    expect(deposed).toMatchObject({ electionElapsed: 0, draws: 4, role: { kind: 'follower' } });
    expect(adoptTerm(follower({ electionElapsed: 3, draws: 3 }), 2)).toMatchObject({ electionElapsed: 3, draws: 3 });
  });
});

describe('persistent state is written before answering (Figure 2)', () => {
  it('a change of term, vote, log or boot is persisted, as it now is', () => {
    const s = follower({ currentTerm: 1 });
    for (const after of [{ ...s, currentTerm: 2 }, { ...s, votedFor: 's2' }, { ...s, log: [nop(1)] }, { ...s, boot: 1 }]) {
      expect(persistIfChanged(s, after)).toEqual([{ kind: 'persist', durable: durableOf(after) }]);
    }
    expect(durableOf({ ...s, votedFor: 's2' })).toEqual({ currentTerm: 1, votedFor: 's2', log: [], boot: 0 });
  });

  it('volatile state alone (commitIndex, the role, the timer) is not', () => {
    const s = follower();
    expect(persistIfChanged(s, { ...s, commitIndex: 3, role: { kind: 'candidate', votes: [] }, electionElapsed: 4 })).toEqual([]);
  });
});

describe('applying committed entries (Raft §5.3, §8)', () => {
  it('a follower that applies entries keeps its role as it was (no leader bookkeeping)', () => {
    const f = follower({ log: [nop(1), w(1, 10)], commitIndex: 2, role: { kind: 'follower', leader: 's2' } });
    expect(applyCommitted(f).state.role).toBe(f.role);
  });

  it('applies every entry up to commitIndex, in order, and no further', () => {
    const s = applyCommitted(follower({ log: [nop(1), w(1, 10, 'p1', 1), w(1, 20, 'p2', 1), w(1, 30, 'p1', 2)], commitIndex: 3 })).state;
    expect(s.lastApplied).toBe(3);
    expect(s.machine).toEqual({ value: 20, lastSeq: { p1: 1, p2: 1 } });
  });

  it('a write already applied for its session (a retry in the log twice) is not applied again', () => {
    const s = applyCommitted(follower({ log: [w(1, 10, 'p1', 1), w(1, 20, 'p2', 1), w(1, 10, 'p1', 1)], commitIndex: 3 })).state;
    expect(s.machine.value).toBe(20);
  });

  it('a leader answers the client waiting on each applied write with where it was committed, and in which term it led', () => {
    const s = leader({ currentTerm: 2, log: [nop(1), nop(2), w(2, 5)], commitIndex: 3 }, { waiters: [{ index: 3, term: 2, client: 'p1', requestId: 7 }] });
    const step = applyCommitted(s);
    expect(replies(step.effects)).toEqual([{ kind: 'reply', client: 'p1', requestId: 7, response: { kind: 'written', index: 3, term: 2, node: 's1', leaderTerm: 2 } }]);
    expect(leaderRole(step.state).waiters).toEqual([]);
  });

  it('a strong read is answered with the register as it is at the read\'s place in the log', () => {
    const s = leader({ log: [nop(1), w(1, 5), rd(1), w(1, 6)], commitIndex: 4 }, { waiters: [{ index: 3, term: 1, client: 'r1', requestId: 2 }] });
    expect(replies(applyCommitted(s).effects).map((r) => r.response)).toEqual([{ kind: 'value', value: 5, node: 's1', applied: 3 }]);
  });

  it('a waiter whose entry was replaced by another term\'s gets no answer and is dropped; later waiters keep waiting', () => {
    const waiters = [{ index: 2, term: 1, client: 'p1', requestId: 1 }, { index: 4, term: 2, client: 'p2', requestId: 1 }];
    const s = leader({ currentTerm: 2, log: [nop(1), nop(2), w(2), w(2)], commitIndex: 3 }, { waiters });
    const step = applyCommitted(s);
    expect(replies(step.effects)).toEqual([]);
    expect(leaderRole(step.state).waiters).toEqual([waiters[1]]);
  });
});

describe('linearizable reads (Raft dissertation §6.4)', () => {
  const read = { readIndex: 2, round: 3, client: 'r1', requestId: 4 };
  const reading = (ackedRound: Record<string, number>, lastApplied: number, confirmLeadership = true) =>
    leader({ log: [nop(1), w(1, 8)], commitIndex: 2, lastApplied, machine: { value: 8, lastSeq: {} } }, { reads: [read], ackedRound, round: 3 }, { confirmLeadership });

  it('wait for a quorum (the leader and one follower of three) to answer a round sent after the read arrived', () => {
    expect(replies(answerReadyReads(reading({ s2: 2, s3: 2 }, 2)).effects)).toEqual([]);
    const step = answerReadyReads(reading({ s2: 2, s3: 3 }, 2));
    expect(replies(step.effects)).toEqual([{ kind: 'reply', client: 'r1', requestId: 4, response: { kind: 'value', value: 8, node: 's1', applied: 2 } }]);
    expect(leaderRole(step.state).reads).toEqual([]);
  });

  it('and until the state machine has applied the commitIndex recorded when the read arrived', () => {
    const step = answerReadyReads(reading({ s2: 3, s3: 3 }, 1));
    expect(replies(step.effects)).toEqual([]);
    expect(leaderRole(step.state).reads).toEqual([read]);
  });

  it('read-index-without-quorum-check answers once the index is applied, with no round answered', () => {
    expect(replies(answerReadyReads(reading({}, 2, false)).effects)).toHaveLength(1);
    expect(replies(answerReadyReads(reading({}, 1, false)).effects)).toHaveLength(0);
  });

  it('a read answered leaves the others waiting', () => {
    const later = { readIndex: 2, round: 4, client: 'r2', requestId: 5 };
    const s = reading({ s2: 3, s3: 3 }, 2);
    const step = answerReadyReads({ ...s, role: { ...leaderRole(s), reads: [read, later] } });
    expect(replies(step.effects).map((r) => r.client)).toEqual(['r1']);
    expect(leaderRole(step.state).reads).toEqual([later]);
  });

  it('only a leader answers them', () => {
    const s = reading({ s2: 3, s3: 3 }, 2);
    expect(answerReadyReads({ ...s, role: { kind: 'follower', leader: 's2' } }).effects).toEqual([]);
  });
});

describe('a leader that has committed an entry of its own term (Raft §8)', () => {
  it('knows every committed entry; before that, or when not leading, it does not', () => {
    expect(committedInTerm(leader({ currentTerm: 2, log: [nop(1), nop(2)], commitIndex: 2 }))).toBe(true);
    expect(committedInTerm(leader({ currentTerm: 2, log: [nop(1), nop(2)], commitIndex: 1 }))).toBe(false);
    expect(committedInTerm(follower({ currentTerm: 2, log: [nop(1), nop(2)], commitIndex: 2 }))).toBe(false);
  });
});
