/**
 * The simulated network: decides, for each message, whether it is lost and when it (and maybe a
 * duplicate) arrives, for the seeded random scheduler. Faults are declarative options; link rules
 * (isolate, partition) are the cluster's state (`link-rules.ts`). It draws only from its own random
 * stream, so a change in how clients or the scheduler use randomness does not move a single network
 * decision.
 * (TigerBeetle's packet simulator plays the same role in its VOPR.)
 */
import type { Endpoint } from './link-rules.ts';
import type { Rng } from './rng.ts';
export { describeRule, type Endpoint, type LinkRule } from './link-rules.ts';

export interface NetworkFaults {
  /** Each copy of a message arrives after a uniform delay in [min, max] ticks; min ≥ 1. */
  readonly delayTicksMin: number;
  readonly delayTicksMax: number;
  /** Chance that a message is lost. */
  readonly lossProbability: number;
  /** Chance that a message that is not lost also arrives a second time, with its own delay. */
  readonly duplicateProbability: number;
  /**
   * true: random delays reorder messages on a link (UDP-like). false: each link delivers in send order
   * (TCP-like), delays still vary.
   */
  readonly reorder: boolean;
  /**
   * Faults aimed at one kind of message (`messageKind`: a model message's own `kind`, or `request`,
   * `reply`): its own loss, duplication or longest delay in place of the rates above. Swarm testing
   * draws these (sim/swarm.ts), so a run can lose most view-change messages, or hold client requests
   * back for a long time, while every other message travels as usual.
   */
  readonly byKind?: Readonly<Record<string, KindFaults>>;
  /**
   * Faults aimed at what one node sends (a flaky link or NIC, a gray failure; FoundationDB's simulator
   * "clogs" a machine's interface the same way): its own loss or longest delay in place of the rates
   * above. A kind's own faults (`byKind`) come first where both set a field.
   */
  readonly bySender?: Readonly<Record<string, KindFaults>>;
}

/** What a kind of message, or a sender, gets instead of the network's rates (a field left out keeps the network's). */
export interface KindFaults {
  readonly lossProbability?: number;
  readonly duplicateProbability?: number;
  /** At least the network's `delayTicksMin`. */
  readonly delayTicksMax?: number;
  /**
   * The longest delay of a duplicate's second copy (default: as the first's): a copy replayed long
   * after the first arrived, as TigerBeetle's packet simulator replays packets.
   */
  readonly duplicateDelayTicksMax?: number;
}

/**
 * The kind of a message on the wire, as `byKind` names it: `request` and `reply` for clients', and a
 * node-to-node message's `kind` (every model here tags its messages so), else `message`.
 */
export function messageKind(envelope: { readonly kind: 'message' | 'request' | 'reply'; readonly message?: unknown }): string {
  if (envelope.kind !== 'message') return envelope.kind;
  const tag = typeof envelope.message === 'object' && envelope.message !== null ? (envelope.message as { kind?: unknown }).kind : undefined;
  return typeof tag === 'string' ? tag : 'message';
}

/**
 * The network once the faults stop (`Simulator.settle`): no loss, no duplication, and no kind of
 * message or sender singled out. Delays and reordering stay: they are how the network works, not faults.
 */
export function calm(faults: NetworkFaults): NetworkFaults {
  const { byKind: _kinds, bySender: _senders, ...rest } = faults;
  return { ...rest, lossProbability: 0, duplicateProbability: 0 };
}

/** A network that only delays: no loss, no duplicates, reordering from random delays of 1–3 ticks. */
export const RELIABLE_NETWORK: NetworkFaults = {
  delayTicksMin: 1,
  delayTicksMax: 3,
  lossProbability: 0,
  duplicateProbability: 0,
  reorder: true,
};

export type DropReason = 'loss' | 'partition' | 'crashed';

/** Arrival ticks of each copy (the second, if any, is a duplicate), or lost. */
export type Route = { readonly kind: 'deliver'; readonly arrivalTicks: readonly number[] } | { readonly kind: 'drop'; readonly reason: 'loss' };

export class Network {
  #rng: Rng;
  #faults: NetworkFaults;
  /** Latest arrival scheduled per link, so a FIFO link never lets a message overtake. */
  #lastArrivalTick = new Map<string, number>();

  constructor(rng: Rng, faults: NetworkFaults) {
    this.#rng = rng;
    this.#faults = checkFaults(faults);
  }

  get faults(): NetworkFaults {
    return this.#faults;
  }

  set faults(faults: NetworkFaults) {
    this.#faults = checkFaults(faults);
  }

  /**
   * Decides the fate of one message of `kind` (`messageKind`) sent at `nowTick` over a link no rule
   * cuts (the cluster checks the rules). Faults aimed at its kind or sender change the odds, never the
   * number of draws.
   */
  route(from: Endpoint, to: Endpoint, nowTick: number, kind?: string): Route {
    const own = { ...this.#faults.bySender?.[from], ...(kind === undefined ? undefined : this.#faults.byKind?.[kind]) };
    if (this.#rng.chance(own.lossProbability ?? this.#faults.lossProbability)) return { kind: 'drop', reason: 'loss' };
    const delayTicksMax = own.delayTicksMax ?? this.#faults.delayTicksMax;
    const arrivalTicks = [this.#arrival(from, to, nowTick, delayTicksMax)];
    if (this.#rng.chance(own.duplicateProbability ?? this.#faults.duplicateProbability)) arrivalTicks.push(this.#arrival(from, to, nowTick, own.duplicateDelayTicksMax ?? delayTicksMax));
    return { kind: 'deliver', arrivalTicks };
  }

  #arrival(from: Endpoint, to: Endpoint, nowTick: number, delayTicksMax: number): number {
    const tick = nowTick + this.#rng.int(this.#faults.delayTicksMin, delayTicksMax);
    if (this.#faults.reorder) return tick;
    const link = `${from}\u0000${to}`;
    const fifoTick = Math.max(tick, this.#lastArrivalTick.get(link) ?? 0);
    this.#lastArrivalTick.set(link, fifoTick);
    return fifoTick;
  }
}

function checkFaults(faults: NetworkFaults): NetworkFaults {
  const { delayTicksMin: min, delayTicksMax: max } = faults;
  // A zero delay would let a message arrive in the step that sent it, and two nodes could ping-pong forever within one tick.
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new Error(`network delay must be whole ticks with 1 ≤ delayTicksMin ≤ delayTicksMax, got [${min}, ${max}]`);
  }
  for (const key of ['lossProbability', 'duplicateProbability'] as const) {
    if (!(faults[key] >= 0 && faults[key] <= 1)) throw new Error(`${key} must be in [0, 1], got ${faults[key]}`);
  }
  const aimed = [...Object.entries(faults.byKind ?? {}).map(([k, own]) => [`byKind.${k}`, own] as const), ...Object.entries(faults.bySender ?? {}).map(([n, own]) => [`bySender.${n}`, own] as const)];
  for (const [where, own] of aimed) {
    for (const key of ['lossProbability', 'duplicateProbability'] as const) {
      const p = own[key];
      if (p !== undefined && !(p >= 0 && p <= 1)) throw new Error(`${where}.${key} must be in [0, 1], got ${p}`);
    }
    for (const key of ['delayTicksMax', 'duplicateDelayTicksMax'] as const) {
      const ticks = own[key];
      if (ticks !== undefined && (!Number.isInteger(ticks) || ticks < min)) {
        throw new Error(`${where}.${key} must be a whole number of ticks ≥ delayTicksMin (${min}), got ${ticks}`);
      }
    }
  }
  return faults;
}
