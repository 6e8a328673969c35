/**
 * A controller runs reconfigurations, the only part of the design that must survive failures: read
 * the current configuration from the store, seal the old epoch, take its tail from the first sealed
 * replica, hand that tail to the new replicas, install the new configuration with compare-and-set,
 * and tell the new primary to start. Write-all makes one sealed replica enough: it holds every
 * acknowledged entry, and no entry can be acknowledged without it any more.
 */
import { effectsFor, unreachable, type ClientId, type Effect, type NodeId } from '../sim/index.ts';
import type { Configuration, SteadyConfig, SteadyMessage, SteadyRequest, SteadyResponse } from './types.ts';
import type { SteadyTypes } from './model.ts';

type Phase =
  | { readonly kind: 'read' }
  | { readonly kind: 'seal'; readonly base: Configuration }
  /** `installed`: the store already holds `next`, and a racing loser's prepare overwrote one of its replicas: prepare again, then activate. */
  | { readonly kind: 'prepare'; readonly base: Configuration; readonly next: Configuration; readonly log: readonly number[]; readonly prepared: readonly NodeId[]; readonly installed: boolean }
  | { readonly kind: 'cas'; readonly base: Configuration; readonly next: Configuration; readonly log: readonly number[] }
  | { readonly kind: 'activate'; readonly base: Configuration; readonly next: Configuration; readonly log: readonly number[] };

export interface Reconfiguration {
  /** Unique across restarts (`k1.1.3`: k1's third in its second life, boot counts from 0); it names the configuration it writes. */
  readonly tag: string;
  readonly client: ClientId;
  readonly requestId: number;
  readonly remove: NodeId | undefined;
  readonly phase: Phase;
  readonly sinceSent: number;
  readonly age: number;
}

export interface ControllerState {
  readonly role: 'controller';
  readonly id: NodeId;
  readonly config: SteadyConfig;
  readonly boot: number;
  readonly count: number;
  readonly op: Reconfiguration | undefined;
  /** The last request finished, to answer a duplicate copy of it the same way. */
  readonly last: { readonly client: ClientId; readonly requestId: number; readonly response: SteadyResponse } | undefined;
}

export interface ControllerDurable { readonly role: 'controller'; readonly boot: number }

type Result = { state: ControllerState; effects: Effect<SteadyTypes>[] };
const { send, reply, broadcast, note } = effectsFor<SteadyTypes>();

export const newController = (id: NodeId, config: SteadyConfig, boot = 0): ControllerState => ({ role: 'controller', id, config, boot, count: 0, op: undefined, last: undefined });

export function onControllerRequest(config: SteadyConfig, state: ControllerState, client: ClientId, requestId: number, request: SteadyRequest): Result {
  if (request.kind !== 'reconfigure') return { state, effects: [reply(client, requestId, { kind: 'not-primary' })] };
  if (state.last?.client === client && state.last.requestId === requestId) return { state, effects: [reply(client, requestId, state.last.response)] };
  if (state.op?.client === client && state.op.requestId === requestId) return { state, effects: [] }; // a copy of the one running
  if (state.op) return { state, effects: [reply(client, requestId, { kind: 'busy' })] };
  const tag = `${state.id}.${state.boot}.${state.count + 1}`;
  const op: Reconfiguration = { tag, client, requestId, remove: request.remove, phase: { kind: 'read' }, sinceSent: 0, age: 0 };
  return enter(config, { ...state, count: state.count + 1 }, op, { kind: 'read' });
}

/** Moves to a phase and sends its messages. */
function enter(config: SteadyConfig, state: ControllerState, op: Reconfiguration, phase: Phase): Result {
  const next = { ...op, phase, sinceSent: 0 };
  return { state: { ...state, op: next }, effects: phaseMessages(config, next) };
}

function phaseMessages(config: SteadyConfig, op: Reconfiguration): Effect<SteadyTypes>[] {
  const { phase, tag } = op;
  switch (phase.kind) {
    case 'read':
      return [send(config.store, { kind: 'read-config', op: tag })];
    case 'seal':
      // The no-seal variant only reads the replicas' logs; they keep taking the old primary's entries.
      return broadcast(phase.base.replicas, config.seal ? { kind: 'seal', epoch: phase.base.epoch, op: tag } : { kind: 'read-tail', epoch: phase.base.epoch, op: tag });
    case 'prepare':
      return broadcast(phase.next.replicas.filter((r) => !phase.prepared.includes(r)), { kind: 'prepare', configuration: phase.next, log: phase.log });
    case 'cas':
      return [send(config.store, { kind: 'cas', op: tag, expected: phase.base.epoch, next: phase.next })];
    case 'activate':
      return [send(phase.next.primary, { kind: 'activate', epoch: phase.next.epoch, op: tag })];
    default:
      return unreachable(phase);
  }
}

function finish(state: ControllerState, op: Reconfiguration, response: SteadyResponse): Result {
  return { state: { ...state, op: undefined, last: { client: op.client, requestId: op.requestId, response } }, effects: [reply(op.client, op.requestId, response)] };
}

// #region choose
/**
 * The new epoch: f + 1 replicas of the pool, but `remove`, starting at the sealed replica that gave
 * the tail. Every one of them gets the tail before the epoch exists, so any could lead; the first does.
 */
export function nextConfiguration(config: SteadyConfig, base: Configuration, source: NodeId, remove: NodeId | undefined, start: number, writer: string): Configuration {
  const at = config.pool.indexOf(source);
  const replicas = [...config.pool.slice(at), ...config.pool.slice(0, at)].filter((r) => r !== remove).slice(0, config.f + 1);
  return { epoch: base.epoch + 1, primary: replicas[0]!, replicas, start, writer };
}
// #endregion

// #region reconfigure
export function onControllerMessage(config: SteadyConfig, state: ControllerState, from: NodeId, m: SteadyMessage): Result {
  const op = state.op;
  if (!op || !('op' in m) || m.op !== op.tag) return { state, effects: [] };
  const phase = op.phase;
  if (phase.kind === 'read' && m.kind === 'config') return enter(config, state, op, { kind: 'seal', base: m.configuration });
  if (phase.kind === 'seal' && (m.kind === 'sealed' || m.kind === 'tail') && m.epoch === phase.base.epoch && phase.base.replicas.includes(from)) {
    // One sealed replica is enough: write-all put every acknowledged entry on it, and its seal stops any more.
    const next = nextConfiguration(config, phase.base, from, op.remove, m.log.length, op.tag);
    return enter(config, state, op, { kind: 'prepare', base: phase.base, next, log: m.log, prepared: [], installed: false });
  }
  if (phase.kind === 'prepare' && m.kind === 'prepare-refused') {
    // A replica is already past this epoch: someone else reconfigured first (or, once installed, later). Ask the store, which says so.
    if (phase.installed) return finish(state, op, { kind: 'reconfigured', won: true, epoch: phase.next.epoch });
    return enter(config, state, op, { kind: 'cas', base: phase.base, next: phase.next, log: phase.log });
  }
  if (phase.kind === 'prepare' && m.kind === 'prepared' && m.epoch === phase.next.epoch) {
    const prepared = phase.prepared.includes(from) ? phase.prepared : [...phase.prepared, from];
    // Every new replica holds the tail before the configuration exists, so a new epoch never starts short.
    if (prepared.length < phase.next.replicas.length) return { state: { ...state, op: { ...op, phase: { ...phase, prepared } } }, effects: [] };
    const { base, next, log } = phase;
    return enter(config, state, op, phase.installed ? { kind: 'activate', base, next, log } : { kind: 'cas', base, next, log });
  }
  if (phase.kind === 'cas' && m.kind === 'config') {
    // Of two reconfigurations of one epoch, the store installs one; the other learns it lost.
    if (!m.won) return finish(state, op, { kind: 'reconfigured', won: false, epoch: m.configuration.epoch });
    const started = enter(config, state, op, { kind: 'activate', base: phase.base, next: phase.next, log: phase.log });
    return { state: started.state, effects: [note(`installed epoch ${phase.next.epoch}: ${phase.next.replicas.join(', ')}, from ${phase.next.start}`), ...started.effects] };
  }
  if (phase.kind === 'activate' && m.kind === 'activated') {
    if (m.ok) return finish(state, op, { kind: 'reconfigured', won: true, epoch: phase.next.epoch });
    // The primary holds a loser's prepare (or has moved on): hand the installed epoch's tail out again.
    return enter(config, state, op, { kind: 'prepare', base: phase.base, next: phase.next, log: phase.log, prepared: [], installed: true });
  }
  return { state, effects: [] };
}
// #endregion

/** Resends the phase's messages to whoever has not answered, and gives up after `opTicksMax`. */
export function onControllerTick(config: SteadyConfig, state: ControllerState): Result {
  const op = state.op;
  if (!op) return { state, effects: [] };
  if (op.age + 1 >= config.opTicksMax) return finish(state, op, { kind: 'gave-up' });
  const aged = { ...op, age: op.age + 1, sinceSent: op.sinceSent + 1 };
  if (aged.sinceSent < config.retryTicks) return { state: { ...state, op: aged }, effects: [] };
  const resent = { ...aged, sinceSent: 0 };
  return { state: { ...state, op: resent }, effects: phaseMessages(config, resent) };
}
