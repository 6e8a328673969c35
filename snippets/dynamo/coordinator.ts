/**
 * The coordinator side of Dynamo (§4.5, §4.6, §5): whichever node a client calls runs its get or put
 * against the first N healthy nodes of the key's preference list, answers after R replies or W
 * acknowledgements, moves a silent replica's share to the next node of the list with a hint, and
 * after a get repairs the replicas that answered with stale versions.
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { preferenceList } from './ring.ts';
import { onReplicaMessage, storeVersions, durableOf, type Result } from './replica.ts';
import type { Asked, DynamoMessage, DynamoRequest, DynamoTypes, NodeState, OpId, Pending } from './types.ts';
import { contextOf, reconcile, sameSiblings, showVersion, type Version } from './versions.ts';

const { send, reply, persist, note } = effectsFor<DynamoTypes>();

const suspected = (state: NodeState, node: NodeId) => node !== state.id && (state.suspects[node] ?? 0) > state.now;
/** Whether to pass a node over when choosing targets (efficiency variant `avoidSuspects: false`: never). */
const avoided = (state: NodeState, node: NodeId) => state.config.avoidSuspects && suspected(state, node);

// #region sloppy-targets
/**
 * §4.6 sloppy quorum: the first N *healthy* nodes of the extended preference list. A fallback that
 * stands in for a home node (one of the top N) is told which one, so it can keep a hint.
 */
function initialTargets(state: NodeState, key: string): Asked[] {
  const list = preferenceList(state.ring, key, state.ring.length);
  const home = list.slice(0, state.config.n);
  const chosen = list.filter((node) => !avoided(state, node)).slice(0, state.config.n);
  const missing = home.filter((node) => !chosen.includes(node));
  return chosen.map((node) => ({
    node,
    home: home.includes(node) ? null : (missing.shift() ?? null),
    sentTick: state.now,
    answered: false,
    replaced: false,
    versions: [],
  }));
}
// #endregion

// #region failure-detection
/** §4.8.3: a replica that did not answer in time is suspected, and the next healthy node of the list takes its share. */
function replacement(state: NodeState, pending: Pending, silent: Asked): Asked | undefined {
  const list = preferenceList(state.ring, pending.key, state.ring.length);
  const next = list.find((node) => !avoided(state, node) && !pending.asked.some((a) => a.node === node));
  if (next === undefined) return undefined;
  const home = silent.home ?? silent.node;
  return { node: next, home: next === home ? null : home, sentTick: state.now, answered: false, replaced: false, versions: [] };
}
// #endregion

function requestFor(op: OpId, pending: Pending, asked: Asked): DynamoMessage {
  if (pending.kind === 'get') return { kind: 'read', op, key: pending.key };
  return { kind: 'replicate', op, key: pending.key, version: pending.version!, hint: asked.home };
}

/** Sends one request; a request to this node itself is served in the same step. */
function ask(state: NodeState, op: OpId, asked: Asked): Result {
  const pending = state.pending[op]!;
  const message = requestFor(op, pending, asked);
  if (asked.node !== state.id) return { state, effects: [send(asked.node, message)] };
  const local = onReplicaMessage(state, state.id, message);
  const answer = local.effects.find((e) => e.kind === 'send');
  const kept = local.effects.filter((e) => e.kind !== 'send');
  if (answer?.kind !== 'send') return { state: local.state, effects: kept };
  const next = onCoordinatorMessage(local.state, state.id, answer.message);
  return { state: next.state, effects: [...kept, ...next.effects] };
}

function askAll(state: NodeState, op: OpId, targets: readonly Asked[]): Result {
  let result: Result = { state, effects: [] };
  for (const asked of targets) {
    if (!result.state.pending[op]) break; // already finished (a local answer completed it)
    const next = ask(result.state, op, asked);
    result = { state: next.state, effects: [...result.effects, ...next.effects] };
  }
  return result;
}

// #region op-id
/**
 * Replies are matched to operations by this id alone, so it must never repeat: the incarnation (the
 * boot count, on disk before the node speaks after a restart) makes the 1st operation after a crash
 * `1.1`, not `1` again. Broken variant `incarnation: false`: back to `1`, and the acks of the old
 * life's operation 1, still in flight, acknowledge the new one.
 */
function nextOpId(state: NodeState): OpId {
  return state.config.incarnation && state.boot > 0 ? `${state.boot}.${state.nextOp}` : `${state.nextOp}`;
}
// #endregion

// #region put
/**
 * §4.5: the coordinator stamps the new version (§4.4: the client's context plus its own entry, with a
 * counter kept on disk so no two versions share a dot), stores it, and sends it to the N targets.
 */
export function onRequest(state: NodeState, client: string, requestId: number, request: DynamoRequest): Result {
  const op = nextOpId(state);
  const targets = initialTargets(state, request.key);
  let version: Version | null = null;
  let effects: Result['effects'] = [];
  let started: NodeState = { ...state, nextOp: state.nextOp + 1 };
  if (request.kind === 'put') {
    const counter = Math.max(state.issued, request.context[state.id] ?? 0) + 1;
    version = { value: request.value, context: request.context, dot: { node: state.id, counter } };
    started = { ...started, issued: counter };
    effects = [persist(durableOf(started)), ...twinNote(state, client, requestId, request, version)];
  }
  const pending: Pending = { kind: request.kind, client, requestId, key: request.key, startedTick: state.now, asked: targets, replied: false, version };
  const sent = askAll({ ...started, pending: { ...started.pending, [op]: pending } }, op, targets);
  return { state: sent.state, effects: [...effects, ...sent.effects] };
}
// #endregion

/**
 * Says so in the trace when a put will store a sibling equal in value to one this node knows: the same
 * put came again (the network or a client sent it twice), or two clients wrote the same value. Dynamo
 * cannot tell a resent put from a new one: each gets its own dot, so both versions are kept.
 */
function twinNote(state: NodeState, client: string, requestId: number, request: DynamoRequest & { kind: 'put' }, version: Version) {
  const again = Object.values(state.pending).some((p) => p.kind === 'put' && p.client === client && p.requestId === requestId);
  const twin = (state.store[request.key] ?? []).find((v) => v.value === request.value && (request.context[v.dot.node] ?? 0) < v.dot.counter);
  if (!again && twin === undefined) return [];
  const why = again ? `this put from ${client} arrived a second time` : `it is concurrent with the stored ${showVersion(twin!)}`;
  return [note(`${why}: a new version ${showVersion(version)}, kept as a sibling of equal value (a resent put is a new write to Dynamo)`)];
}

/** A replica's answer: record it, then see whether the operation can answer or finish. */
export function onCoordinatorMessage(state: NodeState, from: NodeId, message: DynamoMessage): Result {
  if (message.kind !== 'replicate-ack' && message.kind !== 'read-reply') return { state, effects: [] };
  const pending = state.pending[message.op];
  if (!pending) return { state, effects: [] };
  const versions = message.kind === 'read-reply' ? message.versions : [];
  const asked = pending.asked.map((a) => (a.node === from && !a.answered ? { ...a, answered: true, versions } : a));
  return advance(withPending(state, message.op, { ...pending, asked }), message.op);
}

// #region quorum
/**
 * Whether an operation has heard all it waits for. A put is done with a replica it replaced: the
 * fallback holds its share. A get still waits for a replaced home replica, until operationTicks (§5:
 * the coordinator "waits for a small period of time to receive any outstanding responses"): a replica
 * that is only slow, not down, answers late, and if it is stale, this repair is the only one that
 * reaches it (the model has no anti-entropy). Without the wait, delays near the replica timeout leave
 * a stale home replica unrepaired by every get (swarm seed 269).
 */
function settled(pending: Pending): boolean {
  return pending.asked.every((a) => a.answered || (a.replaced && pending.kind === 'put'));
}

/**
 * §4.5: a put succeeds once W nodes stored it, a get once R nodes answered, with every causally
 * unrelated version they returned (the siblings) and their merged clock as the context. The operation
 * stays open until every asked node answered: a put keeps moving shares to fallbacks (§4.6), a get
 * waits to repair stale replicas (§5).
 */
function advance(state: NodeState, op: OpId): Result {
  const pending = state.pending[op]!;
  const answered = pending.asked.filter((a) => a.answered);
  const effects: Result['effects'] = [];
  let next = pending;
  if (!pending.replied && answered.length >= (pending.kind === 'get' ? state.config.r : state.config.w)) {
    // Broken variant `mergeReplies: false`: one reply's versions stand for all R.
    const heard = state.config.mergeReplies ? answered : answered.slice(0, 1);
    const siblings = reconcile([], heard.flatMap((a) => a.versions));
    const response = pending.kind === 'get' ? { kind: 'get-ok' as const, siblings, context: contextOf(siblings) } : { kind: 'put-ok' as const, dot: pending.version!.dot };
    effects.push(reply(pending.client, pending.requestId, response));
    next = { ...pending, replied: true };
  }
  const done = next.replied && settled(next);
  if (!done) return { state: withPending(state, op, next), effects };
  const finished = finish(state, op, next);
  return { state: finished.state, effects: [...effects, ...finished.effects] };
}
// #endregion

// #region read-repair
/** §5: after a get, send the reconciled versions to every home replica that answered with less. */
function finish(state: NodeState, op: OpId, pending: Pending): Result {
  const { [op]: _done, ...rest } = state.pending;
  let result: Result = { state: { ...state, pending: rest }, effects: [] };
  if (pending.kind !== 'get' || !pending.replied) return result;
  const answered = pending.asked.filter((a) => a.answered);
  const latest = reconcile([], answered.flatMap((a) => a.versions));
  for (const stale of answered.filter((a) => a.home === null && !sameSiblings(a.versions, latest))) {
    if (stale.node !== state.id) {
      result.effects.push(send(stale.node, { kind: 'repair', key: pending.key, versions: latest }));
      continue;
    }
    const local = storeVersions(result.state, pending.key, latest);
    result = { state: local.state, effects: [...result.effects, ...local.effects] };
  }
  return result;
}
// #endregion

/** Each tick: give up operations past their time, and move silent replicas' shares to fallbacks. */
export function onCoordinatorTick(state: NodeState): Result {
  let result: Result = { state, effects: [] };
  for (const op of Object.keys(state.pending)) {
    const next = tickOperation(result.state, op);
    result = { state: next.state, effects: [...result.effects, ...next.effects] };
  }
  return result;
}

function tickOperation(state: NodeState, op: OpId): Result {
  const pending = state.pending[op];
  if (!pending) return { state, effects: [] };
  if (state.now - pending.startedTick >= state.config.operationTicks) return finish(state, op, pending);
  const silent = pending.asked.filter((a) => !a.answered && !a.replaced && state.now - a.sentTick >= state.config.replicaTimeoutTicks);
  if (silent.length === 0) return { state, effects: [] };
  let next: NodeState = state;
  let current = pending;
  const fresh: Asked[] = [];
  for (const a of silent) {
    next = { ...next, suspects: { ...next.suspects, [a.node]: next.now + next.config.suspectTicks } };
    const stand = replacement(next, current, a);
    current = { ...current, asked: [...current.asked.map((x) => (x === a ? { ...x, replaced: true } : x)), ...(stand ? [stand] : [])] };
    if (stand) fresh.push(stand);
  }
  return askAll(withPending(next, op, current), op, fresh);
}

function withPending(state: NodeState, op: OpId, pending: Pending): NodeState {
  return { ...state, pending: { ...state.pending, [op]: pending } };
}

export const showVersions = (vs: readonly Version[]) => (vs.length === 0 ? 'nothing' : vs.map((v) => `${v.value}@${v.dot.node}:${v.dot.counter}`).join(' | '));
