/**
 * The learner and the object store. The pageserver asks a safekeeper, in turn, for WAL past what it
 * has ingested; a safekeeper sends only WAL below its commit_lsn, so the pageserver never sees WAL a
 * new proposer could truncate. The object store keeps what safekeepers upload (Neon offloads whole
 * WAL segments to S3; here one record is one object) and answers how far its copy reaches.
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import type { NeonTypes, ObjectStoreState, PageserverState, RoleStep } from './state.ts';
import type { NeonMessage } from './types.ts';

const { send, persist } = effectsFor<NeonTypes>();

export function pageserverStep(s: PageserverState, input: { kind: 'message'; from: NodeId; message: NeonMessage } | { kind: 'tick' } | { kind: 'restart' }): RoleStep<PageserverState> {
  if (input.kind === 'restart') return { state: s, effects: [] };
  if (input.kind === 'tick') {
    const now = s.now + 1;
    if (now % s.config.readTicks !== 0) return { state: { ...s, now }, effects: [] };
    const sk = s.config.safekeepers[s.asked % s.config.safekeepers.length]!;
    // remote_consistent_lsn: what the pageserver has made durable, so safekeepers may trim below it.
    return { state: { ...s, now, asked: s.asked + 1 }, effects: [send(sk, { kind: 'read-wal', from: s.wal.length, remoteConsistentLsn: s.wal.length })] };
  }
  const m = input.message;
  if (m.kind !== 'wal' || m.from > s.wal.length || m.from + m.records.length <= s.wal.length) return { state: s, effects: [] };
  const next = { ...s, wal: [...s.wal, ...m.records.slice(s.wal.length - m.from)] };
  return { state: next, effects: [persist({ role: 'pageserver', wal: next.wal })] };
}

export function objectStoreStep(s: ObjectStoreState, input: { kind: 'message'; from: NodeId; message: NeonMessage } | { kind: 'tick' } | { kind: 'restart' }): RoleStep<ObjectStoreState> {
  if (input.kind !== 'message' || input.message.kind !== 'upload') return { state: s, effects: [] };
  const m = input.message;
  if (m.from > s.wal.length) return { state: s, effects: [] }; // a hole: the uploader retries from its backup_lsn
  // An upload overwrites what it covers (as a PUT of the same segment does): identical if the WAL was committed.
  const wal = [...s.wal.slice(0, m.from), ...m.records, ...s.wal.slice(m.from + m.records.length)];
  const next = { ...s, wal };
  return { state: next, effects: [persist({ role: 'object-store', wal }), send(input.from, { kind: 'uploaded', upTo: Math.min(wal.length, m.from + m.records.length) })] };
}
