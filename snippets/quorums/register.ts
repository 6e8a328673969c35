/**
 * A replicated read/write register over a quorum system, run on the simulator: the multi-writer ABD
 * protocol (Attiya, Bar-Noy, Dolev 1995) with Dynamo's knobs. Any replica coordinates a client's
 * operation. A write first asks a read quorum for the highest version, then stores a higher one at
 * a write quorum. A read asks a read quorum, takes the highest version and, before answering, writes
 * it back to a write quorum, so no later read can see an older value.
 *
 * With every read quorum meeting every write quorum (R + W > N for thresholds) the register is
 * linearizable. Two broken variants show why each rule is there: R + W ≤ N lets a read miss the
 * latest write, and skipping the write-back lets two reads see the new value, then the old. The
 * config's other flags each turn off one more rule (incarnation, persist before ack, run a request once).
 */
import { effectsFor, Rng, unreachable, type Effect, type Model, type NodeId } from '../sim/index.ts';
import { isQuorum, type Operation, type QuorumSystem } from './quorum-system.ts';
import { pickQuorum, uniformStrategy } from './strategy.ts';

/**
 * Orders writes: higher counter wins; the writer breaks ties between concurrent writes. The writer
 * names the coordinator *and* its operation: one coordinator may run two writes at once, and if both
 * got the same version, replicas would keep different values under one version and reads would disagree.
 * The operation number includes the coordinator's incarnation, or a restarted coordinator would
 * name a new write exactly as it named one of its previous life.
 */
export interface Version {
  readonly counter: number;
  /** `r2.7`: operation 7 coordinated by r2; `r2.1.7`: its operation 7 after its first restart. */
  readonly writer: string;
}

export interface Stored {
  readonly version: Version;
  readonly value: number | null;
}

export interface RegisterConfig {
  readonly system: QuorumSystem;
  /** `quorum`: ask one quorum drawn from the uniform strategy; `all`: ask everyone, finish on the first quorum to answer. */
  readonly contact: 'quorum' | 'all';
  /** Broken variant when false: reads answer without writing back what they saw. */
  readonly writeBack: boolean;
  /**
   * Broken variant when false: operation numbers, and with them writers and versions, restart at 1
   * after a crash, so two different writes can carry the same version.
   */
  readonly incarnation: boolean;
  /** Broken variant when true: a replica acknowledges a store before it writes it to disk (a crash between the two loses an acknowledged write). */
  readonly ackBeforePersist?: boolean;
  /** Broken variant when true: a coordinator runs every copy of a request it receives, so a duplicated write is stored twice, under two versions. */
  readonly rerunDuplicates?: boolean;
}

export type RegisterRequest =
  | { readonly kind: 'read'; readonly pick: number }
  | { readonly kind: 'write'; readonly value: number; readonly pick: number };

export type RegisterResponse = { readonly kind: 'read-ok'; readonly value: number | null } | { readonly kind: 'write-ok' };

/** One operation of one coordinator: `7`, or `1.7` after its first restart (the incarnation, from disk). */
type OpId = string;

export type RegisterMessage =
  | { readonly kind: 'query'; readonly op: OpId }
  | { readonly kind: 'query-reply'; readonly op: OpId; readonly stored: Stored }
  | { readonly kind: 'store'; readonly op: OpId; readonly stored: Stored }
  | { readonly kind: 'store-ack'; readonly op: OpId };

/** An operation this node coordinates: which phase it is in and who has answered. */
interface Pending {
  readonly client: string;
  readonly requestId: number;
  readonly request: RegisterRequest;
  readonly phase: 'query' | 'store';
  readonly answered: readonly NodeId[];
  /** Highest version heard in the query phase; in the store phase, what is being stored. */
  readonly stored: Stored;
}

/** The latest request a client sent this coordinator, and the reply once it has finished. */
interface Handled {
  readonly requestId: number;
  readonly response?: RegisterResponse;
}

export interface RegisterState {
  readonly id: NodeId;
  readonly replicas: readonly NodeId[];
  readonly config: RegisterConfig;
  /** This replica's copy of the register (also on disk). */
  readonly stored: Stored;
  /** How many times this node restarted (also on disk, before it speaks after a restart). */
  readonly boot: number;
  /** The next operation's number within this incarnation. */
  readonly nextOp: number;
  readonly pending: Readonly<Record<OpId, Pending>>;
  /** Per client, the last request this node started (memory only; see `isDuplicate`). */
  readonly handled: Readonly<Record<string, Handled>>;
}

/** What a replica keeps on disk: its copy of the register and its incarnation. */
export interface RegisterDurable {
  readonly stored: Stored;
  readonly boot: number;
}

export type RegisterTypes = {
  state: RegisterState;
  message: RegisterMessage;
  request: RegisterRequest;
  response: RegisterResponse;
  durable: RegisterDurable;
  config: RegisterConfig;
};

type Result = { state: RegisterState; effects: Effect<RegisterTypes>[] };

const { send, reply, persist } = effectsFor<RegisterTypes>();
const INITIAL: Stored = { version: { counter: 0, writer: '' }, value: null };

export function newer(a: Version, b: Version): boolean {
  return a.counter !== b.counter ? a.counter > b.counter : a.writer > b.writer;
}

// #region replica
/** The replica side: report what it holds; keep a stored value only if it is newer, on disk first. */
function onReplicaMessage(state: RegisterState, from: NodeId, message: RegisterMessage): Result {
  if (message.kind === 'query') {
    return { state, effects: [send(from, { kind: 'query-reply', op: message.op, stored: state.stored })] };
  }
  if (message.kind === 'store') {
    const ack = send(from, { kind: 'store-ack', op: message.op });
    if (!newer(message.stored.version, state.stored.version)) return { state, effects: [ack] };
    return { state: { ...state, stored: message.stored }, effects: [persist({ stored: message.stored, boot: state.boot }), ack] };
  }
  return { state, effects: [] };
}
// #endregion

// #region choose-quorum
/** Whom to ask: one quorum drawn with the request's random pick, or every replica. */
function contacts(state: RegisterState, op: Operation, pick: number): readonly NodeId[] {
  if (state.config.contact === 'all') return state.replicas;
  const strategy = uniformStrategy(state.config.system);
  return pickQuorum(op === 'read' ? strategy.reads : strategy.writes, new Rng(pick));
}
// #endregion

/** Sends a message to each target; a message to this node itself is handled in the same step. */
function ask(state: RegisterState, targets: readonly NodeId[], message: RegisterMessage): Result {
  let result: Result = { state, effects: [] };
  for (const to of targets) {
    if (to !== state.id) {
      result.effects.push(send(to, message));
      continue;
    }
    const local = onReplicaMessage(result.state, state.id, message);
    const answer = local.effects.find((e) => e.kind === 'send');
    const others = local.effects.filter((e) => e.kind !== 'send');
    result = { state: local.state, effects: [...result.effects, ...others] };
    if (answer?.kind === 'send') {
      const next = onCoordinatorMessage(result.state, state.id, answer.message);
      result = { state: next.state, effects: [...result.effects, ...next.effects] };
    }
  }
  return result;
}

// #region op-id
/**
 * Replies are matched by this id, and a write's version is named by it, so it must never repeat: after
 * a restart it carries the boot count. Broken variant `incarnation: false`: it restarts at 1, and the
 * first write after a crash takes the version of the first write before it.
 */
function nextOpId(state: RegisterState): OpId {
  return state.config.incarnation && state.boot > 0 ? `${state.boot}.${state.nextOp}` : `${state.nextOp}`;
}
// #endregion

// #region duplicates
/**
 * A request is one operation however many copies of it arrive: run twice, a write would store its
 * value again under a second, higher version, possibly above another client's later write, and reads
 * would see that write undone. A client has one request out at a time and numbers them upward, so the
 * highest number seen per client is enough: a copy of the running request is ignored, a copy of the
 * finished one gets the same reply, and an older one is stale (its client has moved on).
 *
 * The record lives in memory only. It must last as long as a copy of the request can still arrive, and
 * in this simulator a crash drops every message in flight to the node, so a restarted node never
 * receives a request its earlier life took. On a network that can hold a packet across a reboot it
 * would have to be written to disk before the operation's first message leaves.
 */
function isDuplicate(state: RegisterState, client: string, requestId: number): Result | undefined {
  const seen = state.handled[client];
  if (state.config.rerunDuplicates || !seen || requestId > seen.requestId) return undefined;
  const again = requestId === seen.requestId && seen.response ? [reply(client, requestId, seen.response)] : [];
  return { state, effects: again };
}
// #endregion

function onRequest(state: RegisterState, client: string, requestId: number, request: RegisterRequest): Result {
  const duplicate = isDuplicate(state, client, requestId);
  if (duplicate) return duplicate;
  const op = nextOpId(state);
  const pending: Pending = { client, requestId, request, phase: 'query', answered: [], stored: INITIAL };
  const started = { ...state, nextOp: state.nextOp + 1, pending: { ...state.pending, [op]: pending }, handled: { ...state.handled, [client]: { requestId } } };
  // Writes query too: a new version must be higher than any a read quorum has seen (multi-writer ABD).
  return ask(started, contacts(state, 'read', request.pick), { kind: 'query', op });
}

// #region read-path
/** Coordinator: count answers; when they form a quorum, move to the next phase or answer the client. */
function onCoordinatorMessage(state: RegisterState, from: NodeId, message: RegisterMessage): Result {
  if (message.kind !== 'query-reply' && message.kind !== 'store-ack') return { state, effects: [] };
  const pending = state.pending[message.op];
  const expected = message.kind === 'query-reply' ? 'query' : 'store';
  if (!pending || pending.phase !== expected || pending.answered.includes(from)) return { state, effects: [] };
  const heard = message.kind === 'query-reply' && newer(message.stored.version, pending.stored.version) ? message.stored : pending.stored;
  const updated: Pending = { ...pending, answered: [...pending.answered, from], stored: heard };
  const quorum = isQuorum(state.config.system, expected === 'query' ? 'read' : 'write', updated.answered);
  if (!quorum) return { state: withPending(state, message.op, updated), effects: [] };
  if (expected === 'store') return finish(state, message.op, updated);
  // A read writes back what it will return (nothing to repair if nobody ever wrote).
  const repair = state.config.writeBack && updated.stored.version.counter > 0;
  if (updated.request.kind === 'read' && !repair) return finish(state, message.op, updated);
  return startStore(state, message.op, updated);
}
// #endregion

// #region write-path
/** Second phase: a write stores a version above everything the read quorum reported; a read stores what it will return. */
function startStore(state: RegisterState, op: OpId, pending: Pending): Result {
  const { request } = pending;
  const stored: Stored =
    request.kind === 'write'
      ? { version: { counter: pending.stored.version.counter + 1, writer: `${state.id}.${op}` }, value: request.value }
      : pending.stored;
  const storing: Pending = { ...pending, phase: 'store', answered: [], stored };
  return ask(withPending(state, op, storing), contacts(state, 'write', request.pick), { kind: 'store', op, stored });
}
// #endregion

function finish(state: RegisterState, op: OpId, pending: Pending): Result {
  const { [op]: _done, ...rest } = state.pending;
  const response: RegisterResponse = pending.request.kind === 'read' ? { kind: 'read-ok', value: pending.stored.value } : { kind: 'write-ok' };
  const handled = state.handled[pending.client]?.requestId === pending.requestId ? { ...state.handled, [pending.client]: { requestId: pending.requestId, response } } : state.handled;
  return { state: { ...state, pending: rest, handled }, effects: [reply(pending.client, pending.requestId, response)] };
}

function withPending(state: RegisterState, op: OpId, pending: Pending): RegisterState {
  return { ...state, pending: { ...state.pending, [op]: pending } };
}

export const register: Model<RegisterTypes> = {
  name: 'quorum register',
  init: (id, peers, config) => ({ id, replicas: [id, ...peers].sort(), config, stored: INITIAL, boot: 0, nextOp: 1, pending: {}, handled: {} }),
  // What a coordinator had in flight is lost with its memory: those clients time out. Each restart is a new incarnation.
  recover: (id, peers, config, durable) => ({ ...register.init(id, peers, config), stored: durable?.stored ?? INITIAL, boot: (durable?.boot ?? 0) + 1 }),
  step(state, input) {
    switch (input.kind) {
      case 'request':
        return onRequest(state, input.client, input.requestId, input.request);
      case 'message': {
        const asReplica = onReplicaMessage(state, input.from, input.message);
        const asCoordinator = onCoordinatorMessage(asReplica.state, input.from, input.message);
        // The broken variant sends the acknowledgement first: a crash between the two loses an acknowledged store.
        const replicaEffects = state.config.ackBeforePersist ? [...asReplica.effects].sort((a, b) => Number(a.kind === 'persist') - Number(b.kind === 'persist')) : asReplica.effects;
        return { state: asCoordinator.state, effects: [...replicaEffects, ...asCoordinator.effects] };
      }
      case 'restart': // the new incarnation is on disk before the node sends or answers anything
        return { state, effects: [persist({ stored: state.stored, boot: state.boot })] };
      case 'tick':
        return { state, effects: [] };
      default:
        return unreachable(input);
    }
  },
  describeMessage: (m) => {
    switch (m.kind) {
      case 'query':
        return `query, op ${m.op}`;
      case 'query-reply':
        return `has ${show(m.stored)}, op ${m.op}`;
      case 'store':
        return `store ${show(m.stored)}, op ${m.op}`;
      case 'store-ack':
        return `stored, op ${m.op}`;
      default:
        return unreachable(m);
    }
  },
  describeRequest: (r) => (r.kind === 'read' ? 'read' : `write ${r.value}`),
  describeResponse: (r) => (r.kind === 'read-ok' ? `read ${r.value ?? 'nothing'}` : 'ok'),
  describeDurable: (d) => (d.boot > 0 ? `${show(d.stored)}; boot ${d.boot}` : show(d.stored)),
};

function show(stored: Stored): string {
  return stored.version.counter === 0 ? 'nothing' : `${stored.value} (v${stored.version.counter} by ${stored.version.writer})`;
}
