/**
 * The quorum Loglet, after the NativeLoglet (§4.2.1): a sequencer plus LogServers, each LogServer with
 * an on-disk log and a seal bit per Loglet, and no leader election. The sequencer gives each append
 * the next position and sends it to every LogServer; the append is acknowledged once a majority has
 * stored it. Seal and checkTail go to the LogServers and need only a majority of them alive, so they
 * stay available when the sequencer is gone (§3.4); appends do not, and that is allowed.
 *
 * Simplifications: the sequencer has one append in flight per Loglet, so positions below the
 * committed tail are stored at a majority and only the last one can be partial; and a sequencer that
 * restarts has lost its counters, so it refuses every Loglet it had seen (the VirtualLog reconfigures).
 */
import { effectsFor, unreachable, type Effect, type NodeId } from '../sim/index.ts';
import { majority, type DelosConfig, type Entry, type LogletMessage } from './types.ts';
import type { DelosTypes } from './model.ts';

const { send, persist } = effectsFor<DelosTypes>();

// ---------------------------------------------------------------- LogServer

export interface ServerLoglet {
  readonly entries: Readonly<Record<number, Entry>>;
  readonly sealed: boolean;
}
export interface ServerState {
  readonly role: 'server';
  readonly loglets: Readonly<Record<number, ServerLoglet>>;
}

const EMPTY_SERVER: ServerLoglet = { entries: {}, sealed: false };
/** One past the highest position stored (positions below may be missing on this server). */
export const serverTail = (l: ServerLoglet) => Object.keys(l.entries).reduce((m, k) => Math.max(m, Number(k) + 1), 0);

type ServerResult = { state: ServerState; effects: Effect<DelosTypes>[] };
function saveServer(state: ServerState, id: number, loglet: ServerLoglet): ServerResult {
  const next: ServerState = { ...state, loglets: { ...state.loglets, [id]: loglet } };
  return { state: next, effects: [persist(next)] };
}

/** §4.2.1: a LogServer with its seal bit set rejects stores; seal and checkTail answer anyone. */
export function onServerMessage(state: ServerState, from: NodeId, message: LogletMessage): ServerResult {
  const current = state.loglets[message.loglet] ?? EMPTY_SERVER;
  switch (message.kind) {
    // #region log-server-seal-and-tail
    // #region log-server
    case 'store': {
      if (current.sealed) return { state, effects: [send(from, { kind: 'store-refused', loglet: message.loglet, pos: message.pos })] };
      const ack = send(from, { kind: 'stored', loglet: message.loglet, pos: message.pos });
      if (current.entries[message.pos]) return { state, effects: [ack] }; // a resend: same entry, same position
      const saved = saveServer(state, message.loglet, { ...current, entries: { ...current.entries, [message.pos]: message.entry } });
      return { state: saved.state, effects: [...saved.effects, ack] };
    }
    case 'seal': {
      const saved = current.sealed ? { state, effects: [] } : saveServer(state, message.loglet, { ...current, sealed: true });
      return { state: saved.state, effects: [...saved.effects, send(from, { kind: 'seal-ok', loglet: message.loglet, op: message.op })] };
    }
    // #endregion
    case 'check-tail': {
      const reply = { kind: 'tail', loglet: message.loglet, op: message.op, tail: serverTail(current), sealed: current.sealed } as const;
      return { state, effects: [send(from, reply)] };
    }
    // #endregion
    case 'read-next': {
      const values: (number | null)[] = [];
      for (let pos = message.from; pos < message.to; pos++) values.push(current.entries[pos]?.value ?? null);
      return { state, effects: [send(from, { kind: 'entries', loglet: message.loglet, op: message.op, from: message.from, values })] };
    }
    case 'append':
    case 'appended':
    case 'append-failed':
    case 'tail':
    case 'tail-unavailable':
    case 'seal-ok':
    case 'entries':
    case 'stored':
    case 'store-refused':
      return { state, effects: [] }; // not addressed to a LogServer
    default:
      return unreachable(message);
  }
}

// ---------------------------------------------------------------- sequencer

interface InFlight {
  readonly pos: number;
  readonly entry: Entry;
  readonly client: NodeId;
  readonly acks: readonly NodeId[];
  readonly waitTicks: number;
}
interface Waiting {
  readonly client: NodeId;
  readonly entry: Entry;
}
export interface SequencedLoglet {
  /** Positions below are stored at a majority and acknowledged. */
  readonly committed: number;
  /** A LogServer refused a store: the Loglet is sealed. */
  readonly sealed: boolean;
  readonly positions: Readonly<Record<string, number>>;
  readonly inFlight: InFlight | undefined;
  readonly queue: readonly Waiting[];
}
export interface SequencerState {
  readonly role: 'sequencer';
  readonly config: DelosConfig;
  /** The highest Loglet id it has ordered for: on disk, so after a restart it knows which Loglets it forgot. */
  readonly maxSeen: number;
  readonly loglets: Readonly<Record<number, SequencedLoglet>>;
}
export interface SequencerDurable {
  readonly role: 'sequencer';
  readonly maxSeen: number;
}

type SeqResult = { state: SequencerState; effects: Effect<DelosTypes>[] };
const NEW_LOGLET: SequencedLoglet = { committed: 0, sealed: false, positions: {}, inFlight: undefined, queue: [] };

function withSequenced(state: SequencerState, id: number, loglet: SequencedLoglet): SequencerState {
  return { ...state, loglets: { ...state.loglets, [id]: loglet } };
}

/** Starts the next queued append, if none is in flight: the next position, sent to every LogServer. */
function startNext(config: DelosConfig, state: SequencerState, id: number): SeqResult {
  const loglet = state.loglets[id];
  const [head, ...rest] = loglet?.queue ?? [];
  if (!loglet || loglet.inFlight || !head) return { state, effects: [] };
  const pos = loglet.committed;
  const inFlight: InFlight = { pos, entry: head.entry, client: head.client, acks: [], waitTicks: 0 };
  const next = withSequenced(state, id, { ...loglet, inFlight, queue: rest, positions: { ...loglet.positions, [head.entry.op]: pos } });
  return { state: next, effects: config.servers.map((s) => send(s, { kind: 'store', loglet: id, pos, entry: head.entry })) };
}

// #region sequencer-append
/** §4.2.1 append: order it, or answer a resend from memory; refuse what a sealed or forgotten Loglet cannot take. */
function sequence(config: DelosConfig, state: SequencerState, from: NodeId, message: LogletMessage & { kind: 'append' }): SeqResult {
  const { loglet: id, op } = message;
  let loglet = state.loglets[id];
  if (!loglet && id <= state.maxSeen) return { state, effects: [send(from, { kind: 'append-failed', loglet: id, op, why: 'unavailable' })] };
  let effects: Effect<DelosTypes>[] = [];
  if (!loglet) {
    loglet = NEW_LOGLET; // a Loglet it has never seen: on disk first, so a restart will not reuse its positions
    state = { ...state, maxSeen: id };
    effects = [persist({ role: 'sequencer', maxSeen: id })];
  }
  const pos = loglet.positions[op];
  if (pos !== undefined && pos < loglet.committed) return { state, effects: [...effects, send(from, { kind: 'appended', loglet: id, op, pos })] };
  if (pos !== undefined && loglet.sealed) return { state, effects: [...effects, send(from, { kind: 'append-failed', loglet: id, op, why: 'maybe' })] };
  if (pos !== undefined || loglet.queue.some((w) => w.entry.op === op)) return { state, effects }; // in flight: the answer will come
  if (loglet.sealed) return { state, effects: [...effects, send(from, { kind: 'append-failed', loglet: id, op, why: 'sealed' })] };
  const queued = withSequenced(state, id, { ...loglet, queue: [...loglet.queue, { client: from, entry: { value: message.value, op } }] });
  const started = startNext(config, queued, id);
  return { state: started.state, effects: [...effects, ...started.effects] };
}
// #endregion

// #region sequencer-commit
/** A majority stored it: acknowledged. A LogServer refused it: sealed, and the entry may or may not survive. */
function onStoreReply(config: DelosConfig, state: SequencerState, from: NodeId, message: LogletMessage & { kind: 'stored' | 'store-refused' }): SeqResult {
  const loglet = state.loglets[message.loglet];
  const flight = loglet?.inFlight;
  if (!loglet || !flight || flight.pos !== message.pos || loglet.sealed) return { state, effects: [] };
  const { op } = flight.entry;
  if (message.kind === 'store-refused') {
    const refused = loglet.queue.map((w) => send(w.client, { kind: 'append-failed', loglet: message.loglet, op: w.entry.op, why: 'sealed' }));
    const next = withSequenced(state, message.loglet, { ...loglet, sealed: true, inFlight: undefined, queue: [] });
    return { state: next, effects: [send(flight.client, { kind: 'append-failed', loglet: message.loglet, op, why: 'maybe' }), ...refused] };
  }
  const acks = flight.acks.includes(from) ? flight.acks : [...flight.acks, from];
  if (acks.length < majority(config.servers.length)) return { state: withSequenced(state, message.loglet, { ...loglet, inFlight: { ...flight, acks } }), effects: [] };
  const committed = withSequenced(state, message.loglet, { ...loglet, committed: flight.pos + 1, inFlight: undefined });
  const started = startNext(config, committed, message.loglet);
  return { state: started.state, effects: [send(flight.client, { kind: 'appended', loglet: message.loglet, op, pos: flight.pos }), ...started.effects] };
}
// #endregion

/** §4.2.1: "the sequencer retries until the append succeeds or it finds the Loglet sealed": same entry, same position. */
export function onSequencerTick(config: DelosConfig, state: SequencerState): SeqResult {
  let next = state;
  const effects: Effect<DelosTypes>[] = [];
  for (const [key, loglet] of Object.entries(state.loglets)) {
    const flight = loglet.inFlight;
    if (!flight) continue;
    const due = flight.waitTicks + 1 >= config.retryTicks;
    next = withSequenced(next, Number(key), { ...loglet, inFlight: { ...flight, waitTicks: due ? 0 : flight.waitTicks + 1 } });
    if (!due) continue;
    for (const s of config.servers) if (!flight.acks.includes(s)) effects.push(send(s, { kind: 'store', loglet: Number(key), pos: flight.pos, entry: flight.entry }));
  }
  return { state: next, effects };
}

export function onSequencerMessage(config: DelosConfig, state: SequencerState, from: NodeId, message: LogletMessage): SeqResult {
  switch (message.kind) {
    case 'append':
      return sequence(config, state, from, message);
    case 'stored':
    case 'store-refused':
      return onStoreReply(config, state, from, message);
    case 'check-tail': {
      // The read path's checkTail: the sequencer knows the committed tail, which no later checkTail can undercut.
      const loglet = state.loglets[message.loglet] ?? (message.loglet > state.maxSeen ? NEW_LOGLET : undefined);
      if (!loglet) return { state, effects: [send(from, { kind: 'tail-unavailable', loglet: message.loglet, op: message.op })] };
      return { state, effects: [send(from, { kind: 'tail', loglet: message.loglet, op: message.op, tail: loglet.committed, sealed: loglet.sealed })] };
    }
    case 'seal':
    case 'read-next':
    case 'appended':
    case 'append-failed':
    case 'tail':
    case 'tail-unavailable':
    case 'seal-ok':
    case 'entries':
    case 'store':
      return { state, effects: [] }; // not addressed to the sequencer
    default:
      return unreachable(message);
  }
}

