/**
 * Each Neon invariant (snippets/neon/invariants.ts) shown failing on the smallest hand-built view that
 * breaks it in one way, naming what it found, and holding on views at its edge: one proposer per term,
 * commit_lsn never moving back, no acknowledged commit lost, and the learners (pageserver, object
 * storage) holding only committed WAL. The seeded runs keep them all and the scripted variants break
 * them in a few ways; these state every comparison and message. Written for mutation testing
 * (docs/mutation.md). Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import type { ClientOperation, ClusterView, NodeView } from '../../../snippets/sim/index.ts';
import { neonInvariants, safekeeperDisks } from '../../../snippets/neon/invariants.ts';
import { firstLeader, newCompute } from '../../../snippets/neon/compute.ts';
import { emptySafekeeper, newSafekeeper } from '../../../snippets/neon/safekeeper.ts';
import { neonConfig } from '../../../snippets/neon/run-neon.ts';
import type { ComputeState, NeonTypes, ProposerMode, SafekeeperDurable } from '../../../snippets/neon/state.ts';
import type { NeonResponse } from '../../../snippets/neon/types.ts';

const ONE = 'at most one proposer per term';
const COMMIT = 'commit_lsn never moves back, and WAL below it never changes';
const ACKED = 'no acknowledged commit is lost';
const PAGESERVER = 'the pageserver ingests only committed WAL';
const STORE = 'object storage holds a prefix of the committed WAL';

type View = ClusterView<NeonTypes>;
type Node = NodeView<NeonTypes>;
type Leader = Extract<ProposerMode, { kind: 'leader' }>;

const check = (name: string, view: View) => {
  const invariant = neonInvariants()[name];
  if (!invariant) throw new Error(`no invariant named ${name}`);
  return invariant(view);
};
const config = () => neonConfig();
const view = (nodes: Node[], history: ClientOperation[] = []): View => ({ tick: 0, nodes, history, settledTick: undefined });

/** A safekeeper's disk: term 1, history 1@0, holding `wal` from `walBase` (0), committed up to `commitLsn` (0). */
const disk = (change: Partial<SafekeeperDurable> = {}): SafekeeperDurable => ({ ...emptySafekeeper(1, true), ...change });
/** A safekeeper that is up, its memory and disk the same. */
const sk = (id: string, change: Partial<SafekeeperDurable> = {}): Node => {
  const d = disk(change);
  return { id, up: true, state: newSafekeeper(id, config(), d), durable: d };
};
/** A crashed safekeeper: only its disk. */
const skDown = (id: string, change: Partial<SafekeeperDurable> = {}): Node => ({ id, up: false, state: undefined, durable: disk(change) });
/** A safekeeper that is up but has written nothing to disk yet (the simulator's view before its first persist). */
const skUnwritten = (id: string, change: Partial<SafekeeperDurable> = {}): Node => ({ id, up: true, state: newSafekeeper(id, config(), disk(change)), durable: undefined });

/** A compute leading `term` (cA leads term 1 by default), life `boot`. */
const leading = (id: string, mode: Partial<Leader> = {}, boot = 0): Node => {
  const first = firstLeader(newCompute(id, config(), boot));
  const state: ComputeState = { ...first, mode: { ...(first.mode as Leader), ...mode } };
  return { id, up: true, state, durable: { role: 'compute', boot } };
};
const idle = (id: string, boot = 0): Node => ({ id, up: true, state: newCompute(id, config(), boot), durable: boot > 0 ? { role: 'compute', boot } : undefined });
const computeDown = (id: string): Node => ({ id, up: false, state: undefined, durable: { role: 'compute', boot: 1 } });
const pageserver = (wal: number[], up = true): Node =>
  up ? { id: 'ps', up: true, state: { role: 'pageserver', wal, id: 'ps', config: config(), now: 0, asked: 0 }, durable: { role: 'pageserver', wal } } : { id: 'ps', up: false, state: undefined, durable: { role: 'pageserver', wal } };
const store = (wal: number[]): Node => ({ id: 's3', up: true, state: { role: 'object-store', wal, id: 's3' }, durable: { role: 'object-store', wal } });

let nextId = 0;
/** A commit of `value` by pg1, acknowledged with `result` (or unanswered, without one). */
const commitOp = (value: number, result?: Partial<NeonResponse>): ClientOperation => ({
  id: nextId++, client: 'pg1', op: 'commit', args: value, invokeTick: 0, invokeOrder: nextId,
  ...(result ? { returnTick: 1, returnOrder: nextId, result: { kind: 'committed', lsn: 1, term: 1, by: 'cA.0', ...result } } : {}),
});

describe('which nodes are safekeepers\' disks', () => {
  it('a safekeeper\'s disk when it has one, its memory when it has written none, and no compute, pageserver or object store', () => {
    const nodes = [
      sk('sk1', { wal: [1] }),
      skDown('sk2', { wal: [2] }),
      skUnwritten('sk3', { wal: [3] }),
      { ...sk('sk4', { wal: [4] }), durable: disk({ wal: [40] }) } as Node,
      idle('cA'), idle('cB', 2), computeDown('cC'), pageserver([1]), store([1]),
      { id: 'sk5', up: false, state: undefined, durable: undefined } as Node,
    ];
    expect(safekeeperDisks(view(nodes)).map(({ id, disk: d }) => `${id}:${d.wal.join()}`)).toEqual(['sk1:1', 'sk2:2', 'sk3:3', 'sk4:40']);
  });
});

describe('at most one proposer per term (Neon: a safekeeper votes once per term)', () => {
  it('names both proposers\' lives and the term when two lead one term', () => {
    expect(check(ONE, view([leading('cA', { term: 2 }), sk('sk1'), leading('cB', { term: 2 }, 3)]))).toBe('cA.0 and cB.3 both lead term 2');
  });

  it('holds for leaders of different terms (a deposed one that has not heard yet), and for one leader beside idle and crashed computes', () => {
    expect(check(ONE, view([leading('cA', { term: 1 }), leading('cB', { term: 2 })]))).toBeUndefined();
    expect(check(ONE, view([leading('cA', { term: 2 }), idle('cB'), computeDown('cC'), sk('sk1')]))).toBeUndefined();
  });

  it('names both when two proposers acknowledged commits in one term, in the order they answered', () => {
    const history = [commitOp(1000, { term: 2, by: 'cA.0' }), commitOp(1001, { term: 2, by: 'cB.1' })];
    expect(check(ONE, view([sk('sk1')], history))).toBe('cA.0 and cB.1 both acknowledged commits in term 2');
  });

  it('holds for many acknowledgements by one proposer in a term, by two in two terms, and skips unanswered calls', () => {
    const history = [commitOp(1000, { term: 2, by: 'cA.0' }), commitOp(1001), commitOp(1002, { term: 2, by: 'cA.0' }), commitOp(1003, { term: 3, by: 'cB.0' })];
    expect(check(ONE, view([sk('sk1')], history))).toBeUndefined();
  });

  it('a later life of the same compute is another proposer', () => {
    const history = [commitOp(1000, { term: 2, by: 'cA.0' }), commitOp(1001, { term: 2, by: 'cA.1' })];
    expect(check(ONE, view([], history))).toBe('cA.0 and cA.1 both acknowledged commits in term 2');
  });
});

describe('commit_lsn never moves back, and WAL below it never changes', () => {
  it('fails when two safekeepers committed different records at one position, naming the position, both values and the second safekeeper', () => {
    expect(check(COMMIT, view([sk('sk1', { wal: [1, 2], commitLsn: 2 }), sk('sk2', { wal: [1, 3], commitLsn: 2 })]))).toBe('position 1 is committed as 2 on one safekeeper and as 3 on sk2');
  });

  it('holds when they differ only at or past commit_lsn (an uncommitted tail may be cut)', () => {
    expect(check(COMMIT, view([sk('sk1', { wal: [1, 2], commitLsn: 1 }), sk('sk2', { wal: [1, 3], commitLsn: 1 }), sk('sk3', { wal: [4], commitLsn: 0 })]))).toBeUndefined();
  });

  it('reads each disk from its walBase: a trimmed safekeeper\'s first record is at walBase', () => {
    const agree = [sk('sk1', { wal: [1, 2, 8], commitLsn: 3 }), sk('sk2', { walBase: 2, wal: [8], commitLsn: 3 })];
    expect(check(COMMIT, view(agree))).toBeUndefined();
    const differ = [sk('sk1', { wal: [1, 2, 8], commitLsn: 3 }), sk('sk2', { walBase: 2, wal: [7], commitLsn: 3 })];
    expect(check(COMMIT, view(differ))).toBe('position 2 is committed as 8 on one safekeeper and as 7 on sk2');
  });

  it('reads a crashed safekeeper\'s disk', () => {
    expect(check(COMMIT, view([sk('sk1', { wal: [1], commitLsn: 1 }), skDown('sk2', { wal: [5], commitLsn: 1 })]))).toBe('position 0 is committed as 1 on one safekeeper and as 5 on sk2');
  });

  it('remembers what it saw committed: a position committed as one value and later as another fails', () => {
    const invariant = neonInvariants()[COMMIT]!;
    expect(invariant(view([sk('sk1', { wal: [1, 2], commitLsn: 2 }), sk('sk2', { wal: [1, 2], commitLsn: 2 })]))).toBeUndefined();
    expect(invariant(view([sk('sk1', { wal: [1, 2], commitLsn: 2 }), sk('sk2', { wal: [1, 2], commitLsn: 2 })]))).toBeUndefined();
    expect(invariant(view([sk('sk1', { wal: [1, 5], commitLsn: 2 }), sk('sk2', { wal: [1, 5], commitLsn: 2 })]))).toBe('position 1 was committed as 2, now as 5');
  });

  it('fails when a committed position is no longer under any commit_lsn, nor trimmed anywhere', () => {
    const invariant = neonInvariants()[COMMIT]!;
    expect(invariant(view([sk('sk1', { wal: [1, 2], commitLsn: 2 })]))).toBeUndefined();
    expect(invariant(view([sk('sk1', { wal: [1, 2], commitLsn: 1 })]))).toBe('position 1 was committed, and no safekeeper\'s commit_lsn covers it any more');
  });

  it('a committed position trimmed on some safekeeper (walBase past it: uploaded) is not lost; at walBase it is', () => {
    const trimmed = neonInvariants()[COMMIT]!;
    expect(trimmed(view([sk('sk1', { wal: [1, 2], commitLsn: 2 })]))).toBeUndefined();
    expect(trimmed(view([sk('sk1', { walBase: 2, wal: [], commitLsn: 2 }), sk('sk2', { wal: [1] })]))).toBeUndefined();
    const atBase = neonInvariants()[COMMIT]!;
    expect(atBase(view([sk('sk1', { wal: [1, 2], commitLsn: 2 })]))).toBeUndefined();
    expect(atBase(view([sk('sk1', { walBase: 1, wal: [], commitLsn: 1 })]))).toBe('position 1 was committed, and no safekeeper\'s commit_lsn covers it any more');
  });

  it('each set of invariants remembers on its own (the explorer makes a fresh set per state)', () => {
    expect(neonInvariants()[COMMIT]!(view([sk('sk1', { wal: [1, 2], commitLsn: 2 })]))).toBeUndefined();
    expect(neonInvariants()[COMMIT]!(view([sk('sk1', { wal: [9], commitLsn: 1 })]))).toBeUndefined();
  });
});

describe('no acknowledged commit is lost', () => {
  it('fails when fewer than a majority of safekeepers hold an acknowledged record, listing what each holds there', () => {
    const nodes = [sk('sk1', { wal: [1000, 1001] }), sk('sk2', { wal: [1000] }), sk('sk3', { wal: [1000, 7] })];
    expect(check(ACKED, view(nodes, [commitOp(1001, { lsn: 2 })]))).toBe('commit 1001 was acknowledged at LSN 2, but only 1 safekeeper(s) hold it (sk1: 1001, sk2: nothing, sk3: 7)');
  });

  it('holds when exactly a majority hold it (two of three; three of four, where two of four fail)', () => {
    const two = [sk('sk1', { wal: [1000, 1001] }), sk('sk2', { wal: [1000, 1001] }), sk('sk3', { wal: [1000] })];
    expect(check(ACKED, view(two, [commitOp(1001, { lsn: 2 })]))).toBeUndefined();
    const four = (holders: number) => ['sk1', 'sk2', 'sk3', 'sk4'].map((id, i) => sk(id, { wal: i < holders ? [1000] : [] }));
    expect(check(ACKED, view(four(3), [commitOp(1000, { lsn: 1 })]))).toBeUndefined();
    expect(check(ACKED, view(four(2), [commitOp(1000, { lsn: 1 })]))).toBe('commit 1000 was acknowledged at LSN 1, but only 2 safekeeper(s) hold it (sk1: 1000, sk2: 1000, sk3: nothing, sk4: nothing)');
  });

  it('counts only safekeepers (a compute that wrote nothing, the pageserver and object storage are not voters)', () => {
    const nodes = [sk('sk1', { wal: [1000] }), sk('sk2', { wal: [1000] }), sk('sk3'), idle('cA'), idle('cB', 1), pageserver([1000]), store([1000])];
    expect(check(ACKED, view(nodes, [commitOp(1000, { lsn: 1 })]))).toBeUndefined();
  });

  it('a record trimmed from a safekeeper counts if object storage holds it there, and not otherwise', () => {
    const trimmed = [sk('sk1', { walBase: 2, wal: [] }), sk('sk2', { wal: [1000, 1001] }), sk('sk3')];
    expect(check(ACKED, view([...trimmed, store([1000, 1001])], [commitOp(1001, { lsn: 2 })]))).toBeUndefined();
    expect(check(ACKED, view([...trimmed, store([1000, 9])], [commitOp(1001, { lsn: 2 })]))).toBe('commit 1001 was acknowledged at LSN 2, but only 1 safekeeper(s) hold it (sk1: trimmed, sk2: 1001, sk3: nothing)');
    expect(check(ACKED, view(trimmed, [commitOp(1001, { lsn: 2 })]))).toBe('commit 1001 was acknowledged at LSN 2, but only 1 safekeeper(s) hold it (sk1: trimmed, sk2: 1001, sk3: nothing)');
  });

  it('object storage vouches only for trimmed records: a safekeeper holding another value there does not count', () => {
    const nodes = [sk('sk1', { wal: [1000, 9] }), sk('sk2', { wal: [1000, 1001] }), sk('sk3'), store([1000, 1001])];
    expect(check(ACKED, view(nodes, [commitOp(1001, { lsn: 2 })]))).toBe('commit 1001 was acknowledged at LSN 2, but only 1 safekeeper(s) hold it (sk1: 9, sk2: 1001, sk3: nothing)');
  });

  it('a record at a safekeeper\'s walBase is its first one, not trimmed', () => {
    const nodes = [sk('sk1', { walBase: 1, wal: [1001] }), sk('sk2', { wal: [1000, 1001] }), sk('sk3')];
    expect(check(ACKED, view(nodes, [commitOp(1001, { lsn: 2 })]))).toBeUndefined();
  });

  it('reads the disk, not the memory, of a safekeeper that has both; the memory of one that wrote none', () => {
    const memoryOnly = { ...sk('sk1', { wal: [1000] }), durable: disk() } as Node;
    expect(check(ACKED, view([memoryOnly, sk('sk2', { wal: [1000] }), sk('sk3')], [commitOp(1000, {})]))).toBe('commit 1000 was acknowledged at LSN 1, but only 1 safekeeper(s) hold it (sk1: nothing, sk2: 1000, sk3: nothing)');
    expect(check(ACKED, view([skUnwritten('sk1', { wal: [1000] }), sk('sk2', { wal: [1000] }), sk('sk3')], [commitOp(1000, {})]))).toBeUndefined();
  });

  it('skips calls that were not answered', () => {
    expect(check(ACKED, view([sk('sk1'), sk('sk2'), sk('sk3')], [commitOp(1000)]))).toBeUndefined();
  });

  it('fails when a leader of the acknowledging term or a later one streams another record there, naming it and its term', () => {
    const disks = [sk('sk1', { wal: [1000, 1001] }), sk('sk2', { wal: [1000, 1001] }), sk('sk3')];
    const acked = [commitOp(1001, { lsn: 2, term: 2 })];
    expect(check(ACKED, view([...disks, leading('cB', { term: 2, wal: [1000, 5] })], acked))).toBe('commit 1001 was acknowledged at LSN 2, but cB, leading term 2, streams 5 there');
    expect(check(ACKED, view([...disks, leading('cB', { term: 3, wal: [1000] })], acked))).toBe('commit 1001 was acknowledged at LSN 2, but cB, leading term 3, streams nothing there');
    expect(check(ACKED, view([...disks, leading('cB', { term: 3, walBase: 1, wal: [1001] })], acked))).toBeUndefined();
    expect(check(ACKED, view([...disks, leading('cB', { term: 3, walBase: 1, wal: [6] })], acked))).toBe('commit 1001 was acknowledged at LSN 2, but cB, leading term 3, streams 6 there');
  });

  it('a deposed leader of an older term, and a leader whose streamed WAL begins past the record, are not asked', () => {
    const disks = [sk('sk1', { wal: [1000, 1001] }), sk('sk2', { wal: [1000, 1001] }), sk('sk3')];
    const acked = [commitOp(1001, { lsn: 2, term: 2 })];
    expect(check(ACKED, view([...disks, leading('cA', { term: 1, wal: [1000] })], acked))).toBeUndefined();
    expect(check(ACKED, view([...disks, leading('cB', { term: 3, walBase: 2, wal: [] })], acked))).toBeUndefined();
  });
});

describe('the learners hold only committed WAL (the pageserver ingests, object storage keeps, a prefix of it)', () => {
  it('fail when the pageserver or object storage holds WAL past every commit_lsn, naming how far', () => {
    const disks = [sk('sk1', { wal: [1, 2, 3], commitLsn: 2 }), sk('sk2', { wal: [1, 2], commitLsn: 1 })];
    expect(check(PAGESERVER, view([...disks, pageserver([1, 2, 3])]))).toBe('the pageserver holds WAL up to 3, past every commit_lsn (2)');
    expect(check(STORE, view([...disks, store([1, 2, 3])]))).toBe('object storage holds WAL up to 3, past every commit_lsn (2)');
    expect(check(PAGESERVER, view([...disks, pageserver([1, 2])]))).toBeUndefined();
    expect(check(STORE, view([...disks, store([1, 2])]))).toBeUndefined();
  });

  it('the highest commit_lsn counts, a leader\'s included (it learns commit_lsn before the safekeepers)', () => {
    const disks = [sk('sk1', { wal: [1, 2], commitLsn: 1 }), sk('sk2', { wal: [1, 2], commitLsn: 0 })];
    expect(check(PAGESERVER, view([...disks, leading('cA', { term: 1, wal: [1, 2], commitLsn: 2 }), pageserver([1, 2])]))).toBeUndefined();
    expect(check(PAGESERVER, view([...disks, leading('cA', { term: 1, wal: [1, 2], commitLsn: 1 }), pageserver([1, 2])]))).toBe('the pageserver holds WAL up to 2, past every commit_lsn (1)');
  });

  it('with nothing committed anywhere, commit_lsn is 0: no WAL may be ingested', () => {
    expect(check(PAGESERVER, view([pageserver([5])]))).toBe('the pageserver holds WAL up to 1, past every commit_lsn (0)');
    expect(check(PAGESERVER, view([pageserver([])]))).toBeUndefined();
  });

  it('fail when they hold another value than the committed one at a position, naming it', () => {
    const disks = [sk('sk1', { wal: [1000, 1001], commitLsn: 2 })];
    expect(check(PAGESERVER, view([...disks, pageserver([1000, 9])]))).toBe('the pageserver holds 9 at position 1, but the committed WAL has 1001 there');
    expect(check(STORE, view([...disks, store([8, 1001])]))).toBe('object storage holds 8 at position 0, but the committed WAL has 1000 there');
  });

  it('a position the safekeepers trimmed is not compared (only object storage still holds it)', () => {
    const disks = [sk('sk1', { walBase: 2, wal: [1002], commitLsn: 3 })];
    expect(check(PAGESERVER, view([...disks, pageserver([5, 6, 1002])]))).toBeUndefined();
    expect(check(PAGESERVER, view([...disks, pageserver([5, 6, 7])]))).toBe('the pageserver holds 7 at position 2, but the committed WAL has 1002 there');
  });

  it('each reads its own node, crashed or up, and a cluster without one holds', () => {
    const disks = [sk('sk1', { wal: [1000], commitLsn: 1 })];
    expect(check(PAGESERVER, view([...disks, pageserver([9], false), store([1000])]))).toBe('the pageserver holds 9 at position 0, but the committed WAL has 1000 there');
    expect(check(STORE, view([...disks, pageserver([9]), store([1000])]))).toBeUndefined();
    expect(check(PAGESERVER, view([...disks, pageserver([1000]), store([9])]))).toBeUndefined();
    expect(check(STORE, view([sk('sk1')]))).toBeUndefined();
    expect(check(PAGESERVER, view([sk('sk1')]))).toBeUndefined();
  });
});
