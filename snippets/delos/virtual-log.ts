/**
 * A VirtualLog node (a Delos server's log layer, §3): one address space over the chain of Loglets the
 * MetaStore holds. Clients ask it to append, to read the whole log, or to reconfigure. It runs one
 * operation at a time; each operation is a phase whose requests are resent until answered, so the
 * phase alone says what is in flight. The reconfiguration phases live in reconfigure.ts.
 */
import { effectsFor, unreachable, type ClientId, type Effect, type NodeId } from '../sim/index.ts';
import { route } from './loglet.ts';
import { finishReconfiguration, onReconfigMessage, startReconfiguration } from './reconfigure.ts';
import type { Chain, DelosConfig, DelosMessage, DelosRequest, DelosResponse, Register, Segment } from './types.ts';
import type { DelosTypes } from './model.ts';

export type Phase =
  | { readonly kind: 'chain' }
  | { readonly kind: 'append'; readonly segment: Segment }
  | { readonly kind: 'tail'; readonly segment: Segment; readonly version: number }
  | { readonly kind: 'validate'; readonly version: number; readonly total: number }
  | { readonly kind: 'fetch'; readonly chain: Chain; readonly total: number; readonly got: ReadonlyArray<number | null> }
  | { readonly kind: 'seal'; readonly base: Register; readonly acks: readonly NodeId[] }
  | { readonly kind: 'check'; readonly base: Register; readonly tails: Readonly<Record<NodeId, number>> }
  | { readonly kind: 'write'; readonly expected: number; readonly chain: Chain };

export interface Op {
  readonly client: ClientId;
  readonly requestId: number;
  readonly request: DelosRequest;
  /** Names this operation in every message, so late answers to an earlier one are ignored; appends are deduplicated by it. */
  readonly tag: string;
  readonly phase: Phase;
  readonly waitTicks: number;
  readonly retries: number;
  readonly ageTicks: number;
  /** The append may have landed on a Loglet this node then reconfigured away from: the client must be told "unknown". */
  readonly unknown: boolean;
  /** The Loglet that answered "sealed": if the chain still ends with it, a reconfiguration stalled and this node rolls it forward. */
  readonly sealedLoglet: number;
}

export interface VlogState {
  readonly role: 'vlog';
  readonly id: NodeId;
  readonly config: DelosConfig;
  /** How many times it restarted (on disk): op tags must never repeat, or a Loglet would take a new append for a resend of an old one. */
  readonly boot: number;
  readonly register: Register | undefined;
  readonly op: Op | undefined;
  /** Requests waiting for the current operation, with the ticks they have waited (it counts against `opTicksMax`). */
  readonly queue: ReadonlyArray<{ readonly client: ClientId; readonly requestId: number; readonly request: DelosRequest; readonly waitedTicks: number }>;
  readonly lastRequest: Readonly<Record<ClientId, number>>;
  readonly nextOp: number;
}

export type VlogResult = { state: VlogState; effects: Effect<DelosTypes>[] };
const { send, reply } = effectsFor<DelosTypes>();

export const activeSegment = (chain: Chain): Segment => {
  const last = chain[chain.length - 1];
  if (!last) throw new Error('empty chain');
  return last;
};

/** The requests a phase has in flight: sent on entering it, resent on every retry. */
export function phaseRequests(config: DelosConfig, op: Op): Effect<DelosTypes>[] {
  const { phase, tag } = op;
  switch (phase.kind) {
    case 'chain':
    case 'validate':
      return [send(config.metastore, { kind: 'meta-read', op: tag })];
    case 'append':
      if (op.request.kind !== 'append') throw new Error('append phase without an append');
      return [send(route(config, phase.segment.kind).orderer, { kind: 'append', loglet: phase.segment.loglet, op: tag, value: op.request.value })];
    case 'tail':
      return [send(route(config, phase.segment.kind).orderer, { kind: 'check-tail', loglet: phase.segment.loglet, op: tag })];
    case 'fetch':
      return fetchRequests(config, tag, phase);
    case 'seal': {
      const active = activeSegment(phase.base.chain);
      const targets = route(config, active.kind).storage.filter((n) => !phase.acks.includes(n));
      return targets.map((n) => send(n, { kind: 'seal', loglet: active.loglet, op: tag }));
    }
    case 'check': {
      const active = activeSegment(phase.base.chain);
      const targets = route(config, active.kind).storage.filter((n) => phase.tails[n] === undefined);
      return targets.map((n) => send(n, { kind: 'check-tail', loglet: active.loglet, op: tag }));
    }
    case 'write':
      return [send(config.metastore, { kind: 'meta-write', op: tag, expected: phase.expected, chain: phase.chain })];
    default:
      return unreachable(phase);
  }
}

// #region read-next
/** §3.1 readNext: for every segment with positions still missing, ask each node storing it, from the first gap to the segment's end. */
function fetchRequests(config: DelosConfig, tag: string, phase: Phase & { kind: 'fetch' }): Effect<DelosTypes>[] {
  const effects: Effect<DelosTypes>[] = [];
  phase.chain.forEach((segment, index) => {
    const end = Math.min(phase.chain[index + 1]?.start ?? phase.total, phase.total);
    let missing = segment.start;
    while (missing < end && phase.got[missing] !== null) missing++;
    if (missing >= end) return;
    const request = { kind: 'read-next', loglet: segment.loglet, op: tag, from: missing - segment.start, to: end - segment.start } as const;
    for (const node of route(config, segment.kind).storage) effects.push(send(node, request));
  });
  return effects;
}
// #endregion

export function enter(config: DelosConfig, state: VlogState, op: Op, phase: Phase): VlogResult {
  const next: Op = { ...op, phase, waitTicks: 0, retries: 0 };
  return { state: { ...state, op: next }, effects: phaseRequests(config, next) };
}

/** Answers the client and starts the next queued request. */
export function finish(config: DelosConfig, state: VlogState, response: DelosResponse): VlogResult {
  const op = state.op;
  if (!op) return { state, effects: [] };
  const done = reply(op.client, op.requestId, response);
  const next = startQueued(config, { ...state, op: undefined });
  return { state: next.state, effects: [done, ...next.effects] };
}

function startQueued(config: DelosConfig, state: VlogState): VlogResult {
  const [head, ...rest] = state.queue;
  if (!head || state.op) return { state, effects: [] };
  const op: Op = {
    client: head.client, requestId: head.requestId, request: head.request, tag: state.boot === 0 ? `${state.id}.${state.nextOp}` : `${state.id}.${state.boot}.${state.nextOp}`, phase: { kind: 'chain' }, waitTicks: 0, retries: 0, ageTicks: head.waitedTicks, unknown: false, sealedLoglet: -1,
  };
  const started = { ...state, queue: rest, nextOp: state.nextOp + 1 };
  // An append trusts the cached chain (a stale one bounces off the seal); reads and reconfigurations start from the MetaStore.
  if (head.request.kind === 'append' && state.register) return run(config, { ...started, op }, op);
  return enter(config, started, op, { kind: 'chain' });
}

// #region run
/** Starts (or restarts) the operation on the chain this node knows. */
export function run(config: DelosConfig, state: VlogState, op: Op): VlogResult {
  const register = state.register;
  if (!register) return enter(config, state, op, { kind: 'chain' });
  const active = activeSegment(register.chain);
  switch (op.request.kind) {
    case 'append': // §3.1: only the active segment takes appends
      return enter(config, state, op, { kind: 'append', segment: active });
    case 'read': // a strongly consistent read starts with checkTail on the active Loglet
      return enter(config, state, op, { kind: 'tail', segment: active, version: register.version });
    case 'reconfigure':
      return startReconfiguration(config, state, op, register);
    default:
      return unreachable(op.request);
  }
}
// #endregion

function adopt(state: VlogState, register: Register): VlogState {
  return !state.register || register.version > state.register.version ? { ...state, register } : state;
}

// #region append-replies
/** The active Loglet's answer to an append or checkTail. "Sealed" sends the node to the MetaStore for the newer chain (§3.2). */
function onLogletReply(config: DelosConfig, state: VlogState, op: Op, message: DelosMessage): VlogResult {
  const phase = op.phase;
  if (phase.kind === 'append' && 'loglet' in message && message.loglet === phase.segment.loglet) {
    if (message.kind === 'appended') {
      return finish(config, state, { kind: 'appended', pos: phase.segment.start + message.pos, loglet: message.loglet, local: message.pos });
    }
    if (message.kind === 'append-failed') {
      if (message.why === 'sealed') return enter(config, state, { ...op, sealedLoglet: message.loglet }, { kind: 'chain' });
      if (message.why === 'maybe') return finish(config, state, { kind: 'unknown' });
      return startReconfiguration(config, state, { ...op, unknown: true }, state.register!); // the sequencer forgot: replace it
    }
  }
  if (phase.kind === 'tail' && 'loglet' in message && message.loglet === phase.segment.loglet) {
    if (message.kind === 'tail-unavailable') return startReconfiguration(config, state, op, state.register!);
    if (message.kind === 'tail' && message.sealed) return enter(config, state, { ...op, sealedLoglet: message.loglet }, { kind: 'chain' });
    if (message.kind === 'tail') return enter(config, state, op, { kind: 'validate', version: phase.version, total: phase.segment.start + message.tail });
  }
  return { state, effects: [] };
}
// #endregion

// #region read-validate
/** A MetaStore answer. A read's tail counts only if the chain did not move meanwhile: no newer segment can hold acknowledged entries. */
function onMetaReply(config: DelosConfig, state: VlogState, op: Op, register: Register): VlogResult {
  const adopted = adopt(state, register);
  const phase = op.phase;
  if (phase.kind === 'chain') {
    const stalled = activeSegment(register.chain).loglet === op.sealedLoglet;
    return stalled ? startReconfiguration(config, adopted, op, register) : run(config, adopted, op);
  }
  if (phase.kind === 'validate') {
    if (register.version !== phase.version) return run(config, adopted, op);
    if (phase.total === 0) return finish(config, adopted, { kind: 'read', entries: [] });
    return enter(config, adopted, op, { kind: 'fetch', chain: register.chain, total: phase.total, got: new Array<null>(phase.total).fill(null) });
  }
  return { state: adopted, effects: [] };
}
// #endregion

function onEntries(config: DelosConfig, state: VlogState, op: Op, message: DelosMessage & { kind: 'entries' }): VlogResult {
  const phase = op.phase;
  if (phase.kind !== 'fetch') return { state, effects: [] };
  const segment = phase.chain.find((s) => s.loglet === message.loglet);
  if (!segment) return { state, effects: [] };
  const got = phase.got.map((v, pos) => {
    const local = pos - segment.start - message.from;
    const fetched = local >= 0 ? message.values[local] : undefined;
    return v ?? fetched ?? null;
  });
  if (got.every((v) => v !== null)) return finish(config, state, { kind: 'read', entries: got as number[] });
  return { state: { ...state, op: { ...op, phase: { ...phase, got } } }, effects: [] }; // the rest is in flight, or resent on the next retry
}

export function onVlogMessage(config: DelosConfig, state: VlogState, from: NodeId, message: DelosMessage): VlogResult {
  const op = state.op;
  if (!op || message.kind === 'store' || message.kind === 'stored' || message.kind === 'store-refused' || message.op !== op.tag) {
    return { state, effects: [] }; // an answer to an operation this node is no longer running
  }
  switch (message.kind) {
    case 'meta':
      if (op.phase.kind === 'write') return finishReconfiguration(config, adopt(state, message.register), op, message.won === true);
      return onMetaReply(config, state, op, message.register);
    case 'appended':
    case 'append-failed':
    case 'tail-unavailable':
      return onLogletReply(config, state, op, message);
    case 'tail':
      return op.phase.kind === 'check' ? onReconfigMessage(config, state, op, from, message) : onLogletReply(config, state, op, message);
    case 'seal-ok':
      return onReconfigMessage(config, state, op, from, message);
    case 'entries':
      return onEntries(config, state, op, message);
    case 'append':
    case 'check-tail':
    case 'seal':
    case 'read-next':
    case 'meta-read':
    case 'meta-write':
      return { state, effects: [] }; // requests are for Loglets and the MetaStore
    default:
      return unreachable(message);
  }
}

export function onVlogRequest(config: DelosConfig, state: VlogState, client: ClientId, requestId: number, request: DelosRequest): VlogResult {
  // A duplicated client request must not append twice: request ids grow per client.
  if ((state.lastRequest[client] ?? -1) >= requestId) return { state, effects: [] };
  const queued: VlogState = { ...state, queue: [...state.queue, { client, requestId, request, waitedTicks: 0 }], lastRequest: { ...state.lastRequest, [client]: requestId } };
  return startQueued(config, queued);
}

/** Resends what is unanswered; suspects a silent active Loglet (§3.2: failure detection triggers reconfigExtend); gives up old operations. */
export function onVlogTick(config: DelosConfig, state: VlogState): VlogResult {
  const op = state.op;
  if (!op) return { state, effects: [] };
  state = { ...state, queue: state.queue.map((q) => ({ ...q, waitedTicks: q.waitedTicks + 1 })) };
  if (op.ageTicks + 1 > config.opTicksMax) return finish(config, state, { kind: 'unknown' });
  const aged: Op = { ...op, ageTicks: op.ageTicks + 1, waitTicks: op.waitTicks + 1 };
  if (aged.waitTicks < config.retryTicks) return { state: { ...state, op: aged }, effects: [] };
  const retried: Op = { ...aged, waitTicks: 0, retries: aged.retries + 1 };
  const suspect = (op.phase.kind === 'append' || op.phase.kind === 'tail') && retried.retries >= config.suspectAfterRetries;
  if (suspect && state.register) return startReconfiguration(config, state, { ...retried, unknown: op.phase.kind === 'append' }, state.register);
  return { state: { ...state, op: retried }, effects: phaseRequests(config, retried) };
}

export interface VlogDurable {
  readonly role: 'vlog';
  readonly boot: number;
}

export const newVlog = (id: NodeId, config: DelosConfig, boot = 0): VlogState => ({ role: 'vlog', id, config, boot, register: undefined, op: undefined, queue: [], lastRequest: {}, nextOp: 1 });

