/**
 * Clients: each runs a workload, one operation at a time, and records what it saw in the history.
 * Their state is plain data in the cluster; these functions compute the next one.
 * A workload is a function the client calls whenever it is free; it picks the node, the request, and
 * how the operation should appear in the history. Routing is the workload's job because it is the
 * protocol's job (VR clients send to the primary they believe in, Dynamo clients to any coordinator):
 * the context carries the client's previous operation, so a workload can follow a redirect or try
 * another node after a timeout.
 */
import type { ClientOperation } from './history.ts';
import type { Rng } from './rng.ts';
import type { ClientId, ModelTypes, NodeId } from './types.ts';

/** One operation a workload wants issued. */
export interface Call<T extends ModelTypes> {
  readonly to: NodeId;
  readonly request: T['request'];
  /** For the history: the operation's name and arguments, as the checker's model reads them. */
  readonly op: string;
  readonly args: unknown;
  readonly key?: string;
  /** Give up after this many ticks without a response; the operation stays open (no returnTick). */
  readonly timeoutTicks?: number;
  /**
   * This call sends the client's previous operation again, because it timed out: the trace shows it
   * as the same client call, next attempt (`call 3, attempt 2`), not as a new one. The history still
   * gets one entry per attempt, each with its own id, since each may take effect.
   */
  readonly retry?: boolean;
}

/** Which client call an attempt belongs to: calls are numbered across the run, attempts from 1. */
export interface CallNumber {
  readonly call: number;
  readonly attempt: number;
}

export interface WorkloadContext {
  readonly client: ClientId;
  readonly nodes: readonly NodeId[];
  readonly tick: number;
  /** How many operations this client issued before this one. */
  readonly index: number;
  /** The client's previous operation (with its result, or without returnTick if it timed out). */
  readonly previous: ClientOperation | undefined;
  /** This client's own random stream. */
  readonly rng: Rng;
}

/** Returns the next call, or undefined when the client is done. */
export type Workload<T extends ModelTypes> = (context: WorkloadContext) => Call<T> | undefined;

export interface ClientSpec<T extends ModelTypes> {
  readonly id: ClientId;
  readonly workload: Workload<T>;
  /** When the first call is issued (default 1). */
  readonly startTick?: number;
  /** Pause between an operation's end and the next call: uniform in [0, max] ticks (default 0). */
  readonly thinkTicksMax?: number;
}

/**
 * A client's state, plain data the cluster keeps with the nodes' (so a cluster can be copied and
 * restored whole). The workload function itself must hold no state of its own for the explorer.
 */
export interface ClientState {
  readonly id: ClientId;
  /** How many operations it issued. */
  readonly issued: number;
  readonly previous: ClientOperation | undefined;
  /** The operation waiting for a response, if any. */
  readonly pending: ClientOperation | undefined;
  /** The number of the last call issued, so a retry can carry it on. */
  readonly lastNumber: CallNumber | undefined;
  /** Free to make its next call (when is the scheduler's choice); false while one is pending and once the workload is done. */
  readonly ready: boolean;
  /** The pending operation gives up after this many ticks without a response (the scheduler decides when they have passed). */
  readonly timeoutTicks: number | undefined;
}

export function newClient(id: ClientId): ClientState {
  return { id, issued: 0, previous: undefined, pending: undefined, lastNumber: undefined, ready: true, timeoutTicks: undefined };
}

export interface Issue {
  readonly tick: number;
  readonly order: number;
  readonly opId: number;
  readonly nextCall: number;
  readonly nodes: readonly NodeId[];
  readonly rng: Rng;
}

export type Issued<T extends ModelTypes> =
  | { readonly state: ClientState; readonly call: Call<T>; readonly operation: ClientOperation; readonly number: CallNumber }
  | { readonly state: ClientState; readonly call: undefined };

type MutableOperation = { -readonly [K in keyof ClientOperation]: ClientOperation[K] };

/**
 * Asks the workload for the next call; returns it with the operation to append to the history and
 * its call number: `nextCall` for a new call, the previous one's with the next attempt for a retry.
 * Without a call the client is done.
 */
export function issue<T extends ModelTypes>(spec: ClientSpec<T>, client: ClientState, at: Issue): Issued<T> {
  if (client.pending) throw new Error(`client ${client.id} issued a call while op ${client.pending.id} is pending`);
  const context = { client: client.id, nodes: at.nodes, tick: at.tick, index: client.issued, previous: client.previous, rng: at.rng };
  const call = spec.workload(context);
  if (call === undefined) return { state: { ...client, ready: false }, call: undefined };
  if (call.timeoutTicks !== undefined && !(Number.isInteger(call.timeoutTicks) && call.timeoutTicks >= 1)) {
    throw new Error(`client ${client.id}: timeoutTicks must be a whole number ≥ 1, got ${call.timeoutTicks}`);
  }
  const last = client.lastNumber;
  if (call.retry && (client.previous === undefined || client.previous.returnTick !== undefined || last === undefined)) {
    throw new Error(`client ${client.id}: a call marked retry must follow an operation that timed out`);
  }
  const operation: MutableOperation = { id: at.opId, client: client.id, op: call.op, args: call.args, invokeTick: at.tick, invokeOrder: at.order };
  if (call.key !== undefined) operation.key = call.key;
  const number = call.retry && last ? { call: last.call, attempt: last.attempt + 1 } : { call: at.nextCall, attempt: 1 };
  const state = { ...client, issued: client.issued + 1, pending: operation, lastNumber: number, ready: false, timeoutTicks: call.timeoutTicks };
  return { state, call, operation, number };
}

/** A response arrived: the operation completed, or undefined when nobody waits for it (late after a timeout, or a duplicate). */
export function complete(client: ClientState, opId: number, result: unknown, tick: number, order: number): { state: ClientState; operation: ClientOperation } | undefined {
  if (client.pending?.id !== opId) return undefined;
  const operation: ClientOperation = { ...client.pending, returnTick: tick, returnOrder: order, result };
  return { state: finish(client, operation), operation };
}

/** The timeout of `opId` expired: the client moves on, the operation stays open. Undefined when it had already returned. */
export function giveUp(client: ClientState, opId: number): ClientState | undefined {
  if (client.pending?.id !== opId) return undefined;
  return finish(client, client.pending);
}

function finish(client: ClientState, previous: ClientOperation): ClientState {
  return { ...client, previous, pending: undefined, ready: true, timeoutTicks: undefined };
}
