/**
 * A replica of the write-all log. In the steady state the primary of an epoch appends, sends the
 * entry to every backup, and acknowledges the client once all f + 1 replicas hold it; nothing in it
 * detects or repairs a failure. The other messages are reconfiguration's: a seal ends the replica's
 * epoch for good, a prepare hands it the next epoch's tail, an activate tells the new primary to start.
 */
import { effectsFor, unreachable, type ClientId, type Effect, type NodeId } from '../sim/index.ts';
import type { Configuration, SteadyConfig, SteadyMessage, SteadyResponse } from './types.ts';
import type { SteadyTypes } from './model.ts';

/** Everything a replica keeps on disk. */
export interface ReplicaDurable {
  readonly role: 'replica';
  /** The epoch this replica belongs to now (0: a spare that never joined one). */
  readonly epoch: number;
  /** That epoch's configuration, as the reconfiguration that prepared this replica sent it. */
  readonly configuration: Configuration | undefined;
  /** Sealed: this replica takes no more entries in `epoch`, ever. */
  readonly sealed: boolean;
  /** The epoch's primary has started (this replica took its first replicate, or is that primary and was activated). */
  readonly active: boolean;
  readonly log: readonly number[];
  /** Ghost, for the checkers only: the log length this replica reported as `epoch`'s tail to a reconfiguration. */
  readonly gave?: number | undefined;
}

interface Waiter { readonly value: number; readonly pos: number; readonly client: ClientId; readonly requestId: number }

/** What only a working primary holds in memory. */
export interface Lead {
  /** Per backup, how much of the log it is known to hold. */
  readonly matched: Readonly<Record<NodeId, number>>;
  /** Positions below this are on enough replicas to acknowledge (all f + 1 in the correct model). */
  readonly committed: number;
  readonly waiting: readonly Waiter[];
  readonly sinceSent: number;
}

/** A reply the slow replica of the cost measurement holds back. */
interface Late { readonly to: NodeId; readonly message: SteadyMessage; readonly dueIn: number }

export interface ReplicaState extends ReplicaDurable {
  readonly id: NodeId;
  readonly config: SteadyConfig;
  readonly lead: Lead | undefined;
  readonly late: readonly Late[];
}

type Result = { state: ReplicaState; effects: Effect<SteadyTypes>[] };
const { send, reply, persist, note } = effectsFor<SteadyTypes>();

const durableOf = (s: ReplicaState): ReplicaDurable => ({ role: 'replica', epoch: s.epoch, configuration: s.configuration, sealed: s.sealed, active: s.active, log: s.log, ...(s.gave === undefined ? {} : { gave: s.gave }) });
const backupsOf = (c: Configuration) => c.replicas.filter((r) => r !== c.primary);

export function newReplica(id: NodeId, config: SteadyConfig, durable?: ReplicaDurable): ReplicaState {
  const joined = config.initial.replicas.includes(id);
  const d: ReplicaDurable = durable ?? { role: 'replica', epoch: joined ? 1 : 0, configuration: joined ? config.initial : undefined, sealed: false, active: joined, log: [] };
  const primary = d.active && !d.sealed && d.configuration?.primary === id;
  // After a restart the primary does not know what its backups hold: nothing counts until they answer.
  const lead = primary ? { matched: Object.fromEntries(backupsOf(d.configuration!).map((b) => [b, durable ? 0 : d.log.length])), committed: durable ? 0 : d.log.length, waiting: [], sinceSent: 0 } : undefined;
  return { ...d, id, config, lead, late: [] };
}

/** A restarted primary asks each backup what it holds (an empty replicate from its tail). */
export function onReplicaRestart(state: ReplicaState): Result {
  if (!state.lead || !state.configuration) return { state, effects: [] };
  const { epoch, writer } = state.configuration;
  return { state, effects: backupsOf(state.configuration).map((b) => send(b, { kind: 'replicate', epoch, writer, from: state.log.length, entries: [] })) };
}

// #region append
/** The steady state (Vertical Paxos's primary-backup case): only the active primary of the current epoch appends. */
export function onAppend(config: SteadyConfig, state: ReplicaState, client: ClientId, requestId: number, value: number): Result {
  const lead = state.lead;
  const c = state.configuration;
  // A replica that is not the working primary names the one it knows of (not itself: it may be sealed).
  const hint = c?.primary === state.id ? undefined : c?.primary;
  if (!lead || !c || state.sealed) return { state, effects: [reply(client, requestId, { kind: 'not-primary', primary: hint })] };
  if (lead.waiting.some((w) => w.client === client && w.requestId === requestId)) return { state, effects: [] }; // a copy of one in flight
  const known = state.log.indexOf(value); // a resent append: answer from where it already is
  if (known >= 0 && known < lead.committed) return { state, effects: [reply(client, requestId, { kind: 'appended', pos: known, epoch: state.epoch })] };
  const pos = known >= 0 ? known : state.log.length;
  const log = known >= 0 ? state.log : [...state.log, value];
  const next: ReplicaState = { ...state, log, lead: { ...lead, waiting: [...lead.waiting, { value, pos, client, requestId }], sinceSent: 0 } };
  // On disk before any backup hears of it; then to every backup, each from what it is known to hold.
  const sends = backupsOf(c).map((b) => send(b, { kind: 'replicate', epoch: c.epoch, writer: c.writer, from: lead.matched[b] ?? 0, entries: log.slice(lead.matched[b] ?? 0) }));
  return commit(config, next, known >= 0 ? [] : [persist(durableOf(next))], sends);
}

/** Acknowledge every waiting append below the commit point: all f + 1 replicas hold it (f of them in the broken variant). */
function commit(config: SteadyConfig, state: ReplicaState, before: Effect<SteadyTypes>[], after: Effect<SteadyTypes>[]): Result {
  const lead = state.lead!;
  const held = Object.values(lead.matched).map((m) => Math.min(m, state.log.length)).sort((a, b) => b - a);
  const backupsNeeded = config.waitForAll ? config.f : config.f - 1;
  const point = backupsNeeded === 0 ? state.log.length : held[backupsNeeded - 1] ?? 0;
  const committed = Math.max(lead.committed, point);
  const done = lead.waiting.filter((w) => w.pos < committed);
  const waiting = lead.waiting.filter((w) => w.pos >= committed);
  const acks = done.map((w) => reply(w.client, w.requestId, { kind: 'appended', pos: w.pos, epoch: state.epoch } satisfies SteadyResponse));
  return { state: { ...state, lead: { ...lead, committed, waiting } }, effects: [...before, ...after, ...acks] };
}
// #endregion

// #region backup
/** A backup takes entries only from its own epoch's primary, and never once sealed. */
function onReplicate(state: ReplicaState, from: NodeId, m: Extract<SteadyMessage, { kind: 'replicate' }>): Result {
  if (m.epoch !== state.epoch || m.writer !== state.configuration?.writer || state.sealed) {
    return { state, effects: [send(from, { kind: 'refused', epoch: state.epoch, sealed: state.sealed })] };
  }
  if (m.from > state.log.length || m.from + m.entries.length <= state.log.length) {
    // A gap (the primary resends from our length), or nothing new (an old or duplicated copy).
    const activated = state.active ? state : { ...state, active: true };
    return { state: activated, effects: [...(activated === state ? [] : [persist(durableOf(activated))]), send(from, { kind: 'replicated', epoch: state.epoch, length: state.log.length })] };
  }
  const next: ReplicaState = { ...state, active: true, log: [...state.log.slice(0, m.from), ...m.entries] };
  return { state: next, effects: [persist(durableOf(next)), send(from, { kind: 'replicated', epoch: state.epoch, length: next.log.length })] };
}
// #endregion

/** The primary learns what a backup holds, sends it what it lacks, and acknowledges what all now hold. */
function onReplicated(config: SteadyConfig, state: ReplicaState, from: NodeId, m: Extract<SteadyMessage, { kind: 'replicated' }>): Result {
  const lead = state.lead;
  const c = state.configuration;
  if (!lead || !c || m.epoch !== state.epoch || !(from in lead.matched)) return { state, effects: [] };
  const matched = { ...lead.matched, [from]: Math.max(lead.matched[from] ?? 0, m.length) };
  const more = m.length < state.log.length ? [send(from, { kind: 'replicate', epoch: c.epoch, writer: c.writer, from: m.length, entries: state.log.slice(m.length) })] : [];
  return commit(config, { ...state, lead: { ...lead, matched } }, [], more);
}

// #region seal
/** Reconfiguration's first step: after this, the replica takes nothing more in its epoch (a primary stops appending). */
function onSeal(state: ReplicaState, from: NodeId, m: Extract<SteadyMessage, { kind: 'seal' | 'read-tail' }>): Result {
  const answer = send(from, { kind: m.kind === 'seal' ? 'sealed' : 'tail', epoch: m.epoch, op: m.op, log: state.log });
  if (state.epoch > m.epoch) return { state, effects: [answer] }; // already past that epoch: it takes none of its entries
  const gave = Math.min(state.gave ?? state.log.length, state.log.length);
  if (m.kind === 'read-tail') {
    const read: ReplicaState = { ...state, gave };
    return { state: read, effects: [persist(durableOf(read)), answer] };
  }
  if (state.epoch === m.epoch && state.sealed) return { state, effects: [answer] };
  const next: ReplicaState = { ...state, epoch: m.epoch, sealed: true, lead: undefined, gave };
  // The seal is on disk before the controller may count it.
  return { state: next, effects: [persist(durableOf(next)), ...(state.lead ? [note(`sealed: no more appends in epoch ${m.epoch}`)] : []), answer] };
}
// #endregion

// #region prepare
/**
 * The next epoch's tail, before its configuration is installed. A replica takes it unless it has
 * moved past that epoch, or the epoch has started (then its log may hold acknowledged entries the
 * tail lacks) or been sealed. A race can overwrite a prepare with another tail of the same epoch:
 * both tails hold every acknowledged entry, and a backup whose writer no longer matches refuses the
 * installed primary, so nothing is acknowledged on it.
 */
function onPrepare(state: ReplicaState, from: NodeId, m: Extract<SteadyMessage, { kind: 'prepare' }>): Result {
  const { configuration: c, log } = m;
  const same = state.epoch === c.epoch && state.configuration?.writer === c.writer;
  if (same || state.epoch < c.epoch || (state.epoch === c.epoch && !state.active && !state.sealed)) {
    if (same) return { state, effects: [send(from, { kind: 'prepared', epoch: c.epoch, op: c.writer })] };
    const next: ReplicaState = { ...state, epoch: c.epoch, configuration: c, sealed: false, active: false, log, lead: undefined, gave: undefined };
    return { state: next, effects: [persist(durableOf(next)), send(from, { kind: 'prepared', epoch: c.epoch, op: c.writer })] };
  }
  return { state, effects: [send(from, { kind: 'prepare-refused', epoch: c.epoch, op: c.writer, at: state.epoch })] };
}
// #endregion

/** The installed configuration's primary starts: its backups already hold the tail it holds. */
function onActivate(state: ReplicaState, id: NodeId, from: NodeId, m: Extract<SteadyMessage, { kind: 'activate' }>): Result {
  const c = state.configuration;
  const ok = !!c && state.epoch === m.epoch && c.writer === m.op && c.primary === id && !state.sealed;
  if (!ok || state.active) return { state, effects: [send(from, { kind: 'activated', epoch: m.epoch, op: m.op, ok })] };
  const lead: Lead = { matched: Object.fromEntries(backupsOf(c).map((b) => [b, c.start])), committed: c.start, waiting: [], sinceSent: 0 };
  const next: ReplicaState = { ...state, active: true, lead };
  return { state: next, effects: [persist(durableOf(next)), note(`primary of epoch ${m.epoch}`), send(from, { kind: 'activated', epoch: m.epoch, op: m.op, ok })] };
}

export function onReplicaMessage(config: SteadyConfig, state: ReplicaState, id: NodeId, from: NodeId, m: SteadyMessage): Result {
  const result = dispatch(config, state, id, from, m);
  return config.slow?.node === id ? holdBack(config.slow.ticks, result) : result;
}

function dispatch(config: SteadyConfig, state: ReplicaState, id: NodeId, from: NodeId, m: SteadyMessage): Result {
  switch (m.kind) {
    case 'replicate':
      return onReplicate(state, from, m);
    case 'replicated':
      return onReplicated(config, state, from, m);
    case 'refused':
      if (!state.lead || !state.configuration) return { state, effects: [] };
      // A backup has moved on: this primary is stale and can acknowledge nothing more. It stops.
      if (m.epoch > state.epoch || m.sealed) return { state: { ...state, lead: undefined }, effects: [note(`fenced: ${from} is ${m.sealed ? 'sealed' : `in epoch ${m.epoch}`}`)] };
      // Same epoch, unsealed: the backup holds a racing loser's prepare. Only the installed epoch's primary is ever
      // activated, so this primary's log is the epoch's: hand it over as a prepare.
      return m.epoch === state.epoch ? { state, effects: [send(from, { kind: 'prepare', configuration: state.configuration, log: state.log })] } : { state, effects: [] };
    case 'seal':
    case 'read-tail':
      return onSeal(state, from, m);
    case 'prepare':
      return onPrepare(state, from, m);
    case 'activate':
      return onActivate(state, id, from, m);
    case 'sealed':
    case 'tail':
    case 'prepared':
    case 'prepare-refused':
    case 'activated':
    case 'read-config':
    case 'cas':
    case 'config':
      return { state, effects: [] }; // not addressed to a replica
    default:
      return unreachable(m);
  }
}

/** The slow replica of the cost measurement: its answers to the primary leave `ticks` late. */
function holdBack(ticks: number, result: Result): Result {
  const held = result.effects.filter((e) => e.kind === 'send' && e.message.kind === 'replicated');
  if (held.length === 0) return result;
  const late = held.map((e) => (e.kind === 'send' ? { to: e.to, message: e.message, dueIn: ticks } : undefined)).filter((l) => l !== undefined);
  return { state: { ...result.state, late: [...result.state.late, ...late] }, effects: result.effects.filter((e) => !held.includes(e)) };
}

/** Timers: the primary resends what a backup lacks; the slow replica lets due answers go. */
export function onReplicaTick(config: SteadyConfig, state: ReplicaState): Result {
  const due = state.late.filter((l) => l.dueIn <= 1);
  const late = state.late.filter((l) => l.dueIn > 1).map((l) => ({ ...l, dueIn: l.dueIn - 1 }));
  const released = due.map((l) => send(l.to, l.message));
  const s = state.late.length === 0 ? state : { ...state, late };
  const lead = s.lead;
  const c = s.configuration;
  if (!lead || !c) return { state: s, effects: released };
  if (lead.sinceSent + 1 < config.retryTicks) return { state: { ...s, lead: { ...lead, sinceSent: lead.sinceSent + 1 } }, effects: released };
  const lagging = backupsOf(c).filter((b) => (lead.matched[b] ?? 0) < s.log.length || lead.waiting.length > 0);
  const resend = lagging.map((b) => send(b, { kind: 'replicate', epoch: c.epoch, writer: c.writer, from: lead.matched[b] ?? 0, entries: s.log.slice(lead.matched[b] ?? 0) }));
  return { state: { ...s, lead: { ...lead, sinceSent: 0 } }, effects: [...released, ...resend] };
}
