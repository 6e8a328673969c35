/**
 * Ledger recovery ("Closing a ledger as a reader" in the BookKeeper protocol doc): a client that is
 * not the writer marks the ledger IN_RECOVERY, fences the last ensemble until no ack quorum of it is
 * left unfenced, reads the entries past the highest LAC it heard and writes each back, and closes the
 * ledger with a CAS at the last entry it found. Each function maps one answer to the next phase.
 */
import { effectsFor, type Effect, type NodeId } from '../sim/index.ts';
import type { BkTypes } from './model.ts';
import { ledgerKey } from './store.ts';
import { covered, missingEnough, writeSet } from './striping.ts';
import type { BkConfig, BkMessage, LedgerMeta } from './types.ts';
import type { Recovery } from './broker-state.ts';

const { send } = effectsFor<BkTypes>();

/** What an answer does to a recovery: a new phase (sent with a fresh tag), the same phase updated, the ledger closed, or start over. */
export type RecoveryOutcome =
  | { readonly kind: 'phase'; readonly recovery: Recovery }
  | { readonly kind: 'same'; readonly recovery: Recovery }
  | { readonly kind: 'closed'; readonly meta: LedgerMeta }
  | { readonly kind: 'restart'; readonly ledger: number };

const lastEnsemble = (meta: LedgerMeta) => meta.ensembles[meta.ensembles.length - 1]!.bookies;

/** The requests a recovery phase has in flight: sent on entering it, resent on every retry. */
export function recoveryRequests(config: BkConfig, tag: string, r: Recovery): Effect<BkTypes>[] {
  switch (r.step) {
    case 'meta':
      return [send(config.store, { kind: 'get', op: tag, key: ledgerKey(r.ledger) })];
    case 'mark':
      return [send(config.store, { kind: 'cas', op: tag, key: ledgerKey(r.ledger), expected: r.version, value: { ...r.meta, state: 'IN_RECOVERY' } })];
    case 'fence':
      return lastEnsemble(r.meta).filter((b) => r.lacs[b] === undefined).map((b) => send(b, { kind: 'fence', op: tag, ledger: r.ledger, fence: config.fencing }));
    case 'read':
      return writeSet(config, r.meta.ensembles, r.entry).filter((b) => !r.missing.includes(b)).map((b) => send(b, { kind: 'read', op: tag, ledger: r.ledger, from: r.entry, to: r.entry + 1, fence: config.fencing && config.fencingReads }));
    case 'rewrite':
      return writeSet(config, r.meta.ensembles, r.entry).filter((b) => !r.acks.includes(b))
        .map((b) => send(b, { kind: 'add', ledger: r.ledger, entry: r.entry, value: r.value, lac: r.entry - 1, recovery: true }));
    case 'close':
      return [send(config.store, { kind: 'cas', op: tag, key: ledgerKey(r.ledger), expected: r.version, value: { ...r.meta, state: 'CLOSED', lastEntry: r.last } })];
  }
}

/** After the fence: read past the LAC, or (the broken `close-at-lac` variant) close right at it. */
function afterFence(config: BkConfig, r: Recovery & { step: 'fence' }, lac: number): RecoveryOutcome {
  const base = { ledger: r.ledger, version: r.version, meta: r.meta };
  if (!config.readPastLac) return { kind: 'phase', recovery: { step: 'close', ...base, last: lac } };
  return { kind: 'phase', recovery: { step: 'read', ...base, entry: lac + 1, missing: [] } };
}

// #region recovery
export function onRecoveryMessage(config: BkConfig, r: Recovery, from: NodeId, m: BkMessage): RecoveryOutcome | undefined {
  switch (r.step) {
    case 'meta':
    case 'mark': {
      if (m.kind !== 'value' || m.value?.kind !== 'ledger') return undefined;
      const meta = m.value;
      if (meta.state === 'CLOSED') return { kind: 'closed', meta }; // someone closed it: nothing to recover
      if (meta.state === 'IN_RECOVERY') return { kind: 'phase', recovery: { step: 'fence', ledger: r.ledger, version: m.version, meta, lacs: {} } };
      return { kind: 'phase', recovery: { step: 'mark', ledger: r.ledger, version: m.version, meta } };
    }
    case 'fence': {
      if (m.kind !== 'lac' || !lastEnsemble(r.meta).includes(from) || r.lacs[from] !== undefined) return undefined;
      const lacs = { ...r.lacs, [from]: m.lac };
      // Done once every write set has Qw - Qa + 1 fenced bookies: the old writer can no longer reach Qa anywhere.
      if (!covered(config, lastEnsemble(r.meta), Object.keys(lacs))) return { kind: 'same', recovery: { ...r, lacs } };
      return afterFence(config, r, Math.max(...Object.values(lacs)));
    }
    case 'read': {
      if (m.kind !== 'entries' || !writeSet(config, r.meta.ensembles, r.entry).includes(from) || r.missing.includes(from)) return undefined;
      const value = m.values[0] ?? null;
      const base = { ledger: r.ledger, version: r.version, meta: r.meta, entry: r.entry };
      if (value !== null) return { kind: 'phase', recovery: { step: 'rewrite', ...base, value, acks: [] } };
      const missing = [...r.missing, from];
      // Qw - Qa + 1 bookies of its write set lack it: no ack quorum holds it, so it was never acknowledged.
      if (missing.length >= missingEnough(config)) return { kind: 'phase', recovery: { step: 'close', ledger: r.ledger, version: r.version, meta: r.meta, last: r.entry - 1 } };
      return { kind: 'same', recovery: { ...r, missing } };
    }
    case 'rewrite': {
      if (m.kind !== 'added' || m.ledger !== r.ledger || m.entry !== r.entry || r.acks.includes(from)) return undefined;
      if (!writeSet(config, r.meta.ensembles, r.entry).includes(from)) return undefined;
      const acks = [...r.acks, from];
      if (acks.length < config.ackQuorum) return { kind: 'same', recovery: { ...r, acks } };
      return { kind: 'phase', recovery: { step: 'read', ledger: r.ledger, version: r.version, meta: r.meta, entry: r.entry + 1, missing: [] } };
    }
    case 'close': {
      if (m.kind !== 'value' || m.value?.kind !== 'ledger') return undefined;
      if (m.ok || m.value.state === 'CLOSED') return { kind: 'closed', meta: m.value };
      return { kind: 'restart', ledger: r.ledger }; // the metadata moved on: read it again
    }
  }
}
// #endregion
