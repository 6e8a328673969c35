/**
 * The Neon WAL service as one simulator `Model`: computes (proposers), safekeepers (acceptors), the
 * pageserver (learner) and the object store are told apart by the configuration, and each has its
 * own step (compute.ts, safekeeper.ts, storage.ts).
 */
import { type Model, type NodeId } from '../sim/index.ts';
import { computeStep, firstLeader, newCompute } from './compute.ts';
import { neonFields as f } from './fields.ts';
import { emptySafekeeper, newSafekeeper, safekeeperStep } from './safekeeper.ts';
import { objectStoreStep, pageserverStep } from './storage.ts';
import { lastLogTerm, showHistory } from './term-history.ts';
import type { NeonDurable, NeonState, NeonTypes } from './state.ts';
import type { NeonConfig, NeonMessage } from './types.ts';

function init(id: NodeId, config: NeonConfig): NeonState {
  if (config.computes.includes(id)) {
    const c = newCompute(id, config, 0);
    return id === config.firstProposer ? firstLeader(c) : c;
  }
  if (config.safekeepers.includes(id)) return newSafekeeper(id, config, emptySafekeeper(1, true));
  if (id === config.pageserver) return { role: 'pageserver', id, config, now: 0, asked: 0, wal: [] };
  return { role: 'object-store', id, wal: [] };
}

function recover(id: NodeId, config: NeonConfig, durable: NeonDurable | undefined): NeonState {
  if (config.computes.includes(id)) return newCompute(id, config, (durable?.role === 'compute' ? durable.boot : 0) + 1);
  if (config.safekeepers.includes(id)) {
    const disk = durable?.role === 'safekeeper' ? durable : emptySafekeeper(1, true);
    return newSafekeeper(id, config, { ...disk, boot: disk.boot + 1 });
  }
  if (id === config.pageserver) return { role: 'pageserver', id, config, now: 0, asked: 0, wal: durable?.role === 'pageserver' ? durable.wal : [] };
  return { role: 'object-store', id, wal: durable?.role === 'object-store' ? durable.wal : [] };
}

const list = (xs: readonly number[]) => `[${xs.join(' ')}]`;

export function describeMessage(m: NeonMessage): string {
  switch (m.kind) {
    case 'greeting':
      return 'ProposerGreeting';
    case 'greeting-reply':
      return `AcceptorGreeting(${f.show({ term: m.term })})`;
    case 'vote-request':
      return `VoteRequest(${f.show({ term: m.term })})`;
    case 'vote-response':
      return `VoteResponse(${f.show({ term: m.term, given: m.voteGiven, llt: lastLogTerm(m.termHistory, m.flushLsn), flush: m.flushLsn })})`;
    case 'elected':
      return `ProposerElected(${f.show({ term: m.term, start: m.startStreamingAt, th: showHistory(m.termHistory) })})`;
    case 'append':
      return `AppendRequest(${f.show({ term: m.term, begin: m.beginLsn, records: list(m.records), commit: m.commitLsn })})`;
    case 'append-response':
      return `AppendResponse(${f.show({ term: m.term, flush: m.flushLsn, commit: m.commitLsn })})`;
    case 'read-wal':
      return `StartReplication(${f.show({ from: m.from, rcl: m.remoteConsistentLsn })})`;
    case 'wal':
      return `WAL(${f.show({ from: m.from, records: list(m.records) })})`;
    case 'upload':
      return `Upload(${f.show({ from: m.from, records: list(m.records) })})`;
    case 'uploaded':
      return `Uploaded(${f.show({ upTo: m.upTo })})`;
  }
}

export const neon: Model<NeonTypes> = {
  name: 'neon',
  init: (id, _peers, config) => init(id, config),
  recover: (id, _peers, config, durable) => recover(id, config, durable),
  step(state, input) {
    switch (state.role) {
      case 'compute':
        return computeStep(state, input);
      case 'safekeeper':
        return input.kind === 'request' ? { state, effects: [] } : safekeeperStep(state, input);
      case 'pageserver':
        return input.kind === 'request' ? { state, effects: [] } : pageserverStep(state, input);
      case 'object-store':
        return input.kind === 'request' ? { state, effects: [] } : objectStoreStep(state, input);
    }
  },
  describeMessage,
  describeRequest: (r) => `commit ${r.value}`,
  describeResponse: (r) => `committed at LSN ${r.lsn} (term ${r.term}, ${r.by})`,
  describeDurable: (d) => {
    switch (d.role) {
      case 'compute':
        return `boot ${d.boot}`;
      case 'safekeeper':
        return `term ${d.term}, th ${showHistory(d.termHistory)}, WAL ${d.walBase > 0 ? `(from ${d.walBase}) ` : ''}${list(d.wal)}, ${f.show({ commit: d.commitLsn })}, backup_lsn=${d.backupLsn}`;
      case 'pageserver':
        return `ingested ${list(d.wal)}`;
      case 'object-store':
        return `WAL ${list(d.wal)}`;
    }
  },
};
