/**
 * Each Raft invariant (the paper's Figure 3, and the client's view of durability) shown failing on
 * the smallest hand-built view that breaks it in one way, naming what it found, and holding on views
 * at its edge: written for `npm run mutation -- raft`, which needs each comparison and each message
 * of snippets/raft/invariants.ts read by a test (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import type { ClientOperation, ClusterView, NodeView } from '../../../snippets/sim/index.ts';
import { raftInvariants } from '../../../snippets/raft/invariants.ts';
import { durableOf, type RaftState, type RaftTypes } from '../../../snippets/raft/state.ts';
import type { Entry, RaftResponse } from '../../../snippets/raft/types.ts';
import { follower, leader, nop, w } from './servers.ts';

const ELECTION = 'Election Safety: at most one leader per term';
const MATCHING = 'Log Matching: logs that share an entry\'s index and term are identical up to it';
const COMPLETENESS = 'Leader Completeness: a leader holds every entry committed in an earlier term';
const MACHINE = 'State Machine Safety: no two servers apply different entries at one index';
const ACKED = 'no acknowledged write is lost: every leader since holds it';

const check = (name: string, view: ClusterView<RaftTypes>) => {
  const invariant = raftInvariants()[name];
  if (!invariant) throw new Error(`no invariant named ${name}`);
  return invariant(view);
};

/** A server that is up, as s<id>, holding `change` (a follower unless the change makes it lead). */
const upNode = (state: RaftState): NodeView<RaftTypes> => ({ id: state.id, up: true, state, durable: durableOf(state) });
/** A crashed server: only its disk is left (or nothing, if it never wrote one). */
const downNode = (id: string, log?: readonly Entry[], term = 1): NodeView<RaftTypes> => ({
  id, up: false, state: undefined, durable: log ? { currentTerm: term, votedFor: undefined, log, boot: 1 } : undefined,
});
const at = (id: string, change: Partial<RaftState> = {}) => upNode(follower({ id, ...change }));
const leading = (id: string, change: Partial<RaftState> = {}) => upNode(leader({ id, ...change }));
const view = (nodes: NodeView<RaftTypes>[], history: ClientOperation[] = []): ClusterView<RaftTypes> => ({ tick: 0, nodes, history, settledTick: undefined });

let nextId = 0;
/** A write of `value` by p1, answered with `result` (or not answered, without one). */
const writeOp = (value: number, result?: RaftResponse, client = 'p1'): ClientOperation => ({
  id: nextId++, client, op: 'write', args: [1, value], invokeTick: 0, invokeOrder: nextId,
  ...(result ? { returnTick: 1, returnOrder: nextId, result } : {}),
});
const written = (index: number, term: number, node: string, leaderTerm: number): RaftResponse => ({ kind: 'written', index, term, node, leaderTerm });

describe('Election Safety (Raft §5.2, Figure 3): at most one leader per term', () => {
  it('names both servers and the term when two lead the same term', () => {
    expect(check(ELECTION, view([leading('s1', { currentTerm: 2 }), at('s2', { currentTerm: 2 }), leading('s3', { currentTerm: 2 })]))).toBe('s1 and s3 both lead term 2');
  });

  it('names the pair in id order whatever the cluster order', () => {
    expect(check(ELECTION, view([leading('s3', { currentTerm: 2 }), leading('s1', { currentTerm: 2 })]))).toBe('s1 and s3 both lead term 2');
  });

  it('holds for leaders of different terms (a deposed leader that has not heard yet)', () => {
    expect(check(ELECTION, view([leading('s1', { currentTerm: 1 }), leading('s2', { currentTerm: 2 })]))).toBeUndefined();
  });

  it('holds for one leader, and for followers and candidates of one term', () => {
    const candidate = at('s3', { currentTerm: 2, role: { kind: 'candidate', votes: ['s3'] } });
    expect(check(ELECTION, view([leading('s1', { currentTerm: 2 }), at('s2', { currentTerm: 2 }), candidate]))).toBeUndefined();
    expect(check(ELECTION, view([at('s1', { currentTerm: 2 }), at('s2', { currentTerm: 2 })]))).toBeUndefined();
  });

  it('reads only servers that are up: a crashed one holds no role', () => {
    expect(check(ELECTION, view([downNode('s1', [nop(2)], 2), leading('s2', { currentTerm: 2 })]))).toBeUndefined();
  });
});

describe('Log Matching (Raft §5.3, Figure 3): logs that share an entry\'s index and term are identical up to it', () => {
  it('fails when two entries of one term at one index differ, naming the servers, term and index', () => {
    const v = view([at('s1', { log: [nop(1), w(1, 1)] }), at('s2', { log: [nop(1), w(1, 2)] })]);
    expect(check(MATCHING, v)).toBe('s1 and s2 both hold an entry of term 1 at index 2, but differ at index 2: w1@1 and w2@1');
  });

  it('fails on a difference below the last shared entry, naming where they differ', () => {
    const v = view([at('s1', { log: [w(1, 1), nop(2), w(2, 5)] }), at('s2', { log: [w(1, 2), nop(2)] })]);
    expect(check(MATCHING, v)).toBe('s1 and s2 both hold an entry of term 2 at index 2, but differ at index 1: w1@1 and w2@1');
  });

  it('holds for logs that differ only after their last entry of a shared term (conflicting tails are allowed)', () => {
    const v = view([at('s1', { log: [nop(1), w(1, 1), w(2, 7)] }), at('s2', { log: [nop(1), w(1, 1), w(3, 8), w(3, 9)] }), at('s3', { log: [nop(1)] })]);
    expect(check(MATCHING, v)).toBeUndefined();
  });

  it('holds for logs with no index where the terms agree, and for empty logs', () => {
    expect(check(MATCHING, view([at('s1', { log: [nop(1)] }), at('s2', { log: [nop(2)] }), at('s3')]))).toBeUndefined();
  });

  it('compares commands, not just terms: kind, value, session and request number', () => {
    const pair = (a: Entry, b: Entry) => check(MATCHING, view([at('s1', { log: [a] }), at('s2', { log: [b] })]));
    expect(pair(nop(1), { term: 1, command: { kind: 'read' } })).toBe('s1 and s2 both hold an entry of term 1 at index 1, but differ at index 1: nop@1 and rd@1');
    expect(pair(w(1, 1), nop(1))).toBe('s1 and s2 both hold an entry of term 1 at index 1, but differ at index 1: w1@1 and nop@1');
    expect(pair(w(1, 1, 'p1', 1), w(1, 1, 'p2', 1))).toBe('s1 and s2 both hold an entry of term 1 at index 1, but differ at index 1: w1@1 and w1@1');
    expect(pair(w(1, 1, 'p1', 1), w(1, 1, 'p1', 2))).toBe('s1 and s2 both hold an entry of term 1 at index 1, but differ at index 1: w1@1 and w1@1');
    expect(pair(w(1, 1, 'p1', 1), w(1, 1, 'p1', 1))).toBeUndefined();
    expect(pair(nop(1), nop(1))).toBeUndefined();
    expect(pair({ term: 1, command: { kind: 'read' } }, { term: 1, command: { kind: 'read' } })).toBeUndefined();
  });

  it('an entry of another term is another entry, even with the same command (terms never fall along a log)', () => {
    const v = view([at('s1', { log: [w(1, 5), nop(3)] }), at('s2', { log: [w(2, 5), nop(3)] })]);
    expect(check(MATCHING, v)).toBe('s1 and s2 both hold an entry of term 3 at index 2, but differ at index 1: w5@1 and w5@2');
  });

  it('a copy of an entry (another object, the same command) is the same entry', () => {
    const entry = w(1, 5);
    expect(check(MATCHING, view([at('s1', { log: [entry] }), at('s2', { log: [{ ...entry }] })]))).toBeUndefined();
  });

  it('reads a crashed server\'s log from its disk, and skips a crashed server that never wrote one', () => {
    expect(check(MATCHING, view([at('s1', { log: [w(1, 1)] }), downNode('s2', [w(1, 2)])]))).toBe('s1 and s2 both hold an entry of term 1 at index 1, but differ at index 1: w1@1 and w2@1');
    expect(check(MATCHING, view([at('s1', { log: [w(1, 1)] }), downNode('s2')]))).toBeUndefined();
  });

  it('names the pair in id order whatever the cluster order', () => {
    expect(check(MATCHING, view([at('s2', { log: [w(1, 2)] }), at('s1', { log: [w(1, 1)] })]))).toBe('s1 and s2 both hold an entry of term 1 at index 1, but differ at index 1: w1@1 and w2@1');
  });
});

describe('Leader Completeness (Raft §5.4, Figure 3): a leader holds every entry committed in an earlier term', () => {
  it('fails when a server committed an entry in an earlier term that the leader lacks, naming who committed it', () => {
    const v = view([leading('s1', { currentTerm: 2, log: [nop(1)] }), at('s2', { currentTerm: 1, log: [nop(1), w(1, 3)], commitIndex: 2 })]);
    expect(check(COMPLETENESS, v)).toBe('index 2@1 is committed (s2\'s commitIndex in term 1), but s1, leader of term 2, holds nothing there');
  });

  it('fails when the leader holds another term\'s entry at a committed index', () => {
    const v = view([leading('s1', { currentTerm: 3, log: [nop(1), nop(2)] }), at('s2', { currentTerm: 2, log: [nop(1), w(1, 3)], commitIndex: 2 })]);
    expect(check(COMPLETENESS, v)).toBe('index 2@1 is committed (s2\'s commitIndex in term 2), but s1, leader of term 3, holds nop@2 there');
  });

  it('holds when the leader holds the committed entry', () => {
    const v = view([leading('s1', { currentTerm: 2, log: [nop(1), w(1, 3), nop(2)] }), at('s2', { currentTerm: 1, log: [nop(1), w(1, 3)], commitIndex: 2 })]);
    expect(check(COMPLETENESS, v)).toBeUndefined();
  });

  it('a commitIndex learned in the leader\'s own term or a later one does not bind it, nor does commitIndex 0', () => {
    const own = view([leading('s1', { currentTerm: 2, log: [nop(1)] }), at('s2', { currentTerm: 2, log: [nop(1), nop(2)], commitIndex: 2 })]);
    expect(check(COMPLETENESS, own)).toBeUndefined();
    const later = view([leading('s1', { currentTerm: 2, log: [nop(1)] }), at('s2', { currentTerm: 3, log: [nop(1), nop(3)], commitIndex: 2 })]);
    expect(check(COMPLETENESS, later)).toBeUndefined();
    const none = view([leading('s1', { currentTerm: 2, log: [] }), at('s2', { currentTerm: 1, log: [nop(1)], commitIndex: 0 })]);
    expect(check(COMPLETENESS, none)).toBeUndefined();
  });

  it('reads the commitIndex of servers that are up only (a crash wipes it), and checks every leader', () => {
    const v = view([downNode('s3', [nop(1), w(1, 3)]), leading('s1', { currentTerm: 1, log: [nop(1)] }), leading('s2', { currentTerm: 3, log: [nop(1)] }), at('s4', { currentTerm: 2, log: [nop(1), w(1, 3)], commitIndex: 2 })]);
    expect(check(COMPLETENESS, v)).toBe('index 2@1 is committed (s4\'s commitIndex in term 2), but s2, leader of term 3, holds nothing there');
  });

  it('a write acknowledged in an earlier term binds the leader, naming who acknowledged it to whom', () => {
    const history = [writeOp(1003, written(2, 1, 's2', 1), 'p2')];
    expect(check(COMPLETENESS, view([leading('s1', { currentTerm: 2, log: [nop(1)] })], history))).toBe('index 2@1 is committed (s2\'s acknowledgement to p2 in term 1), but s1, leader of term 2, holds nothing there');
    expect(check(COMPLETENESS, view([leading('s1', { currentTerm: 2, log: [nop(1), w(1, 1003, 'p2')] })], history))).toBeUndefined();
  });

  it('an acknowledgement from the leader\'s own term does not bind it here, nor does a write not answered', () => {
    expect(check(COMPLETENESS, view([leading('s1', { currentTerm: 2, log: [nop(1)] })], [writeOp(1003, written(2, 2, 's1', 2))]))).toBeUndefined();
    expect(check(COMPLETENESS, view([leading('s1', { currentTerm: 2, log: [nop(1)] })], [writeOp(1003)]))).toBeUndefined();
  });
});

describe('State Machine Safety (Raft §5.4.3, Figure 3): no two servers apply different entries at one index', () => {
  it('fails when two servers applied different entries at one index, naming both and the index', () => {
    const v = view([at('s1', { log: [nop(1), w(1, 1)], lastApplied: 2 }), at('s2', { log: [nop(1), w(2, 2)], lastApplied: 2 })]);
    expect(check(MACHINE, v)).toBe('s1 applied w1@1 at index 2, s2 applied w2@2');
  });

  it('holds when the logs differ only past what one of them applied', () => {
    const v = view([at('s1', { log: [nop(1), w(1, 1)], lastApplied: 2 }), at('s2', { log: [nop(1), w(2, 2)], lastApplied: 1 })]);
    expect(check(MACHINE, v)).toBeUndefined();
  });

  it('names the pair in id order whatever the cluster order', () => {
    const v = view([at('s2', { log: [w(1, 2)], lastApplied: 1 }), at('s1', { log: [w(1, 1)], lastApplied: 1 })]);
    expect(check(MACHINE, v)).toBe('s1 applied w1@1 at index 1, s2 applied w2@1');
  });

  it('an applied index a server does not hold counts as a different entry', () => {
    const v = view([at('s1', { log: [nop(1)], lastApplied: 2 }), at('s2', { log: [nop(1), w(1, 2)], lastApplied: 2 })]);
    expect(check(MACHINE, v)).toBe('s1 applied nothing at index 2, s2 applied w2@1');
  });

  it('whichever of the two lacks the entry', () => {
    const v = view([at('s1', { log: [nop(1), w(1, 2)], lastApplied: 2 }), at('s2', { log: [nop(1)], lastApplied: 2 })]);
    expect(check(MACHINE, v)).toBe('s1 applied w2@1 at index 2, s2 applied nothing');
  });

  it('reads servers that are up only: a crash wipes what was applied', () => {
    const v = view([downNode('s1', [w(1, 1)]), at('s2', { log: [w(1, 2)], lastApplied: 1 })]);
    expect(check(MACHINE, v)).toBeUndefined();
  });
});

describe('no acknowledged write is lost: every leader since the acknowledgement holds it', () => {
  const ack = (index = 2, term = 2, leaderTerm = 2) => writeOp(1001, written(index, term, 's1', leaderTerm));

  it('fails when a leader of the acknowledging term or later lacks it, naming the write, where, and the leader', () => {
    expect(check(ACKED, view([leading('s2', { currentTerm: 3, log: [nop(1), nop(3)] })], [ack()]))).toBe('write 1001 was acknowledged at index 2@2, but s2, leader of term 3, holds nop@3 there');
    expect(check(ACKED, view([leading('s1', { currentTerm: 2, log: [nop(1)] })], [ack()]))).toBe('write 1001 was acknowledged at index 2@2, but s1, leader of term 2, holds nothing there');
  });

  it('fails when the leader holds an entry of the right term with another value', () => {
    expect(check(ACKED, view([leading('s1', { currentTerm: 2, log: [nop(1), w(2, 1002)] })], [ack()]))).toBe('write 1001 was acknowledged at index 2@2, but s1, leader of term 2, holds w1002@2 there');
    expect(check(ACKED, view([leading('s1', { currentTerm: 2, log: [nop(1), nop(2)] })], [ack()]))).toBe('write 1001 was acknowledged at index 2@2, but s1, leader of term 2, holds nop@2 there');
  });

  it('fails when the leader holds the value in another term\'s entry', () => {
    expect(check(ACKED, view([leading('s1', { currentTerm: 3, log: [nop(1), w(3, 1001)] })], [ack()]))).toBe('write 1001 was acknowledged at index 2@2, but s1, leader of term 3, holds w1001@3 there');
  });

  it('holds when every leader since holds it; a leader of an earlier term is not bound', () => {
    const holding = leading('s1', { currentTerm: 3, log: [nop(1), w(2, 1001)] });
    expect(check(ACKED, view([holding], [ack()]))).toBeUndefined();
    expect(check(ACKED, view([holding, leading('s2', { currentTerm: 1, log: [nop(1)] })], [ack()]))).toBeUndefined();
  });

  it('holds with no leader, and ignores writes not answered and reads', () => {
    expect(check(ACKED, view([at('s1', { currentTerm: 3, log: [] })], [ack()]))).toBeUndefined();
    const lacking = leading('s1', { currentTerm: 3, log: [nop(1)] });
    expect(check(ACKED, view([lacking], [writeOp(1001)]))).toBeUndefined();
    const read: ClientOperation = { id: nextId++, client: 'r1', op: 'read', args: [1, 'linearizable'], invokeTick: 0, invokeOrder: 0, returnTick: 1, returnOrder: 1, result: { kind: 'value', value: 1001, node: 's1', applied: 2 } };
    expect(check(ACKED, view([lacking], [read]))).toBeUndefined();
  });
});
