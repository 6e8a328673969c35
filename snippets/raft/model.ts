/**
 * The Raft model as one simulator `Model`: a dispatcher over the inputs, the handlers in
 * election.ts, replication.ts and requests.ts, and the labels traces print.
 */
import { unreachable, type Model, type NodeId } from '../sim/index.ts';
import { onRequestVote, onVote, startElection } from './election.ts';
import { raftFields as f } from './fields.ts';
import { leaderTick, onAppendEntries, onAppendResult } from './replication.ts';
import { onRequest } from './requests.ts';
import { persist, restartElectionTimer } from './role.ts';
import { durableOf, EMPTY_MACHINE, type RaftDurable, type RaftState, type RaftStep, type RaftTypes } from './state.ts';
import type { Entry, RaftConfig, RaftMessage } from './types.ts';

function boot(id: NodeId, peers: readonly NodeId[], config: RaftConfig, disk: RaftDurable): RaftState {
  return restartElectionTimer({
    ...disk,
    id,
    peers,
    config,
    role: { kind: 'follower', leader: undefined },
    commitIndex: 0,
    lastApplied: 0,
    machine: EMPTY_MACHINE,
    electionElapsed: 0,
    electionTimeout: 0,
    draws: 0,
    sinceLeaderContact: 0,
  });
}

const FIRST_DISK: RaftDurable = { currentTerm: 0, votedFor: undefined, log: [], boot: 0 };

function onTick(s: RaftState): RaftStep {
  if (s.role.kind === 'leader') return leaderTick(s);
  const aged: RaftState = { ...s, electionElapsed: s.electionElapsed + 1, sinceLeaderContact: s.sinceLeaderContact + 1 };
  return aged.electionElapsed >= aged.electionTimeout ? startElection(aged) : { state: aged, effects: [] };
}

function onMessage(s: RaftState, from: NodeId, m: RaftMessage): RaftStep {
  switch (m.kind) {
    case 'request-vote':
      return onRequestVote(s, from, m);
    case 'vote':
      return onVote(s, from, m);
    case 'append-entries':
      return onAppendEntries(s, from, m);
    case 'append-result':
      return onAppendResult(s, from, m);
    default:
      return unreachable(m);
  }
}

export const showEntry = (e: Entry): string => {
  const c = e.command;
  return `${c.kind === 'write' ? `w${c.value}` : c.kind === 'noop' ? 'nop' : 'rd'}@${e.term}`;
};
export const showLog = (log: readonly Entry[]): string => `[${log.map(showEntry).join(' ')}]`;

export function describeMessage(m: RaftMessage): string {
  switch (m.kind) {
    case 'request-vote':
      return `RequestVote(${f.show({ t: m.term, last: `${m.lastLogIndex}@${m.lastLogTerm}` })})`;
    case 'vote':
      return `${m.granted ? 'Vote granted' : 'Vote refused'}(${f.show({ t: m.term })})`;
    case 'append-entries':
      return `AppendEntries(${f.show({ t: m.term, prev: `${m.prevLogIndex}@${m.prevLogTerm}`, entries: `[${m.entries.map(showEntry).join(' ')}]`, commit: m.leaderCommit, round: m.round })})`;
    case 'append-result':
      return `${m.success ? 'Appended' : 'Refused'}(${f.show({ t: m.term, match: m.matchIndex, round: m.round })})`;
    default:
      return unreachable(m);
  }
}

export const raft: Model<RaftTypes> = {
  name: 'raft',
  init: (id, peers, config) => boot(id, peers, config, FIRST_DISK),
  recover: (id, peers, config, durable) => {
    const disk = durable ?? FIRST_DISK;
    return boot(id, peers, config, { ...disk, boot: disk.boot + 1 });
  },
  step(state, input) {
    switch (input.kind) {
      case 'tick':
        return onTick(state);
      case 'message':
        return onMessage(state, input.from, input.message);
      case 'request':
        return onRequest(state, input.client, input.requestId, input.request);
      case 'restart':
        // The new boot count is on disk before the server does anything, so its next life draws other timeouts.
        return { state, effects: [persist(durableOf(state))] };
      default:
        return unreachable(input);
    }
  },
  describeMessage,
  describeRequest: (r) => (r.kind === 'write' ? `write ${r.value}` : `read (${r.level}${r.freshness !== undefined ? `, freshness ${r.freshness}` : ''})`),
  describeResponse: (r) => {
    switch (r.kind) {
      case 'written':
        return `ok, index ${r.index}@${r.term}`;
      case 'value':
        return `${r.value === null ? 'nothing' : r.value} (${r.node}, applied ${r.applied})`;
      case 'not-leader':
        return `not leader${r.leader ? `, try ${r.leader}` : ''}`;
      case 'stale':
        return 'stale read refused';
      default:
        return unreachable(r);
    }
  },
  describeDurable: (d) => `term ${d.currentTerm}, voted ${d.votedFor ?? 'nobody'}, log ${showLog(d.log)}, boot ${d.boot}`,
};
