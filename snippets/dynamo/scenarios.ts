/**
 * Scripted runs of the Dynamo model for the note's diagrams and for the broken variants' tests
 * (```mermaid scenario="dynamo/hinted-handoff"```). Key `cart-1` lives on n4, n5, n2 (its top N = 3
 * with 8 tokens per node); n3 and n1 are its first fallbacks.
 */
import type { Scenarios } from '../demo.ts';
import { simulate, traceToMermaid, type Call, type ClientSpec, type RunResult } from '../sim/index.ts';
import type { ScriptedRun } from '../play/from-run.ts';
import { DEFAULT_CONFIG, dynamo } from './node.ts';
import { converged, dynamoInvariants, nodeNames, staleGet } from './run-dynamo.ts';
import type { DynamoConfig, DynamoTypes } from './types.ts';
import type { VectorClock } from './vector-clock.ts';

const KEY = 'cart-1';
const NODES = nodeNames(5);

/** A client that makes the given calls, one after another. */
const calls = (...list: Call<DynamoTypes>[]): ClientSpec<DynamoTypes>['workload'] => ({ index }) => list[index];
const put = (to: string, value: number, context: VectorClock = {}): Call<DynamoTypes> => ({ to, request: { kind: 'put', key: KEY, context, value }, op: 'put', args: value, key: KEY, timeoutTicks: 60 });
const get = (to: string): Call<DynamoTypes> => ({ to, request: { kind: 'get', key: KEY }, op: 'get', args: KEY, key: KEY, timeoutTicks: 60 });

/**
 * §4.6: the three home replicas n4, n5, n2 are cut off from the rest. c1 puts 7 through n3, which
 * suspects the homes after its timeout and writes to itself and n1 with hints for n4 and n5: W = 2,
 * acknowledged. The partition heals at tick 40; at tick 70 c2 reads through n4.
 * With hinted handoff, n3 and n1 hand the replicas back and the read sees 7. Without it (broken
 * variant), the replicas stay on n3 and n1 with no owner recorded: the read misses an acknowledged
 * write and the home replicas never converge.
 */
// #region partitioned-write
export function partitionedWriteRun(hintedHandoff: boolean): ScriptedRun<DynamoTypes> {
  const config: DynamoConfig = { ...DEFAULT_CONFIG, hintedHandoff };
  return {
    model: dynamo,
    nodes: NODES,
    config,
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 2 },
    clients: [
      { id: 'c1', startTick: 2, workload: calls(put('n3', 7)) },
      { id: 'c2', startTick: 70, workload: calls(get('n4')) },
    ],
    scenario: (sim) => {
      sim.partition(['n4', 'n5', 'n2'], ['n3', 'n1', 'c1']);
      sim.at(40, (s) => s.heal());
    },
    safetyTicks: 80,
    liveness: { progress: 'home replicas of cart-1 converge with every acknowledged put', holds: (view) => converged(view, config, [KEY]) === undefined, withinTicks: 120 },
  };
}

export const partitionedWrite = (hintedHandoff: boolean): RunResult<DynamoTypes> => simulate(partitionedWriteRun(hintedHandoff));
// #endregion

/**
 * §4.5: c1 puts 7 through n4 while n4's messages to the other home replicas are late; c2 then gets
 * through n5. With R = W = 1 each is answered by its coordinator alone and the read misses the write.
 * With R = W = 2 the put cannot be acknowledged until a second node stores it, so the early get is
 * concurrent with it, not stale.
 */
export function writeThenReadRun(r: number, w: number): ScriptedRun<DynamoTypes> {
  return {
    model: dynamo,
    nodes: NODES,
    config: { ...DEFAULT_CONFIG, r, w },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [
      { id: 'c1', workload: calls(put('n4', 7)) },
      { id: 'c2', startTick: 5, workload: calls(get('n5')) },
    ],
    scenario: (sim) => {
      sim.partition(['n4'], ['n5', 'n2'], { oneWay: true });
      sim.at(10, (s) => s.heal());
    },
    safetyTicks: 40,
  };
}

export const writeThenRead = (r: number, w: number): RunResult<DynamoTypes> => simulate(writeThenReadRun(r, w));

/** The stale read, if the run has one (for tests and the scenario's caption). */
export function staleReadIn(result: RunResult<DynamoTypes>): string | undefined {
  for (const op of result.history) {
    if (op.op !== 'get' || op.returnTick === undefined) continue;
    const problem = staleGet(result.history, op as Parameters<typeof staleGet>[1]);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * §4.4: c1 and c2 both put with an empty context, through n4 and n5, at the same time. Neither has
 * seen the other, so a get returns both as siblings; c3 writes back 12 with the merged context, and
 * the next get returns 12 alone.
 */
export function concurrentPutsRun(): ScriptedRun<DynamoTypes> {
  return {
    model: dynamo,
    nodes: NODES,
    config: DEFAULT_CONFIG,
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 2 },
    clients: [
      { id: 'c1', workload: calls(put('n4', 5)) },
      { id: 'c2', workload: calls(put('n5', 6)) },
      {
        id: 'c3',
        startTick: 12,
        workload: ({ index, previous }) => {
          if (index === 0) return get('n2');
          if (index === 1 && previous?.returnTick !== undefined) {
            const context = (previous.result as { context: VectorClock }).context;
            return put('n2', 12, context);
          }
          return index === 2 ? get('n4') : undefined;
        },
      },
    ],
    safetyTicks: 50,
  };
}

export const concurrentPuts = (): RunResult<DynamoTypes> => simulate(concurrentPutsRun());

// #region restarted-coordinator
/**
 * Issue 29 §2: c1 puts 5 through n3 (not a home of cart-1), which sends its replicates (op 1) and
 * crashes at tick 5, restarting at once. Its replicates are still in flight and land on the homes
 * n4, n5, n2, whose acks (op 1) head back to the restarted n3. Meanwhile c2 puts 7 through n3, and a
 * one-way cut from n3 to the homes drops its replicates. Without the incarnation, put 7 is op 1
 * again, and the two acks for put 5 acknowledge it: put 7 is on no disk. With it, put 7 is op 1.1,
 * the stale acks count for nothing, and after 13 silent ticks n3 writes to itself and n1 with hints.
 */
export function restartedCoordinatorRun(incarnation: boolean): ScriptedRun<DynamoTypes> {
  const config: DynamoConfig = { ...DEFAULT_CONFIG, incarnation };
  return {
    model: dynamo,
    nodes: NODES,
    config,
    seed: 1,
    network: { delayTicksMin: 3, delayTicksMax: 3 },
    clients: [
      { id: 'c1', startTick: 1, workload: calls(put('n3', 5)) },
      { id: 'c2', startTick: 6, workload: calls(put('n3', 7)) },
    ],
    scenario: (sim) => {
      sim.at(5, (s) => s.crash('n3').restart('n3'));
      sim.at(9, (s) => s.partition(['n3'], ['n4', 'n5', 'n2'], { oneWay: true }));
      sim.at(40, (s) => s.heal());
    },
    invariants: dynamoInvariants({ strict: false }),
    safetyTicks: 60,
  };
}

export const restartedCoordinator = (incarnation: boolean): RunResult<DynamoTypes> => simulate(restartedCoordinatorRun(incarnation));
// #endregion

/**
 * The same reuse hands a get another key's versions (issue 29 §2): replies carry the op id, not the
 * key. c1 puts 5 to cart-1 through n4. c2 gets cart-1 through n3 (not one of its homes): n3's op 1,
 * reads to n4, n5, n2. n3 crashes and restarts at tick 13, and then c3's get of cart-2 (homes n3, n4,
 * n1) reaches it: op 1 again, with the incarnation op 1.1. n3 answers itself (nothing), and the first
 * other answer is n4's stale reply for cart-1, holding 5: without the incarnation it counts, and
 * get(cart-2) returns 5, a value never put to cart-2.
 */
export function getOfAnotherKey(incarnation: boolean): RunResult<DynamoTypes> {
  const getCart2 = (to: string): Call<DynamoTypes> => ({ to, request: { kind: 'get', key: 'cart-2' }, op: 'get', args: 'cart-2', key: 'cart-2', timeoutTicks: 60 });
  return simulate<DynamoTypes>({
    model: dynamo,
    nodes: NODES,
    config: { ...DEFAULT_CONFIG, incarnation },
    seed: 1,
    network: { delayTicksMin: 2, delayTicksMax: 2 },
    clients: [
      { id: 'c1', startTick: 1, workload: calls(put('n4', 5)) },
      { id: 'c2', startTick: 10, workload: calls(get('n3')) },
      { id: 'c3', startTick: 14, workload: calls(getCart2('n3')) },
    ],
    scenario: (sim) => sim.at(13, (s) => s.crash('n3').restart('n3')),
    invariants: dynamoInvariants({ strict: false }),
    safetyTicks: 40,
  });
}

/**
 * §4.4, a dot names one write: c1 puts 5 through n3 (dot n3:1) and is acknowledged; n3 crashes and
 * restarts at tick 8; c2 puts 7 through n3 with an empty context. With the counter on disk, 7 gets
 * n3:2 and the homes keep both as siblings. With `durableDots: false`, 7 gets n3:1 again: the homes
 * take it for the version they hold, acknowledge it, and keep 5; put 7 is acknowledged and on no disk.
 */
export function forgottenCounterRun(durableDots: boolean): ScriptedRun<DynamoTypes> {
  return {
    model: dynamo,
    nodes: NODES,
    config: { ...DEFAULT_CONFIG, durableDots },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [
      { id: 'c1', startTick: 1, workload: calls(put('n3', 5)) },
      { id: 'c2', startTick: 9, workload: ({ index }) => [put('n3', 7), get('n4')][index] },
    ],
    scenario: (sim) => sim.at(8, (s) => s.crash('n3').restart('n3')),
    invariants: dynamoInvariants({ strict: false }),
    safetyTicks: 30,
  };
}

export const forgottenCounter = (durableDots: boolean): RunResult<DynamoTypes> => simulate(forgottenCounterRun(durableDots));

/**
 * §4.5, a get merges what R replicas said: c1 puts 7 through n4 while n4's messages to n5 are cut, so
 * n4 and n2 store it (W = 2). c2 then gets through n5: its own copy (empty) answers first, then n2's
 * (7); n4's answer is cut. Merging both, the get returns 7. With `mergeReplies: false` it returns
 * n5's nothing: R = 2 replicas answered, one of them had the write, and the get still misses it.
 */
export function firstReplyOnlyRun(mergeReplies: boolean): ScriptedRun<DynamoTypes> {
  return {
    model: dynamo,
    nodes: NODES,
    config: { ...DEFAULT_CONFIG, mergeReplies },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [
      { id: 'c1', startTick: 1, workload: calls(put('n4', 7)) },
      { id: 'c2', startTick: 8, workload: calls(get('n5')) },
    ],
    scenario: (sim) => {
      sim.partition(['n4'], ['n5'], { oneWay: true });
      sim.at(30, (s) => s.heal());
    },
    invariants: dynamoInvariants({ strict: true }),
    safetyTicks: 30,
  };
}

export const firstReplyOnly = (mergeReplies: boolean): RunResult<DynamoTypes> => simulate(firstReplyOnlyRun(mergeReplies));

/**
 * §4.6, the first N *healthy* nodes: two of cart-1's homes, n4 and n2, are down for the whole run, and
 * c1 puts 1, 2, 3 in turn through n5. The first put waits out the replica timeout before n5 moves the
 * dead nodes' shares to fallbacks; n5 now suspects them, so the next puts go straight to n5, n3 and
 * n1. With `avoidSuspects: false` every put waits out the timeout again. Only time is lost, never a write.
 */
export function deadHomesRun(avoidSuspects: boolean): ScriptedRun<DynamoTypes> {
  return {
    model: dynamo,
    nodes: NODES,
    config: { ...DEFAULT_CONFIG, avoidSuspects },
    seed: 1,
    network: { delayTicksMin: 1, delayTicksMax: 1 },
    clients: [{ id: 'c1', startTick: 2, workload: calls(put('n5', 1), put('n5', 2), put('n5', 3)) }],
    scenario: (sim) => {
      sim.crash('n4');
      sim.crash('n2');
    },
    invariants: dynamoInvariants({ strict: false }),
    safetyTicks: 80,
  };
}

export const deadHomes = (avoidSuspects: boolean): RunResult<DynamoTypes> => simulate(deadHomesRun(avoidSuspects));

export const scenarios: Scenarios = {
  /** Sloppy quorum and hinted handoff: the write lands on fallbacks and is handed back after the heal. */
  'hinted-handoff': () => traceToMermaid(partitionedWrite(true).trace, { toTick: 80, linesMax: 60 }),
  /** Broken variant: no hints, so the acknowledged write never reaches its home replicas. */
  'no-hinted-handoff': () => traceToMermaid(partitionedWrite(false).trace, { toTick: 80, linesMax: 60 }),
  /** Broken variant R = W = 1 (R + W ≤ N): the get misses the acknowledged put. */
  'stale-read': () => traceToMermaid(writeThenRead(1, 1).trace, { toTick: 12, linesMax: 60 }),
  /** R = W = 2: the same cut; the put is not acknowledged until a second node (a fallback, with a hint) stores it. */
  'strict-quorum-read': () => traceToMermaid(writeThenRead(2, 2).trace, { toTick: 20, linesMax: 60 }),
  /** Two concurrent puts come back as siblings; a put with the merged context collapses them. */
  siblings: () => traceToMermaid(concurrentPuts().trace, { linesMax: 60 }),
  /** Broken variant `incarnation: false`: the acks for the old life's put 5 acknowledge the new life's put 7, which is on no disk. */
  'op-ids-restart': () => traceToMermaid(restartedCoordinator(false).trace, { toTick: 13, linesMax: 60, nodes: ['c1', 'c2', 'n3', 'n4', 'n5', 'n2'] }),
};
