/** Hand-made Raft servers for the one-rule tests (*.mutation.test.ts): s1 of s1..s3, as a follower, candidate or leader. */
import { raft } from '../../../snippets/raft/model.ts';
import { raftConfig } from '../../../snippets/raft/run-raft.ts';
import type { RaftState } from '../../../snippets/raft/state.ts';
import type { Entry, RaftConfig } from '../../../snippets/raft/types.ts';

export const w = (term: number, value = 1, session = 'p1', seq = 1): Entry => ({ term, command: { kind: 'write', value, session, seq } });
export const nop = (term: number): Entry => ({ term, command: { kind: 'noop' } });
export const rd = (term: number): Entry => ({ term, command: { kind: 'read' } });

/** s1 as it boots, with the given state on top; election timeouts fixed at 5 ticks unless the config says otherwise. */
export function follower(change: Partial<RaftState> = {}, config: Partial<RaftConfig> = {}): RaftState {
  return { ...raft.init('s1', ['s2', 's3'], raftConfig(1, { fixedElectionTicks: { s1: 5 }, ...config })), ...change };
}

type Leader = Extract<RaftState['role'], { kind: 'leader' }>;

/** s1 leading `currentTerm` (default 1) with `log`, every follower's nextIndex just past it and matchIndex 0 unless changed. */
export function leader(change: Partial<RaftState> = {}, role: Partial<Leader> = {}, config: Partial<RaftConfig> = {}): RaftState {
  const log = change.log ?? [nop(1)];
  const next = log.length + 1;
  return follower({
    currentTerm: 1,
    votedFor: 's1',
    log,
    ...change,
    role: { kind: 'leader', nextIndex: { s2: next, s3: next }, matchIndex: { s2: 0, s3: 0 }, round: 0, ackedRound: {}, waiters: [], reads: [], sinceHeartbeat: 0, ...role },
  }, config);
}

export const leaderRole = (s: RaftState): Leader => {
  if (s.role.kind !== 'leader') throw new Error(`${s.id} does not lead`);
  return s.role;
};

type AnyEffect = { readonly kind: string };
export const sends = (effects: readonly AnyEffect[]) => effects.flatMap((e) => (e.kind === 'send' ? [e as unknown as { to: string; message: { kind: string } & Record<string, unknown> }] : []));
export const replies = (effects: readonly AnyEffect[]) => effects.flatMap((e) => (e.kind === 'reply' ? [e as unknown as { client: string; requestId: number; response: Record<string, unknown> }] : []));
export const notes = (effects: readonly AnyEffect[]) => effects.flatMap((e) => (e.kind === 'note' ? [(e as unknown as { text: string }).text] : []));
export const kinds = (effects: readonly AnyEffect[]) => effects.map((e) => e.kind);
