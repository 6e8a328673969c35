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

  /** Decides the fate of one message sent at `nowTick` over a link no rule cuts (the cluster checks the rules). */
  route(from: Endpoint, to: Endpoint, nowTick: number): Route {
    if (this.#rng.chance(this.#faults.lossProbability)) return { kind: 'drop', reason: 'loss' };
    const arrivalTicks = [this.#arrival(from, to, nowTick)];
    if (this.#rng.chance(this.#faults.duplicateProbability)) arrivalTicks.push(this.#arrival(from, to, nowTick));
    return { kind: 'deliver', arrivalTicks };
  }

  #arrival(from: Endpoint, to: Endpoint, nowTick: number): number {
    const tick = nowTick + this.#rng.int(this.#faults.delayTicksMin, this.#faults.delayTicksMax);
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
  return faults;
}
