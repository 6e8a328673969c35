/**
 * Named runs of the quorum register whose diagrams the quorums note draws at build time
 * (```mermaid scenario="quorums/stale-read"```), so the pictures are what the model does.
 */
import type { Scenarios } from '../demo.ts';
import { Rng, simulate, traceToMermaid, type ClientSpec, type RunResult } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { checkIntersection, grid, gridSkippingLastRow, thresholds, type QuorumSystem } from './quorum-system.ts';
import { pickQuorum, uniformStrategy } from './strategy.ts';
import { toMermaid } from './render.ts';
import { register, type RegisterTypes } from './register.ts';
import { registerInvariants, replicaNames } from './run-register.ts';

/** A client that makes exactly one call. */
const once = (call: ReturnType<ClientSpec<RegisterTypes>['workload']>): ClientSpec<RegisterTypes>['workload'] => ({ index }) =>
  index === 0 ? call : undefined;

/** Client c1 writes 7 through r1; a few ticks later c2 reads through r3, while r1's store to r3 is cut. */
export function writeThenReadRun(r: number, w: number): ScriptedRun<RegisterTypes> {
  const nodes = replicaNames(3);
  return {
    model: register,
    nodes,
    config: { system: thresholds(nodes, r, w), contact: 'all', writeBack: true, incarnation: true },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [
      { id: 'c1', workload: once({ to: 'r1', request: { kind: 'write', value: 7, pick: 0 }, op: 'write', args: 7, key: 'x' }) },
      { id: 'c2', startTick: 6, workload: once({ to: 'r3', request: { kind: 'read', pick: 0 }, op: 'read', args: null, key: 'x' }) },
    ],
    safetyTicks: 16,
    // r1's messages to r3 are late (cut for the first ticks): r3 has not heard of the write yet.
    scenario: (sim) => {
      sim.partition(['r1'], ['r3'], { oneWay: true });
      sim.at(14, (s) => s.heal());
    },
  };
}

function writeThenRead(r: number, w: number): string {
  return traceToMermaid(simulate(writeThenReadRun(r, w)).trace, { toTick: 13 });
}

/**
 * A write that reaches only its coordinator: c1's write of 7 through r1 gets its stores to r2 and r3
 * cut, so only r1 holds 7 and the write never completes. c2 then reads through r2 and hears r1 first;
 * c3 reads through r3, which cannot hear r1. With the write-back, c2 leaves 7 at r2 and c3 reads 7;
 * without it, c3 reads the old value after c2 read the new one.
 */
export function halfFinishedWriteRun(writeBack: boolean): ScriptedRun<RegisterTypes> {
  const nodes = replicaNames(3);
  return {
    model: register,
    nodes,
    config: { system: thresholds(nodes, 2, 2), contact: 'all', writeBack, incarnation: true },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [
      { id: 'c1', workload: once({ to: 'r1', request: { kind: 'write', value: 7, pick: 0 }, op: 'write', args: 7, key: 'x', timeoutTicks: 30 }) },
      { id: 'c2', startTick: 9, workload: once({ to: 'r2', request: { kind: 'read', pick: 0 }, op: 'read', args: null, key: 'x' }) },
      { id: 'c3', startTick: 18, workload: once({ to: 'r3', request: { kind: 'read', pick: 0 }, op: 'read', args: null, key: 'x' }) },
    ],
    safetyTicks: 26,
    scenario: (sim) => {
      // Tick 4: r1 has its read quorum and sends its stores, into a one-way cut.
      sim.at(4, (s) => s.partition(['r1'], ['r2', 'r3'], { oneWay: true }));
      sim.at(8, (s) => s.heal().partition(['r1'], ['r3']));
    },
  };
}

export const halfFinishedWrite = (writeBack: boolean): RunResult<RegisterTypes> => simulate(halfFinishedWriteRun(writeBack));

/** A request's `pick` that makes a coordinator with `contact: 'quorum'` ask exactly `quorum`, for reads and for writes. */
function pickFor(system: QuorumSystem, quorum: readonly string[]): number {
  const strategy = uniformStrategy(system);
  const same = (q: readonly string[]) => q.length === quorum.length && q.every((n) => quorum.includes(n));
  for (let pick = 0; pick < 1000; pick++) {
    if (same(pickQuorum(strategy.reads, new Rng(pick))) && same(pickQuorum(strategy.writes, new Rng(pick)))) return pick;
  }
  throw new Error(`no pick below 1000 asks ${quorum.join(', ')}`);
}

// #region restarted-writer
/**
 * Issue 29 §3, N = 3, R = W = 2, each operation asks one quorum. c1 writes 111 through r1 to {r2, r3};
 * the store to r3 is cut, only r2 keeps it as version (1, r1.1), and r1 crashes and restarts at tick 6.
 * c2 writes 222 through r1 to {r1, r3}, where neither has heard of 111: the new version is (1, r1.1)
 * again without the incarnation, (1, r1.1.1) with it. c3 then reads through r2 from {r2, r3}, and
 * later c4 through r3 from {r1, r3}. Without the incarnation c3 reads 111 (r2 answers first, and r3's
 * 222 looks no newer) after 222 completed, and c4 reads 222: no order of the four explains both reads.
 */
export function restartedWriterRun(incarnation: boolean, invariants = true): ScriptedRun<RegisterTypes> {
  const nodes = replicaNames(3);
  const system = thresholds(nodes, 2, 2);
  const through = (quorum: string[]) => pickFor(system, quorum);
  const write = (to: string, value: number, quorum: string[]) => ({ to, request: { kind: 'write' as const, value, pick: through(quorum) }, op: 'write', args: value, key: 'x', timeoutTicks: 30 });
  const read = (to: string, quorum: string[]) => ({ to, request: { kind: 'read' as const, pick: through(quorum) }, op: 'read', args: null, key: 'x', timeoutTicks: 30 });
  return {
    model: register,
    nodes,
    config: { system, contact: 'quorum', writeBack: true, incarnation },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [
      { id: 'c1', workload: once(write('r1', 111, ['r2', 'r3'])) },
      { id: 'c2', startTick: 7, workload: once(write('r1', 222, ['r1', 'r3'])) },
      { id: 'c3', startTick: 14, workload: once(read('r2', ['r2', 'r3'])) },
      { id: 'c4', startTick: 22, workload: once(read('r3', ['r1', 'r3'])) },
    ],
    safetyTicks: 30,
    // false: let the run go on past the broken invariant, to see what the clients read.
    ...(invariants ? { invariants: registerInvariants() } : {}),
    scenario: (sim) => {
      // Tick 4: r1 has its read quorum and sends its stores; the one to r3 is cut.
      sim.at(4, (s) => s.partition(['r1'], ['r3'], { oneWay: true }));
      sim.at(6, (s) => s.crash('r1').restart('r1').heal());
    },
  };
}

export const restartedWriter = (incarnation: boolean, invariants = true): RunResult<RegisterTypes> => simulate(restartedWriterRun(incarnation, invariants));
// #endregion

export const scenarios: Scenarios = {
  /** N = 3, R = 1, W = 1: the write is acknowledged by r1 and r2, the read asks r3 alone and misses it. */
  'stale-read': () => writeThenRead(1, 1),
  /** N = 3, R = 2, W = 2: the read must hear from two replicas, one of which has the write. */
  'strict-quorum-read': () => writeThenRead(2, 2),
  /** Reads that skip the write-back: c2 sees the new value, then c3 sees the old one. */
  'no-write-back': () => traceToMermaid(halfFinishedWrite(false).trace, { toTick: 22 }),
  /** Broken variant `incarnation: false`: the restarted r1 gives 222 the version r2 holds for 111; reads see 111, then 222. */
  'writer-ids-restart': () => traceToMermaid(restartedWriter(false, false).trace, { linesMax: 70 }),
  /** A 3 × 3 grid with one read quorum (a row) and one write quorum (a node per row) marked. */
  grid: () => {
    const rows = [['a', 'b', 'c'], ['d', 'e', 'f'], ['g', 'h', 'i']];
    return toMermaid(grid(rows), { read: ['d', 'e', 'f'], write: ['a', 'e', 'i'] });
  },
  /** The broken grid (writes skip the last row) with the disjoint pair the intersection check finds. */
  'broken-grid': () => {
    const system = gridSkippingLastRow([['a', 'b', 'c'], ['d', 'e', 'f'], ['g', 'h', 'i']]);
    const pair = checkIntersection(system);
    return toMermaid(system, pair.ok ? {} : { read: pair.read, write: pair.write });
  },
};
