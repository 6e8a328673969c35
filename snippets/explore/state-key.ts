/**
 * A state's canonical key, so the search visits each distinct state once. Two states get the same key
 * when everything that decides their futures and their verdicts is the same: each node's memory and
 * disk, the messages in flight as a multiset (ids and send order left out: the search delivers them in
 * every order anyway), the clients, the history up to what the checkers can tell apart (results and
 * which operation returned before which other was called, not ticks or ids), and the budgets left.
 *
 * Keys are 53-bit fingerprints (TLC keeps 64-bit ones): two different states collide with a chance of
 * about n² / 2^54 for n states, about 1 in 36,000 at a million; a collision would skip a state, never
 * report a false violation. Memory and disk values are frozen and shared between states, so each
 * object is hashed once (a WeakMap by identity).
 */
import type { ClientState } from '../sim/client.ts';
import type { Envelope } from '../sim/cluster-events.ts';
import type { ClusterSnapshot } from '../sim/cluster.ts';
import type { ClientOperation, History, ModelTypes } from '../sim/index.ts';

const hashes = new WeakMap<object, number>();

/**
 * A 53-bit structural fingerprint of a plain value. Objects are frozen and shared between states, so
 * each is hashed once and remembered by identity: a new node state costs only its new parts.
 */
export function fingerprint(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return hash53(value);
    case 'number':
      return Number.isSafeInteger(value) ? pack(laneA(0x3c6ef372, value), laneB(0xa54ff53a, value)) : hash53(`#${value}`);
    case 'boolean':
      return value ? 0x1f3d5b79 : 0x2e4c6a88;
    case 'undefined':
      return 0x3a5c7e91;
    case 'object': {
      if (value === null) return 0x4b6d8fa2;
      let known = hashes.get(value);
      if (known === undefined) {
        known = Array.isArray(value) ? combineList(value) : combineRecord(value as Record<string, unknown>);
        hashes.set(value, known);
      }
      return known;
    }
    default:
      throw new Error(`cannot fingerprint a ${typeof value}: model states and messages must be plain data`);
  }
}

function combineList(items: readonly unknown[]): number {
  let a = 0x9e3779b9 ^ items.length;
  let b = 0x7f4a7c15;
  for (const item of items) {
    const h = fingerprint(item);
    a = laneA(a, h);
    b = laneB(b, h);
  }
  return pack(a, b);
}

const keyHashes = new Map<string, number>();

function combineRecord(record: Record<string, unknown>): number {
  let a = 0x243f6a88;
  let b = 0x85a308d3;
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue; // { k: undefined } and {} are the same to JSON and to a model
    let k = keyHashes.get(key);
    if (k === undefined) keyHashes.set(key, (k = hash53(key)));
    const h = fingerprint(value);
    a = laneA(laneA(a, k), h);
    b = laneB(laneB(b, k), h);
  }
  return pack(a, b);
}

/** Folds a 53-bit hash into one of two 32-bit lanes (two functions, so nothing is allocated). */
function laneA(a: number, h: number): number {
  return Math.imul(a ^ (h >>> 0), 0x01000193) ^ (a >>> 15);
}

function laneB(b: number, h: number): number {
  return Math.imul(b ^ Math.floor(h / 0x1_0000_0000) ^ (h >>> 0), 0x5bd1e995) ^ (b >>> 13);
}

function pack(a: number, b: number): number {
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) >>> 0;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) >>> 0;
  return (b & 0x1fffff) * 0x1_0000_0000 + a;
}

export function stateKey<T extends ModelTypes>(snapshot: ClusterSnapshot<T>, extra: string): number {
  let a = 0x6a09e667;
  let b = 0xbb67ae85;
  const fold = (h: number) => {
    a = laneA(a, h);
    b = laneB(b, h);
  };
  fold(hash53(extra));
  fold(snapshot.counters[4]);
  for (const node of snapshot.nodes) {
    fold(node.up ? fingerprint(node.state) : 0x5c7e9fb3);
    fold(fingerprint(node.durable));
  }
  // Messages in flight are a multiset: a sum does not depend on the order they were sent in.
  let lo = 0;
  let hi = 0;
  for (const { envelope } of snapshot.inFlight) {
    const h = envelopeKey(envelope);
    lo = (lo + (h >>> 0)) >>> 0;
    hi = (hi + Math.floor(h / 0x1_0000_0000)) & 0x1fffff;
  }
  fold(hi * 0x1_0000_0000 + lo);
  for (const client of snapshot.clients) fold(hash53(clientKey(client)));
  fold(hash53(historyKey(snapshot.history)));
  fold(snapshot.rules.length);
  return pack(a, b);
}

const envelopes = new WeakMap<object, number>();

function envelopeKey<T extends ModelTypes>(envelope: Envelope<T>): number {
  let key = envelopes.get(envelope);
  if (key === undefined) {
    const payload = envelope.kind === 'message' ? envelope.message : envelope.kind === 'request' ? envelope.request : envelope.response;
    const op = envelope.kind === 'message' ? 0 : envelope.opId;
    const parts = [fingerprint(envelope.from), fingerprint(envelope.to), fingerprint(envelope.kind), op, fingerprint(payload)];
    let a = 0x510e527f;
    let b = 0x9b05688c;
    for (const h of parts) {
      a = laneA(a, h);
      b = laneB(b, h);
    }
    // Finished (avalanched) once more, so that a sum of message fingerprints does not cancel out.
    key = pack(a, b);
    envelopes.set(envelope, key);
  }
  return key;
}

function clientKey(client: ClientState): string {
  const pending = client.pending ? String(client.pending.id) : '';
  const previous = client.previous ? operationKey(client.previous) : '';
  return `${client.ready ? 'r' : ''}${client.issued}:${pending}:${String(client.timeoutTicks)}:${client.lastNumber ? 'n' : ''}:${previous}`;
}

const operations = new WeakMap<object, string>();

/** What a checker or a workload can see of an operation: not its ticks, orders or id. */
function operationKey(op: ClientOperation): string {
  let key = operations.get(op);
  if (key === undefined) {
    const outcome = op.returnOrder === undefined ? '?' : fingerprint(op.result ?? null);
    key = `${op.client}:${op.op}:${fingerprint(op.args ?? null)}:${op.key ?? ''}:${outcome}`;
    operations.set(op, key);
  }
  return key;
}

const histories = new WeakMap<History, string>();

/**
 * Each operation, and for each other client how many of its operations had returned before this one
 * was called: exactly the "precedes" relation the linearizability checker reads (Stateright's
 * linearizability tester keeps the same).
 */
export function historyKey(history: History): string {
  let key = histories.get(history);
  if (key === undefined) {
    const byClient = new Map<string, string[]>();
    for (const op of history) {
      const before = new Map<string, number>();
      for (const other of history) {
        if (other.client !== op.client && other.returnOrder !== undefined && other.returnOrder < op.invokeOrder) {
          before.set(other.client, (before.get(other.client) ?? 0) + 1);
        }
      }
      // One client's operations stay in program order (the history lists them in call order).
      const ops = byClient.get(op.client) ?? [];
      ops.push(`${operationKey(op)}<${[...before].sort().join(';')}`);
      byClient.set(op.client, ops);
    }
    key = [...byClient].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, ops]) => ops.join(',')).join('/');
    histories.set(history, key);
  }
  return key;
}

/** Two 32-bit FNV-1a-style lanes with different primes, folded into 53 bits (a safe integer for a Set). */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) >>> 0;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) >>> 0;
  return (a >>> 0) * 0x200000 + (b & 0x1fffff);
}
