/**
 * A Pulsar broker: the one dispatcher for a broker node. Appends go to the topic's current ledger if
 * this broker owns it; otherwise it takes the topic over first (acquire: read the managed ledger,
 * recover its last ledger, create a new one, link it with a CAS). Reads walk the managed ledger's
 * closed ledgers. The writer is in writer.ts, recovery in recovery.ts.
 */
import { effectsFor, type ClientId, type Effect, type NodeId } from '../sim/index.ts';
import type { BkTypes } from './model.ts';
import { recoveryRequests, onRecoveryMessage, type RecoveryOutcome } from './recovery.ts';
import { ledgerKey, MANAGED } from './store.ts';
import { writeSet } from './striping.ts';
import type { BkConfig, BkMessage, BkRequest, BkResponse, LedgerMeta } from './types.ts';
import { nextTag, type Acquire, type AcquirePhase, type BrokerState, type Owner, type ReadOp, type ReadPhase, type Recovery } from './broker-state.ts';
import { fenced, onAdded, onChangeAnswer, onOwnerTick, startAdd, type Result } from './writer.ts';

const { send, reply, note } = effectsFor<BkTypes>();
const idle = (state: BrokerState): Result => ({ state, effects: [] });
const join = (a: Result, b: Result): Result => ({ state: b.state, effects: [...a.effects, ...b.effects] });

/** Answers a client and remembers the answer, so a duplicate of the request gets it again. */
export function answer(state: BrokerState, client: ClientId, requestId: number, response: BkResponse): Result {
  const requests = { ...state.requests, [client]: { requestId, response } };
  return { state: { ...state, requests }, effects: [reply(client, requestId, response)] };
}

export function onRequest(state: BrokerState, client: ClientId, requestId: number, request: BkRequest): Result {
  const last = state.requests[client];
  if (last && requestId <= last.requestId) {
    // A copy of a request already started: answer it again if it finished, else let the first copy run.
    return last.requestId === requestId && last.response ? { state, effects: [reply(client, requestId, last.response)] } : idle(state);
  }
  const started = { ...state, requests: { ...state.requests, [client]: { requestId } } };
  return start(started, client, requestId, request);
}

function start(state: BrokerState, client: ClientId, requestId: number, request: BkRequest): Result {
  const { config } = state;
  if (request.kind === 'read') {
    if (state.read) return idle({ ...state, queue: [...state.queue, { client, requestId, request }] });
    const [tag, tagged] = nextTag(state);
    const read: ReadOp = { tag, client, requestId, phase: { step: 'managed' }, got: [], waitTicks: 0 };
    return { state: { ...tagged, read }, effects: readRequests(config, read) };
  }
  if (state.task?.kind === 'owner') return startAdd(config, state, state.task, client, requestId, request.value);
  if (state.task === undefined && state.yieldTicks > 0) return answer(state, client, requestId, { kind: 'fenced' });
  const queued = { ...state, queue: [...state.queue, { client, requestId, request }] };
  if (state.task?.kind === 'acquire') return idle(queued);
  return enterAcquire(queued, { step: 'managed' });
}

/** Starts what waited: appends once this broker owns the topic, the next read once the last finished. */
function startQueued(state: BrokerState): Result {
  let result: Result = { state: { ...state, queue: [] }, effects: [] };
  for (const w of state.queue) {
    const blocked = w.request.kind === 'read' ? result.state.read !== undefined : result.state.task?.kind !== 'owner';
    if (blocked) result = { ...result, state: { ...result.state, queue: [...result.state.queue, w] } };
    else result = join(result, start(result.state, w.client, w.requestId, w.request));
  }
  return result;
}

// ── Taking the topic over ───────────────────────────────────────────────────────────────────

function acquireRequests(config: BkConfig, a: Acquire): Effect<BkTypes>[] {
  const p = a.phase;
  switch (p.step) {
    case 'managed':
      return [send(config.store, { kind: 'get', op: a.tag, key: MANAGED })];
    case 'recover':
      return recoveryRequests(config, a.tag, p.recovery);
    case 'create':
      return [send(config.store, { kind: 'create', op: a.tag, ensemble: ensembleFor(config, p.ledgers.length) })];
    case 'link':
      return [send(config.store, { kind: 'cas', op: a.tag, key: MANAGED, expected: p.managedVersion, value: { kind: 'managed', ledgers: [...p.ledgers, p.meta.id] } })];
  }
}

/** Each new ledger's ensemble: E bookies, rotated by the ledger's place in the topic, so ledgers spread over the bookies. */
const ensembleFor = (config: BkConfig, k: number) => Array.from({ length: config.ensembleSize }, (_, j) => config.bookies[(k + j) % config.bookies.length]!);

function enterAcquire(state: BrokerState, phase: AcquirePhase): Result {
  const [tag, tagged] = nextTag(state);
  const task: Acquire = { kind: 'acquire', tag, phase, waitTicks: 0 };
  return { state: { ...tagged, task }, effects: acquireRequests(state.config, task) };
}

// #region managed-ledger
/** Pulsar's managed ledger: recover the last ledger of the list (fencing its writer), then create a new one and append it to the list with a CAS. */
function onAcquireMessage(state: BrokerState, a: Acquire, from: NodeId, m: BkMessage): Result {
  const p = a.phase;
  switch (p.step) {
    case 'managed': {
      if (m.kind !== 'value' || m.value?.kind !== 'managed') return idle(state);
      const ledgers = m.value.ledgers;
      const last = ledgers[ledgers.length - 1];
      if (last === undefined) return enterAcquire(state, { step: 'create', managedVersion: m.version, ledgers });
      return enterAcquire(state, { step: 'recover', managedVersion: m.version, ledgers, recovery: { step: 'meta', ledger: last } });
    }
    case 'recover':
      return afterRecovery(state, a, p, onRecoveryMessage(state.config, p.recovery, from, m));
    case 'create':
      if (m.kind !== 'value' || m.value?.kind !== 'ledger') return idle(state);
      return enterAcquire(state, { step: 'link', managedVersion: p.managedVersion, ledgers: p.ledgers, meta: m.value });
    case 'link': {
      if (m.kind !== 'value') return idle(state);
      if (!m.ok) return enterAcquire({ ...state, task: undefined }, { step: 'managed' }); // another broker linked first: start over
      const owner: Owner = { kind: 'owner', ledger: p.meta.id, version: 1, ensembles: p.meta.ensembles, nextEntry: 0, lac: -1, pending: {}, change: undefined };
      const owned = { state: { ...state, task: owner }, effects: [note(`owns the topic, writing L${p.meta.id}`)] };
      return join(owned, startQueued(owned.state));
    }
  }
}
// #endregion

function afterRecovery(state: BrokerState, a: Acquire, p: AcquirePhase & { step: 'recover' }, outcome: RecoveryOutcome | undefined): Result {
  if (!outcome) return idle(state);
  const phase = (recovery: Recovery): AcquirePhase => ({ ...p, recovery });
  switch (outcome.kind) {
    case 'same':
      return idle({ ...state, task: { ...a, phase: phase(outcome.recovery) } });
    case 'phase': {
      const r = outcome.recovery;
      const said = r.step === 'close' ? [note(`recovered L${r.ledger}: closing at entry ${r.last}`)] : [];
      const entered = enterAcquire(state, phase(r));
      return { state: entered.state, effects: [...said, ...entered.effects] };
    }
    case 'closed':
      return enterAcquire(state, { step: 'create', managedVersion: p.managedVersion, ledgers: p.ledgers });
    case 'restart':
      return enterAcquire(state, phase({ step: 'meta', ledger: outcome.ledger }));
  }
}

// ── Reads: every closed ledger of the topic ─────────────────────────────────────────────────

function readRequests(config: BkConfig, read: ReadOp): Effect<BkTypes>[] {
  const p = read.phase;
  switch (p.step) {
    case 'managed':
      return [send(config.store, { kind: 'get', op: read.tag, key: MANAGED })];
    case 'meta':
      return [send(config.store, { kind: 'get', op: read.tag, key: ledgerKey(p.ledgers[p.index]!) })];
    case 'entries': {
      const from = p.values.indexOf(null);
      const bookies = [...new Set(p.meta.ensembles.flatMap((f) => f.bookies))];
      return bookies.map((b) => send(b, { kind: 'read', op: read.tag, ledger: p.meta.id, from, to: p.values.length, fence: false }));
    }
  }
}

function enterRead(state: BrokerState, read: ReadOp, phase: ReadPhase): Result {
  const [tag, tagged] = nextTag(state);
  const next: ReadOp = { ...read, tag, phase, waitTicks: 0 };
  return { state: { ...tagged, read: next }, effects: readRequests(state.config, next) };
}

function finishRead(state: BrokerState, read: ReadOp): Result {
  const answered = answer({ ...state, read: undefined }, read.client, read.requestId, { kind: 'read', ledgers: read.got });
  return join(answered, startQueued(answered.state));
}

/** The next ledger of the list, or the answer once a ledger is still open (its end is not decided yet). */
function nextLedger(state: BrokerState, read: ReadOp, ledgers: readonly number[], index: number): Result {
  return index < ledgers.length ? enterRead(state, read, { step: 'meta', ledgers, index }) : finishRead(state, read);
}

// #region read-closed
/** A reader of a closed ledger reads entries 0..lastEntry, each from a bookie of its own write set. */
function onReadMessage(state: BrokerState, read: ReadOp, from: NodeId, m: BkMessage): Result {
  const p = read.phase;
  switch (p.step) {
    case 'managed':
      if (m.kind !== 'value' || m.value?.kind !== 'managed') return idle(state);
      return nextLedger(state, read, m.value.ledgers, 0);
    case 'meta': {
      if (m.kind !== 'value' || m.value?.kind !== 'ledger') return idle(state);
      const meta: LedgerMeta = m.value;
      if (meta.state !== 'CLOSED') return finishRead(state, read);
      if (meta.lastEntry < 0) return nextLedger(state, { ...read, got: [...read.got, { ledger: meta.id, entries: [] }] }, p.ledgers, p.index + 1);
      return enterRead(state, read, { ...p, step: 'entries', meta, values: Array.from({ length: meta.lastEntry + 1 }, () => null) });
    }
    case 'entries': {
      if (m.kind !== 'entries') return idle(state);
      const values = [...p.values];
      m.values.forEach((v, i) => {
        const e = m.from + i;
        if (v !== null && values[e] === null && writeSet(state.config, p.meta.ensembles, e).includes(from)) values[e] = v;
      });
      if (values.includes(null)) return idle({ ...state, read: { ...read, phase: { ...p, values } } });
      const got = [...read.got, { ledger: p.meta.id, entries: values as number[] }];
      return nextLedger(state, { ...read, got }, p.ledgers, p.index + 1);
    }
  }
}
// #endregion

export function onBrokerMessage(state: BrokerState, from: NodeId, m: BkMessage): Result {
  const { config, task, read } = state;
  const op = 'op' in m ? m.op : undefined;
  if (read && op === read.tag) return onReadMessage(state, read, from, m);
  if (task?.kind === 'acquire') {
    // Recovery's re-writes are answered by ledger and entry; everything else by the phase's tag.
    if (op === task.tag || (op === undefined && task.phase.step === 'recover')) return onAcquireMessage(state, task, from, m);
    return idle(state);
  }
  if (task?.kind !== 'owner') return idle(state);
  if (m.kind === 'added' && m.ledger === task.ledger) return onAdded(config, state, task, from, m.entry, answer);
  if (m.kind === 'add-fenced' && m.ledger === task.ledger) return fenced(state, task, answer);
  if (m.kind === 'value' && task.change && op === task.change.tag && m.value?.kind === 'ledger') {
    const result = onChangeAnswer(config, state, task, m.version, m.value, m.ok === true, answer);
    return result.state.task ? result : join(result, startQueued(result.state));
  }
  return idle(state);
}

export function onBrokerTick(before: BrokerState): Result {
  const { config } = before;
  const state = before.yieldTicks > 0 ? { ...before, yieldTicks: before.yieldTicks - 1 } : before;
  let result: Result = idle(state);
  const read = state.read;
  if (read) {
    const waitTicks = read.waitTicks + 1;
    result = waitTicks < config.retryTicks
      ? idle({ ...state, read: { ...read, waitTicks } })
      : { state: { ...state, read: { ...read, waitTicks: 0 } }, effects: readRequests(config, read) };
  }
  const task = result.state.task;
  if (task?.kind === 'owner') return join(result, onOwnerTick(config, result.state, task));
  if (task?.kind === 'acquire') {
    const waitTicks = task.waitTicks + 1;
    if (waitTicks < config.retryTicks) return join(result, idle({ ...result.state, task: { ...task, waitTicks } }));
    return join(result, { state: { ...result.state, task: { ...task, waitTicks: 0 } }, effects: acquireRequests(config, task) });
  }
  return result;
}
