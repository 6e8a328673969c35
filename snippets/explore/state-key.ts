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
 * object is hashed once: `freezeFingerprinted` (the cluster's freezer in the explorer) stores the hash
 * on the object as it freezes it, and the immutable parts the cluster builds itself (envelopes, client
 * states, histories) carry theirs the same way once computed. A property read, where a WeakMap of
 * millions of entries made the garbage collector walk its ephemeron table on every collection.
 */
import type { ClientState } from '../sim/client.ts';
import type { Envelope, InFlight } from '../sim/cluster-events.ts';
import type { NodeRecord } from '../sim/cluster.ts';
import type { LinkRules } from '../sim/link-rules.ts';
import type { ClientOperation, History, ModelTypes } from '../sim/index.ts';

/** Objects frozen before the explorer saw them (a config constant): hashed once, remembered by identity. */
const hashes = new WeakMap<object, number>();
/**
 * Where an object's fingerprint is kept: a symbol property, invisible to JSON and Object.keys. `remember`
 * makes it non-enumerable; `freezeFingerprinted` sets it enumerable (cheaper) and so never trusts a hash
 * on an object it has not frozen itself, since a spread copy carries the symbol along.
 */
const HASH = Symbol('fingerprint');
type Hashed = { [HASH]?: number };

/** Keeps `hash` on `target`, not enumerable: a spread copy of the object (a client's next state) must not carry it along. */
function remember(target: object, key: symbol, hash: number | string): void {
  Object.defineProperty(target, key, { value: hash });
}

/**
 * Deep-freezes like `deepFreeze` and fingerprints each object it freezes, children first, keeping the
 * hash on the object: what a step builds is walked once, and what it shares with the state before
 * (already frozen) is not walked at all. The hash is a plain (enumerable) symbol property, the cheap
 * kind to add: a model's `{ ...old, view }` copies the old one along, which is why every object not yet
 * frozen is hashed afresh here, never trusted (JSON, Object.keys and for…in skip symbols).
 */
export function freezeFingerprinted<V>(value: V): V {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (const item of value) freezeFingerprinted(item);
    (value as Hashed)[HASH] = combineList(value);
  } else {
    for (const key in value) freezeFingerprinted((value as Record<string, unknown>)[key]);
    (value as Hashed)[HASH] = combineRecord(value as Record<string, unknown>);
  }
  return Object.freeze(value);
}

/**
 * A 53-bit structural fingerprint of a plain value. Objects are frozen and shared between states, so
 * each is hashed once: a new node state costs only its new parts.
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
      let known = (value as Hashed)[HASH] ?? hashes.get(value);
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

/** What a state's key reads: a cluster as it is now, or a snapshot of one. */
export interface KeyedState<T extends ModelTypes> {
  readonly nodeRecords: ReadonlyArray<NodeRecord<T>>;
  readonly nextOpId: number;
  readonly inFlight: ReadonlyArray<InFlight<T>>;
  readonly clients: readonly ClientState[];
  readonly history: History;
  readonly rules: LinkRules;
}

/** `extra`: a safe integer for what the cluster does not hold (the explorer's budgets spent). */
export function stateKey<T extends ModelTypes>(snapshot: KeyedState<T>, extra: number): number {
  let a = 0x6a09e667;
  let b = 0xbb67ae85;
  const fold = (h: number) => {
    a = laneA(a, h);
    b = laneB(b, h);
  };
  fold(extra);
  fold(snapshot.nextOpId);
  for (const node of snapshot.nodeRecords) {
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
  for (const client of snapshot.clients) fold(clientHash(client));
  fold(historyHash(snapshot.history));
  fold(snapshot.rules.length);
  return pack(a, b);
}

const ENVELOPE = Symbol('envelope key');

/** A message's fingerprint without its id; kept on the envelope (shared by every state it is in flight in). */
function envelopeKey<T extends ModelTypes>(envelope: Envelope<T>): number {
  let key = (envelope as { [ENVELOPE]?: number })[ENVELOPE];
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
    remember(envelope, ENVELOPE, key);
  }
  return key;
}

const CLIENT = Symbol('client key');

/** A client state is immutable and shared by every state until the client moves: hashed once, kept on it. */
function clientHash(client: ClientState): number {
  let hash = (client as { [CLIENT]?: number })[CLIENT];
  if (hash === undefined) remember(client, CLIENT, (hash = hash53(clientKey(client))));
  return hash;
}

function clientKey(client: ClientState): string {
  const pending = client.pending ? String(client.pending.id) : '';
  const previous = client.previous ? operationKey(client.previous) : '';
  return `${client.ready ? 'r' : ''}${client.issued}:${pending}:${String(client.timeoutTicks)}:${client.lastNumber ? 'n' : ''}:${previous}`;
}

const OPERATION = Symbol('operation key');

/** What a checker or a workload can see of an operation: not its ticks, orders or id. */
function operationKey(op: ClientOperation): string {
  let key = (op as { [OPERATION]?: string })[OPERATION];
  if (key === undefined) {
    const outcome = op.returnOrder === undefined ? '?' : fingerprint(op.result ?? null);
    key = `${op.client}:${op.op}:${fingerprint(op.args ?? null)}:${op.key ?? ''}:${outcome}`;
    remember(op, OPERATION, key);
  }
  return key;
}

const HISTORY = Symbol('history key');
const HISTORY_HASH = Symbol('history hash');

/** `historyKey`'s fingerprint, kept on the history (a history is replaced, never changed, and shared by many states). */
function historyHash(history: History): number {
  let hash = (history as { [HISTORY_HASH]?: number })[HISTORY_HASH];
  if (hash === undefined) remember(history, HISTORY_HASH, (hash = hash53(historyKey(history))));
  return hash;
}

/**
 * Each operation, and for each other client how many of its operations had returned before this one
 * was called: exactly the "precedes" relation the linearizability checker reads (Stateright's
 * linearizability tester keeps the same).
 */
export function historyKey(history: History): string {
  let key = (history as { [HISTORY]?: string })[HISTORY];
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
    remember(history, HISTORY, key);
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
