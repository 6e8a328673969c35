/**
 * Clients: each runs a workload, one operation at a time, and records what it saw in the history.
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

type MutableOperation = { -readonly [K in keyof ClientOperation]: ClientOperation[K] };

/** The part of a client's behaviour that does not touch the network. */
export class Client<T extends ModelTypes> {
  readonly spec: ClientSpec<T>;
  readonly #rng: Rng;
  readonly #nodes: readonly NodeId[];
  #issued = 0;
  #previous: ClientOperation | undefined;
  #pending: MutableOperation | undefined;
  /** The number of the last call issued, so a retry can carry it on. */
  #lastNumber: CallNumber | undefined;

  constructor(spec: ClientSpec<T>, rng: Rng, nodes: readonly NodeId[]) {
    this.spec = spec;
    this.#rng = rng;
    this.#nodes = nodes;
  }

  get id(): ClientId {
    return this.spec.id;
  }

  /** The operation waiting for a response, if any. */
  get pending(): ClientOperation | undefined {
    return this.#pending;
  }

  /**
   * Asks the workload for the next call; returns it with the operation to append to the history and
   * its call number: `nextCall` for a new call, the previous one's with the next attempt for a retry.
   */
  issue(tick: number, opId: number, nextCall: number): { call: Call<T>; operation: ClientOperation; number: CallNumber } | undefined {
    if (this.#pending) throw new Error(`client ${this.id} issued a call while op ${this.#pending.id} is pending`);
    const context = { client: this.id, nodes: this.#nodes, tick, index: this.#issued, previous: this.#previous, rng: this.#rng };
    const call = this.spec.workload(context);
    if (call === undefined) return undefined;
    if (call.timeoutTicks !== undefined && !(Number.isInteger(call.timeoutTicks) && call.timeoutTicks >= 1)) {
      throw new Error(`client ${this.id}: timeoutTicks must be a whole number ≥ 1, got ${call.timeoutTicks}`);
    }
    if (call.retry && (this.#previous === undefined || this.#previous.returnTick !== undefined || this.#lastNumber === undefined)) {
      throw new Error(`client ${this.id}: a call marked retry must follow an operation that timed out`);
    }
    const operation: MutableOperation = { id: opId, client: this.id, op: call.op, args: call.args, invokeTick: tick };
    if (call.key !== undefined) operation.key = call.key;
    const number = call.retry ? { call: this.#lastNumber!.call, attempt: this.#lastNumber!.attempt + 1 } : { call: nextCall, attempt: 1 };
    this.#issued++;
    this.#pending = operation;
    this.#lastNumber = number;
    return { call, operation, number };
  }

  /** A response arrived. False when nobody waits for it (late after a timeout, or a duplicate). */
  complete(opId: number, result: unknown, tick: number): boolean {
    if (this.#pending?.id !== opId) return false;
    this.#pending.returnTick = tick;
    this.#pending.result = result;
    this.#finish();
    return true;
  }

  /** The timeout of `opId` expired. False when it had already returned. */
  giveUp(opId: number): boolean {
    if (this.#pending?.id !== opId) return false;
    this.#finish();
    return true;
  }

  /** Ticks to wait before the next call. */
  thinkTicks(): number {
    return this.#rng.int(0, this.spec.thinkTicksMax ?? 0);
  }

  #finish(): void {
    this.#previous = this.#pending;
    this.#pending = undefined;
  }
}
