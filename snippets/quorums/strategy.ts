/**
 * Strategies and load (Whittaker et al., "Read-Write Quorum Systems Made Practical", PaPoC 2021, building on Naor & Wool, SIAM J. Computing 1998).
 *
 * A protocol does not just need quorums to exist; on every operation it has to *pick* one. A
 * strategy says how: a probability distribution over read quorums and one over write quorums. Given
 * the workload's read fraction, the strategy fixes how often each node is contacted, and the busiest
 * node is the bottleneck. That is the paper's load; its inverse, capacity, is how many operations per
 * unit of one node's throughput the system can serve.
 *
 * `load` here is the load *of a given strategy*. The paper's load of a quorum system is the minimum
 * over all strategies, which Quoracle finds with a linear program; that optimiser is not modelled.
 */
import type { Rng } from '../sim/rng.ts';
import { isQuorum, quorums } from './quorum-system.ts';
import type { NodeName, Operation, Quorum, QuorumSystem } from './quorum-system.ts';

export interface Choice {
  readonly quorum: Quorum;
  readonly probability: number;
}

/** σ = (σ_R, σ_W): probabilities over read quorums and over write quorums, each summing to 1. */
export interface Strategy {
  readonly reads: readonly Choice[];
  readonly writes: readonly Choice[];
}

/** Quorums with relative weights, e.g. `[[['a', 'b'], 2], [['c', 'd'], 1]]`. */
export type Weights = readonly (readonly [readonly NodeName[], number])[];

// #region uniform-strategy
/** Every minimal read quorum equally likely, and every minimal write quorum equally likely. */
export function uniformStrategy(system: QuorumSystem): Strategy {
  const uniform = (op: Operation): Choice[] => {
    const qs = [...quorums(system, op)];
    return qs.map((quorum) => ({ quorum, probability: 1 / qs.length }));
  };
  return { reads: uniform('read'), writes: uniform('write') };
}
// #endregion

/**
 * A strategy from relative weights (normalised to probabilities, as Quoracle's make_strategy does).
 * Every quorum must really be a read (write) quorum of the system; zero weights are dropped.
 */
export function makeStrategy(system: QuorumSystem, weights: { reads: Weights; writes: Weights }): Strategy {
  const normalise = (op: Operation, ws: Weights): Choice[] => {
    let total = 0;
    for (const [quorum, w] of ws) {
      if (!Number.isFinite(w) || w < 0) throw new Error(`makeStrategy: ${op} weight ${w} for {${quorum.join(', ')}} is not a non-negative number`);
      if (!isQuorum(system, op, quorum)) throw new Error(`makeStrategy: {${quorum.join(', ')}} is not a ${op} quorum`);
      total += w;
    }
    if (total <= 0) throw new Error(`makeStrategy: the ${op} weights must not all be zero`);
    return ws.filter(([, w]) => w > 0).map(([quorum, w]) => ({ quorum: system.nodes.filter((n) => quorum.includes(n)), probability: w / total }));
  };
  return { reads: normalise('read', weights.reads), writes: normalise('write', weights.writes) };
}

// #region load
/**
 * Whittaker et al., after Naor & Wool: with read fraction f_r, an operation is a read with probability f_r and picks
 * read quorum r with probability σ_R(r), else a write picking w with probability σ_W(w). The load of
 * node x is the probability that the operation contacts x:
 *   load(x) = f_r · Σ_{r ∋ x} σ_R(r) + (1 − f_r) · Σ_{w ∋ x} σ_W(w)
 */
export function nodeLoads(system: QuorumSystem, strategy: Strategy, readFraction: number): Record<NodeName, number> {
  if (!(readFraction >= 0 && readFraction <= 1)) throw new Error(`readFraction must be in [0, 1], got ${readFraction}`);
  const loads = new Map<NodeName, number>(system.nodes.map((node) => [node, 0]));
  const add = (choices: readonly Choice[], share: number) => {
    for (const { quorum, probability } of choices) {
      for (const node of quorum) loads.set(node, (loads.get(node) ?? unknownNode(node)) + share * probability);
    }
  };
  add(strategy.reads, readFraction);
  add(strategy.writes, 1 - readFraction);
  return Object.fromEntries(loads);
}

/** The load of a strategy is the load of its busiest node: that node saturates first. */
export function load(system: QuorumSystem, strategy: Strategy, readFraction: number): number {
  return Math.max(...Object.values(nodeLoads(system, strategy, readFraction)));
}
// #endregion

/** Capacity = 1 / load: operations served per unit of a single node's throughput (Whittaker et al. (after Naor & Wool)). */
export function capacity(system: QuorumSystem, strategy: Strategy, readFraction: number): number {
  return 1 / load(system, strategy, readFraction);
}

/** Draws one quorum from a distribution (e.g. `strategy.reads`), for a protocol that must pick one. */
export function pickQuorum(choices: readonly Choice[], rng: Rng): Quorum {
  if (choices.length === 0) throw new Error('pickQuorum: no quorums to pick from');
  let u = rng.next();
  for (const { quorum, probability } of choices) {
    if (u < probability) return quorum;
    u -= probability;
  }
  return choices[choices.length - 1]!.quorum; // rounding left u just above the last bucket
}

function unknownNode(node: NodeName): never {
  throw new Error(`strategy names ${node}, which is not a node of the system`);
}
